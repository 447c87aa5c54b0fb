"""Read content files from resources/content/<language>/ and check their shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.paths import resources_dir

DEFAULT_LANGUAGE = "en"


class ContentError(RuntimeError):
    """A content file is missing or malformed: a packaging fault, not a patient's."""


@dataclass(frozen=True)
class Exercise:
    key: str  # stable identifier stored in the database
    name: str  # lower-case name used in CSV files
    title: str  # how the app shows it
    prone: bool = False  # done lying on the front: hidden in pregnancy


@dataclass(frozen=True)
class ExerciseCatalogue:
    exercises: tuple[Exercise, ...]
    everything: tuple[Exercise, ...] = ()  # when listing fewer (without), the full list for lookups

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(e.key for e in self.exercises)

    def without(self, keys: frozenset[str]) -> ExerciseCatalogue:
        """The same catalogue listing fewer exercises (goal setting in pregnancy); every key
        can still be looked up, so goals set before are still named."""
        return ExerciseCatalogue(tuple(e for e in self.exercises if e.key not in keys), self.all_exercises)

    @property
    def all_exercises(self) -> tuple[Exercise, ...]:
        return self.everything or self.exercises

    def by_key(self, key: str) -> Exercise:
        for exercise in self.all_exercises:
            if exercise.key == key:
                return exercise
        raise KeyError(key)

    def match_name(self, text: str) -> Exercise | None:
        """Find an exercise by its name or key, ignoring case and surrounding spaces."""
        wanted = " ".join(text.split()).casefold()
        for exercise in self.exercises:
            if wanted in (exercise.name.casefold(), exercise.key.casefold(), exercise.title.casefold()):
                return exercise
        return None


def content_path(name: str, language: str = DEFAULT_LANGUAGE) -> Path:
    return resources_dir() / "content" / language / name


def read_content_json(path: Path) -> dict:
    """A content file's JSON object, or ContentError naming the file and the problem."""
    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise ContentError(f"Content file is missing: {path}") from None
    except json.JSONDecodeError as exc:
        raise ContentError(f"Content file {path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ContentError(f"Content file {path} must hold a JSON object.")
    return data


@cache
def exercise_catalogue(language: str = DEFAULT_LANGUAGE) -> ExerciseCatalogue:
    path = content_path("exercises.json", language)
    items = read_content_json(path).get("exercises")
    if not isinstance(items, list) or not items:
        raise ContentError(f"{path}: 'exercises' must be a non-empty list.")
    exercises = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item[k]
                                                 for k in ("key", "name", "title")):
            raise ContentError(f"{path}: exercise {index + 1} needs text 'key', 'name' and 'title'.")
        if not isinstance(item.get("prone", False), bool):
            raise ContentError(f"{path}: exercise {index + 1}: 'prone' must be true or false.")
        exercises.append(Exercise(item["key"], item["name"], item["title"], item.get("prone", False)))
    if len({e.key for e in exercises}) != len(exercises):
        raise ContentError(f"{path}: exercise keys must be unique.")
    return ExerciseCatalogue(tuple(exercises))


@cache
def texts(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Patient-facing sentences keyed by name.

    From resources/content/<lang>/texts.json plus every file in texts/ beside it (one per
    part of the app, e.g. texts/progress.json); a name used twice is an error.
    """
    paths = [content_path("texts.json", language)]
    folder = content_path("texts", language)
    if folder.is_dir():
        paths += sorted(folder.glob("*.json"))
    merged: dict[str, str] = {}
    for path in paths:
        data = read_content_json(path)
        bad = [k for k, v in data.items() if not isinstance(v, str)]
        if bad:
            raise ContentError(f"{path}: these entries are not text: {', '.join(bad)}")
        twice = sorted(set(data) & set(merged))
        if twice:
            raise ContentError(f"{path}: these names are already used in another texts file: {', '.join(twice)}")
        merged.update(data)
    return merged


def text(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    try:
        template = texts(language)[key]
    except KeyError:
        raise ContentError(f"No text named {key!r} in {content_path('texts.json', language)}") from None
    return template.format(**values) if values else template
