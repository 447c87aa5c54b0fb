"""Plain sqlite3 connections with the same pragmas the SQLAlchemy engine uses.

Reads go through these: they need no SQLAlchemy import, which keeps start-up fast (the
budget is in ARCHITECTURE.md). The ORM owns the schema and every write.

A file inside an unlocked passphrase-protected profile (security/keys.py) is opened with
SQLCipher instead, keyed, with ``secure_delete`` on; its errors are sqlcipher3's own
classes (not subclasses of sqlite3's).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.security.keys import is_encrypted, key_for

BUSY_TIMEOUT_MS = 15000


def _cipher_errors(name: str) -> tuple:
    import sys

    module = sys.modules.get("sqlcipher3.dbapi2")  # only loaded once a protected profile is opened
    return (getattr(module, name),) if module is not None else ()


def database_errors() -> tuple:
    """sqlite3's DatabaseError, and SQLCipher's once it is loaded: ``except database_errors():``."""
    return (sqlite3.DatabaseError, *_cipher_errors("DatabaseError"))


def operational_errors() -> tuple:
    return (sqlite3.OperationalError, *_cipher_errors("OperationalError"))


def connect(path: Path, read_only: bool = False):
    """A DB-API connection to the file: sqlite3, or SQLCipher keyed for a protected profile."""
    key = key_for(path)
    if key is not None and Path(path).exists() and not is_encrypted(path):
        key = None  # a plain file left by an interrupted conversion stays readable
    target, uri = (f"file:{path}?mode=ro", True) if read_only else (str(path), False)
    if key is None:
        return sqlite3.connect(target, uri=uri, timeout=BUSY_TIMEOUT_MS / 1000)
    from sqlcipher3 import dbapi2 as sqlcipher

    connection = sqlcipher.connect(target, uri=uri, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute("PRAGMA secure_delete=ON")
    return connection


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
    connection = connect(path)
    try:
        apply_pragmas(connection)
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            connection.execute("COMMIT")
    finally:
        connection.close()
