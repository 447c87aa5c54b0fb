"""The asked-once safety questions (history, the inflammatory pattern, pregnancy, a recent back
operation), each answered Yes or No on purpose. Under a Yes that calls for a talk with the GP,
a tick says it has already been talked over (a dated clearance, kept from then on)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QWidget

from desktop.content.safety import ScreeningQuestion
from desktop.domain.safety_rules import CLEAR
from desktop.ui.widgets.wrapping_check import WrappingCheck
from desktop.ui.widgets.yes_no_list import yes_no_row


class HistoryList(QFrame):
    changed = Signal()

    def __init__(self, questions: tuple[ScreeningQuestion, ...], clearance: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.questions = questions
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        self.groups: dict[str, QButtonGroup] = {}
        self.ticks: dict[str, WrappingCheck] = {}
        row = 0
        for question in questions:
            group = yes_no_row(self, grid, row, question.text)
            group.idClicked.connect(lambda _id: self._update())
            self.groups[question.id] = group
            row += 1
            if question.item.urgency != CLEAR:
                tick = WrappingCheck(clearance)
                tick.setVisible(False)
                tick.toggled.connect(lambda _on: self.changed.emit())
                grid.addWidget(tick, row, 0, 1, 3)
                self.ticks[question.id] = tick
                row += 1
        grid.setColumnStretch(0, 1)

    def _update(self) -> None:
        for item, tick in self.ticks.items():
            tick.setVisible(self.groups[item].checkedId() == 1)
        self.changed.emit()

    def unanswered(self) -> list[ScreeningQuestion]:
        return [q for q in self.questions if self.groups[q.id].checkedId() == -1]

    def answers(self) -> dict[str, bool]:
        return {qid: group.checkedId() == 1 for qid, group in self.groups.items() if group.checkedId() != -1}

    def clearances(self) -> frozenset[str]:
        return frozenset(item for item, tick in self.ticks.items()
                         if tick.isChecked() and self.groups[item].checkedId() == 1)

    def set_answer(self, question_id: str, yes: bool, cleared: bool = False) -> None:
        self.groups[question_id].button(1 if yes else 0).setChecked(True)
        self._update()
        if question_id in self.ticks:
            self.ticks[question_id].setChecked(cleared)
