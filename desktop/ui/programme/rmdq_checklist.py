"""The Roland-Morris statements as a checklist: tick the ones that describe you today."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFrame, QVBoxLayout, QWidget

from desktop.content.programme import ProgrammeContent
from desktop.ui.widgets.widgets import label


class RmdqChecklist(QWidget):
    def __init__(self, content: ProgrammeContent, intro: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        rmdq = content.rmdq
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(intro or rmdq.intro))
        layout.addWidget(label(rmdq.instruction, "h2"))
        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        self.boxes = {item.id: QCheckBox(item.text) for item in content.rmdq_items}
        for box in self.boxes.values():
            card_layout.addWidget(box)
        layout.addWidget(card)
        layout.addWidget(label(rmdq.citation, "muted"))

    def answers(self) -> dict[str, bool]:
        return {item_id: box.isChecked() for item_id, box in self.boxes.items()}
