"""The red-flag record in the store (store/safety_service.py through ProgrammeService): what a
check saves, what stays cleared, the dated confirmations, and the status the pages follow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from desktop.content.programme import programme_content
from desktop.content.safety import trigger_rules
from desktop.domain.diary import DiaryEntry
from desktop.domain.safety_rules import CLEAR, EMERGENCY, SAME_DAY, SOON
from desktop.store import safety_service as safety
from desktop.store.programme_service import Onboarding, ProgrammeService

CONTENT = programme_content()
START = dt.date(2026, 3, 2)


@dataclass
class Clock:
    day: dt.date

    def today(self):
        return self.day

    def now(self):
        return dt.datetime.combine(self.day, dt.time(12), dt.UTC)


@pytest.fixture
def clock():
    return Clock(START)


@pytest.fixture
def programme(database, clock):
    return ProgrammeService(database, CONTENT, clock)


def every_no():
    return {q.id: False for q in CONTENT.safety.questions}


def weekly_no():
    return {q.id: False for q in CONTENT.safety_questions}


def onboard(programme, safety=None, clearances=frozenset(), mood=None):
    return programme.complete_onboarding(Onboarding(
        safety=safety or every_no(), pain_now=5, pain_week=5, limitation_week=5,
        rmdq={q.id: False for q in CONTENT.rmdq_items}, barriers={q.id: False for q in CONTENT.barrier_questions},
        clearances=clearances, mood=mood))


def status(programme, entries=(), onboarded=True):
    return safety.status(programme.safety_record(), CONTENT.safety, entries, trigger_rules(),
                         programme.clock.today(), onboarded)[0]


def test_a_cancer_survivor_cleared_once_is_not_paused_again_in_12_weeks(programme, clock):
    outcome = onboard(programme, {**every_no(), "cancer_history": True}, clearances=frozenset({"cancer_history"}))
    assert outcome == CLEAR and not programme.snapshot().paused_for_safety
    record = programme.safety_record()
    assert record.clearances == {"cancer_history": START}  # dated
    for week in range(1, 13):
        clock.day = START + dt.timedelta(days=7 * week)
        assert programme.record_screening(f"session{week + 1}", weekly_no()) == CLEAR, f"week {week}"
        assert not programme.snapshot().paused_for_safety
    clock.day += dt.timedelta(days=1)
    assert programme.record_screening("pain-" + clock.day.isoformat(), {**weekly_no(), "night_pain": True}) == SAME_DAY
    assert programme.snapshot().paused_for_safety


def test_a_history_yes_not_yet_talked_over_asks_for_the_gp_this_week_and_the_confirmation_clears_it(programme, clock):
    assert onboard(programme, {**every_no(), "cancer_history": True}) == SOON
    assert programme.snapshot().paused_for_safety
    assert [f.item for f in safety.open_findings(programme.safety_record(), CONTENT.safety)] == ["cancer_history"]
    clock.day += dt.timedelta(days=3)
    programme.confirm_assessed(SOON)
    record = programme.safety_record()
    assert record.clearances == {"cancer_history": clock.day} and record.confirmations == ((clock.day, SOON),)
    clock.day += dt.timedelta(days=7)
    assert programme.record_screening("session2", weekly_no()) == CLEAR


def test_emergency_advice_needs_its_own_confirmation(programme, clock):
    assert programme.record_screening("onboarding", {**weekly_no(), "leg_weakness": True}) == EMERGENCY
    assert status(programme, onboarded=False).open_level == EMERGENCY
    for wrong in (SAME_DAY, SOON):
        with pytest.raises(ValueError, match="its own confirmation"):
            programme.confirm_assessed(wrong)
    assert programme.snapshot().paused_for_safety
    clock.day += dt.timedelta(days=1)
    programme.confirm_assessed(EMERGENCY)
    snapshot = programme.snapshot()
    assert not snapshot.paused_for_safety and snapshot.safety_outcome == EMERGENCY  # what was advised stays
    assert programme.safety_record().confirmations == ((clock.day, EMERGENCY),)
    with pytest.raises(ValueError):
        programme.confirm_assessed(EMERGENCY)  # nothing open any more


def test_a_less_urgent_answer_never_lowers_open_advice(programme):
    programme.record_screening("onboarding", {**weekly_no(), "bladder_bowel": True})
    assert programme.record_screening("walking-2026-03-02", {**weekly_no(), "weight_loss": True}) == EMERGENCY
    assert programme.snapshot().safety_outcome == EMERGENCY


def test_the_check_the_diary_asks_for_is_open_until_answered(programme, clock):
    onboard(programme)
    assert status(programme).pending_check == ""
    programme.request_check("diary")
    assert status(programme).pending_check == "nerve"
    nerve = {q.id: False for q in CONTENT.safety.questions if q.item.nerve}
    programme.record_screening(f"diary-{clock.day.isoformat()}", nerve)
    assert status(programme).pending_check == ""
    programme.request_check("diary")  # asked again the same day: open again
    assert status(programme).pending_check == "nerve"


def test_pain_of_8_three_days_running_asks_for_the_weekly_check_once(programme, clock):
    onboard(programme)
    entries = [DiaryEntry(START + dt.timedelta(days=i), pain=8, walking_minutes=0, limitation=5) for i in (1, 2)]
    clock.day = START + dt.timedelta(days=3)
    assert status(programme, entries).pending_check == ""
    entries.append(DiaryEntry(START + dt.timedelta(days=3), pain=9, walking_minutes=0, limitation=5))
    assert status(programme, entries).pending_check == "weekly"
    programme.record_screening(f"pain-{clock.day.isoformat()}", weekly_no())
    assert status(programme, entries).pending_check == ""


def test_before_the_first_check_nothing_is_screened_and_old_profiles_are_asked_history_once(programme):
    assert not status(programme, onboarded=False).screened
    onboard(programme, safety=weekly_no())  # a profile from before history questions
    assert status(programme).pending_check == "history"
    history = {q.id: False for q in CONTENT.safety.questions if q.item.asked_once}
    programme.record_screening("history", history)
    assert status(programme).pending_check == ""


def test_pregnancy_and_a_recent_operation_are_kept_and_can_change(programme, clock):
    onboard(programme, {**every_no(), "pregnant": True, "spinal_surgery": True})
    record = programme.safety_record()
    assert safety.pregnant(record) and safety.surgery_hold(record) and status(programme).surgery_hold
    programme.confirm_assessed(safety.SURGERY)
    assert not safety.surgery_hold(programme.safety_record())
    clock.day += dt.timedelta(days=30)
    programme.set_circumstance("pregnant", False)
    assert not safety.pregnant(programme.safety_record())


def test_mood_answers_are_saved_and_scored(programme):
    onboard(programme, mood={"phq2": {"phq2_1": 2, "phq2_2": 1}, "gad2": {"gad2_1": 0, "gad2_2": 1}})
    record = programme.safety_record()
    assert safety.mood_scores(record, "onboarding") == {"phq2": 3, "gad2": 1}
    assert programme.save_mood("session6", {"phq2": {"phq2_1": 0, "phq2_2": 0},
                                            "gad2": {"gad2_1": 0, "gad2_2": 0}}) == {"phq2": 0, "gad2": 0}


def test_unknown_safety_items_are_refused(programme):
    with pytest.raises(ValueError, match="unknown"):
        programme.record_screening("session2", {"made_up": True})
