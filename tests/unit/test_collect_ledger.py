"""The collection database (OUT/collect.duckdb): collecting in parts equals collecting at once, a
collector killed mid-way loses nothing once re-run, Parquet copies hold the same values as the
CSV tables, the database itself can be queried, and a folder from another collector version
(or the engine before DuckDB) is refused."""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from exchange_helpers import clinic_key, demo_profile, make_export

from desktop.exchange import collect as collecting
from desktop.exchange import collect_db
from desktop.exchange import research_tables as rt


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """Three participants with two exports each (the second a day later, with one more day)."""
    root = tmp_path_factory.mktemp("ledger")
    secret, recipient, _ = clinic_key(root)
    folder = root / "in"
    folder.mkdir()
    for seed in (1, 2, 3):
        database = demo_profile(root / f"data{seed}", days=30, seed=seed)
        make_export(database, recipient, folder / f"p{seed}-1.age")
        with database.writing() as session:  # a note changed on the device before the second export
            from sqlalchemy import text

            session.execute(text("UPDATE diary_day SET note = '=changed, later', updated_at = '2099-01-01 00:00:00'"
                                 " WHERE id = (SELECT min(id) FROM diary_day)"))
        make_export(database, recipient, folder / f"p{seed}-2.age")
        database.close()
    return {"secret": secret, "files": sorted(folder.iterdir()), "root": root}


def _tables(out: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(out.glob("*.csv"))}


def test_collecting_in_parts_gives_the_same_tables_as_collecting_at_once(exports, tmp_path):
    files, secret = exports["files"], exports["secret"]
    once = collecting.collect(files, tmp_path / "once", secret, parquet=False)
    assert once["accepted"] == 6
    for file in files:  # one run per file, the newest exports first for some participants
        collecting.collect([file], tmp_path / "parts", secret, parquet=False)
    reversed_order = tmp_path / "reversed"
    collecting.collect(list(reversed(files)), reversed_order, secret, parquet=False)
    collecting.collect(files, reversed_order, secret, parquet=False)
    assert _tables(tmp_path / "parts") == _tables(tmp_path / "once")
    participants = {r["participant_id"]: r for r in csv.DictReader((tmp_path / "once" / "participants.csv").open())}
    assert len(participants) == 3 and {r["exports_collected"] for r in participants.values()} == {"2"}
    diary = (tmp_path / "once" / "diary.csv").read_text()
    assert diary.count("\"'=changed, later\"") == 3  # the newer note, guarded against spreadsheet formulas
    # Newest exports first: the older ones are refused as older, so those tables hold the newest data.
    assert (reversed_order / "diary.csv").read_text() == diary


def test_a_collector_killed_mid_way_loses_nothing_once_run_again(exports, tmp_path):
    import duckdb

    files, secret = exports["files"], exports["secret"]
    clean = tmp_path / "clean"
    collecting.collect(files, clean, secret, parquet=False)
    out = tmp_path / "killed"
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from desktop.exchange import collect
        collect.BATCH_FILES = 2
        with collect.Collector(Path({str(out)!r}), {secret!r}) as collector:
            committed = collector.db.cursor()  # (its own connection: it sees committed batches only)
            for outcome in collector.collect_files([Path(p) for p in {[str(f) for f in files]!r}]):
                print(outcome.status, flush=True)
                if committed.execute("SELECT count(*) FROM exports").fetchone()[0] >= 2:
                    print("committed", flush=True)
                    sys.stdin.readline()  # wait here to be killed
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    for line in child.stdout:
        if line.strip() == "committed":
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    with duckdb.connect(str(out / collect_db.DATABASE)) as db:
        kept = db.execute("SELECT count(*) FROM exports").fetchone()[0]
    assert 2 <= kept < len(files)  # committed batches survived; the rest was never committed
    again = collecting.collect(files, out, secret, parquet=False)
    assert again["rejected"] == 0 and again["accepted"] + again["duplicate"] == len(files)
    assert _tables(out) == _tables(clean)


