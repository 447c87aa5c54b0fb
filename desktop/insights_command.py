"""``supportback insights``: the activity-pain comparison the Progress page shows, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.content.insights import group_phrase, insight_settings, summary_sentence
from desktop.domain.insights import Comparison, compare


def comparison_json(result: Comparison, summary: str) -> dict:
    """The documented JSON object (keys are a stable contract for scripts and tests)."""
    return {
        "activity": result.activity,
        "lag_days": result.lag_days,
        "enough_data": result.enough_data,
        "active_days": result.active_days,
        "inactive_days": result.inactive_days,
        "active_mean_pain": _rounded(result.active_mean_pain),
        "inactive_mean_pain": _rounded(result.inactive_mean_pain),
        "difference": _rounded(result.difference),
        "interval": [_rounded(result.interval.low), _rounded(result.interval.high)] if result.interval else None,
        "summary": summary,
    }


def run_insights(root: Path, profile: str | None, activity: str, lag_days: int, as_json: bool) -> int:
    from desktop.cli import EXIT_OK, _services
    from desktop.store.profiles import resolve_profile

    settings = insight_settings()
    name = resolve_profile(root, profile)
    database, diary = _services(root, name)
    try:
        entries = diary.between()
    finally:
        database.close()
    result = compare(entries, activity, lag_days, settings)
    summary = summary_sentence(result, settings)
    if as_json:
        print(json.dumps(comparison_json(result, summary), indent=2))
        return EXIT_OK
    when = "the same day" if lag_days == 0 else "the next day"
    print(f"Profile {name!r}: pain on {when}, {activity} ({len(entries)} diary days)")
    print(f"  {_group_line(group_phrase(activity, lag_days, True, settings), result.active_days, result.active_mean_pain)}")
    print(f"  {_group_line(group_phrase(activity, lag_days, False, settings), result.inactive_days, result.inactive_mean_pain)}")
    if result.interval is not None and result.difference is not None:
        level = round(settings.interval_level * 100)
        print(f"  difference (active minus other): {result.difference:+.2f} points, "
              f"{level}% interval {result.interval.low:+.2f} to {result.interval.high:+.2f}")
    else:
        print(f"  not enough days to compare yet (at least {result.minimum_days} in each group)")
    print()
    print(summary)
    return EXIT_OK


def _group_line(phrase: str, days: int, mean: float | None) -> str:
    average = f"average pain {mean:.2f} out of 10" if mean is not None else "no average yet"
    return f"{phrase[0].upper()}{phrase[1:]}: {days} days, {average}"


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
