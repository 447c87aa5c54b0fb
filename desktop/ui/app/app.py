"""Start the app: the QApplication, the profile gate when one is needed, else the one profile
(opened by profile_session.ProfileSession, as the gate opens it), and the smoke test."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop.store.profiles import resolve_profile
from desktop.ui.app.main_window import MainWindow
from desktop.ui.app.profile_session import (  # noqa: F401 - also reached from here by tests and tools
    AUTOMATIC_BACKUP_EVERY,
    NotOpened,
    ProfileSession,
    backup_if_due,
    build_window,
    check_content,
    open_checked_database,
    start_reminders,
)
from desktop.ui.base import operations
from desktop.ui.base.application import app_icon, application  # noqa: F401 - also reached from here
from desktop.ui.base.style import DEFAULT_TEXT_SIZE, apply_style


class _FirstPaint(QObject):
    """Notes when a widget first paints."""

    def __init__(self, on_paint):
        super().__init__()
        self._on_paint = on_paint

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Paint and self._on_paint is not None:
            callback, self._on_paint = self._on_paint, None
            QTimer.singleShot(0, callback)
        return False


def run_app(root: Path, profile: str | None, smoke_test: bool = False, started: float | None = None,
            kiosk: bool = False) -> int:
    started = started if started is not None else time.perf_counter()
    app = application()
    interactive = not smoke_test
    if not smoke_test:
        # Several profiles, a PIN or kiosk mode: the profile gate (session_start.py) runs the app.
        from desktop.ui.app.session_start import run_session

        apply_style(app, DEFAULT_TEXT_SIZE)
        gated = run_session(root, profile, app, kiosk)
        if gated is not None:
            return gated
    profile = resolve_profile(root, profile)
    try:
        session = ProfileSession.open(root, profile, app, interactive=interactive)
    except NotOpened as not_opened:
        return not_opened.exit_code
    try:
        if smoke_test:
            return _smoke_test(app, session.window, started)
        if not session.show():
            return 1
        QTimer.singleShot(100, session.window, lambda: start_reminders(session.window))
        app.exec()
        operations.wait_for_all()  # never leave a backup or a re-encryption half done
        backup_if_due(session.database)
        return 0
    finally:
        session.close()


def _smoke_test(app: QApplication, window: MainWindow, started: float) -> int:
    timings: dict[str, int] = {}

    def painted() -> None:
        timings["first_paint_ms"] = round((time.perf_counter() - started) * 1000)
        QTimer.singleShot(0, ready)

    def ready() -> None:
        timings["problem"] = check_content(window)
        timings["ready_ms"] = round((time.perf_counter() - started) * 1000)
        app.quit()

    watcher = _FirstPaint(painted)
    window.home_page.installEventFilter(watcher)
    QTimer.singleShot(30000, app.quit)  # never hang a script
    window.show()
    app.exec()
    window.close()
    if "ready_ms" not in timings:
        print("supportback: the window did not paint within 30 seconds.", file=sys.stderr)
        return 1
    if timings["problem"]:
        print(f"supportback: {timings['problem']}", file=sys.stderr)
        return 1
    print(f"first_paint_ms={timings['first_paint_ms']} ready_ms={timings['ready_ms']}")
    return 0
