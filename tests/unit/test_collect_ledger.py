"""The collector's ledger and spool files: collecting in parts equals collecting at once, a
collector killed mid-way loses nothing once re-run, dead space is reclaimed, Parquet copies
hold the same values as the CSV tables, and a folder from another collector version is refused."""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from exchange_helpers import clinic_key, demo_profile, make_export

from desktop.exchange import collect as collecting
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
            for outcome in collector.collect_files([Path(p) for p in {[str(f) for f in files]!r}]):
                print(outcome.status, flush=True)
                if collector.ledger.execute("SELECT count(*) FROM seen_export").fetchone()[0] >= 3:
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
    with sqlite3.connect(out / collecting.LEDGER) as ledger:
        assert ledger.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = ledger.execute("SELECT count(*) FROM seen_export").fetchone()[0]
    assert 2 <= kept < len(files)  # committed batches survived; the rest was never committed
    again = collecting.collect(files, out, secret, parquet=False)
    assert again["rejected"] == 0 and again["accepted"] + again["duplicate"] == len(files)
    assert _tables(out) == _tables(clean)


def _collected_one_file_at_a_time(exports, out: Path) -> tuple[dict[str, str], Path]:
    """(the tables, the spool folder) after collecting each file in a run of its own: every
    merge leaves replaced lines behind in the spool files."""
    for file in exports["files"]:
        collecting.collect([file], out, exports["secret"], parquet=False)
    return _tables(out), out / collecting.SPOOLS


def test_replaced_lines_are_reclaimed_and_the_tables_stay_the_same(exports, tmp_path, monkeypatch):
    files, secret = exports["files"], exports["secret"]
    out = tmp_path / "out"
    before, spool = _collected_one_file_at_a_time(exports, out)
    ledger = sqlite3.connect(out / collecting.LEDGER)
    live = sum(ledger.execute(f"SELECT coalesce(sum(length), 0) FROM {t}").fetchone()[0] for t in collecting._PIECES)
    ledger.close()
    assert sum(p.stat().st_size for p in spool.iterdir()) > live  # merges left dead space
    with collecting.Collector(out, secret) as collector:
        monkeypatch.setattr(collecting, "COMPACT_SLACK_BYTES", 0)
        monkeypatch.setattr(collecting, "COMPACT_RATIO", 1)
        collector.write_tables()
    assert sum(p.stat().st_size for p in spool.iterdir()) == live
    assert len(list(spool.iterdir())) == 1
    assert _tables(out) == before
    collecting.collect(files, out, secret, parquet=False)
    assert _tables(out) == before


