"""Research collection: what is accepted, what is refused and why, and that refused or
repeated files change nothing in the tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from exchange_helpers import (
    clinic_key,
    decrypt_document,
    demo_profile,
    encrypt_document,
    make_export,
    new_device_key,
    resign,
)

from desktop.exchange import collect as collecting
from desktop.exchange import export_reader


@pytest.fixture
def setup(tmp_path, data_root):
    secret, recipient, identity = clinic_key(tmp_path)
    database = demo_profile(data_root, days=60)
    exports = tmp_path / "in"
    exports.mkdir()
    first = make_export(database, recipient, exports / "a1.age")
    second = make_export(database, recipient, exports / "a2.age")
    yield {"secret": secret, "recipient": recipient, "db": database, "first": first, "second": second,
           "out": tmp_path / "out", "tmp": tmp_path}
    database.close()


def _tables(out: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(out.glob("*.csv"))}


def _rows(out: Path, name: str) -> list[dict]:
    with (out / f"{name}.csv").open(newline="") as fh:
        return list(csv.DictReader(fh))


def _status(report: dict) -> list[tuple[str, str]]:
    return [(Path(f["file"]).name, f["status"]) for f in report["files"]]


def test_collect_merges_and_a_second_run_changes_nothing(setup):
    out = setup["out"]
    report = collecting.collect([setup["first"].parent], out, setup["secret"])
    assert _status(report) == [("a1.age", "accepted"), ("a2.age", "accepted")]
    assert json.loads((out / "collect-report.json").read_text())["accepted"] == 2
    participants = _rows(out, "participants")
    assert len(participants) == 1 and participants[0]["last_sequence"] == "2"
    assert participants[0]["exports_collected"] == "2"
    diary = _rows(out, "diary")
    with setup["db"].reading() as conn:
        assert len(diary) == conn.execute("SELECT count(*) FROM diary_day").fetchone()[0] > 40
    assert {r["participant_id"] for r in diary} == {participants[0]["participant_id"]}
    for name in ("goals", "sessions", "questionnaires", "events"):
        assert _rows(out, name), name
    dictionary = _rows(out, "data-dictionary")
    assert {"table": "diary", "column": "pain"} == {k: dictionary[[d["column"] for d in dictionary].index("pain")][k]
                                                      for k in ("table", "column")}
    before = _tables(out)
    again = collecting.collect([setup["first"], setup["second"]], out, setup["secret"])
    assert _status(again) == [("a1.age", "duplicate"), ("a2.age", "duplicate")]
    assert again["rejected"] == 0
    assert _tables(out) == before


def test_a_file_given_twice_in_one_run_is_a_duplicate_the_second_time(setup):
    """First exports wait to be written with the rest of their batch: a repeat within the same
    batch must still be recognised, before and after the participant's newer export."""
    out, first, second = setup["out"], setup["first"], setup["second"]
    report = collecting.collect([first, first, second, second, first], out, setup["secret"], parquet=False)
    assert [s for _, s in _status(report)] == ["accepted", "duplicate", "accepted", "duplicate", "duplicate"]
    assert [f["reason"] for f in report["files"]][1] == collecting.ALREADY_COLLECTED
    collecting.collect([first, second], setup["tmp"] / "plain", setup["secret"], parquet=False)
    assert _tables(out) == _tables(setup["tmp"] / "plain")
    assert _rows(out, "participants")[0]["exports_collected"] == "2"


def test_older_export_after_a_newer_one_changes_nothing(setup):
    out = setup["out"]
    collecting.collect([setup["second"]], out, setup["secret"])
    before = _tables(out)
    report = collecting.collect([setup["first"]], out, setup["secret"])
    assert report["files"][0]["status"] == "duplicate"
    assert "older than export #2" in report["files"][0]["reason"]
    assert _tables(out) == before


def test_newest_updated_at_wins(setup):
    from desktop.store.diary_service import DiaryService  # noqa: F401 - the app's own write path below

    out = setup["out"]
    collecting.collect([setup["first"]], out, setup["secret"])
    with setup["db"].reading() as conn:
        day = conn.execute("SELECT day FROM diary_day ORDER BY day DESC LIMIT 1").fetchone()[0]
    import sqlite3

    conn = sqlite3.connect(setup["db"].path)
    conn.execute("UPDATE diary_day SET pain = 9, updated_at = '2030-01-01 00:00:00.000000' WHERE day = ?", (day,))
    conn.commit()
    conn.close()
    third = make_export(setup["db"], setup["recipient"], setup["tmp"] / "a3.age")
    collecting.collect([third], out, setup["secret"])
    changed = [r for r in _rows(out, "diary") if r["date"] == day]
    assert [r["pain"] for r in changed] == ["9"]


