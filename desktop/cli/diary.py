"""``supportback demo`` and ``supportback diary import | export``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop.cli.errors import EXIT_OK
from desktop.cli.services import DEMO_PROFILE, open_services


def run(root: Path, args: argparse.Namespace) -> int:
    return _import(root, args) if args.diary_command == "import" else _export(root, args)


def run_demo(root: Path, args: argparse.Namespace) -> int:
    from desktop.content.programme import programme_content
    from desktop.domain.demo import demo_entries
    from desktop.store.programme_demo import simulate_programme
    from desktop.store.programme_service import ProgrammeService

    database, diary = open_services(root, DEMO_PROFILE)
    try:
        today = diary.clock.today()
        entries = demo_entries(args.days, args.seed, today, [e.key for e in diary.catalogue.exercises])
        diary.replace_all(entries)
        programme = ProgrammeService(database, programme_content(), diary.clock)
        programme.clear()
        sessions = simulate_programme(programme, entries, today - dt.timedelta(days=args.days - 1), today, args.seed)
        database.backup_now()
    finally:
        database.close()
    print(f'Profile "{DEMO_PROFILE}" now holds {len(entries)} made-up diary days '
          f"(over {args.days} days, seed {args.seed}) and {sessions} completed weekly session(s) in {database.path}")
    return EXIT_OK


def _import(root: Path, args: argparse.Namespace) -> int:
    from desktop.exchange.diary_csv import read_diary_csv
    from desktop.store.profiles import resolve_profile

    profile = resolve_profile(root, args.profile)
    database, diary = open_services(root, profile)
    try:
        entries = read_diary_csv(args.file, diary.catalogue, diary.clock.today())
        if diary.count():
            database.backup_now()  # a way back, whatever the file held

        def progress(done: int, total: int) -> None:
            if total >= 1000:
                print(f"Writing {done} of {total} days...", file=sys.stderr, flush=True)

        result = diary.import_entries(entries, progress)
    finally:
        database.close()
    print(f"Imported {len(entries)} days into profile {profile!r}: {result.added} new, "
          f"{result.updated} updated, {result.unchanged} unchanged.")
    return EXIT_OK


def _export(root: Path, args: argparse.Namespace) -> int:
    from desktop.exchange.diary_csv import format_diary_csv
    from desktop.exchange.files import write_text_atomically
    from desktop.store.profiles import resolve_profile

    profile = resolve_profile(root, args.profile)
    database, diary = open_services(root, profile)
    try:
        entries = diary.between()
        write_text_atomically(args.file, format_diary_csv(entries, diary.catalogue))
    finally:
        database.close()
    print(f"Exported {len(entries)} days from profile {profile!r} to {args.file}")
    return EXIT_OK
