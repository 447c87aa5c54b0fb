"""Measured activity (steps from a phone or wearable): a day's totals, the rule for overlapping
sources, and the checks every imported day passes. Plain Python: the domain layer.

Overlapping sources: a phone and a watch often both count the same walk, so adding their
records together would count it twice. For each day the steps (and, separately, the walking
minutes) of each source are added up, and the day keeps the larger source total, with that
source's name. Sources are never added to one another.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from desktop.domain.dates import DateRuleError, check_day

MAX_DAILY_STEPS = 200_000  # more than anyone walks in a day: a broken file or a wrong column
MAX_WALKING_MINUTES = 1440


class ActivityFormatError(ValueError):
    """The file cannot be imported; the message says what was expected. Nothing was imported."""


@dataclass(frozen=True)
class ActivityDay:
    day: dt.date
    steps: int | None  # None: the source had walks that day but no step count
    walking_minutes: int | None  # None: the source does not record walks
    source: str


@dataclass(frozen=True)
class ActivityImport:
    format_name: str  # "Apple Health", "Google Fit", "Fitbit", "CSV file"
    days: tuple[ActivityDay, ...]  # sorted by day, one per day

    @property
    def first(self) -> dt.date:
        return self.days[0].day

    @property
    def last(self) -> dt.date:
        return self.days[-1].day


class DailyTotals:
    """Adds up measurements per day and per source, then keeps the larger source per day."""

    def __init__(self) -> None:
        self._steps: dict[dt.date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self._walks: dict[dt.date, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def add_steps(self, day: dt.date, source: str, steps: float) -> None:
        self._steps[day][source] += steps

    def add_walk(self, day: dt.date, source: str, minutes: float) -> None:
        self._walks[day][source] += minutes

    def days(self, default_source: str) -> list[ActivityDay]:
        found = []
        for day in sorted(set(self._steps) | set(self._walks)):
            steps_source, steps = _largest(self._steps.get(day))
            walk_source, minutes = _largest(self._walks.get(day))
            found.append(ActivityDay(day, whole(steps), whole(minutes),
                                     steps_source or walk_source or default_source))
        return found


def whole(value: float | None) -> int | None:
    """Rounded half up (32.5 minutes are 33), None kept."""
    return None if value is None else math.floor(value + 0.5)


def _largest(per_source: dict[str, float] | None) -> tuple[str | None, float | None]:
    if not per_source:
        return None, None
    # Larger total first; ties go to the alphabetically first name, so the same file always
    # gives the same answer.
    source = min(per_source, key=lambda name: (-per_source[name], name))
    return source, per_source[source]


def finish(format_name: str, days: list[ActivityDay], today: dt.date, what: str) -> ActivityImport:
    """Check every day (real, not in the future, believable numbers) and return them sorted.
    ``what`` names the file's kind for the messages."""
    if not days:
        raise ActivityFormatError(f"This {what} holds no daily step counts, so there is nothing to import.")
    days = sorted(days, key=lambda d: d.day)
    for earlier, later in zip(days, days[1:]):
        if earlier.day == later.day:
            raise ActivityFormatError(f"This {what} gives {later.day.isoformat()} twice; "
                                      "each day should appear once.")
    for found in days:
        try:
            check_day(found.day, today)
        except DateRuleError as exc:
            raise ActivityFormatError(f"This {what} has steps for a day that cannot be right: {exc} "
                                      "Check the computer's date, or export the file again.") from None
        if found.steps is not None and not 0 <= found.steps <= MAX_DAILY_STEPS:
            raise ActivityFormatError(f"This {what} gives {found.steps} steps on {found.day.isoformat()}, "
                                      f"more than the {MAX_DAILY_STEPS} a day SupportBack accepts.")
        if found.walking_minutes is not None and not 0 <= found.walking_minutes <= MAX_WALKING_MINUTES:
            raise ActivityFormatError(f"This {what} gives {found.walking_minutes} walking minutes on "
                                      f"{found.day.isoformat()}, more than there are in a day.")
    return ActivityImport(format_name, tuple(days))


# Apple names a device after its owner ("Anna's iPhone", "iPhone von Anna", "iPhone de Anna"):
# an export is pseudonymous, so only the device's kind leaves the computer.
_DEVICE_KINDS = (("watch", "Apple Watch"), ("iphone", "iPhone"), ("ipad", "iPad"), ("ipod", "iPod"))
_OWNER_WORDS = (" von ", " de ", " di ", " van ", " of ", " da ", " du ", " od ")


def shared_source(name: str) -> str:
    """The source name as an export carries it: a device's kind without its owner's name, and no
    control characters (a reader refuses an export holding one)."""
    clean = "".join(ch if ch.isprintable() else " " for ch in name).strip()
    lowered = clean.lower()
    for word, kind in _DEVICE_KINDS:
        if word in lowered:
            return kind
    for mark in ("\u2019s ", "'s ", "s' "):
        if mark in lowered:
            clean = clean[lowered.index(mark) + len(mark):]
            lowered = clean.lower()
    for word in _OWNER_WORDS:
        if word in lowered:
            clean = clean[:lowered.index(word)]
            lowered = clean.lower()
    return clean.strip()[:100] or "unnamed source"
