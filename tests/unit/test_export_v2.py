"""Export schema 2: walking may be unanswered (null) and ratings travel in ``activity_ratings``;
readers take schema 1 (no ratings, walking always answered) and schema 2 alike."""

from __future__ import annotations

import copy
import datetime as dt
import json

import jsonschema
import pytest
from exchange_helpers import demo_profile, new_device_key, signed_plaintext

from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.domain.expectations import ActivityRating
from desktop.exchange import export_reader, payload, signing
from desktop.store.diary_service import DiaryService
from desktop.store.rating_service import RatingService

PARTICIPANT = "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10"
KEY = new_device_key()
TODAY = dt.date(2026, 3, 15)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    from desktop.content.loader import exercise_catalogue

    database = demo_profile(tmp_path_factory.mktemp("v2") / "data", days=30)
    diary = DiaryService(database, exercise_catalogue(), FixedClock(TODAY))
    diary.save(DiaryEntry(day=TODAY, pain=4, walking_minutes=None, limitation=3))
    ratings = RatingService(database, FixedClock(TODAY))
    ratings.save(ActivityRating(TODAY, "walking", expected_pain=7, pain_before=5, pain_after=4))
    ratings.save(ActivityRating(TODAY - dt.timedelta(days=1), "exercises", pain_before=3))
    ratings.save(ActivityRating(TODAY - dt.timedelta(days=2), "walking", expected_pain=6))
    ratings.save(ActivityRating(TODAY - dt.timedelta(days=2), "walking"))  # every number taken out: deleted
    with database.reading() as connection:
        result = payload.read_data(connection, PARTICIPANT)
    database.close()
    return result


def _v1(data: dict) -> dict:
    """The same profile as a version 1 app would have written it."""
    old = copy.deepcopy(data)
    del old["activity_ratings"]
    del old["call_requests"]
    del old["measured_activity"]
    old["diary"] = [day for day in old["diary"] if day["walking_minutes"] is not None]
    old["deletions"] = [d for d in old["deletions"] if d["section"] not in ("activity_ratings", "call_requests",
                                                                         "measured_activity")]
    return old


def _schema(version: str) -> dict:
    return json.loads(export_reader.schema_path(version).read_text())


def test_the_app_writes_version_2_and_it_validates_against_the_new_schema(data):
    document = payload.build_document(data, _ticket(), TODAY)
    assert document["schema"] == document["manifest"]["schema"] == "supportback-export/2"
    jsonschema.Draft202012Validator(_schema("supportback-export/2")).validate(document)
    assert data["diary"][-1]["walking_minutes"] is None
    assert [(r["date"], r["activity"], r["expected_pain"], r["pain_before"], r["pain_after"])
            for r in data["activity_ratings"]] == [("2026-03-14", "exercises", None, 3, None),
                                                   ("2026-03-15", "walking", 7, 5, 4)]
    assert [d["section"] for d in data["deletions"]].count("activity_ratings") == 1
    with pytest.raises(jsonschema.ValidationError):  # version 1 has no room for either change
        jsonschema.Draft202012Validator(_schema("supportback-export/1")).validate(
            {**document, "schema": "supportback-export/1"})


def _ticket():
    from desktop.store.export_state import ExportTicket

    return ExportTicket(PARTICIPANT, KEY, 1)


@pytest.mark.parametrize("read", [export_reader.read_export, export_reader.read_records])
def test_readers_take_version_2_with_its_ratings_and_unanswered_walking(data, read):
    export = read(signed_plaintext(signing.canonical_json(data), KEY, PARTICIPANT))
    ratings = export.data["activity_ratings"] if isinstance(export.data, dict) else export.data.activity_ratings
    diary = export.data["diary"] if isinstance(export.data, dict) else export.data.diary
    assert len(ratings) == 2
    last = diary[-1]
    assert (last["walking_minutes"] if isinstance(last, dict) else last.walking_minutes) is None


def test_version_2_is_read_the_fast_way(data):
    plaintext = signed_plaintext(signing.canonical_json(data), KEY, PARTICIPANT)
    assert export_reader._read_fast(export_reader.fast_decoder(), plaintext) is not None


@pytest.mark.parametrize("read", [export_reader.read_export, export_reader.read_records])
def test_readers_still_take_version_1(data, read):
    old = _v1(data)
    plaintext = signed_plaintext(signing.canonical_json(old), KEY, PARTICIPANT, schema="supportback-export/1")
    export = read(plaintext)
    assert export.participant_id == PARTICIPANT
    if isinstance(export.data, dict):
        assert export.data == json.loads(json.dumps(old))
    assert export_reader._read_fast(export_reader.fast_decoder("supportback-export/1"), plaintext) is not None


def test_version_1_may_not_carry_version_2_content(data):
    for changed in (data, {**_v1(data), "activity_ratings": []}):
        plaintext = signed_plaintext(signing.canonical_json(changed), KEY, PARTICIPANT, schema="supportback-export/1")
        for read in (export_reader.read_export, export_reader.read_records):
            with pytest.raises(export_reader.ExportRejected, match="does not match the export schema"):
                read(plaintext)


def test_an_unknown_version_names_the_versions_read(data):
    plaintext = signed_plaintext(signing.canonical_json(data), KEY, PARTICIPANT, schema="supportback-export/3")
    with pytest.raises(export_reader.ExportRejected, match="reads supportback-export/1 and supportback-export/2"):
        export_reader.read_export(plaintext)


def test_a_rating_dated_after_the_export_is_refused(data):
    changed = copy.deepcopy(data)
    changed["activity_ratings"][0]["date"] = "2026-03-20"
    with pytest.raises(export_reader.ExportRejected, match="after the day it was made"):
        export_reader.read_export(signed_plaintext(signing.canonical_json(changed), KEY, PARTICIPANT))
