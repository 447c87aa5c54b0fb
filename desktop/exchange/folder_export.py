"""Keep a clinic up to date through a shared folder: encrypted exports written there on their own.

The patient chooses a folder once (Settings, "Keep my clinic up to date"), or a clinic's TOML
names one (``export_folder``), or ``supportback export --to-folder DIR`` asks for one export.
An export goes there after each weekly review and at most once a day after the diary changed
(the rules are in domain/folder_sync.py). Each file is written under a temporary name that sync
clients skip, flushed to disk and renamed, so no one ever syncs half a file; the newest few of
our own stay and older ones of ours are removed; nothing else in the folder is ever touched.
A folder that is not there (a USB stick taken out) is remembered as a problem and tried again
at the next chance; the diary itself is never touched by any of this.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain import folder_sync
from desktop.domain.clock import Clock, clock_from_environment
from desktop.domain.folder_sync import SyncState
from desktop.store import diary_reader
from desktop.store.database import Database
from desktop.store.usage_service import add_event

# In app_setting under "export.", so never exported as a setting (the path may name the patient).
FOLDER = "export.folder"
WRITTEN_AT = "export.folder_written_at"
WRITTEN_ON = "export.folder_written_on"
PROBLEM = "export.folder_problem"

FOLDER_MISSING, NOT_WRITABLE, NO_KEY, FAILED = "folder_missing", "not_writable", "no_key", "failed"


@dataclass(frozen=True)
class FolderTarget:
    """A folder fixed by the clinic's configuration (kiosk), with the clinic's own keys."""

    folder: str
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    reason: str
    path: Path | None = None  # the export written, or None when nothing was
    sequence: int = 0
    removed: tuple[str, ...] = ()
    problem: str = ""  # FOLDER_MISSING, NOT_WRITABLE, NO_KEY or FAILED when nothing was written
    detail: str = ""  # the system's own words for FAILED (for the command line)


def write_atomically(target: Path, chunks: Iterable[bytes]) -> None:
    """The whole file or nothing under ``target``'s name: written as ``~$<name>.<token>.tmp``
    beside it (a name sync clients leave alone), flushed to the disk, then renamed."""
    participant, sequence = _name_parts(target.name)
    temp = target.with_name(folder_sync.temp_name(participant, sequence, secrets.token_hex(4)))
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (POSIX folders open read-only)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _name_parts(name: str) -> tuple[str, int]:
    match = folder_sync.EXPORT_NAME.match(name)
    if not match:
        raise ValueError(f"{name} is not a folder export's name")
    return match["participant"], int(match["sequence"])


def prune(folder: Path, participant_id: str, keep: int = folder_sync.KEEP_NEWEST) -> tuple[str, ...]:
    """Remove this participant's older exports and half-written files; returns their names."""
    names = [entry.name for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
    removed = []
    for name in folder_sync.to_remove(names, participant_id, keep):
        try:
            (folder / name).unlink()
        except FileNotFoundError:
            pass  # a sync client or the clinic took it meanwhile
        removed.append(name)
    return tuple(removed)


def export_to_folder(database: Database, folder: Path, recipients: list[str] | None = None,
                     keep: int = folder_sync.KEEP_NEWEST):
    """One export into ``folder``, named by participant and sequence; then our older ones pruned.

    Raises FileNotFoundError when the folder is not there (it is never created: a missing USB
    stick must not become an empty folder on the computer), and what export_profile raises.
    """
    from desktop.exchange.export_file import export_profile

    folder = folder.expanduser()
    if not folder.is_dir():
        raise FileNotFoundError(f"the folder {folder} is not there")
    result = export_profile(database, recipients,
                            lambda ticket: folder / folder_sync.export_name(ticket.participant_id, ticket.sequence),
                            writer=lambda target, data: write_atomically(target, [data]))
    return result, prune(folder, result.participant_id, keep)


class FolderSync:
    """A profile's folder exports: its state, whether one is due, and writing one."""

    def __init__(self, database: Database, clock: Clock | None = None, fixed: FolderTarget | None = None):
        self.database = database
        self.clock = clock or clock_from_environment()
        self.fixed = fixed  # a clinic's folder and keys: the patient's own choice does not apply

    # State -----------------------------------------------------------------------------
    def state(self) -> SyncState:
        with self.database.reading() as connection:
            values = {key: diary_reader.read_setting(connection, key) or ""
                      for key in (FOLDER, WRITTEN_AT, WRITTEN_ON, PROBLEM)}
        folder = self.fixed.folder if self.fixed is not None else values[FOLDER]
        return SyncState(folder, _moment(values[WRITTEN_AT]), _day(values[WRITTEN_ON]), values[PROBLEM])

    def choose_folder(self, folder: Path | None) -> None:
        """The patient's folder (None: turned off). A new folder starts afresh: no problem, no last copy."""
        with self.database.writing() as session:
            _put(session, FOLDER, str(folder) if folder is not None else "")
            for key in (WRITTEN_AT, WRITTEN_ON, PROBLEM):
                _put(session, key, "")

    def changes(self) -> tuple[dt.datetime | None, dt.datetime | None, dt.datetime | None]:
        """(when the patient's data last changed, when the last weekly review or session was done,
        when a call request was last made or withdrawn), UTC."""
        with self.database.reading() as connection:
            data = connection.execute(
                "SELECT max(t) FROM (SELECT max(updated_at) AS t FROM diary_day"
                " UNION ALL SELECT max(updated_at) FROM questionnaire_response"
                " UNION ALL SELECT max(updated_at) FROM goal"
                " UNION ALL SELECT max(deleted_at) FROM deleted_row)").fetchone()[0]
            review = connection.execute("SELECT max(updated_at) FROM session_record").fetchone()[0]
            asked = connection.execute("SELECT max(updated_at) FROM call_request").fetchone()[0]
        return _moment(data or ""), _moment(review or ""), _moment(asked or "")

    def due(self) -> str | None:
        return folder_sync.due(self.state(), self.clock.today(), *self.changes())

    # Writing ------------------------------------------------------------------------------
    def run_if_due(self) -> Outcome | None:
        reason = self.due()
        return self.export_now(reason) if reason else None

    def export_now(self, reason: str = folder_sync.ON_REQUEST, recipients: list[str] | None = None) -> Outcome:
        """Write one export into the folder now (to ``recipients``, or the clinic keys saved with the
        last export); a failure is remembered (and said), never raised."""
        from desktop.exchange.age_files import RecipientError

        state = self.state()
        started = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # changes after this go next time
        if self.fixed is not None:
            recipients = list(self.fixed.recipients)
        problem, detail = "", ""
        try:
            if not state.folder:
                raise FileNotFoundError("no folder chosen")
            result, removed = export_to_folder(self.database, Path(state.folder), recipients)
        except FileNotFoundError as exc:
            problem, detail = FOLDER_MISSING, str(exc)
        except PermissionError as exc:
            problem, detail = NOT_WRITABLE, str(exc)
        except RecipientError as exc:
            problem, detail = NO_KEY, str(exc)
        except OSError as exc:  # a full disk, a drive that went away half-way: the system's own words
            problem, detail = FAILED, exc.strerror or str(exc)
        except ValueError as exc:
            problem, detail = FAILED, str(exc)
        if problem:
            self._remember_problem(state, reason, problem)
            return Outcome(reason, problem=problem, detail=detail)
        with self.database.writing() as session:
            _put(session, WRITTEN_AT, started.isoformat())
            _put(session, WRITTEN_ON, self.clock.today().isoformat())
            _put(session, PROBLEM, "")
            add_event(session, "folder_export", reason=reason, sequence=result.sequence, removed=len(removed),
                      kiosk=self.fixed is not None)
        return Outcome(reason, result.path, result.sequence, removed)

    def _remember_problem(self, state: SyncState, reason: str, problem: str) -> None:
        # A missed export is one usage event when the problem starts, not one at every retry.
        with self.database.writing() as session:
            _put(session, PROBLEM, problem)
            if state.problem != problem:
                add_event(session, "folder_export_missed", reason=reason, problem=problem)


def _moment(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _put(session, key: str, value: str) -> None:
    from desktop.store.models import AppSetting

    setting = session.get(AppSetting, key)
    if setting is None:
        session.add(AppSetting(key=key, value=value))
    else:
        setting.value = value
