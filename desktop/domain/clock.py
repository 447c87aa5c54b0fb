"""An injectable clock, so tests and demos can move time."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from desktop.domain.dates import EARLIEST_DAY, DateRuleError, read_day

TODAY_ENV = "SUPPORTBACK_TODAY"  # YYYY-MM-DD; for tests and demonstrations only


class ClockError(ValueError):
    pass


class Clock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return dt.date.today()


@dataclass(frozen=True)
class FixedClock(Clock):
    fixed_today: dt.date

    def today(self) -> dt.date:
        return self.fixed_today


def clock_from_environment() -> Clock:
    value = os.environ.get(TODAY_ENV)
    if not value:
        return Clock()
    try:
        day = read_day(value)
    except DateRuleError:
        raise ClockError(f"{TODAY_ENV} must be a date like 2026-03-01, not {value!r}") from None
    if day < EARLIEST_DAY:
        raise ClockError(f"{TODAY_ENV} must not be before {EARLIEST_DAY.isoformat()}, not {value!r}")
    return FixedClock(day)
