"""The written part of an exercise: what it is for, the steps, when to stop, easier and harder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.content.exercise_guides import ExerciseGuide
from desktop.content.loader import text
from desktop.ui.widgets.read_aloud import ReadAloud, visible_words
from desktop.ui.widgets.widgets import label

if TYPE_CHECKING:
    from desktop.content.safety_schema import Screening


class ExerciseGuideView(QWidget):
    nerve_warning = Signal()  # "my legs feel weak or numb": the nerve questions, at once

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.read_aloud = ReadAloud(lambda: visible_words(self))  # the steps, when to stop, easier and harder
        layout.addWidget(self.read_aloud)
        layout.addWidget(label(self.tr("How to do it"), "h2"))
        self.steps = label("")
        self.steps.setAccessibleName(self.tr("Steps"))
        layout.addWidget(self.steps)
        self.repetitions = label("")
        layout.addWidget(self.repetitions)

        stop_card = QFrame()
        stop_card.setObjectName("todoCard")
        stop_layout = QVBoxLayout(stop_card)
        stop_layout.addWidget(label(text("exercise_stop_intro"), "h2"))
        self.stop_if = label("")
        self.stop_if.setAccessibleName(self.tr("Stop and rest if"))
        stop_layout.addWidget(self.stop_if)
        stop_layout.addWidget(label(text("exercise_stop_outro"), "muted"))
        self.warning_button = QPushButton(programme_words().walking_warning)
        self.warning_button.setAccessibleName(programme_words().walking_warning)
        self.warning_button.clicked.connect(lambda: self.nerve_warning.emit())
        warning_row = QHBoxLayout()
        warning_row.addWidget(self.warning_button)
        warning_row.addStretch(1)
        stop_layout.addLayout(warning_row)
        layout.addWidget(stop_card)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.easier, self.harder = label(""), label("")
        ways = ((self.tr("Easier way"), self.easier), (self.tr("Harder way"), self.harder))
        for column, (title, body) in enumerate(ways):
            card = QFrame()
            card.setObjectName("card")
            card_layout = QVBoxLayout(card)
            card_layout.addWidget(label(title, "h2"))
            card_layout.addWidget(body)
            card_layout.addStretch(1)
            grid.addWidget(card, 0, column)
        layout.addLayout(grid)

    def show_guide(self, guide: ExerciseGuide) -> None:
        self.steps.setText("<ol style='margin-left:0px'>"
                           + "".join(f"<li style='margin-bottom:6px'>{_escape(step)}</li>" for step in guide.steps)
                           + "</ol>")
        self.stop_if.setText("<ul>" + "".join(f"<li style='margin-bottom:4px'>{_escape(s)}</li>"
                                              for s in guide.stop_if) + "</ul>")
        self.repetitions.setText(f"<b>{_escape(self.tr('How many:'))}</b> {_escape(guide.repetitions)}")
        self.easier.setText(guide.easier)
        self.harder.setText(guide.harder)
        self.warning_button.setVisible(guide.nerve_check)


def programme_words() -> Screening:
    from desktop.content.programme import programme_content

    return programme_content().safety.words


def _escape(words: str) -> str:
    return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
