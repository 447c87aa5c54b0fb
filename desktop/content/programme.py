"""The programme's content (resources/content/<lang>/programme/*.json), validated on load.

A broken file stops start-up with a ContentError naming the file and the problem: the
programme must never run with half its words or numbers missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from desktop.content.loader import (
    DEFAULT_LANGUAGE,
    ContentError,
    content_json,
    content_path,
    per_language,
    read_content_json,
)
from desktop.content.safety import SafetyContent, parse_screening
from desktop.domain.programme_rules import ProgrammeRules, RulesError, parse_rules
from desktop.domain.questionnaires import INDICATORS, RMDQ_ITEMS
from desktop.domain.safety_rules import check_items

if TYPE_CHECKING:  # msgspec is imported with the content, after the first paint
    from desktop.content.programme_schema import (
        Barriers,
        Baseline,
        Feedback,
        FlareUp,
        Module,
        Onboarding,
        Rmdq,
        Sessions,
    )

MODULE_IDS = ("relieving_pain", "flare_ups", "work", "sleep", "mood", "daily_living")
FEEDBACK_KEYS = ("met_better", "met_same", "met_worse", "partly", "not_met")
SESSION1_PAGES = ("reassurance", "why_activity", "choose", "goal", "plan")
T = TypeVar("T")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    tag: str = ""  # urgency for safety questions, indicator for barrier questions


@dataclass(frozen=True)
class ProgrammeContent:
    rules: ProgrammeRules
    safety_questions: tuple[Question, ...]  # the weekly check: every symptom, tagged with its urgency
    rmdq: Rmdq
    rmdq_items: tuple[Question, ...]
    baseline: Baseline
    barriers: Barriers
    barrier_questions: tuple[Question, ...]
    onboarding: Onboarding
    sessions: Sessions
    feedback: Feedback
    modules: tuple[Module, ...]
    flare_up: FlareUp
    safety: SafetyContent  # every red-flag item, the advice and confirmation of each level

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)


@per_language
def programme_rules(language: str) -> ProgrammeRules:
    """Only the numbers (rules.json): enough to know which session is open; the same in
    every language."""
    path = content_path("programme/rules.json", DEFAULT_LANGUAGE)
    try:
        return parse_rules(read_content_json(path))
    except RulesError as exc:
        _fail(path, str(exc))


@per_language
def programme_content(language: str) -> ProgrammeContent:
    from desktop.content import programme_schema as files  # msgspec, once content is needed

    rules = programme_rules(language)

    path, screening = _path("screening.json", language), content_json("programme/screening.json", language)
    safety_content = parse_screening(path, screening)
    weekly = {item.id for item in check_items(safety_content.items, "weekly")}
    safety = tuple(Question(q.id, q.text, q.item.urgency) for q in safety_content.questions if q.id in weekly)

    path, rmdq = _load("rmdq.json", language, files.Rmdq)
    rmdq_items = _unique(path, tuple(Question(item.id, item.text) for item in rmdq.items))
    if len(rmdq_items) != RMDQ_ITEMS:
        _fail(path, f"the RMDQ must have {RMDQ_ITEMS} statements, not {len(rmdq_items)}")

    baseline = _load("baseline.json", language, files.Baseline)[1]

    path, barriers = _load("barriers.json", language, files.Barriers)
    barrier_questions = _unique(path, tuple(Question(q.id, q.text, q.indicator) for q in barriers.questions))
    for what, given in (("no question asks about", {q.tag for q in barrier_questions}),
                        ("'tailoring' has no words for", set(barriers.tailoring))):
        missing = set(INDICATORS) - given
        if missing:
            _fail(path, f"{what}: {', '.join(sorted(missing))}")

    onboarding = _load("onboarding.json", language, files.Onboarding)[1]

    path, sessions = _load("sessions.json", language, files.Sessions, {
        "review.title": ("goal", "planned", "met"), "review.intro": ("goal", "planned", "met"),
        "review.days_met_question": ("goal", "planned", "met"), "locked": ("date",)})
    if tuple(page.id for page in sessions.session1.pages) != SESSION1_PAGES:
        _fail(path, f"session1.pages must be the pages {', '.join(SESSION1_PAGES)} in that order")

    feedback = _load("feedback.json", language, files.Feedback,
                     {key: ("activity", "met", "planned") for key in FEEDBACK_KEYS})[1]

    path, modules = _load("modules.json", language, files.Modules)
    if tuple(m.id for m in modules.modules) != MODULE_IDS:
        _fail(path, f"modules must be, in order: {', '.join(MODULE_IDS)}")

    flare_up = _load("flare_up.json", language, files.FlareUp)[1]

    return ProgrammeContent(rules, safety, rmdq, rmdq_items, baseline, barriers, barrier_questions,
                            onboarding, sessions, feedback, modules.modules, flare_up, safety_content)


def _path(name: str, language: str) -> Path:
    return content_path(f"programme/{name}", language)


def _load(name: str, language: str, kind: type[T], placeholders: dict[str, tuple[str, ...]] | None = None,
          ) -> tuple[Path, T]:
    """The file (English laid under the language's own) as ``kind``; every ``{name}`` in its
    text must be one the app fills in at that key."""
    from desktop.content.typed import check_placeholders, decode

    path = _path(name, language)
    value = decode(path, content_json(f"programme/{name}", language), kind)
    check_placeholders(path, value, placeholders or {})
    return path, value


def _unique(path: Path, questions: tuple[Question, ...]) -> tuple[Question, ...]:
    if len({q.id for q in questions}) != len(questions):
        _fail(path, "question ids must be unique")
    return questions


def _fail(path: Path, message: str) -> NoReturn:
    raise ContentError(f"{path}: {message}")
