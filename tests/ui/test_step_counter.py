"""Getting started and every session say "Step N of M" and Next / Finish rightly on every step."""

from __future__ import annotations

import datetime as dt

import pytest
from programme_helpers import MovableClock, sessions_done, visible_button
from ui_helpers import click

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def clock():
    return MovableClock(TODAY)


@pytest.fixture
def week(make_window, clock):
    window = make_window(clock=clock)
    window.show_page("week")
    return window.page("week")


def says(flow) -> tuple[str, str]:
    return flow.progress.text(), flow.next_button.text().replace("&", "")


def on_screen(flow, name: str):
    widget = getattr(flow, name, None)
    step = flow.current().widget
    return widget if widget is not None and (widget is step or step.isAncestorOf(widget)) else None


def answer(qtbot, flow) -> None:
    """Whatever the step on screen asks, answered as a patient with no red flags would."""
    for name in ("safety", "history", "barriers"):
        questions = on_screen(flow, name)
        for question in questions.questions if questions else ():
            questions.set_answer(question.id, False)
    mood = on_screen(flow, "mood")
    for item in mood.groups if mood else ():
        mood.set_answer(item, 0)
    for name in ("pain_now", "pain_week", "limitation"):
        if on_screen(flow, name):
            getattr(flow, name).set_value(3, notify=True)
    if on_screen(flow, "walking"):
        click(qtbot, flow.walking)


def walk_through(qtbot, flow, steps: int) -> None:
    for number in range(1, steps + 1):
        assert says(flow) == (f"Step {number} of {steps}", "Finish" if number == steps else "Next >")
        if number < steps:
            answer(qtbot, flow)
            click(qtbot, flow.next_button)
            assert not flow.message.text(), flow.message.text()


def test_getting_started_counts_its_steps_from_the_first_one(qtbot, week):
    click(qtbot, visible_button(week, "Get started"))
    assert says(week.flow) == ("Step 1 of 9", "Next >")  # was "Step 1 of 1" and "Finish"
    walk_through(qtbot, week.flow, 9)  # with the health history and mood steps


def test_session_1_counts_its_steps_from_the_first_one(qtbot, week, clock):
    sessions_done(week.programme, clock, 0)
    week.refresh()
    click(qtbot, visible_button(week, "Start session 1"))
    walk_through(qtbot, week.flow, 5)


@pytest.mark.parametrize("done", [1, 5])
def test_later_sessions_count_their_steps_from_the_first_one(qtbot, week, clock, done):
    sessions_done(week.programme, clock, done)
    week.refresh()
    click(qtbot, visible_button(week, f"Start session {done + 1}"))
    flow = week.flow
    steps = 7 if done < 5 else 8  # session 6 also looks back with the questionnaire
    assert says(flow) == (f"Step 1 of {steps}", "Next >")
    answer(qtbot, flow)
    click(qtbot, flow.next_button)
    assert says(flow) == (f"Step 2 of {steps}", "Next >")
