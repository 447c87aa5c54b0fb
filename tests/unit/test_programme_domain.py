"""The programme's rules, without Qt or a database."""

import datetime as dt
import json

import pytest

from desktop.domain import feedback as fb
from desktop.domain import schedule
from desktop.domain.diary import DiaryEntry
from desktop.domain.goals import (
    EXERCISES,
    WALKING,
    Goal,
    check_goal,
    fit_to_level,
    level_for,
    step_down,
    step_up,
    suggested_goal,
)
from desktop.domain.programme_rules import RulesError, parse_rules
from desktop.domain.questionnaires import barrier_indicators, rmdq_score, screening_outcome, suggest_clinician
from desktop.paths import resources_dir

RULES_DATA = json.loads((resources_dir() / "content/en/programme/rules.json").read_text())
RULES = parse_rules(RULES_DATA)
D = dt.date(2026, 3, 2)

OPEN, LOCKED, DONE = schedule.SessionState.OPEN, schedule.SessionState.LOCKED, schedule.SessionState.DONE


def states(completed, today, onboarded=True):
    return [s.state for s in schedule.session_statuses(completed, today, 6, 7, onboarded)]


# Schedule ----------------------------------------------------------------------------
def test_session_1_opens_after_onboarding_only():
    assert states([], D, onboarded=False) == [LOCKED] * 6
    assert states([], D) == [OPEN] + [LOCKED] * 5


def test_next_session_unlocks_seven_days_after_the_previous_one():
    statuses = schedule.session_statuses([D], D + dt.timedelta(days=6), 6, 7)
    assert statuses[1].state == LOCKED and statuses[1].opens_on == D + dt.timedelta(days=7)
    assert states([D], D + dt.timedelta(days=7)) == [DONE, OPEN] + [LOCKED] * 4


def test_sessions_cannot_be_skipped_and_a_late_one_waits():
    late = D + dt.timedelta(days=40)
    assert states([D], late) == [DONE, OPEN] + [LOCKED] * 4  # only the next one, however late
    assert schedule.current_session(schedule.session_statuses([D], late, 6, 7)).number == 2


def test_dates_not_clock_hours_decide_so_dst_cannot_shift_a_session():
    # 2026-03-29 is the UK spring-forward day: a week later is still exactly 7 calendar days.
    completed = dt.date(2026, 3, 25)
    assert states([completed], dt.date(2026, 4, 1)) == [DONE, OPEN] + [LOCKED] * 4
    assert states([completed], dt.date(2026, 3, 31)) == [DONE, LOCKED] + [LOCKED] * 4


def test_a_clock_that_goes_backwards_never_undoes_a_session():
    assert states([D, D + dt.timedelta(days=7)], D - dt.timedelta(days=30)) == [DONE, DONE] + [LOCKED] * 4


def test_all_done_means_no_current_session():
    done = [D + dt.timedelta(days=7 * i) for i in range(6)]
    assert schedule.current_session(schedule.session_statuses(done, D + dt.timedelta(days=50), 6, 7)) is None


def test_follow_ups_at_3_6_12_months():
    start = dt.date(2026, 1, 31)
    assert schedule.add_months(start, 1) == dt.date(2026, 2, 28)
    assert schedule.follow_ups_due(start, dt.date(2026, 4, 29), (3, 6, 12), set()) == []
    assert schedule.follow_ups_due(start, dt.date(2026, 4, 30), (3, 6, 12), set()) == ["month3"]
    # a year on, with the 6-month one missed: only the 12-month one is offered, once
    assert schedule.follow_ups_due(start, dt.date(2027, 2, 1), (3, 6, 12), {"month3"}) == ["month12"]
    assert schedule.follow_ups_due(start, dt.date(2027, 2, 1), (3, 6, 12), {"month3", "month12"}) == []


