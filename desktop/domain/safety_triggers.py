"""When the diary should bring up the safety check between sessions. Pure.

The thresholds are in resources/content/<lang>/programme/safety_rules.json. Only diary days
after the last full safety check count, so a check answered once is not asked again for the
same days: a run has to build up again after it (alert fatigue works both ways).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.diary import DiaryEntry

PAIN, FLARE_UP = "pain", "flare_up"


@dataclass(frozen=True)
class TriggerRules:
    pain_at_least: int  # a day counts with pain at or above this
    pain_days_in_a_row: int
    flare_up_longer_than_days: int
    look_back_days: int  # older days are history, not a change to act on now
    mood_signpost_from: int

    def __post_init__(self) -> None:
        if not 0 <= self.pain_at_least <= 10 or self.pain_days_in_a_row < 1:
            raise ValueError("pain_at_least must be 0-10 and pain_days_in_a_row at least 1")
        if self.flare_up_longer_than_days < 1 or self.look_back_days < 1 or not 0 <= self.mood_signpost_from <= 6:
            raise ValueError("flare_up_longer_than_days and look_back_days must be at least 1, "
                             "mood_signpost_from 0-6")


@dataclass(frozen=True)
class Trigger:
    kind: str  # PAIN or FLARE_UP
    day: dt.date  # the diary day on which the threshold was reached


def _counted(entries: Iterable[DiaryEntry], last_check: dt.date | None, look_back_days: int,
             today: dt.date) -> list[DiaryEntry]:
    first = today - dt.timedelta(days=look_back_days - 1)
    if last_check is not None:
        first = max(first, last_check + dt.timedelta(days=1))
    return sorted((e for e in entries if first <= e.day <= today), key=lambda e: e.day)


def pain_trigger(entries: Iterable[DiaryEntry], last_check: dt.date | None, rules: TriggerRules,
                 today: dt.date) -> Trigger | None:
    """Pain at or above the threshold on that many calendar days in a row (a missing day breaks the run)."""
    run, previous = 0, None
    for entry in _counted(entries, last_check, rules.look_back_days, today):
        if entry.pain >= rules.pain_at_least:
            run = run + 1 if previous is not None and entry.day - previous == dt.timedelta(days=1) and run else 1
            if run >= rules.pain_days_in_a_row:
                return Trigger(PAIN, entry.day)
        else:
            run = 0
        previous = entry.day
    return None


def flare_up_trigger(entries: Iterable[DiaryEntry], last_check: dt.date | None, rules: TriggerRules,
                     today: dt.date) -> Trigger | None:
    """A flare-up marked for longer than the limit: from the first flare-up day to a later one,
    with no diary day in between that says there was no flare-up (days not filled in do not end it)."""
    # A run that reaches the limit within the look-back window may have begun before it.
    counted = _counted(entries, last_check, rules.look_back_days + rules.flare_up_longer_than_days, today)
    recent = today - dt.timedelta(days=rules.look_back_days - 1)
    start = None
    for entry in counted:
        if not entry.flare_up:
            start = None
            continue
        start = start or entry.day
        if (entry.day - start).days + 1 > rules.flare_up_longer_than_days and entry.day >= recent:
            return Trigger(FLARE_UP, entry.day)
    return None


def due_trigger(entries: Iterable[DiaryEntry], last_check: dt.date | None, rules: TriggerRules,
                today: dt.date) -> Trigger | None:
    """The first threshold the diary reached since the last check, if any."""
    entries = list(entries)
    found = [t for t in (pain_trigger(entries, last_check, rules, today),
                         flare_up_trigger(entries, last_check, rules, today)) if t is not None]
    return min(found, key=lambda t: t.day) if found else None


def request_pending(requested_at: dt.datetime | None, checked_at: dt.datetime | None) -> bool:
    """A check asked for from the diary or the walking guide is open until a nerve check is answered after it."""
    return requested_at is not None and (checked_at is None or checked_at < requested_at)
