"""The clinic's call notes: encrypted at rest under the clinic passphrase, only ever added to,
and a damaged file reported and left exactly as it is."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop import paths
from desktop.security.profile_lock import FREE_TRIES, SecretRejected
from desktop.store.clinic_notes import (
    CallNote,
    NoteRejected,
    NotesCorrupt,
    NotesError,
    NotesLocked,
    is_set_up,
    open_notes,
    set_up_notes,
)

PASSPHRASE = "blue heron by the weir"
MARKER = "OTTER-MARKER-5521"
DAY = dt.date(2026, 3, 15)


@pytest.fixture
def folder(data_root):
    return paths.clinic_dir(data_root)


def _note(participant="p-1", day=DAY, **fields) -> CallNote:
    values = dict(minutes=15, congratulate="Walked most days", address="Worried about stairs",
                  reassure="Soreness is normal", encourage="Keep the 20 minutes", next_step="Call in two weeks",
                  follow_up=day + dt.timedelta(days=14))
    values.update(fields)
    return CallNote(participant, day, **values)


def files_containing(root, needle: str) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


def test_a_note_is_kept_and_read_back_after_opening_again(folder):
    assert not is_set_up(folder)
    notes = set_up_notes(folder, PASSPHRASE)
    saved = notes.add(_note())
    assert saved.id is not None and saved.recorded_at.endswith("Z")
    again = open_notes(folder, PASSPHRASE)
    [read] = again.notes_for("p-1")
    assert (read.call_date, read.minutes, read.address, read.next_step, read.follow_up) == (
        DAY, 15, "Worried about stairs", "Call in two weeks", DAY + dt.timedelta(days=14))
    assert again.notes_for("someone-else") == []


def test_notes_are_unreadable_without_the_passphrase(folder):
    notes = set_up_notes(folder, PASSPHRASE)
    notes.add(_note(congratulate=MARKER, next_step=MARKER))
    assert files_containing(folder, MARKER) == []
    assert files_containing(folder, PASSPHRASE) == []  # only its slow hash is kept
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(folder / paths.CLINIC_NOTES_FILENAME).execute("SELECT * FROM call_note").fetchall()


def test_a_wrong_passphrase_says_so_and_tries_are_counted(folder):
    set_up_notes(folder, PASSPHRASE).add(_note())
    now = [1000.0]
    for _ in range(FREE_TRIES - 1):
        with pytest.raises(NotesLocked, match="not the clinic notes passphrase"):
            open_notes(folder, "not the right one at all", clock=lambda: now[0])
    with pytest.raises(NotesLocked, match="wait 30 seconds"):
        open_notes(folder, "still not the right one", clock=lambda: now[0])
    with pytest.raises(NotesLocked, match="wait"):  # even the right one waits
        open_notes(folder, PASSPHRASE, clock=lambda: now[0])
    now[0] += 31
    assert len(open_notes(folder, PASSPHRASE, clock=lambda: now[0]).notes_for("p-1")) == 1


def test_a_short_passphrase_is_refused_and_setting_up_twice_changes_nothing(folder):
    with pytest.raises(SecretRejected):
        set_up_notes(folder, "short")
    assert not is_set_up(folder)
    set_up_notes(folder, PASSPHRASE).add(_note())
    with pytest.raises(NotesError, match="already have a passphrase"):
        set_up_notes(folder, "another long passphrase")
    assert len(open_notes(folder, PASSPHRASE).notes_for("p-1")) == 1


def test_a_damaged_database_is_reported_and_never_overwritten(folder):
    notes = set_up_notes(folder, PASSPHRASE)
    notes.add(_note())
    database = folder / paths.CLINIC_NOTES_FILENAME
    damaged = bytearray(database.read_bytes())
    damaged[100:4000] = b"\x00" * 3900
    database.write_bytes(bytes(damaged))
    with pytest.raises(NotesCorrupt, match="left exactly as it is"):
        open_notes(folder, PASSPHRASE)
    with pytest.raises(NotesCorrupt):
        notes.add(_note(day=DAY + dt.timedelta(days=1)))  # an instance opened before: still no write
    assert database.read_bytes() == bytes(damaged)


def test_a_missing_passphrase_record_is_reported_and_the_notes_kept(folder):
    set_up_notes(folder, PASSPHRASE).add(_note())
    before = (folder / paths.CLINIC_NOTES_FILENAME).read_bytes()
    for name in (paths.LOCK_FILENAME, paths.LOCK_COPY_FILENAME):
        (folder / name).unlink()
    with pytest.raises(NotesCorrupt, match="lock.json"):
        open_notes(folder, PASSPHRASE)
    with pytest.raises(NotesError):
        set_up_notes(folder, PASSPHRASE)  # never a new, empty database over the old one
    assert (folder / paths.CLINIC_NOTES_FILENAME).read_bytes() == before


@pytest.mark.parametrize("fields, words", [
    ({"minutes": -1}, "whole number of minutes"),
    ({"minutes": 481}, "whole number of minutes"),
    ({"follow_up": DAY - dt.timedelta(days=1)}, "cannot be before"),
    ({"address": "x" * 4001}, "at most 4000"),
])
def test_a_note_that_cannot_be_saved_says_why_and_nothing_is_written(folder, fields, words):
    notes = set_up_notes(folder, PASSPHRASE)
    with pytest.raises(NoteRejected, match=words):
        notes.add(_note(**fields))
    assert notes.notes_for("p-1") == []


def test_follow_ups_give_each_participant_their_newest_call_and_date(folder):
    notes = set_up_notes(folder, PASSPHRASE)
    notes.add(_note("p-1", DAY - dt.timedelta(days=20), follow_up=DAY - dt.timedelta(days=6)))
    notes.add(_note("p-1", DAY - dt.timedelta(days=6), follow_up=DAY + dt.timedelta(days=8), next_step="Goal 25"))
    notes.add(_note("p-2", DAY - dt.timedelta(days=2), follow_up=None))
    found = notes.follow_ups()
    assert set(found) == {"p-1", "p-2"}
    assert (found["p-1"].calls, found["p-1"].last_call, found["p-1"].next_follow_up, found["p-1"].next_step) == (
        2, DAY - dt.timedelta(days=6), DAY + dt.timedelta(days=8), "Goal 25")
    assert (found["p-2"].calls, found["p-2"].next_follow_up) == (1, None)
    assert [n.call_date for n in notes.all_notes()["p-1"]] == [DAY - dt.timedelta(days=6), DAY - dt.timedelta(days=20)]


def test_a_note_saved_while_another_program_holds_the_notes_says_busy(folder, monkeypatch):
    from desktop.store import clinic_notes

    notes = set_up_notes(folder, PASSPHRASE)
    holder = clinic_notes._sqlcipher().connect(str(notes.path), isolation_level=None)
    holder.execute(f"PRAGMA key = \"x'{notes._key.hex()}'\"")
    holder.execute("BEGIN EXCLUSIVE")
    real_connect = clinic_notes._sqlcipher().connect
    monkeypatch.setattr(clinic_notes._sqlcipher(), "connect",
                        lambda *a, **k: real_connect(*a, **dict(k, timeout=0.2)))
    try:
        with pytest.raises(NotesError, match="busy"):
            notes.add(_note())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    notes.add(_note())
    assert len(notes.notes_for("p-1")) == 1
