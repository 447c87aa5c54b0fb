"""The app's number box: clicking or tabbing into it selects its number, so typing replaces it.

A plain QSpinBox leaves the cursor where the mouse clicked: with "0 minutes" in the box,
clicking before the 0 and typing 30 gives 300. Every number box in the app is a NumberBox.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QSpinBox, QWidget

# Coming into the box on purpose selects the number; coming back to the window or from a
# popup leaves the cursor where the patient had it.
_SELECT_ON = (Qt.TabFocusReason, Qt.BacktabFocusReason, Qt.ShortcutFocusReason, Qt.OtherFocusReason)


class NumberBox(QSpinBox):
    def __init__(self, low: int, high: int, suffix: str = "", accessible_name: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(low, high)
        self.setSuffix(suffix)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self._clicked_in = False  # focus came with a mouse press that has not been released yet
        self.lineEdit().installEventFilter(self)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() == Qt.MouseFocusReason:
            # The press that gave the focus goes on to place the cursor where it landed, so the
            # number is selected after it: on its release, or on the next turn of the event loop.
            self._clicked_in = True
            QTimer.singleShot(0, self, self._select_after_click)
        elif event.reason() in _SELECT_ON:
            self.selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._clicked_in = False
        super().focusOutEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.MouseButtonRelease:
            self._select_after_click()
        return False

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # the arrows, outside the line edit
        super().mouseReleaseEvent(event)
        self._select_after_click()

    def _select_after_click(self) -> None:
        if self._clicked_in and self.hasFocus() and not self.lineEdit().hasSelectedText():
            self.selectAll()  # the number only, without " minutes"
        self._clicked_in = False
