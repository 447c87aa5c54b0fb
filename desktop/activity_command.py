"""``supportback activity import FILE``: daily steps from a phone's or wearable's export file.

Exit codes as every command: 0 imported (or nothing new), 1 not imported (one-line reason on
stderr; nothing was saved), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path


def add_activity_command(commands, sub: argparse.ArgumentParser) -> None:
    activity = commands.add_parser("activity", parents=[sub],
                                   help="import daily steps from a phone or watch (Apple Health, Google Fit, Fitbit, CSV)")
    actions = activity.add_subparsers(dest="activity_command", metavar="ACTION", required=True)
    imp = actions.add_parser("import", parents=[sub], help="add or correct days from an export file (all or nothing)")
    imp.add_argument("file", type=Path, metavar="FILE",
                     help="Apple Health export.zip or export.xml, a Google Takeout zip or its Fit/Fitbit files, "
                          "or a CSV file date,steps[,walking_minutes]")
    imp.add_argument("--time-zone", metavar="ZONE", type=_zone, default=None,
                     help="the patient's time zone, e.g. Europe/London, for files written in UTC (Fitbit); "
                          "default: this computer's")


def _zone(text: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"{text!r} is not a time zone name like Europe/London") from None


def run_activity(root: Path, args: argparse.Namespace) -> int:
    from desktop.cli import EXIT_OK, CommandFailed
    from desktop.domain.activity import ActivityFormatError
    from desktop.domain.clock import clock_from_environment
    from desktop.exchange.files import NotRegularFile
    from desktop.exchange.activity_import.detect import read_activity_file
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
