"""The appointment summary's charts: week labels never run into each other, however many weeks;
a week whose walking was never answered has no bar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor, QFont, QFontMetricsF

from desktop.domain.insights import WeekSummary
from desktop.ui import summary_charts
from desktop.ui.summary_charts import WALK_COLOUR, label_every, walking_chart, week_label

MONDAY = dt.date(2026, 1, 5)


def _weeks(count: int, walking_days: int = 5) -> list[WeekSummary]:
    return [WeekSummary(MONDAY + dt.timedelta(weeks=i), 7, 100 + 10 * i, 2, 4.0, 3.0, walking_days)
            for i in range(count)]


def test_week_labels_never_overlap_for_a_long_diary(qapp):
    font = QFont("DejaVu Sans")
    font.setPixelSize(36)
    metrics = QFontMetricsF(font)
    room = summary_charts.WIDTH - summary_charts._LEFT - summary_charts._RIGHT
    for count in (2, 9, 26, 52, 104):
        weeks = _weeks(count)
        widest = max(metrics.horizontalAdvance(week_label(w)) for w in weeks)
        every = label_every(count, widest, room)
        gap = room / count * every  # centre to centre of two labels drawn
        assert gap >= widest * 1.5, count
        assert every == 1 or room / count * (every - 1) < widest * 1.5  # and no sparser than needed


def test_a_week_with_walking_never_answered_has_no_bar(qapp):
    weeks = _weeks(4)
    weeks[2] = WeekSummary(weeks[2].week_start, 7, 0, 2, 4.0, 3.0, walking_days=0)
    image = walking_chart(weeks)
    plot_bottom = summary_charts.HEIGHT - summary_charts._BOTTOM
    step = (summary_charts.WIDTH - summary_charts._LEFT - summary_charts._RIGHT) / 4

    def colour_at(index: int) -> QColor:
        return image.pixelColor(int(summary_charts._LEFT + step * (index + 0.5)), int(plot_bottom - 6))

    assert colour_at(1) == WALK_COLOUR and colour_at(3) == WALK_COLOUR
    assert colour_at(2) != WALK_COLOUR
