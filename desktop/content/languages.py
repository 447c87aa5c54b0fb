"""Content in several languages: each language's files lay over English, key by key.

A translation under ``resources/content/<lang>/`` need not be complete. Whatever it lacks (a
file, a key, an item of a list) is taken from English, so the app never shows a gap; the
missing report (``missing_entries``) says what a translator still has to do.

How a translated value lays over the English one:
- objects: key by key, recursively; a key only in English is kept;
- lists of objects that each carry an ``id`` or ``key``: item by item with the same id, in
  English order (an item only in English is kept);
- anything else (text, numbers, lists of paragraphs): the translation replaces it whole.
"""

from __future__ import annotations

from typing import Any

IDENTIFIERS = ("id", "key")


def _identifier(items: list) -> str | None:
    """The field every object of the list is known by, or None if the list is not like that."""
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for name in IDENTIFIERS:
        if all(isinstance(item.get(name), str) for item in items):
            return name
    return None


def merge(english: Any, translated: Any) -> Any:
    """The translated content, with English wherever the translation has nothing."""
    if isinstance(english, dict) and isinstance(translated, dict):
        merged = {key: merge(value, translated[key]) if key in translated else value for key, value in english.items()}
        merged.update({key: value for key, value in translated.items() if key not in english})
        return merged
    if isinstance(english, list) and isinstance(translated, list):
        name = _identifier(english)
        if name is not None and all(isinstance(item, dict) and isinstance(item.get(name), str) for item in translated):
            by_id = {item[name]: item for item in translated}
            return [merge(item, by_id[item[name]]) if item[name] in by_id else item for item in english]
    return translated


def missing_entries(english: Any, translated: Any, where: str = "") -> list[str]:
    """Where the translation has no text of its own: ``modules[id=sleep].title`` and the like.

    Only text counts: numbers and true/false are the same in every language and are always
    taken from English."""
    if isinstance(english, str):
        return [] if isinstance(translated, str) else [where or "(the whole file)"]
    if isinstance(english, dict):
        if not isinstance(translated, dict):
            translated = {}
        found: list[str] = []
        for key, value in english.items():
            place = f"{where}.{key}" if where else key
            found += missing_entries(value, translated.get(key), place)
        return found
    if isinstance(english, list):
        name = _identifier(english)
        if name is None:  # paragraphs and the like: translated whole, or not at all
            has_text = _has_text(english)
            return [where] if has_text and not isinstance(translated, list) else []
        given = {item.get(name): item for item in translated or [] if isinstance(item, dict)}
        found = []
        for item in english:
            place = f"{where}[{name}={item[name]}]"
            found += missing_entries(item, given[item[name]], place) if item[name] in given else [place]
        return found
    return []


def _has_text(value: Any) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return any(_has_text(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_text(v) for v in value)
    return False
