"""A follow-up Roland-Morris questionnaire (3, 6 and 12 months after the start)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.store.programme_service import ProgrammeService
from desktop.ui.rmdq_checklist import RmdqChecklist
from desktop.ui.step_flow import Step, StepFlow


class RmdqFlow(StepFlow):
    completed = Signal()

    def __init__(self, programme: ProgrammeService, occasion: str, parent: QWidget | None = None):
        super().__init__(self.tr("How your back is now"), parent)
        self.programme = programme
        self.occasion = occasion
        self.checklist = RmdqChecklist(programme.content)
        self.add(Step(self.tr("What your back stops you doing"), self.checklist))
        self.finished.connect(self._save)

    def _save(self) -> None:
        self.programme.save_rmdq(self.occasion, self.checklist.answers())
        self.completed.emit()
