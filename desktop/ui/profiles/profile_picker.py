"""The profile picker: one big button per person, and New / Rename / Delete below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.ui.widgets.widgets import label

COLUMNS = 2


class ProfilePicker(QWidget):
    chosen = Signal(str)
    new_requested = Signal()
    rename_requested = Signal()
    delete_requested = Signal()
    close_requested = Signal()

    def __init__(self, clinic_name: str = "", parent: QWidget | None = None, kiosk: bool = False):
        super().__init__(parent)
        self.setObjectName("page")
        self.kiosk = kiosk
        self.buttons: dict[str, QPushButton] = {}
        self.heading = label(text("profiles_heading"), "h1")
        self.clinic = label(clinic_name, "h2")
        self.clinic.setVisible(bool(clinic_name))
        self.hint = label(text("profiles_hint"))
        self.notice = label("", "tipNotice")
        self.notice.setVisible(False)
        self.message = label("", "pinMessage")
        self.message.setVisible(False)
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 8, 0, 8)
        self.grid.setSpacing(16)
        for index in range(COLUMNS):
            self.grid.setColumnStretch(index, 1)  # every name's button the same width

        self.new_button = QPushButton(self.tr("&New profile…"))
        self.rename_button = QPushButton(self.tr("&Rename…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setObjectName("danger")
        self.new_button.clicked.connect(self.new_requested)
        self.rename_button.clicked.connect(self.rename_requested)
        self.delete_button.clicked.connect(self.delete_requested)
        self.close_button = QPushButton(self.tr("Close SupportBack (staff)"))
        self.close_button.clicked.connect(self.close_requested)
        self.close_button.setVisible(False)  # kiosk mode only: there may be no window manager to close it
        actions = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)

        column = QVBoxLayout()
        column.setSpacing(12)
        for widget in (self.clinic, self.heading, self.hint, self.notice, self.message, self.grid_box):
            column.addWidget(widget)
        column.addSpacing(12)
        column.addLayout(actions)
        column.addStretch(1)
        # It scrolls: a clinic may list many people on a small screen (a 1024x600 kiosk).
        body = QWidget()
        outer = QHBoxLayout(body)
        outer.setContentsMargins(48, 48, 48, 32)
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidget(body)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.scroll)
        for key in (Qt.Key_Down, Qt.Key_Right):
            QShortcut(QKeySequence(key), self, activated=lambda: self._move_focus(1))
        for key in (Qt.Key_Up, Qt.Key_Left):
            QShortcut(QKeySequence(key), self, activated=lambda: self._move_focus(-1))

    def show_profiles(self, profiles: list[tuple[str, str, str | None]]) -> None:
        """(folder name, name to show, "pin" / "passphrase" / None) for each profile, in order."""
        for button in self.buttons.values():
            button.hide()
            button.deleteLater()
        self.buttons = {}
        for index, (name, shown, kind) in enumerate(profiles):
            marker = self._marker(kind)
            button = QPushButton(f"{shown}\n{marker}" if marker else shown)
            button.setObjectName("profileButton")
            button.setAccessibleName(shown)
            button.setAccessibleDescription(marker)
            button.setCursor(Qt.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, n=name: self.chosen.emit(n))
            self.grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.buttons[name] = button
        self.hint.setText(text("profiles_hint") if profiles else text("profiles_none"))
        self.rename_button.setEnabled(bool(profiles))
        self.delete_button.setEnabled(bool(profiles))
        first = next(iter(self.buttons.values()), self.new_button)
        first.setFocus(Qt.OtherFocusReason)

    def _marker(self, kind: str | None) -> str:
        """Only what helps the person choosing: in kiosk mode every profile needs a PIN, so only one
        without is marked (it cannot be opened); at home, the ones that will ask for one."""
        if self.kiosk:
            return "" if kind else text("picker_no_pin_kiosk")
        return {"pin": text("picker_has_pin"), "passphrase": text("picker_has_passphrase")}.get(kind or "", "")

    def set_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def set_notice(self, notice: str) -> None:
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))

    def _move_focus(self, step: int) -> None:
        order = list(self.buttons.values())
        if not order:
            return
        current = self.focusWidget()
        index = order.index(current) if current in order else -step
        target = order[(index + step) % len(order)]
        target.setFocus(Qt.TabFocusReason)
        self.scroll.ensureWidgetVisible(target)
