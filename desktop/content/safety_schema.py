"""The shape of the red-flag screen (programme/screening.json) and the mood questions
(programme/mood.json) as typed Structs; safety.py decodes them (when content is first needed,
after the first paint) and adds the checks that span entries."""


from typing import Annotated, Literal

from msgspec import Meta

from desktop.content.typed import Content, Text, Texts
from desktop.domain.safety_rules import CLEAR

Level = Literal["clear", "soon", "same_day", "emergency"]
Urgent = Literal["emergency", "same_day", "soon"]
CheckKind = Literal["pain", "flare_up", "diary", "walking", "history"]


class ScreeningEntry(Content):
    id: Text
    group: Literal["symptom", "history", "pattern", "circumstance"]
    text: Text
    label: Text  # a few words, for "You told us about:" and the clinician
    urgency: Level = CLEAR
    raised_to: Level = CLEAR
    raised_by: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    nerve: bool = False
    why: str = ""  # needed for a symptom


class LevelWords(Content):
    title: Text
    advice: Texts
    confirm: Texts  # every box must be ticked to carry on
    button: Text


class Screening(Content):
    """programme/screening.json: the questions and every sentence of the screen."""
    intro: Text
    first_intro: Text
    first_new: Text
    history_intro: Text
    questions: Annotated[tuple[ScreeningEntry, ...], Meta(min_length=1)]
    clearance: Text
    all_clear: Text
    levels: dict[Urgent, LevelWords]
    you_told_us: Text
    paused_note: Text
    emergency_wait: Text
    banner_paused: Text
    banner_not_screened: Text
    exercises_not_screened: Text
    exercises_paused: Text
    pregnancy_note: Text
    pregnancy_over: Text
    surgery_title: Text
    surgery_note: Texts
    surgery_confirm: Text
    surgery_button: Text
    checks: dict[CheckKind, Text]  # why a check between sessions came up; {pain}, {days}
    walking_warning: Text


class MoodItem(Content):
    id: Text
    text: Text


class MoodContent(Content):
    """programme/mood.json."""
    intro: Text
    stem: Text
    options: Annotated[tuple[Text, ...], Meta(min_length=4, max_length=4)]  # scored 0-3
    phq2: tuple[MoodItem, ...]
    gad2: tuple[MoodItem, ...]
    citation: Text
    thanks: Text
    signpost_title: Text
    signpost: Texts

    def items(self, questionnaire: str) -> tuple[MoodItem, ...]:
        """The items of "phq2" or "gad2"."""
        return {"phq2": self.phq2, "gad2": self.gad2}[questionnaire]
