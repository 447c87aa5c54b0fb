"""Dialogs of the profile picker: a new profile, deleting one, and asking for a secret."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.content.loader import text
from desktop.security.profile_lock import PASSPHRASE, PIN, SecretRejected, check_new_secret
from desktop.store import profile_info
from desktop.store.profiles import ProfileError, check_profile_name
from desktop.ui.widgets.widgets import label


def fit_height(dialog: QDialog, width: int = 600) -> None:
    """Tall enough for its wrapped text at this width (Qt sizes windows without it, squashing the fields)."""
    dialog.setMinimumWidth(width)
    dialog.setMinimumHeight(dialog.layout().totalHeightForWidth(width))


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    field.setAccessibleName(name)
    return field


class NewProfileDialog(QDialog):
    """Name, the name on the list, and optionally (always, in kiosk mode) a PIN or passphrase typed twice."""

    def __init__(self, parent: QWidget | None, secret_required: bool, existing: list[str],
                 picker_names: str = profile_info.CHOSEN, taken: set[str] = frozenset()):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New profile"))
        self.setMinimumWidth(600)
        self.secret_required = secret_required
        self.existing = {name.casefold() for name in existing}
        self.picker_names, self.taken = picker_names, taken
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        # The name on the list follows the name typed (its first word in kiosk mode, or its
        # initials) until the patient types one of their own.
        self.display = QLineEdit()
        self.display.setAccessibleName(text("display_name_label").replace("&", "").rstrip(":"))
        self.name.textChanged.connect(self._follow_name)
        self.none = QRadioButton(self.tr("No PIN"))
        self.pin = QRadioButton(self.tr("A PIN (4 to 12 digits)"))
        self.passphrase = QRadioButton(self.tr("A passphrase (10 characters or more)"))
        self.kinds = QButtonGroup(self)
        for button in (self.none, self.pin, self.passphrase):
            self.kinds.addButton(button)
        self.none.setEnabled(not secret_required)
        (self.pin if secret_required else self.none).setChecked(True)
        self.secret = _password_field(self.tr("PIN or passphrase"))
        self.again = _password_field(self.tr("The same again"))
        self.problem = label("", "pinMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Make the profile"))
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        self.kinds.buttonToggled.connect(lambda *_: self._kind_changed())

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(text("display_name_label"), self.display)
        hint = "display_name_hint_initials" if picker_names == profile_info.INITIALS else "display_name_hint"
        form.addRow("", label(text(hint), "muted"))
        form.addRow(self.tr("Protect it with:"), self.none)
        form.addRow("", self.pin)
        form.addRow("", self.passphrase)
        form.addRow(self.tr("&PIN or passphrase:"), self.secret)
        form.addRow(self.tr("The same &again:"), self.again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(label(text("profile_new_hint")))
        if secret_required:
            layout.addWidget(label(text("profile_kiosk_pin_required"), "muted"))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(label(text("pin_honest_pin"), "muted"))
        layout.addWidget(label(text("pin_honest_passphrase"), "muted"))
        layout.addWidget(self.buttons)
        self._kind_changed()
        fit_height(self)

    def _follow_name(self, typed: str) -> None:
        if not self.display.isModified():  # typed in by the patient: theirs
            self.display.setText(profile_info.suggested_name(typed, self.picker_names, self.secret_required))

    @property
    def kind(self) -> str | None:
        if self.pin.isChecked():
            return PIN
        return PASSPHRASE if self.passphrase.isChecked() else None

    def _kind_changed(self) -> None:
        for field in (self.secret, self.again):
            field.setEnabled(self.kind is not None)

    def problem_with_answers(self) -> str:
        """Empty when the answers can be used; otherwise what to fix, in words."""
        name = self.name.text().strip()
        try:
            check_profile_name(name)
        except ProfileError as exc:
            return str(exc)
        if name.casefold() in self.existing:
            return self.tr("There is already a profile with that name.")
        problem = profile_info.problem_with(self.display.text(), self.picker_names, self.taken)
        if problem:
            return problem
        if self.kind is not None:
            try:
                check_new_secret(self.secret.text(), self.kind)
            except SecretRejected as exc:
                return str(exc)
            if self.secret.text() != self.again.text():
                return self.tr("The two entries are not the same; please type them again.")
        return ""

    def _check_and_accept(self) -> None:
        problem = self.problem_with_answers()
        self.problem.setText(problem)
        if not problem:
            self.accept()


class DeleteProfileDialog(QDialog):
    """Deleting needs the profile's PIN (if it has one) and its name typed out."""

    def __init__(self, parent: QWidget | None, name: str, protected: bool):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete a profile"))
        self.setMinimumWidth(600)
        self.profile = name
        self.secret = _password_field(self.tr("PIN or passphrase"))
        self.secret.setVisible(protected)
        self.typed = QLineEdit()
        self.typed.setAccessibleName(self.tr("Type the profile name to confirm"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.delete_button = self.buttons.addButton(self.tr("Delete for good"), QDialogButtonBox.DestructiveRole)
        self.delete_button.setObjectName("danger")
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.typed.textChanged.connect(lambda typed: self.delete_button.setEnabled(typed.strip() == name))
        self.problem = label("", "pinMessage")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(label(text("profile_delete_warning", name=name), "h2"))
        form = QFormLayout()
        if protected:
            form.addRow(self.tr("Its &PIN or passphrase:"), self.secret)
        form.addRow(label(text("profile_delete_confirm", name=name)), self.typed)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.Cancel).setDefault(True)
        fit_height(self)


class SecretDialog(QDialog):
    """One hidden field (the clinic admin PIN)."""

    def __init__(self, parent: QWidget | None, message: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Staff only"))
        self.field = _password_field(self.tr("Admin PIN"))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(message))
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        fit_height(self, 480)


def ask_secret(parent: QWidget | None, message: str) -> str | None:
    dialog = SecretDialog(parent, message)
    return dialog.field.text() if dialog.exec() == QDialog.Accepted else None
