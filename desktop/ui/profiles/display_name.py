"""The name this profile is listed under on the profile picker, changed from Settings.

The name lives in the profile's profile.json (store/profile_info.py), not in its database,
since the picker shows it before the diary is unlocked. How the clinic lists people (chosen
names or initials) comes with the ClinicPolicy the main window hands down.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.content.loader import text
from desktop.store import profile_info
from desktop.ui.base.clinic_policy import HOME, ClinicPolicy
from desktop.ui.profiles.profile_dialogs import fit_height
from desktop.ui.widgets.widgets import label


class DisplayNameDialog(QDialog):
    def __init__(self, parent: QWidget | None, current: str, picker_names: str, taken: set[str]):
        super().__init__(parent)
        self.setWindowTitle(text("display_name_dialog_title"))
        self.setMinimumWidth(520)
        self.picker_names, self.taken = picker_names, taken
        self.field = QLineEdit(current)
        self.field.setAccessibleName(text("display_name_label").replace("&", "").rstrip(":"))
        self.field.selectAll()
        self.problem = label("", "pinMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        hint = "display_name_hint_initials" if picker_names == profile_info.INITIALS else "display_name_hint"
        layout.addWidget(label(text(hint)))
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        fit_height(self, 520)

    def _check_and_accept(self) -> None:
        problem = profile_info.problem_with(self.field.text(), self.picker_names, self.taken)
        self.problem.setText(problem)
        if not problem:
            self.accept()


class DisplayNameRow(QWidget):
    """"On the list of profiles you are shown as Maggie." and a button to change it."""

    changed = Signal(str)  # the name the screen now shows for this profile

    def __init__(self, profile_folder: Path, parent: QWidget | None = None, policy: ClinicPolicy = HOME):
        super().__init__(parent)
        self.folder = profile_folder
        self.root = profile_folder.parent.parent
        self.picker_names = policy.picker_names
        self.kiosk = policy.kiosk
        self.status = label("")
        self.change_button = QPushButton(text("display_name_change"))
        self.change_button.clicked.connect(self.change)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def _labels(self) -> dict[str, str]:
        return profile_info.labels_here(self.root, self.picker_names, self.kiosk, including=self.folder.name)

    def shown(self) -> str:
        return self._labels()[self.folder.name]

    def refresh(self) -> None:
        self.status.setText(text("display_name_settings", name=self.shown()))

    def change(self) -> None:
        labels = self._labels()
        taken = {shown.casefold() for name, shown in labels.items() if name != self.folder.name}
        current = profile_info.read_display_name(self.folder) or labels[self.folder.name]
        dialog = DisplayNameDialog(self, current, self.picker_names, taken)
        if dialog.exec() != QDialog.Accepted:
            return
        profile_info.write_display_name(self.folder, profile_info.cleaned(dialog.field.text(), self.picker_names))
        self.refresh()
        self.changed.emit(self.shown())
