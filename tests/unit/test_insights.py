"""The activity-pain comparison: finds a planted effect, claims nothing when there is none,
and handles the diaries real people keep (gaps, one day, always or never active)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from desktop.content.insights import insight_settings
from desktop.domain.diary import DiaryEntry
from desktop.domain.insights import EXERCISES, WALKING, InsightSettings, compare, paired_days, weekly_summaries

START = dt.date(2025, 1, 6)  # a Monday
SETTINGS = InsightSettings()


def day(offset: int, pain: int, walking: int = 0, exercises: tuple[str, ...] = (), limitation: int = 3) -> DiaryEntry:
    return DiaryEntry(day=START + dt.timedelta(days=offset), pain=pain, walking_minutes=walking,
                      limitation=limitation, exercises=frozenset(exercises))


def synthetic_diary(days: int, seed: int, next_day_effect: float, missed: float = 0.0,
                    same_day_effect: float = 0.0) -> list[DiaryEntry]:
    """Walking on about half the days; pain the next day is ``next_day_effect`` points
    different after a walking day, plus noise. Some days are left out at random."""
    rng = random.Random(seed)
    entries = []
    walked_yesterday = False
    for offset in range(days):
        walks = rng.random() < 0.5
        pain = 5.0 + (next_day_effect if walked_yesterday else 0.0) + (same_day_effect if walks else 0.0)
        pain += rng.gauss(0, 1.0)
        entry = day(offset, max(0, min(10, round(pain))), walking=30 if walks else rng.choice((0, 5)))
        walked_yesterday = walks
        if rng.random() >= missed:
            entries.append(entry)
    return entries


@pytest.mark.parametrize("seed", [1, 2, 4])
def test_a_planted_next_day_effect_is_found_with_an_interval_that_covers_it(seed):
    entries = synthetic_diary(150, seed, next_day_effect=-1.5, missed=0.1)
    result = compare(entries, WALKING, 1, SETTINGS)
    assert result.enough_data
    assert result.interval.covers(-1.5), result.interval
    assert result.interval.high < 0  # clear of zero: the diary does show a link
    assert result.outcome == "lower"
    assert result.difference == pytest.approx(result.active_mean_pain - result.inactive_mean_pain)


def test_the_interval_covers_a_planted_effect_about_as_often_as_it_says():
    # A 90% interval should miss the truth about one time in ten, not never and not often.
    diaries = [synthetic_diary(150, 1000 + seed, next_day_effect=-1.5, missed=0.1) for seed in range(200)]
    covered = sum(compare(entries, WALKING, 1, SETTINGS).interval.covers(-1.5) for entries in diaries)
    assert 0.84 <= covered / len(diaries) <= 0.96
    no_link = sum(compare(entries, WALKING, 0, SETTINGS).interval.covers(0.0) for entries in diaries)
    assert 0.84 <= no_link / len(diaries) <= 0.96  # today's walking says nothing about today's pain here


def test_the_same_diary_shows_no_same_day_link_when_the_effect_is_only_next_day():
    entries = synthetic_diary(300, 6, next_day_effect=-1.5)
    same_day = compare(entries, WALKING, 0, SETTINGS)
    assert same_day.interval.covers(0.0)
    assert compare(entries, WALKING, 1, SETTINGS).interval.covers(-1.5)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_with_no_effect_the_interval_covers_zero_(seed):
    entries = synthetic_diary(120, seed, next_day_effect=0.0, missed=0.15)
    result = compare(entries, WALKING, 1, SETTINGS)
    assert result.enough_data
    assert result.interval.covers(0.0), result.interval
    assert result.outcome == "similar"


def test_pain_higher_after_activity_is_reported_honestly_and_without_blame():
    entries = synthetic_diary(200, 7, next_day_effect=+1.5)
    result = compare(entries, WALKING, 1, SETTINGS)
    assert result.outcome == "higher" and result.interval.covers(1.5)


def test_next_day_pairs_never_bridge_a_missed_day():
    entries = [day(0, 2, walking=30), day(1, 7), day(3, 9, walking=30), day(5, 1), day(6, 4)]
    active, inactive = paired_days(entries, WALKING, 1, SETTINGS)
    # 0->1 (active, pain 7) and 5->6 (inactive, pain 4); day 3 has no next day recorded.
    assert active == [7] and inactive == [4]
    same_day_active, same_day_inactive = paired_days(entries, WALKING, 0, SETTINGS)
    assert sorted(same_day_active) == [2, 9] and sorted(same_day_inactive) == [1, 4, 7]


def test_entries_in_any_order_give_the_same_pairs():
    entries = synthetic_diary(60, 3, next_day_effect=-1.0, missed=0.2)
    assert paired_days(list(reversed(entries)), WALKING, 1, SETTINGS) == paired_days(entries, WALKING, 1, SETTINGS)


def test_walking_counts_from_the_threshold_and_exercises_from_one_exercise():
    entries = [day(0, 5, walking=9), day(1, 5, walking=10), day(2, 5, exercises=("bridge",)), day(3, 5)]
    assert [len(group) for group in paired_days(entries, WALKING, 0, SETTINGS)] == [1, 3]
    assert [len(group) for group in paired_days(entries, EXERCISES, 0, SETTINGS)] == [1, 3]
    stricter = InsightSettings(walking_threshold_minutes=5)
    assert [len(group) for group in paired_days(entries, WALKING, 0, stricter)] == [2, 2]


def test_an_empty_diary_and_a_single_day_ask_for_more_days():
    empty = compare([], WALKING, 1, SETTINGS)
    assert (empty.active_days, empty.inactive_days, empty.enough_data, empty.interval) == (0, 0, False, None)
    assert empty.active_mean_pain is None and empty.outcome == "no_days"

    single = [day(0, 4, walking=20)]
    next_day = compare(single, WALKING, 1, SETTINGS)
    assert (next_day.active_days, next_day.inactive_days, next_day.outcome) == (0, 0, "no_days")
    same_day = compare(single, WALKING, 0, SETTINGS)
    assert (same_day.active_days, same_day.active_mean_pain, same_day.outcome) == (1, 4.0, "few_both")


def test_all_active_and_all_inactive_diaries_show_no_comparison():
    all_active = [day(i, 3 + i % 3, walking=20) for i in range(30)]
    result = compare(all_active, WALKING, 1, SETTINGS)
    assert (result.active_days, result.inactive_days, result.enough_data) == (29, 0, False)
    assert result.difference is None and result.interval is None and result.outcome == "few_inactive"

    all_inactive = [day(i, 3 + i % 3) for i in range(30)]
    result = compare(all_inactive, WALKING, 1, SETTINGS)
    assert (result.active_days, result.inactive_days, result.outcome) == (0, 29, "few_active")


def test_five_days_in_each_group_is_enough_and_four_is_not():
    entries = [day(i, 3 if i % 2 else 6, walking=30 if i % 2 else 0) for i in range(10)]
    assert compare(entries, WALKING, 0, SETTINGS).enough_data
    assert not compare(entries[:9], WALKING, 0, SETTINGS).enough_data  # 4 active, 5 not


def test_the_interval_is_the_same_every_time_and_holds_the_difference():
    entries = synthetic_diary(90, 21, next_day_effect=-1.0)
    first, second = compare(entries, EXERCISES, 1, SETTINGS), compare(entries, EXERCISES, 1, SETTINGS)
    assert first == second
    result = compare(entries, WALKING, 1, SETTINGS)
    assert result.interval.low < result.difference < result.interval.high
    assert result.active_interval.covers(result.active_mean_pain)
    assert result.inactive_interval.covers(result.inactive_mean_pain)


def test_the_fast_bootstrap_matches_plain_resampling():
    entries = synthetic_diary(80, 31, next_day_effect=-1.0)
    active, inactive = paired_days(entries, WALKING, 1, SETTINGS)
    rng = random.Random(0)
    differences = sorted(
        sum(rng.choices(active, k=len(active))) / len(active)
        - sum(rng.choices(inactive, k=len(inactive))) / len(inactive)
        for _ in range(4000))
    plain_low, plain_high = differences[int(0.05 * 4000)], differences[int(0.95 * 4000)]
    result = compare(entries, WALKING, 1, SETTINGS)
    assert result.interval.low == pytest.approx(plain_low, abs=0.12)
    assert result.interval.high == pytest.approx(plain_high, abs=0.12)


def test_a_wider_interval_level_gives_a_wider_interval():
    entries = synthetic_diary(90, 22, next_day_effect=-1.0)
    narrow = compare(entries, WALKING, 1, SETTINGS).interval
    wide = compare(entries, WALKING, 1, InsightSettings(interval_level=0.98)).interval
    assert wide.low < narrow.low and wide.high > narrow.high


def test_unknown_activity_or_lag_is_refused():
    with pytest.raises(ValueError, match="activity"):
        compare([day(0, 3), day(1, 4)], "swimming", 0, SETTINGS)
    with pytest.raises(ValueError, match="lag"):
        compare([day(0, 3)], WALKING, 2, SETTINGS)


def test_weekly_summaries_add_up_each_calendar_week():
    entries = [day(0, 4, walking=20, limitation=2), day(2, 6, walking=10, exercises=("bridge",), limitation=5),
               day(6, 5, exercises=("bridge", "cat-camel")), day(14, 2, walking=45, limitation=1)]
    weeks = weekly_summaries(entries)
    assert [w.week_start for w in weeks] == [START, START + dt.timedelta(days=14)]  # the empty week is left out
    first = weeks[0]
    assert (first.days_recorded, first.walking_minutes, first.exercise_days) == (3, 30, 2)
    assert first.mean_pain == pytest.approx(5.0) and first.mean_limitation == pytest.approx(10 / 3)
    assert weekly_summaries([]) == []


def test_the_shipped_settings_are_the_programme_defaults():
    settings = insight_settings()
    assert (settings.walking_threshold_minutes, settings.minimum_days_per_group) == (10, 5)
    assert (settings.interval_level, settings.resamples) == (0.9, 2000)