def test_parquet_copies_hold_the_same_values_with_types(exports, tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    collecting.collect(exports["files"], out, exports["secret"], parquet=True)
    for table in rt.ALL_TABLES:
        parquet = pq.read_table(out / f"{table.name}.parquet")
        rows = list(csv.DictReader((out / f"{table.name}.csv").open(encoding="utf-8", newline="")))
        assert parquet.num_rows == len(rows) and parquet.column_names == table.names
    diary = pq.read_table(out / "diary.parquet").to_pylist()
    assert {type(d["pain"]) for d in diary} == {int} and {type(d["flare_up"]) for d in diary} == {bool}
    assert sum(d["note"] == "=changed, later" for d in diary) == 3  # the exact text, no spreadsheet guard
    csv_diary = list(csv.DictReader((out / "diary.csv").open(encoding="utf-8", newline="")))
    assert [(d["uuid"], str(d["date"]), d["pain"]) for d in diary] == [
        (r["uuid"], r["date"], int(r["pain"])) for r in csv_diary]
    assert str(diary[0]["updated_at"].tzinfo) == "UTC"


def test_a_layout_3_ledger_gains_the_keys_table_in_place_and_collecting_carries_on(tmp_path, exports):
    files, secret = exports["files"], exports["secret"]
    out = tmp_path / "out"
    collecting.collect(files[:2], out, secret, parquet=False)
    with sqlite3.connect(out / collecting.LEDGER) as ledger:  # as the previous collector left it
        ledger.execute("DROP TABLE fragment_key")
        ledger.execute("PRAGMA user_version = 3")
    collecting.collect(files, out, secret, parquet=False)
    collecting.collect(files, tmp_path / "once", secret, parquet=False)
    assert _tables(out) == _tables(tmp_path / "once")
    with sqlite3.connect(out / collecting.LEDGER) as ledger:
        assert ledger.execute("PRAGMA user_version").fetchone()[0] == collecting.LEDGER_LAYOUT


def test_an_output_folder_from_another_collector_version_is_refused(tmp_path, exports):
    out = tmp_path / "old"
    out.mkdir()
    with sqlite3.connect(out / collecting.LEDGER) as ledger:
        ledger.execute("CREATE TABLE diary (participant_id TEXT, uuid TEXT)")
    with pytest.raises(collecting.LedgerError, match="new, empty folder"):
        collecting.collect(exports["files"][:1], out, exports["secret"])
    newer = tmp_path / "newer"
    collecting.collect(exports["files"][:1], newer, exports["secret"], parquet=False)
    with sqlite3.connect(newer / collecting.LEDGER) as ledger:  # a later collector's folder
        ledger.execute(f"PRAGMA user_version = {collecting.LEDGER_LAYOUT + 1}")
    with pytest.raises(collecting.LedgerError, match="different version"):
        collecting.collect(exports["files"][:1], newer, exports["secret"])
    (out / "junk").mkdir()
    (out / "junk" / collecting.LEDGER).write_bytes(b"not a database at all" * 100)
    with pytest.raises(collecting.LedgerError, match="damaged or not a collection ledger"):
        collecting.collect(exports["files"][:1], out / "junk", exports["secret"])


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


def test_spool_files_are_removed_only_once_the_ledger_no_longer_needs_them_even_after_a_power_cut(
        exports, tmp_path, monkeypatch):
    """Compaction deletes the old spool files. The ledger runs in WAL mode with
    synchronous=NORMAL, where a commit reaches the disk only at a checkpoint: a power cut
    then loses the WAL. So at the moment the old files go, the ledger file by itself (no WAL)
    must already point at the new one."""
    import shutil

    from desktop.exchange.spool import Spools

    out = tmp_path / "out"
    for file in exports["files"]:
        collecting.collect([file], out, exports["secret"], parquet=False)
    checked = []
    real_remove = Spools.remove

    def remove_after_power_cut_check(self, names):
        cut = tmp_path / "after-power-cut"
        cut.mkdir(exist_ok=True)
        shutil.copy(out / collecting.LEDGER, cut / collecting.LEDGER)  # the ledger file without its WAL
        with sqlite3.connect(cut / collecting.LEDGER) as ledger:
            needed = {r[0] for r in ledger.execute("SELECT DISTINCT spool FROM fragment")}
        checked.append(needed)
        assert needed and not needed & set(names), "the ledger on disk still points into files being removed"
        return real_remove(self, names)

    monkeypatch.setattr(Spools, "remove", remove_after_power_cut_check)
    monkeypatch.setattr(collecting, "COMPACT_SLACK_BYTES", 0)
    monkeypatch.setattr(collecting, "COMPACT_RATIO", 1)
    with collecting.Collector(out, exports["secret"]) as collector:
        collector.write_tables()
    assert checked


def test_parquet_keeps_notes_with_line_breaks_in_tables_larger_than_one_read_block(tmp_path):
    """Notes typed over several lines are common; pyarrow reads a large CSV block in parallel
    pieces cut at line breaks unless told that values may hold them."""
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from desktop.exchange import parquet_tables, table_rows

    note = "walked to the shop,\nthen \"rested\"\n\n" + "felt fine " * 30
    line = ("6f1c2f7e-3a57-4f7b-9d52-0f3e7b3c9a10,{uuid},2026-03-01,3,2,10,0,,,," + table_rows.text_cell(note)
            + ",2026-03-15T09:30:00.000000Z\n")
    lines = "".join(line.format(uuid=f"00000000-0000-4000-8000-{i:012d}") for i in range(8000)).encode()
    assert len(lines) > 2 * 1024 * 1024
    assert parquet_tables.write(rt.DIARY, [lines], tmp_path / "diary.parquet") == 8000
    notes = pq.read_table(tmp_path / "diary.parquet").column("note").to_pylist()
    assert notes == [note] * 8000


def test_the_spool_folder_itself_is_synced_before_the_ledger_commits(exports, tmp_path, monkeypatch):
    """fsync of a new file does not put its name in its folder on disk (man 2 fsync): after a
    power cut the ledger could point into a spool file that is not there. So the folder is
    synced too, before the commit that points into it."""
    from desktop.exchange.spool import Spools

    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(descriptor):
        synced.append(os.readlink(f"/proc/self/fd/{descriptor}"))
        return real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    commits: list[list[str]] = []
    real_sync = Spools.sync

    def sync_then_note(self):
        real_sync(self)
        commits.append(list(synced))

    monkeypatch.setattr(Spools, "sync", sync_then_note)
    out = tmp_path / "out"
    collecting.collect(exports["files"][:2], out, exports["secret"], parquet=False)
    spool_folder = str((out / collecting.SPOOLS).resolve())
    assert commits and all(spool_folder in done for done in commits)


def test_without_pread_pwrite_fadvise_or_poll_the_tables_are_the_same(exports, tmp_path, monkeypatch):
    """Windows has none of them: the spool is read with seek and read, the tables are written
    with seek and write by one thread, and the children's answers are waited for with
    multiprocessing's wait()."""
    import select

    files, secret = exports["files"], exports["secret"]
    collecting.collect(files, tmp_path / "posix", secret, parquet=False)
    for call in ("pread", "preadv", "pwrite"):
        monkeypatch.delattr(os, call)
    monkeypatch.delattr(os, "posix_fadvise")
    monkeypatch.delattr(select, "poll")
    collecting.collect(files, tmp_path / "plain", secret, parquet=False)
    assert _tables(tmp_path / "plain") == _tables(tmp_path / "posix")


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


def test_a_child_that_died_while_idle_is_replaced_and_the_others_carry_on(exports, tmp_path):
    from desktop.exchange.collect_workers import WorkerPool

    files, secret = exports["files"], exports["secret"]
    (tmp_path / "spool").mkdir()
    pool = WorkerPool(secret, tmp_path / "spool", workers=2)
    try:
        assert [status for _, status, _ in pool.check(files)] == ["ok"] * len(files)
        idle = pool.workers[1]
        assert idle is not None  # both children had files
        idle.process.kill()
        idle.process.join()
        assert [status for _, status, _ in pool.check(files[:1])] == ["ok"]  # checked by the first child
        assert pool.workers[1] is None  # the dead one was noticed and let go
        assert [status for _, status, _ in pool.check(files)] == ["ok"] * len(files)  # and replaced when needed
    finally:
        pool.close()


def test_seen_participants_are_shared_with_forked_children():
    import multiprocessing

    from desktop.exchange.collect_workers import SeenParticipants

    seen = SeenParticipants()
    seen.add("before the fork")
    assert "before the fork" in seen and "never added" not in seen
    context = multiprocessing.get_context("fork")
    child = context.Process(target=seen.add, args=("added by a child",))
    child.start()
    child.join()
    assert "added by a child" in seen


def test_later_exports_bring_the_keys_that_spare_reading_the_stored_lines(tmp_path, monkeypatch):
    """A participant met in an earlier run: the children write the keys of the next export's
    rows, and the ledger keeps them, so merging the export after that reads no lines at all."""
    from sqlalchemy import text

    from desktop.exchange import table_rows
    from desktop.store import backup
    from desktop.store.export_state import ExportState

    secret, recipient, _ = clinic_key(tmp_path)
    database = demo_profile(tmp_path / "data", days=12, seed=4)
    files = []
    for number in (1, 2, 3):
        with database.writing() as session:
            session.execute(text(f"UPDATE diary_day SET pain = {number}, updated_at = '209{number}-01-01 00:00:00'"
                                 " WHERE id = (SELECT min(id) FROM diary_day)"))
        files.append(make_export(database, recipient, tmp_path / f"e{number}.age"))
        if number == 1:
            after_first = database.backup_now()
    # A fourth export after going back to the copy made after the first: that day is older in it
    # than in the ledger, so the diary is merged row by row (and its stored keys dropped).
    identity = ExportState(database).remembered()
    database.release_connections()
    backup.restore_backup(after_first, database.path)
    ExportState(database).carry_over(identity)
    files.append(make_export(database, recipient, tmp_path / "e4.age"))
    database.close()
    collecting.collect(files, tmp_path / "once", secret, parquet=False)
    parsed = []  # every time stored or new lines are read for their rows or their keys
    real_parse, real_keys = table_rows.parse, table_rows.keys_of_lines
    monkeypatch.setattr(table_rows, "parse", lambda text: parsed.append(text) or real_parse(text))
    monkeypatch.setattr(table_rows, "keys_of_lines", lambda text: parsed.append(text) or real_keys(text))
    out = tmp_path / "runs"
    for number, file in enumerate(files):
        parsed.clear()
        collecting.collect([file], out, secret, parquet=False)
        with sqlite3.connect(out / collecting.LEDGER) as ledger:
            keys = {row[0] for row in ledger.execute("SELECT table_name FROM fragment_key")}
        merged_by_rows = {t.name for t in rt.ROW_TABLES} - keys if number else set()
        # The second run reads only the stored lines; the third none; the fourth both texts of the
        # tables merged row by row: the diary (that day), the events (the later exports' own).
        assert len(parsed) == (0, len(rt.ROW_TABLES), 0, 2 * len(merged_by_rows))[number]
        assert merged_by_rows == ({"diary", "events"} if number == 3 else set())
    assert _tables(out) == _tables(tmp_path / "once")
    diary = list(csv.DictReader((out / "diary.csv").open()))
    changed = [day for day in diary if day["updated_at"].startswith("209")]
    assert [(day["pain"], day["updated_at"][:4]) for day in changed] == [("3", "2093")]  # its newest change kept


def test_a_first_export_that_came_with_keys_keeps_them_for_the_next_merge(exports, tmp_path, monkeypatch):
    """A child may write keys for a participant's first export (the filter can answer yes for
    an id it never met): they go into the ledger with the batch, and the next export merges
    without reading any lines."""
    from exchange_helpers import decrypt_document

    from desktop.exchange import table_rows

    first, second = exports["files"][0], exports["files"][1]
    participant = decrypt_document(first, exports["secret"])["manifest"]["participant_id"]
    out = tmp_path / "out"
    with collecting.Collector(out, exports["secret"]) as collector:
        collector.pool.seen.add(participant)  # as a false yes would
        assert [o.status for o in collector.collect_files([first])] == ["accepted"]
    with sqlite3.connect(out / collecting.LEDGER) as ledger:
        assert ledger.execute("SELECT count(*) FROM fragment_key").fetchone()[0] == len(rt.ROW_TABLES)
    parsed = []
    real_parse, real_keys = table_rows.parse, table_rows.keys_of_lines
    monkeypatch.setattr(table_rows, "parse", lambda text: parsed.append(text) or real_parse(text))
    monkeypatch.setattr(table_rows, "keys_of_lines", lambda text: parsed.append(text) or real_keys(text))
    collecting.collect([second], out, exports["secret"], parquet=False)
    assert parsed == []
    collecting.collect([first, second], tmp_path / "once", exports["secret"], parquet=False)
    assert _tables(out) == _tables(tmp_path / "once")


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


def test_tables_copied_in_many_small_parts_are_the_same(exports, tmp_path, monkeypatch):
    """The row tables are copied in parts by several threads, each into its own place, straight to
    the disk where the file system allows: parts of two blocks (pieces split between them),
    without direct writes, and with direct writes refused midway, give the very same files."""
    from desktop.exchange import spool

    files, secret = exports["files"], exports["secret"]
    collecting.collect(files, tmp_path / "usual", secret, parquet=False)
    usual = _tables(tmp_path / "usual")
    monkeypatch.setattr(spool, "PART_BYTES", 2 * spool.BLOCK_BYTES)
    monkeypatch.setattr(spool, "WRITE_BYTES", spool.BLOCK_BYTES)
    assert sum(len(text) for text in usual.values()) > 4 * spool.PART_BYTES  # (several parts)
    collecting.collect(files, tmp_path / "small", secret, parquet=False)
    assert _tables(tmp_path / "small") == usual

    real = spool._write_direct
    calls = []

    def refused_after_a_few(descriptor, data, position):
        calls.append(position)
        return real(descriptor, data, position) if len(calls) < 5 else 0
    monkeypatch.setattr(spool, "_write_direct", refused_after_a_few)
    collecting.collect(files, tmp_path / "refused", secret, parquet=False)
    assert _tables(tmp_path / "refused") == usual and len(calls) >= 5

    monkeypatch.delattr(os, "O_DIRECT", raising=False)
    collecting.collect(files, tmp_path / "cached", secret, parquet=False)
    assert _tables(tmp_path / "cached") == usual


def test_a_spool_file_cut_short_stops_the_tables_and_leaves_the_last_ones(exports, tmp_path):
    from desktop.exchange.spool import SpoolError

    files, secret = exports["files"], exports["secret"]
    out = tmp_path / "out"
    collecting.collect(files, out, secret, parquet=False)
    before = _tables(out)
    spool_file = max((out / collecting.SPOOLS).glob("*.lines"), key=lambda p: p.stat().st_size)
    os.truncate(spool_file, spool_file.stat().st_size // 2)
    with collecting.Collector(out, secret) as collector, pytest.raises(SpoolError, match="shorter than the ledger"):
        collector.write_tables()
    assert _tables(out) == before
    assert not list(out.glob(".*.tmp"))


def test_a_compaction_that_fails_leaves_the_ledger_on_the_old_spool_files(exports, tmp_path, monkeypatch):
    from desktop.exchange.spool import Spools

    files, secret = exports["files"], exports["secret"]
    out = tmp_path / "out"
    before, spool = _collected_one_file_at_a_time(exports, out)
    names = sorted(p.name for p in spool.iterdir())
    real_write_files = Spools.write_files

    def disk_full_in_the_spool_folder(self, made, threads):
        if any(target.parent == spool for target, _, _ in made):
            raise OSError(28, "No space left on device")
        return real_write_files(self, made, threads)

    monkeypatch.setattr(Spools, "write_files", disk_full_in_the_spool_folder)
    monkeypatch.setattr(collecting, "COMPACT_SLACK_BYTES", 0)
    monkeypatch.setattr(collecting, "COMPACT_RATIO", 1)
    with collecting.Collector(out, secret) as collector, pytest.raises(OSError, match="No space"):
        collector.write_tables()
    assert sorted(p.name for p in spool.iterdir()) == names
    monkeypatch.undo()
    collecting.collect(files, out, secret, parquet=False)
    assert _tables(out) == before
