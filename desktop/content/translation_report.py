"""What a translation still lacks: ``python -m desktop.content.translation_report pl``.

Anything missing is shown in English (see languages.py), so a gap never leaves a blank. But
some content must never be half in another language: what the safety check asks, the advice
for a red flag, when to stop an exercise, and where to turn for help with mood. A language
ships only when none of that is missing (tests/unit/test_languages.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.content.loader import DEFAULT_LANGUAGE, content_path, missing_texts, missing_translation, shipped_languages

# Files where every sentence is safety-critical.
SAFETY_FILES = ("programme/screening.json", "programme/mood.json", "programme/flare_up.json")
# Entries elsewhere that are: a missing entry whose place starts with one of these.
SAFETY_ENTRIES = {"exercise_guides.json": (".stop_if",), "texts": ("diary_new_symptoms",)}
# Sentences only the clinic's own window shows (``supportback clinic open``): it opens no
# patient's profile, so it is always in English, and these are not counted as missing.
CLINICIAN_TEXTS = "clinic_"
# Files that hold only numbers: the same in every language, never translated.
NUMBERS_ONLY = ("insights.json", "diary_checks.json", "clinic/flags.json", "programme/rules.json",
                "programme/safety_rules.json", "language.json")  # language.json: about the language itself


def content_files() -> list[str]:
    """English's JSON content files (other than texts), as names relative to its folder."""
    root = content_path("", DEFAULT_LANGUAGE)
    names = [p.relative_to(root).as_posix() for p in sorted(root.rglob("*.json"))]
    return [n for n in names if n != "texts.json" and not n.startswith("texts/") and n not in NUMBERS_ONLY]


def translation_report(language: str) -> dict[str, list[str]]:
    """Each file with something missing (and "texts" for the sentences), with what is missing."""
    report = {name: missing_translation(name, language) for name in content_files()}
    report["texts"] = [name for name in missing_texts(language) if not name.startswith(CLINICIAN_TEXTS)]
    return {name: missing for name, missing in report.items() if missing}


def safety_gaps(language: str) -> list[str]:
    """The safety-critical content the language does not give itself: ``file: place``."""
    gaps = []
    for name, missing in translation_report(language).items():
        for place in missing:
            wanted = SAFETY_ENTRIES.get(name, ())
            if name in SAFETY_FILES or any(place.startswith(w) or w in place for w in wanted):
                gaps.append(f"{name}: {place}")
    return gaps


def main(argv: list[str]) -> int:
    languages = argv or [lang for lang in shipped_languages() if lang != DEFAULT_LANGUAGE]
    for language in languages:
        if not Path(content_path("", language)).is_dir():
            print(f"{language}: no folder {content_path('', language)}")
            continue
        report = translation_report(language)
        total = sum(len(m) for m in report.values())
        print(f"{language}: {total} entries missing (shown in English)")
        for name, missing in report.items():
            print(f"  {name}: {len(missing)}")
            for place in missing:
                print(f"    {place}")
        gaps = safety_gaps(language)
        if gaps:
            print(f"  SAFETY-CRITICAL missing: {len(gaps)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
