"""Rolling backups with SQLite's online backup API, integrity checks, and restore.

A live database is never copied file by file: the backup API takes a consistent snapshot
even while the app is writing. Every backup is written to a temporary name, checked,
flushed to disk and only then renamed into place. Restoring never deletes anything: the
file being replaced is moved to a ``set-aside`` folder first.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.security.private_files import sync_folder
from desktop.store.connection import connect, database_errors, operational_errors

KEEP_BACKUPS = 7
_NAME = re.compile(r"^diary-(\d{8}T\d{12})Z\.sqlite$")
_STAMP = "%Y%m%dT%H%M%S%f"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # UTC, timezone-aware

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def check_integrity(path: Path, full: bool = False) -> str | None:
    """None when the file is a healthy SQLite database, else a short description.

    sqlite3.OperationalError (locked, no permission) is raised, not reported as damage.
    """
    if not path.exists():
        return "the file does not exist"
    try:
        conn = connect(path, read_only=True)
        try:
            rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except operational_errors():
        raise
    except database_errors() as exc:
        return str(exc)
    problems = [r[0] for r in rows if r[0] != "ok"]
    return "; ".join(problems[:3]) if problems else None


def list_backups(folder: Path) -> list[Backup]:
    """Backups in the folder, newest first."""
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            match = _NAME.match(entry.name)
            if match:
                taken = dt.datetime.strptime(match.group(1), _STAMP).replace(tzinfo=dt.UTC)
                found.append(Backup(entry, taken))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def latest_good_backup(folder: Path) -> Backup | None:
    for backup in list_backups(folder):
        try:
            if check_integrity(backup.path) is None:
                return backup
        except operational_errors():
            continue
    return None


def create_backup(database: Path, folder: Path, keep: int = KEEP_BACKUPS, now: dt.datetime | None = None) -> Backup:
    now = now or dt.datetime.now(dt.UTC)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"diary-{now.strftime(_STAMP)}Z.sqlite"
    partial = final.with_name(final.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        # In a passphrase-protected profile both are keyed alike, so the backup is encrypted too.
        source = connect(database, read_only=True)
        try:
            target = connect(partial)
            try:
                source.backup(target)
                # A backup is one self-contained file: no -wal beside it.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        problem = check_integrity(partial)
        if problem:
            raise sqlite3.DatabaseError(f"the new backup failed its check: {problem}")
        _fsync_file(partial)
        os.replace(partial, final)
    except BaseException:  # (a full disk: no half-written copy left taking room)
        _remove_partial(partial)
        raise
    sync_folder(folder)
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    return Backup(final, now)


def set_aside(database: Path, reason: str, now: dt.datetime | None = None) -> Path | None:
    """Move the database and its -wal/-shm companions into set-aside/, keeping them together."""
    if not database.exists():
        return None
    now = now or dt.datetime.now(dt.UTC)
    folder = paths.set_aside_dir(database.parent)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{database.stem}-{reason}-{now.strftime(_STAMP)}Z{database.suffix}"
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    os.replace(database, target)
    sync_folder(folder)
    return target


def restore_backup(backup: Backup, database: Path, reason: str = "replaced") -> Path | None:
    """Put a backup in place of the database; returns where the old file was set aside.

    The caller must have closed every connection to the database first.
    """
    problem = check_integrity(backup.path)
    if problem:
        raise sqlite3.DatabaseError(f"the backup {backup.path.name} is damaged too: {problem}")
    partial = database.with_name(database.name + ".restoring")
    try:
        shutil.copyfile(backup.path, partial)
        _fsync_file(partial)
    except BaseException:  # (a full disk: the diary is left as it was)
        _remove_partial(partial)
        raise
    moved = set_aside(database, reason)
    os.replace(partial, database)
    sync_folder(database.parent)
    return moved


def _remove_partial(path: Path) -> None:
    for companion in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal"),
                      path.with_name(path.name + "-shm")):
        companion.unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


