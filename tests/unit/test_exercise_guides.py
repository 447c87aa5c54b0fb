"""Exercise guides: one for every diary exercise and walking, each complete; damage named."""

from __future__ import annotations

import json

import pytest

from desktop.content import exercise_guides as guides_module
from desktop.content.exercise_guides import WALKING, exercise_guides, guide_for
from desktop.content.loader import ContentError, content_path, exercise_catalogue


def test_every_diary_exercise_and_walking_has_a_complete_guide():
    guides = exercise_guides()
    assert {g.key for g in guides} == set(exercise_catalogue().keys) | {WALKING}
    for guide in guides:
        assert len(guide.steps) >= 3 and len(guide.stop_if) >= 2
        assert guide.easier and guide.harder and guide.repetitions and guide.purpose
    assert guide_for("bridge").title == "Bridge"


def test_the_diary_keys_names_and_titles_are_unchanged():
    catalogue = exercise_catalogue()
    assert catalogue.by_key("knee-to-chest").name == "knee-to-chest stretch"
    assert catalogue.match_name("Cat-Camel").key == "cat-camel"


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """Write a changed copy of exercise_guides.json and load guides from it."""
    data = json.loads(content_path("exercise_guides.json").read_text())
    target = tmp_path / "exercise_guides.json"

    def load(change):
        change(data)
        target.write_text(json.dumps(data))
        monkeypatch.setattr(guides_module, "content_path", lambda name, language="en": target)
        monkeypatch.setattr(guides_module, "content_json", lambda name, language="en": json.loads(target.read_text()))
        exercise_guides.cache_clear()
        try:
            return exercise_guides()
        finally:
            exercise_guides.cache_clear()
    return load


@pytest.mark.parametrize("change, problem", [
    (lambda d: d["guides"][0].update(steps=[]), "Expected a non-empty list (at 'guides[0].steps')"),
    (lambda d: d["guides"][1].pop("harder"), "'harder' is missing (at 'guides[1]')"),
    (lambda d: d["guides"][2].update(purpose="  "), "Expected non-empty text (at 'guides[2].purpose')"),
    (lambda d: d["guides"][2].update(steps=["Lie down.", 3]),
     "Expected text, got a whole number (at 'guides[2].steps[1]')"),
    (lambda d: d["guides"][0].update(vidoe="x"), "unknown key 'vidoe' (at 'guides[0]')"),
    (lambda d: d["guides"].pop(3), "no guide for: bridge"),
    (lambda d: d["guides"][0].update(key="yoga"), "no guide for: knee-rolls"),
    (lambda d: d["guides"].append(dict(d["guides"][0])), "used once only"),
    (lambda d: d.update(guides={}), "Expected a list, got an object (at 'guides')"),
])
def test_a_broken_guides_file_names_the_file_and_the_problem(broken, change, problem):
    with pytest.raises(ContentError) as caught:
        broken(change)
    assert "exercise_guides.json" in str(caught.value) and problem in str(caught.value)
