"""One line for the user when something could not be written: a full disk named as such,
never a traceback, never an SQL statement or the values written (a diary note, say).

A full disk shows up as OSError ENOSPC (or EDQUOT, over a quota), as SQLite's SQLITE_FULL
("database or disk is full"), or - when a write fails in a way SQLite cannot tell apart,
such as a file-size limit - as SQLITE_IOERR ("disk I/O error"); SQLAlchemy wraps SQLite's
errors in its own, whose text holds the statement and (unless the engine hides them) its
parameters. The standard library only here: no import of SQLAlchemy or SQLCipher.
"""

from __future__ import annotations

import errno

DISK_FULL = "The disk is full"
DISK_FAILED = "The disk could not be written (a disk I/O error: is it full?)"
TOO_LARGE = "The file became larger than this disk or this system allows"
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _chain(exc: BaseException):
    """The exception, what SQLAlchemy wrapped (``orig``), and its causes and contexts."""
    seen: set[int] = set()
    waiting = [exc]
    while waiting:
        error = waiting.pop(0)
        if error is None or id(error) in seen:
            continue
        seen.add(id(error))
        yield error
        waiting += [getattr(error, "orig", None), error.__cause__, error.__context__]


def _is_database_error(error: BaseException) -> bool:
    # sqlite3's errors and SQLCipher's (its own classes, not subclasses of sqlite3's)
    return any(c.__name__ == "DatabaseError" and c.__module__ in ("sqlite3", "sqlcipher3.dbapi2")
               for c in type(error).__mro__)


def disk_problem(exc: BaseException) -> str | None:
    """DISK_FULL, DISK_FAILED or TOO_LARGE when writing failed for want of room, else None."""
    for error in _chain(exc):
        if isinstance(error, OSError) and error.errno in _FULL:
            return DISK_FULL
        if isinstance(error, OSError) and error.errno == errno.EFBIG:
            return TOO_LARGE
        if type(error).__module__ in ("duckdb", "_duckdb"):  # (research collect's database: "IO Error: ...")
            text = str(error).lower()
            if "no space left" in text or "disk quota" in text:
                return DISK_FULL
            if "file too large" in text:
                return TOO_LARGE
            if text.startswith("io error"):
                return DISK_FAILED
        if _is_database_error(error):
            text = str(error).lower()
            if "database or disk is full" in text:
                return DISK_FULL
            if "disk i/o error" in text:
                return DISK_FAILED
    return None


def plain_message(exc: BaseException) -> str:
    """The exception's own message; for SQLAlchemy's errors the driver's message only (on one
    line, without the statement and its parameters)."""
    if not type(exc).__module__.startswith("sqlalchemy"):
        return str(exc) or type(exc).__name__
    orig = getattr(exc, "orig", None)
    lines = str(orig).strip().splitlines() if isinstance(orig, BaseException) else []
    return lines[0] if lines else f"a database error ({type(exc).__name__})"


def user_message(exc: BaseException, outcome: str | None = None) -> str:
    """One line: "The disk is full: nothing was imported." for a full disk (``outcome`` says what
    did not happen; without it, no full stop: "The disk is full"), else the plain message."""
    problem = disk_problem(exc)
    if problem is None:
        return plain_message(exc)
    return f"{problem}: {outcome}." if outcome else problem
