"""Learn: the six optional modules; one more opens at each weekly session, all of them after week 6."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.store.programme_service import ProgrammeService
from desktop.ui.base.signals import AppSignals
from desktop.ui.widgets.read_aloud import ReadAloud, visible_words
from desktop.ui.widgets.step_flow import paragraphs
from desktop.ui.widgets.widgets import label, list_beside_detail

if TYPE_CHECKING:
    from desktop.content.programme_schema import Module


class LearnPage(QWidget):
    def __init__(self, programme: ProgrammeService, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self.programme = programme
        splitter, _left, self.list = list_beside_detail(self, self.tr("Learn"), "h1", "days", self.tr("Topics"))
        self.list.currentItemChanged.connect(lambda item, _old: self.open_item(item))
        self.reader = QScrollArea()
        self.reader.setWidgetResizable(True)
        self.reader.setFrameShape(QFrame.NoFrame)
        splitter.addWidget(self.reader)
        splitter.setSizes([320, 880])
        signals.programme_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        unlocked = set(self.programme.unlocked_modules())
        current = self.list.currentItem().data(Qt.UserRole) if self.list.currentItem() else None
        self.list.blockSignals(True)
        self.list.clear()
        for module in self.programme.content.modules:
            is_open = module.id in unlocked
            state = self.tr("%1 minutes").replace("%1", str(module.minutes)) if is_open else self.tr(
                "Opens when you choose it at a weekly session")
            item = QListWidgetItem(f"{module.title}\n{state}")
            item.setData(Qt.UserRole, module.id)
            item.setData(Qt.UserRole + 1, is_open)
            item.setToolTip(module.summary)
            self.list.addItem(item)
        self.list.blockSignals(False)
        rows = [i for i in range(self.list.count()) if self.list.item(i).data(Qt.UserRole) == current]
        if rows:
            self.list.setCurrentRow(rows[0])
        else:
            self._show_intro(unlocked)

    def _show_intro(self, unlocked: set[str]) -> None:
        texts = [self.tr("Choose a topic on the left to read it.")] if unlocked else [
            self.tr("Each weekly session, from session 2, you choose one topic to open here. "
                    "After six weeks every topic is open.")]
        intro = paragraphs(texts)
        intro.layout().addStretch(1)  # at the top, not floating in the middle of the page
        self.reader.setWidget(intro)

    def open_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        module = self.programme.content.module(item.data(Qt.UserRole))
        if not item.data(Qt.UserRole + 1):
            locked = paragraphs([module.summary, self.tr("This topic opens when you choose it at a weekly session.")])
            locked.layout().addStretch(1)
            self.reader.setWidget(locked)
            return
        self.show_module(module)

    def show_module(self, module: Module) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(12)
        layout.addWidget(label(module.title, "h1"))
        layout.addWidget(ReadAloud(lambda: visible_words(body)))
        layout.addWidget(label(module.summary, "muted"))
        for section in module.sections:
            layout.addWidget(label(section.heading, "h2"))
            layout.addWidget(paragraphs(section.paragraphs))
        tips = QFrame()
        tips.setObjectName("tipCard")
        tips_layout = QVBoxLayout(tips)
        tips_layout.addWidget(label(self.tr("Tips"), "h2"))
        tips_layout.addWidget(paragraphs(["• " + tip for tip in module.tips]))
        layout.addWidget(tips)
        layout.addWidget(label(self.tr("Try this"), "h2"))
        layout.addWidget(label(module.action))
        layout.addStretch(1)
        self.reader.setWidget(body)
        self.programme.record_event("module_opened", module=module.id)
