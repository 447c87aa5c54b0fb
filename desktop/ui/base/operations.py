"""Slow work off the GUI thread, in the spirit of Anki's CollectionOp.

``run`` starts ``work`` on a worker thread and returns at once. While it runs the window
shows it is busy (a busy cursor, a calm message in the given label, the controls that started
it disabled, or the whole window for work that rewrites the diary file) and its event loop
keeps serving paints and timers. The result, or the error, comes back on the GUI thread
through a queued signal, to ``done`` or ``failed``; with no ``failed`` an error is shown as a
plain message, so nothing goes unsaid.

Work never touches a widget. It may call the store: reads open their own SQLite connection
per transaction and writes take a pooled one (never shared between threads); a change a write
announces reaches the pages through AppSignals, which passes it on to the GUI thread.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from desktop.content.loader import text
from desktop.store.disk_errors import user_message

_pool: QThreadPool | None = None
_running: set[Operation] = set()


def _threads() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


class Operation(QObject):
    """One piece of slow work; lives on the GUI thread, its work on a worker."""

    finished = Signal(object)  # the result (after ``done`` was called)
    failed = Signal(object)  # the exception (after ``failed`` or the message)
    _arrived = Signal(bool, object)  # emitted on the worker thread, queued to the GUI thread

    def __init__(self, parent: QWidget, work: Callable[[], Any], done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None, status: QLabel | None, message: str,
                 controls: Iterable[QWidget], block_window: bool, error_title: str):
        super().__init__()
        self.parent, self.work, self.done, self.on_error = parent, work, done, on_error
        self.status, self.error_title = status, error_title
        self.controls = [(widget, widget.isEnabled()) for widget in controls]
        self.window = parent.window() if block_window else None
        self._arrived.connect(self._deliver, Qt.QueuedConnection)
        QApplication.setOverrideCursor(Qt.BusyCursor)  # busy, yet still answering
        for widget, _enabled in self.controls:
            widget.setEnabled(False)
        if self.window is not None:
            self.window.setEnabled(False)
        if status is not None and message:
            status.setText(message)

    def _run(self) -> None:  # on the worker thread
        try:
            result = self.work()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the person
            self._arrived.emit(False, exc)
        else:
            self._arrived.emit(True, result)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        _running.discard(self)
        QApplication.restoreOverrideCursor()
        for widget, enabled in self.controls:
            if shiboken6.isValid(widget):
                widget.setEnabled(enabled)
        if self.window is not None and shiboken6.isValid(self.window):
            self.window.setEnabled(True)
        shown = shiboken6.isValid(self.parent)
        if ok:
            if shown and self.done is not None:
                self.done(value)
            self.finished.emit(value)
            return
        if shown and self.on_error is not None:
            self.on_error(value)
        elif shown:
            if self.status is not None and shiboken6.isValid(self.status):
                self.status.setText("")
            QMessageBox.warning(self.parent, self.error_title or text("operation_failed_title"),
                                user_message(value, text("operation_nothing_changed")))
        else:  # the window went (the profile was locked): say it where it can still be read
            print(f"supportback: {user_message(value, text('operation_nothing_changed'))}", file=sys.stderr)
        self.failed.emit(value)


class _Job(QRunnable):
    def __init__(self, operation: Operation):
        super().__init__()
        self.operation = operation

    def run(self) -> None:
        self.operation._run()


def run(parent: QWidget, work: Callable[[], Any], done: Callable[[Any], None] | None = None, *,
        failed: Callable[[BaseException], None] | None = None, status: QLabel | None = None, message: str = "",
        controls: Iterable[QWidget] = (), block_window: bool = False, error_title: str = "") -> Operation:
    """Run ``work()`` on a worker thread; ``done(result)`` or ``failed(error)`` on the GUI thread.

    ``block_window``: disable the whole window while it runs (work that replaces the diary file,
    when no other page may read it half-way). ``done`` and ``failed`` are skipped when ``parent``
    has gone by then.
    """
    operation = Operation(parent, work, done, failed, status, message, controls, block_window, error_title)
    _running.add(operation)
    _threads().start(_Job(operation))
    return operation


def wait_for(parent: QWidget, work: Callable[[], Any], *, status: QLabel | None = None, message: str = "") -> Any:
    """``work()``'s result (or its error, raised) for a step that cannot go on without it, such
    as a PIN check inside a longer dialog flow. The work runs on a worker thread while a local
    event loop keeps serving paints and timers (not clicks or keys: the window is held still,
    as under a dialog)."""
    loop = QEventLoop()
    outcome: list = []

    def arrived(ok: bool, value: object) -> None:
        outcome.append((ok, value))
        loop.quit()

    operation = run(parent, work, lambda value: arrived(True, value), failed=lambda exc: arrived(False, exc),
                    status=status, message=message)
    operation.failed.connect(lambda exc: outcome or arrived(False, exc))  # the parent went meanwhile
    operation.finished.connect(lambda value: outcome or arrived(True, value))
    if not outcome:
        loop.exec(QEventLoop.ExcludeUserInputEvents)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def running() -> bool:
    """Whether any operation has not yet delivered its result."""
    return bool(_running)


def wait_for_all() -> None:
    """Let running work finish (before locking or quitting: a file half-rewritten helps nobody)."""
    if _pool is not None:
        _pool.waitForDone()
    QApplication.processEvents()  # deliver what they sent back
