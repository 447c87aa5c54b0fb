"""Profiles: one folder and one SQLite file each, so they are isolated and easy to remove."""

from __future__ import annotations

import re
from pathlib import Path

from desktop import paths

DEFAULT_PROFILE = "default"
_VALID_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$")


class ProfileError(RuntimeError):
    pass


def check_profile_name(name: str) -> str:
    if not _VALID_NAME.match(name) or name.endswith((".", " ")):
        raise ProfileError(
            f"{name!r} cannot be a profile name: use up to 40 letters, digits, spaces, '-', '_' or '.', "
            "starting with a letter or digit."
        )
    return name


def list_profiles(root: Path) -> list[str]:
    folder = paths.profiles_dir(root)
    if not folder.is_dir():
        return []
    return sorted(
        (p.name for p in folder.iterdir() if (p / paths.DATABASE_FILENAME).exists()), key=str.casefold
    )


def resolve_profile(root: Path, requested: str | None) -> str:
    """The profile a command should use.

    A named profile is used (and created if new). Without a name: the only profile there
    is, or a new default profile on first use; with several, the user must choose.
    """
    if requested is not None:
        return check_profile_name(requested)
    existing = list_profiles(root)
    if not existing:
        return DEFAULT_PROFILE
    if len(existing) == 1:
        return existing[0]
    raise ProfileError(
        "There are several profiles here; choose one with --profile NAME: " + ", ".join(existing)
    )
