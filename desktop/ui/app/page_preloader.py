"""Build the pages nobody has opened yet in idle time, after the window's first paint.

Only Home is built before the window shows (the start-up budget, tests/bench/test_startup.py).
Once Home has painted, the heavy libraries (numpy and pyqtgraph for the charts, QtMultimedia
for the videos) are imported on a worker thread, and the other pages are built on the GUI
thread one per idle slice, each then drawn once off screen, so that its first visit only has to
show it (tests/bench/test_page_switch.py: no switch keeps the GUI thread busy for long).
A page the patient opens first is simply built then, as before.
"""

from __future__ import annotations

import importlib
import sys
import threading

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.ui.base import operations

# In this order: the cheap pages first; Progress last.
ORDER = ("week", "diary", "learn", "settings", "exercises", "progress")
WAIT_MS = 20  # how often to look whether the modules have loaded
# Imported on the worker first (no Qt object is made at import time in any of them): the
# libraries, then the pages' own modules. Pages are built once they are all in, so building
# never competes with importing for Python's one interpreter lock.
MODULES = (
    "numpy",
    "numpy.random",  # numpy loads these on first use: the Progress statement's bootstrap and model
    "numpy.linalg",
    "pyqtgraph",
    "desktop.ui.video.video_player",  # QtMultimedia (its logging rules are set at import)
    "desktop.store.diary_writer",  # SQLAlchemy, for the first save
    "desktop.ui.programme.week_page",
    "desktop.ui.pages.diary_page",
    "desktop.ui.pages.learn_page",
    "desktop.ui.settings.settings_page",
    "desktop.ui.settings.clinic_export_card",
    "desktop.ui.settings.reminder_card",
    "desktop.ui.pages.exercises_page",
    "desktop.ui.pages.progress_page",
)


def _import_modules() -> None:
    """On a worker thread: imports only."""
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - the page that needs it says so when it is built
            print(f"supportback: {name} could not be loaded ahead of time: {exc}", file=sys.stderr)
            return


class PagePreloader(QObject):
    """Started with the main window; builds each page still missing, then stops."""

    def __init__(self, window, first_painted: QWidget, keys: tuple[str, ...] = ORDER):
        super().__init__(window)  # goes with the window (a lock): no slice runs after it
        self.window = window
        self.pending = list(keys)
        self.libraries = threading.Thread(target=_import_modules, name="supportback-imports", daemon=True)
        self._watched = first_painted
        first_painted.installEventFilter(self)
        first_painted.update()  # a paint to wait for, also when the window is on show already

    def eventFilter(self, watched, event) -> bool:
        if watched is self._watched and event.type() == QEvent.Paint:
            self._watched.removeEventFilter(self)
            self._watched = None
            QTimer.singleShot(0, self, self._start)
        return False

    @property
    def finished(self) -> bool:
        return not self.pending

    def _start(self) -> None:
        self.libraries.start()
        self._next()

    def _next(self) -> None:
        """One idle slice: a page (or a part of one), or drawing a built one off screen; then yield."""
        if not self.pending:
            return
        if self.libraries.is_alive() or operations.running():  # nor while a backup or re-encryption runs
            QTimer.singleShot(WAIT_MS, self, self._next)
            return
        key = self.pending[0]
        if not self.window.build_step(key):
            QTimer.singleShot(0, self, self._next)  # more of it in the next slice
            return
        self.pending.pop(0)
        QTimer.singleShot(0, self, lambda: self._draw(self.window.page(key)))

    def _draw(self, page: QWidget) -> None:
        page.grab()  # style, layout, fonts and charts drawn once, off screen
        QTimer.singleShot(0, self, self._next)
