"""The goal step of a weekly session: keep, step up, step down or change last week's goal.

Keep / step up / step down set the numbers (desktop/domain/goal_step.py) and the editors show
them locked, saying so. "Change my goal" unlocks them, and shows Walking and Back exercises
tick boxes to add or drop an activity. What the patient typed in "Change my goal" is kept
while they look at the other choices, and comes back when they choose it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from desktop.content.loader import ExerciseCatalogue, text
from desktop.domain import feedback as fb
from desktop.domain.goal_step import carried, stepped_down, stepped_up
from desktop.domain.goals import EXERCISES, WALKING, Goal, suggested_goal
from desktop.domain.programme_rules import ProgrammeRules
from desktop.ui.programme.goal_editor import GoalEditor
from desktop.ui.widgets.choice_cards import ChoiceCards
from desktop.ui.widgets.widgets import card, column, discard, label

if TYPE_CHECKING:
    from desktop.content.programme_schema import GoalChoice

KEEP, STEP_UP, STEP_DOWN, CHANGE = range(4)  # the choice cards' ids
CHOICE_KEYS = (fb.KEEP, fb.STEP_UP, fb.STEP_DOWN, "change")


class WeeklyGoalStep(QWidget):
    goals_changed = Signal()

    def __init__(self, goal_choice: GoalChoice, rules: ProgrammeRules, catalogue: ExerciseCatalogue,
                 last: tuple[Goal, ...], watch_button: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.rules = rules
        self.catalogue = catalogue
        self.last = {goal.activity: goal for goal in last}
        self.level = last[0].level if last else 1
        self.editors: list[GoalEditor] = []
        self._typed: tuple[int, dict[str, Goal]] | None = None  # (level, goals) typed under "Change my goal"
        choices = ChoiceCards()
        for key in CHOICE_KEYS:
            first, _stop, rest = getattr(goal_choice, key).partition(". ")  # "Keep my goal the same. This is..."
            choices.add(key, first + ("." if rest else ""), [rest] if rest else [])
        self.choice = choices.group
        self.choice.idClicked.connect(lambda _id: self.apply_choice())
        self.walking = QCheckBox(self.tr("Walking"))
        self.exercises = QCheckBox(self.tr("Back exercises"))
        for box in (self.walking, self.exercises):
            box.toggled.connect(lambda _on: self._activities_changed())
        self.activities = card(label(text("goal_step_activities")), self.walking, self.exercises)
        self.activities.hide()
        self.goal_box = column()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for widget in (choices, watch_button, self.activities, self.goal_box):
            layout.addWidget(widget)

    def enter(self, level: int, suggestion: str) -> None:
        """Entering the step: the choice the week's review suggests, unless one was made."""
        self.level = level
        if self.choice.checkedId() == -1:
            self.choice.button({fb.STEP_UP: STEP_UP, fb.SMALLER: STEP_DOWN}.get(suggestion, KEEP)).setChecked(True)
        self.apply_choice()

    def chosen(self) -> int:
        return max(0, self.choice.checkedId())

    def apply_choice(self) -> None:
        editable = self.chosen() == CHANGE
        if editable and self._typed and self._typed[0] == self.level:
            goals = dict(self._typed[1])
        else:
            change = {KEEP: carried, STEP_UP: stepped_up, STEP_DOWN: stepped_down, CHANGE: carried}[self.chosen()]
            goals = {activity: change(goal, self.level, self.rules) for activity, goal in self.last.items()}
        self._show(goals, editable)

    def _show(self, goals: dict[str, Goal], editable: bool) -> None:
        for editor in self.editors:
            discard(editor)
        self.editors = []
        for activity in (WALKING, EXERCISES):
            if activity in goals:
                editor = GoalEditor(goals[activity], self.rules, self.catalogue, last=self.last.get(activity))
                editor.set_locked(not editable)
                editor.changed.connect(self._typed_changed)
                self.goal_box.layout().addWidget(editor)
                self.editors.append(editor)
        self.activities.setVisible(editable)
        for box, activity in ((self.walking, WALKING), (self.exercises, EXERCISES)):
            box.blockSignals(True)
            box.setChecked(activity in goals)
            box.blockSignals(False)
        if editable:
            self._typed_changed()
        self.goals_changed.emit()

    def _typed_changed(self) -> None:
        if self.chosen() == CHANGE:
            self._typed = (self.level, {editor.base.activity: editor.goal() for editor in self.editors})

    def _activities_changed(self) -> None:
        """Add or drop walking or back exercises (only under "Change my goal")."""
        goals = {editor.base.activity: editor.goal() for editor in self.editors}
        for box, activity in ((self.walking, WALKING), (self.exercises, EXERCISES)):
            if box.isChecked() and activity not in goals:
                last = self.last.get(activity)
                goals[activity] = (carried(last, self.level, self.rules) if last is not None
                                   else suggested_goal(activity, self.level, self.rules))
            elif not box.isChecked():
                goals.pop(activity, None)
        self._show(goals, editable=True)

    def problem(self) -> str | None:
        if not self.editors:
            return text("goal_step_keep_one")
        for editor in self.editors:
            if problem := editor.problem():
                return problem
        return None

    def goals(self) -> tuple[Goal, ...]:
        return tuple(editor.goal() for editor in self.editors)
