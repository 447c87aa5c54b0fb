"""The comparison's numbers (insights.json) and its plain-language summary (texts/progress.json).

Which sentences make up a summary is decided by rules here; the sentences themselves are
content. A summary never says activity caused anything, always says how sure it is, and
says so plainly when the diary shows no link.
"""

from __future__ import annotations

from functools import lru_cache

from desktop.content.loader import DEFAULT_LANGUAGE, ContentError, content_path, read_content_json, text
from desktop.domain.insights import Comparison, InsightSettings

# name in insights.json -> (InsightSettings field, type, lowest, highest)
_FIELDS: dict[str, tuple[str, type, float, float]] = {
    "walking_threshold_minutes": ("walking_threshold_minutes", int, 1, 24 * 60),
    "minimum_days_per_group": ("minimum_days_per_group", int, 2, 365),
    "interval_level": ("interval_level", float, 0.5, 0.99),
    "bootstrap_resamples": ("resamples", int, 200, 100_000),
    "bootstrap_seed": ("seed", int, 0, 2**32 - 1),
    "clear_margin_points": ("clear_margin", float, 0.0, 10.0),
}


@lru_cache(maxsize=None)
def insight_settings(language: str = DEFAULT_LANGUAGE) -> InsightSettings:
    """The settings from insights.json; ContentError naming the file and the problem."""
    path = content_path("insights.json", language)
    return parse_settings(read_content_json(path), str(path))


def parse_settings(data: dict, source: str) -> InsightSettings:
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise ContentError(f"{source}: unknown setting(s): {', '.join(unknown)}")
    values = {}
    for name, (field, kind, lowest, highest) in _FIELDS.items():
        if name not in data:
            raise ContentError(f"{source}: '{name}' is missing")
        value = data[name]
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not is_number or (kind is int and not isinstance(value, int)):
            raise ContentError(f"{source}: '{name}' must be a {'whole ' if kind is int else ''}number, not {value!r}")
        if not lowest <= value <= highest:
            raise ContentError(f"{source}: '{name}' must be between {lowest:g} and {highest:g}, not {value!r}")
        values[field] = kind(value)
    return InsightSettings(**values)


def group_phrase(activity: str, lag_days: int, active: bool, settings: InsightSettings) -> str:
    """For example "days after you walked 10 minutes or more" or "days without back exercises"."""
    key = f"progress_{'group' if active else 'other'}_{activity}_{lag_days}"
    return text(key, threshold=settings.walking_threshold_minutes) if active else text(key)


def summary_sentence(result: Comparison, settings: InsightSettings) -> str:
    values = {
        "active_group": group_phrase(result.activity, result.lag_days, True, settings),
        "other_group": group_phrase(result.activity, result.lag_days, False, settings),
        "active_days": result.active_days,
        "inactive_days": result.inactive_days,
        "minimum": result.minimum_days,
        "active_mean": _points(result.active_mean_pain),
        "inactive_mean": _points(result.inactive_mean_pain),
        "size": _points(abs(result.difference) if result.difference is not None else None),
    }
    outcome = result.outcome
    if not result.enough_data:
        return text(f"progress_summary_{outcome}", **values)
    if outcome == "similar":
        sureness = "progress_sure_similar"
    else:
        sureness = "progress_sure_clear" if result.is_clear(settings.clear_margin) else "progress_sure_hint"
    keys = (f"progress_summary_{outcome}", sureness, f"progress_close_{outcome}")
    return " ".join(text(key, **values) for key in keys)


def _points(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
