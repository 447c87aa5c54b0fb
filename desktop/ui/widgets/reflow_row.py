"""Words beside a button while both fit, the button under the words when they do not.

At the largest text in a small window a card with a long sentence and a button side by side
squeezes the words into a thin column and cuts the button's caption; this row stacks them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QPushButton, QWidget

from desktop.ui.widgets.fits import FitsItself

WORDS_AT_LEAST = 28  # characters of the current text the words keep beside the button


class ReflowRow(FitsItself, QFrame):
    def __init__(self, words: QWidget, button: QPushButton, parent: QWidget | None = None):
        super().__init__(parent)
        self.words, self.button = words, button
        self.row = QBoxLayout(QBoxLayout.LeftToRight, self)
        self.row.setContentsMargins(20, 16, 20, 16)
        self.row.setSpacing(12)
        self.row.addWidget(words, 1)
        self.row.addWidget(button, 0, Qt.AlignVCenter)

    def _fit(self) -> None:
        margins = self.row.contentsMargins()
        needed = (self.words.fontMetrics().averageCharWidth() * WORDS_AT_LEAST + self.row.spacing()
                  + self.button.sizeHint().width() + margins.left() + margins.right())
        beside = needed <= self.width()
        direction = QBoxLayout.LeftToRight if beside else QBoxLayout.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
            self.row.setAlignment(self.button, Qt.AlignVCenter if beside else Qt.AlignLeft)


class ButtonsRow(FitsItself, QWidget):
    """Buttons side by side while their words fit, one above the other when they would be cut."""

    def __init__(self, *buttons: QPushButton, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons = buttons
        self.row = QBoxLayout(QBoxLayout.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        for button in buttons:
            self.row.addWidget(button, 0, Qt.AlignLeft)
        self.row.addStretch(1)

    def _fit(self) -> None:
        needed = sum(b.sizeHint().width() for b in self.buttons) + self.row.spacing() * (len(self.buttons) - 1)
        direction = QBoxLayout.LeftToRight if needed <= self.width() else QBoxLayout.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
