"""Tailored weekly feedback: which message, and what to suggest for the goal.

Inputs (PROGRAMME.md): the share of planned days done, the pain trend against the week
before, and the level. The thresholds come from rules.json; the words from feedback.json.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.diary import DiaryEntry
from desktop.domain.expectations import ActivityRating, ExpectationSummary, summarise
from desktop.domain.goals import Goal
from desktop.domain.programme_rules import ProgrammeRules

BETTER, SAME, WORSE = "better", "same", "worse"
MET, PARTLY, NOT_MET = "met", "partly", "not_met"
KEEP, STEP_UP, STEP_DOWN, SMALLER = "keep", "step_up", "step_down", "smaller"


@dataclass(frozen=True)
class WeekReview:
    days_met: int
    days_planned: int
    pain_this_week: float | None
    pain_week_before: float | None


@dataclass(frozen=True)
class Feedback:
    message_key: str  # met_better, met_same, met_worse, partly, not_met (keys in feedback.json)
    adherence: str
    trend: str
    suggestion: str
    ask_obstacles: bool


def review_week(goals: Iterable[Goal], entries: Iterable[DiaryEntry], week_start: dt.date) -> WeekReview:
    """Days in the 7 days from week_start on which the goal was met.

    With two goals (walking and exercises) each is counted on its own and the counts are
    averaged, so doing one of them well is not scored as a missed day.
    """
    goals = list(goals)
    by_day = {e.day: e for e in entries}
    week = [week_start + dt.timedelta(days=i) for i in range(7)]
    before = [week_start - dt.timedelta(days=i) for i in range(1, 8)]
    if not goals:
        return WeekReview(0, 0, _mean_pain(by_day, week), _mean_pain(by_day, before))
    met_counts = [sum(1 for d in week if d in by_day and g.met_on(by_day[d].walking_minutes, by_day[d].exercises))
                  for g in goals]
    met = round(statistics.fmean(met_counts))
    planned = round(statistics.fmean(g.days_per_week for g in goals))
    return WeekReview(met, planned, _mean_pain(by_day, week), _mean_pain(by_day, before))


def ratings_of_week(ratings: Iterable[ActivityRating], week_start: dt.date) -> ExpectationSummary:
    """The before-and-after ratings of the same 7 days the review covers (for its one line on
    what the patient expected and what happened; no line when none was compared)."""
    return summarise(ratings, None, week_start, week_start + dt.timedelta(days=6))


def _mean_pain(by_day: dict[dt.date, DiaryEntry], days: list[dt.date]) -> float | None:
    pains = [by_day[d].pain for d in days if d in by_day]
    return statistics.fmean(pains) if pains else None


def pain_trend(this_week: float | None, week_before: float | None, rules: ProgrammeRules) -> str:
    if this_week is None or week_before is None:
        return SAME
    change = this_week - week_before
    if change <= -rules.pain_change_points:
        return BETTER
    if change >= rules.pain_change_points:
        return WORSE
    return SAME


def adherence(days_met: int, days_planned: int, rules: ProgrammeRules) -> str:
    share = min(1.0, days_met / days_planned) if days_planned > 0 else 0.0
    if share >= rules.met_from_share:
        return MET
    if share >= rules.partly_from_share:
        return PARTLY
    return NOT_MET


def feedback_for(review: WeekReview, rules: ProgrammeRules) -> Feedback:
    done = adherence(review.days_met, review.days_planned, rules)
    trend = pain_trend(review.pain_this_week, review.pain_week_before, rules)
    if done == MET and trend == WORSE:
        return Feedback("met_worse", done, trend, KEEP, ask_obstacles=False)
    if done == MET:
        return Feedback(f"met_{trend}", done, trend, STEP_UP, ask_obstacles=False)
    if done == PARTLY:
        return Feedback("partly", done, trend, KEEP, ask_obstacles=True)
    return Feedback("not_met", done, trend, SMALLER, ask_obstacles=True)


def pick_variant(variants: list[str], session_number: int) -> str:
    """Vary the wording from week to week, the same way every time for the same week."""
    return variants[session_number % len(variants)]
