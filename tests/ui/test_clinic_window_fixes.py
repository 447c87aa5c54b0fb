"""The clinician window as a physiotherapist found it wanting: the safety pause says which
question was answered yes and when; the header leads with the study or clinic code (the export
carries no name), not a UUID; the activity-pain flags give the numbers and the days behind them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyrage
import pytest
from exchange_helpers import clinic_key, demo_profile, make_export
from pyrage import x25519
from PySide6.QtWidgets import QLabel

from desktop.content.programme import programme_content
from desktop.exchange.clinic_data import clinic_report, flag_detail
from desktop.exchange.export_reader import VerifiedExport, read_export
from desktop.store.programme_service import Onboarding, ProgrammeService
from desktop.ui.clinician.clinic_view import ClinicWindow

CONTENT = programme_content()


@dataclass
class Clock:
    day: dt.date

    def today(self):
        return self.day

    def now(self):
        return dt.datetime.combine(self.day, dt.time(12), dt.UTC)


def _read(path, secret) -> VerifiedExport:
    return read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)]))


def _open(qtbot, export: VerifiedExport) -> ClinicWindow:
    window = ClinicWindow("e.age", clinic_report(export))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _changed(export: VerifiedExport, **data) -> VerifiedExport:
    return VerifiedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                          export.exported_at, export.exported_on, dict(export.data, **data))


def test_the_safety_pause_names_the_question_answered_yes_and_the_day(qtbot, tmp_path, database):
    clock = Clock(dt.date(2026, 3, 2))
    programme = ProgrammeService(database, CONTENT, clock)
    no = {q.id: False for q in CONTENT.safety.questions}
    programme.complete_onboarding(Onboarding(
        safety=no, pain_now=5, pain_week=5, limitation_week=5, rmdq={q.id: False for q in CONTENT.rmdq_items},
        barriers={q.id: False for q in CONTENT.barrier_questions},
        mood={"phq2": {"phq2_1": 0, "phq2_2": 0}, "gad2": {"gad2_1": 0, "gad2_2": 0}}))
    same_day = next(q for q in CONTENT.safety.questions if q.item.urgency == "same_day")
    clock.day = dt.date(2026, 3, 10)
    programme.record_screening("session2", {**no, same_day.id: True})
    assert programme.snapshot().paused_for_safety
    secret, recipient, _identity = clinic_key(tmp_path)
    export = _read(make_export(database, recipient, tmp_path / "e.age"), secret)

    window = _open(qtbot, export)
    banner = window.header.safety
    said = " ".join(label.text() for label in banner.findChildren(QLabel))
    assert "PROGRAMME PAUSED FOR SAFETY" in said
    assert same_day.label in said and "2026-03-10" in said and "session 2" in said
    assert "GP today or NHS 111 advised" in said


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fixes")
    secret, recipient, _identity = clinic_key(folder)
    database = demo_profile(folder / "demo", days=120, seed=6)
    try:
        return _read(make_export(database, recipient, folder / "e.age"), secret)
    finally:
        database.close()


def test_the_header_leads_with_the_study_code_not_the_uuid(qtbot, export):
    coded = _changed(export, participant=dict(export.data["participant"], study_code="TRIAL-7"))
    window = _open(qtbot, coded)
    assert window.header.title.text() == "TRIAL-7"
    assert window.windowTitle().startswith("TRIAL-7")
    labels = [lbl for lbl in window.header.findChildren(QLabel) if lbl.isVisible()]
    assert labels[0] is window.header.title  # the first thing read
    assert export.participant_id == window.header.facts["participant"].text()  # still there, below

    uncoded = _changed(export, participant=dict(export.data["participant"], study_code=None))
    title = _open(qtbot, uncoded).header.title.text()
    assert title.startswith(f"Participant {export.participant_id[:8]}") and export.participant_id not in title


def test_the_activity_pain_flags_show_their_numbers_and_days(export):
    report = clinic_report(export)
    links = [f for f in report.flags if f.kind.startswith("link_") and f.kind != "link_not_enough_data"]
    assert links, [f.kind for f in report.flags]
    for flag in links:
        detail = flag_detail(flag)
        values = flag.values
        assert f"{values['estimate']} points" in detail
        assert f"interval {values['low']} to {values['high']}" in detail
        assert f"{values['days']} days, {values['active_days']} with it and {values['inactive_days']} without" \
            in detail
        first, last = values["period"].split(" to ")
        assert (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days == 83  # the 12 weeks looked at
        assert dt.date.fromisoformat(last) <= dt.date.fromisoformat(export.exported_on)
