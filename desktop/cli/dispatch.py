"""Parse the command line and hand it to the module of its command group.

Every command module is imported only when its command runs. A failure the user can act on
is said in one line on stderr with exit code 1 (errors.py); a bug still shows its traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from desktop import paths
from desktop.cli.errors import EXIT_FAILED, EXIT_USAGE, CommandFailed, is_expected, outcome
from desktop.cli.parser import build_parser


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    from desktop.security import private_files

    private_files.use_private_umask()  # diaries and keys are for their owner only, whatever the umask
    args = build_parser().parse_args(argv)
    if args.today:
        from desktop.domain.clock import TODAY_ENV

        os.environ[TODAY_ENV] = args.today  # every clock in this process reads it
    try:
        root = paths.data_root(args.data_dir)
        private_files.tighten(root)  # folders and files an older version made readable by others
        return _run(root, args, started)
    except KeyboardInterrupt:
        print("supportback: stopped.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # one-line reason for every known failure; anything else is re-raised
        from desktop.store.disk_errors import disk_problem, user_message

        if not (disk_problem(exc) or is_expected(exc)):
            raise
        message = str(exc) if isinstance(exc, CommandFailed) else user_message(exc, outcome(args))
        print(f"supportback: {message}", file=sys.stderr)
        return EXIT_FAILED


def _run(root: Path, args: argparse.Namespace, started: float) -> int:
    command = args.command
    if command == "remind":  # never asks for a PIN or passphrase: it opens no protected diary
        from desktop.cli.remind import run_remind

        return run_remind(root, args.profile)
    if command is None:
        return _open_app(root, args, started)
    from desktop.cli.unlocking import unlock_if_needed

    unlock_if_needed(root, args)  # a protected profile needs its PIN or passphrase
    if command == "profile":
        from desktop.cli import profiles

        return profiles.run(root, args)
    if command == "clinic":
        from desktop.cli import clinic

        return clinic.run(args, root)
    if command == "activity":
        from desktop.cli.activity import run_activity

        return run_activity(root, args)
    if command == "demo":
        from desktop.cli.diary import run_demo

        return run_demo(root, args)
    if command == "diary":
        from desktop.cli import diary

        return diary.run(root, args)
    if command == "export":
        from desktop.cli.export import run_export

        return run_export(root, args)
    if command == "research":
        from desktop.cli.research import run_collect

        return run_collect(args)
    if command == "doctor":
        from desktop.cli.doctor import run_doctor

        return run_doctor(root, args.profile)
    if command == "insights":
        from desktop.cli.insights import run_insights

        return run_insights(root, args.profile, args.activity, args.lag, args.json, args.source)
    return EXIT_USAGE


def _open_app(root: Path, args: argparse.Namespace, started: float) -> int:
    from desktop.store.profiles import list_profiles, resolve_profile

    profile = args.profile
    if profile is None and (args.smoke_test or (len(list_profiles(root)) <= 1 and not args.kiosk)):
        profile = resolve_profile(root, None)
    if args.smoke_test and args.passphrase_file is not None and profile is not None:
        from desktop.cli.unlocking import unlock

        # The smoke test opens the profile without the on-screen gate: check its PIN or passphrase
        # here (with the usual waits after wrong tries), which also keys a passphrase profile's files.
        unlock(root, profile, args)
    from desktop.ui.app.app import run_app

    return run_app(root, profile, smoke_test=args.smoke_test, started=started, kiosk=bool(args.kiosk))
