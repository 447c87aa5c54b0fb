"""Create, rename and delete profiles (each one folder: diary, backups, lock, set-aside copies)."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop import paths
from desktop.security import keys
from desktop.store.profiles import ProfileError, check_profile_name, list_profiles


def _same_name_exists(root: Path, name: str) -> str | None:
    for existing in list_profiles(root):
        if existing.casefold() == name.casefold():
            return existing
    return None


def create_profile(root: Path, name: str, secret: str | None = None, kind: str | None = None) -> Path:
    """Make a new, empty, migrated profile; refuses a name already used (in any case).

    With a PIN, the profile opens only with it; with a passphrase, its files are also
    encrypted (store/encryption.py) before anything is written in them.
    """
    from desktop.store.database import open_database

    check_profile_name(name)
    if _same_name_exists(root, name):
        raise ProfileError(f"There is already a profile called {name!r}.")
    if kind is not None:
        from desktop.security.profile_lock import check_new_secret

        check_new_secret(secret or "", kind)  # before anything is made
    database = open_database(root, name)
    database.close()
    if kind is not None:
        from desktop.store.encryption import change_protection

        change_protection(root, name, None, secret, kind)
        keys.forget(paths.profile_dir(root, name))  # made, not opened: its key is not kept
    return database.path


def rename_profile(root: Path, old: str, new: str) -> None:
    check_profile_name(new)
    if old not in list_profiles(root):
        raise ProfileError(f"There is no profile called {old!r}.")
    clash = _same_name_exists(root, new)
    if clash and clash != old:
        raise ProfileError(f"There is already a profile called {clash!r}.")
    source, target = paths.profile_dir(root, old), paths.profile_dir(root, new)
    if old.casefold() == new.casefold() and old != new:
        # Case-only rename on a case-insensitive disk: go through a temporary name.
        step = source.with_name(source.name + ".renaming")
        source.rename(step)
        source = step
    source.rename(target)
    keys.forget(paths.profile_dir(root, old))  # a key is kept only for an open profile, by its folder


def delete_profile(root: Path, name: str) -> None:
    """Remove the profile's whole folder: diary, WAL, backups, drafts, lock. Cannot be undone."""
    if name not in list_profiles(root):
        raise ProfileError(f"There is no profile called {name!r}.")
    folder = paths.profile_dir(root, name)
    if folder.resolve().parent != paths.profiles_dir(root).resolve():
        raise ProfileError(f"{folder} is not a profile folder; nothing was deleted.")
    shutil.rmtree(folder)
    keys.forget(folder)
