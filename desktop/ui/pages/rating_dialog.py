"""Before and after a walk or exercise session: the pain expected afterwards, and pain rated just
before and afterwards. Every rating is optional; the dialog is calm, scrolls rather than
growing past a small screen, and works from the keyboard alone (each scale is one Tab stop
that takes digits and arrows; Enter saves, Esc cancels)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.domain.expectations import ActivityRating, RatingValidationError
from desktop.store.rating_service import RatingService
from desktop.ui.widgets.scale_input import ScaleInput
from desktop.ui.widgets.widgets import label


class RatingDialog(QDialog):
    @classmethod
    def open_for(cls, ratings: RatingService, day: dt.date, activity: str, parent: QWidget,
                 focus_back: QWidget) -> RatingDialog:
        """Open window-modal (the page hears of a saved rating through the store); when it
        closes, the keyboard goes back to the button that opened it."""
        dialog = cls(ratings, day, activity, parent)

        def back(_result: int) -> None:
            parent.window().activateWindow()
            focus_back.setFocus(Qt.OtherFocusReason)

        dialog.finished.connect(back)
        dialog.open()
        return dialog

    def __init__(self, ratings: RatingService, day: dt.date, activity: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ratings, self.day, self.activity = ratings, day, activity
        self.setWindowTitle(text(f"rate_title_{activity}"))
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # the scales share the width instead
        scroll.setFocusPolicy(Qt.NoFocus)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(label(text(f"rate_title_{activity}"), "h2"))
        layout.addWidget(label(text("rate_intro"), "muted"))
        not_given = text("rate_not_given")
        low, high = text("rate_low"), text("rate_high")
        self.expected = ScaleInput(text("rate_expected"), low, high, not_given, optional=True)
        self.before = ScaleInput(text("rate_before"), low, high, not_given, optional=True)
        self.after = ScaleInput(text("rate_after"), low, high, not_given, optional=True)
        for scale in (self.expected, self.before, self.after):
            layout.addWidget(scale)
        self.problem = label("", "muted")
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        self.clear_button = QPushButton(text("rate_clear"))
        self.clear_button.clicked.connect(self.clear)
        self.cancel_button = QPushButton(text("rate_cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(text("rate_save"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        stored = ratings.get(day, activity)
        if stored is not None:
            self.expected.set_value(stored.expected_pain)
            self.before.set_value(stored.pain_before)
            self.after.set_value(stored.pain_after)
        if parent is not None:  # never larger than the window it belongs to (1024x600 included)
            window = parent.window()
            self.resize(min(720, window.width() - 40), min(640, window.height() - 40))
        (self.after if stored is not None and stored.expected_pain is not None else self.expected).setFocus()

    def rating(self) -> ActivityRating:
        return ActivityRating(self.day, self.activity, self.expected.value(), self.before.value(), self.after.value())

    def clear(self) -> None:
        for scale in (self.expected, self.before, self.after):
            scale.set_value(None, notify=True)

    def save(self) -> None:
        try:
            self.ratings.save(self.rating())
        except (RatingValidationError, OSError) as exc:
            self.problem.setText(text("rate_problem", reason=str(exc)))
            self.problem.setVisible(True)
            return
        self.accept()
