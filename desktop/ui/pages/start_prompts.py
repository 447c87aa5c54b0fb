"""Gentle prompts when the app opens (missed diary days, a session that is ready), each shown once."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.domain.reminders import Prompt, start_prompts
from desktop.store.diary_service import DiaryService
from desktop.store.settings_service import SettingsService
from desktop.ui.widgets.formatting import long_day
from desktop.ui.widgets.reflow_row import ButtonsRow
from desktop.ui.widgets.widgets import discard, label

SHOWN_SETTING = "prompts_shown"
REMEMBER = 50  # keys kept; older ones can never match again anyway


class StartPrompts(QWidget):
    """A column of dismissable notes; empty (and hidden) when there is nothing to say."""

    day_requested = Signal(dt.date)
    session_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.notes: list[QFrame] = []
        self.hide()

    def show_for(self, diary: DiaryService, settings: SettingsService, open_session: int | None) -> list[Prompt]:
        today = diary.clock.today()
        recorded = {e.day for e in diary.between(today - dt.timedelta(days=7), today)}
        shown = set(json.loads(settings.get(SHOWN_SETTING, "[]")))
        prompts = start_prompts(today, recorded, open_session, shown, diary_started=diary.first_day())
        for prompt in prompts:
            self._add(prompt)
        if prompts:
            settings.set(SHOWN_SETTING, json.dumps((sorted(shown) + [p.key for p in prompts])[-REMEMBER:]))
        self.setVisible(bool(self.notes))
        return prompts

    def _add(self, prompt: Prompt) -> None:
        note = QFrame()
        note.setObjectName("tipCard")
        # The words above their buttons: side by side, large text would squeeze both.
        column = QVBoxLayout(note)
        column.setContentsMargins(16, 10, 16, 10)
        if prompt.kind == "missed_days":
            words = (text("prompt_missed_one", days=long_day(prompt.days[0])) if len(prompt.days) == 1
                     else text("prompt_missed_many", count=len(prompt.days)))
            action = QPushButton(self.tr("Fill in %1").replace("%1", long_day(prompt.days[-1])))
            action.clicked.connect(lambda _=False, d=prompt.days[-1]: self.day_requested.emit(d))
        else:
            words = text("prompt_session", number=prompt.session)
            action = QPushButton(self.tr("Open the session"))
            action.clicked.connect(lambda _=False: self.session_requested.emit())
        column.addWidget(label(words))
        dismiss = QPushButton(self.tr("Not now"))
        dismiss.setAccessibleName(self.tr("Dismiss this note"))
        dismiss.clicked.connect(lambda _=False, n=note: self._dismiss(n))
        column.addWidget(ButtonsRow(action, dismiss))  # one above the other when side by side would cut them
        self._layout.addWidget(note)
        self.notes.append(note)

    def _dismiss(self, note: QFrame) -> None:
        self.notes.remove(note)
        discard(note)
        self.setVisible(bool(self.notes))
