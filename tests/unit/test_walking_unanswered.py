"""Walking not answered is not 0: a day without an answer is missing, never "no walk"."""

import datetime as dt

import pytest

from desktop.domain import feedback as fb
from desktop.domain.diary import DiaryEntry, DiaryValidationError, validate_entry
from desktop.domain.evidence import WALKING, analyse
from desktop.domain.goals import Goal
from desktop.domain.insights import InsightSettings, paired_days, weekly_summaries

START = dt.date(2026, 1, 5)  # a Monday


def day(offset, walking, pain=5, exercises=frozenset()):
    return DiaryEntry(day=START + dt.timedelta(days=offset), pain=pain, walking_minutes=walking, limitation=3,
                      exercises=exercises)


def test_an_unanswered_walk_is_valid_but_a_wrong_one_is_not():
    validate_entry(day(0, None), START, frozenset())
    assert not day(0, None).walking_answered and day(0, 0).walking_answered
    assert not day(0, None).active and day(0, None, exercises=frozenset({"bridge"})).active
    for wrong in (-1, 1441, 2.5, True, "30"):
        with pytest.raises(DiaryValidationError):
            validate_entry(day(0, wrong), START, frozenset())


def test_the_plain_comparison_leaves_unanswered_days_out_rather_than_counting_them_inactive():
    entries = [day(0, 30, pain=6), day(1, None, pain=4), day(2, 0, pain=7), day(3, None, pain=2), day(4, 20, pain=3)]
    settings = InsightSettings(walking_threshold_minutes=10)
    assert paired_days(entries, WALKING, 0, settings) == ([6, 3], [7])
    # next day: 0->1 (active, pain 4), 2->3 (inactive, pain 2); days 1 and 3 say nothing about walking
    assert paired_days(entries, WALKING, 1, settings) == ([4], [2])


def test_the_adjusted_analysis_counts_an_unanswered_day_as_missing():
    answered = [day(i, 30 if i % 2 else 0, pain=5 - (i % 2)) for i in range(42)]
    blanked = [day(e.day.toordinal() - START.toordinal(), None if i % 3 == 0 else e.walking_minutes, e.pain)
               for i, e in enumerate(answered)]
    full, partial = analyse(answered, WALKING), analyse(blanked, WALKING)
    assert full.active_days + full.inactive_days > partial.active_days + partial.inactive_days
    missing = sum(1 for e in blanked[:-1] if e.walking_minutes is None)
    assert full.days - partial.days == missing


def test_weekly_walking_adds_only_answered_days_and_knows_how_many_there_were():
    weeks = weekly_summaries([day(0, 30), day(1, None), day(2, 0), day(7, None), day(8, None)])
    assert [(w.walking_minutes, w.walking_days, w.days_recorded) for w in weeks] == [(30, 2, 3), (0, 0, 2)]


def test_goal_days_met_never_counts_an_unanswered_walk():
    goal = Goal("walking", 1, days_per_week=3, minutes_per_day=10)
    assert not goal.met_on(None, frozenset())
    assert Goal("walking", 1, days_per_week=3, minutes_per_day=0).met_on(0, frozenset())
    assert not Goal("walking", 1, days_per_week=3, minutes_per_day=0).met_on(None, frozenset())
    review = fb.review_week([goal], [day(0, 20), day(1, None), day(2, None), day(3, 15)], START)
    assert (review.days_met, review.days_planned) == (2, 3)
