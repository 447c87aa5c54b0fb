"""Bring a profile database to the app's schema before any window opens.

A new database is created by running every migration; an older one is upgraded; one
written by a newer app is refused, because this app cannot know what it would break.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.store.connection import operational_errors, read_transaction

# The newest migration this app knows. tests/unit/test_migrations.py checks it matches
# Alembic's head, so start-up can skip importing Alembic when there is nothing to do.
HEAD_REVISION = "0009_call_request"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseTooNew(RuntimeError):
    def __init__(self, path: Path, revision: str):
        super().__init__(
            f"The diary in {path} was saved by a newer version of SupportBack (schema {revision}). "
            "Please install the latest version of SupportBack to open it; nothing has been changed."
        )
        self.revision = revision


def current_revision(path: Path) -> str | None:
    """The schema revision stamped in the file, read without SQLAlchemy (None: not stamped)."""
    if not path.exists():
        return None
    with read_transaction(path) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except operational_errors():  # no such table: a new, empty database
            return None
    return row[0] if row else None


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade_to(path: Path, revision: str = "head") -> None:
    from alembic import command
    from sqlalchemy.exc import DatabaseError, OperationalError

    from desktop.store.engine import make_engine

    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), revision)
    except OperationalError:
        raise
    except DatabaseError as exc:  # damage that only the migration ran into
        raise sqlite3.DatabaseError(str(exc.orig or exc)) from exc
    finally:
        engine.dispose()


def ensure_schema(path: Path) -> None:
    """Create, upgrade or refuse; Alembic is imported only when there is work to do."""
    revision = current_revision(path)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(path, revision)
    upgrade_to(path)
