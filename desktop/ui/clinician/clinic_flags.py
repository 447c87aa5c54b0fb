"""Flags for targeted support as cards: an icon, a title and the numbers behind it, each in
words (the amber frame only repeats what the words say). No flags: one calm line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.exchange.clinic_data import flag_detail, flag_title
from desktop.exchange.clinic_summary import SupportFlag
from desktop.ui.clinician.clinic_header import reading
from desktop.ui.widgets.widgets import label

# The icon of each kind of flag; the title says the same in words.
ICONS = {"indicators": "⚑", "engagement": "◔", "rmdq": "↗", "link_not_enough_data": "…", "link_none": "⇄",
         "link_higher": "▲", "link_lower": "▼", "mood": "☁", "pregnancy": "◎", "spinal_surgery": "✚"}


class ClinicFlags(QWidget):
    def __init__(self, flags: list[SupportFlag], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        heading = label(self.tr("Flags for targeted support (%1)").replace("%1", str(len(flags))), "h2")
        layout.addWidget(heading)
        self.cards: list[QFrame] = []
        if not flags:
            card = QFrame()
            card.setObjectName("doneCard")
            row = QHBoxLayout(card)
            row.setContentsMargins(16, 10, 16, 10)
            row.addWidget(label("✓", "h2", wrap=False))
            row.addWidget(reading(text("clinic_no_flags_card")), 1)
            layout.addWidget(card)
            return
        grid = QGridLayout()  # two a row: room for the words at any text size
        grid.setSpacing(12)
        for index, flag in enumerate(flags):
            card = self._card(flag)
            self.cards.append(card)
            grid.addWidget(card, index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

    def _card(self, flag: SupportFlag) -> QFrame:
        card = QFrame()
        card.setObjectName("flagCard")
        row = QHBoxLayout(card)
        row.setContentsMargins(14, 10, 14, 12)
        row.setSpacing(12)
        icon = label(ICONS.get(flag.kind, "⚑"), "flagIcon", wrap=False)
        row.addWidget(icon, 0, Qt.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(4)
        title, detail = flag_title(flag), flag_detail(flag)
        words.addWidget(label(self.tr("Flag: %1").replace("%1", title), "flagTitle"))
        words.addWidget(reading(detail, accessible=f"{title}: {detail}"))
        words.addStretch(1)
        row.addLayout(words, 1)
        card.setAccessibleName(title)
        return card
