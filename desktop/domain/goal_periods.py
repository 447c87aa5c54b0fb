"""When each weekly walking goal applied: from the day it was set to the day before the next
goal (or today), so a chart can draw the goal under the days it was meant for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

WalkingGoalPeriod = tuple[dt.date, dt.date, int]  # first day, last day, minutes a day


def walking_goal_periods(goals: Iterable[tuple[int, dt.date, int, str]], today: dt.date) -> list[WalkingGoalPeriod]:
    """Goals as (session number, set on, minutes a day, activity); one period per session that
    set a walking goal. A session's goals end the day before the next session's were set."""
    goals = list(goals)
    starts = sorted({(number, day) for number, day, _minutes, _activity in goals})
    walking = {number: minutes for number, _day, minutes, activity in goals if activity == "walking"}
    periods = []
    for index, (number, first) in enumerate(starts):
        last = starts[index + 1][1] - dt.timedelta(days=1) if index + 1 < len(starts) else today
        if number in walking and last >= first:
            periods.append((first, last, walking[number]))
    return periods
