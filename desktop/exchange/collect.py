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
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.exchange import age_files
from desktop.exchange import research_tables as rt
from desktop.exchange.collect_workers import CheckedExport, WorkerPool

LEDGER = "collect-ledger.sqlite"
REPORT = "collect-report.json"
DICTIONARY = "data-dictionary.csv"
ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"


class EnrolmentError(RuntimeError):
    """The enrolment list cannot be used; the message names the line."""


def read_enrolment(path: Path) -> dict[str, str]:
    """participant_id -> device_key_id from a CSV with exactly that header."""
    import re

    key_id = re.compile(r"^[0-9a-f]{64}$")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
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
            yield from sorted(p for p in item.rglob("*.age") if p.is_file())
        else:
            yield item


def _open_ledger(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE IF NOT EXISTS seen_export (export_id TEXT PRIMARY KEY, participant_id TEXT,"
                       " sequence INTEGER)")
    columns = ", ".join(f'"{c.name}"' for c in rt.PARTICIPANTS.columns)
    connection.execute(f"CREATE TABLE IF NOT EXISTS participants ({columns}, PRIMARY KEY (participant_id))")
    for table in rt.ROW_TABLES:
        columns = ", ".join(f'"{c.name}"' for c in table.columns)
        connection.execute(f"CREATE TABLE IF NOT EXISTS {table.name} ({columns}, PRIMARY KEY (participant_id, uuid))")
    return connection


class Collector:
    def __init__(self, out_dir: Path, secret: str, seconds: float = age_files.DECRYPT_SECONDS, workers: int = 2,
                 enrolment: dict[str, str] | None = None):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.enrolment = enrolment
        self.ledger = _open_ledger(out_dir / LEDGER)
        self.pool = WorkerPool(secret, workers, seconds)

    def close(self) -> None:
        self.pool.close()
        self.ledger.close()

    def __enter__(self) -> Collector:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def collect_files(self, paths: Iterable[Path]) -> Iterator[Outcome]:
        """Check the files in the child processes and merge each accepted one, in order."""
        for path, status, value in self.pool.check(paths):
            if status == "ok":
                yield Outcome(str(path), *self._merge(value))
            else:
                yield Outcome(str(path), REJECTED, str(value))

    def collect_file(self, path: Path) -> Outcome:
        return next(self.collect_files([path]))

    def _merge(self, export: CheckedExport) -> tuple[str, str]:
        if self.enrolment is not None:
            listed = self.enrolment.get(export.participant_id)
            if listed is None:
                return REJECTED, f"participant {export.participant_id} is not on the enrolment list"
            if listed != export.device_key_id:
                return REJECTED, (f"signed by device key {export.device_key_id[:12]}..., but the enrolment list "
                                  f"gives key {listed[:12]}... for participant {export.participant_id}")
        db = self.ledger
        db.execute("BEGIN IMMEDIATE")
        try:
            pinned = db.execute("SELECT device_key_id, last_sequence, exports_collected FROM participants"
                                " WHERE participant_id = ?", (export.participant_id,)).fetchone()
            if pinned and pinned[0] != export.device_key_id:
                db.execute("ROLLBACK")
                return REJECTED, (f"signed by device key {export.device_key_id[:12]}..., but participant "
                                  f"{export.participant_id} is pinned to key {pinned[0][:12]}...")
            if db.execute("SELECT 1 FROM seen_export WHERE export_id = ?", (export.export_id,)).fetchone():
                db.execute("ROLLBACK")
                return DUPLICATE, "already collected (same export); nothing changed"
            if pinned and export.sequence <= pinned[1]:
                db.execute("ROLLBACK")
                return DUPLICATE, (f"older than export #{pinned[1]} already collected for this participant; "
                                   "nothing changed")
            db.execute("INSERT INTO seen_export VALUES (?, ?, ?)",
                       (export.export_id, export.participant_id, export.sequence))
            names = rt.PARTICIPANTS.names
            row = list(export.participant_row)
            row[names.index("exports_collected")] = (pinned[2] if pinned else 0) + 1
            db.execute(f"INSERT OR REPLACE INTO participants VALUES ({', '.join('?' * len(names))})", row)
            for table in rt.ROW_TABLES:
                self._upsert(table, export.participant_id, export.rows[table.name])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return ACCEPTED, ""

    def _upsert(self, table: rt.Table, participant: str, rows: list[tuple]) -> None:
        names = table.names
        quoted = ", ".join(f'"{n}"' for n in names)
        updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names[2:])
        self.ledger.executemany(
            f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join('?' * len(names))})"
            f" ON CONFLICT (participant_id, uuid) DO UPDATE SET {updates}"
            f" WHERE excluded.updated_at > {table.name}.updated_at",
            ((participant, *row) for row in rows))

    def write_tables(self) -> None:
        """Every table as CSV (atomically), plus the data dictionary."""
        for table in rt.ALL_TABLES:
            self._write_csv(table)
        rows = [(t.name, c.name, c.type, c.description) for t in rt.ALL_TABLES for c in t.columns]
        _write_csv_atomically(self.out_dir / DICTIONARY, ("table", "column", "type", "description"), rows)

    def _write_csv(self, table: rt.Table) -> None:
        quoted = ", ".join(f'"{n}"' for n in table.names)
        if table is rt.PARTICIPANTS:
            query = f"SELECT {quoted} FROM participants ORDER BY participant_id"
        else:
            # Rows re-made on the device (a day deleted and entered again, a questionnaire answered
            # again) get new uuids: keep the newest per natural key.
            key = ", ".join(f'"{k}"' for k in ("participant_id", *table.natural_key))
            query = (f"SELECT {quoted} FROM (SELECT *, row_number() OVER (PARTITION BY {key}"
                     f" ORDER BY updated_at DESC, uuid) AS newest FROM {table.name}) WHERE newest = 1"
                     f" ORDER BY {key}, uuid")
        _write_csv_atomically(self.out_dir / f"{table.name}.csv", table.names, self.ledger.execute(query))


def _write_csv_atomically(target: Path, header, rows: Iterable) -> None:
    temp = target.with_name(f".{target.name}.tmp")
    with temp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(("" if v is None else v for v in row) for row in rows)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, target)


def collect(inputs: list[Path], out_dir: Path, secret: str,
            progress: Callable[[int, int, dict], None] | None = None,
            seconds: float = age_files.DECRYPT_SECONDS, enrolment: dict[str, str] | None = None) -> dict:
    """Collect every input; write the tables and collect-report.json; return the report."""
    files = list(input_files(inputs))
    counts = {ACCEPTED: 0, DUPLICATE: 0, REJECTED: 0}
    outcomes: list[Outcome] = []
    with Collector(out_dir, secret, seconds, enrolment=enrolment) as collector:
        for done, outcome in enumerate(collector.collect_files(files), 1):
            outcomes.append(outcome)
            counts[outcome.status] += 1
            if progress:
                progress(done, len(files), counts)
        collector.write_tables()
    report = {"files": [{"file": o.file, "status": o.status, "reason": o.reason} for o in outcomes],
              "accepted": counts[ACCEPTED], "duplicate": counts[DUPLICATE], "rejected": counts[REJECTED]}
    temp = out_dir / f".{REPORT}.tmp"
    temp.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    os.replace(temp, out_dir / REPORT)
    return report
