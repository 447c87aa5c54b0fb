"""``supportback profile protect`` and ``profile unprotect``: Settings > PIN and locking, for scripts.

A clinic scripts its kiosk PCs, so the command line does what the Settings card does
(ui/profiles/profile_security_box.py): give a profile a PIN, or a passphrase (which also encrypts the
diary and its backups, store/encryption.py), change one for the other, or take it away.

- Secrets come only from the first line of a file or a hidden terminal prompt, never from an
  argument, and are never printed.
- The current PIN or passphrase is checked like every other command checks it
  (unlocking.unlock), with the same growing waits after wrong tries as the app.
- The profile's app lock, the one the app takes when it opens a profile
  (security/app_lock.py), is held for the whole change: a profile open in the app is
  refused, and the app cannot open it while its files are rewritten.
- A failure part-way is undone by change_protection: the profile keeps its old protection.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import paths
from desktop.cli.errors import CommandFailed, SecretNeeded
from desktop.cli.unlocking import closed_in_the_app, read_secret_file, unlock


def run(root: Path, args: argparse.Namespace) -> int:
    from desktop.security.profile_lock import ProfileLock
    from desktop.store.profiles import ProfileError, list_profiles

    name = args.name
    if name not in list_profiles(root):
        raise ProfileError(f"There is no profile called {name!r}.")
    if args.profile_command == "unprotect":
        if not ProfileLock(paths.profile_dir(root, name)).is_protected:
            print(f"Profile {name!r} has no PIN or passphrase; nothing was changed.")
            return 0
        return _unprotect(root, name, args)
    return _protect(root, name, args)


def _protect(root: Path, name: str, args: argparse.Namespace) -> int:
    from desktop.security.profile_lock import PASSPHRASE, PIN, check_new_secret

    kind = PIN if (args.pin_file is not None or args.ask_pin) else PASSPHRASE
    source = args.pin_file if kind == PIN else args.new_passphrase_file
    new_secret = read_secret_file(source) if source is not None else None
    if new_secret is not None:
        check_new_secret(new_secret, kind)  # before anything is asked or changed
    elif not sys.stdin.isatty():
        raise SecretNeeded("Give the new PIN with --pin-file F or the new passphrase with "
                           "--new-passphrase-file F (or run this on a terminal).")
    with closed_in_the_app(root, name):
        current = unlock(root, name, args)
        if new_secret is None:
            new_secret = _ask_new_secret(name, kind)
        _change(root, name, current, new_secret, kind)
    if kind == PIN:
        print(f"Profile {name!r} is now protected by a PIN.")
    else:
        print(f"Profile {name!r} is now protected by a passphrase; its diary and backups are encrypted.")
    return 0


def _unprotect(root: Path, name: str, args: argparse.Namespace) -> int:
    with closed_in_the_app(root, name):
        current = unlock(root, name, args)
        _change(root, name, current, None, None)
        _auto_lock_off(root, name)
    print(f"Profile {name!r} has no PIN or passphrase now; its diary and backups are plain files again.")
    return 0


def _ask_new_secret(name: str, kind: str) -> str:
    import getpass

    from desktop.security.profile_lock import PIN, check_new_secret

    word = "PIN" if kind == PIN else "passphrase"
    secret = getpass.getpass(f"New {word} for {name}: ")
    check_new_secret(secret, kind)
    if getpass.getpass(f"The same {word} again: ") != secret:
        raise SecretNeeded(f"The two {word}s differ; nothing was changed.")
    return secret


def _change(root: Path, name: str, current: str | None, new_secret: str | None, kind: str | None) -> None:
    from desktop.security.profile_lock import ProfileLock
    from desktop.store.encryption import change_protection

    lock = ProfileLock(paths.profile_dir(root, name))
    before = (lock.record() or {}).get("hash")
    try:
        change_protection(root, name, current, new_secret, kind)
    except Exception as exc:  # change_protection undoes what it did; say so in one line
        reason = " ".join(str(exc).split()) or type(exc).__name__
        kept = ("it keeps its old PIN or passphrase" if (lock.record() or {}).get("hash") == before
                else "it opens with the new PIN or passphrase")
        raise CommandFailed(f"Could not change the protection of {name!r} ({reason}); {kept} "
                            "and nothing was lost.") from exc


def _auto_lock_off(root: Path, name: str) -> None:
    """Without a PIN, "lock after a time without use" goes back to never, as Settings does."""
    from desktop.store.database import open_database
    from desktop.store.settings_service import AUTO_LOCK_SETTING, SettingsService

    database = open_database(root, name)
    try:
        SettingsService(database).set(AUTO_LOCK_SETTING, "0")
    finally:
        database.close()
