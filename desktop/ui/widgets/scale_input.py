"""A 0-10 scale as a row of eleven buttons: big targets, one Tab stop, arrows and digits work."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desktop.ui.widgets.widgets import repolish

TEN_TYPING_SECONDS = 1.5


SCALE_SPACING = 3
SCALE_BUTTON_MIN, SCALE_BUTTON_ROOM = 24, 14  # app.qss: min-width 24px; padding 4px each side, borders, a little air
SCALE_FRAME = 2  # the focus frame's border


class ScaleInput(QFrame):
    value_changed = Signal(object)  # int or None

    def __init__(self, question: str, low_label: str, high_label: str, not_chosen: str,
                 optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scaleFrame")
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName(question)
        self._value: int | None = None
        self._one_typed_at: float | None = None
        self._not_chosen = not_chosen

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        self._title = title = QLabel(question)
        title.setObjectName("h2")
        title.setWordWrap(True)
        layout.addWidget(title)

        row = QHBoxLayout()
        row.setSpacing(SCALE_SPACING)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # we keep exactly one checked ourselves, and allow none
        for number in range(11):
            button = QPushButton(str(number))
            button.setObjectName("scaleButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.NoFocus)
            # Share the row's width: never wider than the card (no sideways scrolling at large text).
            button.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
            button.setAccessibleName(self.tr("%1 out of 10").replace("%1", str(number)))
            self._group.addButton(button, number)
            row.addWidget(button)
        self._group.idClicked.connect(self._clicked)
        layout.addLayout(row)

        anchors = QHBoxLayout()
        low = QLabel(f"0 = {low_label}")
        low.setObjectName("muted")
        high = QLabel(f"10 = {high_label}")
        high.setObjectName("muted")
        high.setAlignment(Qt.AlignRight | Qt.AlignTop)
        for anchor in (low, high):
            anchor.setWordWrap(True)  # on two lines rather than wider than the card
        anchors.addWidget(low)
        anchors.addWidget(high, 1)
        layout.addLayout(anchors)

        status = QHBoxLayout()
        self._status = QLabel()
        status.addWidget(self._status)
        status.addStretch(1)
        self._clear = QPushButton(self.tr("Clear"))
        self._clear.setFocusPolicy(Qt.NoFocus)
        self._clear.clicked.connect(lambda: self.set_value(None, notify=True))
        status.addWidget(self._clear)
        layout.addLayout(status)
        # Only now does the button have a parent: shown earlier, it would open as a window.
        self._clear.setVisible(optional)
        self._refresh()

    def comfortable_width(self) -> int:
        """The narrowest this scale can be with "10" whole on its button (QSS: 4 px padding, a border)."""
        button = max(SCALE_BUTTON_MIN, self.fontMetrics().horizontalAdvance("10") + SCALE_BUTTON_ROOM)
        margins = self.layout().contentsMargins()
        return 11 * button + 10 * SCALE_SPACING + margins.left() + margins.right() + 2 * SCALE_FRAME

    def question(self) -> str:
        return self._title.text()

    def set_question(self, question: str) -> None:
        self._title.setText(question)
        self.setAccessibleName(question)

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None, notify: bool = False) -> None:
        self._one_typed_at = None
        if value is not None and not 0 <= value <= 10:
            raise ValueError(value)
        changed = value != self._value
        self._value = value
        self._refresh()
        if changed and notify:
            self.value_changed.emit(value)

    def _clicked(self, number: int) -> None:
        self.setFocus(Qt.MouseFocusReason)
        self.set_value(number, notify=True)

    def _refresh(self) -> None:
        for button in self._group.buttons():
            button.setChecked(self._group.id(button) == self._value)
        self._status.setText(self._not_chosen if self._value is None
                             else self.tr("You chose %1 out of 10").replace("%1", str(self._value)))
        self._status.setObjectName("muted" if self._value is None else "")
        repolish(self._status)
        self._clear.setEnabled(self._value is not None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key_Right, Qt.Key_Up, Qt.Key_Plus):
            self.set_value(min(10, (self._value if self._value is not None else -1) + 1), notify=True)
        elif key in (Qt.Key_Left, Qt.Key_Down, Qt.Key_Minus):
            self.set_value(max(0, (self._value if self._value is not None else 1) - 1), notify=True)
        elif key == Qt.Key_Home:
            self.set_value(0, notify=True)
        elif key == Qt.Key_End:
            self.set_value(10, notify=True)
        elif Qt.Key_0 <= key <= Qt.Key_9:
            digit = key - Qt.Key_0
            now = time.monotonic()
            # "1" then "0" typed straight after each other gives 10.
            ten = digit == 0 and self._one_typed_at is not None and now - self._one_typed_at < TEN_TYPING_SECONDS
            self.set_value(10 if ten else digit, notify=True)
            self._one_typed_at = now if digit == 1 else None
            return
        elif key in (Qt.Key_Delete, Qt.Key_Backspace) and self._clear.isVisible():
            self.set_value(None, notify=True)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.setProperty("focused", True)
        repolish(self)
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self._one_typed_at = None
        self.setProperty("focused", False)
        repolish(self)
        super().focusOutEvent(event)
