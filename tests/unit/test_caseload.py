"""The clinic workflow on a folder of 30 real exports (issue 21): rejected files listed with
their reason and never as data, the newest export per patient, the order of need, a call note
that drops the patient down the list, and the follow-up date that brings them back."""

from __future__ import annotations

import datetime as dt

import pytest
from caseload_helpers import (
    TODAY,
    altered_after_signing,
    new_patient,
    patient_data,
    sources,
    tamper,
    truncate,
    write_export,
)
from exchange_helpers import clinic_key

from desktop.domain.caseload_order import CALL_REQUEST, FLAGS, FOLLOW_UP, NO_DIARY, REST, SAFETY
from desktop.exchange.age_files import BoundedDecryptor
from desktop.exchange.caseload import CaseloadReader, check_export
from desktop.store.clinic_notes import CallNote, set_up_notes

PASSPHRASE = "kettle by the north window"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    """30 files: 24 patients (one asked for a call, one answered an emergency red flag, three
    stopped their diary, one has an older export beside its newest and a copy of it), 4
    damaged or foreign files."""
    folder = tmp_path_factory.mktemp("caseload")
    secret, recipient, identity = clinic_key(folder)
    made = sources(folder / "sources", recipient, secret)
    inbox = folder / "inbox"
    inbox.mkdir()
    patients = [new_patient(f"P{n:02d}", n) for n in range(24)]
    asked, paused, twice = patients[3], patients[7], patients[9]
    for n, p in enumerate(patients):
        data = patient_data(made.plain, p, call_requests=made.call_requests if p is asked else None,
                            emergency=made.emergency if p is paused else None,
                            diary_until=TODAY - dt.timedelta(days=10 + n) if n in (12, 15, 18) else None,
                            indicators=None if n in (5, 10) else [])  # two with several barrier indicators
        write_export(inbox, recipient, data, p, sequence=5 if p is twice else 1)
    older = write_export(inbox, recipient, patient_data(made.plain, twice), twice, sequence=4)
    (inbox / "copy-of-newest.age").write_bytes((inbox / older.name.replace("000004", "000005")).read_bytes())
    assert (inbox / older.name.replace("000004", "000005")).exists()
    (folder / "other").mkdir()
    _other_secret, other_recipient, _ = clinic_key(folder / "other")  # another clinic's key
    extra = [new_patient(f"X{n}", 100 + n) for n in range(4)]
    bad = {
        "tampered": tamper(write_export(inbox, recipient, patient_data(made.plain, extra[0]), extra[0])),
        "truncated": truncate(write_export(inbox, recipient, patient_data(made.plain, extra[1]), extra[1])),
        "foreign": write_export(inbox, other_recipient, patient_data(made.plain, extra[2]), extra[2]),
        "altered": altered_after_signing(write_export(inbox, recipient, patient_data(made.plain, extra[3]),
                                                      extra[3]), secret, recipient),
    }
    (inbox / "notes.txt").write_text("not an export")  # not *.age: not read at all
    (inbox / "sub").mkdir()
    write_export(inbox / "sub", recipient, patient_data(made.plain, new_patient("SUB", 200)), new_patient("SUB", 200))
    assert len(list(inbox.glob("*.age"))) == 30
    return {"folder": inbox, "secret": secret, "bad": bad, "asked": asked, "paused": paused, "twice": twice,
            "quiet": [patients[n] for n in (12, 15, 18)], "barriers": [patients[n] for n in (5, 10)], "root": folder}


def read(inbox, today=TODAY):
    with BoundedDecryptor(inbox["secret"]) as identity:
        return CaseloadReader(inbox["folder"], identity).read(today)


