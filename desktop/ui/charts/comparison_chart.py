"""Two bars: average pain on active days and on other days, each with its interval (whiskers),
its number of days and its words underneath. Painted directly, so the words wrap and follow
the app's text size; a chart this small does not need pyqtgraph."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.domain.insights import Comparison, Interval
from desktop.ui.charts.chart_style import BLUE, GRID, INK, ORANGE, chart_font


class ComparisonChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)  # narrower means more lines of words under the bars
        self.setSizePolicy(policy)
        self.setAccessibleName(self.tr("Comparison chart"))
        self.result: Comparison | None = None
        self.group_words: tuple[str, str] = ("", "")

    def show_comparison(self, result: Comparison, active_words: str, other_words: str, description: str) -> None:
        self.result = result
        self.group_words = (active_words[:1].upper() + active_words[1:], other_words[:1].upper() + other_words[1:])
        self.setAccessibleDescription(description)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(chart_font()).height()
        return QSize(round(line * 26), round(line * 13 + self._caption_height(line * 13)))

    def minimumSizeHint(self) -> QSize:
        line = QFontMetricsF(chart_font()).height()
        return QSize(round(line * 13), round(line * 10 + self._caption_height(line * 6.5)))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        line = QFontMetricsF(chart_font()).height()
        return round(line * 13 + self._caption_height((width - line * 4.2) / 2))

    def _captions(self) -> list[str]:
        result = self.result
        if result is None:
            return []
        counts = (result.active_days, result.inactive_days)
        return [f"{words}\n" + (self.tr("1 day") if days == 1 else self.tr("%1 days").replace("%1", str(days)))
                for words, days in zip(self.group_words, counts)]

    def _caption_height(self, slot_width: float) -> float:
        """Height the wrapped captions under the bars need in a slot this wide."""
        metrics = QFontMetricsF(chart_font(0.9))
        width = max(40.0, slot_width - metrics.height() * 0.6)
        heights = [metrics.boundingRect(QRectF(0, 0, width, 10_000), Qt.TextWordWrap, caption).height()
                   for caption in self._captions()]
        return max(heights, default=metrics.height() * 2) + metrics.height() * 0.8

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        result = self.result
        if result is None or not result.enough_data:
            painter.end()
            return
        font = chart_font()
        small = chart_font(0.9)
        line = QFontMetricsF(font).height()
        left, top = line * 3.2, line * 1.6
        words_height = self._caption_height((self.width() - left - line) / 2)
        plot = QRectF(left, top, self.width() - left - line, self.height() - top - words_height)

        def y_of(pain: float) -> float:
            return plot.bottom() - plot.height() * pain / 10

        # Scale 0-10 with faint grid lines, and its title above.
        painter.setFont(small)
        for value in range(0, 11, 2):
            y = y_of(value)
            painter.setPen(QPen(QColor(GRID), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(INK))
            painter.drawText(QRectF(0, y - line / 2, left - line * 0.4, line), Qt.AlignRight | Qt.AlignVCenter,
                             str(value))
        painter.drawText(QRectF(0, 0, self.width(), top - line * 0.3), Qt.AlignLeft | Qt.AlignVCenter,
                         self.tr("Average pain (0 to 10)"))

        captions = self._captions()
        bars = (
            (result.active_mean_pain, result.active_interval, BLUE, captions[0]),
            (result.inactive_mean_pain, result.inactive_interval, ORANGE, captions[1]),
        )
        slot = plot.width() / 2
        for index, (mean, interval, colour, caption) in enumerate(bars):
            centre = plot.left() + slot * (index + 0.5)
            width = min(slot * 0.5, line * 6)
            bar = QRectF(centre - width / 2, y_of(mean or 0.0), width, plot.bottom() - y_of(mean or 0.0))
            painter.fillRect(bar, QColor(colour))
            top_of_value = self._whisker(painter, centre, width, interval, y_of) if interval else bar.top()
            painter.setFont(font)
            painter.setPen(QColor(INK))
            value_box = QRectF(centre - slot / 2, top_of_value - line * 1.2, slot, line)
            painter.drawText(value_box, Qt.AlignCenter, f"{mean:.1f}")
            painter.setFont(small)
            painter.drawText(QRectF(centre - slot / 2 + line * 0.3, plot.bottom() + line * 0.3, slot - line * 0.6,
                                    words_height - line * 0.3),
                             Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap, caption)
        painter.setPen(QPen(QColor(INK), 1.5))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        painter.end()

    @staticmethod
    def _whisker(painter: QPainter, centre: float, width: float, interval: Interval, y_of) -> float:
        painter.setPen(QPen(QColor(INK), 2))
        low, high = y_of(interval.low), y_of(interval.high)
        cap = width * 0.18
        painter.drawLine(QPointF(centre, low), QPointF(centre, high))
        painter.drawLine(QPointF(centre - cap, low), QPointF(centre + cap, low))
        painter.drawLine(QPointF(centre - cap, high), QPointF(centre + cap, high))
        return high
