"""The programme's patient texts follow SCHEMA.md and are easy to read (Flesch reading ease 60+).

These tests read the JSON files directly, so a broken or incomplete content file is caught
here with the file and the place named, whatever the app's loader does with it. Run with
`pytest -s` to see the reading-ease score of every file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PROGRAMME_DIR = Path(__file__).resolve().parents[2] / "resources" / "content" / "en" / "programme"
FILES = (
    "screening.json",
    "rmdq.json",
    "baseline.json",
    "barriers.json",
    "onboarding.json",
    "sessions.json",
    "feedback.json",
    "modules.json",
    "flare_up.json",
)
MIN_READING_EASE = 60.0
# A slow, careful reader (reading age about 11) manages roughly 80 to 150 words a minute,
# and the modules also ask the reader to try something; 'minutes' must match that pace.
READING_PACE = (80, 150)
# Schema: paragraphs are short (1-3 sentences); a feedback message is one short block.
MAX_SENTENCES = 3
MAX_SENTENCES_FEEDBACK_MESSAGE = 5

INDICATORS = (
    "negative_expectations",
    "structural_beliefs",
    "severe_limitation",
    "long_history",
    "personalisation",
    "low_mood",
)
MODULE_IDS = ("relieving_pain", "flare_ups", "work", "sleep", "mood", "daily_living")
SESSION1_PAGE_IDS = ("reassurance", "why_activity", "choose", "goal", "plan")
FEEDBACK_RULES = ("met_better", "met_same", "met_worse", "partly", "not_met")
OBSTACLES = ("time", "pain", "motivation", "weather", "other")
RMDQ_CITATION = "Roland M, Morris R. A study of the natural history of back pain. Part I. Spine 1983;8:141-144."

# Which help each red flag needs (PROGRAMME.md, onboarding step 2; NICE NG59 and the usual red-flag
# lists): emergency = A&E or 999 now, same_day = GP today or NHS 111, soon = GP this week.
SCREENING_URGENCY = {
    "saddle_numbness": "emergency", "bladder_bowel": "emergency", "sexual_function": "emergency",
    "leg_weakness": "emergency", "both_legs": "emergency",
    "fever_unwell": "same_day", "fall_injury": "same_day",
    "recent_infection": "soon", "minor_fall": "soon", "night_pain": "soon", "thoracic_pain": "soon",
    "weight_loss": "soon", "cancer_history": "soon", "osteoporosis": "soon", "steroids": "soon",
    "immunosuppression": "soon", "injected_drugs": "soon", "morning_stiffness": "soon",
    "started_young": "clear", "pregnant": "clear", "spinal_surgery": "clear",
}

# Placeholders the app fills in, by file and top-level key ("*" = anywhere in the file).
ALLOWED_PLACEHOLDERS: dict[tuple[str, str], frozenset[str]] = {
    ("sessions.json", "review"): frozenset({"goal", "planned", "met"}),
    ("sessions.json", "locked"): frozenset({"date"}),
    ("screening.json", "checks"): frozenset({"pain", "days"}),
    ("feedback.json", "*"): frozenset({"activity", "met", "planned"}),
}
# What a patient would see in place of each placeholder, for measuring readability.
SAMPLE_VALUES = {
    "activity": "walking",
    "met": "4",
    "planned": "5",
    "goal": "walk for 10 minutes a day",
    "date": "Monday 6 April",
    "pain": "8",
    "days": "3",
}
# Keys that hold identifiers or references, not words a patient reads.
NOT_PATIENT_TEXT = {"id", "indicator", "urgency", "citation", "group", "raised_to", "raised_by", "needs"}


def load(name: str) -> dict:
    with (PROGRAMME_DIR / name).open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, dict), f"{name} must hold a JSON object"
    return data


# ---------------------------------------------------------------- helpers for shape checks


def assert_keys(where: str, obj: object, keys: set[str]) -> None:
    assert isinstance(obj, dict), f"{where} must be an object"
    assert set(obj) == keys, f"{where}: keys {sorted(obj)} should be {sorted(keys)}"


def assert_text(where: str, value: object) -> None:
    assert isinstance(value, str) and value.strip(), f"{where} must be non-empty text"
    assert value == value.strip(), f"{where} has spaces at the start or end"
    assert "  " not in value, f"{where} has a double space"


def assert_text_list(where: str, value: object, min_len: int = 1) -> None:
    assert isinstance(value, list) and len(value) >= min_len, f"{where} must be a list of at least {min_len} texts"
    for index, item in enumerate(value):
        assert_text(f"{where}[{index}]", item)


def assert_texts(where: str, obj: dict, keys: tuple[str, ...]) -> None:
    for key in keys:
        assert_text(f"{where}.{key}", obj[key])


def sentence_count(text: str) -> int:
    return max(1, len(re.findall(r"[.!?]+(?=\s|$)", text)))


# ---------------------------------------------------------------- one test per file's shape


def test_screening_has_every_red_flag_with_the_right_urgency() -> None:
    data = load("screening.json")
    questions = data["questions"]
    assert isinstance(questions, list)
    for index, question in enumerate(questions):
        assert {"id", "group", "text", "label"} <= set(question), f"screening.questions[{index}] misses a key"
        assert_text(f"screening.questions[{index}].text", question["text"])
        assert question["text"].endswith("?"), f"screening question {question['id']} must be a yes/no question"
        if question.get("urgency", "clear") != "clear":
            assert_text(f"screening.questions[{index}].why", question["why"])
    assert {q["id"]: q.get("urgency", "clear") for q in questions} == SCREENING_URGENCY
    assert set(data["levels"]) == {"emergency", "same_day", "soon"}
    for level, words in data["levels"].items():
        assert_keys(f"screening.levels.{level}", words, {"title", "advice", "confirm", "button"})
        assert_text_list(f"screening.levels.{level}.advice", words["advice"])
        assert_text_list(f"screening.levels.{level}.confirm", words["confirm"])


def test_screening_advice_says_where_to_go() -> None:
    levels = load("screening.json")["levels"]
    emergency = " ".join(levels["emergency"]["advice"])
    same_day = " ".join(levels["same_day"]["advice"])
    soon = " ".join(levels["soon"]["advice"])
    assert "A&E" in emergency and "999" in emergency
    assert "GP" in same_day and "111" in same_day and "today" in same_day
    assert "GP" in soon and "not an emergency" in soon
    assert "checked" in " ".join(levels["emergency"]["confirm"])


def test_rmdq_has_the_24_statements_in_order_with_its_citation() -> None:
    data = load("rmdq.json")
    assert_keys("rmdq", data, {"intro", "instruction", "citation", "items"})
    assert_texts("rmdq", data, ("intro", "instruction"))
    assert data["citation"] == RMDQ_CITATION
    items = data["items"]
    assert isinstance(items, list) and len(items) == 24
    assert [item["id"] for item in items] == [f"rmdq{n:02d}" for n in range(1, 25)]
    for index, item in enumerate(items):
        assert_keys(f"rmdq.items[{index}]", item, {"id", "text"})
        assert_text(f"rmdq.items[{index}].text", item["text"])
        assert "back" in item["text"], f"RMDQ item {item['id']} must be about the back"
    assert len({item["text"] for item in items}) == 24
    # Spot checks against the published instrument: first, a middle and last statement.
    assert items[0]["text"] == "I stay at home most of the time because of my back."
    assert items[12]["text"] == "My back is painful almost all the time."
    assert items[23]["text"] == "I stay in bed most of the time because of my back."


def test_baseline_asks_the_three_ratings() -> None:
    data = load("baseline.json")
    assert_keys("baseline", data, {"pain_now", "pain_week", "limitation_week", "intro"})
    assert_texts("baseline", data, ("pain_now", "pain_week", "limitation_week", "intro"))


def test_barriers_cover_all_six_indicators() -> None:
    data = load("barriers.json")
    assert_keys("barriers", data, {"intro", "questions", "tailoring", "suggest_clinician"})
    assert_texts("barriers", data, ("intro", "suggest_clinician"))
    questions = data["questions"]
    assert isinstance(questions, list)
    ids = [q["id"] for q in questions]
    assert len(ids) == len(set(ids)), "barrier question ids must be unique"
    per_indicator = {indicator: 0 for indicator in INDICATORS}
    for index, question in enumerate(questions):
        assert_keys(f"barriers.questions[{index}]", question, {"id", "indicator", "text"})
        assert_text(f"barriers.questions[{index}].id", question["id"])
        assert question["indicator"] in per_indicator, f"unknown indicator {question['indicator']!r}"
        assert_text(f"barriers.questions[{index}].text", question["text"])
        assert question["text"].endswith("?")
        per_indicator[question["indicator"]] += 1
    assert all(1 <= count <= 2 for count in per_indicator.values()), per_indicator
    assert_keys("barriers.tailoring", data["tailoring"], set(INDICATORS))
    for indicator in INDICATORS:
        assert_text_list(f"barriers.tailoring.{indicator}", data["tailoring"][indicator])


def test_onboarding_texts() -> None:
    data = load("onboarding.json")
    assert_keys(
        "onboarding",
        data,
        {
            "welcome_title", "not_started", "welcome", "what_to_expect", "reminders_intro",
            "reminder_time_label", "clinic_code_intro", "done",
        },
    )
    assert_texts("onboarding", data, ("welcome_title", "not_started", "reminders_intro", "reminder_time_label",
                                      "clinic_code_intro"))
    for key in ("welcome", "what_to_expect", "done"):
        assert_text_list(f"onboarding.{key}", data[key])


def test_sessions_texts() -> None:
    data = load("sessions.json")
    assert_keys(
        "sessions",
        data,
        {
            "session1", "review", "rerate", "goal_choice", "module_choice",
            "session6", "if_then", "library", "locked", "late",
        },
    )
    session1 = data["session1"]
    assert_keys("sessions.session1", session1, {"title", "pages"})
    assert_text("sessions.session1.title", session1["title"])
    assert [page["id"] for page in session1["pages"]] == list(SESSION1_PAGE_IDS)
    for page in session1["pages"]:
        where = f"sessions.session1.{page['id']}"
        assert_keys(where, page, {"id", "title", "paragraphs"})
        assert_text(f"{where}.title", page["title"])
        assert_text_list(f"{where}.paragraphs", page["paragraphs"])
    reassurance = " ".join(session1["pages"][0]["paragraphs"]).lower()
    for idea in ("common", "rarely", "safe", "hurt does not mean harm"):
        assert idea in reassurance, f"session 1 reassurance should say {idea!r}"

    sections = {
        "review": ("title", "intro", "days_met_question"),
        "rerate": ("question", "level1_explained", "level2_explained"),
        "goal_choice": ("keep", "step_up", "step_down", "change"),
        "module_choice": ("intro",),
        "if_then": ("intro", "example", "when_label", "where_label"),
    }
    for section, keys in sections.items():
        assert_keys(f"sessions.{section}", data[section], set(keys))
        assert_texts(f"sessions.{section}", data[section], keys)
    assert_keys("sessions.session6", data["session6"], {"rmdq_intro", "look_back"})
    assert_text("sessions.session6.rmdq_intro", data["session6"]["rmdq_intro"])
    assert_text_list("sessions.session6.look_back", data["session6"]["look_back"])
    assert_keys("sessions.library", data["library"], {"title", "intro"})
    assert_text("sessions.library.title", data["library"]["title"])
    assert_text_list("sessions.library.intro", data["library"]["intro"])
    assert_text("sessions.locked", data["locked"])
    assert "{date}" in data["locked"]
    assert_text("sessions.late", data["late"])


def test_feedback_has_three_variants_per_rule_and_a_tip_per_obstacle() -> None:
    data = load("feedback.json")
    assert_keys("feedback", data, {*FEEDBACK_RULES, "obstacles"})
    for rule in FEEDBACK_RULES:
        variants = data[rule]
        assert isinstance(variants, list) and len(variants) == 3, f"feedback.{rule} needs exactly 3 variants"
        assert_text_list(f"feedback.{rule}", variants, min_len=3)
        assert len(set(variants)) == 3, f"feedback.{rule} variants must differ"
    assert_keys("feedback.obstacles", data["obstacles"], set(OBSTACLES))
    for obstacle in OBSTACLES:
        entry = data["obstacles"][obstacle]
        assert_keys(f"feedback.obstacles.{obstacle}", entry, {"label", "tip"})
        assert_texts(f"feedback.obstacles.{obstacle}", entry, ("label", "tip"))
    # met + worse points to the flare-up module in at least one variant (PROGRAMME.md rule).
    flare_module = next(m for m in load("modules.json")["modules"] if m["id"] == "flare_ups")
    assert any(f"'{flare_module['title']}' module" in variant for variant in data["met_worse"])


def test_modules_are_the_six_topics_each_five_to_ten_minutes() -> None:
    data = load("modules.json")
    assert_keys("modules", data, {"modules"})
    modules = data["modules"]
    assert [module["id"] for module in modules] == list(MODULE_IDS)
    for module in modules:
        where = f"modules.{module['id']}"
        assert_keys(where, module, {"id", "title", "minutes", "summary", "sections", "tips", "action"})
        assert_texts(where, module, ("title", "summary", "action"))
        assert isinstance(module["minutes"], int) and not isinstance(module["minutes"], bool)
        assert 5 <= module["minutes"] <= 10, f"{where}.minutes must be 5 to 10"
        assert 3 <= len(module["sections"]) <= 5, f"{where} needs 3 to 5 sections"
        for index, section in enumerate(module["sections"]):
            assert_keys(f"{where}.sections[{index}]", section, {"heading", "paragraphs"})
            assert_text(f"{where}.sections[{index}].heading", section["heading"])
            assert_text_list(f"{where}.sections[{index}].paragraphs", section["paragraphs"])
        assert_text_list(f"{where}.tips", module["tips"])
        words = len(" ".join(p for s in module["sections"] for p in s["paragraphs"]).split())
        assert 500 <= words <= 900, f"{where} has {words} words in its sections (should be about 500 to 900)"
        everything = [module["summary"], *module["tips"], module["action"]]
        total = words + len(" ".join(everything).split())
        pace = total / module["minutes"]
        print(f"\n{where}: {total} words, {module['minutes']} minutes stated ({pace:.0f} words a minute)")
        assert READING_PACE[0] <= pace <= READING_PACE[1], (
            f"{where} says {module['minutes']} minutes for {total} words; at a slow, careful pace that is wrong"
        )
    for module in modules:
        text = json.dumps(module)
        assert not re.search(r"\b\d+\s*(mg|milligrams?|tablets?)\b", text, re.IGNORECASE), (
            f"modules.{module['id']} must not give medicine doses"
        )
    relieving = json.dumps(modules[0])
    assert "as your pharmacist or GP advises" in relieving


def test_flare_up_path() -> None:
    data = load("flare_up.json")
    assert_keys("flare_up", data, {"title", "intro", "plan", "gentle_goal", "seek_help"})
    assert_texts("flare_up", data, ("title", "gentle_goal"))
    for key in ("intro", "plan", "seek_help"):
        assert_text_list(f"flare_up.{key}", data[key])
    seek_help = " ".join(data["seek_help"])
    assert "A&E" in seek_help and "999" in seek_help and "111" in seek_help


# ---------------------------------------------------------------- placeholders


def walk_strings(node: object, path: str = "") -> Iterator[tuple[str, str, str]]:
    """(path, key holding the string, string) for every string in a JSON value."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                yield f"{path}.{key}", key, value
            else:
                yield from walk_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str):
                yield f"{path}[{index}]", "", value
            else:
                yield from walk_strings(value, f"{path}[{index}]")


