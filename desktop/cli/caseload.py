"""``supportback clinic caseload FOLDER``: every patient in a folder of exports, by need.

Prints a plain table (or ``--json`` rows for scripts); ``--window`` opens the sortable caseload
window instead. The clinic's call notes (follow-up dates) are opened when the clinic passphrase
is given (``--notes-passphrase-file`` or typed on a terminal); without it the list says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.cli.errors import EXIT_OK
from desktop.content.loader import text
from desktop.exchange.caseload_text import HEADINGS, row_cells, row_json


def run(args: argparse.Namespace, root: Path) -> int:
    from desktop.domain.clock import clock_from_environment
    from desktop.exchange.age_files import BoundedDecryptor, read_identity
    from desktop.exchange.caseload import CaseloadReader
    from desktop.paths import clinic_dir

    today = clock_from_environment().today()
    notes, notes_line = _open_notes(args, clinic_dir(root))
    # The decrypting child starts (forks) here, before any window or thread exists.
    with BoundedDecryptor(read_identity(args.identity)) as identity:
        reader = CaseloadReader(args.folder, identity)
        caseload = reader.read(today)
        if args.window:
            from desktop.ui.clinician.caseload_window import show_caseload_window

            return show_caseload_window(reader, caseload, clinic_dir(root), notes)
    follow_ups = notes.follow_ups() if notes is not None else {}
    ordered = caseload.ordered(follow_ups, today)
    if args.json:
        print(json.dumps({"today": today.isoformat(), "notes_opened": notes is not None,
                          "patients": [row_json(row, needs, follow_ups.get(row.participant_id), today)
                                       for row, needs in ordered],
                          "rejected": [{"file": r.path.name, "reason": r.reason} for r in caseload.rejected],
                          "set_aside": caseload.set_aside}, indent=1))
        return EXIT_OK
    print(text("caseload_counts", patients=len(caseload.patients), folder=args.folder,
               set_aside=caseload.set_aside, rejected=len(caseload.rejected)))
    print(notes_line)
    print()
    print(table([HEADINGS] + [row_cells(row, needs, follow_ups.get(row.participant_id), today)
                              for row, needs in ordered]))
    if caseload.rejected:
        print()
        print(text("caseload_rejected_heading"))
        for rejected in caseload.rejected:
            print("  " + text("caseload_rejected_line", name=rejected.path.name, reason=rejected.reason))
    return EXIT_OK


def _open_notes(args: argparse.Namespace, folder: Path):
    """(the open ClinicNotes or None, a line saying which)."""
    from desktop.cli.errors import SecretNeeded
    from desktop.cli.unlocking import read_secret_file
    from desktop.store.clinic_notes import NotesError, is_set_up, open_notes

    if not is_set_up(folder):
        return None, text("caseload_notes_none")
    if args.notes_passphrase_file is not None:
        secret = read_secret_file(args.notes_passphrase_file)
    elif sys.stdin.isatty() and not args.json:
        import getpass

        secret = getpass.getpass("Clinic notes passphrase (Enter to skip): ")
    else:
        secret = ""
    if not secret:
        return None, text("caseload_notes_not_opened")
    try:
        notes = open_notes(folder, secret)
    except NotesError as exc:
        raise SecretNeeded(str(exc)) from None
    return notes, text("caseload_notes_opened", count=len(notes.follow_ups()))


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
