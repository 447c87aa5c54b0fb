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


PART_BYTES = 32 * 1024 * 1024  # write_files copies in parts of about this size, several at once
WRITE_BYTES = 1024 * 1024  # and gathers pieces into writes of this size


def _parts(descriptor: int, position: int, pieces: list[tuple[str, int, int]]) -> list[tuple]:
    """(descriptor, position in the file, pieces, bytes) for consecutive runs of pieces of about
    PART_BYTES each."""
    parts, first, size = [], 0, 0
    for index, piece in enumerate(pieces):
        size += piece[2]
        if size >= PART_BYTES or index == len(pieces) - 1:
            parts.append((descriptor, position, pieces[first:index + 1], size))
            position += size
            first, size = index + 1, 0
    return parts


def _write_at(descriptor: int, data: bytes, position: int) -> None:
    view = memoryview(data)
    while view:
        if hasattr(os, "pwrite"):
            done = os.pwrite(descriptor, view, position)
        else:  # (one thread only: see write_files)
            os.lseek(descriptor, position, os.SEEK_SET)
            done = os.write(descriptor, view)
        view = view[done:]
        position += done


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
            raise self._cut_short(name)
        return data

    def _cut_short(self, name: str) -> SpoolError:
        return SpoolError(f"{self.folder / name} is shorter than the ledger says: collect into a new, empty folder")

    def read(self, name: str, offset: int, length: int) -> str:
        return self.read_bytes(name, offset, length).decode("utf-8")

    def write_files(self, files: list[tuple[Path, bytes, list[tuple[str, int, int]]]], threads: int) -> None:
        """Each (target, head, pieces): ``target`` made as ``head`` followed by the pieces in
        order, atomically (a temporary file, synced, then renamed over it).

        The files are copied in parts of about PART_BYTES, ``threads`` parts at a time, each
        written into its place in its file: a large table does not leave the other processors
        idle while it is copied alone. A part's pieces are read with one pread each and written
        a megabyte at a time (on ext4 that took about half the system time of a copy_file_range
        per piece, which goes through splice)."""
        if not hasattr(os, "pwrite"):
            threads = 1  # (Windows: seek and write, which threads sharing a file cannot do)
        made: list[tuple[int, Path, Path]] = []
        try:
            parts = []
            for target, head, pieces in files:
                temp = target.with_name(f".{target.name}.tmp")
                descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | BINARY, 0o666)
                made.append((descriptor, temp, target))
                _write_at(descriptor, head, 0)
                parts += _parts(descriptor, len(head), pieces)
            parts.sort(key=lambda part: -part[3])  # the largest first: the last ones to finish are short
            self._run(threads, [(self._copy_part, part[:3]) for part in parts])
            self._run(threads, [(os.fsync, (descriptor,)) for descriptor, _, _ in made])
        except BaseException:
            for descriptor, temp, _ in made:
                os.close(descriptor)
                temp.unlink(missing_ok=True)
            raise
        for descriptor, temp, target in made:
            os.close(descriptor)
            os.replace(temp, target)

    @staticmethod
    def _run(threads: int, calls: list[tuple[Callable, tuple]]) -> None:
        if threads <= 1:
            for call, arguments in calls:
                call(*arguments)
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(threads) as pool:
            for done in [pool.submit(call, *arguments) for call, arguments in calls]:
                done.result()

    def _copy_part(self, descriptor: int, position: int, pieces: list[tuple[str, int, int]]) -> None:
        # One buffer per part, read into and written from (a new megabyte for every write would
        # come from fresh pages of memory each time: page faults cost more than the copy).
        start, buffer, filled = position, memoryview(bytearray(WRITE_BYTES)), 0
        readers: dict[str, int] = {}
        for name, offset, length in pieces:
            reader = readers.get(name)
            if reader is None:
                reader = readers[name] = self._descriptor(name)
            if filled + length > WRITE_BYTES and filled:
                _write_at(descriptor, buffer[:filled], position)
                position += filled
                filled = 0
            if length > WRITE_BYTES:  # (a piece larger than the buffer is written on its own)
                _write_at(descriptor, self._read_at(name, reader, offset, length), position)
                position += length
                continue
            self._read_into(name, reader, offset, buffer[filled:filled + length])
            filled += length
        if filled:
            _write_at(descriptor, buffer[:filled], position)
            position += filled
        if hasattr(os, "posix_fadvise"):
            # Linux starts writing the part to disk now, so the final sync waits for little.
            os.posix_fadvise(descriptor, start, position - start, os.POSIX_FADV_DONTNEED)

    def _read_into(self, name: str, descriptor: int, offset: int, target: memoryview) -> None:
        if hasattr(os, "preadv"):
            if os.preadv(descriptor, [target], offset) != len(target):
                raise self._cut_short(name)
        else:
            target[:] = self._read_at(name, descriptor, offset, len(target))

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
