"""The appointment summary's content: programme week, goals met, pain and walking then and now,
Roland-Morris at the start and now in words, flags, and the clinic's last calls (never in the
patient's own copy)."""

from __future__ import annotations

import datetime as dt
from statistics import mean

import pyrage
import pytest
from exchange_helpers import clinic_key, demo_profile, make_export
from pyrage import x25519

from desktop.exchange.appointment_summary import appointment_summary
from desktop.exchange.clinic_data import clinic_report
from desktop.exchange.export_reader import read_export
from desktop.store.clinic_notes import CallNote

TODAY = dt.date(2026, 3, 15)


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("summary-export")
    secret, recipient, _identity = clinic_key(folder)
    database = demo_profile(folder / "demo", days=60, seed=11)
    try:
        path = make_export(database, recipient, folder / "e.age")
    finally:
        database.close()
    return read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)]))


def _section(summary, heading_start: str) -> tuple[str, ...]:
    return next(s.lines for s in summary.sections if s.heading.startswith(heading_start))


def test_the_summary_states_the_numbers_of_the_export(export):
    report = clinic_report(export)
    summary = appointment_summary(report, TODAY, notes=[])
    diary = sorted(export.data["diary"], key=lambda d: d["date"])
    first_day = dt.date.fromisoformat(diary[0]["date"])
    exported = dt.date.fromisoformat(export.exported_on)
    before = mean(d["pain"] for d in diary if dt.date.fromisoformat(d["date"]) < first_day + dt.timedelta(days=14))
    after = mean(d["pain"] for d in diary if dt.date.fromisoformat(d["date"]) > exported - dt.timedelta(days=14))
    trend = " ".join(_section(summary, "Pain and daily life"))
    assert f"{before:.1f} on average in the first two weeks" in trend and f"{after:.1f} in the last two weeks" in trend
    scores = {}
    for item in export.data["questionnaires"]:
        if item["questionnaire"] == "rmdq":
            scores.setdefault(item["occasion"], []).append(item["value"])
    totals = [sum(v) for v in scores.values() if len(v) == 24]
    assert f"{report.rmdq[0][2]} of 24 everyday activities" in trend and report.rmdq[0][2] in totals
    if len(report.rmdq) > 1 and report.rmdq[-1][2] < report.rmdq[0][2]:
        assert f"{report.rmdq[0][2] - report.rmdq[-1][2]} fewer than at the start" in trend
    goals = " ".join(_section(summary, "Goals"))
    for session in export.data["sessions"]:
        if session["days_planned"] and session["days_met"] is not None:
            assert (f"At session {session['number']}: the goal for the week was {session['days_planned']} days; "
                    f"it was met on {session['days_met']}.") in goals
    assert _section(summary, "Last support calls") == ("No support calls recorded for this patient.",)
    assert export.participant_id in summary.subtitle


def test_the_last_calls_are_in_the_clinic_copy_only(export):
    report = clinic_report(export)
    notes = [CallNote(export.participant_id, TODAY - dt.timedelta(days=d), 20, address=f"Stairs worry {d}",
                      next_step="Walk after lunch", follow_up=TODAY + dt.timedelta(days=7)) for d in (1, 8, 15)]
    clinic = appointment_summary(report, TODAY, notes=notes)
    calls = _section(clinic, "Last support calls")
    assert len(calls) == 2 and "Stairs worry 1" in calls[0] and "Stairs worry 8" in calls[1]
    assert "Next step: Walk after lunch" in calls[0] and "Follow-up on 22 March 2026" in calls[0]
    closed = appointment_summary(report, TODAY, notes=None)
    assert "not opened" in _section(closed, "Last support calls")[0]
    patient = appointment_summary(report, TODAY, for_patient=True, notes=notes)
    text = patient.plain_text()
    assert "Stairs worry" not in text and "support calls" not in text.lower()
    assert export.participant_id not in text and "summary for my appointment" in text.lower()


def test_a_programme_not_started_and_an_empty_diary_say_so_calmly(export):
    from desktop.exchange.export_reader import VerifiedExport

    empty = VerifiedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                           export.exported_at, export.exported_on,
                           dict(export.data, diary=[], sessions=[], goals=[], questionnaires=[], programme=None))
    summary = appointment_summary(clinic_report(empty), TODAY)
    assert _section(summary, "The programme") == ("The programme has not started yet.",)
    text = summary.plain_text()
    assert "too few to compare" in text and "No Roland-Morris questionnaire answered in full yet." in text
    assert "the diary has no days yet" in summary.subtitle
    patient = appointment_summary(clinic_report(empty), TODAY, for_patient=True)
    assert patient.subtitle == "Made on 15 March 2026. There are no diary days yet."
    assert _section(patient, "Goals")[0] == "No goal set yet."  # not the clinician's advice
    assert "my own diary" in patient.footer
