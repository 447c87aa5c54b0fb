"""The weekly activity-pain statement (domain/evidence.py) in plain words, from texts/evidence.json.

Numbers are said in words ("about 1 point lower on the 0 to 10 scale"); the direction is said
exactly when the interval is on one side of zero; the technical detail goes to ``how_worked_out``,
shown behind an expander.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.content.loader import text
from desktop.domain.evidence import (
    EXERCISES,
    HIGHER,
    LOWER,
    NOT_ENOUGH_DATA,
    SIMILAR,
    WALKING,
    Evidence,
    EvidenceSettings,
)
from desktop.domain.measured_walking import MeasuredSettings


@dataclass(frozen=True)
class Statement:
    headline: str  # the one main statement
    advice: str  # what follows from it (empty when nothing does)
    schedule: str  # when it was last worked out
    how: str  # "How we worked this out", in words
    method: str  # the technical line


def size_in_words(points: float) -> str:
    size = abs(points)
    if size < 0.5:
        return text("evidence_size_small")
    halves = round(size * 2) / 2
    if halves == 1:
        return text("evidence_size_one")
    return text("evidence_size_points", points=f"{halves:g}")


def steps_in_words(steps: int) -> str:
    return f"{steps:,}"


def _words(evidence: Evidence, settings: EvidenceSettings, measured: MeasuredSettings | None) -> dict[str, object]:
    threshold = settings.walking_threshold_minutes
    other = EXERCISES if evidence.activity == WALKING else WALKING
    steps = steps_in_words(measured.active_steps) if measured else ""

    def kind(activity: str) -> str:  # walking from measured steps has words of its own
        return f"{activity}_measured" if measured and activity == WALKING else activity

    return {
        "activity": text(f"evidence_activity_{kind(evidence.activity)}", threshold=threshold, steps=steps),
        "other": text(f"evidence_activity_{kind(other)}", threshold=threshold, steps=steps),
        "with_days": text(f"evidence_days_with_{kind(evidence.activity)}", threshold=threshold, steps=steps),
        "without_days": text(f"evidence_days_without_{kind(evidence.activity)}"),
        "when": text(f"evidence_when_{evidence.lag_days}"),
        "more": evidence.more_days,
        "margin": (text("evidence_margin_small") if settings.similar_margin <= 1
                   else size_in_words(settings.similar_margin)),
        "earlier": text(f"evidence_earlier_{evidence.lag_days}"),
        "size": size_in_words(evidence.estimate or 0.0),
        "days": evidence.days,
        "active_days": evidence.active_days,
        "inactive_days": evidence.inactive_days,
        "day": evidence.as_of.strftime("%-d %B %Y") if evidence.as_of else "",
        "level": f"{evidence.level * 100:g}",
        "minimum": settings.minimum_days_per_group,
        "pairs": settings.minimum_pairs,
        "weeks": settings.window_days // 7,
        "estimate": _signed(evidence.estimate),
        "low": _signed(evidence.interval[0] if evidence.interval else None),
        "high": _signed(evidence.interval[1] if evidence.interval else None),
        "adjusted": ", ".join(evidence.adjusted_for),
    }


def _signed(value: float | None) -> str:
    return "" if value is None else f"{round(value, 1) + 0.0:+.1f}"  # never "-0.0"


def statement(evidence: Evidence, settings: EvidenceSettings, measured: MeasuredSettings | None = None) -> Statement:
    """``measured``: walking was taken from the steps a phone or watch counted (with these
    thresholds), and the statement says so; None: from the patient's own walking answers."""
    values = _words(evidence, settings, measured)
    state = evidence.state
    if state == NOT_ENOUGH_DATA:
        headline = text(f"evidence_not_enough_data_{evidence.more_of or 'any'}", **values)
        advice = ""
    elif state in (LOWER, HIGHER, SIMILAR):
        headline = text(f"evidence_{state}", **values)
        advice = text(f"evidence_{state}_close", **values)
    else:
        more = f"evidence_unsure_more_{evidence.more_of}" if evidence.more_days else "evidence_unsure_more_unknown"
        headline = text("evidence_unsure", **values) + " " + text(more, **values)
        advice = ""
    if evidence.lag_days == 0:
        advice = (advice + " " + text("evidence_same_day_note")).strip()
    if measured is not None:  # never left unsaid: the patient's own answers are what they expect
        headline += " " + text("evidence_measured_note", worn=steps_in_words(measured.worn_steps))
    schedule = text("evidence_updated", **values) if evidence.as_of else ""
    how = text("evidence_how_not_enough" if state == NOT_ENOUGH_DATA or evidence.interval is None else "evidence_how",
               **values)
    return Statement(headline, advice, schedule, how, text("evidence_how_method", **values))


def one_line(evidence: Evidence, settings: EvidenceSettings, measured: MeasuredSettings | None = None) -> str:
    """The statement and what follows, as one paragraph (command line, clinician summary)."""
    said = statement(evidence, settings, measured)
    return " ".join(part for part in (said.headline, said.advice) if part)
