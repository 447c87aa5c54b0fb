"""An exclusive lock between processes, held on a small file beside what it guards.

``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows: both are released by the
operating system when the process ends, even if it is killed, so a crash never leaves a
stale lock behind. The lock file itself is kept (removing it on release would let two
processes lock two different files of the same name).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_POLL_S = 0.01


class LockBusy(TimeoutError):
    """Another process held the lock for longer than the caller would wait."""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import errno
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise  # a file system without locks (ENOLCK, say): said as it is, not as "busy"


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class FileLock:
    """The lock on ``path``, held from ``acquire`` until ``release`` (or the process ends)."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, timeout: float = 0.0) -> bool:
        """Take the lock (made if missing, owner-only), waiting up to ``timeout`` seconds for it.

        False when another holder keeps it that long. Two FileLocks on one path exclude each
        other even within one process (each has its own open file).
        """
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            deadline = time.monotonic() + timeout
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(_POLL_S)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)


@contextmanager
def exclusive(path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the lock on ``path`` (made if missing, owner-only) for the ``with`` block.

    Waits up to ``timeout`` seconds (0: do not wait), then raises LockBusy.
    """
    lock = FileLock(path)
    if not lock.acquire(timeout):
        raise LockBusy(f"{path} is held by another process")
    try:
        yield
    finally:
        lock.release()
