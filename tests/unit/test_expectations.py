"""Before-and-after ratings: the "what I expected vs what happened" counts, and their store."""

import datetime as dt

import pytest

from desktop.domain.clock import FixedClock
from desktop.domain.expectations import (
    AS_EXPECTED,
    BETTER,
    EXERCISES,
    WALKING,
    WORSE,
    ActivityRating,
    RatingValidationError,
    main_message,
    outcome,
    summarise,
    validate_rating,
)
from desktop.store.changes import RatingsChanged
from desktop.store.rating_service import RatingService

DAY = dt.date(2026, 3, 1)


def rating(offset, expected=None, before=None, after=None, activity=WALKING):
    return ActivityRating(DAY + dt.timedelta(days=offset), activity, expected, before, after)


@pytest.mark.parametrize(("expected", "after", "result"), [
    (7, 4, BETTER), (7, 6, BETTER), (5, 5, AS_EXPECTED), (3, 4, WORSE), (0, 10, WORSE), (None, 4, None),
    (7, None, None)])
def test_better_only_when_pain_afterwards_is_strictly_lower_than_expected(expected, after, result):
    assert outcome(rating(0, expected=expected, after=after)) == result


def test_summary_counts_better_same_and_worse_and_names_the_latest():
    ratings = [rating(i, expected=7, after=4) for i in range(9)] + [
        rating(9, expected=5, after=5), rating(10, expected=3, after=6), rating(11, expected=6, before=5, after=2),
        rating(12, before=4, after=5),  # nothing expected: not compared, but before and after count
        rating(13, expected=6, before=6)]  # not rated afterwards (yet)
    summary = summarise(ratings)
    assert (summary.compared, summary.better, summary.as_expected, summary.worse) == (12, 10, 1, 1)
    assert summary.latest == rating(11, expected=6, before=5, after=2)
    assert (summary.before_after, summary.lower_after, summary.higher_after) == (2, 1, 1)
    assert main_message(summary) == "expect_mostly_better"


def test_summary_keeps_to_one_activity_and_a_window():
    ratings = [rating(0, 7, after=4), rating(1, 7, after=4, activity=EXERCISES), rating(8, 2, after=6)]
    assert summarise(ratings, WALKING).compared == 2
    assert summarise(ratings, EXERCISES).better == 1
    week = summarise(ratings, None, DAY + dt.timedelta(days=7), DAY + dt.timedelta(days=13))
    assert (week.compared, week.better, week.worse) == (1, 0, 1)


def test_the_lead_message_never_says_better_when_it_was_more_often_worse():
    worse = summarise([rating(0, 3, after=6), rating(1, 3, after=5), rating(2, 6, after=2)])
    assert main_message(worse) == "expect_mostly_worse"
    assert main_message(summarise([rating(0, 3, after=6), rating(1, 6, after=2)])) == "expect_mixed"
    assert main_message(summarise([rating(0, 5, after=5)])) == "expect_mixed"
    assert main_message(summarise([rating(0, before=3, after=6)])) is None


@pytest.mark.parametrize("bad", [
    ActivityRating(DAY, "swimming", 3), ActivityRating(DAY, WALKING, 11), ActivityRating(DAY, WALKING, None, -1),
    ActivityRating(DAY, WALKING, None, None, True), ActivityRating(DAY + dt.timedelta(days=30), WALKING, 3)])
def test_invalid_ratings_are_refused(bad):
    with pytest.raises(RatingValidationError):
        validate_rating(bad, DAY + dt.timedelta(days=14))


