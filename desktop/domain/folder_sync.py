"""Keeping a clinic up to date through a shared folder: when an export is due, what it is
called, and which of our own older files to remove. Pure rules: no files, no database.

The folder is one that something else syncs (OneDrive, Nextcloud, Dropbox, a clinic's shared
drive) or a USB stick; the app itself never opens a network connection.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

KEEP_NEWEST = 3  # our own exports left in the folder; older ones of ours are removed

# Names sort by participant, then sequence (zero-padded): "supportback-<uuid>-000042.age".
# A clinic's caseload reads the participant and sequence back from the name (and checks both
# against the signed manifest inside).
EXPORT_NAME = re.compile(r"^supportback-(?P<participant>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
                         r"-(?P<sequence>\d{6,})\.age$")
# While it is written a file has the shape of an office program's temporary file, which sync
# clients are made to skip ("~$*" is in the Nextcloud client's default sync-exclude.lst); a
# client that copies it anyway never sees the export's own name before the file is whole.
TEMP_NAME = re.compile(r"^~\$supportback-(?P<participant>[0-9a-f-]{36})-(?P<sequence>\d{6,})\.age\.[0-9a-z]{8}\.tmp$")

# Why an export was written (a usage event's detail).
WEEKLY_REVIEW, DIARY_CHANGED, FIRST, ON_REQUEST, RETRY, CALL_REQUEST = (
    "weekly_review", "diary_changed", "first", "on_request", "retry", "call_request")


def export_name(participant_id: str, sequence: int) -> str:
    name = f"supportback-{participant_id}-{sequence:06d}.age"
    if not EXPORT_NAME.match(name):
        raise ValueError(f"not a participant id: {participant_id!r}")
    return name


def temp_name(participant_id: str, sequence: int, token: str) -> str:
    name = f"~${export_name(participant_id, sequence)}.{token}.tmp"
    if not TEMP_NAME.match(name):
        raise ValueError(f"not a temporary-name token: {token!r}")
    return name


@dataclass(frozen=True)
class OwnFile:
    name: str
    sequence: int
    temporary: bool


def own_files(names: list[str], participant_id: str) -> list[OwnFile]:
    """The files among ``names`` that this participant's exports made (finished or half-written),
    by exact name; everything else in the folder (other patients', anyone's own files) is not ours."""
    found = []
    for name in names:
        for pattern, temporary in ((EXPORT_NAME, False), (TEMP_NAME, True)):
            match = pattern.match(name)
            if match and match["participant"] == participant_id:
                found.append(OwnFile(name, int(match["sequence"]), temporary))
    return found


def to_remove(names: list[str], participant_id: str, keep: int = KEEP_NEWEST,
              writing: str | None = None) -> list[str]:
    """Our own files to delete: finished exports beyond the newest ``keep`` (by sequence), and
    temporary files left by an export that was stopped half-way (except ``writing``, the one in hand)."""
    ours = own_files(names, participant_id)
    finished = sorted((f for f in ours if not f.temporary), key=lambda f: f.sequence, reverse=True)
    stale = [f.name for f in ours if f.temporary and f.name != writing]
    return sorted(stale + [f.name for f in finished[max(keep, 1):]])


def newest_exports(names: list[str]) -> dict[str, str]:
    """For a reader of a shared folder (a clinic's caseload): participant id -> the name of that
    participant's highest-numbered finished export. Half-written files and anything not named
    like an export are left out; the manifest inside must still be checked (names can be copied)."""
    newest: dict[str, tuple[int, str]] = {}
    for name in names:
        match = EXPORT_NAME.match(name)
        if match:
            sequence = int(match["sequence"])
            if sequence > newest.get(match["participant"], (-1, ""))[0]:
                newest[match["participant"]] = (sequence, name)
    return {participant: name for participant, (_, name) in newest.items()}


@dataclass(frozen=True)
class SyncState:
    """What the profile remembers about its folder exports."""

    folder: str = ""  # "" = turned off
    written_at: dt.datetime | None = None  # UTC, naive: when the last export's data was read
    written_on: dt.date | None = None  # the patient's day of that export
    problem: str = ""  # "" or why the last try wrote nothing (folder_missing, not_writable, failed)


def due(state: SyncState, today: dt.date, diary_changed_at: dt.datetime | None,
        review_done_at: dt.datetime | None, call_asked_at: dt.datetime | None = None) -> str | None:
    """Why an export should be written now, or None.

    After each weekly review (or session) at once, and after a call request is made or taken
    back at once (the team should learn of it as soon as the folder can tell them); after a
    diary change at most once a day; a try that wrote nothing counts for nothing, and is tried
    again at the next chance.
    """
    if not state.folder:
        return None
    if state.written_at is None:
        return FIRST
    if review_done_at is not None and review_done_at > state.written_at:
        return WEEKLY_REVIEW
    if call_asked_at is not None and call_asked_at > state.written_at:
        return CALL_REQUEST
    if diary_changed_at is not None and diary_changed_at > state.written_at and state.written_on != today:
        return DIARY_CHANGED
    if state.problem:
        return RETRY  # (a copy asked for by hand, or on the command line, that did not get there)
    return None
