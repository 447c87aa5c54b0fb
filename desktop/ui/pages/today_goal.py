"""Home's "Today" card: this week's goal, the patient's own if-then plan, and a tick for each
activity that fills in today's diary.

A tick on a day already in the diary saves it at once (the walk at least the goal's minutes,
the goal's exercises added); on a day not yet in the diary it opens today's diary with those
answers filled in, since pain and limitation still need the patient's own answer. Taking a
tick away opens today's diary to change the numbers: nothing the patient typed is undone
behind their back.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.domain.goals import WALKING, Goal
from desktop.store.diary_service import DiaryService
from desktop.ui.widgets.goal_text import describe
from desktop.ui.widgets.widgets import label


class TodayGoalCard(QFrame):
    # (walking minutes or None, exercise keys): open today's diary with these filled in
    diary_prefill_requested = Signal(object, object)

    def __init__(self, diary: DiaryService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.diary = diary
        self.goals: tuple[Goal, ...] = ()
        self.entry: DiaryEntry | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(20, 16, 20, 16)
        self._layout.addWidget(label(text("home_goal_heading"), "h2"))
        self.goal_words = label("")
        self.plan = label("", "muted")
        self._layout.addWidget(self.goal_words)
        self._layout.addWidget(self.plan)
        self.ticks: dict[str, QCheckBox] = {}
        for activity in ("walking", "exercises"):
            tick = QCheckBox()
            tick.clicked.connect(lambda checked, a=activity: self._ticked(a, checked))
            self._layout.addWidget(tick)
            self.ticks[activity] = tick
        self.note = label("", "muted")
        self.note.setVisible(False)
        self._layout.addWidget(self.note)
        self.setVisible(False)

    def show_today(self, goals: tuple[Goal, ...], entry: DiaryEntry | None) -> None:
        self.goals, self.entry = goals, entry
        self.setVisible(bool(goals))
        if not goals:
            return
        words = [describe(goal, self.diary.catalogue) for goal in goals]
        self.goal_words.setText(text("home_goal_words", goal=text("home_goal_and").join(words)))
        planned = next((goal for goal in goals if goal.plan_when or goal.plan_where), None)
        self.plan.setText(text("home_goal_plan", when=planned.plan_when, where=planned.plan_where).strip()
                          if planned else "")
        self.plan.setVisible(planned is not None)
        for activity, tick in self.ticks.items():
            goal = self._goal(activity)
            tick.setVisible(goal is not None)
            if goal is None:
                continue
            tick.setText(text(f"home_tick_{activity}", minutes=goal.minutes_per_day))
            tick.setChecked(entry is not None and goal.met_on(entry.walking_minutes or 0, entry.exercises))
        self.note.setText("")
        self.note.setVisible(False)

    def _goal(self, activity: str) -> Goal | None:
        return next((goal for goal in self.goals if goal.activity == activity), None)

    def _ticked(self, activity: str, checked: bool) -> None:
        goal = self._goal(activity)
        if goal is None:
            return
        walk = goal.minutes_per_day if activity == WALKING else None
        exercises = goal.exercises if activity != WALKING else frozenset()
        if not checked or self.entry is None:
            # No day yet (pain still to be given), or a tick taken away: the diary, filled in.
            self.ticks[activity].setChecked(not checked if self.entry is not None else False)
            self.diary_prefill_requested.emit(walk if checked else None, exercises if checked else frozenset())
            return
        entry = self.entry
        # Ticking exercises leaves an unanswered walk unanswered (never 0, "no walk").
        walking = entry.walking_minutes if walk is None else max(entry.walking_minutes or 0, walk)
        updated = replace(entry, walking_minutes=walking,
                          exercises=entry.exercises | exercises)
        self.diary.save(updated)  # the store announces it; Home and the Diary refresh
        saved = (text("home_tick_saved_walking", minutes=updated.walking_minutes) if activity == WALKING
                 else text("home_tick_saved"))
        self.note.setText(saved)
        self.note.setVisible(True)
