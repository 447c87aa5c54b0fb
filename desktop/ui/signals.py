"""App-wide change notifications, named subject_did_verb so listeners know what happened."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    diary_saved = Signal(dt.date)
    diary_deleted = Signal(dt.date)
    diary_replaced = Signal()  # many days changed at once (import, restore)
    text_size_changed = Signal(str)
    day_open_requested = Signal(dt.date)
    flare_up_day_requested = Signal(dt.date)  # open the diary on that day with the flare-up ticked
    programme_changed = Signal()  # onboarding, a session or a questionnaire was completed
    section_requested = Signal(str)  # show a section of the main window by key
    exercise_requested = Signal(str)  # show one exercise (by catalogue key) on the Exercises page
    backup_restore_requested = Signal(object)  # store.backup.Backup
