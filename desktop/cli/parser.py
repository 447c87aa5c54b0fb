"""The words of the ``supportback`` command: global options, commands and their arguments.

Only the parser lives here (and in ``parser_profiles``), so opening the app compiles little;
``dispatch`` hands the parsed words to the module of their command group.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from desktop import __version__, paths
from desktop.cli.parser_profiles import add_commands as add_profile_commands


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
                                   help="how pain differs after active and less active days "
                                        "(what the Progress charts show)")
    insights.add_argument("--activity", choices=["walking", "exercises"], default="walking",
                          help="what counts as an active day (default walking)")
    insights.add_argument("--lag", type=int, choices=[0, 1], default=1,
                          help="compare pain on the same day (0) or the next day (1, the default)")
    insights.add_argument("--source", choices=["diary", "measured"], default="diary",
                          help="walking from the diary's answers (default) or from steps imported from a phone "
                               "or watch (measured)")
    insights.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    commands.add_parser("remind", parents=[sub],
                        help="show the daily diary reminder if it is due, then exit (the computer's scheduler runs it)")
    clinic_actions = _exchange_commands(commands, sub)
    add_activity_command(commands, sub)
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
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="FILE.age")
    where.add_argument("--to-folder", type=Path, metavar="DIR",
                       help="a folder that syncs to the clinic: named by participant and sequence, older ones pruned")

    clinic = commands.add_parser("clinic", parents=[sub],
                                 help="clinic keys, reading a patient's export, and setting up a clinic PC")
    clinic_commands = clinic.add_subparsers(dest="clinic_command", metavar="ACTION", required=True)
    keygen = clinic_commands.add_parser("keygen", parents=[sub], help="make a clinic key pair; prints the public key")
    keygen.add_argument("--out", type=Path, required=True, metavar="IDENTITY",
                        help="where to write the secret key (never overwritten)")
    opener = clinic_commands.add_parser("open", parents=[sub], help="read-only summary of a patient's export")
    opener.add_argument("file", type=Path, metavar="FILE.age")
    opener.add_argument("--identity", type=Path, required=True, metavar="IDENTITY")
    opener.add_argument("--window", action="store_true",
                        help="also open the read-only clinician window with the charts")
    opener.add_argument("--charts", type=Path, metavar="DIR", help="also write the patient's charts as PNGs in DIR")
    opener.add_argument("--pdf", type=Path, metavar="OUT.pdf",
                        help="also write the appointment summary (A4, with pain and walking charts) as a PDF")
    opener.add_argument("--fhir", type=Path, metavar="OUT.json",
                        help="also write the export as a FHIR R4 Bundle (the same as `clinic fhir`)")

    caseload = clinic_commands.add_parser("caseload", parents=[sub],
                                          help="every patient in a folder of exports, who needs support first")
    caseload.add_argument("folder", type=Path, metavar="FOLDER", help="the folder of *.age exports (an inbox)")
    caseload.add_argument("--identity", type=Path, required=True, metavar="IDENTITY")
    caseload.add_argument("--notes-passphrase-file", type=Path, metavar="F",
                          help="the clinic notes passphrase (first line of F), so follow-up dates count")
    caseload.add_argument("--window", action="store_true", help="open the sortable caseload window")
    caseload.add_argument("--json", action="store_true", help="print the rows as JSON for scripts")

    fhir = clinic_commands.add_parser("fhir", parents=[sub], help="write one export as a FHIR R4 Bundle (JSON)")
    fhir.add_argument("file", type=Path, metavar="EXPORT.age")
    fhir.add_argument("--identity", type=Path, required=True, metavar="IDENTITY")
    fhir.add_argument("--out", type=Path, required=True, metavar="FILE.json")

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


def add_activity_command(commands, sub: argparse.ArgumentParser) -> None:
    activity = commands.add_parser("activity", parents=[sub],
                                   help="import daily steps from a phone or watch "
                                        "(Apple Health, Google Fit, Fitbit, CSV)")
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
