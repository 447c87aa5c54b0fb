"""Settings: text size, backups (make one, go back to one), diary CSV files, where data lives."""

from __future__ import annotations

import datetime as dt
import filecmp
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.content.loader import text
from desktop.domain.schedule import SessionState, current_session
from desktop.exchange.calendar_ics import reminders_calendar
from desktop.exchange.diary_csv import CsvFormatError, format_diary_csv, read_diary_csv
from desktop.exchange.files import write_text_atomically
from desktop.store import backup
from desktop.store.activity_service import ActivityService
from desktop.store.diary_service import DiaryService
from desktop.store.disk_errors import user_message
from desktop.store.programme_service import ProgrammeService
from desktop.store.settings_service import SettingsService
from desktop.ui.base import operations
from desktop.ui.base.clinic_policy import HOME, ClinicPolicy
from desktop.ui.base.signals import AppSignals
from desktop.ui.base.style import DEFAULT_TEXT_SIZE, TEXT_SIZE_SETTING, TEXT_SIZES
from desktop.ui.profiles.profile_security_box import ProfileSecurityBox
from desktop.ui.settings.language_card import LanguageCard
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.formatting import long_day
from desktop.ui.widgets.widgets import label, scrolling_page

DEFAULT_REMINDER = "19:00"  # when the patient has not chosen a time


def _section(layout: QVBoxLayout, title: str, hint: str) -> QVBoxLayout:
    frame = QFrame()
    frame.setObjectName("card")
    inner = QVBoxLayout(frame)
    inner.setContentsMargins(20, 16, 20, 16)
    inner.addWidget(label(title, "h2"))
    inner.addWidget(label(hint, "muted"))
    layout.addWidget(frame)
    return inner


