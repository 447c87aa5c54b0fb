"""The red-flag advice: unmistakable, calm, and clear about where to go."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from desktop.content.programme import ProgrammeContent
from desktop.domain.questionnaires import EMERGENCY
from desktop.ui.step_flow import paragraphs
from desktop.ui.widgets import discard, label


class SafetyAdvice(QFrame):
    def __init__(self, content: ProgrammeContent, parent: QWidget | None = None):
        super().__init__(parent)
        self.content = content
        self.setObjectName("alertCard")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 20, 24, 20)

    def show_outcome(self, outcome: str) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget():
                discard(item.widget())
        screening = self.content.screening
        emergency = outcome == EMERGENCY
        title = label("⚠ " + screening["emergency_title" if emergency else "same_day_title"], "alertTitle")
        title.setAccessibleName(title.text())
        self.layout_.addWidget(title)
        self.layout_.addWidget(paragraphs(screening["emergency_advice" if emergency else "same_day_advice"]))
        self.layout_.addWidget(label(screening["paused_note"], "muted"))