# Goals -------------------------------------------------------------------------------
def test_level_from_limitation():
    assert level_for(6, RULES) == 1 and level_for(10, RULES) == 1
    assert level_for(5, RULES) == 2 and level_for(0, RULES) == 2


def test_suggested_goals_start_at_the_easy_end_of_each_level():
    assert suggested_goal(WALKING, 1, RULES) == Goal(WALKING, 1, 3, minutes_per_day=5)
    assert suggested_goal(WALKING, 2, RULES) == Goal(WALKING, 2, 5, minutes_per_day=15)
    ex = suggested_goal(EXERCISES, 2, RULES)
    assert (ex.exercise_count, ex.repetitions, ex.times_per_day, ex.days_per_week) == (3, 8, 1, 5)


def test_step_up_adds_minutes_then_days_and_stays_in_range():
    goal = Goal(WALKING, 1, 3, minutes_per_day=10)
    assert step_up(goal, RULES).minutes_per_day == 15
    top = Goal(WALKING, 1, 3, minutes_per_day=15)
    assert step_up(top, RULES) == Goal(WALKING, 1, 4, minutes_per_day=15)
    very_top = Goal(WALKING, 1, 5, minutes_per_day=15)
    assert step_up(very_top, RULES) == very_top
    check_goal(step_up(goal, RULES), RULES)


def test_step_up_exercises_adds_repetitions_then_an_exercise():
    goal = suggested_goal(EXERCISES, 1, RULES)
    assert step_up(goal, RULES).repetitions == 7
    full = Goal(EXERCISES, 1, 3, exercise_count=2, repetitions=8, times_per_day=1)
    assert step_up(full, RULES).exercise_count == 3


def test_step_down_never_goes_below_the_range():
    goal = suggested_goal(WALKING, 1, RULES)
    assert step_down(goal, RULES) == goal
    assert step_down(Goal(WALKING, 2, 6, minutes_per_day=25), RULES).minutes_per_day == 20


def test_changing_level_fits_the_goal_into_the_new_range():
    building = Goal(WALKING, 2, 7, minutes_per_day=30)
    assert fit_to_level(building, 1, RULES) == Goal(WALKING, 1, 5, minutes_per_day=15)
    with pytest.raises(ValueError, match="minutes a day"):
        check_goal(Goal(WALKING, 1, 3, minutes_per_day=30), RULES)


def test_goal_met_on_a_day():
    walk = Goal(WALKING, 2, 5, minutes_per_day=15)
    assert walk.met_on(15, frozenset()) and not walk.met_on(14, frozenset())
    ex = Goal(EXERCISES, 1, 3, exercise_count=2, repetitions=5, times_per_day=1)
    assert ex.met_on(0, frozenset({"bridge", "cat-camel"})) and not ex.met_on(60, frozenset({"bridge"}))


# Feedback ----------------------------------------------------------------------------
def week(pains, walks, start=D):
    return [DiaryEntry(day=start + dt.timedelta(days=i), pain=p, walking_minutes=w, limitation=3)
            for i, (p, w) in enumerate(zip(pains, walks)) if p is not None]


@pytest.mark.parametrize("met, planned, expected", [(4, 5, "met"), (5, 5, "met"), (7, 5, "met"), (2, 5, "partly"),
                                                    (3, 5, "partly"), (1, 5, "not_met"), (0, 5, "not_met")])
def test_adherence_bands(met, planned, expected):
    assert fb.adherence(met, planned, RULES) == expected


@pytest.mark.parametrize("this, before, expected", [(3.0, 4.0, "better"), (3.5, 4.0, "same"), (5.0, 4.0, "worse"),
                                                    (None, 4.0, "same"), (4.0, None, "same")])
def test_pain_trend(this, before, expected):
    assert fb.pain_trend(this, before, RULES) == expected