def allowed_placeholders(name: str, path: str) -> frozenset[str]:
    top = re.split(r"[.\[]", path.lstrip("."), maxsplit=1)[0]
    return ALLOWED_PLACEHOLDERS.get((name, top), ALLOWED_PLACEHOLDERS.get((name, "*"), frozenset()))


@pytest.mark.parametrize("name", FILES)
def test_only_the_allowed_placeholders_appear(name: str) -> None:
    for path, _key, text in walk_strings(load(name)):
        found = set(re.findall(r"\{([^{}]*)\}", text))
        allowed = allowed_placeholders(name, path)
        assert found <= allowed, f"{name}{path} uses {sorted(found - allowed)}; allowed here: {sorted(allowed)}"
        leftover = re.sub(r"\{[a-z_]+\}", "", text)
        assert "{" not in leftover and "}" not in leftover, f"{name}{path} has a stray brace"
        text.format(**SAMPLE_VALUES)  # fills in without error


# ---------------------------------------------------------------- short paragraphs, references


@pytest.mark.parametrize("name", FILES)
def test_paragraphs_are_short(name: str) -> None:
    data = load(name)
    if name == "rmdq.json":
        data = {key: value for key, value in data.items() if key not in ("items", "citation")}
    for path, key, text in walk_strings(data):
        if key in NOT_PATIENT_TEXT:
            continue
        is_feedback_message = name == "feedback.json" and path.split("[")[0].lstrip(".") in FEEDBACK_RULES
        limit = MAX_SENTENCES_FEEDBACK_MESSAGE if is_feedback_message else MAX_SENTENCES
        count = sentence_count(text)
        assert count <= limit, f"{name}{path} has {count} sentences (at most {limit}): {text!r}"


