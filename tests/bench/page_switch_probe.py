"""Run in a fresh interpreter by test_page_switch.py (add `lazy` to leave out the idle-time loading):
open a 1-year profile's main window as the app does, then time every page switch (first and later
visits) and every idle slice in between.

Prints one JSON line: {"first": {key: ms}, "later": {key: ms}, "idle_worst_ms": ms, "paint_ms": ms,
"preloaded": bool}: idle_worst_ms is the longest the GUI thread was busy while pages loaded in idle time.
The time of a switch is the GUI thread's time from the click to the page painted.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication


class Heartbeat(QObject):
    """A 5 ms timer: the longest gap between its ticks is the longest the GUI thread was busy."""

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer(self)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now


def settle(_app: QApplication, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(root: str, profile: str, preload: bool = True) -> None:
    started = time.perf_counter()
    from desktop.ui.app.app import application, build_window, open_checked_database

    app = application()
    database = open_checked_database(Path(root), profile, interactive=False)
    window = build_window(database, profile, app)
    window.show()
    if preload:
        window.when_idle_load_pages()
    heartbeat = Heartbeat()
    app.processEvents()
    paint_ms = (time.perf_counter() - started) * 1000
    settle(app, 4000)  # the idle time after the first paint: pages load one slice at a time
    heartbeat.timer.stop()
    idle = heartbeat.gaps
    first, later = {}, {}
    for visits in (first, later):
        for key in window.section_keys():
            if key == window.current_section():
                continue
            before = time.perf_counter()
            window.show_page(key)
            window.repaint()
            app.processEvents()
            visits[key] = round((time.perf_counter() - before) * 1000, 1)
            settle(app, 50)
        window.show_page("home")
        settle(app, 50)
    print(json.dumps({"first": first, "later": later, "idle_worst_ms": round(max(idle), 1),
                      "paint_ms": round(paint_ms), "preloaded": preload and window.preloader.finished}))
    database.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], preload=sys.argv[3:] != ["lazy"])
