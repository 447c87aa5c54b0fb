"""``supportback research collect``: a thin front to desktop/exchange's collection (progress and report).

The collection itself (decrypting, checking and merging exports into tables) lives in
``desktop.exchange``; this module only reads the arguments, shows progress and says the result.
"""

from __future__ import annotations

import argparse
import os
import sys

from desktop.cli.errors import EXIT_FAILED, EXIT_OK


def run_collect(args: argparse.Namespace) -> int:
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
