"""The Diary's small read-only line under the walking question: what the phone or watch
measured on the day shown, beside the patient's own answer. Hidden when nothing was measured."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel

from desktop.content.loader import text
from desktop.store.activity_service import ActivityService
from desktop.ui.base.signals import AppSignals


class MeasuredStepsLine(QLabel):
    def __init__(self, activity: ActivityService, signals: AppSignals, parent=None):
        super().__init__(parent)
        self.activity = activity
        self.setObjectName("muted")  # styled like the hint above it
        self.setWordWrap(True)
        self.setVisible(False)
        self.day: dt.date | None = None
        signals.activity_imported.connect(self._imported)

    def _imported(self) -> None:
        self.show_day(self.day)

    def show_day(self, day: dt.date | None) -> None:
        self.day = day
        found = self.activity.get(day) if day else None
        if found is None or (found.steps is None and not found.walking_minutes):
            self.setText("")
            self.setVisible(False)
            return
        locale = QLocale()
        steps = locale.toString(found.steps) if found.steps is not None else None
        if steps is not None and found.walking_minutes:
            words = text("activity_diary_steps_walks", steps=steps, minutes=found.walking_minutes, source=found.source)
        elif steps is not None:
            words = text("activity_diary_steps", steps=steps, source=found.source)
        else:
            words = text("activity_diary_walks", minutes=found.walking_minutes, source=found.source)
        self.setText(words)
        self.setAccessibleName(words)
        self.setVisible(True)
