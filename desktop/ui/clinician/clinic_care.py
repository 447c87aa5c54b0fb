"""The CARE summary in four headed sections, in order: Congratulate, Address concerns,
Reassure, Encourage toward goals (two by two, read left to right, top to bottom)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.exchange.clinic_summary import CareSection
from desktop.ui.clinician.clinic_header import reading
from desktop.ui.widgets.widgets import label


class ClinicCare(QWidget):
    def __init__(self, sections: list[CareSection], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label(self.tr("Summary for a support call (CARE)"), "h2"))
        grid = QGridLayout()
        grid.setSpacing(12)
        self.sections: dict[str, QLabel] = {}
        for index, section in enumerate(sections):
            card = QFrame()
            card.setObjectName("card")
            inner = QVBoxLayout(card)
            inner.setContentsMargins(18, 12, 18, 14)
            inner.setSpacing(6)
            heading = f"{index + 1}. {section.heading}"
            inner.addWidget(label(heading, "careHeading"))
            if section.items:
                words = reading(_bullets(section.items), accessible=f"{section.heading}: {' '.join(section.items)}")
            else:
                words = reading(text("clinic_none"), "muted", accessible=f"{section.heading}: {text('clinic_none')}")
            inner.addWidget(words)
            inner.addStretch(1)
            self.sections[section.key] = words
            grid.addWidget(card, index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)


def _bullets(items: tuple[str, ...]) -> str:
    """A bulleted list whose wrapped lines stay indented under their bullet."""
    rows = "".join(f'<li style="margin-bottom:3px">{escape(item)}</li>' for item in items)
    return f'<ul style="margin:0; -qt-list-indent:1; margin-left:-18px">{rows}</ul>'
