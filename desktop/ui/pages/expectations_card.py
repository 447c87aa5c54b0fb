"""Progress: "What I expected and what happened", the patient's own before-and-after ratings
in words ("You expected 7; it was 4. 9 of 12 times it was better than you expected")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from desktop.content.expectation_words import progress_lines
from desktop.content.loader import text
from desktop.domain.expectations import ExpectationSummary
from desktop.ui.widgets.formatting import short_day
from desktop.ui.widgets.widgets import label


class ExpectationsCard(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(label(text("expect_heading"), "h2"))
        layout.addWidget(label(text("expect_intro"), "muted"))
        self.words = label("")
        self.words.setObjectName("summary")
        self.words.setAccessibleName(text("expect_heading"))
        self.words.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        layout.addWidget(self.words)
        self.lines: list[str] = []

    def show_summary(self, summary: ExpectationSummary) -> None:
        self.lines = progress_lines(summary, short_day)
        self.words.setText("\n\n".join(self.lines))

    def text_shown(self) -> str:
        return self.words.text()


