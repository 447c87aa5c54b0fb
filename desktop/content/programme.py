"""The programme's content (resources/content/<lang>/programme/*.json), validated on load.

A broken file stops start-up with a ContentError naming the file and the problem: the
programme must never run with half its words or numbers missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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

MODULE_IDS = ("relieving_pain", "flare_ups", "work", "sleep", "mood", "daily_living")
FEEDBACK_KEYS = ("met_better", "met_same", "met_worse", "partly", "not_met")
OBSTACLES = ("time", "pain", "motivation", "weather", "other")
_PLACEHOLDER = re.compile(r"{(\w*)}")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    tag: str = ""  # urgency for safety questions, indicator for barrier questions


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    minutes: int
    summary: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    tips: tuple[str, ...]
    action: str


@dataclass(frozen=True)
class ProgrammeContent:
    rules: ProgrammeRules
    screening: dict
    safety_questions: tuple[Question, ...]  # the weekly check: every symptom, tagged with its urgency
    rmdq: dict
    rmdq_items: tuple[Question, ...]
    baseline: dict
    barriers: dict
    barrier_questions: tuple[Question, ...]
    onboarding: dict
    sessions: dict
    feedback: dict
    modules: tuple[Module, ...]
    flare_up: dict
    safety: SafetyContent  # every red-flag item, the advice and confirmation of each level

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)


class _Checker:
    """Small helpers that name the file and the entry in every complaint."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, message: str):
        raise ContentError(f"{self.path}: {message}")

    def text(self, data: dict, key: str, allowed: tuple[str, ...] = ()) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{key}' must be non-empty text")
        self.placeholders(value, key, allowed)
        return value

    def texts(self, data: dict, key: str, allowed: tuple[str, ...] = (), count: int | None = None) -> list[str]:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(f"'{key}' must be a non-empty list of text")
        if count is not None and len(value) != count:
            self.fail(f"'{key}' must have {count} entries, not {len(value)}")
        for item in value:
            self.placeholders(item, key, allowed)
        return value

    def obj(self, data: dict, key: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            self.fail(f"'{key}' must be an object")
        return value

    def placeholders(self, value: str, key: str, allowed: tuple[str, ...]) -> None:
        unknown = set(_PLACEHOLDER.findall(value)) - set(allowed)
        if unknown:
            self.fail(f"'{key}' uses unknown placeholder(s): {', '.join('{' + u + '}' for u in sorted(unknown))}")


def _questions(check: _Checker, data: dict, tag_key: str, allowed_tags: tuple[str, ...]) -> tuple[Question, ...]:
    items = data.get("questions") if tag_key else data.get("items")
    if not isinstance(items, list) or not items:
        check.fail("the list of questions is missing or empty")
    questions = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            check.fail(f"question {index} must be an object")
        tag = item.get(tag_key, "") if tag_key else ""
        if tag_key and tag not in allowed_tags:
            check.fail(f"question {index}: '{tag_key}' must be one of {', '.join(allowed_tags)}, not {tag!r}")
        questions.append(Question(check.text(item, "id"), check.text(item, "text"), tag))
    if len({q.id for q in questions}) != len(questions):
        check.fail("question ids must be unique")
    return tuple(questions)


@per_language
def programme_rules(language: str) -> ProgrammeRules:
    """Only the numbers (rules.json): enough to know which session is open; the same in
    every language."""
    path = content_path("programme/rules.json", DEFAULT_LANGUAGE)
    try:
        return parse_rules(read_content_json(path))
    except RulesError as exc:
        _Checker(path).fail(str(exc))


@per_language
def programme_content(language: str) -> ProgrammeContent:
    def load(name: str) -> tuple[_Checker, dict]:
        path = content_path(f"programme/{name}", language)
        return _Checker(path), content_json(f"programme/{name}", language)

    rules = programme_rules(language)

    check, screening = load("screening.json")
    safety_content = parse_screening(check.path, screening)
    weekly = {item.id for item in check_items(safety_content.items, "weekly")}
    safety = tuple(Question(q.id, q.text, q.item.urgency) for q in safety_content.questions if q.id in weekly)

    check, rmdq = load("rmdq.json")
    for key in ("intro", "instruction", "citation"):
        check.text(rmdq, key)
    rmdq_items = _questions(check, rmdq, "", ())
    if len(rmdq_items) != RMDQ_ITEMS:
        check.fail(f"the RMDQ must have {RMDQ_ITEMS} statements, not {len(rmdq_items)}")

    check, baseline = load("baseline.json")
    for key in ("intro", "pain_now", "pain_week", "limitation_week"):
        check.text(baseline, key)

    check, barriers = load("barriers.json")
    check.text(barriers, "intro")
    check.text(barriers, "suggest_clinician")
    barrier_questions = _questions(check, barriers, "indicator", INDICATORS)
    tailoring = check.obj(barriers, "tailoring")
    for indicator in INDICATORS:
        check.texts(tailoring, indicator)
    missing = set(INDICATORS) - {q.tag for q in barrier_questions}
    if missing:
        check.fail(f"no question asks about: {', '.join(sorted(missing))}")

    check, onboarding = load("onboarding.json")
    for key in ("welcome_title", "not_started", "reminders_intro", "reminder_time_label", "clinic_code_intro"):
        check.text(onboarding, key)
    for key in ("welcome", "what_to_expect", "done"):
        check.texts(onboarding, key)

    check, sessions = load("sessions.json")
    session1 = check.obj(sessions, "session1")
    check.text(session1, "title")
    pages = session1.get("pages")
    if not isinstance(pages, list) or [p.get("id") for p in pages if isinstance(p, dict)] != [
            "reassurance", "why_activity", "choose", "goal", "plan"]:
        check.fail("session1.pages must be the pages reassurance, why_activity, choose, goal, plan in that order")
    for page in pages:
        check.text(page, "title")
        check.texts(page, "paragraphs")
    review = check.obj(sessions, "review")
    for key in ("title", "intro", "days_met_question"):
        check.text(review, key, ("goal", "planned", "met"))
    for key in ("question", "level1_explained", "level2_explained"):
        check.text(check.obj(sessions, "rerate"), key)
    for key in ("keep", "step_up", "step_down", "change"):
        check.text(check.obj(sessions, "goal_choice"), key)
    check.text(check.obj(sessions, "module_choice"), "intro")
    session6 = check.obj(sessions, "session6")
    check.text(session6, "rmdq_intro")
    check.texts(session6, "look_back")
    if_then = check.obj(sessions, "if_then")
    for key in ("intro", "example", "when_label", "where_label"):
        check.text(if_then, key)
    library = check.obj(sessions, "library")
    check.text(library, "title")
    check.texts(library, "intro")
    check.text(sessions, "locked", ("date",))
    check.text(sessions, "late")

    check, feedback = load("feedback.json")
    for key in FEEDBACK_KEYS:
        check.texts(feedback, key, ("activity", "met", "planned"), count=3)
    obstacles = check.obj(feedback, "obstacles")
    for key in OBSTACLES:
        item = check.obj(obstacles, key)
        check.text(item, "label")
        check.text(item, "tip")

    check, modules_data = load("modules.json")
    items = modules_data.get("modules")
    if not isinstance(items, list):
        check.fail("'modules' must be a list")
    modules = []
    for item in items:
        minutes = item.get("minutes") if isinstance(item, dict) else None
        if not isinstance(minutes, int) or not 5 <= minutes <= 10:
            check.fail(f"module {item.get('id') if isinstance(item, dict) else item!r}: minutes must be 5-10")
        sections = []
        for section in item.get("sections") or []:
            sections.append((check.text(section, "heading"), tuple(check.texts(section, "paragraphs"))))
        if not sections:
            check.fail(f"module {item.get('id')!r} has no sections")
        modules.append(Module(check.text(item, "id"), check.text(item, "title"), minutes, check.text(item, "summary"),
                              tuple(sections), tuple(check.texts(item, "tips")), check.text(item, "action")))
    if tuple(m.id for m in modules) != MODULE_IDS:
        check.fail(f"modules must be, in order: {', '.join(MODULE_IDS)}")

    check, flare_up = load("flare_up.json")
    check.text(flare_up, "title")
    check.text(flare_up, "gentle_goal")
    for key in ("intro", "plan", "seek_help"):
        check.texts(flare_up, key)

    return ProgrammeContent(rules, screening, safety, rmdq, rmdq_items, baseline, barriers, barrier_questions,
                            onboarding, sessions, feedback, tuple(modules), flare_up, safety_content)
