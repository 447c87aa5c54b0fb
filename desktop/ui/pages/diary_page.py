"""Diary: pick a day (today or any earlier day), answer the questions, save, edit or delete."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.content.loader import text
from desktop.domain.dates import EARLIEST_DAY
from desktop.domain.diary import DiaryEntry, DiaryValidationError
from desktop.store.activity_service import ActivityService
from desktop.store.diary_service import DeletedDay, DiaryService
from desktop.store.disk_errors import user_message
from desktop.store.rating_service import RatingService
from desktop.ui.base.signals import AppSignals
from desktop.ui.pages.diary_form import DiaryForm
from desktop.ui.pages.measured_steps_line import MeasuredStepsLine
from desktop.ui.pages.rating_dialog import RatingDialog
from desktop.ui.pages.walking_check import walking_ask_above, walking_is_right
from desktop.ui.widgets.fits import FitsItself
from desktop.ui.widgets.formatting import long_day, pydate, qdate, short_day, summary
from desktop.ui.widgets.widgets import list_beside_detail, repolish

LONG_DAY, SHORT_DAY = "dddd d MMMM yyyy", "ddd d MMM yyyy"
DAY_FIELD_ROOM = 64  # the field's padding and its calendar button, beside the words
LIST_WIDTH = 200  # the list of days, when it is shown beside the questions
FORM_AIR = 8


class DayField(FitsItself, QDateEdit):
    """"Wednesday 2 December 2026", or "Wed 2 Dec 2026" when the long form would be cut off
    (large text in a small window)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat(LONG_DAY)

    def _fit(self) -> None:
        words = self.locale().toString(QDate(2026, 9, 30), LONG_DAY)  # about the longest there is
        wanted = LONG_DAY if self.fontMetrics().horizontalAdvance(words) + DAY_FIELD_ROOM <= self.width() else SHORT_DAY
        if self.displayFormat() != wanted:
            self.setDisplayFormat(wanted)


