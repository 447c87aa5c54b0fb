"""The ``supportback`` command: opens the app, or runs one of its subcommands.

Exit codes: 0 success, 1 the work failed (one-line reason on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import time
from pathlib import Path

from desktop import __version__, paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEMO_PROFILE = "Demo"


class CommandFailed(RuntimeError):
    """A failure whose message is already fit for the user."""


def _global_options(defaults: bool) -> argparse.ArgumentParser:
    # Defined on every (sub)parser so they work in any position; sub-parsers must not
    # overwrite a value given earlier, hence SUPPRESS there.
    parser = argparse.ArgumentParser(add_help=False)
    default = None if defaults else argparse.SUPPRESS
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help=f"where profiles are kept (default: ${paths.DATA_DIR_ENV} or your user data folder)")
    parser.add_argument("--profile", metavar="NAME", default=default, help="which profile to use")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=_date, default=default,
                        help="pretend today is this date (to walk through the weeks in a demo or a review)")
    parser.add_argument("--passphrase-file", metavar="F", type=Path, default=default,
                        help="read a protected profile's PIN or passphrase from the first line of F")
    parser.add_argument("--kiosk", action="store_true", default=default,
                        help="clinic kiosk mode: full screen, a PIN for every profile, the admin PIN to quit")
    return parser


def _date(text: str) -> str:
    from desktop.domain.dates import EARLIEST_DAY, DateRuleError, read_day

    try:
        day = read_day(text)
    except DateRuleError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-01") from None
    if day < EARLIEST_DAY:
        raise argparse.ArgumentTypeError(f"{text!r} is before {EARLIEST_DAY.isoformat()}") from None
    return day.isoformat()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="supportback",
        description="SupportBack Desktop: manage low back pain by being active. Works offline.",
        parents=[_global_options(True)],
    )
    parser.add_argument("--version", action="version", version=f"SupportBack Desktop {__version__}")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the main window, wait for it to paint, print timings and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub = _global_options(False)

    demo = commands.add_parser("demo", parents=[sub], help='make a profile named "Demo" with made-up diary data')
    demo.add_argument("--days", type=_positive_int, default=120, help="how many days of history (default 120)")
    demo.add_argument("--seed", type=int, default=1, help="random seed, for the same data every time")

    diary = commands.add_parser("diary", parents=[sub], help="import or export the diary as CSV")
    diary_commands = diary.add_subparsers(dest="diary_command", metavar="ACTION", required=True)
    imp = diary_commands.add_parser("import", parents=[sub], help="add days from a CSV file (all or nothing)")
    imp.add_argument("file", type=Path, metavar="FILE.csv")
    exp = diary_commands.add_parser("export", parents=[sub], help="write every diary day to a CSV file")
    exp.add_argument("file", type=Path, metavar="FILE.csv")

    commands.add_parser("doctor", parents=[sub], help="check data, backups and video playback, and say what is wrong")

    insights = commands.add_parser("insights", parents=[sub],
                                   help="how pain differs after active and less active days (what the Progress charts show)")
    insights.add_argument("--activity", choices=["walking", "exercises"], default="walking",
                          help="what counts as an active day (default walking)")
    insights.add_argument("--lag", type=int, choices=[0, 1], default=1,
                          help="compare pain on the same day (0) or the next day (1, the default)")
    insights.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    commands.add_parser("remind", parents=[sub],
                        help="show the daily diary reminder if it is due, then exit (the computer's scheduler runs it)")
    clinic_actions = _exchange_commands(commands, sub)
    from desktop.profile_command_line import add_commands as add_profile_commands

    add_profile_commands(commands, sub, clinic_actions)
    return parser


def _exchange_commands(commands, sub: argparse.ArgumentParser):
    """export, clinic keygen/open and research collect; returns the clinic actions (setup joins them)."""
    export = commands.add_parser("export", parents=[sub],
                                 help="write an encrypted export of the profile for a clinic or study (age format)")
    keys = export.add_mutually_exclusive_group()
    keys.add_argument("--recipient", action="append", metavar="age1...",
                      help="the clinic's public key (repeat for several); saved for next time")
    keys.add_argument("--recipients-file", type=Path, metavar="FILE", help="a file of age1... keys, one a line")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.age")

    clinic = commands.add_parser("clinic", parents=[sub],
                                 help="clinic keys, reading a patient's export, and setting up a clinic PC")
    clinic_commands = clinic.add_subparsers(dest="clinic_command", metavar="ACTION", required=True)
    keygen = clinic_commands.add_parser("keygen", parents=[sub], help="make a clinic key pair; prints the public key")
    keygen.add_argument("--out", type=Path, required=True, metavar="IDENTITY",
                        help="where to write the secret key (never overwritten)")
    opener = clinic_commands.add_parser("open", parents=[sub], help="read-only summary of a patient's export")
    opener.add_argument("file", type=Path, metavar="FILE.age")
    opener.add_argument("--identity", type=Path, required=True, metavar="IDENTITY")
    opener.add_argument("--window", action="store_true", help="also open the read-only clinician window with the charts")
    opener.add_argument("--charts", type=Path, metavar="DIR", help="also write the patient's charts as PNGs in DIR")

    research = commands.add_parser("research", parents=[sub], help="merge many exports into tables")
    research_commands = research.add_subparsers(dest="research_command", metavar="ACTION", required=True)
    gather = research_commands.add_parser("collect", parents=[sub],
                                          help="decrypt, verify and merge exports into CSV tables in DIR")
    gather.add_argument("--identity", type=Path, required=True, metavar="IDENTITY")
    gather.add_argument("--out", type=Path, required=True, metavar="DIR")
    gather.add_argument("--enrolment", type=Path, metavar="FILE.csv",
                        help="participant_id,device_key_id list: accept only these participants, signed by these keys")
    gather.add_argument("--no-parquet", action="store_true",
                        help="write CSV only (Parquet copies of the tables are written too by default)")
    gather.add_argument("inputs", type=Path, nargs="+", metavar="INPUT", help="export files or folders of *.age files")
    return clinic_commands


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 36500:
        raise argparse.ArgumentTypeError("must be between 1 and 36500")
    return value


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
        if args.command == "remind":  # never asks for a PIN or passphrase: it opens no protected diary
            from desktop.remind_command import run_remind

            return run_remind(root, args.profile)
        if args.command is not None:
            from desktop import profile_commands

            profile_commands.unlock_if_needed(root, args)  # a protected profile needs its PIN or passphrase
            if args.command == "profile" or (args.command == "clinic" and args.clinic_command == "setup"):
                return profile_commands.run(root, args)
        if args.command is None:
            return _open_app(root, args, started)
        if args.command == "demo":
            return _demo(root, args)
        if args.command == "diary":
            return _diary_import(root, args) if args.diary_command == "import" else _diary_export(root, args)
        if args.command in ("export", "clinic", "research"):
            from desktop import exchange_cli

            return exchange_cli.run(root, args)
        if args.command == "doctor":
            from desktop.doctor import run_doctor

            return run_doctor(root, args.profile)
        if args.command == "insights":
            from desktop.insights_command import run_insights

            return run_insights(root, args.profile, args.activity, args.lag, args.json)
    except KeyboardInterrupt:
        print("supportback: stopped.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - one-line reason for every known failure
        from desktop.store.disk_errors import disk_problem, user_message

        if not (disk_problem(exc) or _is_expected(exc)):
            raise
        message = str(exc) if isinstance(exc, CommandFailed) else user_message(exc, _outcome(args))
        print(f"supportback: {message}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_USAGE


# What did not happen when a command stops for want of disk space ("The disk is full: ...").
_OUTCOMES = {
    "diary import": "nothing was imported",
    "diary export": "the CSV file was not written",
    "export": "no export was written",
    "demo": "the demo profile may be incomplete; run demo again once there is room",
    "research collect": "the collection did not finish; free some space and run the same command again",
    "clinic keygen": "no key was written",
    "clinic open": "the charts were not all written",
    "clinic setup": "the clinic configuration was not written",
    "profile create": "the new profile may be incomplete",
}  # (profile protect and unprotect say themselves whether the old protection was kept: CommandFailed)


def _outcome(args: argparse.Namespace) -> str:
    command = args.command or "app"
    action = getattr(args, f"{command}_command", None)
    return _OUTCOMES.get(f"{command} {action}", _OUTCOMES.get(command, "it did not finish"))


def _is_expected(exc: Exception) -> bool:
    from desktop.content.loader import ContentError
    from desktop.domain.clock import ClockError
    from desktop.domain.diary import DiaryValidationError
    from desktop.exchange.age_files import AgeFileError
    from desktop.exchange.collect import EnrolmentError, ExtraMissing, LedgerError
    from desktop.exchange.diary_csv import CsvFormatError
    from desktop.exchange.export_reader import ExportRejected
    from desktop.exchange.folder_lock import FolderBusy
    from desktop.profile_commands import SecretNeeded
    from desktop.security.clinic_config import ClinicConfigError
    from desktop.security.profile_lock import SecretRejected
    from desktop.store.database import DatabaseCorrupt
    from desktop.store.encryption import EncryptionError
    from desktop.store.profiles import ProfileError
    from desktop.store.schema import DatabaseTooNew

    if type(exc).__module__.startswith("sqlalchemy"):
        from sqlalchemy.exc import OperationalError  # (locked, read-only...: its message without SQL)

        return isinstance(exc, OperationalError)
    expected = (CommandFailed, ContentError, DiaryValidationError, CsvFormatError, DatabaseCorrupt,
                ProfileError, DatabaseTooNew, OSError, sqlite3.DatabaseError, ClockError, AgeFileError,
                ExportRejected, EnrolmentError, LedgerError, ExtraMissing, SecretNeeded, SecretRejected,
                ClinicConfigError, EncryptionError, FolderBusy)
    return isinstance(exc, expected)


def _open_app(root: Path, args: argparse.Namespace, started: float) -> int:
    from desktop.store.profiles import list_profiles, resolve_profile

    profile = args.profile
    if profile is None and (args.smoke_test or (len(list_profiles(root)) <= 1 and not args.kiosk)):
        profile = resolve_profile(root, None)
    if args.smoke_test and args.passphrase_file is not None and profile is not None:
        from desktop.profile_commands import unlock

        # The smoke test opens the profile without the on-screen gate: check its PIN or passphrase
        # here (with the usual waits after wrong tries), which also keys a passphrase profile's files.
        unlock(root, profile, args)
    from desktop.ui.app import run_app

    return run_app(root, profile, smoke_test=args.smoke_test, started=started, kiosk=bool(args.kiosk))


def _services(root: Path, profile: str):
    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import clock_from_environment
    from desktop.store.database import open_database
    from desktop.store.diary_service import DiaryService

    database = open_database(root, profile)
    return database, DiaryService(database, exercise_catalogue(), clock_from_environment())


def _demo(root: Path, args: argparse.Namespace) -> int:
    from desktop.content.programme import programme_content
    from desktop.domain.demo import demo_entries
    from desktop.store.programme_demo import simulate_programme
    from desktop.store.programme_service import ProgrammeService

    database, diary = _services(root, DEMO_PROFILE)
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


def _diary_import(root: Path, args: argparse.Namespace) -> int:
    from desktop.exchange.diary_csv import read_diary_csv
    from desktop.store.profiles import resolve_profile

    profile = resolve_profile(root, args.profile)
    database, diary = _services(root, profile)
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


def _diary_export(root: Path, args: argparse.Namespace) -> int:
    from desktop.exchange.diary_csv import format_diary_csv
    from desktop.exchange.files import write_text_atomically
    from desktop.store.profiles import resolve_profile

    profile = resolve_profile(root, args.profile)
    database, diary = _services(root, profile)
    try:
        entries = diary.between()
        write_text_atomically(args.file, format_diary_csv(entries, diary.catalogue))
    finally:
        database.close()
    print(f"Exported {len(entries)} days from profile {profile!r} to {args.file}")
    return EXIT_OK
