"""The weekly goal step, driven by mouse and keyboard: last week -> this week beside each number, a
small step up, locked boxes that look and say locked, typed numbers kept and explained, and
walking or back exercises added or dropped under "Change my goal"."""

from __future__ import annotations

import datetime as dt

import pytest
from programme_helpers import MovableClock, got_started, visible_button
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import click, press

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.domain.goals import EXERCISES, WALKING, Goal
from desktop.store.programme_service import SessionResult

TODAY = dt.date(2026, 3, 15)
FIVE_BY_THREE = Goal(WALKING, 1, 3, minutes_per_day=5)  # 5 minutes on 3 days, the gentle level
GOAL_STEP = "Your goal for next week"


@pytest.fixture
def clock():
    return MovableClock(TODAY)


def open_goal_step(qtbot, window, clock, last: Goal = FIVE_BY_THREE, limitation: int = 3):
    """Session 2 after a week of last's goal, answered as far as the goal step."""
    window.show_page("week")
    week = window.page("week")
    programme = week.programme
    got_started(programme)
    programme.complete_session(SessionResult(1, (last,), level=last.level, limitation=7, activity_choice=last.activity))
    started = clock.day
    clock.day += dt.timedelta(days=programme.rules.unlock_days)
    for offset in range(programme.rules.unlock_days):  # a week of 30-minute walks: the goal was met
        week.diary.save(DiaryEntry(day=started + dt.timedelta(days=offset), pain=3, walking_minutes=30,
                                   limitation=3, exercises=last.exercises))
    week.refresh()
    click(qtbot, visible_button(week, "Start session 2"))
    flow = week.flow
    for question in flow.safety.questions:
        flow.safety.set_answer(question.id, False)
    while flow.current().title != GOAL_STEP:
        if flow.limitation.isVisible():
            flow.limitation.set_value(limitation, notify=True)  # 3: the building level (2)
        click(qtbot, flow.next_button)
        assert not flow.message.text(), flow.message.text()
    qtbot.waitUntil(lambda: flow.editors and flow.editors[0].isVisible(), timeout=3000)
    return week, flow


def type_number(qtbot, box, number: int) -> None:
    click(qtbot, box)  # clicking in selects the number, so typing replaces it
    qtbot.keyClicks(box, str(number))


def finish(qtbot, week, flow) -> None:
    while week.flow is flow:
        if getattr(flow, "reading", None) is not None and flow.current().widget.isAncestorOf(flow.reading):
            flow.reading.choose(flow.reading.cards[-1].key)  # "Choose later"
        click(qtbot, flow.next_button)
        assert not flow.message.text(), flow.message.text()


def test_a_step_up_is_one_small_step_shown_beside_last_weeks_numbers(qtbot, make_window, clock):
    week, flow = open_goal_step(qtbot, make_window(clock=clock), clock)
    assert flow.choice.checkedId() == 1  # a met week suggests stepping up
    editor = flow.editors[0]
    minutes, days = editor.rows["minutes_per_day"], editor.rows["days_per_week"]
    # The level rose to "building" (15-30 min, 5-7 days), yet the step is 5 -> 10 minutes, days as they were.
    assert (editor.minutes.value(), editor.days.value()) == (10, 3)
    assert minutes.trend.text() == text("goal_step_trend", last=5, now=10)
    assert days.trend.text() == text("goal_step_trend", last=3, now=3)
    # Set by the choice: the boxes are locked, look it (a lock each) and the card says why.
    assert not editor.minutes.isEnabled() and not editor.days.isEnabled()
    assert minutes.lock.isVisible() and days.lock.isVisible()
    assert editor.lock_note.isVisible() and text("goal_step_locked_choice") in editor.lock_note.findChild(
        type(minutes.trend), "goalLocked").text()
    finish(qtbot, week, flow)
    saved = week.programme.snapshot().goals
    assert [(g.activity, g.level, g.minutes_per_day, g.days_per_week) for g in saved] == [(WALKING, 2, 10, 3)]


