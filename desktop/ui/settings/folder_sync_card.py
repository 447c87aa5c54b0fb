"""Settings card "Keep my clinic up to date": choose a folder once, turn it off, see the last copy.

Choosing a folder writes the first copy at once (so the patient sees it work); after that the
FolderSyncRunner writes one after each weekly review and once a day at most after the diary
changed. On a clinic kiosk the folder is the clinic's: the card only says what happens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import QApplication, QFileDialog, QFrame, QPushButton, QVBoxLayout

from desktop.content.loader import text
from desktop.domain import folder_sync
from desktop.exchange.folder_export import FolderSync, Outcome
from desktop.store.export_state import ExportState
from desktop.ui.base.signals import AppSignals
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.formatting import long_day
from desktop.ui.widgets.widgets import label


class FolderSyncCard(QFrame):
    def __init__(self, sync: FolderSync, signals: AppSignals, typed_keys: Callable[[], list[str]] = list,
                 parent=None):
        """``typed_keys``: a valid clinic key typed in "Send your diary to your clinic" and not yet saved."""
        super().__init__(parent)
        self.setObjectName("card")
        self.sync = sync
        self.signals = signals
        self.typed_keys = typed_keys
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(text("folder_sync_title"), "h2"))
        kiosk = sync.fixed is not None
        layout.addWidget(label(text("folder_sync_hint") if not kiosk else
                               text("folder_sync_kiosk" if sync.fixed.folder else "folder_sync_kiosk_off"), "muted"))
        self.where = label("")
        self.where.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        layout.addWidget(self.where)
        self.last = label("", "muted")
        layout.addWidget(self.last)
        row = FlowLayout()  # the buttons go onto two lines when one would not fit
        self.choose_button = QPushButton(self.tr("Choose a &folder..."))
        self.choose_button.clicked.connect(self.choose_folder)
        self.now_button = QPushButton(self.tr("Put a copy there &now"))
        self.now_button.clicked.connect(self.write_now)
        self.off_button = QPushButton(self.tr("T&urn off"))
        self.off_button.clicked.connect(self.turn_off)
        for button in (self.choose_button, self.now_button, self.off_button):
            row.addWidget(button)
            if kiosk:  # (never setVisible(True) here: a button with no parent yet would open as a window)
                button.hide()
        layout.addLayout(row)
        self.status = label("")
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        layout.addWidget(self.status)
        signals.folder_export_attempted.connect(self._attempted)
        self.refresh()

    def refresh(self) -> None:
        state = self.sync.state()
        on = bool(state.folder)
        if self.sync.fixed is None:
            self.where.setText(text("folder_sync_on", folder=state.folder) if on else text("folder_sync_off"))
        else:
            self.where.setText(state.folder)
        self.where.setVisible(bool(self.where.text()))
        self.last.setText(text("folder_sync_last", **when_words(state.written_at)) if state.written_at
                          else text("folder_sync_never") if on else "")
        self.last.setVisible(bool(self.last.text()))
        self.now_button.setEnabled(on)
        self.off_button.setEnabled(on)
        if state.problem and not self.status.text():
            self.status.setText(problem_text(state.problem, state.folder))

    def _keys(self) -> list[str]:
        return ExportState(self.sync.database).saved_recipients() or self.typed_keys()

    def choose_folder(self) -> None:
        keys = self._keys()
        if not keys:
            self.status.setText(text("folder_sync_need_key"))
            return
        start = self.sync.state().folder or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder your clinic can reach"), start)
        if not chosen:
            return
        self.sync.choose_folder(Path(chosen))
        self._write(folder_sync.FIRST, keys)

    def write_now(self) -> None:
        self._write(folder_sync.ON_REQUEST, self._keys())

    def turn_off(self) -> None:
        self.sync.choose_folder(None)
        self.status.setText(text("folder_sync_turned_off"))
        self.refresh()
        self.choose_button.setFocus()  # the button just pressed is disabled now

    def _write(self, reason: str, keys: list[str]) -> None:
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            outcome = self.sync.export_now(reason, keys or None)
        finally:
            QApplication.restoreOverrideCursor()
        self.signals.folder_export_attempted.emit(outcome)  # Home hears too; _attempted shows it here

    def _attempted(self, outcome: Outcome) -> None:
        state = self.sync.state()
        self.status.setText(problem_text(outcome.problem, state.folder, outcome.detail) if outcome.problem
                            else text("folder_sync_written"))
        self.refresh()


def problem_text(problem: str, folder: str, detail: str = "") -> str:
    key = {"folder_missing": "folder_sync_folder_missing", "not_writable": "folder_sync_not_writable",
           "no_key": "folder_sync_no_key"}.get(problem, "folder_sync_failed")
    return text(key, folder=folder, reason=detail[:1].lower() + detail[1:])


def when_words(moment: dt.datetime) -> dict[str, str]:
    """A UTC moment as the patient's own day and time, in their locale's words."""
    local = moment.replace(tzinfo=dt.UTC).astimezone()
    time = QLocale().toString(QTime(local.hour, local.minute), QLocale.ShortFormat)
    return {"day": long_day(local.date()), "time": time}
