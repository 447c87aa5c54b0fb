"""The red-flag advice: unmistakable, calm, and clear about where to go.

One card per open advice: the title, where to go (first, so it shows without scrolling), what
the patient told us and why it matters, then the confirmation of that level (its own words; two
ticks after emergency advice) and the button that carries on. Emits confirmed(level) once the
confirmation is saved.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.content.safety import SafetyContent
from desktop.domain.safety_rules import EMERGENCY, Finding
from desktop.ui.widgets.read_aloud import ReadAloud, visible_words
from desktop.ui.widgets.step_flow import paragraphs
from desktop.ui.widgets.widgets import label
from desktop.ui.widgets.wrapping_check import WrappingCheck


class SafetyAdvice(QFrame):
    confirmed = Signal(str)

    def __init__(self, content: SafetyContent, level: str, found: Iterable[Finding] = (), confirm=None,
                 parent: QWidget | None = None):
        """``confirm(level)`` saves the confirmation (the page passes the programme's); without it
        the card only advises (no ticks)."""
        super().__init__(parent)
        self.content = content
        self.level = level
        self._confirm = confirm
        self.setObjectName("alertCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        words = content.levels[level]
        self.title = label("⚠ " + words.title, "alertTitle")
        self.title.setAccessibleName(words.title)
        layout.addWidget(self.title)
        self.read_aloud = ReadAloud(lambda: visible_words(self))  # the advice, what was told and the ticks
        layout.addWidget(self.read_aloud)
        self.advice = paragraphs(list(words.advice))
        layout.addWidget(self.advice)
        found = list(found)
        if found:
            told = [content.words.you_told_us]
            for finding in found:
                question = content.question(finding.item)
                told.append(f"• {question.label[:1].upper()}{question.label[1:]}. {question.why}")
            layout.addWidget(paragraphs(told))
        note = content.words.emergency_wait if level == EMERGENCY else content.words.paused_note
        layout.addWidget(label(note, "muted"))
        self.ticks: list[WrappingCheck] = []
        self.button: QPushButton | None = None
        if confirm is not None:
            for words_of_tick in words.confirm:
                tick = WrappingCheck(words_of_tick)
                tick.toggled.connect(lambda _on: self._enable())
                self.ticks.append(tick)
                layout.addWidget(tick)
            self.button = QPushButton(words.button.replace("&", "&&"))
            self.button.setObjectName("primary")
            self.button.setEnabled(False)
            self.button.clicked.connect(self._carry_on)
            row = QHBoxLayout()
            row.addWidget(self.button)
            row.addStretch(1)
            layout.addLayout(row)
        for child in self.advice.findChildren(QWidget):
            if hasattr(child, "setTextInteractionFlags"):
                child.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def _enable(self) -> None:
        self.button.setEnabled(all(t.isChecked() for t in self.ticks))

    def _carry_on(self) -> None:
        if not all(t.isChecked() for t in self.ticks):
            return
        self._confirm(self.level)
        self.confirmed.emit(self.level)
