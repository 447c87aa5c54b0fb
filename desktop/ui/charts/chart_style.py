"""What the Progress charts share: a colour-blind-safe palette, fonts that follow the app's
text size, a plot with pain on its own 0-10 axis on the right, and saving a chart as PNG.

pyqtgraph is imported here, and this module only by the Progress page's widgets, so it is
loaded the first time that page is built, never at start-up.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

# Okabe-Ito colours: told apart with the common kinds of colour blindness. Every series also
# differs by shape (bars, line, markers) and is named in a legend, never by colour alone.
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
INK = "#1f2933"
GRID = "#d9d4c7"

PAIN_LOW, PAIN_HIGH = -1.4, 10.6  # room below 0 for the exercise markers, above 10 for flare-ups
EXERCISE_ROW, FLARE_ROW = -0.75, 10.1
DAY_SECONDS = 86400

def epoch(day: dt.date) -> float:
    """Seconds since 1970 at midnight UTC: the x unit of pyqtgraph's date axis."""
    return float((day - dt.date(1970, 1, 1)).days * DAY_SECONDS)

def day_at(x: float) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=round(x / DAY_SECONDS))

def chart_font(scale: float = 1.0) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    return font

class TwinAxisPlot(pg.PlotWidget):
    """Walking (or other amounts) on the left axis; pain, 0 to 10, on its own right axis.

    Every item lives in the main view box (so dragging and the wheel reach it wherever the
    pointer is); pain values are placed with ``pain_to_amount``. The right axis belongs to
    an empty second view box that follows the main one's x range and shows the 0-10 scale.
    Only x pans and zooms; the y ranges are fixed so the two scales always read true.
    """

    def __init__(self, left_label: str, right_label: str, dates: bool = True, parent: QWidget | None = None):
        axis: dict = {"left": AmountAxis(orientation="left")}
        if dates:
            axis["bottom"] = DayAxis(orientation="bottom", utcOffset=0)
        super().__init__(parent=parent, background="w", axisItems=axis)
        self.setAntialiasing(True)
        self.plot_item = self.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setMouseEnabled(x=True, y=False)
        self.main_view = self.plot_item.getViewBox()
        self.pain_view = pg.ViewBox(enableMouse=False)
        self.plot_item.showAxis("right")
        self.plot_item.scene().addItem(self.pain_view)
        self.plot_item.getAxis("right").linkToView(self.pain_view)
        self.pain_view.setXLink(self.plot_item)
        self.pain_view.setYRange(PAIN_LOW, PAIN_HIGH, padding=0)
        self.pain_view.setMouseEnabled(x=False, y=False)
        right = self.plot_item.getAxis("right")
        right.setTicks([[(v, str(v)) for v in range(0, 11, 2)]])
        right.setGrid(50)  # faint lines at pain 0, 2 ... 10 only
        self.pain_view.setZValue(-1000)  # scale only: never in front of the chart
        self._amount_per_pain = 30.0 / PAIN_HIGH
        self.main_view.sigResized.connect(self._follow_main_view)
        self._labels = (left_label, right_label)
        self.apply_fonts()

    def _follow_main_view(self) -> None:
        self.pain_view.setGeometry(self.main_view.sceneBoundingRect())
        self.pain_view.linkedViewChanged(self.main_view, self.pain_view.XAxis)

    def apply_fonts(self) -> None:
        """Ticks and axis titles in the app's current text size (it can change at any time)."""
        font = chart_font(0.9)
        size = f"{chart_font().pointSizeF():.1f}pt"
        pen = pg.mkPen(INK)
        for name, title in (("left", self._labels[0]), ("right", self._labels[1]), ("bottom", "")):
            axis = self.plot_item.getAxis(name)
            axis.setStyle(tickFont=font, tickTextOffset=6)
            axis.setPen(pen)
            axis.setTextPen(pen)
            if title:
                axis.setLabel(title, **{"font-size": size, "color": INK})
        # Room for the date labels at any text size (pyqtgraph keeps the height it started with).
        self.plot_item.getAxis("bottom").setHeight(round(QFontMetricsF(font).height() * 2.0))

    def set_amount_top(self, top: float) -> None:
        """Left axis from 0 to ``top``, level with pain 0 to 10 on the right axis. Call it
        before placing pain values."""
        self._amount_per_pain = top / PAIN_HIGH
        self.main_view.setYRange(top * PAIN_LOW / PAIN_HIGH, top, padding=0)

    def pain_to_amount(self, pain):
        """Where a pain value (or a numpy array of them) sits on the left axis."""
        return pain * self._amount_per_pain

