"""The app lock of one profile: held while the app has the profile open, and while a command
rewrites its files (``profile protect``, ``rename``, ``delete``).

Qt-free, so the command line takes the very lock the app takes. A file lock
(security/file_lock.py) on ``app.lock`` in the profile folder: the operating system lets go
of it when its process ends, even a killed one, so a crash never leaves the profile locked.
Bringing an open window forward is the app's own business (ui/base/single_instance.py).
"""

from __future__ import annotations

from pathlib import Path

from desktop import paths
from desktop.security.file_lock import FileLock

WAIT_S = 0.1  # a moment for a holder that is just letting go


class AppLock:
    def __init__(self, profile_dir: Path):
        self._lock = FileLock(paths.app_lock_path(profile_dir))

    @property
    def path(self) -> Path:
        return self._lock.path

    @property
    def held(self) -> bool:
        return self._lock.held

    def acquire(self, timeout: float = WAIT_S) -> bool:
        """Take the profile's lock; False when the app or another command holds it."""
        return self._lock.acquire(timeout)

    def release(self) -> None:
        self._lock.release()

