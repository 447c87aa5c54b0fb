"""The clinic's caseload window: one row per patient, the one most in need of a call first.

A sortable table (click a heading, or sort by "#" to return to the order of need); arrow keys
move, Enter or a double-click opens that patient's clinician window, with the clinic's call
notes. A saved call note re-sorts the list. A file-system watcher on the folder reads new
exports while the window is open (after a short pause, so a sync client's burst of files is
read once). Rejected files are listed under the table with their reason, never as data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QFileSystemWatcher, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.content.loader import text
from desktop.domain.clock import clock_from_environment
from desktop.exchange.age_files import AgeFileError
from desktop.exchange.caseload import Caseload, CaseloadReader, PatientRow, check_export
from desktop.exchange.caseload_text import HEADINGS, row_cells
from desktop.ui.widgets.widgets import label

SORT_ROLE = Qt.UserRole + 1
RELOAD_AFTER_MS = 400


class CaseloadModel(QAbstractTableModel):
    """Rows in the order of need; column 0 is that order (1 = call first)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[PatientRow, list[str]]] = []

    def set_rows(self, rows: list[tuple[PatientRow, list[str]]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802
        return 1 + len(HEADINGS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return "#" if section == 0 else HEADINGS[section - 1]
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            if section == 0:
                return self.tr("The order of need: 1 is the patient to call first")
            if section == 5:
                return self.tr("Programme week (weekly sessions done)")
            return None
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, cells = self.rows[index.row()]
        column = index.column()
        if role == Qt.DisplayRole:
            return str(index.row() + 1) if column == 0 else cells[column - 1]
        if role == Qt.ToolTipRole and column in (2, len(cells)):
            return cells[column - 1]
        if role == Qt.ToolTipRole and column == 3:
            return row.exported_at + " UTC"
        if role == Qt.ToolTipRole and column == 6:
            return self.tr("Roland-Morris Disability Questionnaire, first score and latest (0-24, lower is better)")
        if role == SORT_ROLE:
            if column == 0:
                return index.row()
            if column == 5:
                return row.programme_week or 0
            return cells[column - 1]
        if role == Qt.UserRole:
            return row
        if role == Qt.AccessibleTextRole:
            return f"{HEADINGS[column - 1] if column else '#'}: {self.data(index)}"
        return None


class CaseloadWindow(QMainWindow):
    def __init__(self, reader: CaseloadReader, caseload: Caseload, notes_folder: Path | None = None, notes=None):
        super().__init__()
        self.reader = reader
        self.caseload = caseload
        self.notes_folder = notes_folder
        self.notes = notes  # an open ClinicNotes, or None until a clinician window opens them
        self.opened: list[QMainWindow] = []
        self.setWindowTitle(self.tr("Caseload - %1").replace("%1", str(reader.folder)))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        self.summary = label("", "muted")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = CaseloadModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Interactive)  # the needs: long ones are cut, with a tooltip
        header.setStretchLastSection(True)  # the flags take what is left
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.setAccessibleName(self.tr("Patients, the one most in need of a call first"))
        self.table.activated.connect(self.open_patient)  # Enter, or a double-click
        layout.addWidget(self.table, 1)
        self.rejected = label("", "muted")
        self.rejected.setWordWrap(True)
        self.rejected.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        layout.addWidget(self.rejected)
        self.setCentralWidget(central)

        self.watcher = QFileSystemWatcher([str(reader.folder)], self)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_AFTER_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.watcher.directoryChanged.connect(lambda _path: self._reload_timer.start())
        for keys in (QKeySequence("Ctrl+W"), QKeySequence(Qt.Key_Escape)):
            QShortcut(keys, self, self.close)
        for keys in (QKeySequence("F5"), QKeySequence("Ctrl+R")):
            QShortcut(keys, self, self.reload)
        self.show_caseload()
        self.fit_needs_column()
        self.resize(1280, 640)

    # What is shown --------------------------------------------------------------------
    def show_caseload(self) -> None:
        today = clock_from_environment().today()
        follow_ups = self.notes.follow_ups() if self.notes is not None else {}
        chosen = self.selected_participant()
        rows = [(row, row_cells(row, needs, follow_ups.get(row.participant_id), today))
                for row, needs in self.caseload.ordered(follow_ups, today)]
        self.model.set_rows(rows)
        self.table.sortByColumn(self.table.horizontalHeader().sortIndicatorSection(),
                                self.table.horizontalHeader().sortIndicatorOrder())
        notes_line = (text("caseload_notes_opened", count=len(follow_ups)) if self.notes is not None
                      else text("caseload_notes_not_opened"))
        self.summary.setText(text("caseload_counts", patients=len(self.caseload.patients), folder=self.reader.folder,
                                  set_aside=self.caseload.set_aside, rejected=len(self.caseload.rejected))
                             + " " + notes_line)
        lines = [text("caseload_rejected_line", name=r.path.name, reason=r.reason) for r in self.caseload.rejected]
        self.rejected.setText("\n".join([text("caseload_rejected_heading"), *lines]) if lines else "")
        self.rejected.setVisible(bool(lines))
        self.select_participant(chosen or (rows[0][0].participant_id if rows else None))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_needs_column()

    def fit_needs_column(self) -> None:
        """Wide enough for the longest need shown, up to 30 average letters (longer ones are cut, with a tooltip)."""
        self.table.ensurePolished()  # the app's style sheet sets the table's font
        self.table.resizeColumnToContents(2)
        most = self.table.fontMetrics().averageCharWidth() * 34
        if self.table.columnWidth(2) > most:
            self.table.setColumnWidth(2, most)

    def selected_participant(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(Qt.UserRole).participant_id if index.isValid() else None

    def select_participant(self, participant_id: str | None) -> None:
        for number in range(self.proxy.rowCount()):
            index = self.proxy.index(number, 1)
            if index.data(Qt.UserRole).participant_id == participant_id:
                self.table.setCurrentIndex(index)
                return

    def participants_in_view(self) -> list[str]:
        return [self.proxy.index(n, 1).data(Qt.UserRole).who for n in range(self.proxy.rowCount())]

    def reload(self) -> None:
        """Read the folder again (only new or changed files are checked)."""
        try:
            self.caseload = self.reader.read(clock_from_environment().today())
        except (AgeFileError, OSError) as exc:  # the folder went away (a USB stick taken out): keep what is shown
            self.summary.setText(str(exc))
            return
        self.show_caseload()

    # Opening a patient ----------------------------------------------------------------
    def open_patient(self, index=None) -> QMainWindow | None:
        from desktop.exchange.clinic_data import clinic_report
        from desktop.ui.clinician.clinic_view import ClinicWindow

        index = index if index is not None and index.isValid() else self.table.currentIndex()
        if not index.isValid():
            return None
        row: PatientRow = index.data(Qt.UserRole)
        export = check_export(row.path, self.reader.identity, clock_from_environment().today())
        if isinstance(export, str):  # changed or removed since it was listed
            self.summary.setText(text("caseload_rejected_line", name=row.path.name, reason=export))
            self.reload()
            return None
        window = ClinicWindow(row.path.name, clinic_report(export), self.notes_folder)
        if window.notes_panel is not None:
            window.notes_panel.notes_opened.connect(lambda: self._take_notes(window))
            window.notes_panel.note_saved.connect(lambda _note: self.show_caseload())
            if self.notes is not None:  # already unlocked here: no second passphrase
                panel = window.notes_panel
                panel.notes = self.notes
                panel.refresh()
                panel.lock_page.hide()
                panel.notes_page.show()
        self.opened = [w for w in self.opened if w.isVisible()] + [window]
        window.show()
        return window

    def _take_notes(self, window) -> None:
        if self.notes is None and window.notes_panel.notes is not None:
            self.notes = window.notes_panel.notes
            self.show_caseload()


def show_caseload_window(reader: CaseloadReader, caseload: Caseload, notes_folder: Path | None = None,
                         notes=None) -> int:
    from desktop.ui.base.application import application
    from desktop.ui.base.style import DEFAULT_TEXT_SIZE, apply_style

    app = application()
    apply_style(app, DEFAULT_TEXT_SIZE)
    window = CaseloadWindow(reader, caseload, notes_folder, notes)
    window.show()
    window.table.setFocus()
    return QApplication.instance().exec()
