"""RMDQ scores over time, in words and as a row of simple bars (out of 24; lower is better)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QProgressBar, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.ui.widgets.formatting import long_day
from desktop.ui.widgets.widgets import discard, label

_OCCASIONS = {"baseline": "When you started", "session6": "After six weeks", "month3": "After 3 months",
              "month6": "After 6 months", "month12": "After 12 months"}


class RmdqScores(QWidget):
    """``occasion_name`` and ``change_words`` (the change from the first to the latest score)
    let another reader, such as a clinician, get other words; by default the patient's."""

    def __init__(self, parent: QWidget | None = None, occasion_name: Callable[[str], str] | None = None,
                 change_words: Callable[[int], str] | None = None):
        super().__init__(parent)
        self._occasion_name = occasion_name or (lambda occasion: self.tr(_OCCASIONS.get(occasion, occasion)))
        self._change_words = change_words or patient_change_words
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._body: QWidget | None = None

    def show_scores(self, scores: list[tuple[str, dt.date, int]]) -> None:
        discard(self._body)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        if not scores:
            layout.addWidget(label(text("progress_rmdq_none"), "muted"))
        else:
            grid = QGridLayout()
            for row, (occasion, day, score) in enumerate(scores):
                name = self._occasion_name(occasion)
                grid.addWidget(label(f"{name} ({long_day(day)})"), row, 0)  # wraps: no sideways scrolling
                bar = QProgressBar()
                bar.setRange(0, 24)
                bar.setValue(score)
                bar.setFormat(self.tr("%v out of 24"))
                bar.setAccessibleName(f"{name}: {score} out of 24")
                grid.addWidget(bar, row, 1)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
            layout.addLayout(grid)
            if len(scores) > 1:
                layout.addWidget(label(self._change_words(scores[-1][2] - scores[0][2])))
        self._layout.addWidget(body)
        self._body = body


def patient_change_words(change: int) -> str:
    key = ("progress_rmdq_change_better" if change <= -2 else
           "progress_rmdq_change_worse" if change >= 2 else "progress_rmdq_change_same")
    return text(key, points=abs(change))
