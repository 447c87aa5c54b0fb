"""Number boxes: clicking or tabbing in selects the number, so what the patient types replaces it;
a lot of walking is checked before it is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from programme_helpers import MovableClock, sessions_done, visible_button
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QMessageBox
from ui_helpers import click, press, scale_button

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.ui.pages.walking_check import walking_ask_above
from desktop.ui.widgets.number_box import NumberBox

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


# "Is 300 minutes right?" ------------------------------------------------------------------

def answer_check(qtbot, caption: str, seen: list) -> None:
    """When the question comes up, read it and click ``caption`` on it, as the patient would."""
    tries = []

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if len(tries) < 100:  # nothing asked within 2 s: the test's own assertions say so
                tries.append(1)
                QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        buttons = [b for b in box.buttons() if b.text() == caption]
        qtbot.mouseClick(buttons[0], Qt.LeftButton)
    QTimer.singleShot(0, answer)


def fill_pain_and_limitation(qtbot, form) -> None:
    click(qtbot, scale_button(form.pain, 4))
    click(qtbot, scale_button(form.limitation, 3))


def test_a_lot_of_walking_is_checked_and_can_be_changed_before_saving(qtbot, window, diary):
    assert walking_ask_above() == 180
    window.show_page("diary")
    page = window.diary_page
    fill_pain_and_limitation(qtbot, page.form)
    page.form.walking.setValue(30)
    click_in_number(qtbot, page.form.walking, "end")
    qtbot.keyClicks(QApplication.focusWidget(), "300")
    seen: list[str] = []
    answer_check(qtbot, "No, let me change it", seen)
    click(qtbot, page.save_button)
    assert seen == ["Is 300 minutes right?"]
    assert diary.get(TODAY) is None
    assert page.state_label.text() == text("walking_check_not_saved")
    window.activateWindow()  # what the window manager does when the question closes (offscreen has none)
    qtbot.waitUntil(page.form.walking.hasFocus, timeout=2000)  # back in the walking box
    qtbot.keyClicks(QApplication.focusWidget(), "30")  # the number is selected: typing replaces it
    click(qtbot, page.save_button)  # 30 minutes: nothing to check
    assert diary.get(TODAY).walking_minutes == 30
    assert seen == ["Is 300 minutes right?"]


def test_a_lot_of_walking_that_is_right_is_saved_after_yes(qtbot, window, diary):
    window.show_page("diary")
    page = window.diary_page
    fill_pain_and_limitation(qtbot, page.form)
    click_in_number(qtbot, page.form.walking, "start")
    qtbot.keyClicks(QApplication.focusWidget(), "240")
    seen: list[str] = []
    answer_check(qtbot, "Yes", seen)
    press(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert seen == ["Is 240 minutes right?"]
    assert diary.get(TODAY).walking_minutes == 240
    assert page.state_label.text().startswith("✓ Saved at ")


def test_up_to_the_limit_and_a_day_saved_before_are_not_asked_about(qtbot, diary, make_window, dialogs):
    diary.save(DiaryEntry(day=TODAY, pain=3, walking_minutes=250, limitation=2))
    window = make_window()
    window.show_page("diary")
    page = window.diary_page
    click(qtbot, scale_button(page.form.pain, 5))  # only the pain changes: 250 was checked already
    click(qtbot, page.save_button)
    assert diary.get(TODAY).pain == 5
    click_in_number(qtbot, page.form.walking, "end")
    qtbot.keyClicks(QApplication.focusWidget(), "180")
    click(qtbot, page.save_button)
    assert diary.get(TODAY).walking_minutes == 180
