"""Start the app: the profile, one instance, a checked database, the window, backups."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.content.loader import ContentError, exercise_catalogue, text
from desktop.domain.clock import Clock, clock_from_environment
from desktop.store import backup
from desktop.store.changes import EVERYTHING
from desktop.store.database import Database, DatabaseCorrupt, open_database
from desktop.store.diary_service import DiaryService
from desktop.store.disk_errors import user_message
from desktop.store.profiles import resolve_profile
from desktop.store.programme_service import ProgrammeService
from desktop.store.schema import DatabaseTooNew
from desktop.store.settings_service import SettingsService
from desktop.ui import startup
from desktop.ui.language_card import apply_language, ask_language_at_first_start
from desktop.ui.main_window import MainWindow
from desktop.ui.signals import AppSignals
from desktop.ui.single_instance import SingleInstance
from desktop.ui.style import DEFAULT_TEXT_SIZE, TEXT_SIZE_SETTING, apply_style

AUTOMATIC_BACKUP_EVERY = dt.timedelta(hours=20)


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


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("SupportBack")
    app.setApplicationDisplayName("SupportBack")
    # Wayland and the Linux task bar match windows to supportback.desktop (and its icon) by this name.
    app.setDesktopFileName("supportback")
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The app's own icon, from the PNGs scripts/make_icons.py renders from app.svg."""
    icon = QIcon()
    for png in sorted((paths.resources_dir() / "icons").glob("app-*.png")):
        icon.addFile(str(png))  # read lazily, at the size a window asks for
    return icon


def backup_if_due(database: Database) -> None:
    newest = backup.list_backups(database.backups_dir)
    if newest and dt.datetime.now(dt.timezone.utc) - newest[0].taken_at < AUTOMATIC_BACKUP_EVERY:
        return
    try:
        database.backup_now()
    except Exception as exc:  # noqa: BLE001 - a failed backup must not stop the diary
        print(f"supportback: automatic backup failed: {user_message(exc, 'no copy was made')}", file=sys.stderr)


def open_checked_database(root: Path, profile: str, interactive: bool) -> Database | None:
    """Open the profile's database, offering a backup if it is damaged. None: do not go on."""
    try:
        return open_database(root, profile)
    except DatabaseTooNew as exc:
        if interactive:
            startup.show_fatal(text("too_new_title"), str(exc))
        print(f"supportback: {exc}", file=sys.stderr)
        return None
    except DatabaseCorrupt as exc:
        print(f"supportback: {exc}", file=sys.stderr)
        if interactive and startup.offer_restore(exc):
            return open_database(root, profile)
        return None


def _programme_content():
    from desktop.content.programme import programme_content

    return programme_content()


def check_content(window: MainWindow) -> str | None:
    """Load and check all the programme's content (after the first paint); the problem, or None."""
    try:
        _ = window.home_page.programme.content
    except ContentError as exc:
        return str(exc)
    return None


def build_window(database: Database, profile: str, app: QApplication, clock: Clock | None = None) -> MainWindow:
    clock = clock or clock_from_environment()
    settings = SettingsService(database)
    apply_language(settings)  # the profile's own language, before any words are read
    diary = DiaryService(database, exercise_catalogue(), clock)
    signals = AppSignals()
    signals.follow(database.changes)  # every page hears of every committed change, whoever made it
    apply_style(app, settings.get(TEXT_SIZE_SETTING, DEFAULT_TEXT_SIZE))
    signals.text_size_changed.connect(lambda size: apply_style(app, size))
    programme = ProgrammeService(database, _programme_content, clock)  # words loaded when first needed
    window = MainWindow(diary, settings, signals, profile, programme)

    def restore(chosen: backup.Backup) -> None:
        from desktop.store.export_state import ExportState

        exports = ExportState(database)
        identity = exports.remembered()  # an older copy must not give the patient a new identity for the clinic
        database.release_connections()
        try:
            backup.restore_backup(chosen, database.path, reason="before-restore")
        except (sqlite3.DatabaseError, OSError) as exc:
            window.settings_page.refresh_backups()
            startup.show_warning(window, text("restore_failed_title"), text("restore_failed", detail=user_message(exc)))
            return
        exports.carry_over(identity)
        database.changes.announce(*EVERYTHING)

    signals.backup_restore_requested.connect(restore)
    return window


def _start_reminders(window: MainWindow) -> None:
    from desktop.ui.reminder_tray import ReminderTray

    home = window.home_page
    window.reminders = ReminderTray(window, home.diary, home.programme, home.settings)
    window.reminders.check()


def _warm_up() -> None:
    """Once the window is up, load what the first save needs, so it is instant."""
    import desktop.store.diary_writer  # noqa: F401  (imports SQLAlchemy)


def run_app(root: Path, profile: str | None, smoke_test: bool = False, started: float | None = None,
            kiosk: bool = False) -> int:
    started = started if started is not None else time.perf_counter()
    app = application()
    interactive = not smoke_test
    if not smoke_test:
        # Several profiles, a PIN or kiosk mode: the profile gate (session_start.py) runs the app.
        from desktop.ui.session_start import run_session

        apply_style(app, DEFAULT_TEXT_SIZE)
        gated = run_session(root, profile, app, kiosk)
        if gated is not None:
            return gated
    profile = resolve_profile(root, profile)

    instance = SingleInstance(paths.profile_dir(root, profile))
    if not instance.acquire(listen=False):
        if instance.ask_running_instance_to_raise():
            print(f"SupportBack is already open for profile {profile!r}; brought that window to the front.")
            return 0
        if interactive:
            startup.show_fatal("SupportBack", text("already_open"))
        print(f"supportback: profile {profile!r} is already open in another SupportBack window.", file=sys.stderr)
        return 1
    try:
        database = open_checked_database(root, profile, interactive)
        if database is None:
            return 1
        try:
            ask_language_at_first_start(database, interactive)  # a new profile, and a choice to make
            try:
                window = build_window(database, profile, app)
            except ContentError as exc:
                if interactive:
                    startup.show_fatal("SupportBack", str(exc))
                print(f"supportback: {exc}", file=sys.stderr)
                return 1
            instance.raise_requested.connect(window.bring_forward)
            if smoke_test:
                return _smoke_test(app, window, started)
            window.show()
            problem = check_content(window)
            if problem:  # a damaged install: never run the programme with words missing
                startup.show_fatal("SupportBack", problem)
                print(f"supportback: {problem}", file=sys.stderr)
                return 1
            QTimer.singleShot(0, instance.listen)
            window.show_start()  # a new profile: the welcome and safety check first
            QTimer.singleShot(0, lambda: backup_if_due(database))
            QTimer.singleShot(100, lambda: _start_reminders(window))
            QTimer.singleShot(50, _warm_up)
            app.exec()
            backup_if_due(database)
            return 0
        finally:
            database.close()
    finally:
        instance.release()


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
