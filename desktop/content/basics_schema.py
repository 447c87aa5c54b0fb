"""The shape of exercises.json, language.json, insights.json and programme/safety_rules.json
as typed Structs; the loaders import this (and msgspec) when they first read one of them."""

from typing import Annotated

from msgspec import Meta

from desktop.content.typed import Content, Text


class ExerciseItem(Content):
    key: Text  # stable identifier stored in the database
    name: Text  # lower-case name used in CSV files
    title: Text  # how the app shows it
    prone: bool = False  # done lying on the front: hidden in pregnancy


class ExercisesFile(Content):
    exercises: Annotated[tuple[ExerciseItem, ...], Meta(min_length=1)]


class LanguageFile(Content):
    name: Text  # in the language itself: "Polski"
    locale: Text  # for dates and numbers: "pl_PL"
    choose_prompt: str
    draft_notice: str  # empty unless the translation still awaits a clinical translator's review


Days = Annotated[int, Meta(ge=1, le=365)]


class SafetyRulesFile(Content):
    """Numbers only: the same in every language."""
    pain_at_least: Annotated[int, Meta(ge=0, le=10)]
    pain_days_in_a_row: Days
    flare_up_longer_than_days: Days
    look_back_days: Days
    mood_signpost_from: Annotated[int, Meta(ge=0, le=6)]  # PHQ-2 or GAD-2 total


class InsightsFile(Content):
    """insights.json: the chart's plain averages and the weekly statement's settings."""
    walking_threshold_minutes: Annotated[int, Meta(ge=1, le=24 * 60)]
    minimum_days_per_group: Annotated[int, Meta(ge=2, le=365)]
    interval_level: Annotated[float, Meta(ge=0.5, le=0.99)]
    bootstrap_resamples: Annotated[int, Meta(ge=200, le=100_000)]
    bootstrap_seed: Annotated[int, Meta(ge=0, le=2**32 - 1)]
    minimum_model_days: Annotated[int, Meta(ge=10, le=365)]
    look_alpha: Annotated[float, Meta(ge=0.001, le=0.2)]
    window_days: Annotated[int, Meta(ge=28, le=3650)]
    similar_margin_points: Annotated[float, Meta(ge=0.1, le=5.0)]
    measured_active_steps: Annotated[int, Meta(ge=100, le=100_000)]  # a walking day, counted by a phone or watch
    measured_worn_steps: Annotated[int, Meta(ge=0, le=10_000)]  # fewer: the device was probably not carried
