"""Saving measured activity: all or nothing, idempotent, corrections, announcements."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.domain.activity import ActivityDay, ActivityFormatError, ActivityImport
from desktop.domain.clock import FixedClock
from desktop.exchange.activity_import.detect import read_activity_file
from desktop.store import activity_service
from desktop.store.activity_service import ActivityService, MeasuredActivity
from desktop.store.changes import ActivityChanged
from desktop.store.usage_service import UsageService

DATA = Path(__file__).resolve().parents[1] / "data" / "activity"
TODAY = dt.date(2026, 4, 20)
D = dt.date


@pytest.fixture
def activity(database):
    return ActivityService(database, FixedClock(TODAY))


@pytest.fixture
def heard(database):
    changes = []
    database.changes.subscribe(changes.append)
    return changes


def _file(name: str) -> ActivityImport:
    return read_activity_file(DATA / name, TODAY)


def test_import_saves_daily_totals_with_their_source(activity, heard):
    result = activity.save(_file("export.xml"))
    assert (result.format_name, result.days, result.first, result.last) == ("Apple Health", 4, D(2026, 3, 1),
                                                                            D(2026, 3, 30))
    assert (result.added, result.updated, result.unchanged) == (4, 0, 0)
    assert activity.get(D(2026, 3, 1)) == MeasuredActivity(D(2026, 3, 1), 3750, 33, "Sam’s Apple Watch")
    assert activity.get(D(2026, 3, 3)) is None
    assert heard == [ActivityChanged((D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 29), D(2026, 3, 30)))]


def test_the_same_file_again_changes_nothing(activity, database, heard):
    activity.save(_file("steps.csv"))
    before = activity.between()
    with database.reading() as connection:
        stamps = connection.execute("SELECT uuid, updated_at FROM measured_day ORDER BY day").fetchall()
    heard.clear()
    again = activity.save(_file("steps.csv"))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert activity.between() == before
    with database.reading() as connection:
        assert connection.execute("SELECT uuid, updated_at FROM measured_day ORDER BY day").fetchall() == stamps
    assert heard == []
    assert [e.kind for e in UsageService(database).recent()] == ["activity_imported"]


def test_a_later_file_adds_and_corrects_days(activity, tmp_path, heard):
    activity.save(_file("steps.csv"))
    later = tmp_path / "later.csv"
    later.write_text("date,steps,walking_minutes\n2026-03-02,3400,20\n2026-03-05,8000,60\n2026-03-06,500,\n",
                     encoding="utf-8")
    heard.clear()
    result = activity.save(read_activity_file(later, TODAY))
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    assert [(m.day, m.steps, m.walking_minutes) for m in activity.between()] == [
        (D(2026, 3, 1), 6500, 45), (D(2026, 3, 2), 3400, 20), (D(2026, 3, 5), 8000, 60), (D(2026, 3, 6), 500, None)]
    assert heard == [ActivityChanged((D(2026, 3, 2), D(2026, 3, 6)))]
    # Another device's file corrects the day and names its own source.
    activity.save(_file("Daily activity metrics.csv"))
    assert activity.get(D(2026, 3, 1)) == MeasuredActivity(D(2026, 3, 1), 4871, 42, "Google Fit")


def test_a_failure_part_way_saves_nothing(activity, monkeypatch, heard):
    activity.save(_file("steps.csv"))
    heard.clear()
    real = activity_service._upsert
    calls = []

    def failing(session, row, found):
        calls.append(found.day)
        if len(calls) == 3:
            raise OSError("disk went away")
        return real(session, row, found)

    monkeypatch.setattr(activity_service, "_upsert", failing)
    with pytest.raises(OSError):
        activity.save(_file("export.xml"))
    assert [m.source for m in activity.between()] == ["CSV file"] * 3
    assert heard == []


def test_days_after_today_are_refused_at_saving_too(database):
    early = ActivityService(database, FixedClock(D(2026, 3, 20)))
    with pytest.raises(ActivityFormatError, match="2026-03-29 is after today"):
        early.save(_file("export.xml"))
    assert early.between() == []


def test_a_long_source_name_is_shortened(activity):
    name = "A" * 300
    activity.save(ActivityImport("Apple Health", (ActivityDay(D(2026, 3, 1), 10, None, name),)))
    assert activity.get(D(2026, 3, 1)).source == "A" * 100


def test_the_raw_file_is_never_stored(activity, database):
    activity.save(_file("export.xml"))
    stored = b"".join(p.read_bytes() for p in database.path.parent.rglob("*") if p.is_file())
    for text in (b"HKQuantityTypeIdentifierStepCount", b"HKBiologicalSexNotSet", b"HealthData"):
        assert text not in stored


def _zipped(path: Path, member: str) -> Path:
    import zipfile

    archive = path.with_name(path.name + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(path, member)
    return archive


# (sample, text changed for the correction, the day it changes, zip member or None)
FORMATS = {
    "apple xml": ("export.xml", ('value="80"', 'value="95"'), D(2026, 3, 30), None),
    "apple zip": ("export.xml", ('value="80"', 'value="95"'), D(2026, 3, 30), "apple_health_export/export.xml"),
    "google fit summary": ("Daily activity metrics.csv", (",4871,", ",4900,"), D(2026, 3, 1), None),
    "google fit day file": ("2026-03-04.csv", (",812,", ",900,"), D(2026, 3, 4), None),
    "google takeout zip": ("Daily activity metrics.csv", (",4871,", ",4900,"), D(2026, 3, 1),
                           "Takeout/Fit/Daily activity metrics/Daily activity metrics.csv"),
    "fitbit json": ("steps-2026-03-01.json", ('"value" : "88"', '"value" : "90"'), D(2026, 3, 1), None),
    "fitbit zip": ("steps-2026-03-01.json", ('"value" : "88"', '"value" : "90"'), D(2026, 3, 1),
                   "Takeout/Fitbit/Global Export Data/steps-2026-03-01.json"),
    "plain csv": ("steps.csv", ("2026-03-05,8000,", "2026-03-05,8100,"), D(2026, 3, 5), None),
}


@pytest.mark.parametrize("kind", FORMATS)
def test_each_format_reimports_unchanged_and_takes_a_correction(activity, tmp_path, kind):
    from zoneinfo import ZoneInfo

    sample, (old, new), changed_day, member = FORMATS[kind]
    original, corrected = tmp_path / "first" / sample, tmp_path / "second" / sample
    for path, content in ((original, (DATA / sample).read_text(encoding="utf-8")),
                          (corrected, (DATA / sample).read_text(encoding="utf-8").replace(old, new))):
        path.parent.mkdir()
        path.write_text(content, encoding="utf-8")
    assert original.read_text(encoding="utf-8") != corrected.read_text(encoding="utf-8")
    if member:
        original, corrected = _zipped(original, member), _zipped(corrected, member)

    def load(path):
        return activity.save(read_activity_file(path, TODAY, ZoneInfo("Europe/London")))

    first = load(original)
    before = activity.get(changed_day)
    assert first.added == first.days > 0
    again = load(original)
    assert (again.added, again.updated, again.unchanged) == (0, 0, first.days)
    fixed = load(corrected)
    assert (fixed.added, fixed.updated, fixed.unchanged) == (0, 1, first.days - 1)
    after = activity.get(changed_day)
    assert after.steps != before.steps and after.source == before.source
