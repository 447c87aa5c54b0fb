"""Sessions 2-6, "Choose something to read": wrapped cards chosen by mouse or keyboard, or "Choose later"."""

from __future__ import annotations

import datetime as dt

import pytest
from programme_helpers import MovableClock, sessions_done, visible_button
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel
from ui_helpers import click, press

from desktop.content.loader import text

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def clock():
    return MovableClock(TODAY)


def open_reading_step(qtbot, window, clock, done: int = 1):
    """Start session done+1 and answer every step before "Choose something to read", as a patient would."""
    window.show_page("week")
    week = window.page("week")
    sessions_done(week.programme, clock, done)
    week.refresh()
    click(qtbot, visible_button(week, f"Start session {done + 1}"))
    flow = week.flow
    for question in flow.safety.questions:
        flow.safety.set_answer(question.id, False)
    while flow.current().title != text("module_choice_title"):
        if flow.limitation.isVisible():
            flow.limitation.set_value(3, notify=True)
        click(qtbot, flow.next_button)
        assert not flow.message.text(), flow.message.text()
    return week, flow


def test_topics_are_cards_that_wrap_at_the_largest_text_in_a_small_window(qtbot, make_window, clock):
    window = make_window(clock=clock)
    sizes = window.settings_page.text_size
    sizes.setCurrentIndex(sizes.count() - 1)  # the largest text
    window.resize(1024, 600)
    week, flow = open_reading_step(qtbot, window, clock)
    qtbot.wait(50)
    scroll = flow.stack.currentWidget()
    assert not scroll.horizontalScrollBar().isVisible()  # was there: labels did not wrap
    modules = {m.id: m for m in week.programme.content.modules}
    assert [card.key for card in flow.reading.cards][-1] == "later"
    for card in flow.reading.cards:
        scroll.ensureWidgetVisible(card)
        qtbot.wait(10)
        if card.key != "later":
            assert card.title.text() == modules[card.key].title
            assert card.lines[0].text() == modules[card.key].summary
        assert card.geometry().right() <= scroll.viewport().width()  # nothing cut off on the right
        for words in card.findChildren(QLabel):
            assert words.wordWrap() and words.height() >= words.heightForWidth(words.width())


def test_a_topic_is_chosen_with_a_click_anywhere_on_its_card(qtbot, make_window, clock):
    window = make_window(clock=clock)
    week, flow = open_reading_step(qtbot, window, clock)
    click(qtbot, flow.next_button)  # nothing chosen yet
    assert flow.message.text() == text("module_choice_needed")
    second = flow.reading.cards[1]
    flow.stack.currentWidget().ensureWidgetVisible(second)
    summary = second.lines[0]
    qtbot.mouseClick(summary, Qt.LeftButton, pos=QPoint(summary.width() - 5, summary.height() // 2))
    assert second.isChecked() and flow.reading.key() == second.key
    click(qtbot, flow.next_button)
    assert week.flow is None
    assert week.programme.snapshot().sessions[-1].module_id == second.key
    assert second.key in week.programme.unlocked_modules()


def test_a_topic_is_chosen_from_the_keyboard(qtbot, make_window, clock):
    window = make_window(clock=clock)
    week, flow = open_reading_step(qtbot, window, clock)
    flow.next_button.setFocus(Qt.OtherFocusReason)
    for _ in range(10):
        if QApplication.focusWidget() in flow.reading.cards:
            break
        press(qtbot, Qt.Key_Tab)
    first = QApplication.focusWidget()
    assert first is flow.reading.cards[0], "Tab never reached the topics"  # the group is one Tab stop
    press(qtbot, Qt.Key_Space)
    assert flow.reading.key() == first.key
    press(qtbot, Qt.Key_Down)  # the arrows move on, and choose, once one is chosen
    assert QApplication.focusWidget() is flow.reading.cards[1] and flow.reading.key() == flow.reading.cards[1].key
    press(qtbot, Qt.Key_F, Qt.AltModifier)  # the underlined F of "Finish" (the button clicks after a moment)
    qtbot.waitUntil(lambda: week.flow is None, timeout=2000)
    assert week.programme.snapshot().sessions[-1].module_id == flow.reading.cards[1].key


def test_choose_later_finishes_the_session_without_opening_a_topic(qtbot, make_window, clock):
    window = make_window(clock=clock)
    week, flow = open_reading_step(qtbot, window, clock, done=3)
    later = flow.reading.card("later")
    assert later.title.text() == "Choose later"
    click(qtbot, later)
    click(qtbot, flow.next_button)
    assert week.flow is None
    assert week.programme.snapshot().sessions[-1].module_id is None
    assert week.programme.unlocked_modules() == []  # nothing opened; every topic waits for a later session


def test_the_goal_choices_wrap_too_and_are_chosen_with_a_click(qtbot, make_window, clock):
    window = make_window(clock=clock)
    sizes = window.settings_page.text_size
    sizes.setCurrentIndex(sizes.count() - 1)
    window.resize(1024, 600)
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
    qtbot.wait(50)
    assert not flow.stack.currentWidget().horizontalScrollBar().isVisible()  # the longest choice was cut off
    step_down = flow.choice.button(2)
    assert step_down.text() == "Step down a little."
    click(qtbot, step_down)
    assert flow.choice.checkedId() == 2 and not flow.editors[0].isEnabled()
    click(qtbot, flow.choice.button(3))  # change my goal: now the goal can be edited
    assert flow.editors[0].isEnabled()
