"""Append-only files holding each participant's finished CSV lines for the research tables.

The collector's children append the lines of every accepted export to their own spool
file; the ledger database records only where they are (file, offset, length). Writing
the tables is then a matter of copying those pieces in participant order. A piece
replaced by a merge becomes dead space; compact() rewrites the live pieces into one new
file when dead space outweighs them.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

SUFFIX = ".lines"
BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise turn each \n into \r\n and move every offset
# Windows can only flush a file opened for writing; POSIX any open file.
SYNC_MODE = os.O_RDWR | BINARY if os.name == "nt" else os.O_RDONLY


class SpoolError(RuntimeError):
    """A piece of a spool file is missing (the output folder was changed by hand)."""


class Spools:
    def __init__(self, folder: Path):
        folder.mkdir(exist_ok=True)
        self.folder = folder
        self._readers: dict[str, int] = {}
        self._lock = threading.Lock()  # the table files are written by several threads at once
        self._writer: tuple[str, int] | None = None

    def new_path(self) -> Path:
        return self.folder / f"{uuid.uuid4().hex}{SUFFIX}"

    def _descriptor(self, name: str) -> int:
        with self._lock:
            return self._open_for_reading(name)

    def _open_for_reading(self, name: str) -> int:
        descriptor = self._readers.get(name)
        if descriptor is None:
            try:
                descriptor = os.open(self.folder / name, os.O_RDONLY | BINARY)
            except FileNotFoundError:
                raise SpoolError(f"{self.folder / name} is missing: collect into a new, empty folder") from None
            self._readers[name] = descriptor
        return descriptor

    def read_bytes(self, name: str, offset: int, length: int) -> bytes:
        return self._read_at(name, self._descriptor(name), offset, length)

    def _read_at(self, name: str, descriptor: int, offset: int, length: int) -> bytes:
        if hasattr(os, "pread"):
            data = os.pread(descriptor, length, offset)
        else:  # Windows: no pread; seek and read under the lock (the table files are written by threads)
            with self._lock:
                os.lseek(descriptor, offset, os.SEEK_SET)
                data = os.read(descriptor, length)
        if len(data) != length:
            raise SpoolError(f"{self.folder / name} is shorter than the ledger says: collect into a new, empty folder")
        return data

    def read(self, name: str, offset: int, length: int) -> str:
        return self.read_bytes(name, offset, length).decode("utf-8")

    def copier(self, target) -> Callable[[str, int, int], None]:
        """A function writing pieces, one call each, into the open binary file ``target``.

        Each piece is one pread into ``target``'s buffer, which writes a buffer-full at a time
        (open it with a large one). On ext4 that took about a third less system time than a
        copy_file_range per piece, which goes through splice."""
        descriptors: dict[str, int] = {}
        write = target.write

        def copy(name: str, offset: int, length: int) -> None:
            descriptor = descriptors.get(name)
            if descriptor is None:
                descriptor = descriptors[name] = self._descriptor(name)
            write(self._read_at(name, descriptor, offset, length))
        return copy

    def append(self, text: str) -> tuple[str, int, int]:
        """Lines the parent made (merges); returns where they are."""
        if self._writer is None:
            path = self.new_path()
            self._writer = (path.name, os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | BINARY, 0o600))
        name, descriptor = self._writer
        data = text.encode("utf-8")
        offset = os.lseek(descriptor, 0, os.SEEK_END)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        return name, offset, len(data)

    @property
    def writing(self) -> str | None:
        """The file append() writes to, if it was used."""
        return self._writer[0] if self._writer else None

    def sync(self) -> None:
        """Every spool file on disk (before the ledger commits what points into them)."""
        for path in self.folder.glob(f"*{SUFFIX}"):
            descriptor = os.open(path, SYNC_MODE)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        # The files' names too: fsync of a new file does not put its folder entry on disk (POSIX;
        # Windows cannot open a folder this way).
        if hasattr(os, "O_DIRECTORY"):
            descriptor = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)

    def read_ahead(self) -> None:
        """Ask the system to read every spool file in, front to back, before the tables take their
        pieces in participant order: pieces that left the page cache then come from one
        sequential read instead of many scattered ones (no-op where posix_fadvise is missing)."""
        if not hasattr(os, "posix_fadvise"):
            return
        for path in self.folder.glob(f"*{SUFFIX}"):
            os.posix_fadvise(self._descriptor(path.name), 0, 0, os.POSIX_FADV_WILLNEED)

    def sizes(self) -> dict[str, int]:
        return {p.name: p.stat().st_size for p in self.folder.glob(f"*{SUFFIX}")}

    def remove(self, names: set[str]) -> None:
        self.close()
        for name in names:
            (self.folder / name).unlink(missing_ok=True)

    def close(self) -> None:
        for descriptor in self._readers.values():
            os.close(descriptor)
        self._readers.clear()
        if self._writer is not None:
            os.close(self._writer[1])
            self._writer = None
