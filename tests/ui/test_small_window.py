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
    sizes.setCurrentIndex(sizes.findData("larger"))  # written for 16.5 pt; 20 pt: see test_every_screen_fits
    window.resize(1024, 600)
    window.show_page("diary")
    qtbot.wait(250)  # the list of days makes room for the questions over a few event-loop turns
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


def test_home_keeps_every_card_and_day_whole(qtbot, make_window, diary):
    from PySide6.QtWidgets import QLabel, QScrollArea

    from desktop.domain.diary import DiaryEntry

    for offset in range(7):
        diary.save(DiaryEntry(day=dt.date(2026, 3, 15) - dt.timedelta(days=offset), pain=3,
                              walking_minutes=25, limitation=2, exercises=frozenset({"bridge", "cat-camel"})))
    window = make_window()
    sizes = window.settings_page.text_size
    sizes.setCurrentIndex(sizes.count() - 1)
    window.resize(1024, 600)
    window.show_page("home")
    qtbot.wait(50)
    home = window.home_page
    scroll = home.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    for words in home.today_card.findChildren(QLabel):  # was squeezed to half a line
        assert words.height() >= words.heightForWidth(words.width())
    for tile in home.week_strip.tiles:  # were cut to their first two lines, and on the right
        assert tile.width() >= tile.sizeHint().width() and tile.height() >= tile.sizeHint().height()
        assert tile.geometry().right() <= home.week_strip.width()
    scroll.ensureWidgetVisible(home.week_strip.tiles[-1])
    click(qtbot, home.week_strip.tiles[-1])  # today, reached by scrolling down
    assert window.current_section() == "diary"
