"""``supportback export``: an encrypted export of the profile for a clinic or study (age format)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.errors import EXIT_OK


def run_export(root: Path, args: argparse.Namespace) -> int:
    from desktop.exchange.age_files import read_recipients_file
    from desktop.exchange.export_file import export_profile
    from desktop.store.database import open_database
    from desktop.store.profiles import resolve_profile

    recipients = read_recipients_file(args.recipients_file) if args.recipients_file else args.recipient
    profile = resolve_profile(root, args.profile)
    database = open_database(root, profile)
    if args.to_folder is not None:
        return _export_to_folder(database, profile, recipients, args.to_folder)
    try:
        result = export_profile(database, recipients, args.out)
    finally:
        database.close()
    print(f"Wrote export #{result.sequence} of profile {profile!r} ({result.diary_days} diary days), encrypted "
          f"for {len(result.recipients)} clinic key(s), to {result.path}")
    print("For a study's enrolment list: participant_id,device_key_id = "
          f"{result.participant_id},{result.device_key_id}")
    return EXIT_OK


def _export_to_folder(database, profile: str, recipients: list[str] | None, folder: Path) -> int:
    """One export into a folder that syncs to the clinic, as the app's "Keep my clinic up to date" writes them."""
    from desktop.exchange.folder_export import export_to_folder
    from desktop.store.usage_service import UsageService

    try:
        result, removed = export_to_folder(database, folder, recipients)
        UsageService(database).record("folder_export", reason="command_line", sequence=result.sequence,
                                      removed=len(removed), kiosk=False)
    finally:
        database.close()
    print(f"Wrote export #{result.sequence} of profile {profile!r} ({result.diary_days} diary days), encrypted "
          f"for {len(result.recipients)} clinic key(s), to {result.path}"
          + (f"; removed {len(removed)} older file(s) of this profile" if removed else ""))
    return EXIT_OK
