"""One collection at a time per output folder: an exclusive lock on ``OUT/collect.lock``.

Two collects writing into one folder would merge into the same database (collect.duckdb) and
overwrite each other's tables and report, so the second one refuses at once. The lock is the
operating system's (flock on POSIX, msvcrt.locking on Windows): it goes with the process,
so a collect that is killed never leaves the folder locked. The file itself stays (removing
it could let a third run lock a new file while the second still holds the old one).
(security/file_lock.py, shared with the PIN and passphrase tries.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.security.file_lock import LockBusy, exclusive

LOCK_FILE = "collect.lock"


class FolderBusy(RuntimeError):
    """Another collect is writing to the folder (message fit for the user)."""


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's collect lock (making the folder if needed), or raise FolderBusy at once."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with exclusive(folder / LOCK_FILE, timeout=0):
            yield
    except LockBusy:
        raise FolderBusy(f"Another collect is writing to {folder}; "
                         "wait for it to finish (nothing was changed).") from None
