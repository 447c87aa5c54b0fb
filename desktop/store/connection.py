"""Plain sqlite3 connections with the same pragmas the SQLAlchemy engine uses.

Reads go through these: they need no SQLAlchemy import, which keeps start-up fast (the
budget is in ARCHITECTURE.md). The ORM owns the schema and every write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 15000


def apply_pragmas(connection: sqlite3.Connection) -> None:
    """Pragmas every connection gets (also called from the engine's connect event)."""
    connection.isolation_level = None  # we issue BEGIN ourselves
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


@contextmanager
def read_transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """A short read-only snapshot of the database (one BEGIN ... COMMIT)."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        apply_pragmas(connection)
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            connection.execute("COMMIT")
    finally:
        connection.close()
