"""Whether pain is lower or higher after being active, adjusted for what misleads a diary.

A diary is not an experiment: people walk more on days that already hurt less, pain carries
over from one day to the next, most people slowly recover over the weeks while doing more,
and walking comes in runs. A plain "pain after active days against other days" comparison
mistakes each of these for a link. So the main statement comes from a regression of the next
day's pain (lag 1) on that day's activity, adjusted for:

- today's pain (carry-over, and the better-day choice of when to walk),
- the other activity (walking and back exercises are both in the model, so exercise-only days
  do not sit among the "no walk" days, and the other way round),
- the same activity the day before (activity comes in runs, and so do good spells),
- time, as a linear and a quadratic term (natural recovery, or a slow worsening),

over the last ``window_days`` of the diary. Its standard error is the larger of Newey-West's
(Bartlett kernel, small-sample corrected), which stays honest when what is left over is
correlated from day to day, and the ordinary one, which Newey-West undercuts in short diaries;
Student t quantiles. The same-day view (lag 0: today's pain on today's
activity, adjusted for yesterday's pain) is the weaker one: pain also decides whether to walk.

Repeated looks: the patient's statement is worked out once a week, on the last day of each
complete week of diary, with the same small error rate at every look (``look_alpha``, a
Pocock-style constant boundary). Its value was chosen by simulation so that over weekly looks
from day 14 to day 84 a diary with no link is told of one in at most 10% of cases, while a
real 1.5-point next-day effect is still found in at least 90% of 42-day diaries
(tests/unit/test_evidence_simulation.py; the README's methods section has the table).

numpy is imported inside ``fit``, so importing this module stays cheap.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from desktop.domain.diary import DiaryEntry

WALKING, EXERCISES = "walking", "exercises"
NOT_ENOUGH_DATA, UNSURE, LOWER, HIGHER, SIMILAR = "not_enough_data", "unsure", "lower", "higher", "similar"
STATES = (NOT_ENOUGH_DATA, UNSURE, LOWER, HIGHER, SIMILAR)
METHOD = "regression with Newey-West standard errors"
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class EvidenceSettings:
    walking_threshold_minutes: int = 10
    minimum_days_per_group: int = 5  # days with and without the activity
    minimum_pairs: int = 14  # days in the model
    look_alpha: float = 0.015  # two-sided error rate at each weekly look (a 98.5% interval)
    window_days: int = 84  # the statement uses the last 12 weeks of diary
    similar_margin: float = 0.75  # "little difference": the whole interval within this many points of 0
    most_days_to_suggest: int = 60


@dataclass(frozen=True)
class Evidence:
    activity: str
    lag_days: int
    state: str
    as_of: dt.date | None  # the last diary day the statement uses (the end of a complete week)
    days: int  # days in the model
    active_days: int
    inactive_days: int
    estimate: float | None  # adjusted difference in pain, active minus not (0-10 points)
    interval: tuple[float, float] | None
    level: float  # of the interval, e.g. 0.99
    adjusted_for: tuple[str, ...]
    more_days: int | None = None  # about how many more days would help (not sure yet / not enough)
    more_of: str | None = None  # "active", "inactive" or "any": which days would help most
    method: str = METHOD


@dataclass(frozen=True)
class _Rows:
    outcome: list[float]
    active: list[float]
    other: list[float]  # the other activity, 0/1
    earlier_pain: list[float]
    active_before: list[float]  # the activity the day before the active-or-not day (carry-over of activity)
    day_index: list[float]


def scheduled_look(first_day: dt.date | None, today: dt.date) -> dt.date | None:
    """The last day of the newest complete week of diary (weeks counted from the first day)."""
    if first_day is None or today < first_day:
        return None
    weeks = ((today - first_day).days + 1) // 7
    return first_day + dt.timedelta(days=7 * weeks - 1) if weeks else None


def is_active(entry: DiaryEntry, activity: str, threshold: int) -> bool | None:
    """None when the diary does not say (walking not answered)."""
    if activity == WALKING:
        minutes = entry.walking_minutes
        return None if minutes is None else minutes >= threshold
    if activity == EXERCISES:
        return bool(entry.exercises)
    raise ValueError(f"unknown activity {activity!r}")


def _rows(entries: Sequence[DiaryEntry], activity: str, lag_days: int, settings: EvidenceSettings,
          as_of: dt.date) -> _Rows:
    other_activity = EXERCISES if activity == WALKING else WALKING
    start = as_of - dt.timedelta(days=settings.window_days - 1)
    by_day = {e.day: e for e in entries if start <= e.day <= as_of}
    rows = _Rows([], [], [], [], [], [])
    for day in sorted(by_day):
        entry = by_day[day]
        if lag_days == 1:
            cause, effect, before = entry, by_day.get(day + _ONE_DAY), entry
        else:
            cause, effect, before = entry, entry, by_day.get(day - _ONE_DAY)
        if effect is None or before is None:
            continue
        active = is_active(cause, activity, settings.walking_threshold_minutes)
        other = is_active(cause, other_activity, settings.walking_threshold_minutes)
        if active is None:
            continue
        rows.outcome.append(float(effect.pain))
        rows.active.append(float(active))
        rows.other.append(float(bool(other)))  # an unanswered walk counts as no walk for the adjustment
        rows.earlier_pain.append(float(before.pain))
        previous = by_day.get(day - _ONE_DAY)
        was_active = None if previous is None else is_active(previous, activity, settings.walking_threshold_minutes)
        rows.active_before.append(math.nan if was_active is None else float(was_active))
        rows.day_index.append(float((day - start).days))
    known = [v for v in rows.active_before if not math.isnan(v)]
    share = sum(known) / len(known) if known else 0.5
    rows.active_before[:] = [share if math.isnan(v) else v for v in rows.active_before]  # unknown: the usual share
    return rows


def analyse(entries: Sequence[DiaryEntry], activity: str = WALKING, lag_days: int = 1,
            settings: EvidenceSettings | None = None, as_of: dt.date | None = None) -> Evidence:
    """The statement as of ``as_of`` (default: the end of the newest complete week of the diary)."""
    settings = settings or EvidenceSettings()
    if lag_days not in (0, 1):
        raise ValueError(f"lag must be 0 or 1, not {lag_days!r}")
    if as_of is None and entries:
        as_of = scheduled_look(min(e.day for e in entries), max(e.day for e in entries))
    level = 1 - settings.look_alpha
    adjusted = ("pain the day before" if lag_days == 0 else "pain that day",
                EXERCISES if activity == WALKING else WALKING, "time")
    if as_of is None:  # no diary yet ("start"), or less than a week of it
        more = max(1, settings.minimum_pairs + 1 - len(entries))
        return Evidence(activity, lag_days, NOT_ENOUGH_DATA, None, 0, 0, 0, None, None, level, adjusted,
                        more, "any" if entries else "start")
    rows = _rows(entries, activity, lag_days, settings, as_of)
    active = int(sum(rows.active))
    inactive = len(rows.active) - active
    base = dict(activity=activity, lag_days=lag_days, as_of=as_of, days=len(rows.outcome), active_days=active,
                inactive_days=inactive, level=level, adjusted_for=adjusted)
    short = _shortfall(active, inactive, len(rows.outcome), settings)
    if short is not None:
        return Evidence(state=NOT_ENOUGH_DATA, estimate=None, interval=None, more_days=short[0], more_of=short[1],
                        **base)
    fitted = fit(rows, settings.look_alpha)
    if fitted is None:  # the activity moves in step with time or pain: nothing can be told apart yet
        return Evidence(state=UNSURE, estimate=None, interval=None, more_days=7, more_of="any", **base)
    estimate, low, high = fitted
    state = _state(low, high, settings.similar_margin)
    more = _more_days(estimate, low, high, active, inactive, settings) if state == UNSURE else (None, None)
    return Evidence(state=state, estimate=estimate, interval=(low, high), more_days=more[0], more_of=more[1],
                    **base)


def _shortfall(active: int, inactive: int, days: int, settings: EvidenceSettings) -> tuple[int, str] | None:
    need_active = max(0, settings.minimum_days_per_group - active)
    need_inactive = max(0, settings.minimum_days_per_group - inactive)
    need_days = max(0, settings.minimum_pairs - days)
    if not (need_active or need_inactive or need_days):
        return None
    if need_active and not need_inactive:
        return max(need_active, need_days), "active"
    if need_inactive and not need_active:
        return max(need_inactive, need_days), "inactive"
    return max(need_active + need_inactive, need_days), "any"


def _state(low: float, high: float, margin: float) -> str:
    if high < 0:
        return LOWER
    if low > 0:
        return HIGHER
    if -margin <= low and high <= margin:
        return SIMILAR
    return UNSURE


def _more_days(estimate: float, low: float, high: float, active: int, inactive: int,
               settings: EvidenceSettings) -> tuple[int | None, str | None]:
    """Roughly how many more days of the scarcer kind would narrow the interval enough to say
    either which way (if the estimate holds) or that there is little difference."""
    half = (high - low) / 2
    target = max(abs(estimate), settings.similar_margin - abs(estimate))
    if half <= 0 or target <= 0:
        return None, None
    shrink = (half / target) ** 2  # the interval narrows with the square root of the days
    spread = 1 / active + 1 / inactive
    fewer, more_of = (active, "active") if active <= inactive else (inactive, "inactive")
    larger = inactive if more_of == "active" else active
    wanted = spread / shrink - 1 / larger
    if wanted > 0:
        extra = math.ceil(1 / wanted - fewer)
    else:
        extra, more_of = math.ceil((active + inactive) * (shrink - 1)), "any"
    extra = max(extra, 1)
    return (extra, more_of) if extra <= settings.most_days_to_suggest else (None, more_of)


def fit(rows: _Rows, alpha: float) -> tuple[float, float, float] | None:
    """(estimate, low, high) for the activity's coefficient; None when it cannot be separated."""
    import numpy as np

    n = len(rows.outcome)
    t = np.asarray(rows.day_index)
    scale = max(float(np.ptp(t)), 1.0)
    centred = (t - t.mean()) / scale
    columns = [np.ones(n), np.asarray(rows.active), np.asarray(rows.earlier_pain), centred,
               centred**2 - (centred**2).mean()]
    for extra in (np.asarray(rows.other), np.asarray(rows.active_before)):
        if np.ptp(extra) > 0:
            columns.append(extra)
    x = np.column_stack(columns)
    y = np.asarray(rows.outcome)
    p = x.shape[1]
    if n - p < 4 or np.linalg.matrix_rank(x) < p:
        return None
    xtx_inv = np.linalg.inv(x.T @ x)
    beta = xtx_inv @ x.T @ y
    residual = y - x @ beta
    scores = x * residual[:, None]
    meat = scores.T @ scores
    lags = max(1, int(4 * (n / 100) ** (2 / 9)))
    for lag in range(1, lags + 1):
        weight = 1 - lag / (lags + 1)
        cross = scores[lag:].T @ scores[:-lag]
        meat += weight * (cross + cross.T)
    robust = float((xtx_inv @ meat @ xtx_inv)[1, 1]) * n / (n - p)
    plain = float(residual @ residual) / (n - p) * float(xtx_inv[1, 1])
    # Newey-West is too small in short diaries when nothing is correlated: take the larger.
    se = math.sqrt(max(robust, plain, 0.0))
    estimate = float(beta[1])
    if se == 0.0:
        return None
    half = t_quantile(1 - alpha / 2, n - p) * se
    return estimate, estimate - half, estimate + half


def t_quantile(probability: float, df: int) -> float:
    """Student t quantile from the normal one (Cornish-Fisher expansion; within 0.01 from 5 df)."""
    z = NormalDist().inv_cdf(probability)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4
