"""The Progress page's two choices about steps a phone or watch counted, shown only once some
were imported (Settings, "Steps from your phone or watch"): the day chart's steps panel, and
whether the activity-pain statement takes walking from the diary or from the steps."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QRadioButton, QVBoxLayout, QWidget

from desktop.content.evidence_words import steps_in_words
from desktop.content.loader import text
from desktop.domain.measured_walking import DIARY, MEASURED
from desktop.ui.widgets.widgets import label


class StepsToggle(QCheckBox):
    """"Show steps from my phone or watch" above the day chart."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(text("progress_show_steps"), parent)
        self.setVisible(False)


class WalkingSourceChoice(QWidget):
    """"Walking from:" the patient's own answers (the default) or the measured steps."""

    source_changed = Signal(str)

    def __init__(self, active_steps: int, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.offered = False
        layout.addWidget(label(text("progress_source_caption")))
        group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for key, words in ((DIARY, text("progress_source_diary")),
                           (MEASURED, text("progress_source_measured", steps=steps_in_words(active_steps)))):
            button = QRadioButton(words)
            group.addButton(button)
            layout.addWidget(button)
            self.buttons[key] = button
            button.toggled.connect(self._toggled)
        self.buttons[DIARY].setChecked(True)
        self.exercises_note = label(text("progress_source_exercises"), "muted")
        self.exercises_note.setVisible(False)
        layout.addWidget(self.exercises_note)
        self.setVisible(False)

    def offer(self, offered: bool) -> None:
        """Shown only when there are measured days; without them the diary is the only source."""
        self.offered = offered
        self.setVisible(offered)

    @property
    def source(self) -> str:
        """What the statement uses: MEASURED only while the choice is offered and taken."""
        return MEASURED if self.offered and self.buttons[MEASURED].isChecked() else DIARY

    def _toggled(self, checked: bool) -> None:  # a method: PySide6 mishandles a lambda slot's bool
        if checked:
            self.source_changed.emit(self.source)

    def for_activity(self, walking: bool) -> None:
        """The choice is about walking: with back exercises it is greyed out, and says why."""
        for button in self.buttons.values():
            button.setEnabled(walking)
        self.exercises_note.setVisible(not walking)
