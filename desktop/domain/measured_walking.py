"""The activity-pain statement from measured steps instead of the patient's walking answers.

The method (domain/evidence.py) is unchanged: only its input series differs. Each diary day's
walking answer is replaced by what the phone or watch counted that day: a day with at least
``active_steps`` steps counts as a walking day, a day with fewer as one without, and a day the
device counted nothing for (or fewer than ``worn_steps``: the phone was most likely left on a
table, or the watch off) as not known, never as a day without walking. Pain, exercises and
everything else stay the patient's own answers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from desktop.domain.diary import DiaryEntry

DIARY, MEASURED = "diary", "measured"
SOURCES = (DIARY, MEASURED)


@dataclasses.dataclass(frozen=True)
class MeasuredSettings:
    active_steps: int = 6000  # a day with this many steps or more counts as a walking day
    worn_steps: int = 500  # fewer: the device was probably not carried, the day is not known


def measured_series(entries: Sequence[DiaryEntry], steps: Mapping, settings: MeasuredSettings,
                    threshold_minutes: int) -> list[DiaryEntry]:
    """The diary with each day's walking taken from ``steps`` (day -> steps or None), placed as
    ``threshold_minutes`` (active) or 0 (not), so the analysis's own threshold sorts it."""
    series = []
    for entry in entries:
        counted = steps.get(entry.day)
        if counted is None or counted < settings.worn_steps:
            minutes = None
        else:
            minutes = threshold_minutes if counted >= settings.active_steps else 0
        series.append(dataclasses.replace(entry, walking_minutes=minutes))
    return series
