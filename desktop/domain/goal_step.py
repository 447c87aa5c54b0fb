"""The goal step of a weekly session: how far each of a goal's numbers may move from last week's.

A step up is small: one number rises, by one step (5 minutes, 1 day, 2 repetitions, 1 more
exercise...), never 5 minutes x 3 days to 20 minutes x 5 days at once. The step sizes and how
many numbers may rise together come from rules.json (`step_up`). A number may always come
down, as far as its level's lowest (or last week's, when that was lower). When the level falls
(pain limited the week a lot), numbers above the gentle level's range come down to its top.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.domain.goals import WALKING, Goal
from desktop.domain.programme_rules import ProgrammeRules, Range

# A goal's numbers, in the order a step up raises them.
WALKING_NUMBERS = ("minutes_per_day", "days_per_week")
EXERCISE_NUMBERS = ("repetitions", "exercise_count", "days_per_week", "times_per_day")

# Why a number can go no higher: its level's top, or one step above last week.
LEVEL_TOP, ONE_STEP = "level_top", "one_step"
# What is wrong with a number the patient typed.
ABOVE_STEP, ABOVE_LEVEL, BELOW_LEVEL, TOO_MANY_UP = "above_step", "above_level", "below_level", "too_many_up"


def numbers_of(activity: str) -> tuple[str, ...]:
    return WALKING_NUMBERS if activity == WALKING else EXERCISE_NUMBERS


@dataclass(frozen=True)
class Room:
    """Where one number may go this week."""

    number: str  # a Goal field, e.g. "minutes_per_day"
    last: int | None  # last week's value; None for an activity added this week
    low: int
    high: int
    high_because: str  # LEVEL_TOP or ONE_STEP

    @property
    def locked(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class StepProblem:
    number: str
    kind: str  # ABOVE_STEP, ABOVE_LEVEL, BELOW_LEVEL or TOO_MANY_UP
    value: int
    limit: int  # the highest (or lowest) allowed; for TOO_MANY_UP, how many may rise at once
    last: int | None


def _level_range(activity: str, number: str, level: int, rules: ProgrammeRules) -> Range:
    ranges = rules.levels[level]
    if activity == WALKING:
        return {"minutes_per_day": ranges.walking.minutes, "days_per_week": ranges.walking.days}[number]
    ex = ranges.exercises
    return {"repetitions": ex.repetitions, "exercise_count": ex.count, "days_per_week": ex.days,
            "times_per_day": ex.times_per_day}[number]


def step_size(activity: str, number: str, rules: ProgrammeRules) -> int:
    if activity == WALKING:
        return {"minutes_per_day": rules.step_up_walking_minutes, "days_per_week": rules.step_up_walking_days}[number]
    return {"repetitions": rules.step_up_repetitions, "exercise_count": rules.step_up_count,
            "days_per_week": rules.step_up_exercise_days, "times_per_day": rules.step_up_times_per_day}[number]


def room(activity: str, number: str, last: Goal | None, level: int, rules: ProgrammeRules) -> Room:
    allowed = _level_range(activity, number, level, rules)
    if last is None:  # a new activity starts anywhere in its level's range
        return Room(number, None, allowed.low, allowed.high, LEVEL_TOP)
    before = getattr(last, number)
    step_top = before + step_size(activity, number, rules)
    if step_top < allowed.high:
        return Room(number, before, min(allowed.low, before), step_top, ONE_STEP)
    return Room(number, before, min(allowed.low, before), allowed.high, LEVEL_TOP)


def rooms(activity: str, last: Goal | None, level: int, rules: ProgrammeRules) -> dict[str, Room]:
    return {number: room(activity, number, last, level, rules) for number in numbers_of(activity)}


def carried(last: Goal, level: int, rules: ProgrammeRules) -> Goal:
    """Last week's goal at this week's level: the same numbers, brought down to the level's top when it fell."""
    moved = {number: min(getattr(last, number), r.high)
             for number, r in rooms(last.activity, last, level, rules).items()
             if r.high_because == LEVEL_TOP}
    return replace(last, level=level, **moved)


def stepped_up(last: Goal, level: int, rules: ProgrammeRules) -> Goal:
    """One number up by one step (the first that has room, in the order of numbers_of)."""
    goal = carried(last, level, rules)
    for number, r in rooms(last.activity, last, level, rules).items():
        if getattr(goal, number) < r.high:
            step = step_size(goal.activity, number, rules)
            return replace(goal, **{number: min(r.high, getattr(goal, number) + step)})
    return goal


def stepped_down(last: Goal, level: int, rules: ProgrammeRules) -> Goal:
    """Last week's goal at this week's level, then one number down by one step, not below its room."""
    goal = carried(last, level, rules)
    for number, r in rooms(last.activity, last, level, rules).items():
        if getattr(goal, number) > r.low:
            step = step_size(goal.activity, number, rules)
            return replace(goal, **{number: max(r.low, getattr(goal, number) - step)})
    return goal


def step_problems(goal: Goal, last: Goal | None, rules: ProgrammeRules) -> list[StepProblem]:
    """What keeps the patient's goal from being this week's, number by number; empty when it fits."""
    problems = []
    risen = []
    for number, r in rooms(goal.activity, last, goal.level, rules).items():
        value = getattr(goal, number)
        if value > r.high:
            problems.append(StepProblem(number, ABOVE_STEP if r.high_because == ONE_STEP else ABOVE_LEVEL,
                                        value, r.high, r.last))
        elif value < r.low:
            problems.append(StepProblem(number, BELOW_LEVEL, value, r.low, r.last))
        if r.last is not None and value > r.last:
            risen.append(number)
    if len(risen) > rules.numbers_up_at_once and not problems:
        problems.append(StepProblem(risen[-1], TOO_MANY_UP, getattr(goal, risen[-1]), rules.numbers_up_at_once,
                                    getattr(last, risen[-1])))
    return problems
