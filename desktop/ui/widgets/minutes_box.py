"""A minutes box that can also say "Not answered": walking not answered is not 0.

Below its range (-1) the box shows "Not answered" instead of a number; typing a number
answers it, and the arrows (or +5) start from 0. Only a deliberate choice ("I didn't note
it") brings the box back to not answered; "No walk" puts 0.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.ui.widgets.number_box import NumberBox

_UNANSWERED = -1


class MinutesBox(NumberBox):
    minutes_changed = Signal(object)  # int, or None when not answered

    def __init__(self, high: int, suffix: str, not_answered: str, accessible_name: str = "",
                 parent: QWidget | None = None):
        super().__init__(_UNANSWERED, high, suffix, accessible_name, parent)
        self.setSpecialValueText(not_answered)
        self.setValue(_UNANSWERED)
        self.valueChanged.connect(lambda _v: self.minutes_changed.emit(self.minutes()))

    def minutes(self) -> int | None:
        value = self.value()
        return None if value == _UNANSWERED else value

    def set_minutes(self, minutes: int | None) -> None:
        self.setValue(_UNANSWERED if minutes is None else minutes)

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt's name
        """Arrows and +5/-5 move between answers; they never step into (or out to) "Not answered"
        except by starting from it: up from not answered is the first step above 0."""
        if self.value() == _UNANSWERED:
            if steps > 0:
                self.setValue(min(self.maximum(), steps * self.singleStep()))
                self.selectAll()
            return
        target = self.value() + steps * self.singleStep()
        self.setValue(max(0, min(self.maximum(), target)))
        self.selectAll()
