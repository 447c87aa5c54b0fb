"""Checking exports in child processes: decrypt, parse, validate, verify, turn into rows.

Two children work on the next files while the parent merges the previous one, so the
collector uses both cores. A child that takes longer than the time limit on one file is
killed and replaced; a child's address space is capped, so a hostile file cannot exhaust
the machine's memory. Results come back in input order.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.exchange import age_files, export_reader
from desktop.exchange import research_tables as rt

CHILD_MEMORY_BYTES = 3 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class CheckedExport:
    """What the parent needs from one verified export (the rest of the document stays in the child)."""

    export_id: str
    participant_id: str
    device_key_id: str
    sequence: int
    participant_row: tuple  # exports_collected is filled in by the parent
    rows: dict[str, list[tuple]]


def check_file(path: Path, secret: str) -> tuple[str, object]:
    """("ok", CheckedExport) or ("rejected", reason). Never raises for a bad file."""
    try:
        data = age_files.read_checked(path)
        plaintext = age_files.decrypt_in_process(data, secret)
        del data
        export = export_reader.read_export(plaintext)
    except (age_files.AgeFileError, export_reader.ExportRejected) as exc:
        return "rejected", str(exc)
    except IsADirectoryError:
        return "rejected", "it is a folder"
    except MemoryError:
        return "rejected", "it needs more memory than an export may use"
    except OSError as exc:
        return "rejected", f"it could not be read ({exc.strerror or type(exc).__name__})"
    rows = {table.name: rt.rows_for(table, export.data) for table in rt.ROW_TABLES}
    return "ok", CheckedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                               rt.participant_row(export, 0), rows)


def _work(connection, parent_end, secret: str) -> None:  # runs in a child process
    if parent_end is not None:
        parent_end.close()
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the size caps still apply
    while True:
        try:
            path = connection.recv()
        except EOFError:
            return
        try:
            result = check_file(Path(path), secret)
        except Exception as exc:  # noqa: BLE001 - a bad file must never stop the collection
            result = ("rejected", f"it could not be checked ({type(exc).__name__})")
        connection.send(result)


class _Worker:
    def __init__(self, secret: str):
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        self.connection, child = context.Pipe()
        shared = self.connection if method == "fork" else None
        self.process = context.Process(target=_work, args=(child, shared, secret), daemon=True)
        self.process.start()
        child.close()

    def stop(self, kill: bool = False) -> None:
        self.connection.close()
        if not kill:
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


class WorkerPool:
    def __init__(self, secret: str, workers: int = 2, seconds: float = age_files.DECRYPT_SECONDS):
        self.secret = secret
        self.seconds = seconds
        self.workers: list[_Worker | None] = [None] * max(1, workers)

    def close(self) -> None:
        for index, worker in enumerate(self.workers):
            if worker is not None:
                worker.stop()
            self.workers[index] = None

    def _worker(self, index: int) -> _Worker:
        if self.workers[index] is None:
            self.workers[index] = _Worker(self.secret)
        return self.workers[index]

    def check(self, paths: Iterable[Path]) -> Iterator[tuple[Path, str, object]]:
        """(path, status, CheckedExport or reason) for every path, in order."""
        pending: deque[tuple[Path, int, float]] = deque()
        free = deque(range(len(self.workers)))
        source = iter(paths)
        exhausted = False
        while True:
            while free and not exhausted:
                path = next(source, None)
                if path is None:
                    exhausted = True
                    break
                index = free.popleft()
                try:
                    self._worker(index).connection.send(str(path))
                except OSError:
                    self._replace(index)
                    self._worker(index).connection.send(str(path))
                pending.append((path, index, time.monotonic()))
            if not pending:
                return
            path, index, started = pending.popleft()
            yield (path, *self._result(index, started))
            free.append(index)

    def _result(self, index: int, started: float) -> tuple[str, object]:
        worker = self.workers[index]
        left = max(0.0, self.seconds - (time.monotonic() - started))
        try:
            if worker.connection.poll(left):
                return worker.connection.recv()
        except (EOFError, OSError):
            self._replace(index)
            return "rejected", "checking it stopped unexpectedly (it may need too much memory)"
        self._replace(index)
        return "rejected", f"checking it took longer than {self.seconds:g} seconds and was stopped"

    def _replace(self, index: int) -> None:
        worker = self.workers[index]
        if worker is not None:
            worker.stop(kill=True)
        self.workers[index] = None
