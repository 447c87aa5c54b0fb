"""The numbers in insights.json: the chart's plain averages and the weekly statement's settings.

Both are checked when loaded (unknown, missing or out-of-range numbers name the file and
key). The statement's words are in content/evidence_words.py; the group names of the chart
(``group_phrase``) are here.
"""

from __future__ import annotations

from desktop.content.loader import DEFAULT_LANGUAGE, ContentError, content_path, per_language, read_content_json, text
from desktop.domain.evidence import EvidenceSettings
from desktop.domain.insights import InsightSettings
from desktop.domain.measured_walking import MeasuredSettings

# name in insights.json -> (InsightSettings field, type, lowest, highest)
_FIELDS: dict[str, tuple[str, type, float, float]] = {
    "walking_threshold_minutes": ("walking_threshold_minutes", int, 1, 24 * 60),
    "minimum_days_per_group": ("minimum_days_per_group", int, 2, 365),
    "interval_level": ("interval_level", float, 0.5, 0.99),
    "bootstrap_resamples": ("resamples", int, 200, 100_000),
    "bootstrap_seed": ("seed", int, 0, 2**32 - 1),
}
# The patient's weekly statement (domain/evidence.py).
_EVIDENCE_FIELDS: dict[str, tuple[str, type, float, float]] = {
    "walking_threshold_minutes": ("walking_threshold_minutes", int, 1, 24 * 60),
    "minimum_days_per_group": ("minimum_days_per_group", int, 2, 365),
    "minimum_model_days": ("minimum_pairs", int, 10, 365),
    "look_alpha": ("look_alpha", float, 0.001, 0.2),
    "window_days": ("window_days", int, 28, 3650),
    "similar_margin_points": ("similar_margin", float, 0.1, 5.0),
}

# Walking from measured steps (domain/measured_walking.py).
_MEASURED_FIELDS: dict[str, tuple[str, type, float, float]] = {
    "measured_active_steps": ("active_steps", int, 100, 100_000),
    "measured_worn_steps": ("worn_steps", int, 0, 10_000),
}


@per_language
def insight_settings(language: str) -> InsightSettings:
    """The settings from insights.json; ContentError naming the file and the problem."""
    path = content_path("insights.json", DEFAULT_LANGUAGE)  # numbers: the same in every language
    return parse_settings(read_content_json(path), str(path))


def parse_settings(data: dict, source: str) -> InsightSettings:
    """The chart's settings; the statement's settings in the same file are checked too."""
    _parse(data, source, _EVIDENCE_FIELDS)
    return InsightSettings(**_parse(data, source, _FIELDS))


@per_language
def evidence_settings(language: str) -> EvidenceSettings:
    path = content_path("insights.json", DEFAULT_LANGUAGE)  # numbers: the same in every language
    return EvidenceSettings(**_parse(read_content_json(path), str(path), _EVIDENCE_FIELDS))


@per_language
def measured_settings(language: str) -> MeasuredSettings:
    """When a day of measured steps counts as a walking day; the worn threshold must be lower."""
    path = content_path("insights.json", DEFAULT_LANGUAGE)  # numbers: the same in every language
    values = _parse(read_content_json(path), str(path), _MEASURED_FIELDS)
    if values["worn_steps"] >= values["active_steps"]:
        raise ContentError(f"{path}: 'measured_worn_steps' must be lower than 'measured_active_steps'")
    return MeasuredSettings(**values)


def _parse(data: dict, source: str, fields: dict[str, tuple[str, type, float, float]]) -> dict:
    unknown = sorted(set(data) - set(_FIELDS) - set(_EVIDENCE_FIELDS) - set(_MEASURED_FIELDS))
    if unknown:
        raise ContentError(f"{source}: unknown setting(s): {', '.join(unknown)}")
    values = {}
    for name, (field, kind, lowest, highest) in fields.items():
        if name not in data:
            raise ContentError(f"{source}: '{name}' is missing")
        value = data[name]
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not is_number or (kind is int and not isinstance(value, int)):
            raise ContentError(f"{source}: '{name}' must be a {'whole ' if kind is int else ''}number, not {value!r}")
        if not lowest <= value <= highest:
            raise ContentError(f"{source}: '{name}' must be between {lowest:g} and {highest:g}, not {value!r}")
        values[field] = kind(value)
    return values


def group_phrase(activity: str, lag_days: int, active: bool, settings: InsightSettings,
                 measured_steps: str | None = None) -> str:
    """For example "days after you walked 10 minutes or more" or "days without back exercises";
    ``measured_steps`` (the step threshold, written out): walking counted by a phone or watch."""
    measured = "_measured" if measured_steps is not None and activity == "walking" else ""
    key = f"progress_{'group' if active else 'other'}_{activity}{measured}_{lag_days}"
    return text(key, threshold=settings.walking_threshold_minutes, steps=measured_steps) if active else text(key)
