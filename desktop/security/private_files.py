"""Files only their owner can read: the data folder is 0700 and every file in it 0600.

A diary holds health notes and, for a profile without a passphrase, the device's signing
key, so nobody else on a shared computer may read it, whatever the user's umask. The
command line and the app call ``use_private_umask`` first, so everything they create
(SQLite files and their journals, backups, lock files) is private from the start, and
``tighten`` puts right what an older version created with looser modes. Windows keeps
each user's data folder private by its own access lists; there the modes change nothing.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_PRIVATE_UMASK = 0o077


def use_private_umask() -> None:
    """New files and folders of this process: owner only."""
    os.umask(_PRIVATE_UMASK)


def tighten(root: Path) -> None:
    """Make the data folder and everything the app keeps in it owner-only (links left alone)."""
    if not root.is_dir():
        return
    _chmod(root, PRIVATE_DIR)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            _chmod(Path(folder, name), PRIVATE_DIR)
        for name in files:
            _chmod(Path(folder, name), PRIVATE_FILE)


def _chmod(path: Path, mode: int) -> None:
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) == mode:
            return
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return  # not ours to change (a clinic's shared folder set up by an administrator)
        path.chmod(mode)
    except OSError:
        pass  # gone meanwhile, or a file system without modes: nothing to tighten


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    _chmod(path, PRIVATE_DIR)


def write_json_atomically(path: Path, data: dict) -> None:
    """The whole new file or the old one, never a mix, even if the process dies or the power goes.

    A temporary file of its own (so concurrent writers never share one), owner-only,
    flushed to the disk, renamed over the target, and the rename itself made durable.
    """
    make_private_dir(path.parent)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
