"""Day by day: walking minutes as bars in the top panel, pain as a line in the panel below
(its own 0-10 axis, the same dates), back-exercise days and flare-ups marked; steps measured by
a phone or watch in a panel between them when asked for (``show_steps``); week / month / all
ranges, pan and zoom, and a read-out of one day (pointed at with the mouse, or chosen with the
arrow keys)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.ui.charts.chart_style import (
    BLUE,
    DAY_SECONDS,
    EXERCISE_ROW,
    FLARE_ROW,
    GREEN,
    INK,
    ORANGE,
    SKY,
    VERMILLION,
    bar_brush,
    day_at,
    epoch,
    line_pen,
)
from desktop.ui.charts.stacked_plot import StackedDayPlot
from desktop.ui.widgets.formatting import long_day, summary
from desktop.ui.widgets.widgets import label

RANGE_DAYS = {"week": 7, "month": 30, "quarter": 91}
# With many days in view a daily pain line is a solid block; it becomes an average over
# several days (said in words under the chart), and loses its dots.
AVERAGE_OVER = ((120, 1), (730, 7), (None, 28))  # (most days in view, days averaged)


class TimelineChart(QWidget):
    day_shown = Signal(object)  # the dt.date read out, or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = StackedDayPlot(self.tr("Walking (minutes)"), self.tr("Pain (0 to 10)"),
                                   steps_label=text("progress_steps_axis"))
        self.plot.setMinimumHeight(360)
        self.plot.setFocusPolicy(Qt.StrongFocus)
        # A visible focus ring (same colour as the app's), so keyboard users see where they are.
        self.plot.setStyleSheet("QGraphicsView { border: 2px solid transparent; }"
                                " QGraphicsView:focus { border: 2px solid #b35c00; }")
        self.plot.setAccessibleName(self.tr("Day by day chart"))
        self.plot.setAccessibleDescription(text("progress_timeline_hint"))
        self.plot.installEventFilter(self)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8 * DAY_SECONDS, brush=bar_brush(SKY), pen=pg.mkPen(None))
        self.plot.walking_item.addItem(self.bars)
        self.step_bars = pg.BarGraphItem(x=[], height=[], width=0.8 * DAY_SECONDS, brush=bar_brush(ORANGE),
                                         pen=pg.mkPen(None))
        self.plot.steps_item.addItem(self.step_bars)
        self.measured: dict[dt.date, int] = {}  # day -> steps counted by a phone or watch
        self.pain_line = pg.PlotDataItem(pen=line_pen(VERMILLION), connect="finite", symbol="o", symbolSize=6,
                                         symbolBrush=bar_brush(VERMILLION), symbolPen=pg.mkPen(None))
        self.exercise_marks = pg.ScatterPlotItem(symbol="t1", size=11, brush=bar_brush(GREEN), pen=pg.mkPen(None))
        self.flare_marks = pg.ScatterPlotItem(symbol="star", size=13, brush=bar_brush(INK), pen=pg.mkPen(None))
        for z, item in enumerate((self.pain_line, self.exercise_marks, self.flare_marks), start=1):
            item.setZValue(z)
            self.plot.plot_item.addItem(item)
        # The weekly walking goal, as a dashed step on the walking scale (one step per session).
        self.goal_line = pg.PlotDataItem(pen=pg.mkPen(BLUE, width=2.5, style=Qt.DashLine), connect="finite")
        self.goal_line.setZValue(0.5)
        self.plot.walking_item.addItem(self.goal_line)
        panels = (self.plot.walking_item, self.plot.pain_item, self.plot.steps_item)
        self.cursors = [pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(INK, width=1, style=Qt.DotLine))
                        for _ in panels]
        for cursor, item in zip(self.cursors, panels, strict=True):
            cursor.setVisible(False)
            item.addItem(cursor, ignoreBounds=True)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self._average_window: int | None = None  # days averaged in the pain line as drawn
        self._goal_top = 0
        self._pain_x = self._pain_days = None
        self.average_note = label("", "muted")
        self.average_note.setVisible(False)
        self.plot.main_view.sigXRangeChanged.connect(lambda *_: self._fit_detail())

        self.readout = label(text("progress_empty_timeline"))
        self.readout.setObjectName("chartReadout")
        self.readout.setAccessibleName(self.tr("Day shown"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.average_note)

        self.entries: dict[dt.date, DiaryEntry] = {}
        self.days: list[dt.date] = []
        self.today = dt.date.today()
        self.range = "month"
        self.shown_day: dt.date | None = None

    # Data ---------------------------------------------------------------------------
    def set_entries(self, entries: list[DiaryEntry], today: dt.date) -> None:
        """Redraw everything for these diary days (oldest first)."""
        self.today = today
        self.entries = {e.day: e for e in entries}
        self.days = [e.day for e in entries]
        if entries:
            first = entries[0].day
            span = (max(entries[-1].day, today) - first).days + 1
            index = np.fromiter(((e.day - first).days for e in entries), dtype=np.int64, count=len(entries))
            # Walking not answered (None) gets no bar at all: never a 0 bar, which would say "no walk".
            walking = np.fromiter((np.nan if e.walking_minutes is None else e.walking_minutes for e in entries),
                                  dtype=float, count=len(entries))
            answered = ~np.isnan(walking)
            pain = np.full(span, np.nan)
            pain[index] = np.fromiter((e.pain for e in entries), dtype=float, count=len(entries))
            xs = epoch(first) + index * float(DAY_SECONDS)
            exercise = np.fromiter((bool(e.exercises) for e in entries), dtype=bool, count=len(entries))
            flare = np.fromiter((e.flare_up for e in entries), dtype=bool, count=len(entries))
            plot = self.plot
            plot.set_amount_top(max(30.0, float(walking[answered].max(initial=0.0)) * 1.15, self._goal_top * 1.15))
            self.bars.setOpts(x=xs[answered], height=walking[answered])
            self._pain_x, self._pain_days = epoch(first) + np.arange(span) * float(DAY_SECONDS), pain
            self._average_window = None  # set the pain line for the current zoom below
            self.exercise_marks.setData(xs[exercise], np.full(int(exercise.sum()), plot.pain_to_amount(EXERCISE_ROW)))
            self.flare_marks.setData(xs[flare], np.full(int(flare.sum()), plot.pain_to_amount(FLARE_ROW)))
        else:
            self.plot.set_amount_top(30.0)
            self._pain_days = None
            self.bars.setOpts(x=[], height=[])
            self.pain_line.setData([], [])
            self.exercise_marks.setData([], [])
            self.flare_marks.setData([], [])
        first_day = self.days[0] if self.days else today
        self.plot.main_view.setLimits(xMin=epoch(first_day) - 0.6 * DAY_SECONDS,
                                      xMax=epoch(today + dt.timedelta(days=3)), minXRange=4 * DAY_SECONDS)
        self.show_range(self.range)
        self._fit_detail()
        # Keep the day being read if it is still there; otherwise read out the latest day.
        self.show_day(self.shown_day if self.shown_day in self.entries else (self.days[-1] if self.days else None))

    def set_measured(self, steps: dict[dt.date, int]) -> None:
        """Steps a phone or watch counted, by day (days without a count left out)."""
        self.measured = dict(steps)
        days = sorted(self.measured)
        xs = np.fromiter((epoch(d) for d in days), dtype=float, count=len(days))
        heights = np.fromiter((self.measured[d] for d in days), dtype=float, count=len(days))
        self.step_bars.setOpts(x=xs, height=heights)
        self.plot.set_steps_top(max(2000.0, float(heights.max(initial=0.0)) * 1.15))
        self.show_day(self.shown_day)

    def show_steps(self, shown: bool) -> None:
        """The steps panel between walking and pain, or not (the patient's choice)."""
        self.plot.show_steps(shown)
        self.plot.setMinimumHeight(560 if shown else 360)  # three panels, each tall enough for its title
        self.show_day(self.shown_day)

    def set_goals(self, periods: list[tuple[dt.date, dt.date, int]]) -> None:
        """Walking goals as (first day, last day, minutes a day); drawn on the walking scale.
        Call it before set_entries, which sizes the scale to fit the goals too."""
        xs, ys = [], []
        for first, last, minutes in periods:
            xs += [epoch(first) - 0.5 * DAY_SECONDS, epoch(last) + 0.5 * DAY_SECONDS, np.nan]
            ys += [minutes, minutes, np.nan]
        self.goal_line.setData(np.array(xs, dtype=float), np.array(ys, dtype=float))
        self._goal_top = max((minutes for _first, _last, minutes in periods), default=0)

    # Ranges -------------------------------------------------------------------------
    def show_range(self, name: str) -> None:
        """'week' and 'month' end today; 'all' shows every recorded day."""
        self.range = name
        last = self.today
        if name in RANGE_DAYS:  # never before the first diary day
            first = last - dt.timedelta(days=RANGE_DAYS[name] - 1)
            if self.days:
                first = max(first, self.days[0])
        else:
            first = self.days[0] if self.days else last - dt.timedelta(days=6)
        self.plot.main_view.setXRange(epoch(first) - 0.6 * DAY_SECONDS, epoch(last) + 0.6 * DAY_SECONDS, padding=0)

    def _fit_detail(self) -> None:
        if self._pain_days is None:
            self.average_note.setVisible(False)
            return
        first, last = self.visible_days()
        span = (last - first).days
        window = next(days for most, days in AVERAGE_OVER if most is None or span <= most)
        if window == self._average_window:
            return
        self._average_window = window
        self.pain_line.setPen(line_pen(VERMILLION, 2.5 if window == 1 else 1.5))
        self.pain_line.setSymbol("o" if window == 1 else None)
        self.pain_line.setData(self._pain_x, self.plot.pain_to_amount(_moving_average(self._pain_days, window)))
        self.average_note.setText("" if window == 1 else self.tr(
            "At this zoom the pain line shows the average of %1 days. Zoom in to see each day.")
            .replace("%1", str(window)))
        self.average_note.setVisible(window != 1)

    def visible_days(self) -> tuple[dt.date, dt.date]:
        low, high = self.plot.main_view.viewRange()[0]
        return day_at(low + 0.5 * DAY_SECONDS), day_at(high - 0.5 * DAY_SECONDS)

    # Reading one day ----------------------------------------------------------------
    def show_day(self, day: dt.date | None) -> None:
        """Read out a day in words (a day with nothing recorded says so)."""
        self.shown_day = day
        entry = self.entries.get(day) if day else None
        if day is None or not self.entries:
            for cursor in self.cursors:
                cursor.setVisible(False)
            self.readout.setText(text("progress_empty_timeline") if not self.entries else self.tr(
                "Point at a day, or select the chart and use the arrow keys, to read it here."))
        else:
            for cursor in self.cursors:
                cursor.setPos(epoch(day))
                cursor.setVisible(True)
            words = f"{long_day(day)}: {summary(entry) if entry else text('day_not_filled').lower()}"
            if self.plot.steps_shown and day in self.measured:
                words += " " + text("progress_steps_readout", steps=QLocale().toString(self.measured[day]))
            self.readout.setText(words)
        self.day_shown.emit(day)

    def _mouse_moved(self, position) -> None:
        if not self.days or not self.plot.contains(position):
            return
        x = self.plot.main_view.mapSceneToView(position).x()
        if not math.isfinite(x):
            return
        day = day_at(x)
        if self.days[0] <= day <= self.today and day != self.shown_day:
            self.show_day(day)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot and event.type() == QEvent.KeyPress and self.days:
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key not in (Qt.Key_Left, Qt.Key_Right, Qt.Key_Home, Qt.Key_End):
            return False
        if key == Qt.Key_Home:
            index = 0
        elif key == Qt.Key_End or self.shown_day is None:
            index = len(self.days) - 1
        else:
            from bisect import bisect_left

            current = bisect_left(self.days, self.shown_day)  # where the day is, or would be
            recorded = current < len(self.days) and self.days[current] == self.shown_day
            if key == Qt.Key_Left:
                index = max(0, current - 1)
            else:
                index = min(len(self.days) - 1, current + 1 if recorded else current)
        self.show_day(self.days[index])
        self._keep_in_view(self.days[index])
        return True

    def _keep_in_view(self, day: dt.date) -> None:
        first, last = self.visible_days()
        if first <= day <= last:
            return
        width = (last - first).days
        start = day - dt.timedelta(days=width) if day > last else day
        self.plot.main_view.setXRange(epoch(start) - 0.6 * DAY_SECONDS,
                                      epoch(start + dt.timedelta(days=width)) + 0.6 * DAY_SECONDS, padding=0)

    def apply_fonts(self) -> None:
        self.plot.apply_fonts()


def _moving_average(values: np.ndarray, window: int) -> np.ndarray:
    """Mean of the recorded values in a centred window of days; missing days (NaN) are left
    out, and a window with nothing recorded stays empty."""
    if window == 1:
        return values
    known = ~np.isnan(values)
    sums = np.convolve(np.where(known, values, 0.0), np.ones(window), mode="same")
    counts = np.convolve(known.astype(float), np.ones(window), mode="same")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)