class DiaryPage(FitsItself, QWidget):
    def __init__(self, diary: DiaryService, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self.diary = diary
        self.signals = signals
        self.day: dt.date = diary.clock.today()
        self._saved: DiaryEntry | None = None
        self._baseline: tuple = ()
        self._deleted: DeletedDay | None = None

        # Left: every recorded day, newest first.
        splitter, left_layout, self.days_list = list_beside_detail(self, self.tr("Your days"), "h2", "days",
                                                                   self.tr("Recorded days"))
        self.days_list.itemActivated.connect(self._list_day_chosen)
        self.days_list.itemClicked.connect(self._list_day_chosen)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.count_label.setWordWrap(True)  # "100 days recorded" may take two lines in a narrow list
        left_layout.addWidget(self.count_label)

        # Right: the day's form, scrolling, with the save bar fixed below it.
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 0, 0, 0)
        title = QLabel(self.tr("Diary"))
        title.setObjectName("h1")
        right_layout.addWidget(title)
        intro = QLabel(text("diary_intro"))
        intro.setWordWrap(True)
        right_layout.addWidget(intro)
        date_row = QHBoxLayout()
        date_label = QLabel(self.tr("&Day:"))
        date_label.setObjectName("h2")
        self.date_edit = DayField()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumWidth(260)
        self.date_edit.setAccessibleName(self.tr("Diary day"))
        self.date_edit.setToolTip(text("diary_future"))
        date_label.setBuddy(self.date_edit)
        self.today_button = QPushButton(self.tr("&Today"))
        self.today_button.clicked.connect(lambda: self.open_day(self.diary.clock.today()))
        date_row.addWidget(date_label)
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.today_button)
        date_row.addStretch(1)
        right_layout.addLayout(date_row)

        self.form = DiaryForm(diary.catalogue)
        self.form.edited.connect(self._update_state)
        self.form.exercises_help.clicked.connect(lambda: signals.section_requested.emit("exercises"))
        # Before-and-after pain ratings: optional, saved on their own (before the day's diary, too).
        self.ratings = RatingService(diary.database, diary.clock)
        self.rating_dialog: RatingDialog | None = None
        self.form.rating_requested.connect(self.rate)
        signals.ratings_changed.connect(self._show_rated)
        self.measured = MeasuredStepsLine(ActivityService(diary.database, diary.clock), signals)
        self.form.walking_card.addWidget(self.measured)  # steps measured that day, beside the walking answer
        self.form_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setFocusPolicy(Qt.NoFocus)
        scroll.setWidget(self.form)
        right_layout.addWidget(scroll, 1)

        # The saved-or-not words on their own line above the buttons: at the largest text
        # they would squeeze the buttons until their words were cut.
        self.state_label = QLabel()
        self.state_label.setObjectName("savedState")
        self.state_label.setWordWrap(True)
        right_layout.addWidget(self.state_label)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.undo_button = QPushButton(self.tr("&Undo"))
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        bar.addWidget(self.undo_button)
        self.delete_button = QPushButton(self.tr("De&lete this day"))
        self.delete_button.setObjectName("danger")
        self.delete_button.clicked.connect(self.delete_day)
        bar.addWidget(self.delete_button)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        bar.addWidget(self.save_button)
        right_layout.addLayout(bar)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.list_side = splitter.widget(0)

        QShortcut(QKeySequence.Save, self, activated=self.save)
        self.date_edit.dateChanged.connect(self._date_edited)
        signals.diary_replaced.connect(self._reload)
        signals.diary_saved.connect(self._day_changed)
        signals.diary_deleted.connect(self._day_changed)
        self._set_date_limits()
        self._reload()

    # The list of days gives way to the questions ------------------------------------
    def _fit(self) -> None:
        self._fit_list()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_list()

    def _fit_list(self) -> None:
        """Beside the questions while both fit; otherwise the list hides and the day field (with its
        calendar and Today) is the way to choose a day. Worked out from widths, so it is the same on
        every run: the page's width against the list's and the form's narrowest whole width."""
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        right = self.splitter.widget(1)
        form_needs = (self.form.comfortable_width() + right.layout().contentsMargins().left()
                      + self.form_scroll.verticalScrollBar().sizeHint().width() + FORM_AIR)
        list_width = max(LIST_WIDTH, self.list_side.minimumSizeHint().width())
        beside = room - list_width - self.splitter.handleWidth() >= form_needs
        if beside != self.list_side.isVisibleTo(self):
            self.list_side.setVisible(beside)
        if beside and self.splitter.sizes()[0] < list_width:
            self.splitter.setSizes([list_width, room - list_width])

    # Public actions -------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self.form.snapshot() != self._baseline

    def open_day(self, day: dt.date) -> bool:
        """Show a day; asks first if there are unsaved changes. False if the user stayed."""
        if day != self.day and not self.confirm_leave():
            return False
        self._set_date_limits()
        self._load(min(day, self.diary.clock.today()))
        return True

    def confirm_leave(self) -> bool:
        """Before leaving unsaved answers: save them, discard them, or stay (False)."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("You have not saved your answers for %1. Save them now?").replace("%1", long_day(self.day)),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save,
        )
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def save(self) -> bool:
        if self.form.pain.value() is None:
            return self._refuse(text("save_needs_pain"), self.form.pain)
        if self.form.limitation.value() is None:
            return self._refuse(text("save_needs_limitation"), self.form.limitation)
        if not self._walking_confirmed():
            self._set_state("unsaved", text("walking_check_not_saved"))
            self.form.walking.setFocus(Qt.OtherFocusReason)
            self.form.walking.selectAll()  # typing replaces the number straight away
            self.form_scroll.ensureWidgetVisible(self.form.walking, 0, 80)  # the box, with its question above
            return False
        entry = self.form.entry(self.day)
        try:
            self.diary.save(entry)
        except DiaryValidationError as exc:
            return self._refuse(str(exc), None)
        except Exception as exc:  # noqa: BLE001 - the patient must hear that it was not saved
            message = self.tr("Not saved: %1. Your answers are still here; please try again.")
            return self._refuse(message.replace("%1", user_message(exc)), None)
        self._deleted = None
        self._saved = entry
        self._baseline = self.form.snapshot()
        self._refresh_list()
        self._update_state(saved_now=True)
        return True

    def _walking_confirmed(self) -> bool:
        """A lot of walking is checked with the patient once, when it is newly typed in."""
        minutes = self.form.walking.minutes()
        if minutes is None or minutes <= walking_ask_above() or (
                self._saved is not None and self._saved.walking_minutes == minutes):
            return True
        return walking_is_right(self, minutes)

    def delete_day(self) -> None:
        if self._saved is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete this day?"), text("delete_confirm", day=long_day(self.day)),
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel,
        )
        if answer != QMessageBox.Yes:
            return
        self._deleted = self.diary.delete(self.day)
        self._load(self.day)
        self._refresh_list()

    def undo_delete(self) -> None:
        deleted, self._deleted = self._deleted, None
        if deleted is None:
            return
        self.diary.restore(deleted)  # the same row comes back, so exports see an undo, not a new day
        self._load(deleted.day)
        self._refresh_list()

    # Internals ------------------------------------------------------------------
    def _day_changed(self, day: dt.date) -> None:
        """A day saved or deleted anywhere, this page included (a flare-up marked from Home, say).

        The day on show takes the stored answers, except those the patient has changed here
        and not saved yet: they stay, so saving keeps both.
        """
        if day != self.day:
            self._refresh_list()
            return
        mine, before = self.form.snapshot(), self._baseline
        self._load(day)
        stored = self.form.snapshot()
        merged = tuple(m if m != b else s for m, b, s in zip(mine, before, stored, strict=True))
        if merged != stored:
            self.form.fill(self.form.entry(day, merged))
            self._update_state()
        self._refresh_list()

    def _reload(self) -> None:
        self._set_date_limits()
        self._load(min(self.day, self.diary.clock.today()))
        self._refresh_list()

    def _set_date_limits(self) -> None:
        self.date_edit.blockSignals(True)
        self.date_edit.setMinimumDate(qdate(EARLIEST_DAY))
        self.date_edit.setMaximumDate(qdate(self.diary.clock.today()))
        self.date_edit.blockSignals(False)

    def _load(self, day: dt.date) -> None:
        self.day = day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(qdate(day))
        self.date_edit.blockSignals(False)
        self._saved = self.diary.get(day)
        self.form.name_day(day, self.diary.clock.today())
        self.form.fill(self._saved)
        self._baseline = self.form.snapshot()
        self.measured.show_day(day)
        self._select_in_list(day)
        self._update_state()
        self._show_rated()

    def rate(self, activity: str) -> None:
        """Pain expected, before and after, for the day on show (a dialog; nothing else changes)."""
        if self.rating_dialog is not None:
            self.rating_dialog.deleteLater()
        self.rating_dialog = RatingDialog.open_for(self.ratings, self.day, activity, self,
                                                   focus_back=self.form.rate_buttons[activity])

    def _show_rated(self) -> None:
        self.form.show_rated({r.activity for r in self.ratings.between(self.day, self.day)})

    def _date_edited(self, new_date) -> None:
        day = pydate(new_date)
        if day == self.day:
            return
        if not self.open_day(day):
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(qdate(self.day))
            self.date_edit.blockSignals(False)

    def _list_day_chosen(self, item: QListWidgetItem) -> None:
        day = item.data(Qt.UserRole)
        if day != self.day and not self.open_day(day):
            self._select_in_list(self.day)

    def _refresh_list(self) -> None:
        entries = self.diary.between()
        self.days_list.blockSignals(True)
        self.days_list.clear()
        for entry in reversed(entries):
            item = QListWidgetItem(f"{short_day(entry.day)} {entry.day.year}\n{summary(entry)}")
            item.setData(Qt.UserRole, entry.day)
            self.days_list.addItem(item)
        self.days_list.blockSignals(False)
        self.count_label.setText(self.tr("1 day recorded") if len(entries) == 1
                                 else self.tr("%1 days recorded").replace("%1", str(len(entries))))
        self._select_in_list(self.day)

    def _select_in_list(self, day: dt.date) -> None:
        self.days_list.blockSignals(True)
        self.days_list.clearSelection()
        for row in range(self.days_list.count()):
            if self.days_list.item(row).data(Qt.UserRole) == day:
                self.days_list.setCurrentRow(row)
                break
        self.days_list.blockSignals(False)

    def _refuse(self, message: str, focus: QWidget | None) -> bool:
        self._set_state("error", message)
        if focus is not None:
            focus.setFocus(Qt.OtherFocusReason)
        return False

    def _update_state(self, saved_now: bool = False) -> None:
        dirty = self.is_dirty()
        self.delete_button.setEnabled(self._saved is not None)
        self.undo_button.setVisible(self._deleted is not None)
        if self._deleted is not None and not dirty:
            self._set_state("unsaved", self.tr("Deleted the entry for %1.").replace("%1", long_day(self._deleted.day)))
        elif dirty:
            self._set_state("unsaved", self.tr("Not saved yet"))
        elif saved_now:
            when = QTime.currentTime().toString("HH:mm")
            self._set_state("saved", self.tr("✓ Saved at %1. Your entry is safely stored.").replace("%1", when))
        elif self._saved is not None:
            self._set_state("saved", self.tr("✓ Saved"))
        else:
            self._set_state("", self.tr("Nothing saved for this day yet"))
        self.save_button.setEnabled(dirty or self._saved is None)

    def _set_state(self, state: str, message: str) -> None:
        self.state_label.setProperty("state", state)
        self.state_label.setText(message)
        repolish(self.state_label)
