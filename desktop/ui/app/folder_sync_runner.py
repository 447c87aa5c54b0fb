"""Runs the folder exports of "Keep my clinic up to date" while the app is open.

The rules (when one is due, names, pruning) live in exchange/folder_export.py and
domain/folder_sync.py; this only listens. A change the store announces (a diary day, a
session or weekly review) starts a short wait, so a burst of saves makes one check; the app
checks once soon after it opens and every half hour, so a folder that was missing (a USB stick
out) is tried again without the patient doing anything. Each try is announced on
AppSignals.folder_export_attempted for Home and Settings to say what happened.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.exchange.folder_export import FolderSync, Outcome
from desktop.ui.base.signals import AppSignals

_log = logging.getLogger(__name__)

SETTLE_MS = 3000  # after the last change, before checking
RETRY_MS = 30 * 60 * 1000  # a regular look, also while nothing changes


class FolderSyncRunner(QObject):
    def __init__(self, sync: FolderSync, signals: AppSignals, parent: QObject | None = None,
                 settle_ms: int | None = None, retry_ms: int | None = None):
        super().__init__(parent)
        self.sync = sync
        self.signals = signals
        self.settle = QTimer(self, singleShot=True, interval=settle_ms or SETTLE_MS)
        self.settle.timeout.connect(self.run_if_due)
        self.retry = QTimer(self, interval=retry_ms or RETRY_MS)
        self.retry.timeout.connect(self.run_if_due)
        for signal in (signals.diary_saved, signals.diary_deleted):
            signal.connect(lambda _day: self.settle.start())
        signals.diary_replaced.connect(self.settle.start)
        signals.programme_changed.connect(self.settle.start)
        signals.call_request_changed.connect(self.settle.start)

    def start(self) -> None:
        """Begin: a first look soon (a copy due from last time, a folder that is back), then regular ones."""
        self.settle.start()
        self.retry.start()

    def run_if_due(self) -> Outcome | None:
        window = self.parent()
        if isinstance(window, QWidget) and not window.isVisible():
            return None  # locked or closing: the profile's files are being shut (next time, then)
        try:
            outcome = self.sync.run_if_due()
        except Exception:  # noqa: BLE001 - a sync problem must never disturb the diary; said next time
            _log.exception("the folder export could not be checked")
            return None
        if outcome is not None:
            self.signals.folder_export_attempted.emit(outcome)
        return outcome
