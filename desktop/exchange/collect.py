"""Collect many encrypted exports into research tables.

Each file is checked (size, header, decryption, JSON, schema, signature: in time-limited
child processes, see collect_workers.py), its device key pinned per participant and its
sequence compared with the ledger, and then merged in one
SQLite transaction into a ledger database in the output folder, so a rejected file adds
nothing and a replayed or older export changes nothing. Only one payload is in memory at a
time. The CSV tables are written from the ledger in a fixed order, so collecting the same
files twice gives identical tables.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import re
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from desktop.exchange import age_files, folder_lock, parquet_tables, table_rows
from desktop.exchange import research_tables as rt
from desktop.exchange.collect_workers import (
    DELETIONS_SEGMENT,
    KEYS_SEGMENT,
    CheckedExport,
    WorkerPool,
    read_deletion_lines,
)
from desktop.exchange.files import NotRegularFile, open_regular, write_table_atomically, write_text_atomically
from desktop.exchange.spool import Spools

LEDGER = "collect-ledger.sqlite"
REPORT = "collect-report.json"
DICTIONARY = "data-dictionary.csv"
ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"
ALREADY_COLLECTED = "already collected (same export); nothing changed"


class EnrolmentError(RuntimeError):
    """The enrolment list cannot be used; the message names the line."""


def read_enrolment(path: Path) -> dict[str, str]:
    """participant_id -> device_key_id from a CSV with exactly that header."""
    key_id = re.compile(r"^[0-9a-f]{64}$")
    try:
        with open(open_regular(path), encoding="utf-8", newline="") as fh:  # (never a FIFO: it would wait)
            rows = list(csv.reader(fh))
    except NotRegularFile as exc:
        raise EnrolmentError(f"{path} cannot be an enrolment list: {exc}.") from None
    except UnicodeDecodeError:
        raise EnrolmentError(f"{path} is not a text CSV file.") from None
    if not rows or [c.strip() for c in rows[0]] != ["participant_id", "device_key_id"]:
        raise EnrolmentError(f"{path}: the first line must be exactly participant_id,device_key_id")
    enrolled: dict[str, str] = {}
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2 or not key_id.match(row[1].strip()) or not row[0].strip():
            raise EnrolmentError(f"{path}, line {number}: expected a participant id and a 64-character device key id")
        participant = row[0].strip()
        if participant in enrolled and enrolled[participant] != row[1].strip():
            raise EnrolmentError(f"{path}, line {number}: participant {participant} is listed with two keys")
        enrolled[participant] = row[1].strip()
    return enrolled


@dataclass(frozen=True)
class Outcome:
    file: str
    status: str
    reason: str


def input_files(inputs: Iterable[Path]) -> Iterator[Path]:
    """Named files as given; folders searched (recursively) for *.age files, in name order."""
    for item in inputs:
        if item.is_dir():
            # (by their names folder by folder, as comparing POSIX paths does, without pathlib's slow __lt__)
            yield from map(Path, sorted(_age_files_under(str(item)), key=lambda p: p.split(os.sep)))
        else:
            yield item


def _age_files_under(folder: str) -> list[str]:
    """What Path(folder).rglob("*.age") finds that is a file, or a named pipe or device (refused and reported),
    from the folder entries' own types: no stat call per file (10,000 took about 0.05 s). Folders reached
    through a symbolic link are not searched, as rglob does not search them; broken links are left out."""
    found, folders = [], [folder]
    case = os.path.normcase  # (file names are compared without case on Windows, as pathlib does)
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and not entry.is_symlink():
                    folders.append(entry.path)
                elif case(entry.name).endswith(".age") and not entry.is_dir() and (
                        entry.is_file() or os.path.exists(entry.path)):
                    found.append(entry.path)
    return found


# A participant's pinned key, last sequence and exports so far (NULLs when new), and whether the
# export was seen before.
_LOOK_UP = ("SELECT p.device_key_id, p.last_sequence, p.exports_collected,"
            " EXISTS (SELECT 1 FROM seen_export WHERE export_id = ?2)"
            " FROM (SELECT 1) LEFT JOIN participants AS p ON p.participant_id = ?1")
_INSERT_PARTICIPANT = f"INTO participants VALUES ({', '.join('?' * len(rt.PARTICIPANTS.names))})"
_COLLECTED = rt.PARTICIPANTS.names.index("exports_collected")  # (filled in by the parent)
LEDGER_LAYOUT = 4  # PRAGMA user_version of the ledger database
# Layout 3 lacks only the fragment_key table: it is added in place. A collector of layout 3 refuses
# a layout-4 folder, so it cannot leave keys behind that no longer match the lines it merged.
UPGRADABLE_LAYOUTS = (3, LEDGER_LAYOUT)
SPOOLS = "collect-spool"
COMPACT_SLACK_BYTES = 1024 * 1024  # dead space always tolerated in the spool files
COMPACT_RATIO = 2  # the spool files are compacted once they are this many times the live pieces (plus the slack)
# Exports merged per ledger transaction (a crash loses at most these; re-run to redo them). Each
# commit first syncs the spool files: fewer, larger syncs made collecting 10,000 exports about a
# fifth faster than batches of 200.
BATCH_FILES = 1000


class LedgerError(RuntimeError):
    """The output folder's ledger cannot be used; the message says what to do."""


