"""The red-flag screen's words and rules (programme/screening.json), the thresholds of the
checks between sessions (programme/safety_rules.json) and the mood questions
(programme/mood.json), checked on load like the rest of the programme."""

from __future__ import annotations

from dataclasses import dataclass

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
    GROUPS,
    LEVELS,
    PATTERN,
    PREGNANT,
    SAME_DAY,
    SOON,
    SPINAL_SURGERY,
    SYMPTOM,
    SafetyItem,
)
from desktop.domain.safety_triggers import TriggerRules

URGENT = (EMERGENCY, SAME_DAY, SOON)
CHECK_KINDS = ("pain", "flare_up", "diary", "walking", "history")
_TEXT_KEYS = ("intro", "first_intro", "first_new", "history_intro", "clearance", "all_clear", "you_told_us",
              "paused_note", "emergency_wait", "banner_paused", "banner_not_screened", "exercises_not_screened",
              "exercises_paused", "pregnancy_note", "pregnancy_over", "surgery_title", "surgery_confirm",
              "surgery_button", "walking_warning")


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
class LevelWords:
    title: str
    advice: tuple[str, ...]
    confirm: tuple[str, ...]  # every box must be ticked to carry on
    button: str


@dataclass(frozen=True)
class MoodContent:
    intro: str
    stem: str
    options: tuple[str, ...]
    questions: dict[str, tuple[tuple[str, str], ...]]  # phq2 / gad2 -> (id, text)
    citation: str
    thanks: str
    signpost_title: str
    signpost: tuple[str, ...]


@dataclass(frozen=True)
class SafetyContent:
    questions: tuple[ScreeningQuestion, ...]
    levels: dict[str, LevelWords]
    words: dict[str, str]
    surgery_note: tuple[str, ...]
    checks: dict[str, str]  # why a check between sessions came up; {pain}, {days}

    @property
    def items(self) -> tuple:
        return tuple(q.item for q in self.questions)

    def question(self, item_id: str) -> ScreeningQuestion:
        for question in self.questions:
            if question.id == item_id:
                return question
        raise KeyError(item_id)


def _fail(path, message: str):
    raise ContentError(f"{path}: {message}")


def _text(path, data: dict, key: str, where: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        _fail(path, f"'{where}{key}' must be non-empty text")
    return value


def _texts(path, data: dict, key: str, where: str = "") -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        _fail(path, f"'{where}{key}' must be a non-empty list of text")
    return tuple(value)


def parse_screening(path, data: dict) -> SafetyContent:
    words = {key: _text(path, data, key) for key in _TEXT_KEYS}
    raw = data.get("questions")
    if not isinstance(raw, list) or not raw:
        _fail(path, "the list of questions is missing or empty")
    questions = []
    for index, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            _fail(path, f"question {index} must be an object")
        where = f"questions[{index}]."
        group, urgency = entry.get("group"), entry.get("urgency", CLEAR)
        if group not in GROUPS:
            _fail(path, f"question {index}: 'group' must be one of {', '.join(GROUPS)}")
        if urgency not in LEVELS or entry.get("raised_to", CLEAR) not in LEVELS:
            _fail(path, f"question {index}: 'urgency' and 'raised_to' must be one of {', '.join(LEVELS)}")
        if group == SYMPTOM and urgency == CLEAR or group == CIRCUMSTANCE and urgency != CLEAR:
            _fail(path, f"question {index}: a symptom needs an urgency; a circumstance has none")
        item = SafetyItem(_text(path, entry, "id", where), group, urgency, entry.get("raised_to", CLEAR),
                          frozenset(entry.get("raised_by", ())), frozenset(entry.get("needs", ())),
                          bool(entry.get("nerve", False)))
        why = _text(path, entry, "why", where) if urgency != CLEAR else entry.get("why", "")
        questions.append(ScreeningQuestion(item, _text(path, entry, "text", where), _text(path, entry, "label", where),
                                           why))
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
    levels_data = data.get("levels")
    if not isinstance(levels_data, dict) or set(levels_data) != set(URGENT):
        _fail(path, f"'levels' must give the words for {', '.join(URGENT)}")
    levels = {}
    for level in URGENT:
        entry = levels_data[level]
        levels[level] = LevelWords(_text(path, entry, "title", f"levels.{level}."),
                                   _texts(path, entry, "advice", f"levels.{level}."),
                                   _texts(path, entry, "confirm", f"levels.{level}."),
                                   _text(path, entry, "button", f"levels.{level}."))
    if len(levels[EMERGENCY].confirm) < 2 or levels[EMERGENCY].confirm == levels[SAME_DAY].confirm:
        _fail(path, "the emergency confirmation must differ from the others and have two ticks")
    checks = data.get("checks")
    if not isinstance(checks, dict) or set(checks) != set(CHECK_KINDS):
        _fail(path, f"'checks' must give the words for {', '.join(CHECK_KINDS)}")
    for key in CHECK_KINDS:
        _text(path, checks, key, "checks.")
    return SafetyContent(tuple(questions), levels, words, _texts(path, data, "surgery_note"), dict(checks))


@per_language
def trigger_rules(language: str) -> TriggerRules:
    path = content_path("programme/safety_rules.json", DEFAULT_LANGUAGE)  # numbers: the same in every language
    data = read_content_json(path)
    try:
        return TriggerRules(**{key: int(data[key]) for key in (
            "pain_at_least", "pain_days_in_a_row", "flare_up_longer_than_days", "look_back_days",
            "mood_signpost_from")})
    except (KeyError, TypeError, ValueError) as exc:
        _fail(path, f"missing or wrong entry: {exc}")


@per_language
def mood_content(language: str) -> MoodContent:
    path = content_path("programme/mood.json", language)
    data = content_json("programme/mood.json", language)
    options = _texts(path, data, "options")
    if len(options) != 4:
        _fail(path, "'options' must be the four answers, scored 0-3")
    questions = {}
    for key, ids in (("phq2", ("phq2_1", "phq2_2")), ("gad2", ("gad2_1", "gad2_2"))):
        items = data.get(key)
        if not isinstance(items, list) or [i.get("id") for i in items if isinstance(i, dict)] != list(ids):
            _fail(path, f"'{key}' must be the items {', '.join(ids)}")
        questions[key] = tuple((i["id"], _text(path, i, "text", f"{key}.")) for i in items)
    return MoodContent(_text(path, data, "intro"), _text(path, data, "stem"), options, questions,
                       _text(path, data, "citation"), _text(path, data, "thanks"), _text(path, data, "signpost_title"),
                       _texts(path, data, "signpost"))
