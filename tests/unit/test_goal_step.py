"""The goal step's rule: a step up is one number, one step; numbers may always come down."""

import json

from desktop.domain.goal_step import (
    ABOVE_LEVEL,
    ABOVE_STEP,
    BELOW_LEVEL,
    LEVEL_TOP,
    ONE_STEP,
    TOO_MANY_UP,
    carried,
    room,
    rooms,
    step_problems,
    stepped_down,
    stepped_up,
)
from desktop.domain.goals import EXERCISES, WALKING, Goal
from desktop.domain.programme_rules import parse_rules
from desktop.paths import resources_dir

RULES_DATA = json.loads((resources_dir() / "content/en/programme/rules.json").read_text())
RULES = parse_rules(RULES_DATA)
GENTLE_WALK = Goal(WALKING, 1, 3, minutes_per_day=5)  # 5 minutes on 3 days


def kinds(problems):
    return [(p.number, p.kind, p.limit) for p in problems]


def test_the_step_sizes_come_from_the_programme_rules():
    data = json.loads(json.dumps(RULES_DATA))
    data["step_up"]["walking"]["minutes"] = 10
    data["step_up"]["numbers_up_at_once"] = 2
    rules = parse_rules(data)
    assert room(WALKING, "minutes_per_day", GENTLE_WALK, 2, rules).high == 15
    assert step_problems(Goal(WALKING, 2, 4, minutes_per_day=15), GENTLE_WALK, rules) == []


def test_a_step_up_from_5_minutes_on_3_days_is_10_minutes_on_3_days_even_when_the_level_rises():
    # The old rule moved the goal into level 2's range first (15 min x 5 days), then added 5 minutes.
    up = stepped_up(GENTLE_WALK, 2, RULES)
    assert (up.level, up.minutes_per_day, up.days_per_week) == (2, 10, 3)
    assert step_problems(up, GENTLE_WALK, RULES) == []


def test_a_step_up_raises_days_once_the_minutes_reach_the_level_top():
    top_minutes = Goal(WALKING, 2, 5, minutes_per_day=30)
    up = stepped_up(top_minutes, 2, RULES)
    assert (up.minutes_per_day, up.days_per_week) == (30, 6)
    very_top = Goal(WALKING, 2, 7, minutes_per_day=30)
    assert stepped_up(very_top, 2, RULES) == very_top


def test_exercises_step_up_repetitions_then_one_more_exercise():
    last = Goal(EXERCISES, 1, 3, exercise_count=2, repetitions=5, times_per_day=1, exercises=frozenset({"a", "b"}))
    assert stepped_up(last, 1, RULES).repetitions == 7
    full = Goal(EXERCISES, 1, 3, exercise_count=2, repetitions=8, times_per_day=1)
    assert stepped_up(full, 1, RULES).exercise_count == 3


def test_each_number_may_rise_one_step_and_says_why_it_can_go_no_higher():
    minutes = room(WALKING, "minutes_per_day", GENTLE_WALK, 2, RULES)
    assert (minutes.last, minutes.low, minutes.high, minutes.high_because) == (5, 5, 10, ONE_STEP)
    days = room(WALKING, "days_per_week", Goal(WALKING, 1, 5, minutes_per_day=5), 1, RULES)
    assert (days.low, days.high, days.high_because, days.locked) == (3, 5, LEVEL_TOP, False)  # down only
    times = room(EXERCISES, "times_per_day", Goal(EXERCISES, 1, 3, exercise_count=2, repetitions=5, times_per_day=1),
                 1, RULES)
    assert times.locked  # once a day at the gentle level: the box looks locked


def test_typed_numbers_above_the_step_or_the_level_are_named_not_changed():
    too_far = Goal(WALKING, 2, 5, minutes_per_day=20)  # 5 x 3 to 20 x 5 at once
    assert kinds(step_problems(too_far, GENTLE_WALK, RULES)) == [("minutes_per_day", ABOVE_STEP, 10),
                                                                 ("days_per_week", ABOVE_STEP, 4)]
    above_level = Goal(WALKING, 1, 3, minutes_per_day=20)
    assert kinds(step_problems(above_level, Goal(WALKING, 1, 3, minutes_per_day=15), RULES)) == [
        ("minutes_per_day", ABOVE_LEVEL, 15)]


def test_only_one_number_rises_in_a_week():
    both = Goal(WALKING, 2, 4, minutes_per_day=10)
    assert kinds(step_problems(both, GENTLE_WALK, RULES)) == [("days_per_week", TOO_MANY_UP, 1)]
    one_up_one_down = Goal(WALKING, 2, 4, minutes_per_day=15)
    assert step_problems(one_up_one_down, Goal(WALKING, 2, 3, minutes_per_day=20), RULES) == []


def test_numbers_may_come_down_to_the_level_bottom_or_last_weeks_when_lower():
    assert kinds(step_problems(Goal(WALKING, 1, 2, minutes_per_day=5), GENTLE_WALK, RULES)) == [
        ("days_per_week", BELOW_LEVEL, 3)]
    building = Goal(WALKING, 2, 7, minutes_per_day=30)
    assert room(WALKING, "minutes_per_day", building, 2, RULES).low == 15
    assert step_problems(Goal(WALKING, 2, 7, minutes_per_day=15), building, RULES) == []


def test_a_new_activity_starts_anywhere_in_its_level():
    new = rooms(EXERCISES, None, 1, RULES)
    assert {n: (r.last, r.low, r.high) for n, r in new.items()} == {
        "repetitions": (None, 5, 8), "exercise_count": (None, 2, 3), "days_per_week": (None, 3, 5),
        "times_per_day": (None, 1, 1)}
    assert step_problems(Goal(EXERCISES, 1, 5, exercise_count=3, repetitions=8, times_per_day=1), None, RULES) == []


def test_when_the_level_falls_numbers_above_the_gentle_range_come_down_to_its_top():
    building = Goal(WALKING, 2, 7, minutes_per_day=30)
    kept = carried(building, 1, RULES)
    assert (kept.level, kept.minutes_per_day, kept.days_per_week) == (1, 15, 5)
    assert step_problems(kept, building, RULES) == []
    down = stepped_down(building, 1, RULES)
    assert (down.minutes_per_day, down.days_per_week) == (10, 5)


def test_a_step_down_never_goes_below_the_room():
    assert stepped_down(GENTLE_WALK, 1, RULES) == GENTLE_WALK
    assert stepped_down(Goal(WALKING, 2, 6, minutes_per_day=25), 2, RULES).minutes_per_day == 20
    assert stepped_down(Goal(WALKING, 2, 6, minutes_per_day=15), 2, RULES).days_per_week == 5
