"""Number boxes: clicking or tabbing in selects the number, so what the patient types replaces it."""

from __future__ import annotations

import datetime as dt

import pytest
from programme_helpers import MovableClock, sessions_done, visible_button
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication
from ui_helpers import click, press, scale_button

from desktop.ui.number_box import NumberBox

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def form(window):
    window.show_page("diary")
    return window.diary_page.form


def click_in_number(qtbot, box, where: str) -> None:
    """A mouse click on the number itself: on its first digit ("start") or just after its last ("end")."""
    edit = box.lineEdit()
    digits = len(box.cleanText())
    edit.setCursorPosition(0 if where == "start" else digits)
    x = edit.cursorRect().center().x() + (2 if where == "start" else -1)
    edit.setCursorPosition(len(edit.text()))  # wherever it was, the click decides
    qtbot.mouseClick(edit, Qt.LeftButton, pos=QPoint(x, edit.height() // 2))


@pytest.mark.parametrize("before,where", [(0, "start"), (0, "end"), (15, "end"), (15, "start"), (120, "end")])
def test_clicking_into_the_walking_box_and_typing_replaces_the_number(qtbot, form, before, where):
    form.walking.setValue(before)
    click_in_number(qtbot, form.walking, where)
    assert QApplication.focusWidget() is form.walking.lineEdit() or form.walking.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "30")
    assert form.walking.value() == 30  # was 300 (from 0) and 153 (from 15)


def test_tabbing_into_the_walking_box_and_typing_replaces_the_number(qtbot, form):
    form.walking.setValue(15)
    form.limitation.setFocus(Qt.TabFocusReason)
    for _ in range(4):
        if form.walking.hasFocus():
            break
        press(qtbot, Qt.Key_Tab)
    assert form.walking.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "45")
    assert form.walking.value() == 45
    press(qtbot, Qt.Key_Tab)
    press(qtbot, Qt.Key_Backtab)  # and back again
    qtbot.keyClicks(QApplication.focusWidget(), "20")
    assert form.walking.value() == 20


def test_clicking_into_the_box_a_second_time_puts_the_cursor_where_clicked(qtbot, form):
    form.walking.setValue(15)
    click_in_number(qtbot, form.walking, "end")
    qtbot.wait(20)
    click_in_number(qtbot, form.walking, "end")  # already in the box: a normal click, to correct a digit
    qtbot.keyClicks(QApplication.focusWidget(), "0")
    assert form.walking.value() == 150


def test_every_number_box_of_the_weekly_session_replaces_its_number_too(qtbot, make_window):
    clock = MovableClock(TODAY)
    window = make_window(clock=clock)
    window.show_page("week")
    week = window.page("week")
    sessions_done(week.programme, clock, 1)
    week.refresh()
    click(qtbot, visible_button(week, "Start session 2"))
    flow = week.flow
    for question in flow.safety.questions:
        flow.safety.set_answer(question.id, False)
    click(qtbot, flow.next_button)
    click_in_number(qtbot, flow.days_met, "start")
    qtbot.keyClicks(QApplication.focusWidget(), "3")
    assert flow.days_met.value() == 3
    boxes = [flow.days_met]
    while flow.current().title != "Your goal for next week":
        if flow.limitation.isVisible():
            click(qtbot, scale_button(flow.limitation, 3))
        click(qtbot, flow.next_button)
    click(qtbot, flow.choice.button(3))  # change my goal: the boxes can be typed in
    minutes = flow.editors[0].minutes
    click_in_number(qtbot, minutes, "start")
    qtbot.keyClicks(QApplication.focusWidget(), str(minutes.minimum() + 5))
    assert minutes.value() == minutes.minimum() + 5
    boxes += [box for editor in flow.editors for box in editor.findChildren(QAbstractSpinBox)]
    assert all(isinstance(box, NumberBox) for box in boxes)


def test_every_number_box_on_the_pages_is_one_that_replaces_its_number(window):
    for key in window.section_keys():
        window.show_page(key)
    boxes = [box for box in window.findChildren(QAbstractSpinBox) if type(box).__name__.endswith("SpinBox")
             or isinstance(box, NumberBox)]
    assert boxes and all(isinstance(box, NumberBox) for box in boxes), [type(b) for b in boxes]
