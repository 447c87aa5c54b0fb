"""Typing a profile's PIN or passphrase, with the wait after several wrong tries shown in words."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.security.profile_lock import PASSPHRASE, ProfileLock
from desktop.store.disk_errors import user_message
from desktop.ui.base import operations
from desktop.ui.widgets.widgets import label


class PinEntry(QWidget):
    unlocked = Signal(str)  # the profile's name
    back = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self.profile = ""
        self.lock: ProfileLock | None = None
        self._checking = False  # a typed secret is being checked
        self.heading = label("", "h1")
        self.ask = label("")
        self.field = QLineEdit()
        self.field.setObjectName("pinField")
        self.field.setEchoMode(QLineEdit.Password)
        self.field.setMaximumWidth(520)
        self.field.returnPressed.connect(self.submit)
        self.message = label("", "pinMessage")
        self.message.setAccessibleName(self.tr("Message"))
        self.honest = label("", "muted")
        self.open_button = QPushButton(self.tr("&Open my diary"))
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.submit)
        self.back_button = QPushButton(self.tr("&Back to the list"))
        self.back_button.clicked.connect(self.back)
        self.back_button.setShortcut(Qt.Key_Escape)

        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        column = QVBoxLayout()
        column.setSpacing(16)
        for widget in (self.heading, self.ask, self.field, self.message):
            column.addWidget(widget)
        column.addLayout(buttons)
        column.addSpacing(24)
        column.addWidget(self.honest)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 64, 48, 32)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

    def ask_for(self, profile: str, lock: ProfileLock, shown: str = "") -> None:
        """Ask for ``profile``'s secret, greeting it by the name it is listed under."""
        self.profile, self.lock = profile, lock
        kind = lock.kind
        self.heading.setText(text("pin_heading", name=shown or profile))
        self.ask.setText(text("pin_ask_passphrase" if kind == PASSPHRASE else "pin_ask_pin"))
        self.field.setAccessibleName(self.tr("Passphrase") if kind == PASSPHRASE else self.tr("PIN"))
        self.honest.setText(text("pin_honest_passphrase" if kind == PASSPHRASE else "pin_honest_pin"))
        self.field.clear()
        self.message.clear()
        self._tick()
        self.field.setFocus(Qt.OtherFocusReason)

    def submit(self) -> None:
        """Check the typed secret on a worker thread (scrypt takes a moment); the page stays calm."""
        if self.lock is None or not self.field.isEnabled() or self._checking:
            return
        secret = self.field.text()
        self.field.clear()
        lock, profile = self.lock, self.profile
        self._checking = True
        operations.run(self, lambda: lock.try_secret(secret), lambda result: self._checked(lock, profile, result),
                       failed=self._check_failed, status=self.message, message=text("busy_checking_pin"),
                       controls=(self.field, self.open_button))

    def _checked(self, lock: ProfileLock, profile: str, result) -> None:
        self._checking = False
        if lock is not self.lock:
            return  # the person went back to the list meanwhile
        if result.ok:
            self.message.clear()
            self.unlocked.emit(profile)
            return
        if result.wait_seconds > 0:
            self._tick()
        else:
            self.message.setText(text("pin_wrong"))
        self.field.setFocus(Qt.OtherFocusReason)

    def _check_failed(self, exc: BaseException) -> None:
        self._checking = False
        self.message.setText(user_message(exc))
        self.field.setFocus(Qt.OtherFocusReason)

    def _tick(self) -> None:
        wait = self.lock.throttle.wait_seconds() if self.lock else 0.0
        waiting = wait > 0
        self.field.setEnabled(not waiting)
        self.open_button.setEnabled(not waiting)
        if waiting:
            self.message.setText(text("pin_wait", seconds=max(1, round(wait))))
            if not self._countdown.isActive():
                self._countdown.start()
        elif self._countdown.isActive():
            self._countdown.stop()
            self.message.clear()
            self.field.setFocus(Qt.OtherFocusReason)

    def reset(self) -> None:
        self._countdown.stop()
        self.field.clear()
        self.message.clear()
        self.lock = None
