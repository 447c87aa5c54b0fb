"""PHQ-2 and GAD-2 (public domain): two questions each, answered 0-3, scored 0-6. Pure.

A score at or above the signposting threshold (3, the usual cut-off; in safety_rules.json)
on either shows where to get help and flags it for the clinician.
"""

from __future__ import annotations

from collections.abc import Mapping

PHQ2, GAD2 = "phq2", "gad2"
ITEMS = {PHQ2: ("phq2_1", "phq2_2"), GAD2: ("gad2_1", "gad2_2")}
OCCASIONS = ("onboarding", "session6")  # at the start and at the sixth session


def score(questionnaire: str, answers: Mapping[str, int]) -> int:
    items = ITEMS[questionnaire]
    if set(answers) != set(items):
        raise ValueError(f"{questionnaire} needs answers to {', '.join(items)}")
    if not all(isinstance(v, int) and 0 <= v <= 3 for v in answers.values()):
        raise ValueError(f"{questionnaire} answers must be 0-3")
    return sum(answers.values())


def needs_signposting(scores: Mapping[str, int], from_score: int) -> bool:
    """Either questionnaire at or above the threshold."""
    return any(value >= from_score for value in scores.values())
