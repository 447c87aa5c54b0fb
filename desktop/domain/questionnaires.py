"""Scoring the questionnaires: RMDQ, the red-flag screen and the 'about your back' questions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

RMDQ_ITEMS = 24
EMERGENCY, SAME_DAY, SOON, CLEAR = "emergency", "same_day", "soon", "clear"
INDICATORS = ("negative_expectations", "structural_beliefs", "severe_limitation", "long_history",
              "personalisation", "low_mood")


def rmdq_score(answers: Mapping[str, bool]) -> int:
    """Roland-Morris Disability Questionnaire: the number of statements ticked, 0-24."""
    if len(answers) != RMDQ_ITEMS:
        raise ValueError(f"the RMDQ has {RMDQ_ITEMS} statements; {len(answers)} were answered")
    return sum(1 for ticked in answers.values() if ticked)


def screening_outcome(answers: Mapping[str, bool], urgency: Mapping[str, str]) -> str:
    """The most urgent advice any 'yes' calls for on its own: emergency, same_day, soon, or clear.

    Only the answers' own urgency: history can make a yes more urgent (domain/safety_rules.py),
    never less, so this tells whether a check must stop for advice."""
    missing = set(urgency) - set(answers)
    if missing:
        raise ValueError(f"unanswered safety questions: {', '.join(sorted(missing))}")
    levels = {urgency.get(q, CLEAR) for q, yes in answers.items() if yes}
    for level in (EMERGENCY, SAME_DAY, SOON):
        if level in levels:
            return level
    return CLEAR


def barrier_indicators(answers: Mapping[str, bool], indicator_of: Mapping[str, str]) -> frozenset[str]:
    """The barrier indicators (Box 1 of the paper) that any 'yes' answer points to."""
    return frozenset(indicator_of[q] for q, yes in answers.items() if yes and q in indicator_of)


def suggest_clinician(indicators: Iterable[str], threshold: int) -> bool:
    return len(set(indicators)) >= threshold
