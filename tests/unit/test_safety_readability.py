"""The safety text a patient reads is plain: Flesch reading ease 70 or more (fairly easy; most
11-year-olds can read it), for the whole and for each level of advice, which has to be read in a
hurry. Run with `pytest -s` to see the figures.

Counted: every question, label and reason in screening.json, the advice, confirmations and notes,
the checks' reasons, the diary's tick, and mood.json's own words (not the PHQ-2/GAD-2 items, which
are the instruments' wording, nor their citation).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "resources" / "content" / "en"
MINIMUM = 70.0


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e (and -es/-ed after most consonants); at least one."""
    word = word.lower()
    if word.isdigit():
        return len(word)
    word = re.sub(r"[^a-z]", "", word)
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouysxzh]es|[^laeiouydt]ed|[^laeiouy]e)$", "", word)
    return max(1, len(re.findall(r"[aeiouy]+", word)))


def reading_ease(texts: list[str]) -> float:
    sentences = sum(max(1, len(re.findall(r"[.!?]+(?=\s|$)", t))) for t in texts)
    words = [w for t in texts for w in re.findall(r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*", t)]
    total = sum(syllables(part) for w in words for part in re.split(r"['\-]", w) if part)
    return 206.835 - 1.015 * len(words) / sentences - 84.6 * total / len(words)


def strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    if isinstance(node, dict):
        return [s for key, value in node.items() if key not in ("id", "group", "urgency", "raised_to", "raised_by",
                                                                  "needs", "nerve") for s in strings(value)]
    return []


def screening() -> dict:
    return json.loads((CONTENT / "programme" / "screening.json").read_text(encoding="utf-8"))


def safety_texts() -> list[str]:
    data = screening()
    found = [t.format(pain="8", days="3") for t in strings(data)]
    mood = json.loads((CONTENT / "programme" / "mood.json").read_text(encoding="utf-8"))
    found += strings({k: mood[k] for k in ("intro", "thanks", "signpost_title", "signpost")})
    found += strings(json.loads((CONTENT / "texts" / "safety.json").read_text(encoding="utf-8")))
    return found


def test_the_counter_ranks_plain_words_above_dense_ones():
    assert [syllables(w) for w in ("back", "walking", "gentle", "exercise", "emergency")] == [1, 2, 2, 3, 4]
    assert reading_ease(["Go to A&E now. Call 999."]) > 90 > 0 > reading_ease(
        ["Neurological deterioration necessitates immediate specialist orthopaedic evaluation."])


def test_the_safety_text_reads_at_70_or_more():
    score = reading_ease(safety_texts())
    print(f"\nFlesch reading ease, all safety text: {score:.1f} ({len(safety_texts())} texts)")
    assert score >= MINIMUM


@pytest.mark.parametrize("level", ["emergency", "same_day", "soon"])
def test_each_level_of_advice_reads_at_70_or_more(level):
    words = screening()["levels"][level]
    score = reading_ease([words["title"], *words["advice"], *words["confirm"], words["button"]])
    print(f"\nFlesch reading ease, {level} advice: {score:.1f}")
    assert score >= MINIMUM
