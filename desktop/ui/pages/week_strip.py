"""Seven day tiles, oldest to today: what was recorded, at a glance."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QToolButton, QWidget

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.ui.widgets.formatting import exercises_text, long_day, short_day, summary
from desktop.ui.widgets.widgets import discard


class WeekStrip(QWidget):
    day_chosen = Signal(dt.date)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.tiles: list[QToolButton] = []
        self._columns = 0

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
            tile.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)  # the row's width, shared
            heading = self.tr("Today") if offset == 0 else short_day(day)
            if entry:
                walk = (text("walking_tile_none") if entry.walking_minutes is None
                        else self.tr("%1 min walk").replace("%1", str(entry.walking_minutes)) if entry.walking_minutes
                        else self.tr("No walk"))
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
            self.tiles.append(tile)
        self._columns = 0
        self._arrange(self.width())

    def _arrange(self, width: int) -> None:
        """All seven in a row, or in rows of four and three when they would not fit (large text,
        a small window): a squeezed tile would cut its words off."""
        if not self.tiles:
            return
        spacing = self._layout.horizontalSpacing()
        fit = 7 if width <= 0 else max(1, (width + spacing) // (self._widest() + spacing))
        rows = -(-7 // min(7, fit))
        columns = -(-7 // rows)  # 7, 4, 3, 2 or 1 a row, evenly
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self._layout.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self._layout.addWidget(tile, index // columns, index % columns)
        for column in range(7):
            self._layout.setColumnStretch(column, 1 if column < columns else 0)

    def _widest(self) -> int:
        return max((tile.sizeHint().width() for tile in self.tiles), default=0)

    def minimumSizeHint(self) -> QSize:
        # As narrow as one tile: the tiles go onto more rows rather than widen the page.
        return QSize(self._widest(), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)