def test_service_saves_updates_and_deletes_with_a_tombstone_announcing_each_change(database):
    service = RatingService(database, FixedClock(dt.date(2026, 3, 15)))
    heard = []
    database.changes.subscribe(heard.append)
    assert service.save(rating(0, expected=7)) == "added"
    assert service.save(rating(0, expected=7, before=6, after=4)) == "updated"
    assert service.save(rating(0, expected=7, before=6, after=4)) == "unchanged"
    assert service.save(rating(0, before=2, activity=EXERCISES)) == "added"
    assert service.between() == [rating(0, before=2, activity=EXERCISES), rating(0, 7, 6, 4)]
    assert service.get(DAY, WALKING) == rating(0, 7, 6, 4)
    with database.reading() as conn:
        uuid = conn.execute("SELECT uuid FROM activity_rating WHERE activity = 'walking'").fetchone()[0]
    assert service.save(rating(0)) == "deleted"
    assert service.get(DAY, WALKING) is None
    with database.reading() as conn:
        section = conn.execute("SELECT section FROM deleted_row WHERE uuid = ?", (uuid,)).fetchone()
        assert section == ("activity_ratings",)
        kinds = [k for (k,) in conn.execute("SELECT kind FROM usage_event ORDER BY id")]
    assert kinds == ["rating_saved", "rating_saved", "rating_saved", "rating_deleted"]
    assert heard[0] == RatingsChanged((DAY,)) and len(heard) == 5
    with pytest.raises(RatingValidationError):
        service.save(rating(0, expected=12))
    assert service.between() == [rating(0, before=2, activity=EXERCISES)]


def test_the_words_say_what_was_expected_and_what_happened_and_count_every_outcome():
    from desktop.content.expectation_words import clinic_lines, progress_lines, week_line

    ratings = [rating(i, expected=7, after=4) for i in range(9)] + [
        rating(9, expected=5, after=5), rating(10, expected=3, after=6), rating(11, expected=7, before=6, after=4)]
    lines = progress_lines(summarise(ratings))
    assert lines[0] == "Last time (a walk, 2026-03-12) you expected 7; it was 4."
    assert lines[1] == ("10 of 12 times it was better than you expected. 1 of 12 times it was as you expected. "
                        "1 of 12 times it was worse than you expected.")
    assert "lower than you expected" in lines[2]
    assert "lower afterwards 1 times" in lines[3]
    assert "10 of 12 times pain afterwards was better" in week_line(summarise(ratings))
    assert clinic_lines(summarise(ratings))[0].endswith(
        "better than expected 10, as expected 1, worse than expected 1.")


def test_the_words_never_call_a_mostly_worse_record_better():
    from desktop.content.expectation_words import progress_lines, week_line

    worse = summarise([rating(0, 3, after=6), rating(1, 2, after=5), rating(2, 6, after=2)])
    lines = progress_lines(worse)
    assert "1 of 3 times it was better" in lines[1] and "2 of 3 times it was worse" in lines[1]
    assert "higher than you expected" in lines[2] and "lower than you expected" not in " ".join(lines)
    assert "2 of 3 times pain afterwards was higher" in week_line(worse)
    assert week_line(summarise([rating(0, before=3, after=2)])) is None
    assert progress_lines(summarise([]))[0].startswith("No ratings yet")


def test_the_weekly_review_counts_the_ratings_of_its_own_seven_days():
    from desktop.domain.feedback import ratings_of_week

    ratings = [rating(-1, 2, after=9), rating(0, 7, after=4), rating(6, 3, after=6), rating(7, 2, after=9)]
    week = ratings_of_week(ratings, DAY)
    assert (week.compared, week.better, week.worse) == (2, 1, 1)


def test_the_counts_agree_with_the_one_rule_for_each_rating():
    import random

    rng = random.Random(3)
    maybe = lambda: rng.choice([None, *range(11)])  # noqa: E731
    ratings = [rating(i % 40, maybe(), maybe(), maybe(), rng.choice([WALKING, EXERCISES])) for i in range(400)]
    ratings = list({(r.day, r.activity): r for r in ratings}.values())
    summary = summarise(ratings)
    outcomes = [outcome(r) for r in ratings]
    assert (summary.better, summary.as_expected, summary.worse) == (
        outcomes.count(BETTER), outcomes.count(AS_EXPECTED), outcomes.count(WORSE))
    compared = sorted((r for r in ratings if r.compared), key=lambda r: (r.day, r.activity))
    assert summary.latest == compared[-1]
