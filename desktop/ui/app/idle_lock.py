"""Lock after a time without use: one app-wide event filter restarts one single-shot timer.

Mouse presses and moves, keys and the wheel count as use (as KeePassXC does it). The
filter never consumes an event.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

_USE = frozenset({QEvent.MouseButtonPress, QEvent.MouseButtonRelease, QEvent.MouseMove, QEvent.KeyPress,
                  QEvent.KeyRelease, QEvent.Wheel, QEvent.TouchBegin, QEvent.TabletPress})


class IdleLock(QObject):
    idle = Signal()

    def __init__(self, app: QApplication, parent: QObject | None = None):
        super().__init__(parent)
        self._app = app
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.PreciseTimer)  # a coarse timer does not restart its count reliably
        self.timer.timeout.connect(self.idle)
        self._installed = False

    def start(self, minutes: int) -> None:
        """Lock after this many idle minutes (0: never)."""
        self.stop()
        if minutes <= 0:
            return
        self.timer.setInterval(minutes * 60_000)
        self._app.installEventFilter(self)
        self._installed = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._installed:
            self._app.removeEventFilter(self)
            self._installed = False

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in _USE and self.timer.isActive():
            self.timer.start()  # restart the count from now
        return False
