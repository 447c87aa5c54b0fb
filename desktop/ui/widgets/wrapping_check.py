"""A tick box whose words wrap (a QCheckBox never wraps, so long words would widen the page)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget


class WrappingCheck(QWidget):
    toggled = Signal(bool)

    def __init__(self, words: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.words = words
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.box = QCheckBox()
        self.box.setAccessibleName(words)
        self.box.setStyleSheet("QCheckBox { background: transparent; }")
        self.box.toggled.connect(self.toggled.emit)
        self.label = QLabel(words)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.PlainText)
        self.label.setStyleSheet("background: transparent;")
        self.label.mousePressEvent = lambda _event: self.box.toggle()  # the words tick it too
        layout.addWidget(self.box, 0, Qt.AlignTop)
        layout.addWidget(self.label, 1)

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def setChecked(self, on: bool) -> None:
        self.box.setChecked(on)

    def text(self) -> str:
        return self.words

    def accessibleName(self) -> str:
        return self.words
