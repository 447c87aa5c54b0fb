"""Measured activity in export schema 2 (``measured_activity``): every imported day with its
uuid, a correction keeping the row, the device's kind without its owner's name, read back by
both ways of reading, refused when dated after the export."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from exchange_helpers import new_device_key, signed_plaintext

from desktop.domain.activity import ActivityDay, ActivityImport, shared_source
from desktop.domain.clock import FixedClock
from desktop.exchange import export_reader, payload, signing
from desktop.exchange.activity_import.detect import read_activity_file
from desktop.store.activity_service import ActivityService

DATA = Path(__file__).resolve().parents[1] / "data" / "activity"
PARTICIPANT = "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10"
KEY = new_device_key()
TODAY = dt.date(2026, 4, 20)


def _data(database) -> dict:
    with database.reading() as connection:
        return payload.read_data(connection, PARTICIPANT)


def _plaintext(data: dict) -> bytes:
    return signed_plaintext(signing.canonical_json(data), KEY, PARTICIPANT, exported_on=TODAY.isoformat(),
                            exported_at=f"{TODAY.isoformat()}T09:30:00.000000Z")


def test_every_measured_day_is_exported_with_the_device_kind_not_its_owner(database):
    ActivityService(database, FixedClock(TODAY)).save(read_activity_file(DATA / "export.xml", TODAY))
    data = _data(database)
    rows = data["measured_activity"]
    assert [(r["date"], r["steps"], r["walking_minutes"]) for r in rows][0] == ("2026-03-01", 3750, 33)
    assert len(rows) == 4 and [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {r["source"] for r in rows} <= {"Apple Watch", "iPhone"}
    assert "Sam" not in json.dumps(rows)  # the sample's devices are "Sam’s Apple Watch" and "Sam’s iPhone"
    document = payload.build_document(data, _ticket(), TODAY)
    schema = json.loads(export_reader.schema_path().read_text())
    jsonschema.Draft202012Validator(schema).validate(document)


def test_an_export_without_imported_steps_has_an_empty_list(database):
    assert _data(database)["measured_activity"] == []


def test_a_corrected_day_keeps_its_uuid_with_a_later_update(database):
    service = ActivityService(database, FixedClock(TODAY))
    service.save(ActivityImport("CSV file", (ActivityDay(dt.date(2026, 4, 1), 4000, None, "CSV file"),)))
    before = _data(database)["measured_activity"][0]
    service.save(ActivityImport("CSV file", (ActivityDay(dt.date(2026, 4, 1), 5200, 40, "CSV file"),)))
    after = _data(database)["measured_activity"][0]
    assert after["uuid"] == before["uuid"]
    assert (after["steps"], after["walking_minutes"]) == (5200, 40)
    assert after["updated_at"] > before["updated_at"]


@pytest.mark.parametrize("read", [export_reader.read_export, export_reader.read_records])
def test_readers_take_measured_days_both_ways(database, read):
    ActivityService(database, FixedClock(TODAY)).save(read_activity_file(DATA / "steps.csv", TODAY))
    data = _data(database)
    export = read(_plaintext(data), TODAY)
    rows = export.data["measured_activity"] if isinstance(export.data, dict) else [
        {"date": r.date, "steps": r.steps} for r in export.data.measured_activity]
    assert [(r["date"], r["steps"]) for r in rows] == [(r["date"], r["steps"]) for r in data["measured_activity"]]
    assert rows


def test_a_measured_day_after_the_export_or_too_many_steps_is_refused(database):
    ActivityService(database, FixedClock(TODAY)).save(read_activity_file(DATA / "steps.csv", TODAY))
    later = copy.deepcopy(_data(database))
    later["measured_activity"][0]["date"] = "2026-04-25"
    with pytest.raises(export_reader.ExportRejected, match="after the day it was made"):
        export_reader.read_export(_plaintext(later), TODAY)
    huge = copy.deepcopy(_data(database))
    huge["measured_activity"][0]["steps"] = 200_001
    with pytest.raises(export_reader.ExportRejected, match="does not match the export schema"):
        export_reader.read_export(_plaintext(huge), TODAY)


@pytest.mark.parametrize(("name", "shared"), [
    ("Sam’s Apple Watch", "Apple Watch"), ("Anna's iPhone", "iPhone"), ("iPhone von Anna", "iPhone"),
    ("Fitbit", "Fitbit"), ("Google Fit", "Google Fit"), ("CSV file", "CSV file"),
    ("Pedometer++", "Pedometer++"), ("Jan's Pedometer", "Pedometer"), ("Podómetro de Ana", "Podómetro"),
    ("Step\x00Counter", "Step Counter"), ("\x07", "unnamed source")])
def test_a_source_is_shared_without_an_owner_name_or_control_characters(name, shared):
    assert shared_source(name) == shared


def test_an_export_from_the_app_fills_the_activity_table(database, tmp_path):
    """The whole way: imported steps, a real encrypted export, ``research collect``, activity.csv."""
    import csv

    from exchange_helpers import clinic_key, make_export

    from desktop.exchange import collect as collecting

    days = (ActivityDay(dt.date(2026, 3, 1), 6210, 25, "Sam’s Apple Watch"),
            ActivityDay(dt.date(2026, 3, 2), None, 40, "Sam’s iPhone"),
            ActivityDay(dt.date(2026, 3, 3), 0, None, "Sam’s iPhone"))
    ActivityService(database, FixedClock(dt.date(2026, 3, 15))).save(ActivityImport("Apple Health", days))
    secret, recipient, _ = clinic_key(tmp_path)
    exported = make_export(database, recipient, tmp_path / "a.age")
    report = collecting.collect([exported], tmp_path / "out", secret, parquet=False)
    assert report["accepted"] == 1, report["files"]
    table = list(csv.DictReader((tmp_path / "out" / "activity.csv").open(encoding="utf-8")))
    assert [(r["date"], r["steps"], r["walking_minutes"]) for r in table] == [
        (r["date"], str(r["steps"]) if r["steps"] is not None else "",
         str(r["walking_minutes"]) if r["walking_minutes"] is not None else "")
        for r in _data(database)["measured_activity"]]
    assert [r["source"] for r in table] == ["Apple Watch", "iPhone", "iPhone"]


def _ticket():
    from desktop.store.export_state import ExportTicket

    return ExportTicket(PARTICIPANT, KEY, 1)


def test_the_clinic_summary_mentions_measured_steps_only_when_there_are_some(database, tmp_path):
    """clinic open's summary and the clinician window (the same CARE sections) name the measured
    steps apart from the diary's walking answers; an export without any says nothing of them."""
    import pyrage
    from exchange_helpers import clinic_key, make_export
    from pyrage import x25519

    from desktop.exchange.clinic_data import clinic_report

    secret, recipient, _ = clinic_key(tmp_path)

    def report():
        path = make_export(database, recipient, tmp_path / "e.age")
        return clinic_report(export_reader.read_export(pyrage.decrypt(path.read_bytes(),
                                                                      [x25519.Identity.from_str(secret)])))

    assert "phone or watch" not in report().summary
    today = dt.date(2026, 3, 15)  # the tests' today
    days = [ActivityDay(today - dt.timedelta(days=back), 3000 if back >= 14 else 6000 + 2 * back, None, "Fitbit")
            for back in range(30)]  # 16 early days of 3,000; the last 14 of 6,000-6,026
    ActivityService(database, FixedClock(today)).save(ActivityImport("Fitbit", tuple(days)))
    shown = report()
    encourage = dict((s.key, s.items) for s in shown.care)["encourage"]
    assert any("30 days, 2026-02-14 to 2026-03-15" in item and "phone or watch" in item for item in encourage)
    assert any("about 6,013 a day over the last 14 days (14 days counted)" in item for item in encourage)
    assert any("first 14 counted days: about 3,000 a day" in item for item in encourage)
    assert "about 6,013 a day" in shown.summary
