"""Set one weekly goal (walking or back exercises): each number beside last week's, within this week's room.

At a weekly session `last` is last week's goal and each number may rise one small step
(desktop/domain/goal_step.py); at the first session, or for an activity added this week, the
level's ranges apply. What the patient types stays in the box: a number out of its room is
named below it (and Next refuses), never changed behind their back.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from desktop.content.loader import ExerciseCatalogue, text
from desktop.domain.goal_step import rooms, step_problems
from desktop.domain.goals import WALKING, Goal
from desktop.domain.programme_rules import ProgrammeRules
from desktop.ui.programme.goal_number_row import NumberRow, lock_icon, problem_words
from desktop.ui.widgets.number_box import NumberBox
from desktop.ui.widgets.widgets import label
from desktop.ui.widgets.wrapping_check import WrappingCheck

# What a box accepts while typing: wide, so a number above this week's room stays as typed
# and is explained, instead of the keystroke being refused.
TYPING_HIGH = {"minutes_per_day": 600, "days_per_week": 7, "repetitions": 50, "times_per_day": 5}


BOX_ROOM = 84  # app.qss: the arrows' 36 px, padding, borders and the line edit's own margins


def _box(number: str, suffix: str, name: str) -> NumberBox:
    return NumberBox(0, TYPING_HIGH[number], suffix, name)


class GoalEditor(QFrame):
    changed = Signal()

    def __init__(self, goal: Goal, rules: ProgrammeRules, catalogue: ExerciseCatalogue, parent: QWidget | None = None,
                 last: Goal | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.rules = rules
        self.base = goal
        self.last = last
        self.rooms = rooms(goal.activity, last, goal.level, rules)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.lock_note = QWidget()
        lock_line = QHBoxLayout(self.lock_note)
        lock_line.setContentsMargins(0, 0, 0, 0)
        lock_line.addWidget(lock_icon())
        lock_words = label(text("goal_step_locked_choice"))
        lock_words.setObjectName("goalLocked")
        lock_line.addWidget(lock_words, 1)
        self.exercise_boxes: dict[str, WrappingCheck] = {}
        self.rows: dict[str, NumberRow] = {}
        if goal.activity == WALKING:
            layout.addWidget(label(self.tr("Walking"), "h2"))
            layout.addWidget(self.lock_note)
            self.minutes = self._row(layout, "minutes_per_day", self.tr("Minutes a day"), self.tr(" minutes"))
            self.minutes.setSingleStep(5)
            self.days = self._row(layout, "days_per_week", self.tr("Days a week"), self.tr(" days"))
        else:
            count = self.rooms["exercise_count"]
            layout.addWidget(label(self.tr("Back exercises"), "h2"))
            layout.addWidget(self.lock_note)
            layout.addWidget(label(self.tr("Choose %1 to %2 exercises:").replace("%1", str(count.low))
                                   .replace("%2", str(count.high)), "goalNumber"))
            grid = QGridLayout()
            grid.setHorizontalSpacing(16)
            for index, exercise in enumerate(catalogue.exercises):
                box = WrappingCheck(exercise.title)
                box.toggled.connect(lambda _on: self._refresh())
                self.exercise_boxes[exercise.key] = box
                grid.addWidget(box, index // 2, index % 2, Qt.AlignTop)  # a short name beside a wrapped one stays level
            layout.addLayout(grid)
            self.rows["exercise_count"] = NumberRow(self.tr("Exercises chosen"), None, count)
            layout.addWidget(self.rows["exercise_count"])
            self.repetitions = self._row(layout, "repetitions", self.tr("Repeat each exercise"), self.tr(" times each"))
            self.times = self._row(layout, "times_per_day", self.tr("How often a day"), self.tr(" a day"))
            self.days = self._row(layout, "days_per_week", self.tr("Days a week"), self.tr(" days"))
        self.lock_note.hide()
        self._size_boxes()
        self.set_goal(goal)

    def _size_boxes(self) -> None:
        """Every box as wide as the widest number with its words ("600 minutes", "50 times each"): never cut.
        A spin box's size hint measures its longest text in its own style (app.qss padding and arrows)."""
        boxes = [row.box for row in self.rows.values() if row.box is not None]
        for box in boxes:
            box.ensurePolished()
        width = max(max(box.sizeHint().width(), box.fontMetrics().horizontalAdvance(
            f"{box.maximum()}{box.suffix()}") + BOX_ROOM) for box in boxes)
        for box in boxes:
            box.setFixedWidth(width)

    def changeEvent(self, event) -> None:  # a new text size
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._size_boxes()

    def _row(self, layout: QVBoxLayout, number: str, title: str, suffix: str) -> NumberBox:
        box = _box(number, suffix, title)
        row = NumberRow(title, box, self.rooms[number])
        box.valueChanged.connect(lambda _v: self._refresh())
        self.rows[number] = row
        layout.addWidget(row)
        return box

    def set_goal(self, goal: Goal) -> None:
        self.base = goal
        self._filling = True
        self.days.setValue(goal.days_per_week)
        if goal.activity == WALKING:
            self.minutes.setValue(goal.minutes_per_day)
        else:
            self.repetitions.setValue(goal.repetitions)
            self.times.setValue(goal.times_per_day)
            chosen = [key for key in self.exercise_boxes if key in goal.exercises]
            for key in self.exercise_boxes:  # suggest more when the goal asks for more; the patient can change them
                if len(chosen) >= goal.exercise_count:
                    break
                if key not in chosen:
                    chosen.append(key)
            chosen = chosen[:max(goal.exercise_count, 0)]  # fewer when the level came down
            for key, box in self.exercise_boxes.items():
                box.setChecked(key in chosen)
        self._filling = False
        self._refresh()

    def goal(self) -> Goal:
        if self.base.activity == WALKING:
            return replace(self.base, minutes_per_day=self.minutes.value(), days_per_week=self.days.value())
        chosen = frozenset(k for k, b in self.exercise_boxes.items() if b.isChecked())
        return replace(self.base, exercises=chosen, exercise_count=len(chosen), repetitions=self.repetitions.value(),
                       times_per_day=self.times.value(), days_per_week=self.days.value())

    def set_locked(self, locked: bool) -> None:
        """Locked: the choice above (keep, step up, step down) set the numbers; they look and say so."""
        self.setEnabled(not locked)
        self.setProperty("locked", locked)
        self.lock_note.setVisible(locked)
        for row in self.rows.values():
            row.locked_by_choice = locked
        for box in self.exercise_boxes.values():
            box.setEnabled(not locked)
        self.style().unpolish(self)
        self.style().polish(self)
        self._refresh()

    def locked(self) -> bool:
        return bool(self.property("locked"))

    def _refresh(self) -> None:
        if getattr(self, "_filling", True):
            return
        goal = self.goal()
        problems = {p.number: p for p in step_problems(goal, self.last, self.rules)}
        for number, row in self.rows.items():
            row.show_state(getattr(goal, number), problems.get(number))
        self.changed.emit()

    def problem(self) -> str | None:
        problems = step_problems(self.goal(), self.last, self.rules)
        if not problems:
            return None
        return text("goal_step_problem", problem=problem_words(problems[0]))
