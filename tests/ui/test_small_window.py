"""The Diary at the largest text in a small (1024 x 600) window: nothing hides off to the side."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from ui_helpers import click, scale_button


@pytest.fixture
def diary_page(make_window, qtbot):
    window = make_window()
    sizes = window.settings_page.text_size
    sizes.setCurrentIndex(sizes.count() - 1)  # the largest text
    window.resize(1024, 600)
    window.show_page("diary")
    qtbot.wait(50)
    return window.diary_page


def test_the_diary_questions_fit_without_a_sideways_scroll_bar(qtbot, diary_page):
    assert not diary_page.form_scroll.horizontalScrollBar().isVisible()  # the 0-10 buttons went off the edge
    form = diary_page.form
    for number in (0, 10):
        button = scale_button(form.pain, number)
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    click(qtbot, scale_button(form.pain, 10))  # the last one can be clicked, no scrolling needed
    assert form.pain.value() == 10


def test_the_day_field_shows_the_whole_date(qtbot, diary_page):
    field = diary_page.date_edit
    field.setDate(QDate(2026, 3, 11))  # Wednesday 11 March: the longest day name
    shown = field.text()
    assert field.fontMetrics().horizontalAdvance(shown) <= field.lineEdit().width()
    assert "11" in shown and "Wed" in shown and "2026" in shown
    assert diary_page.day == dt.date(2026, 3, 11)
