"""Who is using the app: the profile gate, one open profile at a time, locking, kiosk mode.

Locking (idle timeout, the Lock button or Ctrl+L) keeps an unsaved diary entry as a draft
and a session in progress (its step and answers: flow_progress.py) in that profile's own
database, drops the main window with every page in it, closes the
profile's database connections and lock, and shows the profile gate again.

Kiosk mode: full screen, every profile needs a PIN, closing either window asks for the
clinic admin PIN. That is only the app's part: a real kiosk also needs the system's own
lock-down (Windows Assigned Access, a Linux kiosk session) so that nobody can switch away.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from desktop import paths
from desktop.content.loader import ContentError, text
from desktop.security import keys
from desktop.security.clinic_config import ClinicConfig
from desktop.security.profile_lock import Throttle
from desktop.security.secret_hash import verify_secret
from desktop.store.database import Database
from desktop.store.disk_errors import user_message
from desktop.store.settings_service import SettingsService
from desktop.ui import startup
from desktop.ui.diary_draft import keep_draft, restore_draft
from desktop.ui.display_name import PICKER_NAMES_PROPERTY
from desktop.ui.flow_progress import keep_progress, offer_kept_progress
from desktop.ui.idle_lock import IdleLock
from desktop.ui.profile_dialogs import ask_secret
from desktop.ui.profile_gate import ProfileGate
from desktop.ui.profile_security_box import (
    AUTO_LOCK_SETTING,
    CLINIC_EXPORT_FOLDER_PROPERTY,
    CLINIC_RECIPIENTS_PROPERTY,
    KIOSK_PROPERTY,
)
from desktop.ui.single_instance import SingleInstance
from desktop.ui.style import DEFAULT_TEXT_SIZE, apply_style

ADMIN_THROTTLE_FILE = "clinic-admin.json"


class AppSession(QObject):
    def __init__(self, root: Path, app: QApplication, config: ClinicConfig, kiosk: bool = False,
                 clock: Callable[[], float] = time.time, interactive: bool = True):
        super().__init__()
        self.root, self.app, self.config, self.clock, self.interactive = root, app, config, clock, interactive
        self.kiosk = kiosk or config.kiosk
        app.setProperty(KIOSK_PROPERTY, self.kiosk)
        app.setProperty(CLINIC_RECIPIENTS_PROPERTY, list(config.recipients))
        app.setProperty(CLINIC_EXPORT_FOLDER_PROPERTY, config.export_folder)
        app.setProperty(PICKER_NAMES_PROPERTY, config.picker_names)
        self.ask_admin_pin: Callable[[QWidget], str | None] = lambda parent: ask_secret(parent, text("admin_pin_ask"))
        self.gate = ProfileGate(root, self.kiosk, config.clinic_name, self.admin_allowed, clock, config.picker_names)
        self.gate.unlocked.connect(self.open_profile)
        self.gate.close_requested.connect(self.request_quit)
        self.idle = IdleLock(app, self)
        self.idle.idle.connect(self.lock_for_idle)
        self.profile: str | None = None
        self.window = None
        self.database: Database | None = None
        self.settings: SettingsService | None = None
        self._instance: SingleInstance | None = None
        self._quitting = False
        self.quit_app: Callable[[], None] = app.quit
        self.guard = None
        if self.kiosk:
            from desktop.ui.kiosk_guard import KioskGuard

            self.guard = KioskGuard(app, self)
            self.guard.install()

    # Showing ------------------------------------------------------------------------
    def _present(self, widget: QWidget) -> None:
        if self.kiosk:
            widget.setWindowFlag(Qt.WindowStaysOnTopHint, True)
            # Also cover the screen ourselves: a bare kiosk session may have no window manager
            # to honour the full-screen request.
            screen = widget.screen() or QApplication.primaryScreen()
            if screen is not None:
                widget.setGeometry(screen.geometry())
            widget.showFullScreen()
        else:
            widget.show()
        widget.raise_()
        widget.activateWindow()

    def start(self, profile: str | None = None) -> None:
        """Show the gate; with a profile named, go straight to it (its PIN page if it has one)."""
        self._present(self.gate)
        if profile is not None:
            self.gate.choose(profile)

    # Opening and locking -----------------------------------------------------------------
    def open_profile(self, profile: str) -> bool:
        from desktop.ui.app import _start_reminders, backup_if_due, build_window, open_checked_database
        from desktop.ui.language_card import ask_language_at_first_start

        if self.window is not None:
            self.lock()
        instance = SingleInstance(paths.profile_dir(self.root, profile))
        if not instance.acquire(listen=False):
            startup.show_warning(self.gate, "SupportBack", text("already_open"))
            return False
        database = open_checked_database(self.root, profile, self.interactive)
        if database is None:
            instance.release()
            return False
        try:
            ask_language_at_first_start(database, self.interactive, self.gate)  # a new profile, and a choice to make
            window = build_window(database, profile, self.app)
        except ContentError as exc:
            database.close()
            instance.release()
            startup.show_warning(self.gate, "SupportBack", str(exc))
            return False
        self.profile, self.window, self.database, self._instance = profile, window, database, instance
        self.settings = SettingsService(database)
        window.installEventFilter(self)
        window.show_whose(self.gate.shown_name(profile))
        self._add_lock_button(window)
        drafted = restore_draft(window, self.settings)
        offer_kept_progress(window, self.settings, go_there=not drafted)  # the diary draft shows first
        self._present(window)
        self.gate.hide()
        window.show_start()  # a new profile: the welcome and safety check first
        if not self.kiosk:  # a shared clinic PC shows no one's reminders in the tray
            _start_reminders(window)
        minutes = self.config.lock_timeout_minutes if self.kiosk else int(self.settings.get(AUTO_LOCK_SETTING, "0") or 0)
        self.idle.start(minutes)
        backup_if_due(database)
        return True

    def _add_lock_button(self, window) -> None:
        # On a clinic's computer the patient is done, not locking anything: "I've finished".
        button = QPushButton(text("finished_button") if self.kiosk else window.tr("Lock"))
        hint = text("finished_button_hint" if self.kiosk else "lock_button_hint")
        button.setObjectName("lockButton")
        button.setToolTip(hint)
        button.setAccessibleDescription(hint)
        button.clicked.connect(lambda _checked=False: self.lock())
        window.side.layout().addWidget(button)
        window.lock_button = button
        QShortcut(QKeySequence("Ctrl+L"), window, activated=lambda: self.lock())

    def lock_for_idle(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            # A question left open (its own event loop is running): answer it "cancel" first and
            # lock once that loop has ended, so no window is destroyed under a running dialog.
            modal.reject() if hasattr(modal, "reject") else modal.close()
            QTimer.singleShot(0, self.lock_for_idle)
            return
        self.lock(text("profiles_locked_idle"))

    def lock(self, notice: str = "") -> None:
        """Back to the gate; no patient data left in any widget, no connection left open."""
        window, self.window = self.window, None
        self.idle.stop()
        if window is None:
            return
        self._keep_unfinished(window)
        self.gate.show_picker(notice)
        self._present(self.gate)  # first, so closing the main window never ends the app
        window.removeEventFilter(self)
        reminders = getattr(window, "reminders", None)
        if reminders is not None and reminders.tray is not None:
            reminders.tray.hide()  # no one's reminder icon left in the tray
        apply_style(self.app, DEFAULT_TEXT_SIZE)  # the next person starts with the usual size
        window.hide()
        window.deleteLater()
        self._close_profile()

    def _keep_unfinished(self, window) -> None:
        """The unsaved diary entry and the session in progress, for the same profile's next time."""
        for keep, what in ((keep_draft, "unsaved diary entry"), (keep_progress, "session in progress")):
            try:
                keep(window, self.settings)
            except Exception as exc:  # noqa: BLE001 - locking must happen even if this cannot be kept
                print(f"supportback: the {what} could not be kept: {user_message(exc)}", file=sys.stderr)

    def _close_profile(self) -> None:
        if self.database is not None:
            self.database.release_connections()
        if self._instance is not None:
            self._instance.release()
        if self.profile is not None:
            keys.forget(paths.profile_dir(self.root, self.profile))  # its database key leaves with it
        self.profile, self.database, self.settings, self._instance = None, None, None, None

    def shutdown(self) -> None:
        """On the way out: back up if due, close everything."""
        from desktop.ui.app import backup_if_due

        self.idle.stop()
        if self.guard is not None:
            self.guard.remove()
            self.guard = None
        if self.database is not None:
            backup_if_due(self.database)
        self._close_profile()

    # Kiosk: closing needs the admin PIN -----------------------------------------------------
    def admin_allowed(self, parent: QWidget) -> bool:
        if not self.config.admin_pin_hash:
            return not self.kiosk
        secret = self.ask_admin_pin(parent)
        if secret is None:
            return False
        throttle = Throttle(self.root / ADMIN_THROTTLE_FILE, self.clock)
        result = throttle.attempt(lambda: verify_secret(secret, self.config.admin_pin_hash))
        if not result.ok:
            wait = text("pin_wait", seconds=round(result.wait_seconds)) if result.wait_seconds else ""
            startup.show_warning(parent, self.tr("Staff only"), f"{text('admin_pin_wrong')} {wait}".strip())
        return result.ok

    def request_quit(self) -> None:
        parent = self.window or self.gate
        if self.kiosk and not self.admin_allowed(parent):
            return
        self._quitting = True
        self.gate.allow_close = True
        if self.window is not None and self.settings is not None:
            self._keep_unfinished(self.window)  # the admin closed it for the patient
        self.shutdown()
        self.quit_app()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Close and self.kiosk and not self._quitting:
            event.ignore()
            self.request_quit()
            return True
        return False

