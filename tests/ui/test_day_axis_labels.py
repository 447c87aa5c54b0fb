"""Dates along a chart's bottom axis never run into each other: a week label two days before a
month label ("29 Sep" and "Oct") is left out rather than drawn as "29 SepOct"."""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter

from desktop.ui.charts.chart_style import DayAxis, epoch

RANGES = [(dt.date(2026, 9, 5), dt.date(2026, 10, 5)), (dt.date(2026, 9, 25), dt.date(2026, 10, 25)),
          (dt.date(2026, 9, 2), dt.date(2026, 12, 2)), (dt.date(2025, 12, 2), dt.date(2026, 12, 2))]


def _labels(qtbot, width: int, first: dt.date, last: dt.date):
    axis = DayAxis(orientation="bottom", utcOffset=0)
    plot = pg.PlotWidget(axisItems={"bottom": axis})
    qtbot.addWidget(plot)
    plot.resize(width, 300)
    plot.show()
    plot.setXRange(epoch(first), epoch(last), padding=0)
    qtbot.waitUntil(lambda: axis.width() > width / 2)
    image = QImage(width, 300, QImage.Format_RGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return sorted(((rect, words) for rect, _flags, words in texts), key=lambda item: item[0].left())


@pytest.fixture(autouse=True, params=["plain", "app style"])
def font(request, qapp):
    """Both with Qt's own font and with the app's (larger) text, as the clinician window has it."""
    if request.param == "plain":
        yield
        return
    from desktop.ui.base.style import DEFAULT_TEXT_SIZE, apply_style

    font, sheet = qapp.font(), qapp.styleSheet()
    apply_style(qapp, DEFAULT_TEXT_SIZE)
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.mark.parametrize("width", [500, 700, 1200])  # (the clinician window's charts are wider still)
@pytest.mark.parametrize("first, last", RANGES)
def test_no_two_date_labels_touch(qtbot, width, first, last):
    labels = _labels(qtbot, width, first, last)
    assert len(labels) >= 2
    for (left, left_words), (right, right_words) in zip(labels, labels[1:]):
        assert right.left() - left.right() >= 6, f"{left_words!r} and {right_words!r} run together"


def test_the_month_label_is_kept_and_the_week_label_beside_it_goes(qtbot):
    words = [w for _rect, w in _labels(qtbot, 500, dt.date(2026, 9, 25), dt.date(2026, 10, 25))]
    assert "Oct" in words and "29 Sep" not in words and "9 Oct" in words
