"""Checking exports in child processes: decrypt, parse, validate, verify, turn into CSV lines.

Two children work on the next files while the parent merges the previous one, so the
collector uses both cores. A child that takes longer than the time limit on one file is
killed and replaced; a child's address space is capped, so a hostile file cannot exhaust
the machine's memory. Results come back in input order.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import itertools
import math
import multiprocessing
import multiprocessing.connection
import os
import select
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.exchange import age_files, export_reader, table_rows

CHILD_MEMORY_BYTES = 3 * 1024 * 1024 * 1024
# Files queued per child: enough for the parent's longest pause (committing a batch of 1,000
# exports takes some 30-40 ms, during which it sends no paths); with 4 the children ran dry
# then, and collecting 10,000 exports took about 3% longer.
DEPTH = 32
AHEAD = 4 * DEPTH  # results held back at most, waiting for an earlier file
# While every child has more than half its queue, the parent sleeps this long before it waits
# for results, then takes all that are ready: it wakes (and interrupts a checking child) about
# once per few files instead of once per file. At 10,000 exports its CPU per file went from
# about 0.13 to 0.10 ms, and a child was interrupted 0.5 times per file instead of 1.1.
NAP_SECONDS = 0.004
GC_FILES = 64  # files a child checks between collections of reference cycles


@dataclass(frozen=True)
class CheckedExport:
    """What the parent needs from one verified export (the rest of the document stays in the child)."""

    export_id: str
    participant_id: str
    device_key_id: str
    sequence: int
    participant_row: tuple  # exports_collected is filled in by the parent
    lines: dict[str, str] | None  # table name -> finished CSV lines (table_rows.fragments)
    deletions: dict[str, dict[str, str]] | None  # section -> {uuid: deleted_at}; None once spooled
    segments: dict[str, tuple[str, int, int]] | None = None  # table -> (spool file, offset, length) once spooled
    keys: dict[str, str] | None = None  # table -> table_rows.key_lines of its rows, when asked for; None once spooled


class SeenParticipants:
    """Participant ids the collection has met, as bits in memory the parent shares with the
    children it forks (a Bloom filter: it may answer yes for an id it never met, never no for one
    it did). For an export of a participant met before - whose lines will be merged with stored
    ones - a child also writes the (uuid, updated_at) keys of its rows, which lets the parent
    merge without reading the lines themselves. Children started another way (Windows) get
    none: merging then reads the lines."""

    # A megabyte: a wrong yes for about 1 id in 20,000 with 100,000 participants met, 1 in 40 with a million.
    BITS = 1 << 23

    def __init__(self):
        import mmap

        self._bits = mmap.mmap(-1, self.BITS // 8)  # anonymous and shared (MAP_SHARED) where there is fork

    def _places(self, participant_id: str) -> list[int]:
        digest = hashlib.blake2b(participant_id.encode("utf-8"), digest_size=12).digest()
        return [int.from_bytes(digest[i:i + 4], "little") % self.BITS for i in (0, 4, 8)]

    def __contains__(self, participant_id: str) -> bool:
        return all(self._bits[place >> 3] & (1 << (place & 7)) for place in self._places(participant_id))

    def add(self, participant_id: str) -> None:
        # (two processes setting bits of one byte at once may lose one: that only costs a key file)
        for place in self._places(participant_id):
            self._bits[place >> 3] |= 1 << (place & 7)


def check_file(path: Path, secret: str, seen: SeenParticipants | None = None) -> tuple[str, object]:
    """("ok", CheckedExport) or ("rejected", reason). Never raises for a bad file.

    ``seen``: participants met so far; the export's keys are made when its participant is one
    (and the participant is added)."""
    try:
        data = age_files.read_checked(path)
        plaintext = age_files.decrypt_in_process(data, secret)
        del data
        export = export_reader.read_records(plaintext)
    except (age_files.AgeFileError, export_reader.ExportRejected) as exc:
        return "rejected", str(exc)
    except IsADirectoryError:
        return "rejected", "it is a folder"
    except MemoryError:
        return "rejected", "it needs more memory than an export may use"
    except OSError as exc:
        return "rejected", f"it could not be read ({exc.strerror or type(exc).__name__})"
    removed = table_rows.deletions(export.data)
    keys = None
    if seen is not None:
        keys = {} if export.participant_id in seen else None
        seen.add(export.participant_id)
    return "ok", CheckedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                               table_rows.participant_values(export, 0),
                               table_rows.fragments(export.participant_id, export.data, export.columns, removed,
                                                    keys=keys),
                               removed, keys=keys)


# Imported on a child's first file otherwise: the decryption, the signature check.
_CHILD_MODULES = ("pyrage", "pyrage.x25519", "cryptography.exceptions",
                  "cryptography.hazmat.primitives.asymmetric.ed25519")

FAILED = "failed"  # a child could not write its spool file: (errno, message)


class WriteFailed(OSError):
    """A child could not write its spool file (a full disk): the collection cannot go on."""


DELETIONS_SEGMENT = "deletions"  # the export's tombstones, "section,uuid,deleted_at" lines
KEYS_SEGMENT = "keys:"  # + table name: the keys of the export's rows in that table (table_rows.key_lines)


def deletion_lines(deletions: dict[str, dict[str, str]]) -> str:
    # Each field matches a schema pattern without commas or line breaks.
    return "".join(f"{section},{uuid},{when}\n" for section, gone in deletions.items() for uuid, when in gone.items())


def read_deletion_lines(text: str) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        section, uuid, when = line.split(",")
        found.setdefault(section, {})[uuid] = when
    return found


def _spooled(export: CheckedExport, spool: int, name: str) -> CheckedExport:
    """The export's lines (and its tombstones, which may be many) appended to this child's spool
    file; the parent gets only where they are, so what it holds per file stays small."""
    offset = os.lseek(spool, 0, os.SEEK_END)
    segments, texts = {}, []
    keys = [(KEYS_SEGMENT + table, text) for table, text in (export.keys or {}).items()]
    for table, text in (*export.lines.items(), (DELETIONS_SEGMENT, deletion_lines(export.deletions)), *keys):
        length = len(text) if text.isascii() else len(text.encode("utf-8"))
        segments[table] = (name, offset, length)
        offset += length
        texts.append(text)
    data = "".join(texts).encode("utf-8")
    while data:
        data = data[os.write(spool, data):]
    return replace(export, lines=None, deletions=None, keys=None, segments=segments)


def _work(connection, parent_end, secret: str, spool_path: str,
          seen: SeenParticipants | None = None) -> None:  # runs in a child process
    if parent_end is not None:
        parent_end.close()
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the size caps still apply
    spool = os.open(spool_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o600)
    name = os.path.basename(spool_path)
    # An export decodes into thousands of objects freed by reference counting alone: automatic
    # cycle collection would only rescan them (and the heap inherited from the parent). Cycles
    # (a rejected file's traceback) are collected every GC_FILES files instead.
    gc.freeze()
    gc.disable()
    for count in itertools.count(1):
        if count % GC_FILES == 0:
            gc.collect()
        try:
            path = connection.recv()
        except EOFError:
            return
        if path is None:
            return
        try:
            result = check_file(Path(path), secret, seen)
            if result[0] == "ok":
                result = ("ok", _spooled(result[1], spool, name))
        except OSError as exc:  # (check_file reports a file it cannot read) the spool file could not be
            result = (FAILED, (exc.errno, exc.strerror or str(exc)))  # written, a full disk: the collection stops
        except Exception as exc:  # noqa: BLE001 - a bad file must never stop the collection
            result = ("rejected", f"it could not be checked ({type(exc).__name__})")
        connection.send(result)


class _Worker:
    def __init__(self, secret: str, spool_path: Path, seen: SeenParticipants | None = None):
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        self.connection, child = context.Pipe()
        shared = self.connection if method == "fork" else None
        seen = seen if method == "fork" else None  # (shared memory inherited by forking only)
        self.process = context.Process(target=_work, args=(child, shared, secret, str(spool_path), seen),
                                       daemon=True)
        self.process.start()
        child.close()

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.connection.send(None)  # asked to finish: other children may hold a copy of this pipe
            except OSError:
                pass
        self.connection.close()
        if not kill:
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


class WorkerPool:
    """Children checking files; each writes the lines of accepted exports to its own spool file
    (a new one for every child started) in the folder ``spools``."""

    def __init__(self, secret: str, spools: Path, workers: int = 2, seconds: float = age_files.DECRYPT_SECONDS):
        self.secret = secret
        self.seconds = seconds
        self.spools = spools
        self.workers: list[_Worker | None] = [None] * max(1, workers)
        # One poll set for the whole run (multiprocessing's wait() builds one per call); where
        # there is no poll (Windows), wait() it is.
        self._poll = select.poll() if hasattr(select, "poll") else None
        self._polled: dict[int, int] = {}  # descriptor -> child index
        self.seen = SeenParticipants()
        export_reader.fast_decoder()  # compiled once here; forked children inherit it
        for module in _CHILD_MODULES:  # so does what they import (each would take tens of ms)
            importlib.import_module(module)

    def close(self) -> None:
        for index, worker in enumerate(self.workers):
            if worker is not None:
                self._unpoll(worker)
                worker.stop()
            self.workers[index] = None

    def _worker(self, index: int) -> _Worker:
        if self.workers[index] is None:
            worker = self.workers[index] = _Worker(self.secret, self.spools / f"{uuid.uuid4().hex}.lines", self.seen)
            if self._poll is not None:
                self._poll.register(worker.connection.fileno(), select.POLLIN)
                self._polled[worker.connection.fileno()] = index
        return self.workers[index]

    def _unpoll(self, worker: _Worker) -> None:
        if self._poll is not None and not worker.connection.closed:
            self._poll.unregister(worker.connection.fileno())
            del self._polled[worker.connection.fileno()]

    def check(self, paths: Iterable[Path]) -> Iterator[tuple[Path, str, object]]:
        """(path, status, CheckedExport or reason) for every path, in input order.

        Each child keeps up to DEPTH files queued (the next file goes to the child with the
        fewest) and gets another as soon as it hands one back; results wait in a small reorder
        buffer (at most AHEAD files past the oldest unfinished one) until their turn. A file's
        time limit runs from when its child starts it.
        """
        queues: list[deque[list]] = [deque() for _ in self.workers]  # [number, path, time sent]
        try:
            yield from self._check(paths, queues)
        finally:  # stopped early: children still busy with files nobody will ask about are replaced
            for index, queue in enumerate(queues):
                if queue:
                    self._replace(index)

    def _check(self, paths: Iterable[Path], queues: list[deque[list]]) -> Iterator[tuple[Path, str, object]]:
        finished_at = [0.0] * len(self.workers)  # when each child last handed back a result
        ready: dict[int, tuple[Path, str, object]] = {}
        source = enumerate(paths)
        exhausted, turn, sent = False, 0, 0
        while True:
            while not exhausted and sent - turn < AHEAD:
                # The next file goes to the child with the fewest queued (a few files keep both busy).
                index = min(range(len(queues)), key=lambda i: len(queues[i]))
                queue = queues[index]
                if len(queue) >= DEPTH:
                    break
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                queue.append([item[0], item[1], self._send(index, item[1], earlier=bool(queue))])
                sent += 1
            while turn in ready:
                yield ready.pop(turn)
                turn += 1
            if not any(queues):
                if exhausted:
                    return
                continue
            if all(len(queue) > DEPTH // 2 for queue in queues):
                time.sleep(NAP_SECONDS)  # every child has plenty to do: let a few results gather
            for index, answered in self._wait(queues, finished_at):
                while True:  # every result this child has ready
                    number, path, started = queues[index].popleft()
                    status, value = self._result(index, max(started, finished_at[index]), answered)
                    finished_at[index] = time.monotonic()
                    ready[number] = (path, status, value)
                    if self.workers[index] is None:  # it was stopped: give its queued files to a new child
                        for position, item in enumerate(queues[index]):
                            item[2] = self._send(index, item[1], earlier=position > 0)
                        break
                    if not (queues[index] and self.workers[index].connection.poll(0)):
                        break

    def _wait(self, queues: list[deque], finished_at: list[float]) -> list[tuple[int, bool]]:
        """(child, whether it answered) for children with a result ready (or that died), or
        whose current file ran out of time."""
        now = time.monotonic()
        busy = [i for i, q in enumerate(queues) if q]
        deadlines = {i: max(queues[i][0][2], finished_at[i]) + self.seconds for i in busy}
        timeout = max(0.0, min(deadlines.values()) - now)
        if self._poll is None:
            connections = {self.workers[i].connection: i for i in busy}
            done = {connections[c] for c in multiprocessing.connection.wait(list(connections), timeout=timeout)}
        else:
            done = {self._polled[fd] for fd, _ in self._poll.poll(math.ceil(timeout * 1000))}
            for index in done.difference(busy):  # an idle child that died: start afresh when needed
                self._replace(index)
            done.intersection_update(busy)
        late = {i for i in busy if deadlines[i] <= time.monotonic()}
        return [(index, index in done) for index in sorted(done | late)]

    def _send(self, index: int, path: Path, earlier: bool) -> float:
        try:
            self._worker(index).connection.send(str(path))
        except OSError:
            if earlier:  # it died on a file it holds: _result blames that one, then sends the rest again
                return time.monotonic()
            self._replace(index)
            self._worker(index).connection.send(str(path))
        return time.monotonic()

    def _result(self, index: int, started: float, answered: bool = False) -> tuple[str, object]:
        worker = self.workers[index]
        left = max(0.0, self.seconds - (time.monotonic() - started))
        try:
            result = worker.connection.recv() if answered or worker.connection.poll(left) else None
        except (EOFError, OSError):
            self._replace(index)
            return "rejected", "checking it stopped unexpectedly (it may need too much memory)"
        if result is None:
            self._replace(index)
            return "rejected", f"checking it took longer than {self.seconds:g} seconds and was stopped"
        if result[0] == FAILED:
            raise WriteFailed(*result[1])
        return result

    def _replace(self, index: int) -> None:
        worker = self.workers[index]
        if worker is not None:
            self._unpoll(worker)
            worker.stop(kill=True)
        self.workers[index] = None
