"""A goal in words, for reviews and summaries."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.content.loader import ExerciseCatalogue
from desktop.domain.goals import WALKING, Goal


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalText", text)


def describe(goal: Goal, catalogue: ExerciseCatalogue) -> str:
    if goal.activity == WALKING:
        return (_tr("walk for %1 minutes a day on %2 days a week")
                .replace("%1", str(goal.minutes_per_day)).replace("%2", str(goal.days_per_week)))
    names = ", ".join(catalogue.by_key(k).title.lower() for k in sorted(goal.exercises)) or _tr("back exercises")
    return (_tr("do %1 (%2 times each, %3 a day) on %4 days a week")
            .replace("%1", names).replace("%2", str(goal.repetitions)).replace("%3", str(goal.times_per_day))
            .replace("%4", str(goal.days_per_week)))
