"""Weekly goals at two levels, set by how much back pain limited the week."""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.domain.programme_rules import LevelRules, ProgrammeRules

WALKING, EXERCISES = "walking", "exercises"


def level_for(limitation: int, rules: ProgrammeRules) -> int:
    """Level 1 ('gentle') when pain limited the week a lot, else level 2 ('building')."""
    return 1 if limitation >= rules.gentle_level_from_limitation else 2


@dataclass(frozen=True)
class Goal:
    activity: str  # WALKING or EXERCISES
    level: int
    days_per_week: int
    minutes_per_day: int = 0  # walking
    exercise_count: int = 0  # exercises
    repetitions: int = 0
    times_per_day: int = 0
    exercises: frozenset[str] = frozenset()  # chosen exercise keys
    plan_when: str = ""  # the "if-then" plan
    plan_where: str = ""

    def met_on(self, walking_minutes: int | None, exercises_done: frozenset[str]) -> bool:
        """Whether a diary day counts towards this goal. Walking not answered (None) is not
        counted as met: the diary does not say the walk happened."""
        if self.activity == WALKING:
            return walking_minutes is not None and walking_minutes >= self.minutes_per_day
        return len(exercises_done) >= self.exercise_count


def suggested_goal(activity: str, level: int, rules: ProgrammeRules, exercises: frozenset[str] = frozenset()) -> Goal:
    """A first goal at the easy end of the level's range."""
    ranges = rules.levels[level]
    if activity == WALKING:
        return Goal(WALKING, level, ranges.walking.days.low, minutes_per_day=ranges.walking.minutes.low)
    ex = ranges.exercises
    return Goal(EXERCISES, level, ex.days.low, exercise_count=ex.count.low, repetitions=ex.repetitions.low,
                times_per_day=ex.times_per_day.low, exercises=exercises)


def fit_to_level(goal: Goal, level: int, rules: ProgrammeRules) -> Goal:
    """The same goal moved into a level's ranges (used when the level changes)."""
    ranges: LevelRules = rules.levels[level]
    if goal.activity == WALKING:
        return replace(goal, level=level, days_per_week=ranges.walking.days.clamp(goal.days_per_week),
                       minutes_per_day=ranges.walking.minutes.clamp(goal.minutes_per_day))
    ex = ranges.exercises
    return replace(goal, level=level, days_per_week=ex.days.clamp(goal.days_per_week),
                   exercise_count=ex.count.clamp(goal.exercise_count),
                   repetitions=ex.repetitions.clamp(goal.repetitions),
                   times_per_day=ex.times_per_day.clamp(goal.times_per_day))


def step_up(goal: Goal, rules: ProgrammeRules) -> Goal:
    """A little more: minutes (or repetitions) first, then days (or one more exercise)."""
    ranges = rules.levels[goal.level]
    if goal.activity == WALKING:
        if goal.minutes_per_day + rules.step_up_walking_minutes <= ranges.walking.minutes.high:
            return replace(goal, minutes_per_day=goal.minutes_per_day + rules.step_up_walking_minutes)
        return replace(goal, days_per_week=ranges.walking.days.clamp(goal.days_per_week + rules.step_up_walking_days))
    ex = ranges.exercises
    if goal.repetitions + rules.step_up_repetitions <= ex.repetitions.high:
        return replace(goal, repetitions=goal.repetitions + rules.step_up_repetitions)
    return replace(goal, exercise_count=ex.count.clamp(goal.exercise_count + rules.step_up_count))


def step_down(goal: Goal, rules: ProgrammeRules) -> Goal:
    """A little less, never below the level's range."""
    ranges = rules.levels[goal.level]
    if goal.activity == WALKING:
        if goal.minutes_per_day - rules.step_up_walking_minutes >= ranges.walking.minutes.low:
            return replace(goal, minutes_per_day=goal.minutes_per_day - rules.step_up_walking_minutes)
        return replace(goal, days_per_week=ranges.walking.days.clamp(goal.days_per_week - rules.step_up_walking_days))
    ex = ranges.exercises
    if goal.repetitions - rules.step_up_repetitions >= ex.repetitions.low:
        return replace(goal, repetitions=goal.repetitions - rules.step_up_repetitions)
    return replace(goal, exercise_count=ex.count.clamp(goal.exercise_count - rules.step_up_count))


def check_goal(goal: Goal, rules: ProgrammeRules) -> None:
    """Raise ValueError when a goal is outside its level's ranges."""
    ranges = rules.levels[goal.level]
    if goal.activity == WALKING:
        checks = [("minutes a day", goal.minutes_per_day, ranges.walking.minutes),
                  ("days a week", goal.days_per_week, ranges.walking.days)]
    else:
        ex = ranges.exercises
        checks = [("exercises", goal.exercise_count, ex.count), ("repetitions", goal.repetitions, ex.repetitions),
                  ("times a day", goal.times_per_day, ex.times_per_day), ("days a week", goal.days_per_week, ex.days)]
    for label, value, allowed in checks:
        if not allowed.low <= value <= allowed.high:
            raise ValueError(f"{label} should be between {allowed.low} and {allowed.high} at this level")
