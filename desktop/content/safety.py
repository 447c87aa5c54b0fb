"""The red-flag screen's words and rules (programme/screening.json), the thresholds of the
checks between sessions (programme/safety_rules.json) and the mood questions
(programme/mood.json), checked on load like the rest of the programme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

from desktop.content.loader import (
    DEFAULT_LANGUAGE,
    ContentError,
    content_json,
    content_path,
    per_language,
    read_content_json,
)
from desktop.domain.safety_rules import (
    CIRCUMSTANCE,
    CLEAR,
    EMERGENCY,
    PATTERN,
    PREGNANT,
    SAME_DAY,
    SOON,
    SPINAL_SURGERY,
    SYMPTOM,
    SafetyItem,
)
from desktop.domain.safety_triggers import TriggerRules

if TYPE_CHECKING:  # msgspec is imported with the content, after the first paint
    from desktop.content.safety_schema import LevelWords, MoodContent, Screening

URGENT = (EMERGENCY, SAME_DAY, SOON)
CHECK_KINDS = ("pain", "flare_up", "diary", "walking", "history")


@dataclass(frozen=True)
class ScreeningQuestion:
    item: SafetyItem
    text: str
    label: str  # a few words, for "You told us about:" and the clinician
    why: str = ""

    @property
    def id(self) -> str:
        return self.item.id


@dataclass(frozen=True)
class SafetyContent:
    questions: tuple[ScreeningQuestion, ...]
    words: Screening  # the file itself: intro, all_clear, levels, checks and the rest

    @property
    def levels(self) -> dict[str, LevelWords]:
        return self.words.levels

    @property
    def surgery_note(self) -> tuple[str, ...]:
        return self.words.surgery_note

    @property
    def checks(self) -> dict[str, str]:
        return self.words.checks

    @property
    def items(self) -> tuple:
        return tuple(q.item for q in self.questions)

    def question(self, item_id: str) -> ScreeningQuestion:
        for question in self.questions:
            if question.id == item_id:
                return question
        raise KeyError(item_id)


def _fail(path, message: str) -> NoReturn:
    raise ContentError(f"{path}: {message}")


def parse_screening(path, data: dict) -> SafetyContent:
    from desktop.content.safety_schema import Screening
    from desktop.content.typed import decode

    screening = decode(path, data, Screening)
    questions = []
    for index, entry in enumerate(screening.questions):
        where = f"questions[{index}] ({entry.id})"
        if entry.group == SYMPTOM and entry.urgency == CLEAR or entry.group == CIRCUMSTANCE and entry.urgency != CLEAR:
            _fail(path, f"{where}: a symptom needs an urgency; a circumstance has none")
        if entry.urgency != CLEAR and not entry.why.strip():
            _fail(path, f"{where}: 'why' must be non-empty text for a symptom")
        item = SafetyItem(entry.id, entry.group, entry.urgency, entry.raised_to, frozenset(entry.raised_by),
                          frozenset(entry.needs), entry.nerve)
        questions.append(ScreeningQuestion(item, entry.text, entry.label, entry.why))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        _fail(path, "question ids must be unique")
    known = set(ids)
    for question in questions:
        unknown = (question.item.raised_by | question.item.needs) - known
        if unknown:
            _fail(path, f"{question.id} names unknown questions: {', '.join(sorted(unknown))}")
    for needed in (PREGNANT, SPINAL_SURGERY):
        if needed not in known:
            _fail(path, f"the screen must ask {needed!r}")
    if not any(q.item.nerve for q in questions) or not any(q.item.group == PATTERN for q in questions):
        _fail(path, "the screen needs nerve questions and the inflammatory pattern")
    for what, given, wanted in (("levels", screening.levels, URGENT), ("checks", screening.checks, CHECK_KINDS)):
        missing = set(wanted) - set(given)
        if missing:
            _fail(path, f"'{what}' has no words for: {', '.join(sorted(missing))}")
    levels = screening.levels
    if len(levels[EMERGENCY].confirm) < 2 or levels[EMERGENCY].confirm == levels[SAME_DAY].confirm:
        _fail(path, "the emergency confirmation must differ from the others and have two ticks")
    return SafetyContent(tuple(questions), screening)


@per_language
def trigger_rules(language: str) -> TriggerRules:
    from desktop.content.basics_schema import SafetyRulesFile
    from desktop.content.typed import decode

    path = content_path("programme/safety_rules.json", DEFAULT_LANGUAGE)  # numbers: the same in every language
    data = decode(path, read_content_json(path), SafetyRulesFile)
    try:
        return TriggerRules(data.pain_at_least, data.pain_days_in_a_row, data.flare_up_longer_than_days,
                            data.look_back_days, data.mood_signpost_from)
    except ValueError as exc:
        _fail(path, str(exc))


@per_language
def mood_content(language: str) -> MoodContent:
    from desktop.content.safety_schema import MoodContent
    from desktop.content.typed import decode

    path = content_path("programme/mood.json", language)
    content = decode(path, content_json("programme/mood.json", language), MoodContent)
    for key, ids in (("phq2", ("phq2_1", "phq2_2")), ("gad2", ("gad2_1", "gad2_2"))):
        if tuple(item.id for item in content.items(key)) != ids:
            _fail(path, f"'{key}' must be the items {', '.join(ids)}")
    return content