class SettingsPage(QWidget):
    def __init__(self, diary: DiaryService, settings: SettingsService, signals: AppSignals,
                 parent: QWidget | None = None, programme: ProgrammeService | None = None,
                 policy: ClinicPolicy = HOME):
        super().__init__(parent)
        self.setObjectName("page")
        self.programme = programme
        self.diary = diary
        self.settings = settings
        self.signals = signals
        database = diary.database
        # A clinic's kiosk lets no file in or out: what would need one is left off, not shown broken.
        kiosk = not policy.files_allowed

        layout = scrolling_page(self, self.tr("Settings"))

        section = _section(layout, text("settings_text_size"), text("settings_text_size_hint"))
        self.text_size = QComboBox()
        self.text_size.setAccessibleName(text("settings_text_size"))
        names = {"normal": self.tr("Normal"), "large": self.tr("Large"), "larger": self.tr("Larger"),
                 "largest": self.tr("Largest")}
        for key in TEXT_SIZES:
            self.text_size.addItem(names[key], key)
        current = settings.get(TEXT_SIZE_SETTING, DEFAULT_TEXT_SIZE)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(current)))
        self.text_size.currentIndexChanged.connect(self._text_size_chosen)
        row = QHBoxLayout()
        row.addWidget(self.text_size)
        row.addStretch(1)
        section.addLayout(row)

        layout.addWidget(LanguageCard(settings))  # the profile's language, and the About box

        section = _section(layout, self.tr("Backups"), text("settings_backups_hint"))
        self.backup_list = QListWidget()
        self.backup_list.setAccessibleName(self.tr("Backups, newest first"))
        self.backup_list.setMinimumHeight(160)
        self.backup_list.setWordWrap(True)
        self.backup_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.backup_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        section.addWidget(self.backup_list)
        row = FlowLayout()  # the buttons go onto two lines when one would not fit
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("&Go back to the selected copy..."))
        self.restore_button.clicked.connect(self._restore_selected)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        section.addLayout(row)
        self.backup_status = label("", "muted")
        section.addWidget(self.backup_status)

        if not kiosk:
            section = _section(layout, self.tr("Diary as a spreadsheet file"), text("settings_csv_hint"))
            row = FlowLayout()  # the buttons go onto two lines when one would not fit
            export_button = QPushButton(self.tr("&Save diary as CSV..."))
            export_button.clicked.connect(self.export_csv)
            import_button = QPushButton(self.tr("&Add days from a CSV file..."))
            import_button.clicked.connect(self.import_csv)
            row.addWidget(export_button)
            row.addWidget(import_button)
            section.addLayout(row)
            self.csv_status = label("", "muted")
            section.addWidget(self.csv_status)

        if not kiosk:  # steps from a phone or watch: a file in, so not on a kiosk
            from desktop.ui.settings.activity_card import ActivityCard

            self.activity = ActivityCard(ActivityService(database, diary.clock), signals)
            layout.addWidget(self.activity)

        if programme is not None:
            from desktop.ui.settings.reminder_card import ReminderCard

            self.reminders = ReminderCard(programme, signals, policy=policy)  # on or off, and when
            layout.addWidget(self.reminders)

        if programme is not None and not kiosk:
            section = _section(layout, self.tr("Reminders in your own calendar"), text("calendar_hint"))
            row = QHBoxLayout()
            calendar_button = QPushButton(self.tr("Save a &calendar file..."))
            calendar_button.clicked.connect(self.export_calendar)
            row.addWidget(calendar_button)
            row.addStretch(1)
            section.addLayout(row)
            self.calendar_status = label("", "muted")
            section.addWidget(self.calendar_status)

        from desktop.ui.settings.clinic_export_card import (
            ClinicExportCard,  # pyrage and signing load only with Settings
        )

        self.clinic_export = ClinicExportCard(database, diary.clock.today(), policy=policy)
        layout.addWidget(self.clinic_export)
        layout.addWidget(self._folder_sync_card(database, signals, policy))  # keep my clinic up to date
        if not kiosk:  # a file for the patient to print or show (a kiosk lets no file out)
            from desktop.ui.settings.appointment_summary_card import AppointmentSummaryCard

            self.appointment_summary = AppointmentSummaryCard(database, diary.clock)
            layout.addWidget(self.appointment_summary)

        # profiles: PIN and locking
        layout.addWidget(ProfileSecurityBox(settings, database.path.parent, policy=policy))
        if not kiosk:  # a folder no patient can open there (and named by the profile's full name)
            section = _section(layout, self.tr("Where your diary is kept"), text("settings_data_hint"))
            folder = label(str(database.path.parent))
            folder.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
            section.addWidget(folder)
            open_folder = QPushButton(self.tr("&Open this folder"))
            open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(database.path.parent))))
            row = QHBoxLayout()
            row.addWidget(open_folder)
            row.addStretch(1)
            section.addLayout(row)
        layout.addStretch(1)
        self.refresh_backups()
        signals.diary_replaced.connect(self._diary_replaced)

    def _folder_sync_card(self, database, signals: AppSignals, policy: ClinicPolicy) -> QWidget:
        from desktop.exchange.folder_export import FolderSync
        from desktop.ui.settings.folder_sync_card import FolderSyncCard

        card = self.clinic_export

        def typed() -> list[str]:
            key = card.key.text().strip()
            return [key] if key and card._key_ok() else []

        sync = FolderSync(database, self.diary.clock, policy.folder_target())
        self.folder_sync = FolderSyncCard(sync, signals, typed)
        return self.folder_sync

    def _diary_replaced(self) -> None:
        # After a restore the preferences are the restored copy's too.
        self.refresh_backups()
        self.show_text_size(self.settings.get(TEXT_SIZE_SETTING, DEFAULT_TEXT_SIZE))

    # Text size -------------------------------------------------------------------
    def show_text_size(self, key: str) -> None:
        """Show (and apply) a text size that changed elsewhere, such as after a restore."""
        index = self.text_size.findData(key)
        if index >= 0 and index != self.text_size.currentIndex():
            self.text_size.setCurrentIndex(index)

    def _text_size_chosen(self, _index: int) -> None:
        key = self.text_size.currentData()
        self.settings.set(TEXT_SIZE_SETTING, key)
        self.signals.text_size_changed.emit(key)

    # Backups ---------------------------------------------------------------------
    def refresh_backups(self) -> None:
        self.backup_list.clear()
        copies = distinct_copies(backup.list_backups(self.diary.database.backups_dir))
        for item, when in zip(copies, copy_labels([c.taken_at for c in copies])):
            entry = QListWidgetItem(self.tr("Copy from %1").replace("%1", when))
            entry.setData(Qt.UserRole, item)
            entry.setData(Qt.UserRole + 1, when)
            self.backup_list.addItem(entry)
        if self.backup_list.count() == 0:
            self.backup_status.setText(
                self.tr("No copies yet. One is made automatically each day you use SupportBack."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.backup_list.currentItem() is not None)

    def back_up_now(self) -> None:
        """Make a copy on a worker thread; the list and a line say when it is done."""
        operations.run(self, self.diary.database.backup_now, self._backed_up, failed=self._backup_failed,
                       status=self.backup_status, message=text("busy_backup"),
                       controls=(self.backup_button, self.restore_button))

    def _backed_up(self, made: backup.Backup) -> None:
        self.refresh_backups()
        made_at = made.taken_at.astimezone().strftime("%H:%M")
        self.backup_status.setText(self.tr("✓ A new copy was made at %1.").replace("%1", made_at))

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_status.setText(self.tr("The copy could not be made: %1").replace("%1", user_message(exc)))

    def _restore_selected(self) -> None:
        item = self.backup_list.currentItem()
        if item is None:
            return
        chosen: backup.Backup = item.data(Qt.UserRole)
        when = item.data(Qt.UserRole + 1)  # as the list says it
        answer = QMessageBox.question(self, self.tr("Go back to an earlier copy?"),
                                      text("settings_restore_confirm", when=when),
                                      QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer == QMessageBox.Yes:
            self.signals.backup_restore_requested.emit(chosen)

    # Calendar ----------------------------------------------------------------------
    def calendar_text(self) -> str:
        snapshot = self.programme.snapshot()
        today = self.diary.clock.today()
        sessions = []
        status = current_session(self.programme.statuses(snapshot)) if snapshot.onboarded else None
        if status is not None:
            first = status.opens_on if status.state == SessionState.LOCKED and status.opens_on else today
            unlock = self.programme.rules.unlock_days
            sessions = [(n, first + dt.timedelta(days=unlock * (n - status.number)))
                        for n in range(status.number, self.programme.rules.sessions + 1)]
        return reminders_calendar(sessions, snapshot.reminder_time or DEFAULT_REMINDER, today,
                                  text("calendar_session"), text("calendar_diary"), text("calendar_diary_description"),
                                  dt.datetime.now(dt.UTC))

    def export_calendar(self) -> None:
        suggested = str(Path.home() / "supportback-reminders.ics")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save a calendar file"), suggested,
                                              self.tr("Calendar files (*.ics)"))
        if not name:
            return
        try:
            write_text_atomically(Path(name), self.calendar_text())
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"),
                                self.tr("The file could not be written: %1").replace("%1", user_message(exc)))
            return
        self.calendar_status.setText(self.tr("✓ Saved %1. Open it with your calendar to add the reminders.")
                                     .replace("%1", name))

    # CSV -------------------------------------------------------------------------
    def export_csv(self) -> None:
        suggested = str(Path.home() / f"supportback-diary-{self.diary.clock.today().isoformat()}.csv")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save diary as CSV"), suggested,
                                              self.tr("CSV files (*.csv)"))
        if not name:
            return
        entries = self.diary.between()
        try:
            write_text_atomically(Path(name), format_diary_csv(entries, self.diary.catalogue))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"),
                                self.tr("The file could not be written: %1").replace("%1", user_message(exc)))
            return
        self.csv_status.setText(self.tr("✓ Saved %1 days to %2").replace("%1", str(len(entries))).replace("%2", name))

    def import_csv(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Add days from a CSV file"), str(Path.home()),
                                              self.tr("CSV files (*.csv);;All files (*)"))
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> bool:
        """Check the file and ask; True once the import has started (it ends on a worker thread)."""
        try:
            entries = read_diary_csv(path, self.diary.catalogue, self.diary.clock.today())
        except CsvFormatError as exc:
            QMessageBox.warning(self, self.tr("Nothing was imported"),
                                self.tr("There is a problem in %1, %2\n\n"
                                        "Fix the file and try again. Your diary has not been changed.")
                                .replace("%1", path.name).replace("%2", str(exc)))
            return False
        if not entries:
            QMessageBox.information(self, self.tr("Nothing to import"), self.tr("The file holds no diary days."))
            return False
        answer = QMessageBox.question(
            self, self.tr("Add these days?"),
            self.tr("Add %1 days from %2? Days you already have with the same dates will be replaced "
                    "by the file's version. A backup is made first.")
            .replace("%1", str(len(entries))).replace("%2", path.name),
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            return False
        def work():
            if self.diary.count():
                self.diary.database.backup_now()
            return self.diary.import_entries(entries)

        operations.run(self, work, lambda result: self._imported(path, result), failed=self._import_failed,
                       status=self.csv_status, message=text("busy_import"), block_window=True)
        return True

    def _imported(self, path: Path, result) -> None:
        self.refresh_backups()
        self.csv_status.setText(
            self.tr("✓ Added from %1: %2 new days, %3 updated, %4 already the same.")
            .replace("%1", path.name).replace("%2", str(result.added)).replace("%3", str(result.updated))
            .replace("%4", str(result.unchanged)))

    def _import_failed(self, exc: BaseException) -> None:
        self.csv_status.setText("")
        QMessageBox.warning(self, self.tr("Nothing was imported"), user_message(exc, self.tr("nothing was imported")))


def distinct_copies(copies: list[backup.Backup]) -> list[backup.Backup]:
    """Each different copy once, newest first. "Back up now" twice, or a backup made just after
    another, writes the same diary twice: the two files are identical, so only the newer is listed."""
    kept: list[backup.Backup] = []
    for copy in copies:
        try:
            size = copy.size
            if any(other.size == size and filecmp.cmp(other.path, copy.path, shallow=False) for other in kept):
                continue
        except OSError:
            pass  # unreadable now: listed, and going back to it explains what is wrong
        kept.append(copy)
    return kept


def copy_labels(times: list[dt.datetime]) -> list[str]:
    """"Wednesday 2 December 2026, 18:05" for each copy; the seconds too when two share a minute,
    and a number after those that would still read the same."""
    local = [t.astimezone() for t in times]
    minutes = [f"{long_day(t.date())}, {t:%H:%M}" for t in local]
    labels = [m + (f":{t:%S}" if minutes.count(m) > 1 else "") for m, t in zip(minutes, local)]
    return [f"{words} ({labels[:index].count(words) + 1})" if labels.count(words) > 1 else words
            for index, words in enumerate(labels)]
