"""The command-line words for profiles and the clinic (``profile ...``, ``clinic setup``).

Only the parser lives here, so the app's start-up compiles little; the work is done in
profile_commands.py, imported when one of these commands runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_commands(commands, sub: argparse.ArgumentParser, clinic_actions) -> None:
    """`profile ...`, and `setup` added to the existing `clinic` actions."""
    profile = commands.add_parser("profile", parents=[sub], help="list, create, rename or delete profiles")
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
    setup.add_argument("--config", type=Path, metavar="PATH", help="where to write it (default: the site folder)")
