"""The goal step, the session's completion screen and Home's follow-up card fit a 1024x600 window at
the largest text (20 pt): no sideways scroll bar and no words cut off (the checks of
test_every_screen_fits.py, on screens that test does not open)."""

from __future__ import annotations

import datetime as dt

import pytest
from programme_helpers import MovableClock, sessions_done, visible_button
from PySide6.QtWidgets import QAbstractScrollArea, QWidget
from test_every_screen_fits import _clipped, _shown
from ui_helpers import click

from desktop.ui.base.style import TEXT_SIZES

START = dt.date(2026, 3, 2)
LARGEST = max(TEXT_SIZES, key=TEXT_SIZES.get)


def problems_on(qtbot, page: QWidget) -> list[str]:
    qtbot.wait(150)  # rows that change direction with their width settle over a few event-loop turns
    found = [f"a sideways scroll bar on {type(area).__name__}" for area in page.findChildren(QAbstractScrollArea)
             if _shown(area) and area.horizontalScrollBar().isVisible() and area.horizontalScrollBar().maximum() > 0]
    return found + [why for widget in page.findChildren(QWidget) if _shown(widget) and (why := _clipped(widget))]


@pytest.fixture
def small_window(make_window):
    def make(clock):
        window = make_window(clock=clock)
        sizes = window.settings_page.text_size
        sizes.setCurrentIndex(sizes.findData(LARGEST))
        window.resize(1024, 600)
        window.show()
        return window
    return make


def test_the_goal_step_and_the_completion_screen_fit_at_the_largest_text(qtbot, small_window):
    clock = MovableClock(START)
    window = small_window(clock)
    window.show_page("week")
    week = window.page("week")
    sessions_done(week.programme, clock, 1)
    week.refresh()
    click(qtbot, visible_button(week, "Start session 2"))
    flow = week.flow
    for question in flow.safety.questions:
        flow.safety.set_answer(question.id, False)
    while flow.current().title != "Your goal for next week":
        if flow.limitation.isVisible():
            flow.limitation.set_value(3, notify=True)
        click(qtbot, flow.next_button)
    for choice in (1, 3):  # a step up (locked numbers), then "Change my goal" with exercises added
        click(qtbot, flow.choice.button(choice))
        assert problems_on(qtbot, week) == []
    click(qtbot, flow.goal_step.exercises)
    editor = flow.editors[0]
    editor.minutes.setValue(editor.minutes.value() + 30)  # too far: the reason shows under the box
    assert problems_on(qtbot, week) == []
    editor.minutes.setValue(editor.minutes.value() - 30)
    while week.flow is flow:
        if getattr(flow, "reading", None) is not None and flow.current().widget.isAncestorOf(flow.reading):
            flow.reading.choose(flow.reading.cards[-1].key)
        click(qtbot, flow.next_button)
        assert not flow.message.text(), flow.message.text()
    assert visible_button(week, "Done")  # the completion screen
    assert problems_on(qtbot, week) == []


def test_homes_follow_up_card_fits_at_the_largest_text(qtbot, small_window):
    clock = MovableClock(START)
    window = small_window(clock)
    sessions_done(window.home_page.programme, clock, 6)
    clock.day = START + dt.timedelta(days=100)  # the 3-month questionnaire is due
    window.show_page("home")
    home = window.home_page
    home.refresh()
    assert home.programme_button.text() == "Answer the questionnaire"
    assert problems_on(qtbot, home) == []
    words, button = home.programme_text, home.programme_button
    assert button.geometry().top() >= words.geometry().bottom()  # stacked: the words keep their width


def test_the_side_bar_fits_a_600_pixel_high_kiosk_window_at_the_largest_text(qtbot, small_window):
    from PySide6.QtWidgets import QPushButton

    window = small_window(MovableClock(START))
    window.show_whose("Maggie's diary")
    window.side.layout().addWidget(QPushButton("I've finished"))  # as kiosk mode adds it (app_session.py)
    navigation = window.navigation
    qtbot.waitUntil(lambda: navigation.property("compact") is True, timeout=3000)  # roomy rows would not fit
    qtbot.wait(50)
    assert not navigation.verticalScrollBar().isVisible()
    last = navigation.visualItemRect(navigation.item(navigation.count() - 1))
    assert last.bottom() <= navigation.viewport().height()  # Settings is on screen
    window.resize(1024, 900)  # room again: the roomy rows come back
    qtbot.waitUntil(lambda: navigation.property("compact") is False, timeout=3000)
