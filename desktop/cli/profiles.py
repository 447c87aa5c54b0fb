"""``supportback profile list | create | rename | delete`` (``protect`` and ``unprotect``: protection.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import paths
from desktop.cli.errors import SecretNeeded
from desktop.cli.unlocking import closed_in_the_app, read_secret_file, unlock


def run(root: Path, args: argparse.Namespace) -> int:
    if args.profile_command in ("protect", "unprotect"):
        from desktop.cli import protection

        return protection.run(root, args)
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