def _open_ledger(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        layout = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        connection.close()
        raise LedgerError(f"{path} is damaged or not a collection ledger; collect into a new, empty folder") from None
    if tables and layout not in UPGRADABLE_LAYOUTS:
        connection.close()
        raise LedgerError(f"{path} was made by a different version of the collector; collect into a new, empty "
                          "folder (the exports themselves are unchanged)")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    # Up to 64 MiB of pages: merging reads and writes all over the ledger.
    connection.execute("PRAGMA cache_size=-65536")
    connection.execute("BEGIN IMMEDIATE")  # the layout whole or not at all (a full disk): never a ledger refused later
    connection.execute("CREATE TABLE IF NOT EXISTS seen_export (export_id TEXT PRIMARY KEY, participant_id TEXT,"
                       " sequence INTEGER)")
    columns = ", ".join(f'"{c.name}"' for c in rt.PARTICIPANTS.columns)
    connection.execute(f"CREATE TABLE IF NOT EXISTS participants ({columns}, PRIMARY KEY (participant_id))")
    # Where each participant's finished CSV lines for each table are (spool.py).
    connection.execute("CREATE TABLE IF NOT EXISTS fragment (table_name TEXT NOT NULL, participant_id TEXT NOT NULL,"
                       " spool TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL,"
                       " PRIMARY KEY (table_name, participant_id)) WITHOUT ROWID")
    # Where the keys (table_rows.key_lines) of a fragment's rows are, when a child wrote them.
    connection.execute("CREATE TABLE IF NOT EXISTS fragment_key (table_name TEXT NOT NULL,"
                       " participant_id TEXT NOT NULL, spool TEXT NOT NULL, offset INTEGER NOT NULL,"
                       " length INTEGER NOT NULL,"
                       " PRIMARY KEY (table_name, participant_id)) WITHOUT ROWID")
    connection.execute("CREATE TABLE IF NOT EXISTS deletion (participant_id TEXT NOT NULL, section TEXT NOT NULL,"
                       " uuid TEXT NOT NULL, deleted_at TEXT NOT NULL, PRIMARY KEY (participant_id, section, uuid))")
    connection.execute(f"PRAGMA user_version = {LEDGER_LAYOUT}")
    connection.execute("COMMIT")
    return connection


class Collector:
    """Checks files in child processes and merges accepted exports into the ledger, in input order.

    Merges are committed in batches, each only after the spool files are on disk, so the
    ledger never points at lines that a power cut could lose.
    """

    def __init__(self, out_dir: Path, secret: str, seconds: float = age_files.DECRYPT_SECONDS,
                 workers: int | None = None, enrolment: dict[str, str] | None = None):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.enrolment = enrolment
        self.ledger = _open_ledger(out_dir / LEDGER)
        self.spools = Spools(out_dir / SPOOLS)
        # One checking child per processor (the parent mostly waits), at least two, at most eight.
        count = workers if workers is not None else max(2, min(8, os.cpu_count() or 2))
        self.pool = WorkerPool(secret, self.spools.folder, count, seconds)
        for (participant,) in self.ledger.execute("SELECT participant_id FROM participants"):
            self.pool.seen.add(participant)  # (their next exports come with the keys that make merging quick)
        self._pending = 0
        # Participants' first exports in the open batch, written to the ledger together just
        # before it commits (participant_id -> (export, participants row)), and their export ids.
        self._fresh: dict[str, tuple[CheckedExport, list]] = {}
        self._fresh_ids: set[str] = set()
        self._sync_thread: ThreadPoolExecutor | None = None
        self._syncing: Future | None = None  # the spool files' sync before the open batch commits

    def close(self) -> None:
        try:
            self.pool.close()
            self._commit()
        finally:  # (a batch that could not be committed is rolled back by closing)
            if self._sync_thread is not None:
                self._sync_thread.shutdown()
            self.spools.close()
            self.ledger.close()

    def __enter__(self) -> Collector:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def collect_files(self, paths: Iterable[Path]) -> Iterator[Outcome]:
        """Check the files in the child processes and merge each accepted one, in order.

        While a batch's spool files are being synced (in a thread), results keep coming in and
        wait, so the children never stand idle for the disk; they are merged once it commits.
        """
        waiting: deque[tuple[Path, str, object]] = deque()
        for result in self.pool.check(paths):
            waiting.append(result)
            yield from self._merge_waiting(waiting, block=len(waiting) >= BATCH_FILES)
        yield from self._merge_waiting(waiting, block=True)
        self._commit()

    def _merge_waiting(self, waiting: deque, block: bool) -> Iterator[Outcome]:
        while waiting:
            if self._syncing is not None:
                if not block and not self._syncing.done():
                    return
                self._finish_commit()
            path, status, value = waiting.popleft()
            if status == "ok":
                outcome = Outcome(str(path), *self._merge(value))
            else:
                outcome = Outcome(str(path), REJECTED, str(value))
            if self._pending >= BATCH_FILES:
                if self._sync_thread is None:
                    self._sync_thread = ThreadPoolExecutor(1)
                self._syncing = self._sync_thread.submit(self.spools.sync)
            yield outcome

    def collect_file(self, path: Path) -> Outcome:
        return next(self.collect_files([path]))

    def _finish_commit(self) -> None:
        syncing, self._syncing = self._syncing, None
        syncing.result()
        self._write_fresh()
        self.ledger.execute("COMMIT")
        self._pending = 0

    def _commit(self) -> None:
        if self._syncing is not None:
            self._finish_commit()
        if self.ledger.in_transaction:
            self.spools.sync()
            self._write_fresh()
            self.ledger.execute("COMMIT")
        self._pending = 0

    def _write_fresh(self) -> None:
        """The batch's first exports into the ledger, a statement per table for all of them."""
        if not self._fresh:
            return
        fresh = list(self._fresh.values())
        db = self.ledger
        db.execute("SAVEPOINT fresh")  # all of them, or (on any error) none
        try:
            db.executemany("INSERT INTO seen_export VALUES (?, ?, ?)",
                           [(e.export_id, e.participant_id, e.sequence) for e, _ in fresh])
            db.executemany(f"INSERT {_INSERT_PARTICIPANT}",
                           [row for _, row in fresh])
            db.executemany("INSERT INTO fragment VALUES (?, ?, ?, ?, ?)",
                           [(table.name, e.participant_id, *e.segments[table.name])
                            for e, _ in fresh for table in rt.ROW_TABLES])
            db.executemany("INSERT INTO fragment_key VALUES (?, ?, ?, ?, ?)",
                           [(table.name, e.participant_id, *e.segments[KEYS_SEGMENT + table.name])
                            for e, _ in fresh for table in rt.ROW_TABLES if KEYS_SEGMENT + table.name in e.segments])
            db.executemany("INSERT INTO deletion VALUES (?, ?, ?, ?)",
                           [(e.participant_id, section, uuid, when) for e, _ in fresh
                            for section, gone in self._deletions(e).items() for uuid, when in gone.items()])
        except BaseException:
            db.execute("ROLLBACK TO fresh")
            db.execute("RELEASE fresh")
            raise
        db.execute("RELEASE fresh")
        self._fresh.clear()
        self._fresh_ids.clear()

    def _deletions(self, export: CheckedExport) -> dict[str, dict[str, str]]:
        listed = export.segments[DELETIONS_SEGMENT]
        return read_deletion_lines(self.spools.read(*listed)) if listed[2] else {}

    def _merge(self, export: CheckedExport) -> tuple[str, str]:
        if self.enrolment is not None:
            listed = self.enrolment.get(export.participant_id)
            if listed is None:
                return REJECTED, f"participant {export.participant_id} is not on the enrolment list"
            if listed != export.device_key_id:
                return REJECTED, (f"signed by device key {export.device_key_id[:12]}..., but the enrolment list "
                                  f"gives key {listed[:12]}... for participant {export.participant_id}")
        db = self.ledger
        if not db.in_transaction:
            db.execute("BEGIN IMMEDIATE")
        if export.participant_id in self._fresh:  # (rare) a second export in one batch: merged the usual way
            self._write_fresh()
        *pinned, seen = db.execute(_LOOK_UP, (export.participant_id, export.export_id)).fetchone()
        if pinned[0] is None:
            pinned = None
        seen = seen or export.export_id in self._fresh_ids
        if pinned and pinned[0] != export.device_key_id:
            return REJECTED, (f"signed by device key {export.device_key_id[:12]}..., but participant "
                              f"{export.participant_id} is pinned to key {pinned[0][:12]}...")
        if pinned and export.sequence <= pinned[1]:
            if seen:
                return DUPLICATE, ALREADY_COLLECTED
            return DUPLICATE, (f"older than export #{pinned[1]} already collected for this participant; "
                               "nothing changed")
        if seen:
            return DUPLICATE, ALREADY_COLLECTED
        if pinned is None:  # the participant's first export (the usual case): written with the batch's others
            row = list(export.participant_row)
            row[_COLLECTED] = 1
            self._fresh[export.participant_id] = (export, row)
            self._fresh_ids.add(export.export_id)
            self._pending += 1
            return ACCEPTED, ""
        db.execute("SAVEPOINT one_export")  # all of this export, or (on any error) none of it
        try:
            db.execute("INSERT INTO seen_export VALUES (?, ?, ?)",
                       (export.export_id, export.participant_id, export.sequence))
            row = list(export.participant_row)
            row[_COLLECTED] = pinned[2] + 1
            db.execute(f"INSERT OR REPLACE {_INSERT_PARTICIPANT}", row)
            self._store_lines(export)
        except BaseException:
            db.execute("ROLLBACK TO one_export")
            db.execute("RELEASE one_export")
            raise
        db.execute("RELEASE one_export")
        self._pending += 1
        return ACCEPTED, ""

    def _store_lines(self, export: CheckedExport) -> None:
        """A newer export of a participant already in the ledger, merged with what is stored."""
        db, participant = self.ledger, export.participant_id
        # An export lists every deletion the device holds, so the newest list replaces the last:
        # a deletion undone on the device leaves deletions.csv (its row is back with a newer time).
        deletions = self._deletions(export)
        db.execute("DELETE FROM deletion WHERE participant_id = ?", (participant,))
        db.executemany("INSERT INTO deletion VALUES (?, ?, ?, ?)",
                       ((participant, section, uuid, when) for section, gone in deletions.items()
                        for uuid, when in gone.items()))
        names = [table.name for table in rt.ROW_TABLES]
        where = f"table_name IN ({', '.join('?' * len(names))}) AND participant_id = ?"
        stored, stored_keys = ({name: tuple(place) for name, *place in db.execute(
            f"SELECT table_name, spool, offset, length FROM {pieces} WHERE {where}", (*names, participant))}
            for pieces in _PIECES)
        fragments, keys, stale_keys = [], [], []
        for table in rt.ROW_TABLES:
            found = (table.name, participant)
            new_place, new_keys = export.segments[table.name], export.segments.get(KEYS_SEGMENT + table.name)
            kept, lines = self._merge_table(table, new_place, new_keys, stored.get(table.name),
                                            stored_keys.get(table.name),
                                            deletions.get(table_rows.SECTIONS[table.name][0], {}))
            # Kept as they are, the new lines (and their keys) are where the child wrote them: no copy.
            fragments.append((*found, *(new_place if kept else self.spools.append(lines))))
            if kept and new_keys:
                keys.append((*found, *new_keys))
            elif table.name in stored_keys:
                stale_keys.append(found)
        for pieces, rows in (("fragment", fragments), ("fragment_key", keys)):
            db.executemany(f"INSERT INTO {pieces} VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
                           " spool = excluded.spool, offset = excluded.offset, length = excluded.length", rows)
        db.executemany("DELETE FROM fragment_key WHERE table_name = ? AND participant_id = ?", stale_keys)

    def _merge_table(self, table: rt.Table, new_place: tuple, new_keys: tuple | None, stored: tuple | None,
                     stored_keys: tuple | None, gone: dict[str, str]) -> tuple[bool, str | None]:
        """(True, None) when the export's lines for the table are the merged result as they are;
        (False, the merged lines) otherwise. Each argument is where lines or their keys are in the
        spool: the export's (``new_place``, ``new_keys``) and the participant's stored ones."""

        def text(place: tuple[str, int, int] | None) -> str | None:
            return self.spools.read(*place) if place else None

        if stored_keys and new_keys:  # the lines themselves are read only to merge them row by row
            if table_rows.covers(text(new_keys), text(stored_keys), gone):
                return True, None
            return False, table_rows.merge_row_by_row(table, table_rows.parse(text(stored) or ""),
                                                      table_rows.parse(text(new_place)), gone)
        new = text(new_place)
        lines = table_rows.merge(table, text(stored) or "", new, gone, text(stored_keys), text(new_keys))
        return (True, None) if lines is new else (False, lines)

    def write_tables(self, parquet: bool = False) -> None:
        """Every table as CSV (and Parquet if asked), atomically, plus the data dictionary; then
        tidy the spool files."""
        self._commit()
        db = self.ledger
        self.spools.read_ahead()
        # The small tables first: Python writing them while the copies run would hold up the
        # copying threads, which need the interpreter's lock between pieces.
        quoted = ", ".join(f'"{n}"' for n in rt.PARTICIPANTS.names)
        participants = db.execute(f"SELECT {quoted} FROM participants ORDER BY participant_id")
        write_table_atomically(self.out_dir / "participants.csv", rt.PARTICIPANTS.names,
                               _in_blocks(rt.PARTICIPANTS, participants))
        deleted = db.execute("SELECT participant_id, section, uuid, deleted_at FROM deletion"
                             " ORDER BY participant_id, section, uuid")
        write_table_atomically(self.out_dir / f"{rt.DELETIONS.name}.csv", rt.DELETIONS.names,
                               _in_blocks(rt.DELETIONS, deleted))
        rows = [(t.name, c.name, c.type, c.description) for t in rt.ALL_TABLES for c in t.columns]
        write_table_atomically(self.out_dir / DICTIONARY, ("table", "column", "type", "description"),
                               (",".join(map(table_rows.text_cell, row)) + "\n" for row in rows))
        # The row tables are copies of spool pieces, in parts copied by several threads.
        row_tables = [(self.out_dir / f"{table.name}.csv", (",".join(table.names) + "\n").encode("utf-8"),
                       self._pieces(table).fetchall()) for table in rt.ROW_TABLES]
        self.spools.write_files(row_tables, threads=_TABLE_THREADS)
        if parquet:
            self.write_parquet()
        self._compact()

    def write_parquet(self) -> None:
        """TABLE.parquet beside every TABLE.csv (the research extra, pyarrow, must be installed)."""
        for table in rt.ALL_TABLES:
            if table in rt.ROW_TABLES:
                lines = (self.spools.read_bytes(*piece) for piece in self._pieces(table))
            else:
                lines = parquet_tables.csv_lines(self.out_dir / f"{table.name}.csv")
            parquet_tables.write(table, lines, self.out_dir / f"{table.name}.parquet")

    def _pieces(self, table: rt.Table) -> sqlite3.Cursor:
        """(spool, offset, length) of each participant's lines for a row table, in table order."""
        return self.ledger.execute("SELECT spool, offset, length FROM fragment WHERE table_name = ?"
                                   " ORDER BY participant_id", (table.name,))

    def _compact(self) -> None:
        """When replaced pieces take more room than live ones, copy the live ones into one new file."""
        self.pool.close()  # no child may be writing a spool file now
        db = self.ledger
        sizes = self.spools.sizes()
        live = sum(db.execute(f"SELECT coalesce(sum(length), 0) FROM {pieces}").fetchone()[0]
                   for pieces in _PIECES)
        if sum(sizes.values()) <= COMPACT_RATIO * live + COMPACT_SLACK_BYTES:
            return
        # The live pieces, in table order, one after another in a new file written (and synced)
        # the way the tables are; then the ledger points there.
        target, pieces, moved, position = self.spools.new_path(), [], [], 0
        for kind in _PIECES:
            for table, participant, spool, offset, length in db.execute(
                    f"SELECT table_name, participant_id, spool, offset, length FROM {kind}"
                    " ORDER BY table_name, participant_id"):
                pieces.append((spool, offset, length))
                moved.append((kind, table, participant, position, length))
                position += length
        self.spools.write_files([(target, b"", pieces)], threads=_TABLE_THREADS)
        del pieces
        db.execute("BEGIN IMMEDIATE")
        try:
            self.spools.sync()  # (the new file's name in its folder)
            for kind in _PIECES:
                db.executemany(f"UPDATE {kind} SET spool = ?, offset = ?, length = ? WHERE table_name = ?"
                               " AND participant_id = ?",
                               ((target.name, o, n, t, p) for k, t, p, o, n in moved if k == kind))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            target.unlink(missing_ok=True)
            raise
        keep = {target.name}
        # With synchronous=NORMAL a WAL commit is on disk only after a checkpoint: without one, a
        # power cut could take the ledger back to pointing into the files removed below.
        if db.execute("PRAGMA wal_checkpoint(FULL)").fetchone()[0] != 0:
            return  # not checkpointed (busy): keep the old files; the next compaction removes them
        self.spools.remove(set(sizes) - keep)


def _in_blocks(table: rt.Table, cursor: sqlite3.Cursor) -> Iterator[str]:
    """The cursor's rows as CSV lines, a few thousand rows at a time (memory stays bounded)."""
    while rows := cursor.fetchmany(4096):
        yield table_rows.rows_text(table, rows)


_PIECES = ("fragment", "fragment_key")  # the ledger tables pointing into the spool files
_TABLE_THREADS = max(4, os.cpu_count() or 4)  # copying spool pieces into files (direct writes wait for the disk)


def collect(inputs: list[Path], out_dir: Path, secret: str,
            progress: Callable[[int, int, dict], None] | None = None,
            seconds: float = age_files.DECRYPT_SECONDS, enrolment: dict[str, str] | None = None,
            parquet: bool | None = None, writing_tables: Callable[[], None] | None = None) -> dict:
    """Collect every input; write the tables and collect-report.json; return the report.

    Parquet copies of the tables are written when pyarrow is installed, unless parquet=False.
    ``writing_tables`` is called once every file is merged, as the tables are being written.
    """
    if parquet is None:
        parquet = parquet_tables.available()
    # What exists now stays out of the cyclic garbage collector's way while files are merged: in
    # a large process (the test suite, an app), every collection of the oldest objects rescanned it.
    gc.freeze()
    try:
        with folder_lock.locked(out_dir):  # one collect at a time per folder: another one refuses at once
            return _collect(inputs, out_dir, secret, progress, seconds, enrolment, parquet, writing_tables)
    finally:
        gc.unfreeze()


def _collect(inputs, out_dir, secret, progress, seconds, enrolment, parquet, writing_tables) -> dict:
    files = list(input_files(inputs))
    counts = {ACCEPTED: 0, DUPLICATE: 0, REJECTED: 0}
    outcomes: list[Outcome] = []
    with Collector(out_dir, secret, seconds, enrolment=enrolment) as collector:
        for done, outcome in enumerate(collector.collect_files(files), 1):
            outcomes.append(outcome)
            counts[outcome.status] += 1
            if progress:
                progress(done, len(files), counts)
        if writing_tables:
            writing_tables()
        collector.write_tables(parquet)
    report = {"files": [{"file": o.file, "status": o.status, "reason": o.reason} for o in outcomes],
              "accepted": counts[ACCEPTED], "duplicate": counts[DUPLICATE], "rejected": counts[REJECTED]}
    write_text_atomically(out_dir / REPORT, _report_text(report))
    return report


def _report_text(report: dict) -> str:
    """The report as JSON with one file per line (json's indent= would format each field on a
    line of its own, in Python code: a tenth of a second and 50,000 lines for 10,000 files)."""
    files = ",\n".join(f"  {json.dumps(entry)}" for entry in report["files"])
    counts = "".join(f",\n {json.dumps(key)}: {json.dumps(value)}" for key, value in report.items() if key != "files")
    return f'{{\n "files": [\n{files}\n ]{counts}\n}}\n' if files else json.dumps(report, indent=1) + "\n"
