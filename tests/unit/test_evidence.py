"""The weekly activity-pain statement: its states, its schedule and its words (issue 17)."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from desktop.content.evidence_words import one_line, size_in_words, statement
from desktop.content.insights import evidence_settings
from desktop.domain.diary import DiaryEntry
from desktop.domain.evidence import (
    EXERCISES,
    HIGHER,
    LOWER,
    NOT_ENOUGH_DATA,
    SIMILAR,
    UNSURE,
    WALKING,
    analyse,
    scheduled_look,
)

START = dt.date(2026, 1, 5)
SETTINGS = evidence_settings()
CLAIMS = ("lower", "higher", "because", "helps", "caused")


def diary(days: int, effect: float = 0.0, seed: int = 1, exercise_effect: float = 0.0, noise: float = 1.0,
          walk_share: float = 0.5) -> list[DiaryEntry]:
    rng = random.Random(seed)
    entries, walked, exercised = [], False, False
    for offset in range(days):
        level = 5 + (effect if walked else 0.0) + (exercise_effect if exercised else 0.0) + rng.gauss(0, noise)
        walked, exercised = rng.random() < walk_share, rng.random() < 0.4
        entries.append(DiaryEntry(day=START + dt.timedelta(days=offset), pain=max(0, min(10, round(level))),
                                  walking_minutes=30 if walked else rng.choice((0, 5)), limitation=3,
                                  exercises=frozenset({"bridge"}) if exercised else frozenset()))
    return entries


def test_the_statement_is_worked_out_at_the_end_of_each_complete_week():
    assert scheduled_look(None, START) is None
    assert scheduled_look(START, START + dt.timedelta(days=5)) is None  # not a whole week yet
    assert scheduled_look(START, START + dt.timedelta(days=6)) == START + dt.timedelta(days=6)
    assert scheduled_look(START, START + dt.timedelta(days=12)) == START + dt.timedelta(days=6)
    assert scheduled_look(START, START + dt.timedelta(days=13)) == START + dt.timedelta(days=13)
    entries = diary(40, effect=-1.5)
    assert analyse(entries).as_of == START + dt.timedelta(days=34)
    assert analyse(entries) == analyse(entries[:35])  # days after the last complete week change nothing


def test_a_real_effect_is_lower_in_words_with_the_number_in_words():
    result = analyse(diary(42, effect=-1.5, seed=3))
    assert result.state == LOWER and result.interval[1] < 0
    said = one_line(result, SETTINGS)
    assert said.startswith("Your pain the next day has been lower after walking 10 minutes or more")
    assert re.search(r": about \d(\.5)? points lower on the 0 to 10 scale", said) and "cannot prove" in said


def test_pain_higher_after_walking_gets_pacing_advice_and_the_flare_up_plan():
    result = analyse(diary(42, effect=+1.5, seed=4))
    assert result.state == HIGHER and result.interval[0] > 0
    said = statement(result, SETTINGS)
    assert "higher after walking" in said.headline
    assert "smaller, steadier goal" in said.advice and "flare-up plan" in said.advice


def test_little_difference_only_when_the_interval_is_narrow():
    long = analyse(diary(84, effect=0.0, seed=5, noise=0.7), as_of=START + dt.timedelta(days=83))
    assert long.state == SIMILAR and -0.75 <= long.interval[0] and long.interval[1] <= 0.75
    assert "about the same" in statement(long, SETTINGS).headline
    short = analyse(diary(21, effect=0.0, seed=5))
    assert short.state == UNSURE  # "not sure yet", never "no difference", on three weeks of diary
    said = one_line(short, SETTINGS)
    assert said.startswith("Not sure yet") and not any(word in said.split("whether")[0] for word in CLAIMS)


def test_not_sure_yet_says_what_would_help():
    result = analyse(diary(28, effect=-0.6, seed=7))
    assert result.state == UNSURE
    said = one_line(result, SETTINGS)
    assert result.more_days == 33 and "About 33 more days with little or no walking would help." in said


@pytest.mark.parametrize(("share", "more_of", "words"), [
    (0.05, "active", "more days with a walk of 10 minutes or more"),
    (0.97, "inactive", "more days with little or no walking"),
])
def test_not_enough_days_of_one_kind_says_which_days_would_help(share, more_of, words):
    result = analyse(diary(28, seed=2, walk_share=share))
    assert result.state == NOT_ENOUGH_DATA and result.more_of == more_of and result.more_days >= 1
    assert words in one_line(result, SETTINGS)


def test_exercise_only_days_are_not_counted_as_days_without_activity_for_walking():
    # Exercises lower the next day's pain by 2 points; walking does nothing. A plain comparison
    # would put the exercise days among the "no walk" days; the model keeps them apart.
    entries = diary(84, effect=0.0, exercise_effect=-2.0, seed=12)
    walking = analyse(entries, WALKING, as_of=START + dt.timedelta(days=83))
    exercises = analyse(entries, EXERCISES, as_of=START + dt.timedelta(days=83))
    assert walking.state in (UNSURE, SIMILAR) and exercises.state == LOWER
    assert "exercises" in walking.adjusted_for and "walking" in exercises.adjusted_for


def test_same_day_view_is_labelled_the_weaker_one():
    result = analyse(diary(42, seed=3), WALKING, 0)
    assert result.adjusted_for[0] == "pain the day before"
    assert "weaker guide" in one_line(result, SETTINGS)


def test_an_unanswered_walk_leaves_that_day_out_of_the_walking_statement():
    from dataclasses import replace

    entries = diary(42, effect=-1.5, seed=3)
    blank = [replace(e, walking_minutes=None) if i % 5 == 0 else e for i, e in enumerate(entries)]
    full, fewer = analyse(entries), analyse(blank)
    assert fewer.days < full.days


def test_a_diary_whose_walking_moves_with_time_cannot_be_told_apart_and_says_so():
    entries = [DiaryEntry(day=START + dt.timedelta(days=i), pain=5 + (i % 2), walking_minutes=30 if i >= 21 else 0,
                          limitation=3) for i in range(42)]
    result = analyse(entries)
    assert result.state not in (LOWER, HIGHER)  # pain did not change when walking began


@pytest.mark.parametrize(("points", "words"), [(0.3, "less than half a point"), (0.9, "about 1 point"),
                                                (1.6, "about 1.5 points"), (-2.2, "about 2 points")])
def test_numbers_in_words(points, words):
    assert size_in_words(points) == words


def test_the_method_and_its_numbers_sit_behind_the_expander_text():
    result = analyse(diary(42, effect=-1.5, seed=3))
    said = statement(result, SETTINGS)
    assert "98.5% sure the real difference is between" in said.how
    assert "Newey-West" in said.method and "once a week" in said.schedule