def _bad_files(setup) -> dict[str, tuple[Path, str]]:
    tmp, secret, recipient = setup["tmp"], setup["secret"], setup["recipient"]
    good = setup["second"].read_bytes()
    document = decrypt_document(setup["second"], secret)
    files: dict[str, tuple[Path, str]] = {}

    def put(name: str, data: bytes, reason: str) -> None:
        path = tmp / name
        path.write_bytes(data)
        files[name] = (path, reason)

    _, other_recipient, _ = clinic_key(tmp / "..")
    files["wrong-key.age"] = (encrypt_document(document, other_recipient, tmp / "wrong-key.age"), "wrong key")
    put("truncated.age", good[: len(good) // 2], "cut short")
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01
    put("flipped.age", bytes(flipped), "damaged")
    altered = json.loads(json.dumps(document))
    altered["data"]["diary"][0]["pain"] = (altered["data"]["diary"][0]["pain"] + 1) % 11
    files["altered.age"] = (encrypt_document(altered, recipient, tmp / "altered.age"), "altered after it was made")
    forged_manifest = json.loads(json.dumps(document))
    forged_manifest["manifest"]["sequence"] = 99
    files["manifest.age"] = (encrypt_document(forged_manifest, recipient, tmp / "manifest.age"), "signature")
    other_key = resign(document, new_device_key(), sequence=7)
    files["other-device.age"] = (encrypt_document(other_key, recipient, tmp / "other-device.age"), "pinned")
    future = json.loads(json.dumps(document))
    future["schema"] = "supportback-export/3"
    files["future.age"] = (encrypt_document(future, recipient, tmp / "future.age"), "unknown schema version")
    deep = b"[" * 100_000 + b"]" * 100_000
    files["deep.age"] = (encrypt_document(None, recipient, tmp / "deep.age", raw=deep), "nested too deeply")
    wide = json.loads(json.dumps(document))
    wide["data"]["events"] = [{"uuid": "x" * 36}] * 210_000  # more than the schema's 200,000
    files["wide.age"] = (encrypt_document(wide, recipient, tmp / "wide.age"), "does not match the export schema")
    files["garbage.age"] = (encrypt_document(None, recipient, tmp / "garbage.age", raw=b"\xff\xfe not json"),
                            "not UTF-8 text")
    files["not-json.age"] = (encrypt_document(None, recipient, tmp / "not-json.age", raw=b"not json"),
                             "not a JSON export")
    put("diary.csv", b"date,pain\n2026-03-01,4\n", "not an age encrypted file")
    return files


def test_every_bad_file_gets_a_clear_reason_and_adds_nothing(setup):
    out = setup["out"]
    collecting.collect([setup["first"]], out, setup["secret"])
    before = _tables(out)
    files = _bad_files(setup)
    report = collecting.collect([path for path, _ in files.values()], out, setup["secret"])
    assert report["rejected"] == len(files) and report["accepted"] == 0
    for item in report["files"]:
        name = Path(item["file"]).name
        expected = files[name][1]
        assert item["status"] == "rejected"
        assert expected in item["reason"], (name, item["reason"])
    assert _tables(out) == before
    written = (out / collecting.REPORT).read_text(encoding="utf-8")
    assert json.loads(written) == report and written.count("\n") == len(files) + 7  # one line per file


def test_huge_plaintext_is_refused(setup, monkeypatch):
    monkeypatch.setattr(export_reader, "MAX_PLAINTEXT_BYTES", 1000)
    report = collecting.collect([setup["first"]], setup["out"], setup["secret"])
    assert report["files"][0]["status"] == "rejected"
    assert "larger than" in report["files"][0]["reason"]
    assert _rows(setup["out"], "diary") == []


def test_a_file_that_takes_too_long_is_stopped_and_the_rest_are_still_collected(setup):
    import os

    from desktop.exchange import age_files

    slow = setup["tmp"] / "slow.age"
    slow.write_bytes(age_files.encrypt(os.urandom(40 * 1024 * 1024), [setup["recipient"]]))
    with collecting.Collector(setup["out"], setup["secret"], seconds=0.05) as collector:
        outcomes = list(collector.collect_files([slow]))
        collector.seconds = 20
        outcomes += list(collector.collect_files([setup["first"], setup["second"]]))
    assert [(Path(o.file).name, o.status) for o in outcomes] == [
        ("slow.age", "rejected"), ("a1.age", "accepted"), ("a2.age", "accepted")]
    assert "longer than 0.05 seconds" in outcomes[0].reason


def test_an_enrolment_list_pins_keys_and_refuses_participants_not_on_it(setup):
    document = json.loads(json.dumps(decrypt_document(setup["first"], setup["secret"])))
    participant, key_id = document["manifest"]["participant_id"], document["manifest"]["device_key_id"]
    enrolment = setup["tmp"] / "enrolled.csv"
    enrolment.write_text(f"participant_id,device_key_id\n{participant},{key_id}\n")
    listed = collecting.read_enrolment(enrolment)
    report = collecting.collect([setup["first"]], setup["out"], setup["secret"], enrolment=listed)
    assert report["accepted"] == 1
    other = {participant: "0" * 64}
    report = collecting.collect([setup["second"]], setup["tmp"] / "out2", setup["secret"], enrolment=other)
    assert report["rejected"] == 1 and "the enrolment list gives key 000000000000" in report["files"][0]["reason"]
    report = collecting.collect([setup["second"]], setup["tmp"] / "out3", setup["secret"], enrolment={})
    assert "not on the enrolment list" in report["files"][0]["reason"]
    assert _rows(setup["tmp"] / "out3", "diary") == []


@pytest.mark.parametrize("content, problem", [
    ("id,key\n", "first line must be exactly"),
    ("participant_id,device_key_id\np1,abc\n", "line 2"),
    (f"participant_id,device_key_id\np1,{'a' * 64}\np1,{'b' * 64}\n", "two keys"),
])
def test_a_broken_enrolment_list_is_named_with_its_line(tmp_path, content, problem):
    path = tmp_path / "e.csv"
    path.write_text(content)
    with pytest.raises(collecting.EnrolmentError, match=problem):
        collecting.read_enrolment(path)


def test_stopping_part_way_leaves_no_stale_results_for_the_next_files(setup):
    with collecting.Collector(setup["out"], setup["secret"]) as collector:
        files = [setup["first"], setup["second"], setup["first"], setup["second"]]
        first = next(collector.collect_files(files))  # the others were already queued in the children
        assert (Path(first.file).name, first.status) == ("a1.age", "accepted")
        not_age = setup["tmp"] / "notes.age"
        not_age.write_text("just some notes")
        later = list(collector.collect_files([not_age]))
    assert [(Path(o.file).name, o.status) for o in later] == [("notes.age", "rejected")]
    assert "not an age encrypted file" in later[0].reason


def test_a_file_that_needs_too_much_memory_is_refused_and_the_rest_are_still_collected(setup, monkeypatch):
    """Each checking process has a memory cap: a file that needs more fails on its own (refused,
    or its process dies and is replaced), and every other file gets its own result."""
    import os

    from desktop.exchange import age_files, collect_check

    monkeypatch.setattr(collect_check, "MEMORY_BYTES", 128 * 1024 * 1024)  # (pool processes start with it)
    big = setup["tmp"] / "big.age"
    big.write_bytes(age_files.encrypt(os.urandom(63 * 1024 * 1024), [setup["recipient"]]))
    report = collecting.collect([setup["first"], big, setup["second"]], setup["out"], setup["secret"], parquet=False)
    assert _status(report) == [("a1.age", "accepted"), ("big.age", "rejected"), ("a2.age", "accepted")], report
    assert report["files"][1]["reason"] in ("it needs more memory than an export may use",
                                            "checking it stopped unexpectedly (it may need too much memory)")


def test_a_second_collect_into_the_same_folder_refuses_clearly(setup):
    from desktop.exchange import folder_lock

    with folder_lock.locked(setup["out"]), pytest.raises(folder_lock.FolderBusy, match="Another collect"):
        collecting.collect([setup["first"]], setup["out"], setup["secret"])


def test_point5_a_sequence_written_as_3_0_is_refused_and_adds_nothing(setup):
    """JSON Schema lets an integer be written 3.0; a reader that keeps it a float (or text)
    would see another value. Such an export, even signed by its own device, is refused."""
    collecting.collect([setup["first"]], setup["out"], setup["secret"])
    before = _tables(setup["out"])
    document = decrypt_document(setup["first"], setup["secret"])
    float_sequence = resign(document, new_device_key(), sequence=3.0)
    assert json.dumps(float_sequence["manifest"]["sequence"]) == "3.0"
    path = encrypt_document(float_sequence, setup["recipient"], setup["tmp"] / "float.age")
    report = collecting.collect([path], setup["out"], setup["secret"])
    assert _status(report) == [("float.age", "rejected")]
    assert "manifest/sequence (type check failed)" in report["files"][0]["reason"]
    assert _tables(setup["out"]) == before


@pytest.mark.parametrize("section, field, value", [
    ("diary", "date", "2026-02-30"),
    ("events", "occurred_at", "2026-03-15T24:00:00.000000Z"),
    ("questionnaires", "updated_at", "0000-01-01T10:00:00.000000Z"),
])
def test_a_date_that_is_not_on_the_calendar_is_refused_with_a_reason(setup, section, field, value):
    """The schema only fixes the shape of dates and times; a signed export holding 2026-02-30
    must be refused like any bad file, not stop the whole collection when Parquet reads it."""
    document = decrypt_document(setup["first"], setup["secret"])
    document["data"][section][0][field] = value
    bad = encrypt_document(resign(document, new_device_key(), sequence=5), setup["recipient"], setup["tmp"] / "cal.age")
    report = collecting.collect([bad, setup["second"]], setup["out"], setup["secret"])
    assert _status(report) == [("cal.age", "rejected"), ("a2.age", "accepted")]
    assert "not on the calendar" in report["files"][0]["reason"]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_point4_a_fifo_in_a_folder_and_a_device_are_reported_as_rejected_not_waited_for(setup):
    import os
    import time

    folder = setup["first"].parent
    os.mkfifo(folder / "b-pipe.age")  # found by the folder search, never opened for a blocking read
    (folder / "c-zero.age").symlink_to("/dev/zero")
    (folder / "d-folder.age").mkdir()  # a folder named *.age is neither searched as a file nor listed
    many = setup["tmp"] / "many.age"
    many.write_bytes(setup["first"].read_bytes().replace(b"\n--- ", b"\n" + b"-> x\n\n" * 4000 + b"--- ", 1))
    started = time.perf_counter()
    report = collecting.collect([folder, many], setup["out"], setup["secret"])
    assert time.perf_counter() - started < 15
    assert [(name, status) for name, status in _status(report)] == [
        ("a1.age", "accepted"), ("a2.age", "accepted"), ("b-pipe.age", "rejected"), ("c-zero.age", "rejected"),
        ("many.age", "rejected")]
    reasons = [f["reason"] for f in report["files"]]
    assert "named pipe" in reasons[2] and "device" in reasons[3] and "4002 recipient stanzas" in reasons[4]


def test_the_patient_bundle_leaves_out_the_research_extra():
    spec = (Path(__file__).parents[2] / "build_spec" / "supportback.spec").read_text(encoding="utf-8")
    excluded = spec[spec.index("EXCLUDED_MODULES = ["):]
    excluded = excluded[:excluded.index("]")]
    assert all(f'"{name}"' in excluded for name in ("duckdb", "pebble", "pyarrow"))


def test_one_export_holding_a_day_twice_or_a_row_id_twice_gives_one_row_each_the_newest(setup):
    """Rows an export repeats (a day under two row ids, a row id twice) are merged even in a
    first collect, where the collector otherwise inserts an export's rows as they are."""
    import datetime as dt

    from desktop.exchange import payload

    document = decrypt_document(setup["second"], setup["secret"])
    data = document["data"]
    day, event = data["diary"][0], data["events"][0]
    later = payload.timestamp(dt.datetime.fromisoformat(max(day["updated_at"], event["updated_at"]).rstrip("Z"))
                              + dt.timedelta(seconds=1))
    newer = dict(day, uuid="0f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10", pain=(day["pain"] + 1) % 11, updated_at=later)
    data["diary"].append(newer)
    data["events"].append(dict(event, updated_at=later))
    twice = encrypt_document(resign(document, new_device_key()), setup["recipient"], setup["tmp"] / "twice.age")
    report = collecting.collect([twice], setup["out"], setup["secret"])
    assert report["accepted"] == 1, report["files"]
    diary = _rows(setup["out"], "diary")
    assert [(r["uuid"], r["pain"]) for r in diary if r["date"] == day["date"]] == [(newer["uuid"], str(newer["pain"]))]
    assert len(diary) == len(data["diary"]) - 1
    events = [r for r in _rows(setup["out"], "events") if r["uuid"] == event["uuid"]]
    assert [r["updated_at"] for r in events] == [later]
