"""The clinician sees the red-flag history through a real export: which item, which answer, when,
every clearance and confirmation with its date, the mood scores, and flags for mood of 3 or more,
pregnancy and a recent back operation. The export's shape (schema 1) is unchanged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyrage
import pytest
from exchange_helpers import clinic_key, make_export
from pyrage import x25519

from desktop.content.programme import programme_content
from desktop.exchange.clinic_data import clinic_report, flag_detail, flag_title
from desktop.exchange.clinic_safety import safety_flags, safety_history
from desktop.exchange.clinic_summary import summary_text
from desktop.exchange.export_reader import read_export
from desktop.store.programme_service import Onboarding, ProgrammeService

CONTENT = programme_content()


@dataclass
class Clock:
    day: dt.date

    def today(self):
        return self.day

    def now(self):
        return dt.datetime.combine(self.day, dt.time(12), dt.UTC)


@pytest.fixture
def exported(tmp_path, database):
    clock = Clock(dt.date(2026, 3, 2))
    programme = ProgrammeService(database, CONTENT, clock)
    no = {q.id: False for q in CONTENT.safety.questions}
    programme.complete_onboarding(Onboarding(
        safety={**no, "cancer_history": True, "pregnant": True, "spinal_surgery": True}, pain_now=5, pain_week=5,
        limitation_week=5, rmdq={q.id: False for q in CONTENT.rmdq_items},
        barriers={q.id: False for q in CONTENT.barrier_questions}, clearances=frozenset({"cancer_history"}),
        mood={"phq2": {"phq2_1": 2, "phq2_2": 2}, "gad2": {"gad2_1": 1, "gad2_2": 0}}))
    clock.day = dt.date(2026, 3, 5)
    programme.request_check("walking")
    programme.record_screening("walking-2026-03-05", {q.id: q.id == "leg_weakness"
                                                      for q in CONTENT.safety.questions if q.item.nerve})
    clock.day = dt.date(2026, 3, 6)
    programme.confirm_assessed("emergency")
    programme.confirm_assessed("surgery")
    secret, recipient, _identity = clinic_key(tmp_path)
    path = make_export(database, recipient, tmp_path / "e.age")
    return read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)]))


def test_the_clinician_reads_each_answer_clearance_and_confirmation_with_its_date(exported):
    history = safety_history(exported.data["questionnaires"])
    text = "\n".join(history)
    assert ("2026-03-02: first safety check: yes to cancer in the past (already talked over with their GP or "
            "physio); pregnant; an operation on the back in the last six months") in text
    assert "2026-03-02: cleared by the patient: cancer in the past" in text
    assert "2026-03-02: PHQ-2 4, GAD-2 1 out of 6 (at the start)" in text
    assert "2026-03-05: nerve check asked for from the walking guide's warning" in text
    assert ("2026-03-05: nerve check after the walking guide's warning: yes to weakness in one or both legs "
            "(A&E or 999 now advised)") in text
    assert "2026-03-06: confirmed being checked after the A&E or 999 advice" in text
    assert "2026-03-06: confirmed their surgeon's or physio's go-ahead" in text
    assert history == sorted(history, key=lambda line: line[:10])  # oldest first


def test_mood_pregnancy_and_surgery_are_flagged(exported):
    kinds = dict(safety_flags(exported.data["questionnaires"]))
    assert kinds["mood"]["phq2"] == 4 and kinds["pregnancy"]["since"] == "2026-03-02"
    assert "go-ahead confirmed on 2026-03-06" in kinds["spinal_surgery"]["go_ahead"]
    report = clinic_report(exported)
    titles = [flag_title(f) for f in report.flags]
    assert {"Low mood or anxiety", "Pregnant", "Recent back operation"} <= set(titles)
    mood = next(f for f in report.flags if f.kind == "mood")
    assert "Samaritans" in flag_detail(mood)


def test_the_printed_summary_and_the_window_carry_the_history(exported):
    report = clinic_report(exported)
    printed = summary_text(exported)
    assert "SAFETY QUESTIONS AND MOOD, BY DATE" in printed
    for line in report.safety_history:
        assert f"- {line}" in printed


def test_the_export_keeps_its_schema(exported):
    assert exported.data["programme"]["safety_outcome"] == "emergency"  # what was advised
    assert not exported.data["programme"]["paused_for_safety"]  # since confirmed
    names = {q["questionnaire"] for q in exported.data["questionnaires"]}
    assert {"screening", "clearance", "confirmation", "check_request", "phq2", "gad2"} <= names