def test_rejected_files_are_listed_with_their_reason_and_never_as_data(inbox):
    caseload = read(inbox)
    reasons = {r.path.name: r.reason for r in caseload.rejected}
    bad = inbox["bad"]
    assert set(reasons) == {p.name for p in bad.values()}
    assert "damaged or altered" in reasons[bad["tampered"].name] or "cut short" in reasons[bad["tampered"].name]
    assert "cut short" in reasons[bad["truncated"].name]
    assert "wrong key" in reasons[bad["foreign"].name]
    assert "altered after it was made" in reasons[bad["altered"].name]
    codes = {row.who for row in caseload.patients}
    assert not codes & {"X0", "X1", "X2", "X3", "SUB"}  # nor from a subfolder
    assert len(caseload.patients) == 24


def test_the_newest_export_per_patient_wins(inbox):
    caseload = read(inbox)
    rows = [r for r in caseload.patients if r.participant_id == inbox["twice"].participant_id]
    assert [r.sequence for r in rows] == [5]
    assert caseload.set_aside == 2  # the older export and the copy of the newest


def test_the_caseload_order_a_call_note_and_the_follow_up_date(inbox, tmp_path):
    caseload = read(inbox)
    ordered = caseload.ordered({}, TODAY)
    whos = [row.who for row, _needs in ordered]
    assert whos[:2] == [inbox["paused"].code, inbox["asked"].code]
    assert ordered[0][1][0] == SAFETY and ordered[0][0].safety_level == "emergency"
    assert ordered[1][1][0] == CALL_REQUEST and ordered[1][0].call_request.reason == "My back is worse since Tuesday"
    quiet = {p.code for p in inbox["quiet"]}
    barriers = {p.code for p in inbox["barriers"]}
    assert set(whos[2:7]) == quiet | barriers  # support flags (low engagement, several barrier indicators)
    assert all(needs[0] == FLAGS for _row, needs in ordered[2:7])
    assert all(NO_DIARY in needs for row, needs in ordered[2:7] if row.who in quiet)
    assert all(needs == (REST,) for _row, needs in ordered[7:]) and len(ordered[7:]) == 17
    tiers = [needs[0] for _row, needs in ordered]
    assert tiers == sorted(tiers, key=[SAFETY, CALL_REQUEST, FOLLOW_UP, FLAGS, NO_DIARY, REST].index)

    notes = set_up_notes(tmp_path / "clinic", PASSPHRASE)
    asked = inbox["asked"].participant_id
    notes.add(CallNote(asked, TODAY, 15, address="Talked through the flare-up plan", next_step="Keep walking",
                       follow_up=TODAY + dt.timedelta(days=14)))
    after = [row.who for row, _ in caseload.ordered(notes.follow_ups(), TODAY)]
    assert after.index(inbox["asked"].code) >= 6  # dropped down, below everyone with a need

    later = TODAY + dt.timedelta(days=14)  # the clock moves on to the follow-up date
    back = caseload.ordered(notes.follow_ups(), later)
    assert back[0][0].who == inbox["paused"].code
    assert back[1][0].who == inbox["asked"].code and back[1][1][0] == FOLLOW_UP


def test_check_export_is_one_function_per_file(inbox):
    bad = inbox["bad"]
    with BoundedDecryptor(inbox["secret"]) as identity:
        assert "wrong key" in check_export(bad["foreign"], identity, TODAY)
        good = next(p for p in inbox["folder"].glob("supportback-*.age") if p not in bad.values())
        export = check_export(good, identity, TODAY)
        assert not isinstance(export, str) and isinstance(export.data, dict)
        assert isinstance(check_export(good, identity, TODAY - dt.timedelta(days=30)), str)  # made "after" today


def test_check_export_reads_the_same_data_as_clinic_open(inbox):
    from desktop.exchange.export_reader import read_export

    good = sorted(inbox["folder"].glob("supportback-*.age"))[0]
    with BoundedDecryptor(inbox["secret"]) as identity:
        checked = check_export(good, identity, TODAY)
        opened = read_export(identity.decrypt(good), TODAY)
    assert checked == opened  # the fast way, turned back into plain values, is what `clinic open` reads
