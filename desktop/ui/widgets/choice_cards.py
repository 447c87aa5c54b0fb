"""Choices as wrapped cards: a bold title with words under it, the whole card one button.

Long titles and summaries wrap to the width there is (never a sideways scroll bar, never
cut off), at any text size. Mouse: click anywhere on a card. Keyboard: Tab to a card, Space
chooses it, the arrow keys move between cards (and choose, once one is chosen).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets.widgets import label, repolish

MARK_SIZE = 22  # the round "chosen" mark on the left of each card
MARK_SPACE = 52


class ChoiceCard(QAbstractButton):
    def __init__(self, key: str, title: str, lines: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("choiceCard")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAttribute(Qt.WA_Hover)
        self.setText(title)  # what a screen reader says; the labels below are what is seen
        self.setAccessibleDescription(" ".join(lines))
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARK_SPACE, 12, 16, 12)
        layout.setSpacing(4)
        self.title = label(title, "choiceTitle")
        self.lines = [label(line, "muted" if index else "") for index, line in enumerate(lines)]
        for widget in (self.title, *self.lines):
            widget.setAttribute(Qt.WA_TransparentForMouseEvents)  # a click anywhere is the card's
            layout.addWidget(widget)
        self.toggled.connect(self._chosen_changed)

    def _chosen_changed(self, chosen: bool) -> None:
        self.setProperty("chosen", chosen)
        repolish(self)
        for widget in self.findChildren(QLabel):
            repolish(widget)

    def sizeHint(self) -> QSize:
        return self.layout().totalSizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().totalMinimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().totalHeightForWidth(width)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PE_Widget, option, painter, self)  # the card, from app.qss
        mark = QStyleOptionButton()
        mark.initFrom(self)
        mark.state |= QStyle.State_On if self.isChecked() else QStyle.State_Off
        top = self.title.geometry().top() + max(0, (self.title.fontMetrics().height() - MARK_SIZE) // 2)
        mark.rect = QRect((MARK_SPACE - MARK_SIZE) // 2, top, MARK_SIZE, MARK_SIZE)
        self.style().drawPrimitive(QStyle.PE_IndicatorRadioButton, mark, painter, self)


class ChoiceCards(QWidget):
    """A column of cards of which one (or none yet) is chosen; emits chosen(key)."""

    chosen = Signal(str)

    def __init__(self, accessible_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.buttonClicked.connect(lambda card: self.chosen.emit(card.key))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.cards: list[ChoiceCard] = []

    def add(self, key: str, title: str, lines: list[str]) -> ChoiceCard:
        card = ChoiceCard(key, title, lines, self)
        self.group.addButton(card, len(self.cards))  # ids in order: 0, 1, 2 ...
        self.layout().addWidget(card)
        self.cards.append(card)
        return card

    def card(self, key: str) -> ChoiceCard:
        return next(card for card in self.cards if card.key == key)

    def key(self) -> str | None:
        """The chosen card's key, or None while nothing is chosen."""
        checked = self.group.checkedButton()
        return checked.key if checked is not None else None

    def choose(self, key: str | None) -> None:
        if key is None:
            self.group.setExclusive(False)  # the only way to have none checked again
            for card in self.cards:
                card.setChecked(False)
            self.group.setExclusive(True)
            return
        self.card(key).setChecked(True)
