"""One collection at a time per output folder: an exclusive lock on ``OUT/collect.lock``.

Two collects writing into one folder would merge into the same ledger and spool files and
overwrite each other's tables and report, so the second one refuses at once. The lock is the
operating system's (flock on POSIX, msvcrt.locking on Windows): it goes with the process,
so a collect that is killed never leaves the folder locked. The file itself stays (removing
it could let a third run lock a new file while the second still holds the old one).
Processes forked by the collection (its checking children, which write spool files in the
folder) share the lock until they end.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = "collect.lock"


class FolderBusy(RuntimeError):
    """Another collect is writing to the folder (message fit for the user)."""


def _lock(descriptor: int) -> bool:
    """Take the lock without waiting: True, or False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise  # (a file system without locks: ENOLCK, say) said as it is, not as a busy folder
    return True


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's collect lock (making the folder if needed), or raise FolderBusy."""
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    try:
        if not _lock(descriptor):
            raise FolderBusy(f"Another collect is writing to {folder}; wait for it to finish (nothing was changed).")
        try:
            yield
        finally:
            _unlock(descriptor)
    finally:
        os.close(descriptor)  # (on POSIX this alone lets the lock go)


def _unlock(descriptor: int) -> None:
    try:
        import msvcrt
    except ImportError:
        return
    os.lseek(descriptor, 0, os.SEEK_SET)  # (msvcrt.locking works from the current position)
    msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
