"""The clinic's notes of support calls (CARE), kept on the clinic's side only.

One SQLCipher 4 database in the clinic folder (paths.clinic_dir), keyed with 32 bytes derived
from the clinic passphrase by the same scrypt as a passphrase profile (security/keys.py). The
passphrase itself is never stored: the folder holds the same lock.json / lock-copy.json /
tries.json a passphrase profile keeps (security/profile_lock.py: the slow hash, the key's salt,
the count of wrong tries and the waits after them).

Notes are only ever added: a database that cannot be read with the right passphrase is
reported and left exactly as it is. Each action opens a connection, runs one short
transaction and closes it. ``follow_ups`` is what a caseload needs: per participant, the calls
so far, the last call and the next follow-up date. Plain Python: no Qt here.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.content.loader import text
from desktop.security import keys
from desktop.security.profile_lock import PASSPHRASE, Clock, ProfileLock, check_new_secret

SCHEMA_VERSION = 1
MAX_MINUTES = 480
MAX_TEXT = 4000
CARE_FIELDS = ("congratulate", "address", "reassure", "encourage")
_SCHEMA = """
CREATE TABLE call_note (
    id INTEGER PRIMARY KEY,
    participant_id TEXT NOT NULL,
    call_date TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    congratulate TEXT NOT NULL,
    address TEXT NOT NULL,
    reassure TEXT NOT NULL,
    encourage TEXT NOT NULL,
    next_step TEXT NOT NULL,
    follow_up TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX call_note_participant ON call_note (participant_id, call_date);
"""
_COLUMNS = ("id, participant_id, call_date, minutes, congratulate, address, reassure, encourage, next_step, "
            "follow_up, recorded_at")


class NotesError(RuntimeError):
    """The notes could not be opened or changed (the message is fit for the clinician)."""


class NotesLocked(NotesError):
    """A wrong passphrase, or a wait after too many wrong tries."""


class NotesCorrupt(NotesError):
    """The database or its passphrase record cannot be read; nothing was changed."""


class NoteRejected(ValueError):
    """A note that cannot be saved as it is (the message says what to change)."""


@dataclass(frozen=True)
class CallNote:
    participant_id: str
    call_date: dt.date
    minutes: int
    congratulate: str = ""
    address: str = ""
    reassure: str = ""
    encourage: str = ""
    next_step: str = ""
    follow_up: dt.date | None = None
    id: int | None = None
    recorded_at: str = ""  # UTC, set when saved

    def care(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in CARE_FIELDS}


@dataclass(frozen=True)
class FollowUp:
    """One participant's calls as a caseload lists them."""

    participant_id: str
    calls: int
    last_call: dt.date
    next_follow_up: dt.date | None  # the newest note's follow-up date (None: none agreed)
    next_step: str  # the newest note's agreed next step


def check_note(note: CallNote) -> None:
    if not note.participant_id.strip() or len(note.participant_id) > 64:
        raise NoteRejected(text("notes_bad_participant"))
    if isinstance(note.minutes, bool) or not isinstance(note.minutes, int) or not 0 <= note.minutes <= MAX_MINUTES:
        raise NoteRejected(text("notes_bad_minutes", most=MAX_MINUTES))
    if note.follow_up is not None and note.follow_up < note.call_date:
        raise NoteRejected(text("notes_bad_follow_up"))
    if any(len(value) > MAX_TEXT for value in (*note.care().values(), note.next_step)):
        raise NoteRejected(text("notes_too_long", most=MAX_TEXT))


def is_set_up(folder: Path) -> bool:
    """True once a clinic notes passphrase has been chosen (or its record is damaged)."""
    return ProfileLock(folder).record() != {} or (folder / paths.CLINIC_NOTES_FILENAME).exists()


def set_up_notes(folder: Path, passphrase: str, clock: Clock = time.time) -> ClinicNotes:
    """Choose the clinic passphrase and make the empty, encrypted notes database."""
    check_new_secret(passphrase, PASSPHRASE)  # SecretRejected says what a passphrase needs
    if is_set_up(folder):
        raise NotesError(text("notes_already_set_up"))
    folder.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(16)
    ProfileLock(folder, clock).set_secret(passphrase, PASSPHRASE, key_salt=salt)  # the salt first: the file follows it
    notes = ClinicNotes(folder, keys.derive_key(passphrase, salt))
    notes.check_schema()
    return notes


def open_notes(folder: Path, passphrase: str, clock: Clock = time.time) -> ClinicNotes:
    """The notes, after checking the passphrase (wrong tries are counted and slowed down)."""
    database = folder / paths.CLINIC_NOTES_FILENAME
    lock = ProfileLock(folder, clock)
    record = lock.record()
    if record is None or (record and (record.get("kind") != PASSPHRASE or not record.get("key_salt"))):
        raise NotesCorrupt(text("notes_record_damaged", folder=folder))
    if record == {}:
        if database.exists():
            raise NotesCorrupt(text("notes_record_missing", path=database))
        raise NotesError(text("notes_not_set_up"))
    result = lock.try_secret(passphrase)
    keys.forget(folder)  # try_secret keeps keys for profile folders; the notes hold their own
    if not result.ok:
        wait = text("notes_wait", seconds=max(1, round(result.wait_seconds)))
        if not result.checked:  # a wait after earlier wrong tries is still running
            raise NotesLocked(wait)
        raise NotesLocked(text("notes_wrong_passphrase") + (f" {wait}" if result.wait_seconds > 0 else ""))
    notes = ClinicNotes(folder, keys.derive_key(passphrase, bytes.fromhex(record["key_salt"])))
    notes.check_schema()
    return notes


def _sqlcipher():
    from sqlcipher3 import dbapi2

    return dbapi2


class ClinicNotes:
    """An unlocked notes database. Make one with ``set_up_notes`` or ``open_notes``."""

    def __init__(self, folder: Path, key: bytes):
        self.folder = folder
        self.path = folder / paths.CLINIC_NOTES_FILENAME
        self._key = key

    @contextmanager
    def _transaction(self, write: bool = False) -> Iterator:
        cipher = _sqlcipher()
        connection = cipher.connect(str(self.path), isolation_level=None, timeout=15)
        try:
            connection.execute(f"PRAGMA key = \"x'{self._key.hex()}'\"")
            connection.execute("PRAGMA secure_delete=ON")
            connection.execute("PRAGMA journal_mode=DELETE")  # one file; its journal is encrypted too
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        except cipher.DatabaseError as exc:
            if isinstance(exc, cipher.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
                raise NotesError(text("notes_busy")) from None
            raise NotesCorrupt(text("notes_corrupt", path=self.path)) from None
        finally:
            connection.close()

    def check_schema(self) -> None:
        """Create the table in a new (empty) file; refuse a damaged or newer one untouched."""
        existed = self.path.exists() and self.path.stat().st_size > 0
        with self._transaction(write=not existed) as connection:
            tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NotesError(text("notes_too_new", path=self.path))
            if version == SCHEMA_VERSION:
                return
            if existed and tables:
                raise NotesCorrupt(text("notes_corrupt", path=self.path))
            connection.execute("PRAGMA user_version = 1")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)

    def add(self, note: CallNote, now: dt.datetime | None = None) -> CallNote:
        check_note(note)
        moment = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._transaction(write=True) as connection:
            cursor = connection.execute(
                f"INSERT INTO call_note ({_COLUMNS}) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (note.participant_id, note.call_date.isoformat(), note.minutes, note.congratulate.strip(),
                 note.address.strip(), note.reassure.strip(), note.encourage.strip(), note.next_step.strip(),
                 note.follow_up.isoformat() if note.follow_up else None, moment))
            row = connection.execute(f"SELECT {_COLUMNS} FROM call_note WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return _note(row)

    def notes_for(self, participant_id: str) -> list[CallNote]:
        """One participant's notes, the newest call first."""
        with self._transaction() as connection:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM call_note WHERE participant_id = ? "
                                      "ORDER BY call_date DESC, id DESC", (participant_id,)).fetchall()
        return [_note(row) for row in rows]

    def all_notes(self) -> dict[str, list[CallNote]]:
        """Every participant's notes, the newest call first (for a caseload or a summary)."""
        found: dict[str, list[CallNote]] = {}
        with self._transaction() as connection:
            for row in connection.execute(f"SELECT {_COLUMNS} FROM call_note ORDER BY call_date DESC, id DESC"):
                found.setdefault(row[1], []).append(_note(row))
        return found

    def follow_ups(self) -> dict[str, FollowUp]:
        """Per participant: how many calls, the last one, and the follow-up date it agreed."""
        return {pid: FollowUp(pid, len(notes), notes[0].call_date, notes[0].follow_up, notes[0].next_step)
                for pid, notes in self.all_notes().items()}


def _note(row: tuple) -> CallNote:
    (id_, participant, day, minutes, congratulate, address, reassure, encourage, next_step, follow_up,
     recorded) = row
    return CallNote(participant, dt.date.fromisoformat(day), minutes, congratulate, address, reassure, encourage,
                    next_step, dt.date.fromisoformat(follow_up) if follow_up else None, id_, recorded)
