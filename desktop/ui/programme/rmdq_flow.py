"""A follow-up Roland-Morris questionnaire (3, 6 and 12 months after the start), ending on the
score in words against the start ("8 at the start, 4 now, out of 24: lower is better")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.content.loader import text
from desktop.domain.questionnaires import rmdq_score
from desktop.store.programme_service import ProgrammeService
from desktop.ui.charts.rmdq_scores import patient_change_words
from desktop.ui.programme.rmdq_checklist import RmdqChecklist
from desktop.ui.widgets.step_flow import Step, StepFlow
from desktop.ui.widgets.widgets import label


def score_words(start: int | None, now: int) -> str:
    if start is None:
        return text("rmdq_result_first", now=now)
    return text("rmdq_result_compared", start=start, now=now) + " " + patient_change_words(now - start)


class RmdqFlow(StepFlow):
    completed = Signal()

    def __init__(self, programme: ProgrammeService, occasion: str, parent: QWidget | None = None):
        super().__init__(self.tr("How your back is now"), parent)
        self.programme = programme
        self.occasion = occasion
        self.checklist = RmdqChecklist(programme.content)
        self.add(Step(self.tr("What your back stops you doing"), self.checklist))
        self.result = label("")
        self.result.setObjectName("h2")
        self.add(Step(text("rmdq_result_heading"), self.result))
        self.step_changed.connect(self._show_result)
        self.finished.connect(self._save)

    def _show_result(self, index: int) -> None:
        if index != 1:
            return
        scores = self.programme.rmdq_scores()
        start = scores[0][2] if scores else None
        now = rmdq_score(self.checklist.answers())
        self.result.setText(score_words(start, now) + "\n\n" + text("rmdq_result_done"))

    def _save(self) -> None:
        self.programme.save_rmdq(self.occasion, self.checklist.answers())
        self.completed.emit()
