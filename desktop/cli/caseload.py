"""``supportback clinic caseload FOLDER``: every patient in a folder of exports, by need.

Prints a plain table (or ``--json`` rows for scripts); ``--window`` opens the sortable caseload
window instead. The clinic's call notes (follow-up dates) are opened when the clinic passphrase
is given (``--notes-passphrase-file`` or typed on a terminal); without it the list says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from desktop.cli.errors import EXIT_OK
from desktop.content.loader import text


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
            from desktop.ui.caseload_window import show_caseload_window

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


HEADINGS = [text(f"caseload_column_{key}") for key in
            ("patient", "needs", "exported", "diary", "week", "rmdq", "call", "follow_up", "flags")]


def need_words(needs: tuple[str, ...], row, today: dt.date) -> str:
    from desktop.domain.caseload_order import NO_DIARY, SAFETY, quiet_days

    words = []
    for need in needs:
        if need == SAFETY and row.safety_level:
            from desktop.exchange.clinic_data import outcome_name

            words.append(text("caseload_need_safety_level", level=outcome_name(row.safety_level)))
        elif need == NO_DIARY:
            words.append(text("caseload_need_no_diary", days=quiet_days(row.standing(), today)))
        else:
            words.append(text(f"caseload_need_{need}"))
    return "; ".join(words)


def row_cells(row, needs, follow_up, today: dt.date) -> list[str]:
    def day(value) -> str:
        return value.isoformat() if value else "-"

    week = f"{row.programme_week} ({row.sessions_done} sessions)" if row.programme_week else "not started"
    rmdq = f"{'-' if row.rmdq_start is None else row.rmdq_start} / {'-' if row.rmdq_now is None else row.rmdq_now}"
    call = day(row.call_request.requested_on) if row.call_request else "no"
    return [row.who, need_words(needs, row, today), row.exported_at, day(row.last_diary_day), week, rmdq, call,
            day(follow_up.next_follow_up if follow_up else None), "; ".join(row.flags) or "-"]


def row_json(row, needs, follow_up, today: dt.date) -> dict:
    return {"participant_id": row.participant_id, "code": row.study_code, "needs": list(needs),
            "file": row.path.name, "sequence": row.sequence, "exported_at": row.exported_at,
            "last_diary_day": row.last_diary_day.isoformat() if row.last_diary_day else None,
            "programme_week": row.programme_week, "sessions_done": row.sessions_done,
            "paused_for_safety": row.paused_for_safety, "flags": list(row.flags),
            "rmdq_start": row.rmdq_start, "rmdq_now": row.rmdq_now,
            "call_requested_on": row.call_request.requested_on.isoformat() if row.call_request else None,
            "call_reason": row.call_request.reason if row.call_request else None,
            "last_call": follow_up.last_call.isoformat() if follow_up else None,
            "follow_up": follow_up.next_follow_up.isoformat() if follow_up and follow_up.next_follow_up else None}


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
