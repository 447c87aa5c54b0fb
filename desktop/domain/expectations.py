"""Before-and-after pain ratings of a walk or an exercise session, and "what I expected vs
what happened": the patient's own small experiments.

Before a walk (or exercises) the patient may say what pain they expect afterwards; they may
rate pain before and after. Comparing the expected with the rated pain afterwards is the
least confounded evidence a diary can hold (the same person, the same day, minutes apart),
and it is how behavioural experiments for fear of movement work.

Safety rule (docs/safety/hazard-log.md, H-EXP-1): pain afterwards counts as "better than
expected" only when it is strictly lower than expected; equal is "as expected", higher is
"worse than expected". A rating without both numbers is never counted either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

WALKING, EXERCISES = "walking", "exercises"
ACTIVITIES = (WALKING, EXERCISES)
SCALE_MIN, SCALE_MAX = 0, 10
RATING_FIELDS = ("expected_pain", "pain_before", "pain_after")


class RatingValidationError(ValueError):
    """A rating that breaks a rule; the message is fit to show a patient."""


@dataclass(frozen=True)
class ActivityRating:
    day: dt.date
    activity: str  # WALKING or EXERCISES
    expected_pain: int | None = None  # said beforehand: pain expected afterwards
    pain_before: int | None = None
    pain_after: int | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in RATING_FIELDS)

    @property
    def compared(self) -> bool:
        """Both the expected pain and the pain afterwards were given."""
        return self.expected_pain is not None and self.pain_after is not None


def validate_rating(rating: ActivityRating, today: dt.date) -> None:
    if rating.activity not in ACTIVITIES:
        raise RatingValidationError(f"Unknown activity {rating.activity!r}.")
    if rating.day > today:
        raise RatingValidationError(f"{rating.day.isoformat()} is in the future.")
    for name in RATING_FIELDS:
        value = getattr(rating, name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
            raise RatingValidationError(f"Pain ratings are whole numbers from 0 to 10, not {value!r}.")


BETTER, AS_EXPECTED, WORSE = "better", "as_expected", "worse"


def outcome(rating: ActivityRating) -> str | None:
    """How pain afterwards compared with what was expected, or None when either is missing."""
    if not rating.compared:
        return None
    assert rating.expected_pain is not None and rating.pain_after is not None
    if rating.pain_after < rating.expected_pain:
        return BETTER
    if rating.pain_after > rating.expected_pain:
        return WORSE
    return AS_EXPECTED


@dataclass(frozen=True)
class ExpectationSummary:
    compared: int  # ratings with both the expected pain and the pain afterwards
    better: int
    as_expected: int
    worse: int
    latest: ActivityRating | None  # the newest compared rating
    before_after: int  # ratings with pain before and after
    lower_after: int  # of those, pain lower after than before
    higher_after: int

    @property
    def any(self) -> bool:
        return self.compared > 0 or self.before_after > 0


def summarise(ratings: Iterable[ActivityRating], activity: str | None = None,
              first: dt.date | None = None, last: dt.date | None = None) -> ExpectationSummary:
    """Count, over the ratings of ``activity`` (both when None) between first and last
    (inclusive, either open), how often pain afterwards was better, as expected or worse
    than expected, and how often it was lower or higher after than before."""
    better = same = worse = paired = lower = higher = 0
    latest: ActivityRating | None = None
    for r in ratings:  # one pass: a 10-year diary of both activities takes a few milliseconds
        if (activity is not None and r.activity != activity) or (first is not None and r.day < first) \
                or (last is not None and r.day > last):
            continue
        after = r.pain_after
        if after is None:
            continue
        if r.expected_pain is not None:
            if after < r.expected_pain:
                better += 1
            elif after > r.expected_pain:
                worse += 1
            else:
                same += 1
            if latest is None or (r.day, r.activity) > (latest.day, latest.activity):
                latest = r
        if r.pain_before is not None:
            paired += 1
            lower += after < r.pain_before
            higher += after > r.pain_before
    return ExpectationSummary(compared=better + same + worse, better=better, as_expected=same, worse=worse,
                              latest=latest, before_after=paired, lower_after=lower, higher_after=higher)


def main_message(summary: ExpectationSummary) -> str | None:
    """Which sentence leads (keys in texts/expectations.json): never "better" unless pain
    afterwards was lower than expected more often than it was higher."""
    if summary.compared == 0:
        return None
    if summary.better > summary.worse:
        return "expect_mostly_better"
    if summary.worse > summary.better:
        return "expect_mostly_worse"
    return "expect_mixed"
