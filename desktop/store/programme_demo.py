"""Walk a demo profile through the programme its diary dates imply, as a patient might have."""

from __future__ import annotations

import datetime as dt
import random
import statistics

from desktop.domain import feedback as fb
from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.domain.goal_step import carried, stepped_down, stepped_up
from desktop.domain.goals import EXERCISES, WALKING, fit_to_level, level_for, suggested_goal
from desktop.store.programme_service import Onboarding, ProgrammeService, SessionResult


def simulate_programme(programme: ProgrammeService, entries: list[DiaryEntry], start: dt.date, today: dt.date,
                       seed: int) -> int:
    """Onboard on `start`, then complete each weekly session whose date has come; returns how many."""
    rng = random.Random(seed)
    content, rules = programme.content, programme.rules
    saved_clock = programme.clock
    try:
        programme.clock = FixedClock(start)
        first_week = [e for e in entries if start <= e.day < start + dt.timedelta(days=7)]
        limitation = round(statistics.fmean(e.limitation for e in first_week)) if first_week else 6
        programme.complete_onboarding(Onboarding(
            safety={q.id: False for q in content.safety.questions},
            pain_now=first_week[0].pain if first_week else 6, pain_week=6, limitation_week=limitation,
            rmdq={q.id: rng.random() < 0.45 for q in content.rmdq_items},
            barriers={q.id: rng.random() < 0.15 for q in content.barrier_questions},
            reminder_time="19:00"))
        level = level_for(limitation, rules)
        favourites = frozenset(favourite_exercises(entries)[:3])
        goals = (suggested_goal(WALKING, level, rules),
                 suggested_goal(EXERCISES, level, rules, exercises=favourites))
        goals = tuple(fit_to_level(g, level, rules) for g in goals)
        programme.complete_session(SessionResult(1, goals, level=level, activity_choice="both"))
        done = 1
        for number in range(2, rules.sessions + 1):
            day = start + dt.timedelta(days=rules.unlock_days * (number - 1))
            if day > today:
                break
            programme.clock = FixedClock(day)
            week_start = day - dt.timedelta(days=rules.unlock_days)
            review = fb.review_week(goals, entries, week_start)
            week = [e for e in entries if week_start <= e.day < day]
            limitation = round(statistics.fmean(e.limitation for e in week)) if week else limitation
            level = level_for(limitation, rules)
            advice = fb.feedback_for(review, rules)
            change = {fb.STEP_UP: stepped_up, fb.SMALLER: stepped_down}.get(advice.suggestion, carried)
            goals = tuple(change(g, level, rules) for g in goals)  # one small step, as a patient's goal step allows
            programme.complete_session(SessionResult(
                number, goals, limitation=limitation, level=level, days_met=review.days_met,
                days_planned=review.days_planned, feedback_key=advice.message_key,
                goal_choice={fb.STEP_UP: "step_up", fb.SMALLER: "step_down"}.get(advice.suggestion, "keep"),
                module_id=content.modules[number - 2].id,
                rmdq={q.id: rng.random() < 0.3 for q in content.rmdq_items} if number == rules.sessions else None))
            done = number
        return done
    finally:
        programme.clock = saved_clock


def favourite_exercises(entries: list[DiaryEntry]) -> list[str]:
    """The exercises the demo patient did most, most frequent first."""
    counts: dict[str, int] = {}
    for entry in entries:
        for key in entry.exercises:
            counts[key] = counts.get(key, 0) + 1
    return [key for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
