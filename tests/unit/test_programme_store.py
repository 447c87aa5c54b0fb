"""ProgrammeService reads for the session pages (the store answers, the widgets hold no SQL)."""

from __future__ import annotations

import datetime as dt

from desktop.content.programme import programme_content
from desktop.domain.clock import FixedClock
from desktop.store.programme_service import Onboarding, ProgrammeService

CONTENT = programme_content()


def _onboard(programme: ProgrammeService, limitation_week: int) -> None:
    programme.complete_onboarding(Onboarding(
        safety={q.id: False for q in CONTENT.safety.questions}, pain_now=5, pain_week=5,
        limitation_week=limitation_week, rmdq={q.id: False for q in CONTENT.rmdq_items},
        barriers={q.id: False for q in CONTENT.barrier_questions}))


def test_baseline_limitation_is_the_answer_given_when_getting_started(database):
    programme = ProgrammeService(database, CONTENT, FixedClock(dt.date(2026, 3, 2)))
    assert programme.baseline_limitation() is None  # not started yet: the session page falls back to 0
    _onboard(programme, limitation_week=7)
    assert programme.baseline_limitation() == 7
