"""Typed content: the programme's files decode into Structs, and a damaged file (English or a
translation laid over it) stops loading with a message naming the file and the key."""

from __future__ import annotations

import json
import shutil
from typing import get_args

import pytest

from desktop.content import loader
from desktop.content.exercise_guides import exercise_guides
from desktop.content.loader import ContentError, exercise_catalogue, language_info, texts
from desktop.content.programme import programme_content, programme_rules
from desktop.content.programme_schema import Indicator, Module
from desktop.content.safety import mood_content, trigger_rules
from desktop.content.safety_schema import CheckKind, Level, Urgent
from desktop.domain.questionnaires import INDICATORS
from desktop.domain.safety_rules import LEVELS
from desktop.paths import resources_dir

_CACHED = (programme_content, programme_rules, mood_content, exercise_guides, exercise_catalogue, texts, language_info,
           trigger_rules)


def _clear() -> None:
    for load in _CACHED:
        load.cache_clear()


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A copy of resources/content to damage; ``change(lang, name, edit)`` edits one file."""
    shutil.copytree(resources_dir() / "content", tmp_path / "content")
    monkeypatch.setattr(loader, "resources_dir", lambda: tmp_path)
    _clear()

    def change(language: str, name: str, edit) -> str:
        path = tmp_path / "content" / language / name
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        edit(data)
        path.write_text(json.dumps(data), encoding="utf-8")
        _clear()
        return str(path)

    yield change
    _clear()


def test_every_shipped_language_decodes_into_typed_content():
    for language in ("en", "pl"):
        programme = programme_content(language)
        assert isinstance(programme.modules[0], Module) and programme.modules[0].sections[0].paragraphs
        assert programme.sessions.session1.page("plan").title and programme.onboarding.welcome
        assert set(programme.barriers.tailoring) == set(INDICATORS)
        assert [key for key, _ in programme.feedback.obstacle_list()] == ["time", "pain", "motivation", "weather",
                                                                           "other"]
        assert len(programme.feedback.variants("partly")) == 3
        assert mood_content(language).items("phq2")[0].id == "phq2_1"
    english, polish = programme_content("en"), programme_content("pl")
    assert polish.sessions.review.title != english.sessions.review.title


def test_the_literal_types_match_the_domain_names():
    assert set(get_args(Indicator)) == set(INDICATORS)
    assert set(get_args(Level)) == set(LEVELS) and set(get_args(Urgent)) == set(LEVELS) - {"clear"}
    assert set(get_args(CheckKind)) == {"pain", "flare_up", "diary", "walking", "history"}


@pytest.mark.parametrize("name, edit, problem", [
    ("programme/sessions.json", lambda d: d["session1"]["pages"][2].update(title=""),
     "Expected non-empty text (at 'session1.pages[2].title')"),
    ("programme/sessions.json", lambda d: d["review"].pop("intro"), "'intro' is missing (at 'review')"),
    ("programme/sessions.json", lambda d: d["library"].update(intro="One paragraph"),
     "Expected a list, got text (at 'library.intro')"),
    ("programme/sessions.json", lambda d: d["session1"]["pages"].reverse(),
     "session1.pages must be the pages reassurance, why_activity, choose, goal, plan in that order"),
    ("programme/sessions.json", lambda d: d.update(late="Late by {days} days"),
     "'late' uses unknown placeholder(s): {days}"),
    ("programme/onboarding.json", lambda d: d.update(welcome_titel="Hello"), "unknown key 'welcome_titel'"),
    ("programme/feedback.json", lambda d: d["partly"].pop(), "Expected a list of length >= 3 (at 'partly')"),
    ("programme/feedback.json", lambda d: d["met_same"].append("Well done, {name}!"),
     "Expected a list of length <= 3 (at 'met_same')"),
    ("programme/feedback.json", lambda d: d["met_same"].__setitem__(0, "Well done, {name}!"),
     "'met_same[0]' uses unknown placeholder(s): {name}"),
    ("programme/feedback.json", lambda d: d["obstacles"].pop("weather"),
     "'weather' is missing (at 'obstacles')"),
    ("programme/barriers.json", lambda d: d["tailoring"].pop("low_mood"), "'tailoring' has no words for: low_mood"),
    ("programme/barriers.json", lambda d: d["questions"][0].update(indicator="fear"),
     "Invalid enum value 'fear' (at 'questions[0].indicator')"),
    ("programme/modules.json", lambda d: d["modules"][1].update(minutes=20),
     "Expected a whole number <= 10 (at 'modules[1].minutes')"),
    ("programme/modules.json", lambda d: d["modules"].reverse(), "modules must be, in order: relieving_pain"),
    ("programme/rmdq.json", lambda d: d["items"].pop(), "the RMDQ must have 24 statements, not 23"),
    ("programme/screening.json", lambda d: d["levels"].pop("soon"), "'levels' has no words for: soon"),
    ("programme/screening.json", lambda d: d["questions"][0].update(urgency="later"),
     "(at 'questions[0].urgency')"),
    ("programme/screening.json", lambda d: d["checks"].update(walking=7), "Expected text, got a whole number"),
    ("programme/flare_up.json", lambda d: d.update(plan=[]), "Expected a non-empty list (at 'plan')"),
])
def test_a_damaged_english_file_names_the_file_and_the_key(content, name, edit, problem):
    path = content("en", name, edit)
    with pytest.raises(ContentError) as caught:
        programme_content("en")
    assert str(caught.value).startswith(path + ": ") and problem in str(caught.value)


def test_a_translation_is_checked_after_it_is_laid_over_english(content):
    path = content("pl", "programme/sessions.json", lambda d: d["review"].update(title=["Przegląd"]))
    with pytest.raises(ContentError) as caught:
        programme_content("pl")
    assert str(caught.value) == f"{path}: Expected text, got a list (at 'review.title')"
    assert programme_content("en").sessions.review.title  # English alone is untouched


def test_a_translation_that_lacks_a_key_takes_english_and_still_decodes(content):
    content("pl", "programme/onboarding.json", lambda d: d.pop("not_started"))
    assert programme_content("pl").onboarding.not_started == programme_content("en").onboarding.not_started


def test_a_damaged_mood_file_names_the_key(content):
    path = content("en", "programme/mood.json", lambda d: d["options"].pop())
    with pytest.raises(ContentError, match=r"length >= 4 \(at 'options'\)") as caught:
        mood_content("en")
    assert str(caught.value).startswith(path)


@pytest.mark.parametrize("language, name, edit, load, problem", [
    ("en", "exercises.json", lambda d: d["exercises"][2].update(prone="yes"), exercise_catalogue,
     "Expected true or false, got text (at 'exercises[2].prone')"),
    ("en", "exercises.json", lambda d: d["exercises"][0].pop("title"), exercise_catalogue,
     "'title' is missing (at 'exercises[0]')"),
    ("pl", "exercises.json", lambda d: d["exercises"][1].update(title=" "), exercise_catalogue,
     "Expected non-empty text (at 'exercises[1].title')"),
    ("pl", "language.json", lambda d: d.update(locale=""), language_info, "Expected non-empty text (at 'locale')"),
    ("en", "programme/safety_rules.json", lambda d: d.update(pain_at_least=11), trigger_rules,
     "Expected a whole number <= 10 (at 'pain_at_least')"),
    ("en", "programme/safety_rules.json", lambda d: d.update(look_back_days="14"), trigger_rules,
     "Expected a whole number, got text (at 'look_back_days')"),
])
def test_the_catalogue_the_language_and_the_safety_numbers_name_the_key(content, language, name, edit, load, problem):
    path = content(language, name, edit)
    with pytest.raises(ContentError) as caught:
        load(language)
    assert str(caught.value) == f"{path}: {problem}"
