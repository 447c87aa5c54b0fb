"""Settings card "Steps from your phone or watch": import a device's export file, see what is kept.

The file is read and checked whole in a worker thread (a large Apple export takes half a minute
and the window must keep answering); the days are then saved on the main thread in one short
transaction. A file that cannot be imported says why and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QFrame, QMessageBox, QPushButton, QVBoxLayout

from desktop.content.loader import text
from desktop.store.activity_service import ActivityService
from desktop.store.disk_errors import user_message
from desktop.ui.base.signals import AppSignals
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.formatting import qdate
from desktop.ui.widgets.widgets import label


def day_in_words(day: dt.date, today: dt.date) -> str:
    """"1 March" this year, "1 March 2025" in another."""
    return QLocale().toString(qdate(day), "d MMMM" if day.year == today.year else "d MMMM yyyy")


_RUNNING: set = set()  # readers kept alive until they end, even if the card goes first


class _Reader(QThread):
    """Reads and checks one file (no database here); says what it found or why not."""

    file_read = Signal(object)  # domain.activity.ActivityImport
    file_refused = Signal(str)

    def __init__(self, path: Path, today: dt.date, parent=None):
        super().__init__(parent)
        self.path, self.today = path, today

    def run(self) -> None:
        from desktop.domain.activity import ActivityFormatError
        from desktop.exchange.activity_import.detect import read_activity_file
        from desktop.exchange.files import NotRegularFile

        try:
            self.file_read.emit(read_activity_file(self.path, self.today))
        except (ActivityFormatError, NotRegularFile) as exc:
            self.file_refused.emit(str(exc))
        except OSError as exc:
            self.file_refused.emit(user_message(exc))


class ActivityCard(QFrame):
    import_finished = Signal(bool)  # True: saved (perhaps nothing new); False: refused or failed

    def __init__(self, activity: ActivityService, signals: AppSignals, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.activity = activity
        self._reader: _Reader | None = None
        self._path: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(text("activity_title"), "h2"))
        layout.addWidget(label(text("activity_hint"), "muted"))
        layout.addWidget(label(text("activity_formats"), "muted"))
        self.kept = label("")
        layout.addWidget(self.kept)
        row = FlowLayout()
        self.import_button = QPushButton(self.tr("&Import steps from a file..."))
        self.import_button.clicked.connect(self.choose_file)
        row.addWidget(self.import_button)
        layout.addLayout(row)
        self.status = label("")
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        layout.addWidget(self.status)
        signals.activity_imported.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        days = self.activity.between()
        if not days:
            self.kept.setText(text("activity_none"))
            return
        today = self.activity.clock.today()
        self.kept.setText(text("activity_have", days=len(days), first=day_in_words(days[0].day, today),
                               last=day_in_words(days[-1].day, today)))

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import steps from a file"), str(Path.home()),
            self.tr("Phone and watch exports (*.zip *.xml *.json *.csv);;All files (*)"))
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> None:
        """Start reading ``path``; import_finished says how it ended."""
        if self._reader is not None:
            return
        self._path = path
        self.import_button.setEnabled(False)
        self.status.setText(text("activity_reading", file=path.name))
        reader = self._reader = _Reader(path, self.activity.clock.today())
        _RUNNING.add(reader)
        reader.file_read.connect(self._save)
        reader.file_refused.connect(self._refused)
        reader.finished.connect(lambda: (_RUNNING.discard(reader), reader.deleteLater()))
        reader.start()

    def _save(self, imported) -> None:
        try:
            result = self.activity.save(imported)
        except (ValueError, OSError) as exc:  # a day after a new today; a full or locked disk
            self._refused(user_message(exc, self.tr("nothing was imported")))
            return
        today = self.activity.clock.today()
        self.status.setText(text("activity_imported", days=result.days, first=day_in_words(result.first, today),
                                 last=day_in_words(result.last, today), source=result.format_name,
                                 added=result.added, updated=result.updated, unchanged=result.unchanged))
        self.refresh()
        self._finish(True)

    def _refused(self, reason: str) -> None:
        self.status.setText("")
        QMessageBox.warning(self, text("activity_problem_title"),
                            text("activity_problem", file=self._path.name if self._path else "", reason=reason))
        self._finish(False)

    def _finish(self, saved: bool) -> None:
        if self._reader is not None:
            self._reader.wait()  # it has said its last word; let it end before the next one starts
            self._reader = None
        self.import_button.setEnabled(True)
        self.import_finished.emit(saved)
