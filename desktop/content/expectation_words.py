"""The words of "what I expected and what happened" (texts/expectations.json), from the counts
of desktop/domain/expectations.py: the Progress section, the weekly review and the clinic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop.content.loader import text
from desktop.domain.expectations import ExpectationSummary, main_message


def progress_lines(summary: ExpectationSummary,
                   day_words: Callable[[dt.date], str] = dt.date.isoformat) -> list[str]:
    """The sentences the Progress page shows, most important first (none: the invitation).
    ``day_words`` writes a day the reader's way (the page passes the locale's short date)."""
    if not summary.any:
        return [text("expect_none")]
    lines = []
    if summary.latest is not None:
        latest = summary.latest
        lines.append(text("expect_latest", activity=text(f"expect_activity_{latest.activity}"),
                          day=day_words(latest.day), expected=latest.expected_pain, after=latest.pain_after))
    if summary.compared > 1:
        lines.append(" ".join(_counts(summary)))
    lead = main_message(summary)
    if lead is not None and summary.compared > 1:
        lines.append(text(lead))
    if summary.before_after:
        same = summary.before_after - summary.lower_after - summary.higher_after
        lines.append(text("expect_before_after" if same else "expect_before_after_no_same",
                          count=summary.before_after, lower=summary.lower_after, higher=summary.higher_after,
                          same=same))
    return lines


def _counts(summary: ExpectationSummary) -> list[str]:
    counts = [text("expect_count_better", better=summary.better, compared=summary.compared)]
    if summary.as_expected:
        counts.append(text("expect_count_same", count=summary.as_expected, compared=summary.compared))
    if summary.worse:
        counts.append(text("expect_count_worse", count=summary.worse, compared=summary.compared))
    return counts


def week_line(summary: ExpectationSummary) -> str | None:
    """One line for the weekly review, or None when the week holds no compared rating."""
    lead = main_message(summary)
    if lead is None:
        return None
    key = {"expect_mostly_better": "expect_week_better", "expect_mostly_worse": "expect_week_worse"}.get(
        lead, "expect_week_mixed")
    return text(key, better=summary.better, worse=summary.worse, compared=summary.compared)


def clinic_lines(summary: ExpectationSummary) -> list[str]:
    """The clinician's lines, with every count (no reassurance: the numbers as they are)."""
    lines = []
    if summary.compared:
        lines.append(text("clinic_expectations", compared=summary.compared, better=summary.better,
                          same=summary.as_expected, worse=summary.worse))
    if summary.before_after:
        lines.append(text("clinic_expectations_before_after", count=summary.before_after,
                          lower=summary.lower_after, higher=summary.higher_after))
    return lines
