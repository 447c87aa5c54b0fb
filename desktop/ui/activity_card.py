"""Settings card "Steps from your phone or watch": import a device's export file, see what is kept.

The file is read and checked whole before anything is saved (exchange/activity_import); a file
that cannot be imported says why and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QFrame, QMessageBox, QPushButton, QVBoxLayout

from desktop.content.loader import text
from desktop.domain.activity import ActivityFormatError
from desktop.store.activity_service import ActivityService
from desktop.store.disk_errors import user_message
from desktop.ui.flow_layout import FlowLayout
from desktop.ui.formatting import qdate
from desktop.ui.signals import AppSignals
from desktop.ui.widgets import label


def day_in_words(day: dt.date, today: dt.date) -> str:
    """"1 March" this year, "1 March 2025" in another."""
    return QLocale().toString(qdate(day), "d MMMM" if day.year == today.year else "d MMMM yyyy")


class ActivityCard(QFrame):
    def __init__(self, activity: ActivityService, signals: AppSignals, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.activity = activity
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

    def import_path(self, path: Path) -> bool:
        from desktop.exchange.activity_import.detect import read_activity_file
        from desktop.exchange.files import NotRegularFile

        QApplication.setOverrideCursor(Qt.WaitCursor)  # a large Apple export takes a while
        try:
            imported = read_activity_file(path, self.activity.clock.today())
            result = self.activity.save(imported)
        except (ActivityFormatError, NotRegularFile) as exc:
            return self._refused(path, str(exc))
        except OSError as exc:
            return self._refused(path, user_message(exc, self.tr("nothing was imported")))
        finally:
            QApplication.restoreOverrideCursor()
        today = self.activity.clock.today()
        self.status.setText(text("activity_imported", days=result.days, first=day_in_words(result.first, today),
                                 last=day_in_words(result.last, today), source=result.format_name,
                                 added=result.added, updated=result.updated, unchanged=result.unchanged))
        self.refresh()
        return True

    def _refused(self, path: Path, reason: str) -> bool:
        self.status.setText("")
        QMessageBox.warning(self, text("activity_problem_title"),
                            text("activity_problem", file=path.name, reason=reason))
        return False
