"""Every path the app uses, in one place.

The data root comes from, in order: ``--data-dir``, ``SUPPORTBACK_DATA_DIR``, or the
platform's per-user data folder. Read-only resources come from the source tree or, in a
frozen (PyInstaller) bundle, from the bundle's folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "SupportBack"
DATA_DIR_ENV = "SUPPORTBACK_DATA_DIR"
DATABASE_FILENAME = "diary.sqlite"
# A profile's PIN or passphrase (its slow hash and, for a passphrase, the database key's salt),
# a second copy of it written the same careful way, the count of wrong tries, and the file
# whose lock makes each try's read-check-write one step (security/profile_lock.py).
LOCK_FILENAME = "lock.json"
LOCK_COPY_FILENAME = "lock-copy.json"
TRIES_FILENAME = "tries.json"
GUARD_FILENAME = "lock.guard"
# Held while the app has the profile open (security/app_lock.py).
APP_LOCK_FILENAME = "app.lock"
# No diary content: the reminder time and the days of the last diary and reminder (system/reminder_state.py).
REMINDER_STATE_FILENAME = "reminder.json"
# What the profile picker shows before a diary is unlocked (the name the patient chose to be
# listed under), so it lives beside the diary, outside the (possibly encrypted) database.
PROFILE_INFO_FILENAME = "profile.json"
# The folders of the data root and of each profile.
PROFILES_DIRNAME = "profiles"
BACKUPS_DIRNAME = "backups"
# Where a damaged or replaced diary is moved, never deleted (store/backup.py set_aside).
SET_ASIDE_DIRNAME = "set-aside"
# Beside the diary: the highest export number used, kept when an older backup is put back
# (store/export_state.py).
EXPORT_SEQUENCE_FILENAME = "export-sequence"
# In the data root: the wrong tries of the clinic's admin PIN (kiosk mode).
CLINIC_ADMIN_TRIES_FILENAME = "clinic-admin.json"
# The clinic's configuration, in the site configuration folder (security/clinic_config.py).
CLINIC_CONFIG_FILENAME = "clinic.toml"


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def videos_dir() -> Path:
    """The exercise videos, their captions and videos/manifest.json (shipped read-only)."""
    override = os.environ.get("SUPPORTBACK_VIDEOS_DIR")  # tests point this at a damaged copy
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "videos"
    return Path(__file__).resolve().parent.parent / "videos"


def data_root(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def profiles_dir(root: Path) -> Path:
    return root / PROFILES_DIRNAME


def profile_dir(root: Path, profile: str) -> Path:
    return profiles_dir(root) / profile


def database_path(root: Path, profile: str) -> Path:
    return profile_dir(root, profile) / DATABASE_FILENAME


def backups_dir(root: Path, profile: str) -> Path:
    return profile_dir(root, profile) / BACKUPS_DIRNAME


def set_aside_dir(profile_folder: Path) -> Path:
    return profile_folder / SET_ASIDE_DIRNAME


def clinic_admin_tries_path(root: Path) -> Path:
    return root / CLINIC_ADMIN_TRIES_FILENAME


def profile_info_path(profile_folder: Path) -> Path:
    return profile_folder / PROFILE_INFO_FILENAME


def app_lock_path(profile_folder: Path) -> Path:
    return profile_folder / APP_LOCK_FILENAME


# The clinic's own side (call notes, kept apart from every patient's profile): the notes
# database, encrypted under the clinic passphrase, and that passphrase's lock.json, its copy
# and the count of wrong tries (the same files a passphrase profile keeps).
CLINIC_NOTES_FILENAME = "call-notes.sqlite"


def clinic_dir(root: Path) -> Path:
    return root / "clinic"


def clinic_notes_path(root: Path) -> Path:
    return clinic_dir(root) / CLINIC_NOTES_FILENAME
