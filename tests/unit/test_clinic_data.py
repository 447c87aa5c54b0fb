"""An export becomes the same numbers the patient's own app shows: diary days, walking goals,
Roland-Morris scores; and the window's CARE sections and flags are the printed summary's."""

from __future__ import annotations

import datetime as dt

import pyrage
import pytest
from exchange_helpers import clinic_key, demo_profile, make_export
from pyrage import x25519

from desktop.exchange.clinic_data import (
    clinic_report,
    comparison_numbers,
    diary_entries,
    flag_detail,
    flag_title,
    goal_periods,
)
from desktop.exchange.clinic_summary import summary_text
from desktop.exchange.export_reader import VerifiedExport, read_export

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def exported(tmp_path):
    """(open demo database, its verified export)."""
    secret, recipient, _identity = clinic_key(tmp_path)
    database = demo_profile(tmp_path / "demo", days=60, seed=4)
    path = make_export(database, recipient, tmp_path / "e.age")
    export = read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)]))
    yield database, export
    database.close()


def test_the_exports_diary_goals_and_rmdq_equal_what_the_patients_app_reads(exported):
    from desktop.content.loader import exercise_catalogue
    from desktop.content.programme import programme_content
    from desktop.domain.clock import FixedClock
    from desktop.store.diary_service import DiaryService
    from desktop.store.programme_service import ProgrammeService

    database, export = exported
    report = clinic_report(export)
    clock = FixedClock(TODAY)
    assert report.entries == DiaryService(database, exercise_catalogue(), clock).between()
    programme = ProgrammeService(database, programme_content(), clock)
    assert report.walking_goals == programme.walking_goal_periods() != []
    assert report.rmdq == programme.rmdq_scores() != []
    assert report.exported_on == TODAY and report.enough_for_charts


def test_window_sections_and_flags_are_the_printed_summarys(exported):
    _database, export = exported
    data = dict(export.data, programme=dict(export.data["programme"],
                                            indicators=["low_mood", "structural_beliefs"]))
    flagged = VerifiedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                             export.exported_at, export.exported_on, data)
    report = clinic_report(flagged)
    printed = summary_text(flagged)
    assert report.summary == printed
    positions = [printed.index(section.heading.upper()) for section in report.care]
    assert positions == sorted(positions) and [s.key for s in report.care] == ["congratulate", "address",
                                                                                "reassure", "encourage"]
    for section in report.care:
        for item in section.items:
            if "about your back" not in item:  # the window names indicators in words, the print by id
                assert f"- {item}" in printed
    kinds = [flag.kind for flag in report.flags]
    assert "indicators" in kinds
    indicators = report.flags[kinds.index("indicators")]
    assert "FLAG " + indicators.sentence() in printed
    assert flag_title(indicators) == "Several barrier indicators"
    assert "low mood or anxiety" in flag_detail(indicators) and "low_mood" not in flag_detail(indicators)


def test_goal_periods_end_the_day_before_the_next_session_and_skip_exercise_only_sessions():
    goals = [{"session_number": 1, "set_on": "2026-01-01", "activity": "walking", "minutes_per_day": 10},
             {"session_number": 2, "set_on": "2026-01-08", "activity": "exercises", "minutes_per_day": 0},
             {"session_number": 3, "set_on": "2026-01-15", "activity": "walking", "minutes_per_day": 20}]
    assert goal_periods(goals, dt.date(2026, 1, 20)) == [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 7), 10), (dt.date(2026, 1, 15), dt.date(2026, 1, 20), 20)]


def test_diary_days_are_sorted_and_keep_every_field():
    day = {"uuid": "u", "pain": 4, "limitation": 3, "walking_minutes": 25, "flare_up": True, "sleep": None,
           "mood": 6, "exercises": ["bridge"], "note": "n", "updated_at": "t"}
    entries = diary_entries([dict(day, date="2026-03-02"), dict(day, date="2026-03-01", pain=7)])
    assert [e.day for e in entries] == [dt.date(2026, 3, 1), dt.date(2026, 3, 2)]
    assert entries[0].pain == 7 and entries[1].exercises == frozenset({"bridge"}) and entries[1].flare_up


def test_an_export_before_onboarding_gives_a_report_without_charts(exported):
    _database, export = exported
    data = dict(export.data, programme=None, sessions=[], goals=[], diary=export.data["diary"][:3],
                questionnaires=[])
    report = clinic_report(VerifiedExport(export.export_id, export.participant_id, export.device_key_id,
                                          export.sequence, export.exported_at, export.exported_on, data))
    assert not report.enough_for_charts and report.programme.started_on is None
    assert report.walking_goals == [] and report.rmdq == []
    assert "not enough days to compare yet" in comparison_numbers(report.walking_comparison)


def test_only_what_goes_well_is_congratulated(exported):
    from desktop.exchange.clinic_summary import care_sections

    _database, export = exported
    data = dict(export.data)
    today = dt.date.fromisoformat(export.exported_on)
    data["diary"] = [d for d in data["diary"] if (today - dt.date.fromisoformat(d["date"])).days >= 14 or
                     d["date"] == (today - dt.timedelta(days=2)).isoformat()]  # 1 of the last 14 days
    data["sessions"] = [dict(s) for s in data["sessions"]]
    data["sessions"][-1].update(days_met=0, days_planned=5)
    thin = VerifiedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                          export.exported_at, export.exported_on, data)
    sections = {s.key: s.items for s in care_sections(thin)}
    assert not any("last 14 days" in item or "goal on 0" in item for item in sections["congratulate"])
    assert any("1 of the last 14 days" in item for item in sections["address"])
    assert any("goal on 0 of 5" in item for item in sections["address"])
