"""The programme's numbers (resources/content/<lang>/programme/rules.json), checked on load."""

from __future__ import annotations

from dataclasses import dataclass


class RulesError(ValueError):
    """rules.json breaks its own shape; the message names the entry."""


@dataclass(frozen=True)
class Range:
    low: int
    high: int

    def clamp(self, value: int) -> int:
        return max(self.low, min(self.high, value))


@dataclass(frozen=True)
class WalkingRanges:
    minutes: Range
    days: Range


@dataclass(frozen=True)
class ExerciseRanges:
    count: Range
    repetitions: Range
    times_per_day: Range
    days: Range


@dataclass(frozen=True)
class LevelRules:
    number: int
    name: str
    walking: WalkingRanges
    exercises: ExerciseRanges


@dataclass(frozen=True)
class ProgrammeRules:
    sessions: int
    unlock_days: int
    follow_up_months: tuple[int, ...]
    gentle_level_from_limitation: int
    suggest_clinician_from_indicators: int
    met_from_share: float
    partly_from_share: float
    pain_change_points: float
    walking_active_minutes: int
    levels: dict[int, LevelRules]
    step_up_walking_minutes: int
    step_up_walking_days: int
    step_up_repetitions: int
    step_up_count: int
    step_up_times_per_day: int  # the goal step (goal_step.py): how far one number may rise in a week
    step_up_exercise_days: int
    numbers_up_at_once: int  # how many of a goal's numbers may rise in the same week


def parse_rules(data: dict) -> ProgrammeRules:
    try:
        feedback = data["feedback"]
        levels = {int(k): _level(int(k), v) for k, v in data["levels"].items()}
        rules = ProgrammeRules(
            sessions=_int(data, "sessions", 1, 12),
            unlock_days=_int(data, "unlock_days", 1, 60),
            follow_up_months=tuple(int(m) for m in data["follow_up_months"]),
            gentle_level_from_limitation=_int(data, "gentle_level_from_limitation", 0, 10),
            suggest_clinician_from_indicators=_int(data, "suggest_clinician_from_indicators", 1, 6),
            met_from_share=float(feedback["met_from_share"]),
            partly_from_share=float(feedback["partly_from_share"]),
            pain_change_points=float(feedback["pain_change_points"]),
            walking_active_minutes=_int(data, "walking_active_minutes", 1, 120),
            levels=levels,
            step_up_walking_minutes=_int(data["step_up"]["walking"], "minutes", 1, 60),
            step_up_walking_days=_int(data["step_up"]["walking"], "days", 1, 7),
            step_up_repetitions=_int(data["step_up"]["exercises"], "repetitions", 1, 20),
            step_up_count=_int(data["step_up"]["exercises"], "count", 1, 6),
            step_up_times_per_day=_int(data["step_up"]["exercises"], "times_per_day", 1, 5),
            step_up_exercise_days=_int(data["step_up"]["exercises"], "days", 1, 7),
            numbers_up_at_once=_int(data["step_up"], "numbers_up_at_once", 1, 6),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise RulesError(f"missing or wrong entry: {exc}") from None
    if set(rules.levels) != {1, 2}:
        raise RulesError("'levels' must define levels 1 and 2")
    if not 0 < rules.partly_from_share < rules.met_from_share <= 1:
        raise RulesError("feedback shares must satisfy 0 < partly_from_share < met_from_share <= 1")
    return rules


def _level(number: int, data: dict) -> LevelRules:
    walking, exercises = data["walking"], data["exercises"]
    return LevelRules(
        number=number,
        name=str(data["name"]),
        walking=WalkingRanges(_range(walking, "minutes", 0, 600), _range(walking, "days", 1, 7)),
        exercises=ExerciseRanges(_range(exercises, "count", 1, 6), _range(exercises, "repetitions", 1, 50),
                                 _range(exercises, "times_per_day", 1, 5), _range(exercises, "days", 1, 7)),
    )


def _range(data: dict, key: str, low: int, high: int) -> Range:
    value = data[key]
    if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) for v in value)
            or not low <= value[0] <= value[1] <= high):
        raise RulesError(f"'{key}' must be [low, high] whole numbers within {low}-{high}, not {value!r}")
    return Range(value[0], value[1])


def _int(data: dict, key: str, low: int, high: int) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RulesError(f"'{key}' must be a whole number within {low}-{high}, not {value!r}")
    return value
