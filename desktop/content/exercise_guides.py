"""How to do each exercise: purpose, steps, when to stop, easier and harder ways.

Read from resources/content/<lang>/exercise_guides.json and checked when loaded: every
exercise in exercises.json (the diary's list) needs a guide, and walking has one too.
"""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from desktop.content.loader import ContentError, content_json, content_path, exercise_catalogue, per_language
from desktop.content.typed import Content, Text, Texts, decode

WALKING = "walking"


class ExerciseGuide(Content):
    key: Text  # the exercise's key in exercises.json, or "walking"
    title: Text
    video: Text  # id of the clip in videos/manifest.json
    purpose: Text
    steps: Texts
    stop_if: Texts
    easier: Text
    harder: Text
    repetitions: Text
    nerve_check: bool = False  # its warning about weak or numb legs leads to the nerve questions


class _Guides(Content):
    guides: Annotated[tuple[ExerciseGuide, ...], Meta(min_length=1)]


@per_language
def exercise_guides(language: str) -> tuple[ExerciseGuide, ...]:
    """Every guide in the file's order, or ContentError naming the file and the problem."""
    path = content_path("exercise_guides.json", language)
    guides = decode(path, content_json("exercise_guides.json", language), _Guides).guides
    keys = [g.key for g in guides]
    if len(set(keys)) != len(keys):
        raise ContentError(f"{path}: each guide's 'key' must be used once only.")
    wanted = set(exercise_catalogue(language).keys) | {WALKING}
    missing = sorted(wanted - set(keys))
    if missing:
        raise ContentError(f"{path}: no guide for: {', '.join(missing)}.")
    unknown = sorted(set(keys) - wanted)
    if unknown:
        raise ContentError(f"{path}: guides for exercises not in exercises.json: {', '.join(unknown)}.")
    return guides


def guide_for(key: str, language: str | None = None) -> ExerciseGuide:
    for guide in exercise_guides(language):
        if guide.key == key:
            return guide
    raise KeyError(key)