def test_parquet_copies_hold_the_same_values_with_types(exports, tmp_path):
    import duckdb

    out = tmp_path / "out"
    collecting.collect(exports["files"], out, exports["secret"])
    collecting.collect(exports["files"], tmp_path / "csv-only", exports["secret"], parquet=False)
    assert _tables(out) == _tables(tmp_path / "csv-only")  # (with Parquet, the CSV files are written from it)
    db = duckdb.connect()
    for table in rt.ALL_TABLES:
        parquet = db.execute(f"SELECT * FROM read_parquet('{out / table.name}.parquet') LIMIT 0")
        names = [d[0] for d in parquet.description]
        count = db.execute(f"SELECT count(*) FROM read_parquet('{out / table.name}.parquet')").fetchone()[0]
        rows = list(csv.DictReader((out / f"{table.name}.csv").open(encoding="utf-8", newline="")))
        assert count == len(rows) and names == table.names
    # (times are UTC timestamps; fetched as text here, as Python needs pytz to hold them with their zone)
    times = db.execute("SELECT DISTINCT typeof(updated_at), min(updated_at)::VARCHAR"
                       f" FROM read_parquet('{out}/diary.parquet')"
                       " GROUP BY ALL").fetchall()
    assert times[0][0] == "TIMESTAMP WITH TIME ZONE" and times[0][1].endswith("+00") and len(times) == 1
    diary = db.execute(f"SELECT * REPLACE (updated_at::VARCHAR AS updated_at) FROM read_parquet('{out}/diary.parquet')")
    names = [d[0] for d in diary.description]
    diary = [dict(zip(names, row)) for row in diary.fetchall()]
    assert {type(d["pain"]) for d in diary} == {int} and {type(d["flare_up"]) for d in diary} == {bool}
    assert sum(d["note"] == "=changed, later" for d in diary) == 3  # the exact text, no spreadsheet guard
    csv_diary = list(csv.DictReader((out / "diary.csv").open(encoding="utf-8", newline="")))
    assert [(d["uuid"], str(d["date"]), d["pain"]) for d in diary] == [
        (r["uuid"], r["date"], int(r["pain"])) for r in csv_diary]


def test_the_collection_database_is_the_tables_researchers_query(exports, tmp_path):
    """OUT/collect.duckdb holds the same rows as the files, plus the ledger of files and exports."""
    import duckdb

    out = tmp_path / "out"
    report = collecting.collect(exports["files"], out, exports["secret"], parquet=False)
    with duckdb.connect(str(out / collect_db.DATABASE), read_only=True) as db:
        for table in rt.ALL_TABLES:
            rows = list(csv.DictReader((out / f"{table.name}.csv").open(encoding="utf-8", newline="")))
            assert db.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0] == len(rows), table.name
        outcomes = db.execute("SELECT file, status, reason FROM files ORDER BY run, position").fetchall()
        assert outcomes == [(f["file"], f["status"], f["reason"]) for f in report["files"]]
        assert db.execute("SELECT count(DISTINCT participant_id), max(sequence) FROM exports").fetchone() == (3, 2)


def test_an_output_folder_from_another_collector_version_is_refused(tmp_path, exports):
    import duckdb

    old = tmp_path / "old"
    old.mkdir()
    (old / "collect-ledger.sqlite").write_bytes(b"")  # what the collector before DuckDB left
    with pytest.raises(collecting.LedgerError, match="earlier version of the collector.*new, empty folder"):
        collecting.collect(exports["files"][:1], old, exports["secret"])
    assert sorted(p.name for p in old.iterdir()) == ["collect-ledger.sqlite", "collect.lock"]
    newer = tmp_path / "newer"
    collecting.collect(exports["files"][:1], newer, exports["secret"], parquet=False)
    with duckdb.connect(str(newer / collect_db.DATABASE)) as db:  # a later collector's folder
        db.execute("UPDATE layout SET layout = layout + 1")
    with pytest.raises(collecting.LedgerError, match="different version"):
        collecting.collect(exports["files"][:1], newer, exports["secret"])
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / collect_db.DATABASE).write_bytes(b"not a database at all" * 100)
    with pytest.raises(collecting.LedgerError, match="damaged or not a collection database"):
        collecting.collect(exports["files"][:1], junk, exports["secret"])


