"""The appointment summary's two small charts, weekly pain and weekly walking over the whole
diary, drawn with QPainter into images the PDF's QTextDocument places (no chart library, so
they print the same everywhere; raster images at about 290 dpi, their titles are text in the
PDF). Week labels are thinned so they never run into each other; a week with walking never
answered has no bar (not a 0 bar).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from desktop.domain.insights import WeekSummary
from desktop.ui.widgets.formatting import qdate

WIDTH, HEIGHT = 1800, 520  # pixels; placed 16 cm wide, so about 290 dpi on paper
_LEFT, _RIGHT, _TOP, _BOTTOM = 120, 30, 30, 80
PAIN_COLOUR, WALK_COLOUR, GRID, INK = QColor("#b35c00"), QColor("#1f6f78"), QColor("#d0d7d8"), QColor("#222222")


def week_label(week: WeekSummary) -> str:
    from PySide6.QtCore import QLocale

    return QLocale().toString(qdate(week.week_start), "d MMM")


def label_every(count: int, label_width: float, room: float) -> int:
    """Label every n-th week so labels (with a gap of half a label) fit in ``room``."""
    if count <= 1:
        return 1
    return max(1, math.ceil(count * label_width * 1.5 / room))


def _frame(painter: QPainter, weeks: Sequence[WeekSummary]) -> tuple[QRectF, float]:
    font = QFont("DejaVu Sans")
    font.setPixelSize(36)
    painter.setFont(font)
    painter.setPen(INK)
    plot = QRectF(_LEFT, _TOP, WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM)
    step = plot.width() / max(len(weeks), 1)
    metrics = QFontMetricsF(font)
    widest = max((metrics.horizontalAdvance(week_label(w)) for w in weeks), default=0)
    every = label_every(len(weeks), widest, plot.width())
    for index, week in enumerate(weeks):
        if index % every == 0:
            centre = plot.left() + step * (index + 0.5)
            painter.drawText(QRectF(centre - widest, plot.bottom() + 12, 2 * widest, 40),
                             Qt.AlignHCenter | Qt.AlignTop, week_label(week))
    return plot, step


def _grid(painter: QPainter, plot: QRectF, top: float, ticks: Sequence[float]) -> None:
    for value in ticks:
        y = plot.bottom() - plot.height() * value / top
        painter.setPen(QPen(GRID, 2))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(INK)
        painter.drawText(QRectF(0, y - 20, _LEFT - 16, 40), Qt.AlignRight | Qt.AlignVCenter, f"{value:g}")


def _image() -> tuple[QImage, QPainter]:
    image = QImage(WIDTH, HEIGHT, QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    return image, painter


def pain_chart(weeks: Sequence[WeekSummary]) -> QImage:
    image, painter = _image()
    plot, step = _frame(painter, weeks)
    _grid(painter, plot, 10, (0, 5, 10))
    points = [QPointF(plot.left() + step * (i + 0.5), plot.bottom() - plot.height() * w.mean_pain / 10)
              for i, w in enumerate(weeks)]
    painter.setPen(QPen(PAIN_COLOUR, 5))
    for first, second in zip(points, points[1:]):
        painter.drawLine(first, second)
    painter.setBrush(PAIN_COLOUR)
    for point in points:
        painter.drawEllipse(point, 8, 8)
    painter.end()
    return image


def walking_chart(weeks: Sequence[WeekSummary]) -> QImage:
    averages = [w.walking_minutes / w.walking_days if w.walking_days else None for w in weeks]
    top = max(10, math.ceil(max((a for a in averages if a is not None), default=0) / 10) * 10)
    image, painter = _image()
    plot, step = _frame(painter, weeks)
    _grid(painter, plot, top, (0, top / 2, top))
    painter.setPen(Qt.NoPen)
    painter.setBrush(WALK_COLOUR)
    for index, average in enumerate(averages):
        if average is not None:
            height = plot.height() * average / top
            painter.drawRect(QRectF(plot.left() + step * (index + 0.15), plot.bottom() - height, step * 0.7, height))
    painter.end()
    return image
