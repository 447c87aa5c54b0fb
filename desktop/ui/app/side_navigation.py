"""The side bar's list of sections: roomy rows while they all fit, closer rows when they would not.

At the largest text in a 600-pixel-high window (a kiosk screen, with whose diary is open and
"I've finished" in the side bar too) the roomy rows need a scroll bar and hide Settings. The
rows' height is worked out from the font, so the choice is the same on every run.
"""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QWidget

from desktop.ui.widgets.fits import FitsItself

# app.qss, QListWidget#navigation: the list's padding (top + bottom), and each row's padding and margin.
LIST_PADDING = 8 + 12
ROOMY_ROW = 2 * 12 + 2 * 2
COMPACT_ROW = 2 * 4  # QListWidget#navigation[compact="true"]::item


class SideNavigation(FitsItself, QListWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("compact", False)
        self._fitting = False  # re-polishing changes the font on the way: no second look meanwhile

    def roomy_height(self) -> int:
        return self.count() * (self.fontMetrics().height() + ROOMY_ROW) + LIST_PADDING + 2 * self.frameWidth()

    def _fit(self) -> None:
        if self._fitting:
            return
        compact = self.roomy_height() > self.height()
        if bool(self.property("compact")) != compact:
            self._fitting = True
            try:
                self.setProperty("compact", compact)
                self.style().unpolish(self)
                self.style().polish(self)
                self.doItemsLayout()
            finally:
                self._fitting = False
