"""One number of a weekly goal: its name above, the box, "last week -> this week" beside it, and why
it cannot go higher (or is locked) below, in words that wrap."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.domain.goal_step import (
    ABOVE_LEVEL,
    ABOVE_STEP,
    BELOW_LEVEL,
    ONE_STEP,
    TOO_MANY_UP,
    Room,
    StepProblem,
)
from desktop.paths import resources_dir
from desktop.ui.widgets.number_box import NumberBox
from desktop.ui.widgets.widgets import label, repolish

LOCK_ICON = "lock.svg"


def lock_icon() -> QLabel:
    icon = QLabel()
    icon.setPixmap(QPixmap(str(resources_dir() / "icons" / LOCK_ICON)))
    icon.setAccessibleName(QCoreApplication.translate("GoalEditor", "Locked"))
    icon.setFixedSize(22, 22)
    icon.setAlignment(Qt.AlignCenter)
    icon.setStyleSheet("background: transparent;")
    return icon


def problem_words(problem: StepProblem) -> str:
    if problem.kind == ABOVE_STEP:
        return text("goal_step_above_step", limit=problem.limit, last=problem.last)
    if problem.kind == ABOVE_LEVEL:
        return text("goal_step_above_level", limit=problem.limit)
    if problem.kind == BELOW_LEVEL:
        return text("goal_step_below_level", limit=problem.limit)
    assert problem.kind == TOO_MANY_UP
    return text("goal_step_too_many_up") if problem.limit == 1 else text("goal_step_too_many_up_some",
                                                                          limit=problem.limit)


class NumberRow(QWidget):
    """`box` is None for the number of exercises, which the tick boxes above it set."""

    def __init__(self, title: str, box: NumberBox | None, room: Room, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = box
        self.room = room
        self.locked_by_choice = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        self.title = label(title)
        self.title.setObjectName("goalNumber")
        self.line = line = QBoxLayout(QBoxLayout.LeftToRight)
        line.setSpacing(10)
        layout.addWidget(self.title)
        if box is not None:
            self.title.setBuddy(box)
            line.addWidget(box, 0, Qt.AlignLeft | Qt.AlignVCenter)
        self.lock = lock_icon()
        self.trend = label("")
        self.trend.setObjectName("goalTrend")
        tail = QHBoxLayout()
        tail.setSpacing(10)
        tail.addWidget(self.lock, 0, Qt.AlignVCenter)
        tail.addWidget(self.trend, 1)
        line.addLayout(tail, 1)
        layout.addLayout(line)
        self.note = label("")
        self.note.setObjectName("goalNote")
        layout.addWidget(self.note)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_line()

    def _fit_line(self) -> None:
        """"Last week 15 -> this week 20" beside the box while it fits on one line, else under it."""
        words = self.trend.fontMetrics().horizontalAdvance(self.trend.text()) + 4
        beside = ((self.box.width() + self.line.spacing() if self.box is not None else 0)
                  + self.lock.width() + self.line.spacing() + words)
        direction = QBoxLayout.LeftToRight if beside <= self.width() else QBoxLayout.TopToBottom
        if self.line.direction() != direction:
            self.line.setDirection(direction)

    def value(self, counted: int | None = None) -> int:
        return counted if self.box is None else self.box.value()

    def locked(self) -> bool:
        return self.locked_by_choice or self.room.locked

    def show_state(self, value: int, problem: StepProblem | None) -> None:
        """Trend, lock and note for the number now in the box (never changed here: what was typed stays)."""
        room = self.room
        self.trend.setText(text("goal_step_trend_new") if room.last is None
                           else text("goal_step_trend", last=room.last, now=value))
        self._fit_line()
        locked = self.locked()
        self.lock.setVisible(locked)
        if self.box is not None:
            self.box.setEnabled(not locked)
        if problem is not None and not self.locked_by_choice:
            words, kind = problem_words(problem), "problem"
        elif self.locked_by_choice:
            words, kind = "", "hint"  # the editor says it once, above its numbers
        elif room.locked:
            words, kind = text("goal_step_locked_level", value=room.high), "locked"
        elif value == room.high and room.last is not None:
            key = "goal_step_at_step_top" if room.high_because == ONE_STEP else "goal_step_at_level_top"
            words, kind = text(key), "hint"
        else:
            words, kind = "", "hint"
        self.note.setText(words)
        self.note.setVisible(bool(words))
        if self.note.property("kind") != kind:
            self.note.setProperty("kind", kind)
            repolish(self.note)
