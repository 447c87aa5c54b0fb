"""Collect many encrypted exports into research tables: `research collect`.

Each file is checked by collect_check (a pure function: bytes and identity in, rows or a
reason out) in a pool of processes, each file with a time limit and each process with a
memory cap, so a hostile file can neither hang nor exhaust the run. Here, in input order, each
accepted export's device key is pinned per participant and its sequence compared with the
ledger (a replayed or older export changes nothing); the accepted ones are merged into
OUT/collect.duckdb (collect_db) a batch at a time, one transaction each, so a killed run loses
at most its open batch and running it again gives the same result. The tables are then
written from the database, and collect-report.json lists every file's outcome.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.exchange import age_files, collect_check, collect_db, folder_lock
from desktop.exchange import research_tables as rt
from desktop.exchange.collect_db import LedgerError  # noqa: F401 - raised from here for the command line
from desktop.exchange.files import NotRegularFile, open_regular, write_text_atomically

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


BATCH_FILES = 1000  # files merged per transaction of the collection database (a killed run redoes at most these)
BATCH_BYTES = 32 * 1024 * 1024  # or fewer: the rows of a batch's exports, as JSON (DuckDB reads them in memory)
AHEAD = 64  # files handed to the pool ahead of the one whose result is awaited
_COLLECTED = rt.PARTICIPANTS.names.index("exports_collected")
EXTRA_MISSING = ("research collect needs the research extra (DuckDB): install it with "
                 "pip install 'supportback-desktop[research]'")


class ExtraMissing(RuntimeError):
    """The research extra is not installed (message fit for the user)."""


def require_extra() -> None:
    try:
        import duckdb  # noqa: F401
        import numpy  # noqa: F401
        import pebble  # noqa: F401
    except ImportError:
        raise ExtraMissing(EXTRA_MISSING) from None


class Batch:
    """Outcomes and accepted exports waiting to be merged together."""

    def __init__(self):
        self.files: list[list] = [[], [], [], [], []]  # run, position, file, status, reason
        self.exports: list[list] = [[], [], [], []]  # export_id, participant_id, sequence, file
        self.export_ids: set[str] = set()
        self.participants: dict[str, list] = {}  # participant_id -> participants row
        self.rows: list[bytes] = []  # each export's rows, a line of JSON (collect_check.Checked.rows)
        self.size = 0  # their bytes
        self.stored = False  # whether any of its participants may have rows stored already
        self.plain = True  # each participant new and in one export, its rows one per uuid and key: nothing to merge

    def add(self, checked: collect_check.Checked, row: list, file: str) -> None:
        for value, listed in zip((checked.export_id, checked.participant_id, checked.sequence, file), self.exports):
            listed.append(value)
        self.export_ids.add(checked.export_id)
        self.participants[checked.participant_id] = row
        self.rows.append(checked.rows)
        self.size += len(checked.rows)


class Collector:
    """Checks files in a process pool and merges accepted exports into OUT/collect.duckdb, in input order."""

    def __init__(self, out_dir: Path, secret: str, seconds: float = age_files.DECRYPT_SECONDS,
                 workers: int | None = None, enrolment: dict[str, str] | None = None):
        require_extra()
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir, self.secret, self.seconds, self.enrolment = out_dir, secret, seconds, enrolment
        self.workers = workers or max(2, min(8, os.cpu_count() or 2))
        # (on 2 cores DuckDB merges faster in one thread than in two: 0.6 ms less CPU a file)
        self.db = collect_db.open_collection(out_dir, max(1, (os.cpu_count() or 2) - self.workers))
        self.known = collect_db.participants(self.db)  # participant_id -> [key, last sequence, exports]
        self.run, self.position = collect_db.next_run(self.db), 0
        self.batch = Batch()
        self.pool = None
        self._merging = None  # the previous batch's merge, in a thread while the next files are checked
        self._thread = None

    def close(self) -> None:
        try:
            if self.pool is not None:
                self.pool.stop()
                self.pool.join()
            self.commit()
        finally:  # (a batch that could not be committed was rolled back)
            if self._thread is not None:
                self._thread.shutdown()
            self.db.close()

    def __enter__(self) -> Collector:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _check(self, path: Path):
        if self.pool is None:
            from pebble import ProcessPool

            self.pool = ProcessPool(max_workers=self.workers, initializer=collect_check.start_checking)
        return self.pool.schedule(collect_check.check_file, args=(str(path), self.secret), timeout=self.seconds)

    def collect_files(self, paths: Iterable[Path]) -> Iterator[Outcome]:
        """Check the files in the pool, a few ahead, and merge each accepted one, in order."""
        waiting: deque = deque()
        try:
            for path in paths:
                waiting.append((path, self.seconds, self._check(path)))
                while len(waiting) >= AHEAD:
                    yield self._outcome(*waiting.popleft())
            while waiting:
                yield self._outcome(*waiting.popleft())
        finally:  # (stopped early: results nobody will ask about are not waited for)
            for _, _, future in waiting:
                future.cancel()
            self.commit()

    def collect_file(self, path: Path) -> Outcome:
        return next(self.collect_files([path]))

    def _outcome(self, path: Path, seconds: float, future) -> Outcome:
        from concurrent.futures import TimeoutError as TookTooLong

        from pebble import ProcessExpired

        try:
            result = future.result()
        except TookTooLong:
            result = f"checking it took longer than {seconds:g} seconds and was stopped"
        except ProcessExpired:
            result = "checking it stopped unexpectedly (it may need too much memory)"
        except Exception as exc:  # noqa: BLE001 - a bad file must never stop the collection
            result = f"it could not be checked ({type(exc).__name__})"
        status, reason = (REJECTED, result) if isinstance(result, str) else self._merge(result, str(path))
        self.position += 1
        for value, listed in zip((self.run, self.position, str(path), status, reason), self.batch.files):
            listed.append(value)
        if len(self.batch.files[0]) >= BATCH_FILES or self.batch.size >= BATCH_BYTES:
            self.commit(wait=False)
        return Outcome(str(path), status, reason)

    def _merge(self, export: collect_check.Checked, file: str) -> tuple[str, str]:
        """Pin the device key, compare the sequence; an export to merge joins the batch."""
        participant, key = export.participant_id, export.device_key_id
        if self.enrolment is not None:
            listed = self.enrolment.get(participant)
            if listed is None:
                return REJECTED, f"participant {participant} is not on the enrolment list"
            if listed != key:
                return REJECTED, (f"signed by device key {key[:12]}..., but the enrolment list "
                                  f"gives key {listed[:12]}... for participant {participant}")
        pinned = self.known.get(participant)
        if pinned and pinned[0] != key:
            return REJECTED, (f"signed by device key {key[:12]}..., but participant "
                              f"{participant} is pinned to key {pinned[0][:12]}...")
        if pinned and export.sequence <= pinned[1]:
            if export.export_id in self.batch.export_ids or self._finished() or collect_db.export_seen(
                    self.db, export.export_id):
                return DUPLICATE, ALREADY_COLLECTED
            return DUPLICATE, f"older than export #{pinned[1]} already collected for this participant; nothing changed"
        row = list(export.participant)
        row[_COLLECTED] = (pinned[2] if pinned else 0) + 1
        self.known[participant] = [key, export.sequence, row[_COLLECTED]]
        self.batch.stored |= pinned is not None and participant not in self.batch.participants
        self.batch.plain &= export.distinct and pinned is None and participant not in self.batch.participants
        self.batch.add(export, row, file)
        return ACCEPTED, ""

    def commit(self, wait: bool = True) -> None:
        """Merge the open batch (one transaction), now or in a thread while the next files are
        checked; on an error the batch's exports are forgotten again, and the error is raised."""
        self._finished()
        batch, self.batch = self.batch, Batch()
        if not batch.files[0]:
            return
        if wait:
            self._merge_batch(batch)
            return
        if self._thread is None:
            from concurrent.futures import ThreadPoolExecutor

            self._thread = ThreadPoolExecutor(1)  # (DuckDB lets go of the interpreter while it works)
        self._merging = self._thread.submit(self._merge_batch, batch)

    def _merge_batch(self, batch: Batch) -> None:
        try:
            collect_db.merge_batch(self.db, batch, self.out_dir)
        except BaseException:
            self.known = collect_db.participants(self.db)
            raise

    def _finished(self) -> bool:
        """Wait for a batch being merged (the database is then free); False."""
        merging, self._merging = self._merging, None
        if merging is not None:
            merging.result()
        return False

    def write_tables(self, parquet: bool = True) -> None:
        """Every table as CSV (and Parquet), plus the data dictionary."""
        self.commit()
        collect_db.write_tables(self.db, self.out_dir, parquet)


def collect(inputs: list[Path], out_dir: Path, secret: str,
            progress: Callable[[int, int, dict], None] | None = None,
            seconds: float = age_files.DECRYPT_SECONDS, enrolment: dict[str, str] | None = None,
            parquet: bool = True, writing_tables: Callable[[], None] | None = None) -> dict:
    """Collect every input; write the tables and collect-report.json; return the report.

    ``writing_tables`` is called once every file is merged, as the tables are being written.
    """
    require_extra()
    with folder_lock.locked(out_dir):  # one collect at a time per folder: another one refuses at once
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
