"""Read content files from resources/content/<language>/ and check their shape."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from desktop.content.errors import ContentError
from desktop.content.languages import merge, missing_entries
from desktop.paths import resources_dir

DEFAULT_LANGUAGE = "en"
_current = [DEFAULT_LANGUAGE]  # the open profile's language (set_language), for calls that name none


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


def shipped_languages() -> tuple[str, ...]:
    """The languages with a folder under resources/content/, English first."""
    folder = resources_dir() / "content"
    found = sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.iterdir())) if folder.is_dir() else []
    return (DEFAULT_LANGUAGE, *[name for name in found if name != DEFAULT_LANGUAGE])


def set_language(language: str | None) -> str:
    """Use this language wherever content is read without naming one; a language that does
    not ship (or none) means English. Returns the language now in use."""
    _current[0] = language if language in shipped_languages() else DEFAULT_LANGUAGE
    return _current[0]


def current_language() -> str:
    return _current[0]


def resolve_language(language: str | None) -> str:
    return _current[0] if language is None else language


def per_language(load):
    """Cache a loader once per language; called with no language, it uses the current one."""
    cached = functools.cache(load)

    @functools.wraps(load)
    def wrapper(language: str | None = None):
        return cached(resolve_language(language))

    wrapper.cache_clear = cached.cache_clear
    return wrapper


@dataclass(frozen=True)
class LanguageInfo:
    code: str  # the folder's name: "en", "pl"
    name: str  # in the language itself: "Polski"
    locale: str  # for dates and numbers: "pl_PL"
    choose_prompt: str  # "Which language would you like SupportBack to use?", in the language
    draft_notice: str  # empty unless the translation still awaits a clinical translator's review


@per_language
def language_info(language: str) -> LanguageInfo:
    """What resources/content/<lang>/language.json says about the language itself."""
    from desktop.content.basics_schema import LanguageFile
    from desktop.content.typed import decode

    path = content_path("language.json", language)
    data = decode(path, read_content_json(path), LanguageFile)
    return LanguageInfo(language, data.name, data.locale, data.choose_prompt, data.draft_notice)


def content_path(name: str, language: str | None = None) -> Path:
    return resources_dir() / "content" / resolve_language(language) / name


def content_json(name: str, language: str | None = None) -> dict:
    """A content file in this language, English filling whatever the translation lacks."""
    language = resolve_language(language)
    english = read_content_json(content_path(name, DEFAULT_LANGUAGE))
    path = content_path(name, language)
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return english
    return merge(english, read_content_json(path))


def missing_translation(name: str, language: str) -> list[str]:
    """The text in English's file ``name`` that the language's own file does not give."""
    english = read_content_json(content_path(name, DEFAULT_LANGUAGE))
    path = content_path(name, language)
    return missing_entries(english, read_content_json(path) if path.is_file() else None)


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


@per_language
def exercise_catalogue(language: str) -> ExerciseCatalogue:
    from desktop.content.basics_schema import ExercisesFile
    from desktop.content.typed import decode

    path = content_path("exercises.json", language)
    items = decode(path, content_json("exercises.json", language), ExercisesFile).exercises
    exercises = tuple(Exercise(item.key, item.name, item.title, item.prone) for item in items)
    if len({e.key for e in exercises}) != len(exercises):
        raise ContentError(f"{path}: exercise keys must be unique.")
    return ExerciseCatalogue(exercises)


@per_language
def texts(language: str) -> dict[str, str]:
    """Patient-facing sentences keyed by name.

    From resources/content/<lang>/texts.json plus every file in texts/ beside it (one per
    part of the app, e.g. texts/progress.json); a name used twice is an error. In a language
    other than English, each name the translation does not give is English's.
    """
    if language == DEFAULT_LANGUAGE:
        return _texts_in(DEFAULT_LANGUAGE)
    return {**texts(DEFAULT_LANGUAGE), **_texts_in(language)}


def _texts_in(language: str) -> dict[str, str]:
    paths = [content_path("texts.json", language)]
    folder = content_path("texts", language)
    if folder.is_dir():
        paths += sorted(folder.glob("*.json"))
    merged: dict[str, str] = {}
    for path in paths:
        if language != DEFAULT_LANGUAGE and not path.is_file():
            continue
        data = read_content_json(path)
        bad = [k for k, v in data.items() if not isinstance(v, str)]
        if bad:
            raise ContentError(f"{path}: these entries are not text: {', '.join(bad)}")
        twice = sorted(set(data) & set(merged))
        if twice:
            raise ContentError(f"{path}: these names are already used in another texts file: {', '.join(twice)}")
        merged.update(data)
    return merged


def text(key: str, language: str | None = None, **values: object) -> str:
    try:
        template = texts(language)[key]
    except KeyError:
        raise ContentError(f"No text named {key!r} in {content_path('texts.json', language)}") from None
    return template.format(**values) if values else template


def missing_texts(language: str) -> list[str]:
    """The names of English's sentences the language does not give itself."""
    return sorted(set(texts(DEFAULT_LANGUAGE)) - set(_texts_in(language)))
