"""Content per language: a translation lays over English key by key, what it lacks is listed,
and a language ships only with all its safety-critical content."""

from __future__ import annotations

import json

import pytest

from desktop.content import loader
from desktop.content.languages import merge, missing_entries
from desktop.content.loader import DEFAULT_LANGUAGE, content_json, set_language, shipped_languages, text, texts
from desktop.content.translation_report import main as report_main
from desktop.content.translation_report import safety_gaps, translation_report


def test_a_translation_replaces_what_it_gives_and_english_fills_the_rest():
    english = {"title": "Sleep", "minutes": 5, "paragraphs": ["One.", "Two."],
               "modules": [{"id": "a", "title": "A", "body": "a"}, {"id": "b", "title": "B"}]}
    polish = {"title": "Sen", "paragraphs": ["Jeden."],
              "modules": [{"id": "b", "title": "Be"}, {"id": "a", "title": "Aa"}]}
    merged = merge(english, polish)
    assert merged["title"] == "Sen" and merged["minutes"] == 5
    assert merged["paragraphs"] == ["Jeden."]  # paragraphs are translated whole, never mixed
    assert merged["modules"] == [{"id": "a", "title": "Aa", "body": "a"}, {"id": "b", "title": "Be"}]  # English order


def test_missing_entries_name_each_sentence_a_translation_lacks():
    english = {"title": "Sleep", "minutes": 5, "paragraphs": ["One."],
               "modules": [{"id": "a", "title": "A", "body": "a"}, {"id": "b", "title": "B"}]}
    assert missing_entries(english, {"title": "Sen", "modules": [{"id": "a", "title": "Aa"}]}) == [
        "paragraphs", "modules[id=a].body", "modules[id=b]"]
    assert missing_entries(english, None)[0] == "title"
    assert missing_entries(english, merge(english, {})) == []


@pytest.fixture
def two_languages(tmp_path, monkeypatch):
    """A resources folder with English and a partial 'xx' translation."""
    for lang, data, words in (("en", {"intro": "Hello", "steps": ["Stand up."], "count": 3},
                               {"yes": "Yes", "no": "No"}),
                              ("xx", {"intro": "Ahoj"}, {"yes": "Ano"})):
        folder = tmp_path / "content" / lang
        (folder / "texts").mkdir(parents=True)
        (folder / "guide.json").write_text(json.dumps(data), encoding="utf-8")
        (folder / "texts.json").write_text(json.dumps(words), encoding="utf-8")
    monkeypatch.setattr(loader, "resources_dir", lambda: tmp_path)
    texts.cache_clear()
    yield tmp_path
    texts.cache_clear()


def test_the_loader_reads_the_chosen_language_over_english(two_languages):
    assert shipped_languages() == ("en", "xx")
    assert content_json("guide.json", "xx") == {"intro": "Ahoj", "steps": ["Stand up."], "count": 3}
    assert set_language("xx") == "xx"
    assert content_json("guide.json")["intro"] == "Ahoj" and text("yes") == "Ano" and text("no") == "No"
    assert set_language("zz") == DEFAULT_LANGUAGE  # a language that does not ship means English
    assert text("yes") == "Yes"


def test_a_file_the_translation_does_not_have_is_english(two_languages):
    (two_languages / "content" / "xx" / "guide.json").unlink()
    assert content_json("guide.json", "xx")["intro"] == "Hello"
    assert loader.missing_translation("guide.json", "xx") == ["intro", "steps"]
    assert loader.missing_texts("xx") == ["no"]


def test_polish_ships_with_every_part_of_the_programme_in_polish():
    assert "pl" in shipped_languages()
    from desktop.content.exercise_guides import exercise_guides
    from desktop.content.programme import programme_content
    from desktop.content.safety import mood_content

    english, polish = programme_content("en"), programme_content("pl")
    assert polish.onboarding.welcome_title != english.onboarding.welcome_title
    assert [m.id for m in polish.modules] == [m.id for m in english.modules]
    assert all(p.title != e.title for p, e in zip(polish.modules, english.modules))
    assert [g.key for g in exercise_guides("pl")] == [g.key for g in exercise_guides("en")]
    assert all(p.stop_if != e.stop_if for p, e in zip(exercise_guides("pl"), exercise_guides("en")))
    assert mood_content("pl").intro != mood_content("en").intro


def test_the_report_lists_what_each_shipped_language_lacks(capsys):
    for language in shipped_languages()[1:]:
        report = translation_report(language)
        assert all(isinstance(places, list) and places for places in report.values())
    assert report_main(["pl"]) == 0
    assert capsys.readouterr().out.startswith("pl: ")


@pytest.mark.parametrize("language", shipped_languages()[1:])
def test_a_shipped_language_has_all_its_safety_critical_content(language):
    """Red-flag questions and advice, when to stop an exercise, the flare-up plan and where to
    turn for help with mood: never shown half in English."""
    assert safety_gaps(language) == []


def test_a_safety_gap_is_found(two_languages):
    folder = two_languages / "content"
    for lang, data in (("en", {"levels": {"emergency": {"advice": "Call 999."}}}), ("xx", {"levels": {}})):
        (folder / lang / "programme").mkdir(exist_ok=True)
        (folder / lang / "programme" / "screening.json").write_text(json.dumps(data), encoding="utf-8")
    assert safety_gaps("xx") == ["programme/screening.json: levels.emergency.advice"]


def test_the_videos_have_polish_captions_and_picture_words():
    from desktop.content.captions import read_vtt
    from desktop.content.video_catalogue import load_video_catalogue

    english, polish = load_video_catalogue(language="en"), load_video_catalogue(language="pl")
    for key, entry in english.entries.items():
        theirs = polish.entries[key]
        assert theirs.captions.parent.name == "pl" and theirs.path == entry.path  # the same clip
        ours, translated = read_vtt(entry.captions), read_vtt(theirs.captions)
        assert [(c.start_ms, c.end_ms) for c in translated] == [(c.start_ms, c.end_ms) for c in ours]
        assert all(t.text != o.text for t, o in zip(translated, ours))
        assert [k.path for k in theirs.keyframes] == [k.path for k in entry.keyframes]
        assert all(t.caption != o.caption for t, o in zip(theirs.keyframes, entry.keyframes))