@pytest.mark.parametrize("met, trend_pains, key, suggestion, ask", [
    (5, (3.0, 5.0), "met_better", "step_up", False),
    (5, (4.5, 5.0), "met_same", "step_up", False),
    (5, (6.0, 4.0), "met_worse", "keep", False),
    (3, (4.0, 4.0), "partly", "keep", True),
    (1, (4.0, 4.0), "not_met", "smaller", True),
])
def test_every_feedback_rule(met, trend_pains, key, suggestion, ask):
    result = fb.feedback_for(fb.WeekReview(met, 5, *trend_pains), RULES)
    assert (result.message_key, result.suggestion, result.ask_obstacles) == (key, suggestion, ask)


def test_review_counts_days_meeting_every_goal_from_the_diary():
    goal = Goal(WALKING, 2, 5, minutes_per_day=15)
    entries = week([5, 5, 5, 5, 5, 5, 5], [20, 0, 15, 30, 10, 15, 0], start=D - dt.timedelta(days=7))
    entries += week([4, 4, None, 3, 4, 3, 4], [20, 20, 0, 15, 5, 15, 30])
    review = fb.review_week([goal], entries, D)
    assert (review.days_met, review.days_planned) == (5, 5)
    assert review.pain_this_week == pytest.approx(22 / 6) and review.pain_week_before == 5


def test_variants_change_with_the_week_but_are_stable():
    variants = ["a", "b", "c"]
    assert fb.pick_variant(variants, 2) == fb.pick_variant(variants, 2) != fb.pick_variant(variants, 3)


# Questionnaires ----------------------------------------------------------------------
def test_rmdq_score_counts_ticks_and_needs_all_24():
    answers = {f"rmdq{i:02d}": i % 3 == 0 for i in range(1, 25)}
    assert rmdq_score(answers) == 8
    with pytest.raises(ValueError, match="24"):
        rmdq_score({"rmdq01": True})


def test_screening_outcomes():
    urgency = {"numb": "emergency", "bladder": "emergency", "fever": "same_day", "cancer": "same_day"}
    no = dict.fromkeys(urgency, False)
    assert screening_outcome(no, urgency) == "clear"
    assert screening_outcome({**no, "cancer": True}, urgency) == "same_day"
    assert screening_outcome({**no, "cancer": True, "bladder": True}, urgency) == "emergency"
    with pytest.raises(ValueError, match="unanswered"):
        screening_outcome({"numb": False}, urgency)


def test_barrier_indicators_and_clinician_suggestion():
    indicator_of = {"q1": "structural_beliefs", "q2": "structural_beliefs", "q3": "low_mood"}
    found = barrier_indicators({"q1": True, "q2": True, "q3": False}, indicator_of)
    assert found == {"structural_beliefs"}
    assert not suggest_clinician(found, 2)
    assert suggest_clinician(barrier_indicators({"q1": True, "q3": True}, indicator_of), 2)


def test_rules_are_validated():
    broken = json.loads(json.dumps(RULES_DATA))
    broken["levels"]["1"]["walking"]["minutes"] = [15, 5]
    with pytest.raises(RulesError, match="minutes"):
        parse_rules(broken)
    broken = json.loads(json.dumps(RULES_DATA))
    del broken["unlock_days"]
    with pytest.raises(RulesError, match="unlock_days"):
        parse_rules(broken)


def test_two_goals_are_counted_each_on_its_own():
    walk = Goal(WALKING, 2, 5, minutes_per_day=15)
    ex = Goal(EXERCISES, 2, 5, exercise_count=1, repetitions=8, times_per_day=1)
    entries = [DiaryEntry(day=D + dt.timedelta(days=i), pain=4, walking_minutes=20 if i < 6 else 0, limitation=3,
                          exercises=frozenset({"bridge"}) if i < 2 else frozenset()) for i in range(7)]
    review = fb.review_week([walk, ex], entries, D)
    assert (review.days_met, review.days_planned) == (4, 5)  # walking 6 days, exercises 2: (6 + 2) / 2
