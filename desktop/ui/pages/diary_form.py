"""The questions of one diary day, as a form that reads and fills a DiaryEntry."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.content.loader import ExerciseCatalogue, text
from desktop.domain.diary import NOTE_MAX_CHARS, WALKING_MAX_MINUTES, DiaryEntry
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.formatting import day_words
from desktop.ui.widgets.minutes_box import MinutesBox
from desktop.ui.widgets.scale_input import ScaleInput
from desktop.ui.widgets.widgets import label
from desktop.ui.widgets.wrapping_check import WrappingCheck

# The questions that name the day; each has a "<key>_day" form for an earlier day (texts/diary.json).
_QUESTIONS = ("pain_question", "limitation_question", "walking_question", "walking_hint", "exercises_question",
              "flare_question", "sleep_question", "mood_question", "note_question")


def _card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    return frame, layout


class DiaryForm(QWidget):
    """Emits ``edited`` whenever the patient changes an answer."""

    edited = Signal()
    rating_requested = Signal(str)  # "walking" or "exercises": rate pain before and after (optional)

    def __init__(self, catalogue: ExerciseCatalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        not_chosen = text("scale_not_chosen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        frame, card = _card()
        self.pain = ScaleInput(text("pain_question"), text("pain_low"), text("pain_high"), not_chosen)
        card.addWidget(self.pain)
        layout.addWidget(frame)

        frame, card = _card()
        self.limitation = ScaleInput(text("limitation_question"), text("limitation_low"), text("limitation_high"),
                                     not_chosen)
        card.addWidget(self.limitation)
        layout.addWidget(frame)

        frame, card = _card()
        self.walking_question = label(text("walking_question"), "h2")
        card.addWidget(self.walking_question)
        # Walking may be left not answered: that is kept apart from 0 ("no walk") everywhere.
        self.walking = MinutesBox(WALKING_MAX_MINUTES, self.tr(" minutes"), text("walking_not_answered"),
                                  text("walking_question"))
        self.walking.setSingleStep(5)
        self.walking.setButtonSymbols(MinutesBox.NoButtons)  # the big -5 / +5 buttons beside it do that
        self.walking.setObjectName("minutes")
        row = QHBoxLayout()
        for step, name in ((-5, self.tr("-5 min")), (5, self.tr("+5 min"))):
            button = QPushButton(name)
            button.setObjectName("stepButton")
            button.setAutoRepeat(True)
            button.setAccessibleName(self.tr("%1 minutes of walking").replace("%1", f"{step:+d}"))
            button.clicked.connect(lambda _=False, s=step: self.walking.stepBy(s // 5))
            row.addWidget(button)
            if step < 0:
                row.addWidget(self.walking)
        row.addStretch(1)
        card.addLayout(row)
        answers = FlowLayout()
        self.no_walk = QPushButton(text("walking_no_walk"))
        self.no_walk.clicked.connect(lambda: self.walking.set_minutes(0))
        self.walking_unanswered = QPushButton(text("walking_unanswered"))
        self.walking_unanswered.setAccessibleName(text("walking_unanswered_name"))
        self.walking_unanswered.clicked.connect(lambda: self.walking.set_minutes(None))
        answers.addWidget(self.no_walk)
        answers.addWidget(self.walking_unanswered)
        card.addLayout(answers)
        self.walking_hint = label(text("walking_hint"), "muted")
        card.addWidget(self.walking_hint)
        card.addWidget(label(text("walking_unanswered_hint"), "muted"))
        self.rate_buttons: dict[str, QPushButton] = {}
        self.rate_hints: dict[str, QLabel] = {}
        card.addLayout(self._rate_row("walking"))
        self.walking_card = card  # the Diary page adds what a phone or watch measured (measured_steps_line.py)
        layout.addWidget(frame)

        frame, card = _card()
        self.exercises_question = label(text("exercises_question"), "h2")
        card.addWidget(self.exercises_question)
        self.exercise_grid = QGridLayout()
        self.exercise_boxes: dict[str, QCheckBox] = {}
        for exercise in catalogue.exercises:
            self.exercise_boxes[exercise.key] = QCheckBox(exercise.title)
        self._exercise_columns = 0
        self._arrange_exercises(2)
        card.addLayout(self.exercise_grid)
        self.exercises_help = QPushButton(self.tr("How to do these exercises"))
        self.exercises_help.setAccessibleName(self.tr("Watch how to do the back exercises"))
        help_row = QHBoxLayout()
        help_row.addWidget(self.exercises_help)
        help_row.addStretch(1)
        card.addLayout(help_row)
        card.addLayout(self._rate_row("exercises"))
        layout.addWidget(frame)

        frame, card = _card()
        self.flare_question = label(text("flare_question"), "h2")
        card.addWidget(self.flare_question)
        self.flare_up = QCheckBox(text("flare_yes"))
        card.addWidget(self.flare_up)
        card.addWidget(label(text("flare_hint"), "muted"))
        # Not part of the day's entry: ticking it brings up the nerve safety questions at once.
        self.new_symptoms = WrappingCheck(text("diary_new_symptoms"))  # long words: they wrap
        card.addWidget(self.new_symptoms)
        layout.addWidget(frame)

        frame, card = _card()
        card.addWidget(label(text("optional_heading"), "h2"))
        self.sleep = ScaleInput(text("sleep_question"), text("sleep_low"), text("sleep_high"), not_chosen,
                                optional=True)
        self.mood = ScaleInput(text("mood_question"), text("mood_low"), text("mood_high"), not_chosen, optional=True)
        card.addWidget(self.sleep)
        card.addWidget(self.mood)
        self.note_question = label(text("note_question"))
        card.addWidget(self.note_question)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(text("note_question"))
        self.note.setFixedHeight(90)
        card.addWidget(self.note)
        layout.addWidget(frame)

        for scale in (self.pain, self.limitation, self.sleep, self.mood):
            scale.value_changed.connect(lambda _v: self.edited.emit())
        self.walking.valueChanged.connect(lambda _v: self.edited.emit())
        self.flare_up.toggled.connect(lambda _v: self.edited.emit())
        for box in self.exercise_boxes.values():
            box.toggled.connect(lambda _v: self.edited.emit())
        self.note.textChanged.connect(self._note_changed)

    def _rate_row(self, activity: str) -> QVBoxLayout:
        """The optional ratings: a wrapping line that says what they are, and a short button
        (short so it fits beside nothing else at the largest text)."""
        hint = label(text(f"rate_hint_{activity}"), "muted")
        button = QPushButton(text("rate_button"))
        button.setObjectName("rateButton")
        button.setAccessibleName(text(f"rate_title_{activity}"))
        button.clicked.connect(lambda: self.rating_requested.emit(activity))
        self.rate_buttons[activity] = button
        self.rate_hints[activity] = hint
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(hint)
        box.addLayout(row)
        return box

    def show_rated(self, rated: set[str]) -> None:
        """Say whether each activity's ratings are in for the day."""
        for activity, button in self.rate_buttons.items():
            done = activity in rated
            button.setText(text("rate_button_done" if done else "rate_button"))
            self.rate_hints[activity].setText(text("rate_hint_done" if done else f"rate_hint_{activity}"))

    def comfortable_width(self) -> int:
        """The narrowest the form can be with nothing cut off: its widest 0-10 scale inside a card."""
        card = 2 * 16 + 2  # _card()'s margins and border
        return max(scale.comfortable_width() for scale in (self.pain, self.limitation, self.sleep, self.mood)) + card

    def _arrange_exercises(self, columns: int) -> None:
        """The exercises in two columns, or in one when two would be wider than the form."""
        if columns == self._exercise_columns:
            return
        self._exercise_columns = columns
        for index, box in enumerate(self.exercise_boxes.values()):
            self.exercise_grid.removeWidget(box)
            self.exercise_grid.addWidget(box, index // columns, index % columns)

    def resizeEvent(self, event) -> None:
        widest = max(box.sizeHint().width() for box in self.exercise_boxes.values())
        self._arrange_exercises(2 if event.size().width() >= 2 * widest + 80 else 1)
        super().resizeEvent(event)

    def name_day(self, day: dt.date, today: dt.date) -> None:
        """Ask about the day being filled in: "today" and "right now" for today, else "yesterday",
        "on Tuesday" or "on Tuesday 3 March"."""
        words = day_words(day, today)
        if words is None:
            asked = {key: text(key) for key in _QUESTIONS}
            flare_yes = text("flare_yes")
        else:
            name, on_day = words
            asked = {key: text(f"{key}_day", on_day=on_day, day=name) for key in _QUESTIONS}
            flare_yes = text("flare_yes_day", on_day=on_day)
        for key, scale in (("pain_question", self.pain), ("limitation_question", self.limitation),
                           ("sleep_question", self.sleep), ("mood_question", self.mood)):
            scale.set_question(asked[key])
        for key, words_label in (("walking_question", self.walking_question), ("walking_hint", self.walking_hint),
                                 ("exercises_question", self.exercises_question),
                                 ("flare_question", self.flare_question), ("note_question", self.note_question)):
            words_label.setText(asked[key])
        self.walking.setAccessibleName(asked["walking_question"])
        self.note.setAccessibleName(asked["note_question"])
        self.flare_up.setText(flare_yes)
        self.no_walk.setText(text("walking_no_walk") if words is None
                             else text("walking_no_walk_day", on_day=words[1]))

    def _note_changed(self) -> None:
        if len(self.note.toPlainText()) > NOTE_MAX_CHARS:
            cursor = self.note.textCursor()
            self.note.setPlainText(self.note.toPlainText()[:NOTE_MAX_CHARS])
            cursor.setPosition(NOTE_MAX_CHARS)
            self.note.setTextCursor(cursor)
        self.edited.emit()

    def snapshot(self) -> tuple:
        """Everything the patient has entered, to tell whether anything changed."""
        return (self.pain.value(), self.limitation.value(), self.walking.minutes(),
                frozenset(k for k, b in self.exercise_boxes.items() if b.isChecked()),
                self.flare_up.isChecked(), self.sleep.value(), self.mood.value(), self.note.toPlainText().strip())

    def entry(self, day: dt.date, answers: tuple | None = None) -> DiaryEntry:
        """The answers on show (or ``answers``, a snapshot) as the entry for ``day``."""
        pain, limitation, walking, exercises, flare_up, sleep, mood, note = answers or self.snapshot()
        return DiaryEntry(day=day, pain=pain, walking_minutes=walking, limitation=limitation, flare_up=flare_up,
                          exercises=exercises, sleep=sleep, mood=mood, note=note)

    def fill(self, entry: DiaryEntry | None) -> None:
        widgets = [self.walking, self.flare_up, self.note, self.new_symptoms, *self.exercise_boxes.values()]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.pain.set_value(entry.pain if entry else None)
            self.limitation.set_value(entry.limitation if entry else None)
            self.walking.set_minutes(entry.walking_minutes if entry else None)  # a new day: not answered yet
            for key, box in self.exercise_boxes.items():
                box.setChecked(bool(entry) and key in entry.exercises)
            self.flare_up.setChecked(bool(entry and entry.flare_up))
            self.sleep.set_value(entry.sleep if entry else None)
            self.mood.set_value(entry.mood if entry else None)
            self.note.setPlainText(entry.note if entry else "")
            self.new_symptoms.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
