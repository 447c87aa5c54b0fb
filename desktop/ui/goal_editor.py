"""Set one weekly goal within its level's ranges (walking or back exercises)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QFormLayout, QFrame, QGridLayout, QVBoxLayout, QWidget

from desktop.content.loader import ExerciseCatalogue
from desktop.domain.goals import WALKING, Goal, check_goal
from desktop.domain.programme_rules import ProgrammeRules, Range
from desktop.ui.number_box import NumberBox
from desktop.ui.widgets import label


def _spin(allowed: Range, suffix: str, name: str) -> NumberBox:
    spin = NumberBox(allowed.low, allowed.high, suffix, name)
    spin.setMinimumWidth(160)
    spin.setMaximumWidth(240)
    return spin


class GoalEditor(QFrame):
    def __init__(self, goal: Goal, rules: ProgrammeRules, catalogue: ExerciseCatalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.rules = rules
        self.base = goal
        ranges = rules.levels[goal.level]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        form = QFormLayout()
        self.exercise_boxes: dict[str, QCheckBox] = {}
        if goal.activity == WALKING:
            layout.addWidget(label(self.tr("Walking"), "h2"))
            self.minutes = _spin(ranges.walking.minutes, self.tr(" minutes"), self.tr("Minutes a day"))
            self.days = _spin(ranges.walking.days, self.tr(" days"), self.tr("Days a week"))
            self.minutes.setSingleStep(5)
            form.addRow(self.tr("Minutes a day:"), self.minutes)
            form.addRow(self.tr("Days a week:"), self.days)
        else:
            ex = ranges.exercises
            layout.addWidget(label(self.tr("Back exercises"), "h2"))
            layout.addWidget(label(self.tr("Choose %1 to %2 exercises:").replace("%1", str(ex.count.low))
                                   .replace("%2", str(ex.count.high))))
            grid = QGridLayout()
            for index, exercise in enumerate(catalogue.exercises):
                box = QCheckBox(exercise.title)
                self.exercise_boxes[exercise.key] = box
                grid.addWidget(box, index // 2, index % 2)
            layout.addLayout(grid)
            self.repetitions = _spin(ex.repetitions, self.tr(" times each"), self.tr("Repetitions"))
            self.times = _spin(ex.times_per_day, self.tr(" a day"), self.tr("Times a day"))
            self.days = _spin(ex.days, self.tr(" days"), self.tr("Days a week"))
            form.addRow(self.tr("Repeat each exercise:"), self.repetitions)
            form.addRow(self.tr("How often a day:"), self.times)
            form.addRow(self.tr("Days a week:"), self.days)
        layout.addLayout(form)
        self.set_goal(goal)

    def set_goal(self, goal: Goal) -> None:
        self.base = goal
        self.days.setValue(goal.days_per_week)
        if goal.activity == WALKING:
            self.minutes.setValue(goal.minutes_per_day)
            return
        self.repetitions.setValue(goal.repetitions)
        self.times.setValue(goal.times_per_day)
        chosen = list(goal.exercises)
        for key in self.exercise_boxes:  # suggest more when the goal asks for more; the patient can change them
            if len(chosen) >= goal.exercise_count:
                break
            if key not in chosen:
                chosen.append(key)
        for key, box in self.exercise_boxes.items():
            box.setChecked(key in chosen)

    def goal(self) -> Goal:
        if self.base.activity == WALKING:
            return replace(self.base, minutes_per_day=self.minutes.value(), days_per_week=self.days.value())
        chosen = frozenset(k for k, b in self.exercise_boxes.items() if b.isChecked())
        return replace(self.base, exercises=chosen, exercise_count=len(chosen), repetitions=self.repetitions.value(),
                       times_per_day=self.times.value(), days_per_week=self.days.value())

    def problem(self) -> str | None:
        try:
            check_goal(self.goal(), self.rules)
        except ValueError as exc:
            return self.tr("Please check your goal: %1.").replace("%1", str(exc))
        return None