def test_a_day_deleted_on_the_device_leaves_the_tables_and_an_undone_one_comes_back(tmp_path):
    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import FixedClock
    from desktop.store.diary_service import DiaryService

    secret, recipient, _ = clinic_key(tmp_path)
    database = demo_profile(tmp_path / "data", days=20, seed=5)
    diary = DiaryService(database, exercise_catalogue(), FixedClock(dt.date(2026, 3, 15)))
    days = [e.day for e in diary.between()]
    first = make_export(database, recipient, tmp_path / "e1.age")
    diary.delete(days[0])
    undone = diary.delete(days[1])
    diary.restore(undone)
    second = make_export(database, recipient, tmp_path / "e2.age")
    later = diary.delete(days[2])  # exported as deleted, then undone on the device
    third_gone = make_export(database, recipient, tmp_path / "e3.age")
    diary.restore(later)
    fourth = make_export(database, recipient, tmp_path / "e4.age")
    database.close()

    out = tmp_path / "out"
    collecting.collect([first], out, secret, parquet=False)
    collected = [r["date"] for r in csv.DictReader((out / "diary.csv").open())]
    assert days[0].isoformat() in collected
    collecting.collect([second], out, secret, parquet=False)
    collected = [r["date"] for r in csv.DictReader((out / "diary.csv").open())]
    assert days[0].isoformat() not in collected and days[1].isoformat() in collected
    assert len(collected) == len(days) - 1
    deletions = list(csv.DictReader((out / "deletions.csv").open()))
    assert [d["section"] for d in deletions] == ["diary"]
    both = tmp_path / "both"
    collecting.collect([first, second], both, secret, parquet=False)
    assert _tables(both) == _tables(out)

    collecting.collect([third_gone], out, secret, parquet=False)
    assert days[2].isoformat() not in [r["date"] for r in csv.DictReader((out / "diary.csv").open())]
    assert len(list(csv.DictReader((out / "deletions.csv").open()))) == 2
    collecting.collect([fourth], out, secret, parquet=False)  # the undo: the day is back, its deletion gone
    assert days[2].isoformat() in [r["date"] for r in csv.DictReader((out / "diary.csv").open())]
    assert len(list(csv.DictReader((out / "deletions.csv").open()))) == 1
    everything = tmp_path / "everything"
    collecting.collect([first, second, third_gone, fourth], everything, secret, parquet=False)
    assert _tables(everything) == _tables(out)


def test_exports_after_an_older_backup_is_put_back_still_reach_the_tables(tmp_path):
    """Going back to an earlier copy of the diary must not make new exports look older, nor
    give the patient a new identity or key the collector would refuse."""
    from desktop.store import backup
    from desktop.store.export_state import ExportState

    secret, recipient, _ = clinic_key(tmp_path)
    database = demo_profile(tmp_path / "data", days=20, seed=6)
    before_any_export = database.backup_now()
    first = make_export(database, recipient, tmp_path / "e1.age")
    second = make_export(database, recipient, tmp_path / "e2.age")
    after_second = database.backup_now()
    identity = ExportState(database).remembered()
    database.release_connections()
    backup.restore_backup(before_any_export, database.path)  # as Settings > go back to a copy does
    ExportState(database).carry_over(identity)
    third = make_export(database, recipient, tmp_path / "e3.age")

    database.release_connections()
    backup.restore_backup(after_second, database.path)  # a plain file restore (a damaged diary): no carry-over
    fourth = make_export(database, recipient, tmp_path / "e4.age")
    database.close()
    report = collecting.collect([first, second, third, fourth], tmp_path / "out", secret, parquet=False)
    assert [f["status"] for f in report["files"]] == ["accepted"] * 4, report
    participants = list(csv.DictReader((tmp_path / "out" / "participants.csv").open()))
    assert len(participants) == 1 and participants[0]["last_sequence"] == "4"


def test_folders_are_searched_for_age_files_as_rglob_finds_them_in_path_order(tmp_path):
    """input_files reads folder entries' own types instead of a stat per file: it must find what
    Path.rglob("*.age") finds that is a file (symbolic links to files yes, into folders no), or a
    named pipe (reported as rejected when it is checked: it must not be left out silently)."""
    root = tmp_path / "in"
    for name in ("b.age", "a.age", "notes.txt", ".hidden.age", "sub/z.age", "sub/deeper/y.age", "sub-x/a.age",
                 "odd.age/inside.age", "sub/deeper/readme.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.age").write_bytes(b"x")
    (root / "linked-folder").symlink_to(outside, target_is_directory=True)
    (root / "linked.age").symlink_to(outside / "far.age")
    (root / "broken.age").symlink_to(tmp_path / "missing.age")
    os.mkfifo(root / "sub" / "pipe.age")
    expected = sorted((p for p in root.rglob("*.age") if p.is_file() or p.is_fifo()), key=lambda p: p.parts)
    assert list(collecting.input_files([root])) == expected
    assert [p.relative_to(root).as_posix() for p in expected] == [
        ".hidden.age", "a.age", "b.age", "linked.age", "odd.age/inside.age", "sub/deeper/y.age", "sub/pipe.age",
        "sub/z.age", "sub-x/a.age"]


