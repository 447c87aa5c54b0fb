"""The command-line words for profiles and the clinic (``profile ...``, ``clinic setup``).

Only the parser lives here, so the app's start-up compiles little; the work is done in
``profiles``, ``protection`` and ``clinic``, imported when one of these commands runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_commands(commands, sub: argparse.ArgumentParser, clinic_actions) -> None:
    """`profile ...`, and `setup` added to the existing `clinic` actions."""
    profile = commands.add_parser("profile", parents=[sub],
                                  help="list, create, rename, delete, protect or unprotect profiles")
    actions = profile.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[sub], help="the profiles here, and which have a PIN or passphrase")
    create = actions.add_parser("create", parents=[sub],
                                help="a new profile (with --passphrase-file F: protected by its PIN or passphrase)")
    create.add_argument("name", metavar="NAME")
    rename = actions.add_parser("rename", parents=[sub], help="give a profile a new name")
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new_name", metavar="NEW_NAME")
    delete = actions.add_parser("delete", parents=[sub],
                                help="remove a profile with its diary and backups (cannot be undone)")
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation (for scripts)")
    _add_protection_commands(actions, sub)

    setup = clinic_actions.add_parser("setup", parents=[sub],
                                      help="set up this PC for a clinic: write the configuration file (kiosk mode)")
    setup.add_argument("--name", required=True, help="the clinic's name, shown on the profile picker")
    setup.add_argument("--recipient", action="append", default=[], help="where clinic exports go (repeatable)")
    setup.add_argument("--admin-pin-file", type=Path, metavar="F",
                       help="read the admin PIN from this file (otherwise asked on the terminal)")
    setup.add_argument("--lock-minutes", type=int, default=5, help="lock after this many idle minutes (default 5)")
    setup.add_argument("--no-kiosk", action="store_true", help="write the file with kiosk mode off")
    setup.add_argument("--export-folder", default="", metavar="DIR",
                       help="kiosk mode: the folder where patients' locked exports for the clinic are saved")
    setup.add_argument("--picker-names", choices=("chosen", "initials"), default="chosen",
                       help="what the profile picker shows: the name each patient chose (default), or initials only")
    setup.add_argument("--config", type=Path, metavar="PATH", help="where to write it (default: the site folder)")


def _add_protection_commands(actions, sub: argparse.ArgumentParser) -> None:
    """`profile protect` and `profile unprotect` (protection.py).

    No abbreviated options here: `--pin 1234` must be a usage error, not `--pin-file 1234`.
    """
    protect = actions.add_parser(
        "protect", parents=[sub], allow_abbrev=False,
        help="give a profile a PIN, or a passphrase that also encrypts its files, or change one "
             "(the current one with --passphrase-file F)")
    protect.add_argument("name", metavar="NAME")
    new = protect.add_mutually_exclusive_group(required=True)
    new.add_argument("--pin-file", type=Path, metavar="F", help="the new PIN (digits) is the first line of F")
    new.add_argument("--new-passphrase-file", type=Path, metavar="F",
                     help="the new passphrase (10 characters or more) is the first line of F; "
                          "it also encrypts the diary and its backups")
    new.add_argument("--ask-pin", action="store_true", help="ask for the new PIN on the terminal (hidden)")
    new.add_argument("--ask-passphrase", action="store_true",
                     help="ask for the new passphrase on the terminal (hidden)")
    unprotect = actions.add_parser(
        "unprotect", parents=[sub], allow_abbrev=False,
        help="take away a profile's PIN or passphrase (the current one with --passphrase-file F); "
             "its files become plain SQLite again")
    unprotect.add_argument("name", metavar="NAME")