def test_every_module_named_in_the_texts_exists() -> None:
    titles = {module["title"] for module in load("modules.json")["modules"]}
    for name in FILES:
        for path, _key, text in walk_strings(load(name)):
            for named in re.findall(r"'([^']+)' module", text):
                assert named in titles, f"{name}{path} refers to a module {named!r} that does not exist"


# ---------------------------------------------------------------- readability


def syllables(word: str) -> int:
    """Rough English syllable count: vowel groups, less a silent final e/es/ed."""
    if word.isdigit():
        return max(1, len(word))  # read out digit by digit, roughly
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 0
    if len(letters) <= 3:
        return 1
    letters = re.sub(r"(?<=[^aeiouy])e(ment|ly|ful|ness)$", r"\1", letters)  # move-ment, safe-ly
    # A final e is usually silent (safe), and so are -es and -ed unless after s/x/z/h or t/d
    # (boxes, started).
    trimmed = re.sub(r"(?:[^laeiouysxzh]es|[^laeiouydt]ed|[^laeiouy]e)$", "", letters)
    trimmed = re.sub(r"^y", "", trimmed)
    return max(1, len(re.findall(r"[aeiouy]+", trimmed)))


def flesch_reading_ease(texts: list[str]) -> tuple[float, int, int, int]:
    """(score, sentences, words, syllables); every text counts as at least one sentence."""
    sentence_total = word_total = syllable_total = 0
    for text in texts:
        sentence_total += sentence_count(text)
        for token in re.findall(r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*", text):
            word_total += 1
            syllable_total += sum(syllables(part) for part in re.split(r"['\-]", token) if part) or 1
    score = 206.835 - 1.015 * (word_total / sentence_total) - 84.6 * (syllable_total / word_total)
    return score, sentence_total, word_total, syllable_total


def patient_texts(name: str) -> list[str]:
    data = load(name)
    if name == "rmdq.json":
        data = {key: value for key, value in data.items() if key != "items"}  # the instrument's own words
    return [
        text.format(**SAMPLE_VALUES)
        for _path, key, text in walk_strings(data)
        if key not in NOT_PATIENT_TEXT
    ]


def test_syllable_counter_on_known_words() -> None:
    expected = {
        "back": 1, "the": 1, "walking": 2, "gentle": 2, "movement": 2, "safely": 2, "started": 2,
        "boxes": 2, "settled": 2, "people": 2, "exercise": 3, "comfortable": 4, "activity": 4,
    }
    assert {word: syllables(word) for word in expected} == expected


def test_reading_ease_formula_ranks_plain_text_above_dense_text() -> None:
    plain = flesch_reading_ease(["Walk a bit each day. It helps your back."])[0]
    dense_text = "Musculoskeletal rehabilitation necessitates individualised physiotherapeutic intervention."
    dense = flesch_reading_ease([dense_text])[0]
    assert plain > 80 > 0 > dense


@pytest.mark.parametrize("name", FILES)
def test_patient_text_is_easy_to_read(name: str) -> None:
    score, sentences, words, syllable_total = flesch_reading_ease(patient_texts(name))
    print(
        f"\nFlesch reading ease {name}: {score:.1f} "
        f"({words} words, {sentences} sentences, {words / sentences:.1f} words/sentence, "
        f"{syllable_total / words:.2f} syllables/word)"
    )
    assert score >= MIN_READING_EASE, f"{name} scores {score:.1f}; aim for {MIN_READING_EASE:.0f} or more"
