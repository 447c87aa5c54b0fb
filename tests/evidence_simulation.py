"""Simulated diaries that mislead, for the operating characteristics of domain/evidence.py.

Each scenario makes 84-day diaries in which walking has NO effect on pain, in one of the
ways real diaries fool a simple comparison, plus one in which walking truly lowers the next
day's pain by 1.5 points. Pain is a latent daily level with carry-over (AR(1)) around a mean
that may drift, recorded as a whole number from 0 to 10.

    python tests/evidence_simulation.py [DIARIES]     prints the table in the README
"""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np

from desktop.domain.diary import DiaryEntry
from desktop.domain.evidence import HIGHER, LOWER, WALKING, analyse

START = dt.date(2026, 1, 5)
DAYS = 84
ONE_LOOK_DAY = 42
WEEKLY_LOOKS = tuple(range(14, DAYS + 1, 7))  # days 14, 21, ... 84
EFFECT = 1.5
NOISE = 1.0  # sd of the day-to-day change in the latent pain level (0-10 scale)

SCENARIOS = {
    "a_pure_noise": "(a) pure noise: independent days, walking at random",
    "b_better_days": "(b) walking chosen on days that already hurt less, pain carries over",
    "c_recovery": "(c) natural recovery while walking rises",
    "d_streaky": "(d) walking in runs, pain carried over strongly",
    "e_slow_carry_over": "(e) walking in runs, pain carried over for several days and recorded roughly",
    "power": "real effect: walking lowers the next day's pain by 1.5 points",
}


def diary(scenario: str, rng: np.random.Generator, days: int = DAYS) -> list[DiaryEntry]:
    rho = {"a_pure_noise": 0.0, "b_better_days": 0.6, "c_recovery": 0.5, "d_streaky": 0.7, "e_slow_carry_over": 0.9,
           "power": 0.5}[scenario]
    effect = EFFECT if scenario == "power" else 0.0
    mean = np.full(days, 5.0)
    if scenario == "c_recovery":
        mean = 3.0 + 3.0 * np.exp(-np.arange(days) / 25)
    latent = mean[0] + rng.normal(0, NOISE)
    walked_before = False
    walk_streak = bool(rng.random() < 0.5)
    entries = []
    for t in range(days):
        if t:
            latent = mean[t] + rho * (latent - mean[t - 1]) + rng.normal(0, NOISE) - (effect if walked_before else 0.0)
        reading = latent + (rng.normal(0, 0.8) if scenario == "e_slow_carry_over" else 0.0)
        pain = int(np.clip(round(reading), 0, 10))
        if scenario == "b_better_days":
            walk_probability = 1 / (1 + np.exp(1.2 * (pain - 5)))
        elif scenario == "c_recovery":
            walk_probability = 0.15 + 0.7 * t / (days - 1)
        elif scenario in ("d_streaky", "e_slow_carry_over"):
            walk_streak = walk_streak if rng.random() < 0.85 else not walk_streak
            walk_probability = 1.0 if walk_streak else 0.0
        else:
            walk_probability = 0.5
        walked = bool(rng.random() < walk_probability)
        exercises = frozenset({"bridge"}) if rng.random() < 0.3 else frozenset()
        entries.append(DiaryEntry(day=START + dt.timedelta(days=t), pain=pain, walking_minutes=30 if walked else 0,
                                  limitation=pain, exercises=exercises))
        walked_before = walked
    return entries


def claims(entries: list[DiaryEntry], look_day: int) -> bool:
    result = analyse(entries, WALKING, 1, as_of=START + dt.timedelta(days=look_day - 1))
    return result.state in (LOWER, HIGHER)


def finds_lower(entries: list[DiaryEntry], look_day: int) -> bool:
    result = analyse(entries, WALKING, 1, as_of=START + dt.timedelta(days=look_day - 1))
    return result.state == LOWER


def rates(scenario: str, diaries: int, seed: int = 20261202) -> tuple[float, float]:
    """(claimed at the one look on day 42, claimed at any weekly look from day 14 to 84)."""
    rng = np.random.default_rng([seed, sorted(SCENARIOS).index(scenario)])
    once = ever = 0
    check = finds_lower if scenario == "power" else claims
    for _ in range(diaries):
        entries = diary(scenario, rng)
        once += check(entries, ONE_LOOK_DAY)
        ever += any(check(entries, day) for day in WEEKLY_LOOKS)
    return once / diaries, ever / diaries


def table(diaries: int) -> str:
    lines = ["| scenario | claimed at day 42 | claimed at any weekly look, days 14-84 | diaries |",
             "|---|---|---|---|"]
    for key, words in SCENARIOS.items():
        once, ever = rates(key, diaries)
        if key == "power":
            lines.append(f"| {words} | found lower: {once:.1%} | found lower: {ever:.1%} | {diaries} |")
        else:
            lines.append(f"| {words} | {once:.1%} | {ever:.1%} | {diaries} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
