"""One safety check outside the first one and the weekly sessions: the part of the screen a
trigger asks for (the nerve questions after a diary tick or the walking guide's warning, every
symptom after days of severe pain or a long flare-up, the asked-once questions a profile from
an older version never answered). Emits answered(level) with the advice now open, or clear."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.content.programme import Question
from desktop.domain.safety_rules import check_items
from desktop.store.programme_service import ProgrammeService
from desktop.ui.programme.history_list import HistoryList
from desktop.ui.widgets.widgets import card, label
from desktop.ui.widgets.yes_no_list import YesNoList


class SafetyCheck(QWidget):
    answered = Signal(str)

    def __init__(self, programme: ProgrammeService, kind: str, occasion: str, reason: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.programme = programme
        self.occasion = occasion
        safety = programme.content.safety
        wanted = {item.id for item in check_items(safety.items, kind)}
        questions = tuple(q for q in safety.questions if q.id in wanted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(self.tr("A quick safety check"), "h1"))
        layout.addWidget(card(label(reason), name="todoCard"))
        if kind == "history":
            layout.addWidget(label(safety.words.history_intro))
            self.questions = HistoryList(questions, safety.words.clearance)
        else:
            layout.addWidget(label(programme.content.safety.words.intro))
            self.questions = YesNoList(tuple(Question(q.id, q.text, q.item.urgency) for q in questions))
        layout.addWidget(self.questions)
        row = QHBoxLayout()
        self.message = label("")
        self.message.setObjectName("savedState")
        self.save_button = QPushButton(self.tr("&Save my answers"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def save(self) -> str | None:
        missing = self.questions.unanswered()
        if missing:
            self.message.setText(self.tr("Please answer Yes or No to every question (%1 left).")
                                 .replace("%1", str(len(missing))))
            return None
        clearances = self.questions.clearances() if isinstance(self.questions, HistoryList) else frozenset()
        level = self.programme.record_screening(self.occasion, self.questions.answers(), clearances)
        self.answered.emit(level)
        return level
