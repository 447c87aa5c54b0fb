"""The form for one support call: the day, its length, what was said under each CARE heading,
the agreed next step and (if one was agreed) a follow-up date.

Keyboard: Tab moves from field to field (also out of the text boxes), Ctrl+Enter saves.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.store.clinic_notes import CARE_FIELDS, MAX_MINUTES, CallNote
from desktop.ui.widgets.formatting import pydate, qdate
from desktop.ui.widgets.widgets import label

DEFAULT_MINUTES = 15
FOLLOW_UP_AFTER_DAYS = 14


class ClinicNoteForm(QFrame):
    save_requested = Signal(object)  # a CallNote, not yet checked nor saved

    def __init__(self, participant_id: str, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.participant_id = participant_id
        self.today = today
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 12, 18, 14)
        outer.setSpacing(8)
        outer.addWidget(label(self.tr("Record a call"), "careHeading"))
        form = QFormLayout()
        form.setSpacing(8)
        self.call_date = QDateEdit(qdate(today))
        self.call_date.setCalendarPopup(True)
        self.call_date.setMaximumDate(qdate(today))
        self.call_date.setAccessibleName(self.tr("Day of the call"))
        form.addRow(self.tr("Day of the call"), self.call_date)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MAX_MINUTES)
        self.minutes.setValue(DEFAULT_MINUTES)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.minutes.setAccessibleName(self.tr("Length of the call in minutes"))
        form.addRow(self.tr("Length"), self.minutes)
        headings = {"congratulate": self.tr("Congratulate"), "address": self.tr("Address concerns"),
                    "reassure": self.tr("Reassure"), "encourage": self.tr("Encourage")}
        self.care: dict[str, QPlainTextEdit] = {}
        for key in CARE_FIELDS:
            box = QPlainTextEdit()
            box.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 16)
            box.setAccessibleName(headings[key])
            self.care[key] = box
            form.addRow(headings[key], box)
        self.next_step = QLineEdit()
        self.next_step.setAccessibleName(self.tr("Agreed next step"))
        self.next_step.setMinimumHeight(self.minutes.sizeHint().height())
        form.addRow(self.tr("Agreed next step"), self.next_step)
        row = QHBoxLayout()
        self.has_follow_up = QCheckBox(self.tr("Follow-up on"))
        self.has_follow_up.setChecked(True)
        self.follow_up = QDateEdit(qdate(today + dt.timedelta(days=FOLLOW_UP_AFTER_DAYS)))
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setAccessibleName(self.tr("Follow-up date"))
        self.has_follow_up.toggled.connect(self.follow_up.setEnabled)
        row.addWidget(self.has_follow_up)
        row.addWidget(self.follow_up)
        row.addStretch(1)
        form.addRow(self.tr("Follow-up"), row)
        outer.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save call note"))
        self.save_button.setToolTip(self.tr("Save this call note (Ctrl+Enter)"))
        self.save_button.clicked.connect(self._save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        for keys in (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            QShortcut(keys, self, self._save)

    def note(self) -> CallNote:
        follow_up = pydate(self.follow_up.date()) if self.has_follow_up.isChecked() else None
        care = {key: box.toPlainText() for key, box in self.care.items()}
        return CallNote(self.participant_id, pydate(self.call_date.date()), self.minutes.value(),
                        next_step=self.next_step.text(), follow_up=follow_up, **care)

    def clear(self) -> None:
        for box in self.care.values():
            box.clear()
        self.next_step.clear()
        self.call_date.setDate(qdate(self.today))
        self.minutes.setValue(DEFAULT_MINUTES)

    def _save(self) -> None:
        self.save_requested.emit(self.note())