def test_typed_numbers_stay_and_say_why_they_cannot_go_higher(qtbot, make_window, clock):
    week, flow = open_goal_step(qtbot, make_window(clock=clock), clock)
    change = flow.choice.button(3)
    change.setFocus(Qt.TabFocusReason)
    press(qtbot, Qt.Key_Space)  # the keyboard chooses "Change my goal"
    assert flow.choice.checkedId() == 3
    editor = flow.editors[0]
    qtbot.waitUntil(editor.minutes.isVisible, timeout=3000)
    assert editor.minutes.isEnabled() and not editor.lock_note.isVisible()
    minutes = editor.rows["minutes_per_day"]
    type_number(qtbot, editor.minutes, 20)  # 5 x 3 to 20 minutes at once
    assert editor.minutes.value() == 20  # what was typed stays in the box
    assert minutes.trend.text() == text("goal_step_trend", last=5, now=20)
    assert minutes.note.isVisible() and minutes.note.text() == text("goal_step_above_step", limit=10, last=5)
    click(qtbot, flow.next_button)
    assert flow.current().title == GOAL_STEP and text("goal_step_above_step", limit=10, last=5) in flow.message.text()
    type_number(qtbot, editor.minutes, 10)
    assert not minutes.note.isVisible() or minutes.note.text() == text("goal_step_at_step_top")
    press(qtbot, Qt.Key_Tab)  # on to the days: Tab selects the number, typing replaces it
    assert QApplication.focusWidget() is editor.days
    qtbot.keyClicks(editor.days, "4")
    days = editor.rows["days_per_week"]
    assert editor.days.value() == 4 and days.note.text() == text("goal_step_too_many_up")
    qtbot.keyClick(editor.days, Qt.Key_Down)  # back to 3: one number rises this week
    assert editor.days.value() == 3 and not days.note.isVisible()
    finish(qtbot, week, flow)
    assert [(g.minutes_per_day, g.days_per_week) for g in week.programme.snapshot().goals] == [(10, 3)]


def test_walking_or_exercises_can_be_added_or_dropped_when_changing_the_goal(qtbot, make_window, clock):
    week, flow = open_goal_step(qtbot, make_window(clock=clock), clock)
    step = flow.goal_step
    assert not step.activities.isVisible()  # only under "Change my goal"
    click(qtbot, flow.choice.button(3))
    qtbot.waitUntil(step.activities.isVisible, timeout=3000)
    assert step.walking.isChecked() and not step.exercises.isChecked()
    click(qtbot, step.exercises)  # add back exercises: a new goal at the level's easy end
    assert [e.base.activity for e in flow.editors] == [WALKING, EXERCISES]
    exercises = flow.editors[1]
    assert exercises.rows["repetitions"].trend.text() == text("goal_step_trend_new")
    assert exercises.rows["times_per_day"].box.isEnabled()  # once or twice a day at the building level
    click(qtbot, step.walking)  # drop walking
    assert [e.base.activity for e in flow.editors] == [EXERCISES]
    click(qtbot, step.exercises)  # nothing left: Next says what to do
    click(qtbot, flow.next_button)
    assert flow.current().title == GOAL_STEP and flow.message.text() == text("goal_step_keep_one")
    click(qtbot, step.exercises)
    click(qtbot, flow.choice.button(0))  # a look at "Keep", then back: the change is still there
    assert [e.base.activity for e in flow.editors] == [WALKING]
    click(qtbot, flow.choice.button(3))
    assert [e.base.activity for e in flow.editors] == [EXERCISES]
    finish(qtbot, week, flow)
    saved = week.programme.snapshot().goals
    assert [(g.activity, g.exercise_count, g.repetitions) for g in saved] == [(EXERCISES, 3, 8)]


def test_a_number_that_cannot_change_at_this_level_looks_locked_and_says_so(qtbot, make_window, clock):
    last = Goal(EXERCISES, 1, 3, exercise_count=2, repetitions=5, times_per_day=1,
                exercises=frozenset({"bridge", "cat-camel"}))
    week, flow = open_goal_step(qtbot, make_window(clock=clock), clock, last=last, limitation=8)  # gentle again
    click(qtbot, flow.choice.button(3))
    editor = flow.editors[0]
    times = editor.rows["times_per_day"]
    qtbot.waitUntil(times.isVisible, timeout=3000)
    assert not times.box.isEnabled() and times.lock.isVisible()
    assert times.note.text() == text("goal_step_locked_level", value=1)
    assert editor.repetitions.isEnabled() and not editor.rows["repetitions"].lock.isVisible()
