"""PHQ-2 and GAD-2 (the instruments' own words): four questions, each answered on purpose from
four choices scored 0-3. A score of 3 or more on either shows where to get help (NHS Talking
Therapies, the GP, Samaritans for anyone in crisis) and is flagged for the clinician."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QPushButton, QRadioButton, QVBoxLayout, QWidget

from desktop.content.safety import mood_content, trigger_rules
from desktop.domain import mood
from desktop.store.programme_service import ProgrammeService
from desktop.ui.widgets.step_flow import paragraphs
from desktop.ui.widgets.widgets import card, label

if TYPE_CHECKING:
    from desktop.content.safety_schema import MoodContent


class MoodQuestions(QFrame):
    """The four questions; answers() gives {"phq2": {...}, "gad2": {...}} once all are answered."""

    def __init__(self, content: MoodContent | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.content = content = content or mood_content()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(label(content.stem, "h2"))
        self.groups: dict[str, QButtonGroup] = {}
        for questionnaire in (mood.PHQ2, mood.GAD2):
            for item in content.items(questionnaire):
                item_id, words = item.id, item.text
                layout.addWidget(label(words))
                group = QButtonGroup(self)
                row = QHBoxLayout()
                for value, option in enumerate(content.options):
                    button = QRadioButton(option)
                    button.setAccessibleName(f"{words}: {option}")
                    group.addButton(button, value)
                    row.addWidget(button)
                row.addStretch(1)
                layout.addLayout(row)
                self.groups[item_id] = group
        layout.addWidget(label(content.citation, "muted"))

    def unanswered(self) -> list[str]:
        return [item for item, group in self.groups.items() if group.checkedId() == -1]

    def set_answer(self, item_id: str, value: int) -> None:
        self.groups[item_id].button(value).setChecked(True)

    def answers(self) -> dict[str, dict[str, int]]:
        return {q: {item: self.groups[item].checkedId() for item in mood.ITEMS[q]} for q in (mood.PHQ2, mood.GAD2)}

    def scores(self) -> dict[str, int]:
        return {q: mood.score(q, a) for q, a in self.answers().items()}


def signposting(content: MoodContent | None = None) -> QFrame:
    content = content or mood_content()
    return card(label(content.signpost_title, "h2"), paragraphs(list(content.signpost)), name="tipCard")


def needs_help(scores: dict[str, int]) -> bool:
    return mood.needs_signposting(scores, trigger_rules().mood_signpost_from)


class MoodCheck(QWidget):
    """The mood questions on their own (at session 6): Save, then the signposting or thanks, then Done."""

    done = Signal()

    def __init__(self, programme: ProgrammeService, occasion: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.programme = programme
        self.occasion = occasion
        content = mood_content()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(self.tr("How you have been feeling"), "h1"))
        layout.addWidget(label(content.intro))
        self.questions = MoodQuestions(content)
        layout.addWidget(self.questions)
        self.after = QVBoxLayout()
        layout.addLayout(self.after)
        row = QHBoxLayout()
        self.message = label("")
        self.message.setObjectName("savedState")
        self.save_button = QPushButton(self.tr("&Save my answers"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def save(self) -> None:
        if self.save_button.text().replace("&", "") == self.tr("Done"):
            self.done.emit()
            return
        missing = self.questions.unanswered()
        if missing:
            self.message.setText(self.tr("Please choose an answer for every question (%1 left).")
                                 .replace("%1", str(len(missing))))
            return
        scores = self.programme.save_mood(self.occasion, self.questions.answers())
        self.questions.setEnabled(False)
        self.message.setText("")
        if needs_help(scores):
            self.after.addWidget(signposting())
        else:
            self.after.addWidget(card(label(mood_content().thanks), name="doneCard"))
        self.save_button.setText(self.tr("Done"))
