"""A patient's whole journey: getting started, six weekly sessions, then library mode."""

from __future__ import annotations

import datetime as dt

import pytest
from programme_helpers import MovableClock, visible_button

from desktop.domain.diary import DiaryEntry
from desktop.ui.programme.onboarding_flow import OnboardingFlow
from desktop.ui.programme.session_flow import SessionFlow
from desktop.ui.widgets.formatting import long_day

START = dt.date(2026, 3, 2)


@pytest.fixture
def clock():
    return MovableClock(START)


@pytest.fixture
def journey(make_window, clock):
    window = make_window(clock=clock)
    window.show_page("week")
    return window


def answer_all(yes_no, yes_ids=()):
    for question in yes_no.questions:
        yes_no.set_answer(question.id, question.id in yes_ids)


def onboard(qtbot, page, limitation=7, barrier_yes=()):
    visible_button(page, "Get started").click()
    flow: OnboardingFlow = page.flow
    flow.next()  # welcome
    answer_all(flow.safety)
    flow.next()
    answer_all(flow.history)
    flow.next()
    flow.pain_now.set_value(6, notify=True)
    flow.pain_week.set_value(5, notify=True)
    flow.limitation.set_value(limitation, notify=True)
    flow.next()
    for box in list(flow.rmdq.boxes.values())[:9]:
        box.setChecked(True)
    flow.next()
    answer_all(flow.barriers, barrier_yes)
    flow.next()
    for item in flow.mood.groups:
        flow.mood.set_answer(item, 0)
    flow.next()
    flow.next()  # reminders
    assert flow.next_button.text().replace("&", "") == "Finish"
    flow.next()


def test_the_whole_programme_from_onboarding_to_library(qtbot, journey, clock):
    window = journey
    page = window.page("week")
    diary = page.diary  # on the moving clock
    programme = page.programme
    structural = next(q.id for q in programme.content.barrier_questions if q.tag == "structural_beliefs")
    onboard(qtbot, page, limitation=7, barrier_yes={structural})
    snapshot = programme.snapshot()
    assert snapshot.onboarded and snapshot.indicators == {"structural_beliefs"}
    assert programme.rmdq_scores() == [("baseline", START, 9)]

    # Session 1: reassurance (tailored), choose walking, a gentle first goal, an if-then plan.
    visible_button(page, "Start session 1").click()
    flow: SessionFlow = page.flow
    reassurance = " ".join(label.text() for label in flow.stack.currentWidget().findChildren(type(flow.heading)))
    assert programme.content.barriers.tailoring["structural_beliefs"][0] in reassurance
    flow.next()
    flow.next()
    flow.next()
    assert "choose" in flow.message.text().lower()  # nothing chosen yet
    flow.walking.setChecked(True)
    flow.next()
    assert [e.goal().minutes_per_day for e in flow.editors] == [5]  # level 1: limitation 7 >= 6
    flow.next()
    flow.plan_when.setText("After breakfast")
    flow.plan_where.setText("round the park")
    flow.next()
    assert page.flow is None
    goal = programme.snapshot().goals[0]
    assert (goal.activity, goal.level, goal.minutes_per_day, goal.plan_when) == ("walking", 1, 5, "After breakfast")
    assert "opens on" in " ".join(lbl.text() for lbl in page.findChildren(type(flow.heading)) if lbl.isVisible())

    # Sessions 2-6, one week apart, each reviewing a week of diary.
    for number in range(2, 7):
        week_start = clock.day
        clock.day = week_start + dt.timedelta(days=7)
        for offset in range(7):
            diary.save(DiaryEntry(day=week_start + dt.timedelta(days=offset), pain=max(0, 6 - number),
                                  walking_minutes=30, limitation=3))
        page.refresh()
        visible_button(page, f"Start session {number}").click()
        flow = page.flow
        answer_all(flow.safety)
        flow.next()
        assert flow.days_met.value() == 7  # pre-filled from the diary
        flow.next()
        feedback_text = " ".join(lbl.text() for lbl in flow.feedback_box.findChildren(type(flow.heading)))
        assert any(v.split("{")[0][:25] in feedback_text for v in programme.content.feedback.met_same
                   + programme.content.feedback.met_better)
        flow.next()
        flow.limitation.set_value(3, notify=True)
        flow.next()
        assert flow.choice.checkedId() == 1  # goal met: a step up is suggested
        flow.next()
        flow.next()  # plan
        topics = [card.key for card in flow.reading.cards][:-1]  # the last one is "Choose later"
        assert len(topics) == 6 - (number - 2)  # one more module opens each session
        flow.reading.choose(topics[0])
        flow.next()
        if number == 6:
            for box in list(flow.rmdq.boxes.values())[:4]:
                box.setChecked(True)
            flow.next()
            mood = page.flow  # PHQ-2 and GAD-2 again at session 6
            for item in mood.questions.groups:
                mood.questions.set_answer(item, 1)
            mood.save()
            mood.save()  # Done
        assert page.flow is None, f"session {number} did not finish: {flow.message.text()}"

    assert programme.in_library()
    assert [s for s in programme.rmdq_scores()] == [("baseline", START, 9), ("session6", clock.day, 4)]
    assert programme.unlocked_modules() == [m.id for m in programme.content.modules]
    goals = programme.snapshot().goals
    assert goals[0].level == 2 and goals[0].minutes_per_day > 5
    labels = " ".join(lbl.text() for lbl in page.findChildren(type(flow.heading)) if lbl.isVisible())
    assert programme.content.sessions.library.title in labels

    # Library: every module opens, and opening one is recorded.
    window.show_page("learn")
    learn = window.page("learn")
    learn.list.setCurrentRow(3)
    shown = " ".join(lbl.text() for lbl in learn.reader.widget().findChildren(type(flow.heading)))
    assert programme.content.modules[3].action in shown
    kinds = [e.kind for e in __import__("desktop.store.usage_service", fromlist=["x"]).UsageService(
        programme.database).recent()]
    assert "module_opened" in kinds and kinds.count("session_completed") == 6

    # A weekly review continues in library mode a week later.
    clock.day += dt.timedelta(days=7)
    window.show_page("week")
    page.refresh()
    visible_button(page, "Review your week and set next week's goal")


