"""How to do each exercise: purpose, steps, when to stop, easier and harder ways.

Read from resources/content/<lang>/exercise_guides.json and checked when loaded: every
exercise in exercises.json (the diary's list) needs a guide, and walking has one too.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.content.loader import ContentError, content_json, content_path, exercise_catalogue, per_language

WALKING = "walking"
_TEXT_FIELDS = ("key", "title", "video", "purpose", "easier", "harder", "repetitions")
_LIST_FIELDS = ("steps", "stop_if")


@dataclass(frozen=True)
class ExerciseGuide:
    key: str  # the exercise's key in exercises.json, or "walking"
    title: str
    video: str  # id of the clip in videos/manifest.json
    purpose: str
    steps: tuple[str, ...]
    stop_if: tuple[str, ...]
    easier: str
    harder: str
    repetitions: str
    nerve_check: bool = False  # its warning about weak or numb legs leads to the nerve questions


@per_language
def exercise_guides(language: str) -> tuple[ExerciseGuide, ...]:
    """Every guide in the file's order, or ContentError naming the file and the problem."""
    path = content_path("exercise_guides.json", language)
    items = content_json("exercise_guides.json", language).get("guides")
    if not isinstance(items, list) or not items:
        raise ContentError(f"{path}: 'guides' must be a non-empty list.")
    guides = [_guide(path, index, item) for index, item in enumerate(items)]
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
    return tuple(guides)


def guide_for(key: str, language: str | None = None) -> ExerciseGuide:
    for guide in exercise_guides(language):
        if guide.key == key:
            return guide
    raise KeyError(key)


def _guide(path, index: int, item: object) -> ExerciseGuide:
    where = f"{path}: guide {index + 1}"
    if not isinstance(item, dict):
        raise ContentError(f"{where} must be an object.")
    for name in _TEXT_FIELDS:
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ContentError(f"{where} needs text '{name}'.")
    for name in _LIST_FIELDS:
        value = item.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise ContentError(f"{where} ({item['key']}) needs '{name}' as a list of sentences.")
    return ExerciseGuide(
        key=item["key"], title=item["title"], video=item["video"], purpose=item["purpose"],
        steps=tuple(item["steps"]), stop_if=tuple(item["stop_if"]), easier=item["easier"],
        harder=item["harder"], repetitions=item["repetitions"], nerve_check=item.get("nerve_check") is True,
    )