class AmountAxis(pg.AxisItem):
    """A left axis with major ticks only, none in the room kept under the bars and none cut
    in half at the top."""

    def tickValues(self, minVal, maxVal, size):
        levels = super().tickValues(minVal, maxVal, size)[:1]
        ceiling = maxVal - 0.03 * (maxVal - minVal)
        return [(spacing, [v for v in values if 0 <= v <= ceiling]) for spacing, values in levels]

class DayAxis(pg.DateAxisItem):
    """Dates at midnight UTC (how days are placed), ticks written like "3 Mar", "Dec" and
    "Jan 2026" in the user's language. A day or week label too close to a month label is left
    out (pyqtgraph only keeps labels of one level apart, so "29 Sep" and "Oct" two days later
    ran together as "29 SepOct")."""

    LABEL_GAP = 12  # pixels between two labels at least

    def tickValues(self, minVal, maxVal, size):
        levels = super().tickValues(minVal, maxVal, size)
        if size <= 0 or maxVal <= minVal or len(levels) < 2:
            return levels
        from PySide6.QtGui import QFontMetricsF

        metrics = QFontMetricsF(self.style.get("tickFont") or self.font())
        widest = max(metrics.horizontalAdvance(QLocale().toString(QDate(2026, 9, 30), "d MMM")),
                     metrics.horizontalAdvance(QLocale().toString(QDate(2026, 1, 1), "MMM yyyy")))
        room = (widest + self.LABEL_GAP) * (maxVal - minVal) / size  # in seconds along the axis
        kept, taken = [], []
        for spacing, values in levels:  # the larger spacing (months) first: it wins
            values = [v for v in values if all(abs(v - t) >= room for t in taken)]
            kept.append((spacing, values))
            taken += values
        return kept

    def tickStrings(self, values, scale, spacing):
        locale = QLocale()
        if spacing == DAY_SECONDS:
            return [locale.toString(QDate(d.year, d.month, d.day), "d MMM") for d in map(day_at, values)]
        months_shown = any(28 * DAY_SECONDS <= spec.spacing < 365 * DAY_SECONDS for spec in self.zoomLevel.tickSpecs)
        if months_shown and spacing >= 28 * DAY_SECONDS:  # "Dec", "Jan 2026", "Feb" rather than "2026"
            return [locale.toString(QDate(d.year, d.month, d.day), "MMM yyyy" if d.month == 1 else "MMM")
                    for d in map(day_at, values)]
        return super().tickStrings(values, scale, spacing)

def bar_brush(color: str, alpha: int = 255):
    qcolor = QColor(color)
    qcolor.setAlpha(alpha)
    return pg.mkBrush(qcolor)

def line_pen(color: str, width: float = 2.5, dashed: bool = False):
    return pg.mkPen(color=color, width=width, style=Qt.DashLine if dashed else Qt.SolidLine)

def save_png(parent: QWidget, chart: QWidget, suggested_name: str) -> Path | None:
    """Ask where to save, then write the chart exactly as shown; a failure is explained."""
    tr = lambda s: QCoreApplication.translate("Charts", s)  # noqa: E731
    start = str(Path.home() / suggested_name)
    chosen, _filter = QFileDialog.getSaveFileName(parent, tr("Save chart as PNG"), start, tr("PNG images (*.png)"))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".png":
        path = path.with_name(path.name + ".png")
    if not chart.grab().save(str(path), "PNG"):
        QMessageBox.warning(parent, tr("Chart not saved"),
                            tr("The chart could not be saved to %1. Please choose another folder.")
                            .replace("%1", str(path)))
        return None
    return path