def test_a_red_flag_stops_onboarding_and_pauses_the_programme(qtbot, journey):
    # The emergency, GP-today and all-clear paths in full: tests/ui/test_safety_ui.py.
    page = journey.page("week")
    visible_button(page, "Get started").click()
    flow = page.flow
    flow.next()
    emergency = next(q.id for q in page.programme.content.safety_questions if q.tag == "emergency")
    answer_all(flow.safety, {emergency})
    flow.next()
    assert page.flow is None
    words = page.programme.content.safety.levels["emergency"]
    visible_text = " ".join(lbl.text() for lbl in journey.findChildren(type(flow.heading)) if lbl.isVisible())
    assert words.title in visible_text and words.advice[0] in visible_text
    snapshot = page.programme.snapshot()
    assert snapshot.paused_for_safety and snapshot.safety_outcome == "emergency" and not snapshot.onboarded


def test_a_red_flag_at_a_weekly_session_pauses_until_checked(qtbot, journey, clock):
    page = journey.page("week")
    onboard(qtbot, page, limitation=3)
    visible_button(page, "Start session 1").click()
    flow = page.flow
    for _ in range(3):
        flow.next()
    flow.exercises.setChecked(True)
    flow.next()
    flow.next()
    flow.next()
    clock.day += dt.timedelta(days=8)
    page.refresh()
    visible_button(page, "Start session 2").click()
    same_day = next(q.id for q in page.programme.content.safety_questions if q.tag == "same_day")
    answer_all(page.flow.safety, {same_day})
    page.flow.next()
    visible = " ".join(lbl.text() for lbl in page.findChildren(type(flow.heading)) if lbl.isVisible())
    assert page.programme.content.safety.levels["same_day"].title in visible
    assert page.programme.snapshot().paused_for_safety
    assert len(page.programme.snapshot().sessions) == 1  # session 2 not completed


def test_onboarding_refuses_to_go_on_with_unanswered_questions(qtbot, journey):
    page = journey.page("week")
    visible_button(page, "Get started").click()
    flow = page.flow
    flow.next()
    flow.next()
    assert "every question" in flow.message.text()
    answer_all(flow.safety)
    flow.next()
    flow.next()
    assert "every question" in flow.message.text()  # the health questions asked once
    answer_all(flow.history)
    flow.next()
    flow.next()
    assert "0 to 10" in flow.message.text()
    assert not page.programme.snapshot().onboarded


def test_moving_up_a_level_suggests_enough_exercises_for_it(qtbot, app):
    from desktop.content.loader import exercise_catalogue
    from desktop.content.programme import programme_content
    from desktop.domain.goals import EXERCISES, Goal, fit_to_level
    from desktop.ui.programme.goal_editor import GoalEditor

    rules = programme_content().rules
    gentle = Goal(EXERCISES, 1, 3, exercise_count=2, repetitions=5, times_per_day=1,
                  exercises=frozenset({"bridge", "cat-camel"}))
    editor = GoalEditor(fit_to_level(gentle, 2, rules), rules, exercise_catalogue())
    qtbot.addWidget(editor)
    goal = editor.goal()
    assert goal.exercise_count == 3 and {"bridge", "cat-camel"} < goal.exercises
    assert editor.problem() is None


def test_goal_setting_links_to_the_exercise_videos_and_keeps_the_session(qtbot, journey):
    page = journey.page("week")
    onboard(qtbot, page, limitation=3)
    visible_button(page, "Start session 1").click()
    flow = page.flow
    for _ in range(3):
        flow.next()
    flow.exercises.setChecked(True)
    flow.next()
    visible_button(page, "Watch how the exercises are done").click()
    assert journey.current_section() == "exercises"
    journey.show_page("week")
    assert page.flow is flow and flow.editors  # nothing lost while watching


def test_finishing_a_session_ends_on_what_was_chosen_and_when_the_next_opens(qtbot, make_window):
    from programme_helpers import MovableClock, sessions_done

    clock = MovableClock(START)
    window = make_window(clock=clock)
    programme = window.home_page.programme
    sessions_done(programme, clock, 1)
    from desktop.ui.programme.safety_check import check_items

    history = {item.id for item in check_items(programme.content.safety.items, "history")}
    programme.record_screening("history", {q.id: False for q in programme.content.safety.questions if q.id in history})
    page = window.page("week")
    window.show_page("week")
    page.refresh()
    visible_button(page, "Start session 2").click()
    flow = page.flow
    answer_all(flow.safety)
    flow.limitation.set_value(3, notify=True)
    for _ in range(20):  # Next through the steps, as far as the reading choice
        if flow.current() is flow.steps[-1]:
            break
        flow.next()
    assert flow.current() is flow.steps[-1], flow.message.text()
    flow.reading.choose("later")
    flow.next()
    assert page.flow is None
    words = " ".join(lbl.text() for lbl in page.findChildren(type(flow.heading)) if lbl.isVisible())
    assert "Session 2 done" in words and "Your goal from now on:" in words
    opens = clock.day + dt.timedelta(days=programme.rules.unlock_days)
    assert f"Your next session opens on {long_day(opens)}" in words
    visible_button(page, "Done").click()
    assert "Session 2 done" not in " ".join(lbl.text() for lbl in page.findChildren(type(flow.heading))
                                            if lbl.isVisible())