def test_a_section_of_export_schema_2_reaches_its_table_and_schema_1_leaves_it_empty(exports, tmp_path):
    """The tables come from research_tables alone: rows of a section the export has (the
    activity ratings of schema 2, walking minutes not answered) are merged like any other; an
    export without the section (schema 1) leaves its table empty."""
    import json

    out = tmp_path / "out"
    collecting.collect(exports["files"][:1], out, exports["secret"], parquet=False)
    assert list(csv.DictReader((out / "activity_ratings.csv").open())) == []
    assert list(csv.DictReader((out / "activity.csv").open())) == []
    participant = next(csv.DictReader((out / "participants.csv").open()))["participant_id"]
    rating = {"uuid": "6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10", "date": "2026-03-10", "activity": "=walk",
              "expected_pain": 6, "pain_before": None, "pain_after": None, "updated_at": "2026-03-10T10:00:00.000000Z"}
    day = {"uuid": "7f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10", "date": "2020-01-01", "pain": 3, "limitation": 2,
           "walking_minutes": None, "flare_up": False, "sleep": None, "mood": None, "exercises": ["a", "b"],
           "note": "", "updated_at": "2026-03-11T10:00:00.000000Z"}
    measured = {"uuid": "9f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10", "date": "2026-03-10", "steps": 8123,
                "walking_minutes": None, "source": "Apple Watch", "updated_at": "2026-03-11T10:00:00.000000Z"}
    batch = collecting.Batch()
    batch.stored = True
    batch.participants[participant] = [participant, "", "k" * 64, 2, 9, "2026-03-12T10:00:00.000000Z", "2",
                                       None, "", "", False, "", "{}"]
    sections = {"diary": [day], "activity_ratings": [rating, dict(rating, pain_after=2,
                                                                  updated_at="2026-03-10T11:00:00.000000Z")],
                "call_requests": [{"uuid": "8f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10", "requested_on": "2026-03-12",
                                   "reason": "goal too hard", "withdrawn": False,
                                   "updated_at": "2026-03-12T10:00:00.000000Z"}],
                "measured_activity": [
                    dict(measured, steps=4000, updated_at="2026-03-10T22:00:00.000000Z"), measured,
                    dict(measured, uuid="af1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10", date="2026-03-09",
                         steps=None, walking_minutes=0, source="=Fitbit")]}
    columns = {section: {field: [row[field] for row in rows] for field in rows[0]}
               for section, rows in sections.items()}
    batch.rows.append(json.dumps({"participant_id": participant, "_export": 9, "deletions": [], **columns}
                                 ).encode() + b"\n")  # (each section as columns, as collect_check writes it)
    with collecting.Collector(out, exports["secret"]) as collector:
        collect_db.merge_batch(collector.db, batch, out)
        collector.write_tables(parquet=False)
    ratings = list(csv.DictReader((out / "activity_ratings.csv").open()))
    assert [(r["activity"], r["pain_before"], r["pain_after"]) for r in ratings] == [("'=walk", "", "2")]  # the newer
    calls = list(csv.DictReader((out / "call_requests.csv").open()))
    assert [(c["requested_on"], c["reason"], c["withdrawn"]) for c in calls] == [("2026-03-12", "goal too hard", "0")]
    activity = list(csv.DictReader((out / "activity.csv").open()))
    assert [(a["date"], a["steps"], a["walking_minutes"], a["source"]) for a in activity] == [
        ("2026-03-09", "", "0", "'=Fitbit"), ("2026-03-10", "8123", "", "Apple Watch")]  # by date; the newer
    days = {r["date"]: r for r in csv.DictReader((out / "diary.csv").open())}
    assert days["2020-01-01"]["walking_minutes"] == "" and days["2020-01-01"]["exercises"] == "a;b"
    assert len(days) > 20  # the participant's earlier days are kept


def test_a_collection_open_in_another_program_is_named_and_left_unchanged(exports, tmp_path):
    out = tmp_path / "out"
    collecting.collect(exports["files"][:1], out, exports["secret"], parquet=False)
    before = _tables(out)
    script = textwrap.dedent(f"""
        import duckdb, sys
        db = duckdb.connect({str(out / collect_db.DATABASE)!r})  # a researcher's session, writing
        print("open", flush=True)
        sys.stdin.readline()
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        with pytest.raises(collecting.LedgerError, match="open in another program"):
            collecting.collect(exports["files"], out, exports["secret"], parquet=False)
    finally:
        holder.kill()
        holder.wait()
    assert _tables(out) == before
