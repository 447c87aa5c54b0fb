"""Two panels, one above the other, sharing the date axis: walking minutes on top, pain 0-10
below, each with its own labelled axis and gridlines; a third, steps measured by a phone or
watch, between them when the patient asks for it (``show_steps``).

Stacked rather than overlaid, so a walking goal line can never be read as a pain value and
each scale reads true on its own. Only x pans and zooms, and it moves both panels.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from desktop.ui.charts.chart_style import EXERCISE_ROW, FLARE_ROW, INK, AmountAxis, DayAxis, chart_font

PAIN_VIEW = (EXERCISE_ROW - 0.65, FLARE_ROW + 0.65)  # room for the exercise and flare-up marks


class StackedDayPlot(pg.GraphicsLayoutWidget):
    def __init__(self, top_label: str, bottom_label: str, parent: QWidget | None = None, steps_label: str = ""):
        super().__init__(parent=parent)
        self.setBackground("w")
        self.setAntialiasing(True)
        self.walking_item = pg.PlotItem(axisItems={"left": AmountAxis(orientation="left")})
        self.pain_item = pg.PlotItem(axisItems={"bottom": DayAxis(orientation="bottom", utcOffset=0)})
        self.steps_item = pg.PlotItem(axisItems={"left": AmountAxis(orientation="left")})
        self.addItem(self.walking_item, row=0, col=0)
        self.addItem(self.pain_item, row=2, col=0)  # row 1: the steps panel, while it is shown
        self.ci.layout.setRowStretchFactor(0, 1)
        self.ci.layout.setRowStretchFactor(2, 1)
        self.steps_shown = False
        for item in (self.walking_item, self.pain_item, self.steps_item):
            item.setMenuEnabled(False)
            item.hideButtons()
            item.setMouseEnabled(x=True, y=False)
            item.showGrid(x=False, y=True, alpha=0.35)
        self.walking_item.hideAxis("bottom")
        self.steps_item.hideAxis("bottom")
        self.walking_item.setXLink(self.pain_item)
        self.steps_item.setXLink(self.pain_item)
        self.pain_item.setYRange(*PAIN_VIEW, padding=0)
        self.pain_item.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 11, 2)]])
        self.plot_item = self.pain_item  # the panel with the dates
        self.main_view = self.pain_item.getViewBox()
        self.walking_view = self.walking_item.getViewBox()
        self._labels = {self.walking_item: top_label, self.pain_item: bottom_label, self.steps_item: steps_label}
        self.apply_fonts()

    @property
    def items(self) -> tuple[pg.PlotItem, ...]:
        """The panels shown, top to bottom."""
        if self.steps_shown:
            return self.walking_item, self.steps_item, self.pain_item
        return self.walking_item, self.pain_item

    def show_steps(self, shown: bool) -> None:
        """Put the steps panel between walking and pain, or take it away."""
        if shown == self.steps_shown:
            return
        self.steps_shown = shown
        if shown:
            self.addItem(self.steps_item, row=1, col=0)
            self.ci.layout.setRowStretchFactor(1, 1)
        else:
            self.removeItem(self.steps_item)
            self.ci.layout.setRowStretchFactor(1, 0)

    def apply_fonts(self) -> None:
        """Ticks and axis titles in the app's current text size (it can change at any time)."""
        font = chart_font(0.9)
        size = f"{chart_font().pointSizeF():.1f}pt"
        pen = pg.mkPen(INK)
        metrics = QFontMetricsF(font)
        # Every left axis as wide as the widest needs (steps: 20,000), so the panels' days line up.
        width = round(metrics.horizontalAdvance("00,000") + metrics.height() * 2.2)
        for item, title in self._labels.items():
            for name in ("left", "bottom"):
                axis = item.getAxis(name)
                axis.setStyle(tickFont=font, tickTextOffset=6)
                axis.setPen(pen)
                axis.setTextPen(pen)
            item.getAxis("left").setLabel(title, **{"font-size": size, "color": INK})
            item.getAxis("left").setWidth(width)
        self.pain_item.getAxis("bottom").setHeight(round(metrics.height() * 2.0))

    def set_amount_top(self, top: float) -> None:
        self.walking_item.setYRange(0, top, padding=0)

    def set_steps_top(self, top: float) -> None:
        self.steps_item.setYRange(0, top, padding=0)

    @staticmethod
    def pain_to_amount(pain):
        """Pain has its own panel now: a pain value is placed as it is."""
        return pain

    def contains(self, position) -> bool:
        return any(item.sceneBoundingRect().contains(position) for item in self.items)
