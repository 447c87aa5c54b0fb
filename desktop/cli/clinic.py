"""``supportback clinic keygen | open | setup``: the clinic's keys, reading one export, a kiosk PC."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.cli.errors import EXIT_FAILED, EXIT_OK, SecretNeeded
from desktop.cli.unlocking import read_secret_file


def run(args: argparse.Namespace, root: Path | None = None) -> int:
    if args.clinic_command == "open":
        return _open(args, root)
    if args.clinic_command == "caseload":
        return _caseload(args, root)
    action = {"keygen": _keygen, "fhir": _fhir, "setup": _setup}[args.clinic_command]
    return action(args)


def _caseload(args: argparse.Namespace, root: Path | None) -> int:
    """`clinic caseload FOLDER`: one row per patient, by need (desktop/cli/caseload.py)."""
    from desktop.cli import caseload
    from desktop.paths import data_root

    return caseload.run(args, root if root is not None else data_root(None))


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


def _decrypt(args: argparse.Namespace) -> bytes:
    from desktop.exchange.age_files import AgeFileError, BoundedDecryptor, read_identity

    with BoundedDecryptor(read_identity(args.identity)) as decryptor:
        try:
            return decryptor.decrypt(args.file)
        except AgeFileError as exc:
            raise AgeFileError(f"{args.file} could not be opened: {exc}") from None


def _open(args: argparse.Namespace, root: Path | None = None) -> int:
    """`clinic open FILE`: the summary as text; --fhir, --pdf, --charts and --window add to it."""
    from desktop.exchange.clinic_summary import summary_text
    from desktop.exchange.export_reader import read_export

    export = read_export(_decrypt(args))
    print(summary_text(export))
    if not (args.window or args.charts or args.pdf or args.fhir):
        return EXIT_OK
    from desktop.exchange.clinic_data import clinic_report

    report = clinic_report(export)
    if args.fhir:
        _write_fhir(report, args.fhir)

    def charts_written(written: list[Path]) -> None:
        if written:
            print(f"Wrote {len(written)} chart(s) to {args.charts}: {', '.join(p.name for p in written)}")
        else:
            print(f"No charts written: the diary has {len(report.entries)} day(s) and no Roland-Morris score yet "
                  f"(charts start at {report.charts_from_days} days).")

    if not args.window:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # drawn in memory: no display needed, nothing appears
        os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # nor the offscreen platform's notes
    if args.pdf:
        from desktop.domain.clock import clock_from_environment
        from desktop.ui.clinician.summary_pdf import write_report_pdf

        write_report_pdf(report, args.pdf, clock_from_environment().today())
        print(f"Wrote the appointment summary PDF to {args.pdf} (the clinic's call notes are not in it from the "
              "command line: save it from the clinician window to include them)")
    if args.window:
        from desktop.paths import clinic_dir
        from desktop.ui.clinician.clinic_view import show_clinic_window

        notes = clinic_dir(root) if root is not None else None  # the clinic's call notes live beside it
        return show_clinic_window(args.file.name, report, args.charts, charts_written, notes)
    if args.charts:
        from desktop.ui.clinician.clinic_view import write_chart_pngs

        charts_written(write_chart_pngs(report, args.charts))
    return EXIT_OK


def _fhir(args: argparse.Namespace) -> int:
    """`clinic fhir EXPORT --identity ID --out FILE.json`: the export as a FHIR R4 Bundle."""
    from desktop.exchange.clinic_data import clinic_report
    from desktop.exchange.export_reader import read_export

    _write_fhir(clinic_report(read_export(_decrypt(args))), args.out)
    return EXIT_OK


def _write_fhir(report, target: Path) -> None:
    import json

    from desktop.exchange.fhir_bundle import fhir_bundle
    from desktop.exchange.files import write_text_atomically

    bundle = fhir_bundle(report)
    write_text_atomically(target, json.dumps(bundle, indent=1, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for entry in bundle["entry"]:
        kinds[entry["resource"]["resourceType"]] = kinds.get(entry["resource"]["resourceType"], 0) + 1
    print(f"Wrote a FHIR R4 Bundle ({', '.join(f'{n} {kind}' for kind, n in kinds.items())}) to {target}")


def _setup(args: argparse.Namespace) -> int:
    from desktop.security.clinic_config import config_path, write_clinic_config
    from desktop.security.profile_lock import PIN, check_new_secret

    if args.admin_pin_file is not None:
        pin = read_secret_file(args.admin_pin_file)
    elif sys.stdin.isatty():
        import getpass

        pin = getpass.getpass("New clinic admin PIN: ")
        if getpass.getpass("The same PIN again: ") != pin:
            raise SecretNeeded("The two PINs differ; nothing was written.")
    else:
        raise SecretNeeded("Give the admin PIN with --admin-pin-file F (or run this on a terminal).")
    check_new_secret(pin, PIN)
    if not 0 <= args.lock_minutes <= 1440:
        raise SecretNeeded("--lock-minutes must be from 0 to 1440.")
    target = args.config or config_path()
    write_clinic_config(target, args.name, pin, args.recipient, kiosk=not args.no_kiosk,
                        lock_timeout_minutes=args.lock_minutes, export_folder=args.export_folder,
                        picker_names=args.picker_names)
    print(f"Wrote the clinic configuration to {target}. Kiosk mode is {'off' if args.no_kiosk else 'on'}.")
    print("Remember: a real kiosk also needs the system's own lock-down (Windows Assigned Access, "
          "a Linux kiosk session).")
    return 0
