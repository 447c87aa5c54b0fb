"""A diary day: what a patient records, and the rules a valid day follows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop.domain.dates import DateRuleError, check_day
from desktop.domain.plain_text import forbidden_character

SCALE_MIN, SCALE_MAX = 0, 10
WALKING_MAX_MINUTES = 24 * 60
NOTE_MAX_CHARS = 2000


class DiaryValidationError(ValueError):
    """A diary day that breaks a rule; the message is fit to show a patient."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field_name = field_name


@dataclass(frozen=True)
class DiaryEntry:
    day: dt.date
    pain: int
    walking_minutes: int | None  # None: not answered (kept apart from 0, "no walk")
    limitation: int
    flare_up: bool = False
    exercises: frozenset[str] = field(default_factory=frozenset)
    sleep: int | None = None
    mood: int | None = None
    note: str = ""

    @property
    def active(self) -> bool:
        return bool(self.walking_minutes) or bool(self.exercises)

    @property
    def walking_answered(self) -> bool:
        return self.walking_minutes is not None


def validate_entry(entry: DiaryEntry, today: dt.date, known_exercises: frozenset[str]) -> None:
    """Raise DiaryValidationError for the first broken rule."""
    if entry.day > today:
        raise DiaryValidationError(
            "day", f"{entry.day.isoformat()} is in the future; you can fill in today or earlier days."
        )
    try:
        check_day(entry.day, today)
    except DateRuleError as exc:
        raise DiaryValidationError("day", str(exc)) from None
    for name, label in (("pain", "Pain"), ("limitation", "How much pain limited the day")):
        _check_scale(name, label, getattr(entry, name), required=True)
    for name, label in (("sleep", "Sleep"), ("mood", "Mood")):
        _check_scale(name, label, getattr(entry, name), required=False)
    if entry.walking_minutes is None:
        pass  # not answered: allowed, and never read as "no walk"
    elif isinstance(entry.walking_minutes, bool) or not isinstance(entry.walking_minutes, int):
        raise DiaryValidationError("walking_minutes", "Walking minutes must be a whole number.")
    elif not 0 <= entry.walking_minutes <= WALKING_MAX_MINUTES:
        raise DiaryValidationError(
            "walking_minutes", f"Walking minutes must be between 0 and {WALKING_MAX_MINUTES}."
        )
    unknown = sorted(set(entry.exercises) - known_exercises)
    if unknown:
        raise DiaryValidationError("exercises", f"Unknown exercise: {', '.join(unknown)}.")
    if len(entry.note) > NOTE_MAX_CHARS:
        raise DiaryValidationError("note", f"The note is too long (at most {NOTE_MAX_CHARS} characters).")
    control = forbidden_character(entry.note)
    if control is not None:
        raise DiaryValidationError("note", f"The note holds a control character ({control}); only tabs and line "
                                           "breaks are allowed.")


def _check_scale(name: str, label: str, value: int | None, required: bool) -> None:
    if value is None:
        if required:
            raise DiaryValidationError(name, f"{label} is needed (a number from 0 to 10).")
        return
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise DiaryValidationError(name, f"{label} must be a whole number from 0 to 10, not {value!r}.")
