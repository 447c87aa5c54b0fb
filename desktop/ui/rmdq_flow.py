"""A follow-up Roland-Morris questionnaire (3, 6 and 12 months after the start)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QVBoxLayout, QWidget

from desktop.store.programme_service import ProgrammeService
from desktop.ui.onboarding_flow import column
from desktop.ui.step_flow import Step, StepFlow
from desktop.ui.widgets import label


class RmdqFlow(StepFlow):
    completed = Signal()

    def __init__(self, programme: ProgrammeService, occasion: str, parent: QWidget | None = None):
        rmdq = programme.content.rmdq
        super().__init__(self.tr("How your back is now"), parent)
        self.programme = programme
        self.occasion = occasion
        self.boxes = {item.id: QCheckBox(item.text) for item in programme.content.rmdq_items}
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        for box in self.boxes.values():
            layout.addWidget(box)
        self.add(Step(self.tr("What your back stops you doing"),
                      column(label(rmdq["intro"]), label(rmdq["instruction"], "h2"), card,
                             label(rmdq["citation"], "muted"))))
        self.finished.connect(self._save)

    def _save(self) -> None:
        self.programme.save_rmdq(self.occasion, {k: b.isChecked() for k, b in self.boxes.items()})
        self.completed.emit()
