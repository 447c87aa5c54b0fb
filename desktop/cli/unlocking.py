"""Unlocking a protected profile for a command, and holding it closed in the app meanwhile.

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
from desktop.cli.errors import CommandFailed, SecretNeeded
from desktop.cli.services import DEMO_PROFILE


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
    profile = DEMO_PROFILE if args.command == "demo" else args.profile
    if profile is None:
        existing = list_profiles(root)
        profile = existing[0] if len(existing) == 1 else None
    if profile is not None and paths.profile_dir(root, profile).is_dir():
        unlock(root, profile, args)


@contextmanager
def closed_in_the_app(root: Path, name: str) -> Iterator[None]:
    """Hold the profile's app lock (the one the app takes); refuse when SupportBack has it open."""
    from desktop.security.app_lock import AppLock

    lock = AppLock(paths.profile_dir(root, name))
    if not lock.acquire():
        raise CommandFailed(f"Profile {name!r} is open in SupportBack right now: close or lock it there "
                            "first; nothing was changed.")
    try:
        yield
    finally:
        lock.release()
