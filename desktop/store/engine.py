"""The SQLAlchemy engine used for writes and migrations: pragmas on every connection, real BEGINs.

Python's sqlite3 driver, left to itself, skips BEGIN before SELECT and breaks SAVEPOINT, so
the driver is put in autocommit mode and SQLAlchemy's ``begin`` event emits BEGIN itself
(the recipe in SQLAlchemy's SQLite dialect documentation). Statement parameters are hidden
from SQLAlchemy's errors and logs: they are the diary itself (a note, say).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from desktop.security.keys import key_for
from desktop.store.connection import BUSY_TIMEOUT_MS, apply_pragmas, connect


def make_engine(path: Path) -> Engine:
    if key_for(path) is not None:
        # A passphrase-protected profile: SQLCipher connections keyed by connection.connect, and
        # no pool, so no keyed connection outlives its transaction (or the lock).
        from sqlalchemy.pool import NullPool
        from sqlcipher3 import dbapi2 as sqlcipher

        engine = create_engine("sqlite://", module=sqlcipher, creator=lambda: connect(path),
                               poolclass=NullPool, hide_parameters=True)
    else:
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
                               hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the write lock up front so two writers never deadlock on an upgrade.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, beginning each transaction with BEGIN IMMEDIATE."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")
