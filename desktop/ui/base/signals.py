"""App-wide change notifications, named subject_did_verb so listeners know what happened."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, QThread, Signal

from desktop.store.changes import (
    ActivityChanged,
    CallRequestChanged,
    ChangeFeed,
    DiaryChanged,
    ProgrammeChanged,
    RatingsChanged,
)


class AppSignals(QObject):
    # The store's changes, after they are committed (see follow): whoever made them.
    diary_saved = Signal(dt.date)
    diary_deleted = Signal(dt.date)
    diary_replaced = Signal()  # many days changed at once (import, restore)
    text_size_changed = Signal(str)
    day_open_requested = Signal(dt.date)
    flare_up_day_requested = Signal(dt.date)  # open the diary on that day with the flare-up ticked
    follow_up_requested = Signal(str)  # open the follow-up questionnaire for this occasion ("month6")
    today_prefill_requested = Signal(object, object)  # open today's diary: walking minutes or None, exercise keys
    ratings_changed = Signal()  # a before-and-after pain rating was saved or taken out
    call_request_changed = Signal()  # a request to talk to a physio was made or withdrawn
    programme_changed = Signal()  # onboarding, a session, a safety answer or a questionnaire was saved
    activity_imported = Signal()  # measured steps were added or corrected (store/activity_service.py)
    section_requested = Signal(str)  # show a section of the main window by key
    exercise_requested = Signal(str)  # show one exercise (by catalogue key) on the Exercises page
    backup_restore_requested = Signal(object)  # store.backup.Backup
    folder_export_attempted = Signal(object)  # exchange.folder_export.Outcome: written, or why not
    _changed_on_worker = Signal(object)  # a change committed by an operation's worker thread

    def follow(self, feed: ChangeFeed) -> None:
        """Turn the store's change announcements into these signals, for every page to hear."""
        self._changed_on_worker.connect(self._store_changed, Qt.QueuedConnection)
        self._stop_following = feed.subscribe(self._store_changed)
        self.destroyed.connect(lambda *_: self._stop_following())

    def _store_changed(self, change) -> None:
        if QThread.currentThread() is not self.thread():  # pages hear of it on the GUI thread
            self._changed_on_worker.emit(change)
            return
        if isinstance(change, ProgrammeChanged):
            self.programme_changed.emit()
        elif isinstance(change, RatingsChanged):
            self.ratings_changed.emit()
        elif isinstance(change, ActivityChanged):
            self.activity_imported.emit()
        elif isinstance(change, CallRequestChanged):
            self.call_request_changed.emit()
        elif isinstance(change, DiaryChanged) and not change.days:
            self.diary_replaced.emit()
        elif isinstance(change, DiaryChanged):
            for day in change.days:
                (self.diary_deleted if change.deleted else self.diary_saved).emit(day)
