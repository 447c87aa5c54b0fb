"""Exit codes, the failures a command reports in one line, and what did not happen when it stops.

Exit codes: 0 success, 1 the work failed (one-line reason on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import sqlite3

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandFailed(RuntimeError):
    """A failure whose message is already fit for the user."""


class SecretNeeded(RuntimeError):
    """A protected profile was used without its PIN or passphrase (message fit for the user)."""


# What did not happen when a command stops for want of disk space ("The disk is full: ...").
_OUTCOMES = {
    "diary import": "nothing was imported",
    "diary export": "the CSV file was not written",
    "activity import": "nothing was imported",
    "export": "no export was written",
    "demo": "the demo profile may be incomplete; run demo again once there is room",
    "research collect": "the collection did not finish; free some space and run the same command again",
    "clinic keygen": "no key was written",
    "clinic open": "the charts, PDF or FHIR file asked for were not all written",
    "clinic fhir": "the FHIR file was not written",
    "clinic setup": "the clinic configuration was not written",
    "profile create": "the new profile may be incomplete",
}  # (profile protect and unprotect say themselves whether the old protection was kept: CommandFailed)


def outcome(args: argparse.Namespace) -> str:
    command = args.command or "app"
    action = getattr(args, f"{command}_command", None)
    return _OUTCOMES.get(f"{command} {action}", _OUTCOMES.get(command, "it did not finish"))


def is_expected(exc: Exception) -> bool:
    """A failure the user can act on (said in one line), not a bug (shown as a traceback)."""
    from desktop.content.loader import ContentError
    from desktop.domain.activity import ActivityFormatError
    from desktop.domain.clock import ClockError
    from desktop.domain.diary import DiaryValidationError
    from desktop.exchange.age_files import AgeFileError
    from desktop.exchange.collect import EnrolmentError, ExtraMissing, LedgerError
    from desktop.exchange.diary_csv import CsvFormatError
    from desktop.exchange.export_reader import ExportRejected
    from desktop.exchange.folder_lock import FolderBusy
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
                ClinicConfigError, EncryptionError, FolderBusy, ActivityFormatError)
    return isinstance(exc, expected)
