"""Helpers for widget tests of the programme: a clock the test moves, and a programme already under way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import QPushButton

from desktop.domain.goals import WALKING, suggested_goal
from desktop.store.programme_service import Onboarding, ProgrammeService, SessionResult


@dataclass
class MovableClock:
    """The programme's clock, moved by the test as a reviewer would with --today."""

    day: dt.date

    def today(self) -> dt.date:
        return self.day

    def now(self):
        return dt.datetime.combine(self.day, dt.time(12), dt.UTC)


def visible_button(widget, caption: str) -> QPushButton:
    for found in widget.findChildren(QPushButton):
        if found.text().replace("&", "") == caption and found.isVisible():
            return found
    raise AssertionError(f"no visible button {caption!r}; have {[b.text() for b in widget.findChildren(QPushButton)]}")


def got_started(programme: ProgrammeService) -> None:
    """Onboarding done with no red flags and no barriers."""
    content = programme.content
    programme.complete_onboarding(Onboarding(
        safety={q.id: False for q in content.safety_questions}, pain_now=5, pain_week=5, limitation_week=3,
        rmdq={item.id: False for item in content.rmdq_items},
        barriers={q.id: False for q in content.barrier_questions}))
    from desktop.domain.safety_rules import check_items

    history = {item.id for item in check_items(content.safety.items, "history")}  # asked once, in getting started
    programme.record_screening("history", {q.id: False for q in content.safety.questions if q.id in history})


def sessions_done(programme: ProgrammeService, clock: MovableClock, count: int) -> None:
    """Onboarding and the first ``count`` sessions done a week apart; the next session is open today."""
    got_started(programme)
    goal = suggested_goal(WALKING, 2, programme.rules)
    for number in range(1, count + 1):
        programme.complete_session(SessionResult(number, (goal,), level=2, limitation=3,
                                                 activity_choice=WALKING if number == 1 else None))
        clock.day += dt.timedelta(days=programme.rules.unlock_days)
