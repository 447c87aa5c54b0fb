""""I'd like to talk to a physio": the store keeps one open request with an optional short,
plain reason, announces each change, lets the patient withdraw it, and the next export
carries it in ``call_requests`` (schema 2), read back by both ways of reading."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from exchange_helpers import demo_profile, new_device_key, signed_plaintext

from desktop.domain.call_request import MAX_REASON, CallRequest, ReasonNotAccepted, open_request
from desktop.domain.clock import FixedClock
from desktop.exchange import export_reader, payload, signing
from desktop.store.call_requests import CallRequestService
from desktop.store.changes import CallRequestChanged

PARTICIPANT = "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10"
KEY = new_device_key()
TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def database(tmp_path):
    database = demo_profile(tmp_path / "data", days=10)
    yield database
    database.close()


def _exported(database) -> dict:
    with database.reading() as connection:
        return payload.read_data(connection, PARTICIPANT)


def test_a_request_is_recorded_announced_and_withdrawn(database):
    heard = []
    database.changes.subscribe(heard.append)
    service = CallRequestService(database, FixedClock(TODAY))
    assert service.current() is None
    saved = service.request("  Walking makes my leg ache  ")
    assert (saved.requested_on, saved.reason, saved.withdrawn) == (TODAY, "Walking makes my leg ache", False)
    assert service.current().uuid == saved.uuid
    assert heard == [CallRequestChanged()]
    assert service.withdraw() is True
    assert service.current() is None
    assert service.withdraw() is False  # nothing open: nothing to do
    assert [r.withdrawn for r in service.all()] == [True]


def test_asking_again_while_open_changes_the_reason_not_the_day(database):
    service = CallRequestService(database, FixedClock(TODAY))
    first = service.request("")
    later = CallRequestService(database, FixedClock(TODAY + dt.timedelta(days=2))).request("About my goal")
    assert later.uuid == first.uuid and later.requested_on == TODAY and later.reason == "About my goal"
    assert len(service.all()) == 1


@pytest.mark.parametrize("reason, key", [("x" * (MAX_REASON + 1), "call_request_reason_too_long"),
                                         ("bad\x00text", "call_request_reason_bad_character")])
def test_a_reason_that_cannot_be_kept_saves_nothing_and_says_why(database, reason, key):
    service = CallRequestService(database, FixedClock(TODAY))
    with pytest.raises(ReasonNotAccepted) as raised:
        service.request(reason)
    assert raised.value.key == key
    assert service.all() == []
    from desktop.content.loader import text

    assert text(key)  # the patient is shown a sentence from resources/


def test_the_reason_never_goes_into_usage_events(database):
    CallRequestService(database, FixedClock(TODAY)).request("MARKER-private-words")
    events = _exported(database)["events"]
    assert [e["detail"] for e in events if e["kind"] == "call_requested"] == [{"with_reason": True}]
    assert "MARKER" not in repr(events)


@pytest.mark.parametrize("read", [export_reader.read_export, export_reader.read_records])
def test_the_next_export_carries_the_request_and_its_withdrawal(database, read):
    service = CallRequestService(database, FixedClock(TODAY))
    service.request("Pain after the longer walks")
    service.withdraw()
    service.request("")
    data = _exported(database)
    export = read(signed_plaintext(signing.canonical_json(data), KEY, PARTICIPANT))
    rows = export.data["call_requests"] if isinstance(export.data, dict) else export.data.call_requests

    def field(row, name):
        return row[name] if isinstance(row, dict) else getattr(row, name)

    assert [(field(r, "requested_on"), field(r, "reason"), field(r, "withdrawn")) for r in rows] == [
        ("2026-03-15", "Pain after the longer walks", True), ("2026-03-15", "", False)]


def test_an_export_with_a_reason_too_long_or_a_request_after_its_day_is_refused(database):
    CallRequestService(database, FixedClock(TODAY)).request("fine")
    data = _exported(database)
    too_long = copy.deepcopy(data)
    too_long["call_requests"][0]["reason"] = "x" * (MAX_REASON + 1)
    later = copy.deepcopy(data)
    later["call_requests"][0]["requested_on"] = "2026-03-20"
    for changed, reason in ((too_long, "does not match the export schema"), (later, "after the day it was made")):
        plaintext = signed_plaintext(signing.canonical_json(changed), KEY, PARTICIPANT)
        for read in (export_reader.read_export, export_reader.read_records):
            with pytest.raises(export_reader.ExportRejected, match=reason):
                read(plaintext)


def test_the_open_request_is_the_newest_not_withdrawn():
    day = dt.date(2026, 3, 1)
    requests = [CallRequest("a", day, "", True, "2026-03-01T10:00:00.000000Z"),
                CallRequest("b", day + dt.timedelta(days=3), "again", False, "2026-03-04T10:00:00.000000Z")]
    assert open_request(requests).uuid == "b"
    assert open_request(requests[:1]) is None


def test_an_open_request_leads_the_clinics_appointment_summary_not_the_patients():
    from test_clinic_summary import _export

    from desktop.exchange.appointment_summary import appointment_summary
    from desktop.exchange.clinic_data import clinic_report

    export = _export()
    export.data["call_requests"] = [{"uuid": "r", "requested_on": "2026-03-12", "reason": "About my goal",
                                     "withdrawn": False, "updated_at": "2026-03-12T10:00:00.000000Z"}]
    report = clinic_report(export)
    clinic = appointment_summary(report, TODAY)
    assert clinic.sections[0].heading == "Asked to talk to a physio"
    assert "12 March 2026" in clinic.sections[0].lines[0] and "About my goal" in clinic.sections[0].lines[1]
    patient = appointment_summary(report, TODAY, for_patient=True)
    assert "About my goal" not in patient.plain_text()
    export.data["call_requests"][0]["withdrawn"] = True
    assert appointment_summary(clinic_report(export), TODAY).sections[0].heading != "Asked to talk to a physio"
