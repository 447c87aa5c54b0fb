"""The daily diary reminder as a desktop notification, while the app runs (where a tray exists)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from desktop.content.loader import text
from desktop.domain.reminders import diary_reminder_due
from desktop.store.diary_service import DiaryService
from desktop.store.programme_service import ProgrammeService
from desktop.store.settings_service import SettingsService

LAST_REMINDED_SETTING = "diary_last_reminded"
CHECK_EVERY_MS = 60_000


class ReminderTray(QObject):
    def __init__(self, window: QWidget, diary: DiaryService, programme: ProgrammeService, settings: SettingsService):
        super().__init__(window)
        self.diary = diary
        self.programme = programme
        self.settings = settings
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.windowIcon(), self)
            self.tray.setToolTip("SupportBack")
            self.tray.activated.connect(lambda _reason: (window.showNormal(), window.raise_(), window.activateWindow()))
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_EVERY_MS)

    def check(self, now: dt.datetime | None = None) -> bool:
        """Notify if the reminder is due; True when a notification was given."""
        if self.tray is None:
            return False  # no system tray here: the Home page's notes are the reminders
        now = now or dt.datetime.now()
        today = self.diary.clock.today()
        last = self.settings.get(LAST_REMINDED_SETTING, "")
        due = diary_reminder_due(now, self.programme.snapshot().reminder_time, self.diary.get(today) is not None,
                                 dt.date.fromisoformat(last) if last else None)
        if not due:
            return False
        self.settings.set(LAST_REMINDED_SETTING, now.date().isoformat())
        self.tray.showMessage(text("tray_diary_title"), text("tray_diary_message"))
        return True
