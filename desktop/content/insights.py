"""The numbers in insights.json: the chart's plain averages and the weekly statement's settings.

Both are decoded into one typed Struct when loaded (content/basics_schema.py: unknown,
missing or out-of-range numbers name the file and key). The statement's words are in
content/evidence_words.py; the group names of the chart (``group_phrase``) are here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.content.loader import DEFAULT_LANGUAGE, ContentError, content_path, per_language, read_content_json, text
from desktop.domain.evidence import EvidenceSettings
from desktop.domain.insights import InsightSettings
from desktop.domain.measured_walking import MeasuredSettings

if TYPE_CHECKING:  # msgspec is imported when the numbers are first read
    from desktop.content.basics_schema import InsightsFile

@per_language
def insight_settings(language: str) -> InsightSettings:
    """The settings from insights.json; ContentError naming the file and the problem."""
    path = content_path("insights.json", DEFAULT_LANGUAGE)  # numbers: the same in every language
    return parse_settings(read_content_json(path), str(path))


def parse_settings(data: dict, source: str) -> InsightSettings:
    """The chart's settings; the statement's settings in the same file are checked too."""
    found = _decode(data, source)
    return InsightSettings(walking_threshold_minutes=found.walking_threshold_minutes,
                           minimum_days_per_group=found.minimum_days_per_group, interval_level=found.interval_level,
                           resamples=found.bootstrap_resamples, seed=found.bootstrap_seed)


@per_language
def evidence_settings(language: str) -> EvidenceSettings:
    path = content_path("insights.json", DEFAULT_LANGUAGE)  # numbers: the same in every language
    found = _decode(read_content_json(path), str(path))
    return EvidenceSettings(walking_threshold_minutes=found.walking_threshold_minutes,
                            minimum_days_per_group=found.minimum_days_per_group,
                            minimum_pairs=found.minimum_model_days, look_alpha=found.look_alpha,
                            window_days=found.window_days, similar_margin=found.similar_margin_points)


@per_language
def measured_settings(language: str) -> MeasuredSettings:
    """When a day of measured steps counts as a walking day; the worn threshold must be lower."""
    path = content_path("insights.json", DEFAULT_LANGUAGE)  # numbers: the same in every language
    found = _decode(read_content_json(path), str(path))
    if found.measured_worn_steps >= found.measured_active_steps:
        raise ContentError(f"{path}: 'measured_worn_steps' must be lower than 'measured_active_steps'")
    return MeasuredSettings(active_steps=found.measured_active_steps, worn_steps=found.measured_worn_steps)


def _decode(data: dict, source: str) -> InsightsFile:
    from desktop.content.basics_schema import InsightsFile
    from desktop.content.typed import decode

    return decode(source, data, InsightsFile)


def group_phrase(activity: str, lag_days: int, active: bool, settings: InsightSettings,
                 measured_steps: str | None = None) -> str:
    """For example "days after you walked 10 minutes or more" or "days without back exercises";
    ``measured_steps`` (the step threshold, written out): walking counted by a phone or watch."""
    measured = "_measured" if measured_steps is not None and activity == "walking" else ""
    key = f"progress_{'group' if active else 'other'}_{activity}{measured}_{lag_days}"
    return text(key, threshold=settings.walking_threshold_minutes, steps=measured_steps) if active else text(key)
