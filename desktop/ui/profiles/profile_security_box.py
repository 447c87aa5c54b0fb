"""Settings card: the name this profile is listed under, its PIN or passphrase, and locking
after a time without use.

In kiosk mode the card only says that the clinic manages both (a patient cannot change
them); the ClinicPolicy handed down from the main window says whether this is a kiosk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.content.loader import text
from desktop.security.profile_lock import PASSPHRASE, PIN, ProfileLock, SecretRejected, check_new_secret
from desktop.store.disk_errors import user_message
from desktop.store.settings_service import AUTO_LOCK_SETTING, SettingsService
from desktop.ui.base import operations, startup
from desktop.ui.base.clinic_policy import HOME, ClinicPolicy
from desktop.ui.profiles.display_name import DisplayNameRow
from desktop.ui.profiles.profile_dialogs import ask_secret, fit_height
from desktop.ui.widgets.widgets import label

AUTO_LOCK_CHOICES = (0, 2, 5, 10, 30)


class SetSecretDialog(QDialog):
    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set a PIN or passphrase"))
        self.setMinimumWidth(560)
        self.pin = QRadioButton(self.tr("A PIN (4 to 12 digits)"))
        self.passphrase = QRadioButton(self.tr("A passphrase (10 characters or more)"))
        group = QButtonGroup(self)
        group.addButton(self.pin)
        group.addButton(self.passphrase)
        self.pin.setChecked(True)
        self.secret, self.again = QLineEdit(), QLineEdit()
        for field, name in ((self.secret, self.tr("New PIN or passphrase")), (self.again, self.tr("The same again"))):
            field.setEchoMode(QLineEdit.Password)
            field.setAccessibleName(name)
        self.problem = label("", "pinMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.pin)
        form.addRow("", self.passphrase)
        form.addRow(self.tr("&New:"), self.secret)
        form.addRow(self.tr("The same &again:"), self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(label(text("pin_honest_pin"), "muted"))
        layout.addWidget(label(text("pin_honest_passphrase"), "muted"))
        layout.addWidget(buttons)
        fit_height(self)

    @property
    def kind(self) -> str:
        return PIN if self.pin.isChecked() else PASSPHRASE

    def problem_with_answers(self) -> str:
        try:
            check_new_secret(self.secret.text(), self.kind)
        except SecretRejected as exc:
            return str(exc)
        return "" if self.secret.text() == self.again.text() else self.tr("The two entries are not the same.")

    def _check_and_accept(self) -> None:
        self.problem.setText(self.problem_with_answers())
        if not self.problem.text():
            self.accept()


class ProfileSecurityBox(QFrame):
    def __init__(self, settings: SettingsService, profile_dir: Path, parent: QWidget | None = None,
                 policy: ClinicPolicy = HOME):
        super().__init__(parent)
        self.setObjectName("card")
        self.settings = settings
        self.lock = ProfileLock(profile_dir)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(self.tr("Your name and PIN"), "h2"))
        self.name_row = DisplayNameRow(profile_dir, policy=policy)
        layout.addWidget(self.name_row)
        self.status = label("", "muted")
        layout.addWidget(self.status)
        self.set_button = QPushButton()
        self.set_button.clicked.connect(self.set_secret)
        self.remove_button = QPushButton(self.tr("&Remove it..."))
        self.remove_button.clicked.connect(self.remove_secret)
        self.auto_lock = QComboBox()
        self.auto_lock.setAccessibleName(self.tr("Lock after a time without use"))
        for minutes in AUTO_LOCK_CHOICES:
            self.auto_lock.addItem(self.tr("Never") if minutes == 0 else
                                   self.tr("After %1 minutes without use").replace("%1", str(minutes)), minutes)
        self.auto_lock.currentIndexChanged.connect(self._auto_lock_chosen)
        row = QHBoxLayout()
        row.addWidget(self.set_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        lock_row = QHBoxLayout()
        self.auto_lock_label = label(self.tr("Lock SupportBack:"), wrap=False)
        lock_row.addWidget(self.auto_lock_label)
        lock_row.addWidget(self.auto_lock)
        lock_row.addStretch(1)
        layout.addLayout(lock_row)
        self.kiosk = not policy.patient_manages_pin
        self.refresh()

    def refresh(self) -> None:
        kind = self.lock.kind
        if self.kiosk:
            self.status.setText(self.tr("On this clinic computer, the clinic staff look after PINs and locking."))
        elif kind:
            self.status.setText(text("pin_honest_passphrase" if kind == PASSPHRASE else "pin_honest_pin"))
        else:
            self.status.setText(self.tr("Your diary opens without a PIN. Add one if others use this computer."))
        self.set_button.setText(self.tr("&Change the PIN or passphrase...") if kind
                                else self.tr("&Add a PIN or passphrase..."))
        for widget in (self.set_button, self.auto_lock, self.auto_lock_label):
            widget.setVisible(not self.kiosk)
        self.remove_button.setVisible(kind is not None and not self.kiosk)
        self.auto_lock.setEnabled(kind is not None)  # locking without a PIN would keep nobody out
        current = int(self.settings.get(AUTO_LOCK_SETTING, "0") or 0) if kind else 0
        self.auto_lock.blockSignals(True)
        self.auto_lock.setCurrentIndex(max(0, self.auto_lock.findData(current)))
        self.auto_lock.blockSignals(False)

    def _with_current_secret(self, then: Callable[[str], None]) -> None:
        """``then`` with "" when there is no PIN, or with the right current PIN or passphrase
        (checked on a worker thread: scrypt takes a moment); nothing when it is wrong or not given."""
        if not self.lock.is_protected:
            then("")
            return
        secret = ask_secret(self, text("pin_ask_pin"))
        if secret is None:
            return

        def checked(result) -> None:
            if result.ok:
                then(secret)
                return
            message = text("pin_wait", seconds=round(result.wait_seconds)) if result.wait_seconds else text("pin_wrong")
            self.refresh()
            startup.show_warning(self, self.tr("Not changed"), message)

        operations.run(self, lambda: self.lock.try_secret(secret), checked, status=self.status,
                       message=text("busy_checking_pin"), controls=self._buttons(), error_title=self.tr("Not changed"))

    def _buttons(self) -> tuple[QWidget, ...]:
        return self.set_button, self.remove_button, self.auto_lock

    def _change(self, current: str, new_secret: str | None, kind: str | None,
                after: Callable[[], None] | None = None) -> None:
        """Re-protect the diary and every backup on a worker thread, the window held still meanwhile."""
        from desktop.store.encryption import change_protection

        folder = self.lock.path.parent
        self.settings.database.release_connections()  # re-encrypting needs the file to itself

        def finished(problem: BaseException | None = None) -> None:
            if after is not None:
                after()
            self.refresh()
            if problem is not None:  # a full disk too: the profile keeps its old protection
                startup.show_warning(self, self.tr("Not changed"),
                                     user_message(problem, self.tr("nothing was changed")))

        operations.run(self,
                       lambda: change_protection(folder.parent.parent, folder.name, current or None, new_secret, kind),
                       lambda _none: finished(), failed=finished, status=self.status, message=text("busy_protection"),
                       block_window=True)

    def set_secret(self) -> None:
        self._with_current_secret(self._ask_new_secret)

    def _ask_new_secret(self, current: str) -> None:
        dialog = SetSecretDialog(self)
        if dialog.exec() == QDialog.Accepted:
            self._change(current, dialog.secret.text(), dialog.kind)
        else:
            self.refresh()

    def remove_secret(self) -> None:
        def remove(current: str) -> None:
            if current:
                self._change(current, None, None, after=lambda: self.settings.set(AUTO_LOCK_SETTING, "0"))

        self._with_current_secret(remove)

    def _auto_lock_chosen(self, _index: int) -> None:
        self.settings.set(AUTO_LOCK_SETTING, str(self.auto_lock.currentData()))
