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


PART_BYTES = 32 * 1024 * 1024  # write_files copies in parts of this size, several at once
WRITE_BYTES = 4 * 1024 * 1024  # each through a buffer of this size
# Direct writes (O_DIRECT) need positions, lengths and memory in whole blocks; 4 KiB suits the
# disks that have smaller blocks too. PART_BYTES and WRITE_BYTES must be multiples of it.
BLOCK_BYTES = 4096


def _parts(head: bytes, pieces: list[tuple[str, int, int]]) -> list[tuple[int, list[tuple]]]:
    """(position in the file, [(spool file or None for ``head``, offset, length)]) for each
    PART_BYTES of a file made of ``head`` and the pieces: a piece may end one part and begin
    the next, so every part but the last is exactly PART_BYTES long (its writes stay aligned)."""
    parts: list[tuple[int, list[tuple]]] = []
    segments: list[tuple] = []
    start = position = 0
    for name, offset, length in ((None, 0, len(head)), *pieces):
        while length:
            take = min(length, start + PART_BYTES - position)
            segments.append((name, offset, take))
            position, offset, length = position + take, offset + take, length - take
            if position == start + PART_BYTES:
                parts.append((start, segments))
                segments, start = [], position
    if segments:
        parts.append((start, segments))
    return parts


def _write_at(descriptor: int, data, position: int) -> None:
    view = memoryview(data)
    while view:
        if hasattr(os, "pwrite"):
            done = os.pwrite(descriptor, view, position)
        else:  # (one thread only: see write_files)
            os.lseek(descriptor, position, os.SEEK_SET)
            done = os.write(descriptor, view)
        view = view[done:]
        position += done


def _write_direct(descriptor: int, data: memoryview, position: int) -> int:
    """How much of ``data`` (from its start, whole blocks only) was written past the page cache;
    the caller writes the rest the usual way. 0 where the file system refuses direct writes."""
    done = 0
    whole = len(data) // BLOCK_BYTES * BLOCK_BYTES
    while done < whole:
        try:
            written = os.pwrite(descriptor, data[done:whole], position + done)
        except OSError:  # (EINVAL: blocks larger than BLOCK_BYTES, or no direct writes after all)
            break
        done += written
        if written % BLOCK_BYTES:
            break  # (a short write off a block boundary: the rest goes the usual way)
    return done


class SpoolError(RuntimeError):
    """A piece of a spool file is missing (the output folder was changed by hand)."""


class Spools:
    def __init__(self, folder: Path):
        folder.mkdir(exist_ok=True)
        self.folder = folder
        self._readers: dict[str, int] = {}
        self._lock = threading.Lock()  # the table files are written by several threads at once
        self._buffers = threading.local()  # write_files' buffer in each of its threads
        self._writer: tuple[str, int] | None = None

    def new_path(self) -> Path:
        return self.folder / f"{uuid.uuid4().hex}{SUFFIX}"

    def _descriptor(self, name: str) -> int:
        descriptor = self._readers.get(name)  # (open already: the usual case, no lock needed)
        if descriptor is not None:
            return descriptor
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

        The files are copied in parts of PART_BYTES, ``threads`` parts at a time, each written
        into its place in its file, so that a large table is not copied alone. A part's pieces
        are read with one pread each into a buffer of WRITE_BYTES (on ext4, half the system time
        of a copy_file_range per piece, which goes through splice). Where the file system
        allows, the buffer goes straight to the disk (O_DIRECT): on this VM, putting a gigabyte
        of tables in the page cache first cost 0.5 to 4 s of system time, depending on how
        recently its memory pages were used, while direct writes took 0.05 s and the tables are
        not read back. Each direct write waits for the disk: several threads keep it busy.
        """
        direct = getattr(os, "O_DIRECT", 0) if hasattr(os, "pwrite") else 0
        if not hasattr(os, "pwrite"):
            threads = 1  # (Windows: seek and write, which threads sharing a file cannot do)
        made: list[tuple[int, int | None, Path, Path]] = []
        try:
            parts = []
            for target, head, pieces in files:
                temp = target.with_name(f".{target.name}.tmp")
                descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | BINARY, 0o666)
                made.append((descriptor, None, temp, target))
                direct_descriptor = None
                if direct:
                    try:
                        direct_descriptor = os.open(temp, os.O_WRONLY | direct)
                    except OSError:
                        pass  # (a file system without direct writes, such as tmpfs)
                    else:
                        made[-1] = (descriptor, direct_descriptor, temp, target)
                        os.ftruncate(descriptor, len(head) + sum(piece[2] for piece in pieces))
                parts += [(descriptor, direct_descriptor, head, *part) for part in _parts(head, pieces)]
            self._run(threads, [(self._copy_part, part) for part in parts])
            self._run(threads, [(os.fsync, (descriptor,)) for descriptor, *_ in made])
        except BaseException:
            for descriptor, direct_descriptor, temp, _ in made:
                self._close(descriptor, direct_descriptor)
                temp.unlink(missing_ok=True)
            raise
        for descriptor, direct_descriptor, temp, target in made:
            self._close(descriptor, direct_descriptor)
            os.replace(temp, target)

    @staticmethod
    def _close(*descriptors: int | None) -> None:
        for descriptor in descriptors:
            if descriptor is not None:
                os.close(descriptor)

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

    def _copy_part(self, descriptor: int, direct_descriptor: int | None, head: bytes, position: int,
                   segments: list[tuple]) -> None:
        # One buffer per thread, read into and written from: page-aligned memory, as direct writes
        # need (fresh memory for every write would also cost a page fault per 4 KiB).
        view = getattr(self._buffers, "view", None)
        if view is None or len(view) != WRITE_BYTES:
            import mmap

            view = self._buffers.view = memoryview(mmap.mmap(-1, WRITE_BYTES))
        start, filled = position, 0
        readers: dict[str, int] = {}
        for name, offset, length in segments:
            while length:
                take = min(length, WRITE_BYTES - filled)
                if name is None:
                    view[filled:filled + take] = head[offset:offset + take]
                else:
                    reader = readers.get(name)
                    if reader is None:
                        reader = readers[name] = self._descriptor(name)
                    self._read_into(name, reader, offset, view[filled:filled + take])
                filled, offset, length = filled + take, offset + take, length - take
                if filled == WRITE_BYTES:
                    direct_descriptor = self._write_out(descriptor, direct_descriptor, view, position)
                    position, filled = position + filled, 0
        if filled:
            self._write_out(descriptor, direct_descriptor, view[:filled], position)
            position += filled
        if direct_descriptor is None and hasattr(os, "posix_fadvise"):
            # Through the page cache: Linux starts writing the part to disk now, so the final
            # sync waits for little.
            os.posix_fadvise(descriptor, start, position - start, os.POSIX_FADV_DONTNEED)

    @staticmethod
    def _write_out(descriptor: int, direct_descriptor: int | None, data: memoryview, position: int) -> int | None:
        """Write ``data`` at ``position``: straight to the disk what can go so, the rest through the
        page cache. Returns the direct descriptor to use from now on (None once it failed)."""
        done = 0
        if direct_descriptor is not None and position % BLOCK_BYTES == 0:
            done = _write_direct(direct_descriptor, data, position)
            if done < len(data) // BLOCK_BYTES * BLOCK_BYTES:
                direct_descriptor = None
        if done < len(data):
            _write_at(descriptor, data[done:], position + done)
        return direct_descriptor

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
