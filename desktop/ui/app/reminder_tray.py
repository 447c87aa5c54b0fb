"""The daily diary reminder while the app runs, and keeping the computer's scheduler in step.

When the computer's scheduler has the reminder (system/scheduler.py), it reminds, also
while the app is open, and the tray stays quiet: one reminder, not two. Otherwise the tray
shows it (where a tray exists). Every minute the app also notes beside the diary whether
today's diary is in, so `supportback remind` can stay quiet for a protected profile
without opening its diary.
"""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from desktop.content.loader import text
from desktop.domain.reminders import diary_reminder_due
from desktop.store.diary_service import DiaryService
from desktop.store.programme_service import ProgrammeService
from desktop.store.settings_service import SettingsService
from desktop.system.reminder_state import ReminderState, read_state, state_path, write_state

LAST_REMINDED_SETTING = "diary_last_reminded"
CHECK_EVERY_MS = 60_000


class ReminderTray(QObject):
    def __init__(self, window: QWidget, diary: DiaryService, programme: ProgrammeService, settings: SettingsService):
        super().__init__(window)
        self.diary = diary
        self.programme = programme
        self.settings = settings
        self.profile_dir = diary.database.path.parent
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.windowIcon(), self)
            self.tray.setToolTip("SupportBack")
            self.tray.activated.connect(lambda _reason: (window.showNormal(), window.raise_(), window.activateWindow()))
            self.tray.show()
        self.keep_scheduler_in_step(self.programme.snapshot().reminder_time, thorough=True)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_EVERY_MS)

    def keep_scheduler_in_step(self, reminder_time: str | None, thorough: bool = False) -> None:
        """Give the scheduler a time chosen elsewhere (onboarding, an older copy put back).

        ``thorough`` (at start-up) also puts back missing files and asks a scheduler that
        refused before once more.
        """
        from desktop.system.scheduler import needs_setting, set_reminder

        root, profile = self.profile_dir.parent.parent, self.profile_dir.name
        try:
            if not needs_setting(root, profile, reminder_time, thorough):
                return
            problem = set_reminder(root, profile, reminder_time).problem
        except OSError as exc:  # a full disk, say: the tray carries on, and the next change tries again
            problem = str(exc)
        if problem:  # said in Settings when the patient changes the reminder there
            print(f"supportback: the reminder for when SupportBack is closed was not set: {problem}", file=sys.stderr)

    def check(self, now: dt.datetime | None = None) -> bool:
        """Notify if the reminder is due; True when a notification was given."""
        now = now or dt.datetime.now()
        today = self.diary.clock.today()
        reminder_time = self.programme.snapshot().reminder_time
        filled_in = self.diary.get(today) is not None
        self.keep_scheduler_in_step(reminder_time)
        state = read_state(self.profile_dir)
        filled_in_on = today if filled_in else (None if state.filled_in_on == today else state.filled_in_on)
        state = self._note(state.but(filled_in_on=filled_in_on))
        if self.tray is None:
            return False  # no system tray here: the Home page's notes are the reminders
        if state.scheduled:
            return False  # the computer's scheduler reminds, open or closed
        last = self.settings.get(LAST_REMINDED_SETTING, "")
        last_day = max(filter(None, (dt.date.fromisoformat(last) if last else None, state.reminded_on)), default=None)
        if not diary_reminder_due(now, reminder_time, filled_in, last_day):
            return False
        self.settings.set(LAST_REMINDED_SETTING, now.date().isoformat())
        self._note(state.but(reminded_on=now.date()))
        self.tray.showMessage(text("tray_diary_title"), text("tray_diary_message"))
        return True

    def _note(self, state: ReminderState) -> ReminderState:
        """Keep reminder.json up to date; a disk that cannot take it never stops the reminder."""
        try:
            write_state(self.profile_dir, state)
        except OSError as exc:
            print(f"supportback: {state_path(self.profile_dir)} could not be written: {exc}", file=sys.stderr)
        return state
