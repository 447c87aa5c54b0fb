"""The clinic's call notes for the patient in the window: closed until the clinic passphrase is
typed (chosen, twice, the first time), then the next follow-up date, the previous calls
(newest first) and the form for a new one. The notes stay on this computer, encrypted
(store/clinic_notes.py); nothing here changes the patient's export.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.security.profile_lock import SecretRejected
from desktop.store.clinic_notes import (
    CARE_FIELDS,
    CallNote,
    ClinicNotes,
    NoteRejected,
    NotesError,
    is_set_up,
    open_notes,
    set_up_notes,
)
from desktop.store.disk_errors import user_message
from desktop.ui.clinician.clinic_header import reading
from desktop.ui.clinician.clinic_note_form import ClinicNoteForm
from desktop.ui.widgets.formatting import long_day
from desktop.ui.widgets.widgets import label


class ClinicNotesPanel(QWidget):
    notes_opened = Signal()
    note_saved = Signal(object)  # the CallNote as saved

    def __init__(self, folder: Path, participant_id: str, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = folder
        self.participant_id = participant_id
        self.today = today
        self.notes: ClinicNotes | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label(self.tr("Call notes"), "h2"))
        layout.addWidget(label(self.tr("Kept on this computer only, encrypted under the clinic passphrase. "
                                       "They are never sent to the patient."), "muted"))
        # Shown one at a time (not stacked: the short closed state must not take the open one's height).
        self.lock_page = self._lock_page()
        self.notes_page = self._notes_page()
        self.notes_page.hide()
        layout.addWidget(self.lock_page)
        layout.addWidget(self.notes_page)

    @property
    def is_open(self) -> bool:
        return not self.notes_page.isHidden()

    # The closed state ---------------------------------------------------------------------
    def _lock_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.first_time = not is_set_up(self.folder)
        intro = (self.tr("Choose a clinic passphrase for the call notes (at least 10 characters; a few words "
                         "work well). It cannot be recovered: keep it somewhere safe.") if self.first_time else
                 self.tr("Type the clinic passphrase to see and add call notes."))
        layout.addWidget(label(intro))
        row = QHBoxLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setAccessibleName(self.tr("Clinic passphrase"))
        self.passphrase.setPlaceholderText(self.tr("Clinic passphrase"))
        self.passphrase.returnPressed.connect(self.open_notes)
        row.addWidget(self.passphrase, 1)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.Password)
        self.confirm.setAccessibleName(self.tr("The same passphrase again"))
        self.confirm.setPlaceholderText(self.tr("The same passphrase again"))
        self.confirm.returnPressed.connect(self.open_notes)
        self.confirm.setVisible(self.first_time)
        row.addWidget(self.confirm, 1)
        self.open_button = QPushButton(self.tr("Choose passphrase") if self.first_time else self.tr("Open notes"))
        self.open_button.clicked.connect(self.open_notes)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.problem = label("", "savedState")
        self.problem.setProperty("state", "error")
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        return page

    def open_notes(self) -> None:
        secret = self.passphrase.text()
        try:
            if self.first_time:
                if secret != self.confirm.text():
                    self._show_problem(self.tr("The two passphrases are not the same. Please type them again."))
                    return
                self.notes = set_up_notes(self.folder, secret)
            else:
                self.notes = open_notes(self.folder, secret)
        except (NotesError, SecretRejected) as exc:
            self._show_problem(str(exc))
            return
        except OSError as exc:  # the clinic folder cannot be made or written
            self._show_problem(user_message(exc))
            return
        finally:
            self.passphrase.clear()
            self.confirm.clear()
        self.problem.hide()
        self.refresh()
        self.lock_page.hide()
        self.notes_page.show()
        self.form.call_date.setFocus()
        self.notes_opened.emit()

    def _show_problem(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.show()
        self.passphrase.setFocus()

    # The open state -----------------------------------------------------------------------
    def _notes_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.follow_up = reading("", "fact")
        layout.addWidget(self.follow_up)
        self.history = reading("")
        layout.addWidget(self.history)
        self.form = ClinicNoteForm(self.participant_id, self.today)
        self.form.save_requested.connect(self.save)
        layout.addWidget(self.form)
        self.message = label("", "savedState")
        layout.addWidget(self.message)
        return page

    def previous(self) -> list[CallNote]:
        return self.notes.notes_for(self.participant_id) if self.notes else []

    def refresh(self) -> None:
        notes = self.previous()
        due = notes[0].follow_up if notes else None
        self.follow_up.setText(self.tr("Next follow-up: %1").replace("%1", long_day(due)) if due else
                               self.tr("Next follow-up: none agreed"))
        self.follow_up.setAccessibleName(self.follow_up.text())
        if notes:
            self.history.setText("".join(_note_html(note) for note in notes))
            self.history.setAccessibleName(" ".join(note_words(note) for note in notes))
        else:
            self.history.setText(self.tr("No calls recorded yet for this patient."))
            self.history.setAccessibleName(self.history.text())

    def save(self, note: CallNote) -> None:
        if self.notes is None:
            return
        try:
            saved = self.notes.add(note)
        except (NoteRejected, NotesError, OSError) as exc:
            self.message.setProperty("state", "error")
            self.message.setText(user_message(exc) if isinstance(exc, OSError) else str(exc))
            self.style().polish(self.message)
            return
        self.form.clear()
        self.refresh()
        self.message.setProperty("state", "")
        self.message.setText(self.tr("Call note saved."))
        self.style().polish(self.message)
        self.note_saved.emit(saved)


def _tr(words: str) -> str:
    return QCoreApplication.translate("ClinicNotesPanel", words)


_HEADINGS = {"congratulate": QT_TRANSLATE_NOOP("ClinicNotesPanel", "Congratulate"),
             "address": QT_TRANSLATE_NOOP("ClinicNotesPanel", "Address concerns"),
             "reassure": QT_TRANSLATE_NOOP("ClinicNotesPanel", "Reassure"),
             "encourage": QT_TRANSLATE_NOOP("ClinicNotesPanel", "Encourage")}


def note_words(note: CallNote) -> str:
    """One note as plain text (the accessible name, and the summary's "last call")."""
    parts = [_tr("%1, %2 min.").replace("%1", long_day(note.call_date)).replace("%2", str(note.minutes))]
    parts += [f"{_tr(_HEADINGS[key])}: {value}" for key, value in note.care().items() if value]
    if note.next_step:
        parts.append(_tr("Next step: %1").replace("%1", note.next_step))
    if note.follow_up:
        parts.append(_tr("Follow-up: %1").replace("%1", long_day(note.follow_up)))
    return " ".join(parts)


def _note_html(note: CallNote) -> str:
    rows = [f"<b>{escape(long_day(note.call_date))}</b> ({note.minutes} min)"]
    for key in CARE_FIELDS:
        value = getattr(note, key)
        if value:
            rows.append(f"<i>{escape(_tr(_HEADINGS[key]))}:</i> {escape(value)}")
    if note.next_step:
        rows.append(f"<i>{escape(_tr('Next step'))}:</i> {escape(note.next_step)}")
    return "<p>" + "<br>".join(rows) + "</p>"
