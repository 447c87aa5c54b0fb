"""'I'm having a flare-up': a calm plan, a gentler goal for now, and a mark in the diary."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.content.programme import ProgrammeContent
from desktop.store.diary_service import DiaryService
from desktop.ui.widgets.step_flow import paragraphs
from desktop.ui.widgets.widgets import label


class FlareUpDialog(QDialog):
    def __init__(self, content: ProgrammeContent, diary: DiaryService, open_diary_today, parent: QWidget | None = None):
        super().__init__(parent)
        flare = content.flare_up
        self.diary = diary
        self.open_diary_today = open_diary_today
        self.setWindowTitle(flare.title)
        self.resize(720, 640)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(label(flare.title, "h1"))
        layout.addWidget(paragraphs(flare.intro))
        layout.addWidget(label(self.tr("Your flare-up plan"), "h2"))
        layout.addWidget(paragraphs(["• " + step for step in flare.plan]))
        goal = QFrame()
        goal.setObjectName("tipCard")
        QVBoxLayout(goal).addWidget(label(flare.gentle_goal))
        layout.addWidget(goal)
        layout.addWidget(label(self.tr("When to get help"), "h2"))
        layout.addWidget(paragraphs(flare.seek_help))
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.status = label("", "muted")
        outer.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.mark_button = QPushButton(self.tr("&Mark today as a flare-up in my diary"))
        self.mark_button.setObjectName("primary")
        self.mark_button.clicked.connect(self.mark_today)
        buttons.addButton(self.mark_button, QDialogButtonBox.ActionRole)
        buttons.addButton(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def mark_today(self) -> None:
        today = self.diary.clock.today()
        entry = self.diary.get(today)
        if entry is None:
            # Pain and limitation are needed: open today's diary with the flare-up ticked.
            self.accept()
            self.open_diary_today(flare_up=True)
            return
        if not entry.flare_up:
            self.diary.save(replace(entry, flare_up=True))
        self.status.setText(self.tr("✓ Today is marked as a flare-up in your diary."))
        self.mark_button.setEnabled(False)
