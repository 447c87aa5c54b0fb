"""``supportback activity import FILE``: daily steps from a phone's or wearable's export file.

Exit codes as every command: 0 imported (or nothing new), 1 not imported (one-line reason on
stderr; nothing was saved), 2 usage error.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def run_activity(root: Path, args: argparse.Namespace) -> int:
    from desktop.cli.errors import EXIT_OK, CommandFailed
    from desktop.domain.activity import ActivityFormatError
    from desktop.domain.clock import clock_from_environment
    from desktop.exchange.activity_import.detect import read_activity_file
    from desktop.exchange.files import NotRegularFile
    from desktop.store.activity_service import ActivityService
    from desktop.store.database import open_database
    from desktop.store.profiles import resolve_profile

    profile = resolve_profile(root, args.profile)
    clock = clock_from_environment()
    try:  # the whole file is read and checked before the diary is opened
        imported = read_activity_file(args.file, clock.today(), args.time_zone)
    except (ActivityFormatError, NotRegularFile, FileNotFoundError, PermissionError) as exc:
        reason = str(exc) if isinstance(exc, ActivityFormatError | NotRegularFile) else exc.strerror or str(exc)
        reason = reason if reason.endswith(".") else reason + "."
        raise CommandFailed(f"{args.file.name}: {reason} Nothing was imported.") from None
    database = open_database(root, profile)
    try:
        activity = ActivityService(database, clock)
        if activity.between():
            database.backup_now()  # a way back, whatever the file held
        result = activity.save(imported)
    finally:
        database.close()
    print(f"Imported {result.days} days of steps from {result.format_name} "
          f"({result.first.isoformat()} to {result.last.isoformat()}) into profile {profile!r}: "
          f"{result.added} new, {result.updated} corrected, {result.unchanged} unchanged.")
    return EXIT_OK
