"""The exchange subcommands: export, clinic keygen / open, research collect."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED = 0, 1


def run(root: Path, args: argparse.Namespace) -> int:
    if args.command == "export":
        return _export(root, args)
    if args.command == "clinic":
        return _keygen(args) if args.clinic_command == "keygen" else _open(args)
    return _collect(args)


def _export(root: Path, args: argparse.Namespace) -> int:
    from desktop.exchange.age_files import read_recipients_file
    from desktop.exchange.export_file import export_profile
    from desktop.store.database import open_database
    from desktop.store.profiles import resolve_profile

    recipients = read_recipients_file(args.recipients_file) if args.recipients_file else args.recipient
    profile = resolve_profile(root, args.profile)
    database = open_database(root, profile)
    try:
        result = export_profile(database, recipients, args.out)
    finally:
        database.close()
    print(f"Wrote export #{result.sequence} of profile {profile!r} ({result.diary_days} diary days), encrypted "
          f"for {len(result.recipients)} clinic key(s), to {result.path}")
    print(f"For a study's enrolment list: participant_id,device_key_id = {result.participant_id},{result.device_key_id}")
    return EXIT_OK


def _keygen(args: argparse.Namespace) -> int:
    from desktop.exchange.age_files import generate_identity, identity_file_text, write_file_atomically

    target: Path = args.out.expanduser()
    if target.exists():
        print(f"supportback: {target} already exists; it was left as it is (a clinic key is never overwritten).",
              file=sys.stderr)
        return EXIT_FAILED
    secret, recipient = generate_identity()
    write_file_atomically(target, identity_file_text(secret, recipient).encode("ascii"), 0o600, overwrite=False)
    print(recipient)
    print(f"Secret key written to {target} (readable only by you). Give patients the public key above.",
          file=sys.stderr)
    return EXIT_OK


def _open(args: argparse.Namespace) -> int:
    from desktop.exchange.age_files import AgeFileError, BoundedDecryptor, read_identity
    from desktop.exchange.clinic_summary import summary_text
    from desktop.exchange.export_reader import read_export

    secret = read_identity(args.identity)
    with BoundedDecryptor(secret) as decryptor:
        try:
            plaintext = decryptor.decrypt(args.file)
        except AgeFileError as exc:
            raise AgeFileError(f"{args.file} could not be opened: {exc}") from None
    export = read_export(plaintext)
    print(summary_text(export))
    if not (args.window or args.charts):
        return EXIT_OK
    from desktop.exchange.clinic_data import clinic_report

    report = clinic_report(export)

    def charts_written(written: list[Path]) -> None:
        if written:
            print(f"Wrote {len(written)} chart(s) to {args.charts}: {', '.join(p.name for p in written)}")
        else:
            print(f"No charts written: the diary has {len(report.entries)} day(s) and no Roland-Morris score yet "
                  f"(charts start at {report.charts_from_days} days).")

    if args.window:
        from desktop.ui.clinic_view import show_clinic_window

        return show_clinic_window(args.file.name, report, args.charts, charts_written)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # drawn in memory: no display needed, nothing appears
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # nor the offscreen platform's notes
    from desktop.ui.clinic_view import write_chart_pngs

    charts_written(write_chart_pngs(report, args.charts))
    return EXIT_OK


def _collect(args: argparse.Namespace) -> int:
    from desktop.exchange.age_files import read_identity
    from desktop.exchange.collect import REPORT, collect, read_enrolment, require_extra

    require_extra()  # (one line saying how to install it, before any file is touched)
    secret = read_identity(args.identity)
    enrolment = read_enrolment(args.enrolment) if args.enrolment else None
    show = sys.stderr.isatty()

    def progress(done: int, total: int, counts: dict) -> None:
        if show and (done == total or done % 10 == 0):
            width = 30
            bar = "#" * (width * done // max(total, 1))
            print(f"\r[{bar:<{width}}] {done}/{total} files, {counts['rejected']} rejected", end="",
                  file=sys.stderr, flush=True)
            if done == total:
                print(file=sys.stderr)

    parquet = not args.no_parquet
    formats = "CSV and Parquet" if parquet else "CSV"

    def writing_tables() -> None:
        if show:
            print(f"writing the tables ({formats})...", file=sys.stderr, flush=True)

    report = collect(args.inputs, args.out, secret, progress, enrolment=enrolment, parquet=parquet,
                     writing_tables=writing_tables)
    for item in report["files"]:
        if item["status"] == "rejected":
            print(f"rejected: {item['file']}: {item['reason']}", file=sys.stderr)
    print(f"{report['accepted']} accepted, {report['duplicate']} duplicate, {report['rejected']} rejected; "
          f"tables ({formats}) and {REPORT} in {os.fspath(args.out)}")
    return EXIT_FAILED if report["rejected"] else EXIT_OK
