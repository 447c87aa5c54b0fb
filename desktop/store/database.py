"""Open a profile's database: check it, migrate it, hand out short transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from desktop import paths
from desktop.store import backup
from desktop.store.engine import make_engine, writer
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
    engine: Engine
    _read: sessionmaker[Session]
    _write: sessionmaker[Session]

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read.begin() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One user action, one short transaction that holds the write lock from the start."""
        with self._write.begin() as session:
            yield session

    def backup_now(self) -> backup.Backup:
        return backup.create_backup(self.path, self.backups_dir)

    def close(self) -> None:
        self.engine.dispose()


def open_database(root: Path, profile: str) -> Database:
    """Open (creating if new) and migrate the profile's database.

    Raises DatabaseCorrupt if the file fails its quick check, and schema.DatabaseTooNew if
    it was written by a newer app. Neither case changes any file.
    """
    path = paths.database_path(root, profile)
    backups_dir = paths.backups_dir(root, profile)
    if path.exists():
        problem = backup.check_integrity(path)
        if problem:
            raise DatabaseCorrupt(path, problem, backup.latest_good_backup(backups_dir))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    try:
        ensure_schema(engine, path)
    except (sqlite3.DatabaseError, SQLAlchemyDatabaseError) as exc:  # damage found only by the migration
        engine.dispose()
        raise DatabaseCorrupt(path, str(exc), backup.latest_good_backup(backups_dir)) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(
        path=path,
        backups_dir=backups_dir,
        engine=engine,
        _read=sessionmaker(engine, expire_on_commit=False),
        _write=sessionmaker(writer(engine), expire_on_commit=False),
    )
