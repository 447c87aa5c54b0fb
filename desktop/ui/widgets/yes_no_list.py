"""Questions answered Yes or No, each answered on purpose (nothing is pre-selected)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QLabel, QRadioButton, QWidget

from desktop.content.programme import Question


class YesNoList(QFrame):
    changed = Signal()

    def __init__(self, questions: tuple[Question, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.questions = questions
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        self.groups: dict[str, QButtonGroup] = {}
        for row, question in enumerate(questions):
            group = yes_no_row(self, grid, row, question.text)
            group.idClicked.connect(lambda _id: self.changed.emit())
            self.groups[question.id] = group
        grid.setColumnStretch(0, 1)

    def unanswered(self) -> list[Question]:
        return [q for q in self.questions if self.groups[q.id].checkedId() == -1]

    def answers(self) -> dict[str, bool]:
        return {qid: group.checkedId() == 1 for qid, group in self.groups.items() if group.checkedId() != -1}

    def set_answer(self, question_id: str, yes: bool) -> None:
        self.groups[question_id].button(1 if yes else 0).setChecked(True)
        self.changed.emit()


def yes_no_row(owner: QWidget, grid: QGridLayout, row: int, words: str) -> QButtonGroup:
    """One question in a grid: its words (wrapped), then Yes (id 1) and No (id 0) beside them."""
    text = QLabel(words)
    text.setWordWrap(True)
    grid.addWidget(text, row, 0)
    group = QButtonGroup(owner)
    for column, (caption, value) in enumerate(((owner.tr("Yes"), 1), (owner.tr("No"), 0)), start=1):
        button = QRadioButton(caption)
        button.setAccessibleName(f"{words} {caption}")
        group.addButton(button, value)
        grid.addWidget(button, row, column)
    return group
