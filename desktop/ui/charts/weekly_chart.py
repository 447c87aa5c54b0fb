"""Week by week: minutes walked each week as bars, the week's average pain and limitation as
lines (different colours, line styles and markers) on the 0-10 axis; point at a week to read it."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.domain.insights import WeekSummary
from desktop.ui.charts.chart_style import (
    DAY_SECONDS,
    INK,
    PURPLE,
    SKY,
    VERMILLION,
    TwinAxisPlot,
    bar_brush,
    epoch,
    line_pen,
)
from desktop.ui.widgets.formatting import short_day
from desktop.ui.widgets.widgets import label

WEEK_SECONDS = 7 * DAY_SECONDS


class WeeklyChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = TwinAxisPlot(self.tr("Walking (minutes a week)"), self.tr("Average (0 to 10)"))
        self.plot.setMinimumHeight(260)
        self.plot.setAccessibleName(self.tr("Week by week chart"))
        self.plot.setFocusPolicy(Qt.StrongFocus)
        self.plot.setStyleSheet("QGraphicsView { border: 2px solid transparent; }"
                                " QGraphicsView:focus { border: 2px solid #b35c00; }")
        self.plot.installEventFilter(self)
        self.bars = pg.BarGraphItem(x=[], height=[], width=6 * DAY_SECONDS, brush=bar_brush(SKY), pen=pg.mkPen(None))
        self.plot.plot_item.addItem(self.bars)
        self.pain = pg.PlotDataItem(pen=line_pen(VERMILLION), symbol="o", symbolSize=8,
                                    symbolBrush=bar_brush(VERMILLION), symbolPen=pg.mkPen(None))
        self.limitation = pg.PlotDataItem(pen=line_pen(PURPLE, dashed=True), symbol="s", symbolSize=8,
                                          symbolBrush=bar_brush(PURPLE), symbolPen=pg.mkPen(None))
        for z, item in enumerate((self.pain, self.limitation), start=1):
            item.setZValue(z)
            self.plot.plot_item.addItem(item)
        self.cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(INK, width=1, style=Qt.DotLine))
        self.cursor.setVisible(False)
        self.plot.plot_item.addItem(self.cursor, ignoreBounds=True)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.readout = label(self.tr("Point at a week, or select the chart and use the arrow keys, to read it here."))
        self.readout.setObjectName("chartReadout")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)
        self.weeks: dict[dt.date, WeekSummary] = {}
        self.shown_week: WeekSummary | None = None

    def set_weeks(self, weeks: list[WeekSummary]) -> None:
        self.weeks = {w.week_start: w for w in weeks}
        centres = np.array([epoch(w.week_start) + 3.5 * DAY_SECONDS for w in weeks], dtype=float)
        self.plot.set_amount_top(max([60.0] + [w.walking_minutes * 1.15 for w in weeks]))
        # A week with walking answered on no day has no bar (not a 0 bar: nobody said "no walk").
        noted = np.array([w.walking_days > 0 for w in weeks], dtype=bool)
        self.bars.setOpts(x=centres[noted] if weeks else centres,
                          height=np.array([w.walking_minutes for w in weeks], dtype=float)[noted] if weeks else [])
        self.pain.setData(centres, self.plot.pain_to_amount(np.array([w.mean_pain for w in weeks], dtype=float)))
        limitation = np.array([w.mean_limitation for w in weeks], dtype=float)
        self.limitation.setData(centres, self.plot.pain_to_amount(limitation))
        if weeks:
            first, last = epoch(weeks[0].week_start), epoch(weeks[-1].week_start) + WEEK_SECONDS
            self.plot.main_view.setLimits(xMin=first - 4 * WEEK_SECONDS, xMax=last + 4 * WEEK_SECONDS,
                                          minXRange=3 * WEEK_SECONDS)
            self.plot.main_view.setXRange(first - 0.2 * WEEK_SECONDS, last + 0.2 * WEEK_SECONDS, padding=0)
        self.cursor.setVisible(False)
        if weeks:
            self.show_week(weeks[-1])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot and event.type() == QEvent.KeyPress and self.weeks:
            starts = list(self.weeks)
            current = starts.index(self.shown_week.week_start) if self.shown_week else len(starts) - 1
            moves = {Qt.Key_Left: current - 1, Qt.Key_Right: current + 1, Qt.Key_Home: 0, Qt.Key_End: len(starts) - 1}
            if event.key() in moves:
                self.show_week(self.weeks[starts[max(0, min(len(starts) - 1, moves[event.key()]))]])
                return True
        return super().eventFilter(watched, event)

    def _mouse_moved(self, position) -> None:
        if not self.weeks or not self.plot.plot_item.sceneBoundingRect().contains(position):
            return
        x = self.plot.main_view.mapSceneToView(position).x()
        if not math.isfinite(x):
            return
        day = dt.date(1970, 1, 1) + dt.timedelta(days=math.floor(x / DAY_SECONDS))
        week = self.weeks.get(day - dt.timedelta(days=day.weekday()))
        if week is not None:
            self.show_week(week)

    def show_week(self, week: WeekSummary) -> None:
        self.shown_week = week
        self.cursor.setPos(epoch(week.week_start) + 3.5 * DAY_SECONDS)
        self.cursor.setVisible(True)
        text = self.tr("Week of %1: walked %2 min, back exercises on %3 of %4 recorded days, "
                       "average pain %5, limitation %6 (out of 10)") if week.walking_days else self.tr(
            "Week of %1: walking not noted, back exercises on %3 of %4 recorded days, "
            "average pain %5, limitation %6 (out of 10)")
        values = (short_day(week.week_start), str(week.walking_minutes), str(week.exercise_days),
                  str(week.days_recorded), f"{week.mean_pain:.1f}", f"{week.mean_limitation:.1f}")
        for index, value in enumerate(values, start=1):
            text = text.replace(f"%{index}", value)
        self.readout.setText(text)

    def apply_fonts(self) -> None:
        self.plot.apply_fonts()
