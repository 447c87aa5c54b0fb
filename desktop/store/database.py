"""Open a profile's database: check it, migrate it, hand out short transactions.

Start-up needs only the standard library: the integrity check, the schema revision and
every read use plain sqlite3. SQLAlchemy is imported on the first write (or migration).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desktop import paths
from desktop.security.keys import key_for
from desktop.store import backup
from desktop.store.changes import Change, ChangeFeed
from desktop.store.connection import database_errors, operational_errors, read_transaction
from desktop.store.profiles import ProfileError
from desktop.store.schema import ensure_schema


class DatabaseCorrupt(RuntimeError):
    """The profile's database failed its check; nothing has been changed."""

    def __init__(self, path: Path, detail: str, latest_backup: backup.Backup | None):
        advice = (
            f"A backup from {latest_backup.taken_at:%Y-%m-%d %H:%M} UTC can be restored."
            if latest_backup
            else "No good backup was found."
        )
        super().__init__(f"The diary file {path} is damaged ({detail}). {advice}")
        self.path = path
        self.detail = detail
        self.latest_backup = latest_backup


@dataclass
class Database:
    path: Path
    backups_dir: Path
    _engine: object | None = field(default=None, repr=False)
    _sessions: dict = field(default_factory=dict, repr=False)
    changes: ChangeFeed = field(default_factory=ChangeFeed, repr=False)

    @property
    def engine(self):
        """The SQLAlchemy engine, made on first use."""
        if self._engine is None:
            from desktop.store.engine import make_engine

            self._engine = make_engine(self.path)
        return self._engine

    def _sessionmaker(self, mode: str):
        if mode not in self._sessions:
            from sqlalchemy.orm import sessionmaker

            from desktop.store.engine import writer

            bind = writer(self.engine) if mode == "write" else self.engine
            self._sessions[mode] = sessionmaker(bind, expire_on_commit=False)
        return self._sessions[mode]

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read-only snapshot through plain sqlite3."""
        with read_transaction(self.path) as connection:
            yield connection

    @contextmanager
    def writing(self, *changes: Change):
        """One user action, one short ORM transaction that holds the write lock from the start.

        ``changes`` are announced to the listeners once the transaction has committed (never
        when it fails).
        """
        with self._sessionmaker("write").begin() as session:
            yield session
        self.changes.announce(*changes)

    def backup_now(self) -> backup.Backup:
        return backup.create_backup(self.path, self.backups_dir)

    def release_connections(self) -> None:
        """Close pooled connections (before the file is replaced, or on exit)."""
        if self._engine is not None:
            self._engine.dispose()
            # Made again on the next write: it may need a new key (a profile protected or not).
            self._engine = None
            self._sessions.clear()

    close = release_connections


def _has_key_salt(profile_dir: Path) -> bool:
    from desktop.security.profile_lock import ProfileLock

    return ProfileLock(profile_dir).key_salt is not None


def open_database(root: Path, profile: str) -> Database:
    """Open (creating if new) and migrate the profile's database.

    Raises DatabaseCorrupt if the file fails its quick check, and schema.DatabaseTooNew if
    it was written by a newer app. Neither case changes the database's contents.
    """
    path = paths.database_path(root, profile)
    backups_dir = paths.backups_dir(root, profile)
    if key_for(path) is None and _has_key_salt(path.parent):
        raise ProfileError(f"Profile {profile!r} is protected by a passphrase: unlock it first "
                           "(on the command line, with --passphrase-file F).")
    if path.exists():
        problem = backup.check_integrity(path)
        if problem:
            raise DatabaseCorrupt(path, problem, backup.latest_good_backup(backups_dir))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        ensure_schema(path)
    except operational_errors():
        raise  # locked, unreadable folder...: a problem to report, not damage to repair
    except database_errors() as exc:
        raise DatabaseCorrupt(path, str(exc), backup.latest_good_backup(backups_dir)) from exc
    return Database(path=path, backups_dir=backups_dir)
