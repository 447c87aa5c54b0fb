"""``supportback insights``: the activity-pain statement the Progress page shows, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.cli.errors import EXIT_OK, CommandFailed
from desktop.cli.services import open_services
from desktop.content.evidence_words import one_line, statement
from desktop.content.insights import evidence_settings, insight_settings, measured_settings
from desktop.domain.evidence import NOT_ENOUGH_DATA, WALKING, Evidence, analyse, scheduled_look
from desktop.domain.insights import Comparison, compare
from desktop.domain.measured_walking import DIARY, MEASURED, measured_series

NO_STEPS = ("No steps from a phone or watch have been imported for this profile (supportback activity import "
            "FILE), so the statement can only use the diary's walking answers.")


def insights_json(evidence: Evidence, plain: Comparison, summary: str, source: str = DIARY) -> dict:
    """The documented JSON object (keys are a stable contract for scripts and tests).

    ``difference`` and ``interval`` are the adjusted estimate and interval behind the statement;
    ``active_mean_pain`` and ``inactive_mean_pain`` are the plain averages the chart shows.
    """
    return {
        "activity": evidence.activity,
        "source": source,
        "lag_days": evidence.lag_days,
        "enough_data": evidence.state != NOT_ENOUGH_DATA,
        "active_days": evidence.active_days,
        "inactive_days": evidence.inactive_days,
        "active_mean_pain": _rounded(plain.active_mean_pain),
        "inactive_mean_pain": _rounded(plain.inactive_mean_pain),
        "difference": _rounded(evidence.estimate),
        "interval": [_rounded(v) for v in evidence.interval] if evidence.interval else None,
        "summary": summary,
        "state": evidence.state,
        "method": evidence.method,
        "adjusted_for": list(evidence.adjusted_for),
        "level": evidence.level,
        "as_of": evidence.as_of.isoformat() if evidence.as_of else None,
    }


def run_insights(root: Path, profile: str | None, activity: str, lag_days: int, as_json: bool,
                 source: str = DIARY) -> int:
    from desktop.store.profiles import resolve_profile

    settings = evidence_settings()
    name = resolve_profile(root, profile)
    database, diary = open_services(root, name)
    try:
        entries = diary.between()
        today = diary.clock.today()
        steps = _measured_steps(database, diary.clock) if source == MEASURED else {}
    finally:
        database.close()
    measured = None
    if source == MEASURED:
        if not steps:
            raise CommandFailed(NO_STEPS)
        if activity != WALKING:
            source = DIARY  # back exercises always come from the diary
        else:
            measured = measured_settings()
            entries = measured_series(entries, steps, measured, settings.walking_threshold_minutes)
    look = scheduled_look(entries[0].day if entries else None, today)
    evidence = analyse(entries, activity, lag_days, settings, as_of=look)
    plain = compare(entries, activity, lag_days, insight_settings())
    summary = one_line(evidence, settings, measured)
    if as_json:
        print(json.dumps(insights_json(evidence, plain, summary, source), indent=2))
        return EXIT_OK
    when = "the same day" if lag_days == 0 else "the next day"
    said = statement(evidence, settings, measured)
    walking_from = " from measured steps" if measured else ""
    print(f"Profile {name!r}: pain on {when}, {activity}{walking_from} ({len(entries)} diary days)")
    print(f"  state: {evidence.state}" + (f", as of {evidence.as_of.isoformat()}" if evidence.as_of else ""))
    if evidence.interval is not None and evidence.estimate is not None:
        low, high = evidence.interval
        print(f"  adjusted difference (active minus not): {evidence.estimate:+.2f} points, "
              f"{evidence.level * 100:g}% interval {low:+.2f} to {high:+.2f}, "
              f"from {evidence.active_days} and {evidence.inactive_days} days")
    else:
        print(f"  not enough days to tell yet ({evidence.active_days} and {evidence.inactive_days} days so far)")
    print()
    print(summary)
    print()
    print(said.how)
    print(said.method)
    return EXIT_OK


def _measured_steps(database, clock) -> dict:
    from desktop.store.activity_service import ActivityService

    return {m.day: m.steps for m in ActivityService(database, clock).between() if m.steps is not None}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
