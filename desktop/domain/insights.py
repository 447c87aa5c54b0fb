"""Plain averages of pain after active and other days, for the Progress page's bar chart.

The sentence the patient reads does not come from here: it comes from domain/evidence.py,
which adjusts for what misleads a plain comparison (carry-over, better-day choices, recovery,
runs of activity, repeated looks). These plain numbers are what the chart draws, labelled as such.

Days are split into "active" and "not active" (walking at least a threshold, or any back
exercise). For each day we take the pain of the same day (lag 0) or of the next recorded
calendar day (lag 1; a day whose next day is missing is left out, never bridged). The
difference of the two groups' mean pain gets a bootstrap interval, so the app can say how
sure it is. Association only: nothing here is, or is described as, cause and effect.

numpy is imported inside the bootstrap, so importing this module stays cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.domain.diary import DiaryEntry

WALKING, EXERCISES = "walking", "exercises"
ACTIVITIES = (WALKING, EXERCISES)
LAGS = (0, 1)
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class InsightSettings:
    """The programme's numbers for the comparison (from resources/content/<lang>/insights.json)."""

    walking_threshold_minutes: int = 10
    minimum_days_per_group: int = 5
    interval_level: float = 0.9
    resamples: int = 2000
    seed: int = 2000


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def covers(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Comparison:
    activity: str
    lag_days: int
    active_days: int
    inactive_days: int
    active_mean_pain: float | None
    inactive_mean_pain: float | None
    enough_data: bool
    difference: float | None  # active mean minus inactive mean
    interval: Interval | None  # for the difference; None without enough data
    active_interval: Interval | None  # for each group's mean (chart whiskers)
    inactive_interval: Interval | None
    minimum_days: int

    @property
    def outcome(self) -> str:
        """Which kind of message fits: no_days, few_active, few_inactive, few_both,
        lower, higher (interval clear of zero) or similar (interval covers zero)."""
        if not self.enough_data:
            if self.active_days + self.inactive_days == 0:
                return "no_days"
            few_active = self.active_days < self.minimum_days
            few_inactive = self.inactive_days < self.minimum_days
            return "few_both" if few_active and few_inactive else "few_active" if few_active else "few_inactive"
        assert self.interval is not None
        if self.interval.high < 0:
            return "lower"
        if self.interval.low > 0:
            return "higher"
        return "similar"


def is_active(entry: DiaryEntry, activity: str, settings: InsightSettings) -> bool | None:
    """None when the diary does not say (walking not answered): such a day is missing, not inactive."""
    if activity == WALKING:
        minutes = entry.walking_minutes
        return None if minutes is None else minutes >= settings.walking_threshold_minutes
    if activity == EXERCISES:
        return bool(entry.exercises)
    raise ValueError(f"unknown activity {activity!r}; choose one of {', '.join(ACTIVITIES)}")


def paired_days(entries: Sequence[DiaryEntry], activity: str, lag_days: int,
                settings: InsightSettings) -> tuple[list[int], list[int]]:
    """Pain values (active group, inactive group): the same day's pain, or the next day's
    when lag_days is 1 and the next calendar day was recorded."""
    if lag_days not in LAGS:
        raise ValueError(f"lag must be 0 or 1, not {lag_days!r}")
    ordered = sorted(entries, key=lambda e: e.day)
    active: list[int] = []
    inactive: list[int] = []
    if lag_days == 0:
        for entry in ordered:
            was_active = is_active(entry, activity, settings)
            if was_active is not None:
                (active if was_active else inactive).append(entry.pain)
        return active, inactive
    for entry, following in zip(ordered, ordered[1:]):
        was_active = is_active(entry, activity, settings)
        if following.day - entry.day == _ONE_DAY and was_active is not None:
            (active if was_active else inactive).append(following.pain)
    return active, inactive


def compare(entries: Sequence[DiaryEntry], activity: str = WALKING, lag_days: int = 1,
            settings: InsightSettings | None = None) -> Comparison:
    settings = settings or InsightSettings()
    active, inactive = paired_days(entries, activity, lag_days, settings)
    active_mean = _mean(active)
    inactive_mean = _mean(inactive)
    enough = min(len(active), len(inactive)) >= settings.minimum_days_per_group
    difference = interval = active_interval = inactive_interval = None
    if enough:
        assert active_mean is not None and inactive_mean is not None
        difference = active_mean - inactive_mean
        interval, active_interval, inactive_interval = _bootstrap(active, inactive, settings)
    return Comparison(activity, lag_days, len(active), len(inactive), active_mean, inactive_mean, enough,
                      difference, interval, active_interval, inactive_interval, settings.minimum_days_per_group)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _bootstrap(active: list[int], inactive: list[int],
               settings: InsightSettings) -> tuple[Interval, Interval, Interval]:
    """Percentile bootstrap of each group's mean and of their difference, resampling within
    each group. Pain takes few distinct values, so drawing n days with replacement is the
    same as one multinomial draw over those values: exact, and fast for years of diary."""
    import numpy as np

    rng = np.random.default_rng(settings.seed)
    means = []
    for values in (active, inactive):
        levels, counts = np.unique(np.asarray(values, dtype=float), return_counts=True)
        draws = rng.multinomial(len(values), counts / len(values), size=settings.resamples)
        means.append(draws @ levels / len(values))
    tail = (1 - settings.interval_level) / 2
    quantiles = (tail, 1 - tail)

    def interval(samples) -> Interval:
        low, high = np.quantile(samples, quantiles)
        return Interval(float(low), float(high))

    return interval(means[0] - means[1]), interval(means[0]), interval(means[1])


# Weekly view ---------------------------------------------------------------------------

@dataclass(frozen=True)
class WeekSummary:
    week_start: dt.date  # the Monday
    days_recorded: int
    walking_minutes: int  # total over the days with walking answered
    exercise_days: int
    mean_pain: float
    mean_limitation: float
    walking_days: int = 7  # days with walking answered (a week with none has no walking bar)


def weekly_summaries(entries: Sequence[DiaryEntry]) -> list[WeekSummary]:
    """One summary per calendar week (Monday to Sunday) that has at least one recorded day."""
    weeks: dict[dt.date, list[DiaryEntry]] = {}
    for entry in entries:
        weeks.setdefault(entry.day - dt.timedelta(days=entry.day.weekday()), []).append(entry)
    result = []
    for start in sorted(weeks):
        days = weeks[start]
        result.append(WeekSummary(
            week_start=start,
            days_recorded=len(days),
            walking_minutes=sum(e.walking_minutes for e in days if e.walking_minutes is not None),
            exercise_days=sum(1 for e in days if e.exercises),
            mean_pain=sum(e.pain for e in days) / len(days),
            mean_limitation=sum(e.limitation for e in days) / len(days),
            walking_days=sum(1 for e in days if e.walking_minutes is not None),
        ))
    return result
