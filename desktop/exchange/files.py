"""Reading files from outside (regular files only) and writing files atomically."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path


class NotRegularFile(OSError):
    """A named pipe, device, socket or folder where a file was expected (message fit for the user)."""


def kind_problem(mode: int) -> str | None:
    """Why a file of this st_mode must not be read as a document, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder"
    if stat.S_ISFIFO(mode):
        return "it is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "it is a socket, not a regular file"
    return "it is not a regular file"


_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))


def open_regular(path: Path) -> int:
    """A descriptor to read ``path``, only if it is a regular file (symbolic links are followed).

    Judged before opening (stat: a device is never opened) and again on the open file (fstat:
    the name may have been swapped meanwhile). Opened non-blocking where there is O_NONBLOCK,
    so a named pipe without a writer returns at once instead of waiting for one.
    Raises NotRegularFile, or FileNotFoundError and the other OSErrors of opening.
    """
    problem = kind_problem(os.stat(path).st_mode)
    if problem is None:
        fd = os.open(path, _READ_FLAGS)
        try:
            problem = kind_problem(os.fstat(fd).st_mode)
        except BaseException:
            os.close(fd)
            raise
        if problem is None:
            return fd
        os.close(fd)
    raise NotRegularFile(problem)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (NotRegularFile, FileTooLarge otherwise)."""
    with os.fdopen(open_regular(path), "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        data = fh.read(limit + 1) if size <= limit else b""
    if size > limit or len(data) > limit:  # (or it grew while being read)
        raise FileTooLarge(max(size, len(data)), limit)
    return data


class FileTooLarge(OSError):
    def __init__(self, size: int, limit: int):
        super().__init__(f"it is larger than the {_amount(limit)} it may be")
        self.size, self.limit = size, limit


def _amount(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


def write_text_atomically(target: Path, content: str) -> None:
    """Write a whole file or nothing: a temporary file beside it, flushed, then renamed."""
    target = target.expanduser()
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; give a file name such as diary.csv")
    fd, temp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".supportback-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_table_atomically(target: Path, header: Sequence[str], chunks: Iterable[str]) -> None:
    """A CSV table: its header line, then the chunks of finished lines, through a temporary file
    (``.NAME.tmp``) that is synced and renamed, or removed if writing fails (a full disk)."""
    temp = target.with_name(f".{target.name}.tmp")
    try:
        with temp.open("w", encoding="utf-8", newline="", buffering=1024 * 1024) as fh:
            fh.write(",".join(header) + "\n")
            fh.writelines(chunks)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    os.replace(temp, target)
