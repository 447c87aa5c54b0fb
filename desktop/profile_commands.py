"""``supportback profile ...``, ``supportback clinic setup`` and unlocking a protected profile.

A PIN or passphrase is never taken as a plain argument (it would show in the shell history
and the process list): it comes from ``--passphrase-file F`` (first line of the file) or,
on a terminal, from a hidden prompt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop import paths


class SecretNeeded(RuntimeError):
    """A protected profile was used without its PIN or passphrase (message fit for the user)."""


def read_secret_file(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    secret = lines[0] if lines else ""
    if not secret:
        raise SecretNeeded(f"{path} is empty: put the PIN or passphrase on its first line.")
    return secret


def _secret(args: argparse.Namespace, prompt: str) -> str | None:
    source = getattr(args, "passphrase_file", None)
    if source is not None:
        return read_secret_file(source)
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return None


def unlock(root: Path, profile: str, args: argparse.Namespace) -> str | None:
    """Refuse to go on with a protected profile unless its PIN or passphrase is given and right.

    Returns that PIN or passphrase (None when the profile has neither).
    """
    import math

    from desktop.security.profile_lock import ProfileLock

    lock = ProfileLock(paths.profile_dir(root, profile))
    if not lock.is_protected:
        return None
    waiting = lock.throttle.wait_seconds()
    if waiting > 0:  # asked for nothing and checked nothing: the wait after wrong tries is still running
        raise SecretNeeded(f"After several wrong tries, wait {math.ceil(waiting)} seconds before trying "
                           f"the PIN or passphrase of {profile!r} again.")
    secret = _secret(args, f"PIN or passphrase for {profile}: ")
    if secret is None:
        raise SecretNeeded(f"Profile {profile!r} is protected: give its PIN or passphrase with --passphrase-file F.")
    result = lock.try_secret(secret)
    if result.wait_seconds > 0 and not result.ok:
        raise SecretNeeded(f"That is not the PIN or passphrase of {profile!r}; after several wrong tries, "
                           f"wait {round(result.wait_seconds)} seconds before the next.")
    if not result.ok:
        raise SecretNeeded(f"That is not the PIN or passphrase of {profile!r}.")
    return secret


def unlock_if_needed(root: Path, args: argparse.Namespace) -> None:
    """Before any command that opens a diary: check the profile's PIN or passphrase."""
    from desktop.store.profiles import list_profiles

    if args.command in (None, "profile", "clinic", "research"):
        return  # the app asks on screen; these commands open no diary, or check for themselves
    profile = "Demo" if args.command == "demo" else args.profile
    if profile is None:
        existing = list_profiles(root)
        profile = existing[0] if len(existing) == 1 else None
    if profile is not None and paths.profile_dir(root, profile).is_dir():
        unlock(root, profile, args)


def run(root: Path, args: argparse.Namespace) -> int:
    if args.command == "clinic":
        return _clinic_setup(args)
    if args.profile_command in ("protect", "unprotect"):
        from desktop import profile_protection_command

        return profile_protection_command.run(root, args)
    return {"list": _list, "create": _create, "rename": _rename, "delete": _delete}[args.profile_command](root, args)


def _list(root: Path, _args: argparse.Namespace) -> int:
    from desktop.security.profile_lock import ProfileLock
    from desktop.store.profiles import list_profiles

    names = list_profiles(root)
    if not names:
        print(f"No profiles yet in {paths.profiles_dir(root)}.")
    for name in names:
        kind = ProfileLock(paths.profile_dir(root, name)).kind
        print(f"{name}\t{kind or 'none'}")  # the protection: pin, passphrase or none
    return 0


def _create(root: Path, args: argparse.Namespace) -> int:
    from desktop.security.profile_lock import PASSPHRASE, PIN, check_new_secret
    from desktop.store.profile_admin import create_profile

    secret = read_secret_file(args.passphrase_file) if getattr(args, "passphrase_file", None) else None
    kind = PIN if secret is not None and secret.isdigit() else PASSPHRASE
    if secret is not None:
        check_new_secret(secret, kind)  # before anything is made
    create_profile(root, args.name, secret, kind if secret is not None else None)
    protection = {PIN: ", protected by a PIN.", PASSPHRASE: ", protected and encrypted by a passphrase."}
    print(f"Made profile {args.name!r}" + (protection[kind] if secret is not None else "."))
    return 0


@contextmanager
def closed_in_the_app(root: Path, name: str) -> Iterator[None]:
    """Hold the profile's app lock; refuse when SupportBack has the profile open right now."""
    from desktop.ui.single_instance import SingleInstance  # QtCore only: QLockFile, as the app uses

    instance = SingleInstance(paths.profile_dir(root, name))
    if not instance.acquire(listen=False):
        from desktop.cli import CommandFailed

        raise CommandFailed(f"Profile {name!r} is open in SupportBack right now: close or lock it there "
                           "first; nothing was changed.")
    try:
        yield
    finally:
        instance.release()


def _rename(root: Path, args: argparse.Namespace) -> int:
    from desktop.store.profile_admin import rename_profile
    from desktop.store.profiles import ProfileError, list_profiles

    if args.name not in list_profiles(root):
        raise ProfileError(f"There is no profile called {args.name!r}.")
    with closed_in_the_app(root, args.name):
        unlock(root, args.name, args)
        rename_profile(root, args.name, args.new_name)
    print(f"Profile {args.name!r} is now called {args.new_name!r}.")
    return 0


def _delete(root: Path, args: argparse.Namespace) -> int:
    from desktop.store.profile_admin import delete_profile
    from desktop.store.profiles import ProfileError, list_profiles

    if args.name not in list_profiles(root):
        raise ProfileError(f"There is no profile called {args.name!r}.")
    with closed_in_the_app(root, args.name):
        unlock(root, args.name, args)
        if not args.yes:
            if not sys.stdin.isatty():
                raise SecretNeeded("Deleting a profile cannot be undone: add --yes to confirm from a script.")
            typed = input(f"This removes {args.name!r}, its whole diary and its backups for good.\n"
                          f"Type the profile name to confirm: ")
            if typed.strip() != args.name:
                print("Nothing was deleted.")
                return 1
        delete_profile(root, args.name)
    print(f"Deleted profile {args.name!r} with its diary and backups.")
    return 0


def _clinic_setup(args: argparse.Namespace) -> int:
    from desktop.security.clinic_config import config_path, write_clinic_config
    from desktop.security.profile_lock import PIN, check_new_secret

    if args.admin_pin_file is not None:
        pin = read_secret_file(args.admin_pin_file)
    elif sys.stdin.isatty():
        import getpass

        pin = getpass.getpass("New clinic admin PIN: ")
        if getpass.getpass("The same PIN again: ") != pin:
            raise SecretNeeded("The two PINs differ; nothing was written.")
    else:
        raise SecretNeeded("Give the admin PIN with --admin-pin-file F (or run this on a terminal).")
    check_new_secret(pin, PIN)
    if not 0 <= args.lock_minutes <= 1440:
        raise SecretNeeded("--lock-minutes must be from 0 to 1440.")
    target = args.config or config_path()
    write_clinic_config(target, args.name, pin, args.recipient, kiosk=not args.no_kiosk,
                        lock_timeout_minutes=args.lock_minutes, export_folder=args.export_folder,
                        picker_names=args.picker_names)
    print(f"Wrote the clinic configuration to {target}. Kiosk mode is {'off' if args.no_kiosk else 'on'}.")
    print("Remember: a real kiosk also needs the system's own lock-down (Windows Assigned Access, "
          "a Linux kiosk session).")
    return 0
