"""Filling in an earlier day: the Diary's questions name that day, not "right now" or "today"."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from ui_helpers import click

TODAY = dt.date(2026, 3, 15)  # a Sunday


@pytest.fixture
def page(window):
    window.show_page("diary")
    return window.diary_page


def questions(page) -> list[str]:
    form = page.form
    return [form.pain.question(), form.limitation.question(), form.walking_question.text(), form.walking_hint.text(),
            form.exercises_question.text(), form.flare_question.text(), form.flare_up.text(),
            form.sleep.question(), form.mood.question(), form.note_question.text()]


def go_back_days(qtbot, page, days: int) -> None:
    """Back in the Day field with the Down arrow, one day a press, as a keyboard user does."""
    page.date_edit.setFocus(Qt.TabFocusReason)
    for _ in range(days):
        qtbot.keyClick(page.date_edit, Qt.Key_Down)


def test_today_asks_about_right_now_and_today(page):
    assert questions(page) == [
        "How bad is your back pain right now?", "How much did back pain limit what you did today?",
        "How many minutes did you walk today?",
        "Add up all your walks. Put 0 if you did not walk today, that is useful to know too.",
        "Which back exercises did you do today?", "Did you have a flare-up today?", "Yes, I had a flare-up today",
        "How well did you sleep last night?", "How has your mood been today?",
        "Anything else you would like to remember about today?"]


def test_an_earlier_day_this_week_is_named(qtbot, page):
    go_back_days(qtbot, page, 5)
    assert page.day == dt.date(2026, 3, 10)
    assert questions(page) == [
        "How bad was your back pain on Tuesday?", "How much did back pain limit what you did on Tuesday?",
        "How many minutes did you walk on Tuesday?",
        "Add up all your walks. Put 0 if you did not walk on Tuesday, that is useful to know too.",
        "Which back exercises did you do on Tuesday?", "Did you have a flare-up on Tuesday?",
        "Yes, I had a flare-up on Tuesday", "How well did you sleep the night before?", "How was your mood on Tuesday?",
        "Anything else you would like to remember about Tuesday?"]
    assert page.form.pain.accessibleName() == "How bad was your back pain on Tuesday?"
    assert page.form.walking.accessibleName() == "How many minutes did you walk on Tuesday?"
    text = " ".join(questions(page))
    assert "today" not in text and "right now" not in text


def test_yesterday_and_a_day_weeks_ago(qtbot, page):
    go_back_days(qtbot, page, 1)
    assert page.form.pain.question() == "How bad was your back pain yesterday?"
    assert page.form.note_question.text() == "Anything else you would like to remember about yesterday?"
    page.date_edit.setDate(QDate(2026, 2, 24))  # picked in the calendar pop-up
    assert page.form.pain.question() == "How bad was your back pain on Tuesday 24 February?"
    click(qtbot, page.today_button)
    assert page.form.pain.question() == "How bad is your back pain right now?"


def test_a_day_chosen_in_the_list_of_days_is_named_too(qtbot, diary, make_window):
    from desktop.domain.diary import DiaryEntry

    diary.save(DiaryEntry(day=dt.date(2026, 3, 12), pain=4, walking_minutes=10, limitation=2))
    window = make_window()
    window.show_page("diary")
    page = window.diary_page
    item = page.days_list.item(0)
    qtbot.mouseClick(page.days_list.viewport(), Qt.LeftButton, pos=page.days_list.visualItemRect(item).center())
    assert page.day == dt.date(2026, 3, 12)
    assert page.form.limitation.question() == "How much did back pain limit what you did on Thursday?"
