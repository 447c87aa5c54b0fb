"""Opening one profile, the same way on every path: a home start (`--profile`), the profile
picker, kiosk mode, a second launch bringing the open window forward.

``ProfileSession.open`` takes the profile's one-instance lock, opens and checks its database
(offering a backup when it is damaged) and builds its window; ``show`` puts the window up,
checks the programme's content, listens for a second launch and starts the background work
(pages in idle time, a backup when one is due). ``close`` lets everything go again.

The module imports none of the start-up modules that use it (app.py, app_session.py,
session_start.py), so start-up has no import circle: app -> session_start -> app_session ->
profile_session -> startup.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop import paths
from desktop.content.loader import ContentError, exercise_catalogue, text
from desktop.domain.clock import Clock, clock_from_environment
from desktop.security import keys
from desktop.store import backup
from desktop.store.database import Database, DatabaseCorrupt, open_database
from desktop.store.diary_service import DiaryService
from desktop.store.disk_errors import user_message
from desktop.store.programme_service import ProgrammeService
from desktop.store.schema import DatabaseTooNew
from desktop.store.settings_service import SettingsService
from desktop.ui.app.main_window import MainWindow
from desktop.ui.base import operations, startup
from desktop.ui.base.clinic_policy import HOME, ClinicPolicy
from desktop.ui.base.signals import AppSignals
from desktop.ui.base.single_instance import SingleInstance
from desktop.ui.base.style import DEFAULT_TEXT_SIZE, TEXT_SIZE_SETTING, apply_style

AUTOMATIC_BACKUP_EVERY = dt.timedelta(hours=20)


class NotOpened(Exception):
    """The profile was not opened; the person has been told why. ``exit_code`` 0: its window,
    open in another SupportBack, was brought to the front instead."""

    def __init__(self, exit_code: int = 1):
        super().__init__(exit_code)
        self.exit_code = exit_code


def backup_if_due(database: Database) -> None:
    newest = backup.list_backups(database.backups_dir)
    if newest and dt.datetime.now(dt.UTC) - newest[0].taken_at < AUTOMATIC_BACKUP_EVERY:
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


def build_window(database: Database, profile: str, app: QApplication, clock: Clock | None = None,
                 policy: ClinicPolicy = HOME) -> MainWindow:
    from desktop.ui.settings.language_card import apply_language

    clock = clock or clock_from_environment()
    settings = SettingsService(database)
    apply_language(settings)  # the profile's own language, before any words are read
    diary = DiaryService(database, exercise_catalogue(), clock)
    signals = AppSignals()
    signals.follow(database.changes)  # every page hears of every committed change, whoever made it
    apply_style(app, settings.get(TEXT_SIZE_SETTING, DEFAULT_TEXT_SIZE))
    signals.text_size_changed.connect(lambda size: apply_style(app, size))
    programme = ProgrammeService(database, _programme_content, clock)  # words loaded when first needed
    window = MainWindow(diary, settings, signals, profile, programme, policy)
    signals.backup_restore_requested.connect(lambda chosen: _restore(window, database, chosen))
    _start_folder_sync(window, database, signals, clock, policy)
    return window


def _start_folder_sync(window: MainWindow, database: Database, signals: AppSignals, clock: Clock,
                       policy: ClinicPolicy) -> None:
    """Keep my clinic up to date: folder exports while the window is open (none when turned off)."""
    from desktop.exchange.folder_export import FolderSync
    from desktop.ui.app.folder_sync_runner import FolderSyncRunner

    window.folder_sync = FolderSyncRunner(FolderSync(database, clock, policy.folder_target()), signals, window)
    window.folder_sync.start()


def _restore(window: MainWindow, database: Database, chosen: backup.Backup) -> None:
    import sqlite3

    from desktop.store.changes import EVERYTHING
    from desktop.store.export_state import ExportState

    exports = ExportState(database)
    identity = exports.remembered()  # an older copy must not give the patient a new identity for the clinic
    database.release_connections()

    def restored(_path) -> None:
        exports.carry_over(identity)
        database.changes.announce(*EVERYTHING)

    def failed(exc: BaseException) -> None:
        window.settings_page.refresh_backups()
        if not isinstance(exc, (sqlite3.DatabaseError, OSError)):
            raise exc
        startup.show_warning(window, text("restore_failed_title"), text("restore_failed", detail=user_message(exc)))

    # The file is replaced on a worker thread; no page reads it meanwhile (the window is held still).
    operations.run(window, lambda: backup.restore_backup(chosen, database.path, reason="before-restore"), restored,
                   failed=failed, status=window.settings_page.backup_status, message=text("busy_restore"),
                   block_window=True)


def start_reminders(window: MainWindow) -> None:
    from desktop.ui.app.reminder_tray import ReminderTray

    home = window.home_page
    window.reminders = ReminderTray(window, home.diary, home.programme, home.settings)
    window.reminders.check()


def _tell(parent: QWidget | None, message: str) -> None:
    """A problem that stops the opening: on screen (over the picker, or on its own) and on stderr."""
    if parent is None:
        startup.show_fatal("SupportBack", message)
    else:
        startup.show_warning(parent, "SupportBack", message)


class ProfileSession:
    """One open profile: its one-instance lock, its checked database, its window."""

    def __init__(self, root: Path, profile: str, instance: SingleInstance, database: Database, window: MainWindow):
        self.root, self.profile, self.instance, self.database, self.window = root, profile, instance, database, window

    @classmethod
    def open(cls, root: Path, profile: str, app: QApplication, *, policy: ClinicPolicy = HOME,
             interactive: bool = True, parent: QWidget | None = None) -> ProfileSession:
        """Lock, open, check and build; raises NotOpened (the person told why) when it cannot."""
        instance = SingleInstance(paths.profile_dir(root, profile))
        if not instance.acquire(listen=False):
            if instance.ask_running_instance_to_raise():
                print(f"SupportBack is already open for profile {profile!r}; brought that window to the front.")
                raise NotOpened(0)
            if interactive:
                _tell(parent, text("already_open"))
            print(f"supportback: profile {profile!r} is already open in another SupportBack window.", file=sys.stderr)
            raise NotOpened(1)
        database = open_checked_database(root, profile, interactive)
        if database is None:
            instance.release()
            raise NotOpened(1)
        try:
            from desktop.ui.settings.language_card import ask_language_at_first_start

            ask_language_at_first_start(database, interactive, parent)  # a new profile, and a choice to make
            window = build_window(database, profile, app, policy=policy)
        except ContentError as exc:
            database.close()
            instance.release()
            if interactive:
                _tell(parent, str(exc))
            print(f"supportback: {exc}", file=sys.stderr)
            raise NotOpened(1) from exc
        instance.raise_requested.connect(window.bring_forward)  # a second launch brings it forward
        return cls(root, profile, instance, database, window)

    def show(self, present: Callable[[QWidget], None] = QWidget.show, parent: QWidget | None = None,
             prepare: Callable[[], None] | None = None) -> bool:
        """Check the content, then ``prepare`` and put the window up; False (the person told why,
        the window never shown) when the content is damaged."""
        window = self.window
        problem = check_content(window)
        if problem:  # a damaged install: never run the programme with words missing
            _tell(parent, problem)
            print(f"supportback: {problem}", file=sys.stderr)
            return False
        if prepare is not None:
            prepare()
        present(window)
        QTimer.singleShot(0, window, self.instance.listen)
        window.show_start()  # a new profile: the welcome and safety check first
        window.when_idle_load_pages()
        QTimer.singleShot(0, window, self._back_up_if_due)
        return True

    def _back_up_if_due(self) -> None:
        """The day's automatic copy, on a worker thread; Settings lists it once it is made."""
        def made(_none) -> None:
            settings = self.window.page_if_built("settings")
            if settings is not None:
                settings.refresh_backups()

        operations.run(self.window, lambda: backup_if_due(self.database), made)

    def discard(self) -> None:
        """Close a profile whose window was never shown: the window goes at once, with its timers."""
        shiboken6.delete(self.window)
        self.close()

    def close(self) -> None:
        """Let the profile go: its connections, its one-instance lock and its database key."""
        self.database.release_connections()
        self.instance.release()
        keys.forget(paths.profile_dir(self.root, self.profile))  # its database key leaves with it
