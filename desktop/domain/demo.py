"""Realistic made-up diary data, so every screen has something true to show.

The generated history is noisy, has missed days and flare-ups, and builds in a modest real
link: a day with walking or back exercises tends to be followed by slightly less pain.
"""

from __future__ import annotations

import datetime as dt
import random

from desktop.domain.diary import DiaryEntry

NEXT_DAY_RELIEF = 0.8  # points less pain the day after being active, on average
MISSED_DAY_CHANCE = 0.15
FLARE_START_CHANCE = 0.025


def demo_entries(days: int, seed: int, today: dt.date, exercise_keys: list[str]) -> list[DiaryEntry]:
    rng = random.Random(seed)
    favourites = rng.sample(exercise_keys, k=min(3, len(exercise_keys)))
    baseline = rng.uniform(5.0, 6.5)
    flare_days_left = 0
    previous_active = False
    entries: list[DiaryEntry] = []
    first = today - dt.timedelta(days=days - 1)
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        progress = offset / max(days - 1, 1)
        # Slow improvement over the programme; weekends a little more active.
        level = baseline - 1.5 * progress
        if flare_days_left == 0 and rng.random() < FLARE_START_CHANCE:
            flare_days_left = rng.randint(2, 5)
        flare = flare_days_left > 0
        if flare:
            flare_days_left -= 1
        pain = level + (2.5 if flare else 0.0) - (NEXT_DAY_RELIEF if previous_active else 0.0)
        pain += rng.gauss(0, 1.0)
        pain_score = _clamp(round(pain))
        activity_chance = 0.55 + 0.3 * progress - (0.35 if flare else 0.0)
        walking = 0
        if rng.random() < activity_chance:
            walking = 5 * round(rng.uniform(10, 20 + 20 * progress) / 5)
        exercises: frozenset[str] = frozenset()
        if rng.random() < activity_chance - 0.1:
            exercises = frozenset(rng.sample(favourites, k=rng.randint(1, len(favourites))))
        entry = DiaryEntry(
            day=day,
            pain=pain_score,
            walking_minutes=walking,
            limitation=_clamp(round(pain_score + rng.gauss(0, 1.2))),
            flare_up=flare,
            exercises=exercises,
            sleep=_clamp(round(7 - pain_score / 3 + rng.gauss(0, 1.5))) if rng.random() < 0.6 else None,
            mood=_clamp(round(7 - pain_score / 4 + rng.gauss(0, 1.5))) if rng.random() < 0.6 else None,
        )
        previous_active = entry.active
        if rng.random() >= MISSED_DAY_CHANCE or offset == days - 1:
            entries.append(entry)
    return entries


def _clamp(value: int) -> int:
    return max(0, min(10, value))
