"""Seven day tiles, oldest to today: what was recorded, at a glance."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.ui.formatting import exercises_text, long_day, short_day, summary
from desktop.ui.widgets import discard


class WeekStrip(QWidget):
    day_chosen = Signal(dt.date)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.tiles: list[QToolButton] = []

    def show_days(self, today: dt.date, entries: dict[dt.date, DiaryEntry]) -> None:
        for tile in self.tiles:
            discard(tile)
        self.tiles = []
        for offset in range(6, -1, -1):
            day = today - dt.timedelta(days=offset)
            entry = entries.get(day)
            tile = QToolButton()
            tile.setObjectName("dayTile")
            tile.setToolButtonStyle(Qt.ToolButtonTextOnly)
            tile.setSizePolicy(tile.sizePolicy().horizontalPolicy(), tile.sizePolicy().verticalPolicy())
            heading = self.tr("Today") if offset == 0 else short_day(day)
            if entry:
                walk = self.tr("%1 min walk").replace("%1", str(entry.walking_minutes)) if entry.walking_minutes else self.tr("No walk")
                body = "\n".join([self.tr("Pain %1").replace("%1", str(entry.pain)), walk,
                                  exercises_text(len(entry.exercises)).capitalize()])
                tile.setText(f"{heading}\n✓\n{body}")
                tile.setAccessibleName(f"{long_day(day)}: {summary(entry)}")
            else:
                tile.setText(f"{heading}\n–\n{text('day_not_filled')}\n")
                tile.setAccessibleName(f"{long_day(day)}: {text('day_not_filled')}")
            tile.setProperty("filled", entry is not None)
            tile.setToolTip(tile.accessibleName())
            tile.clicked.connect(lambda _=False, d=day: self.day_chosen.emit(d))
            tile.setMinimumHeight(120)
            self._layout.addWidget(tile, 1)
            self.tiles.append(tile)
