"""Passphrase-protected profiles: SQLCipher at rest, for the diary, its WAL and its backups."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop import paths
from desktop.content.loader import exercise_catalogue
from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.security import keys
from desktop.security.profile_lock import PASSPHRASE, ProfileLock
from desktop.store import encryption
from desktop.store.database import open_database
from desktop.store.diary_service import DiaryService
from desktop.store.profile_admin import create_profile
from desktop.store.profiles import ProfileError

TODAY = dt.date(2026, 3, 15)
PASSPHRASE_TEXT = "green kettle on the hill"
MARKER = "ZEBRA-MARKER-8841"


@pytest.fixture(autouse=True)
def _no_keys_left():
    yield
    keys._KEYS.clear()


def diary_for(database) -> DiaryService:
    return DiaryService(database, exercise_catalogue(), FixedClock(TODAY))


def files_containing(root, needle: str) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if needle.encode() in data or needle.encode("utf-16-le") in data:
                found.append(str(path.relative_to(root)))
    return found


def test_a_marker_in_a_protected_profile_is_in_no_file(data_root):
    create_profile(data_root, "Sam")
    database = open_database(data_root, "Sam")
    diary_for(database).save(DiaryEntry(day=TODAY - dt.timedelta(days=3), pain=4, walking_minutes=20, limitation=2,
                                        note="before protecting"))
    database.backup_now()
    database.release_connections()
    encryption.protect(data_root, "Sam", PASSPHRASE_TEXT)

    diary = diary_for(database)
    with database.reading() as reader:  # an open reader keeps the WAL (with the new page in it) on disk
        reader.execute("SELECT count(*) FROM diary_day").fetchone()
        diary.save(DiaryEntry(day=TODAY, pain=6, walking_minutes=10, limitation=5, note=MARKER))
        wal = paths.database_path(data_root, "Sam").with_name("diary.sqlite-wal")
        assert wal.exists() and wal.stat().st_size > 0
        assert files_containing(data_root, MARKER) == []
    database.backup_now()
    assert diary.get(TODAY).note == MARKER
    assert diary.get(TODAY - dt.timedelta(days=3)).note == "before protecting"  # nothing lost
    assert files_containing(data_root, MARKER) == []
    assert files_containing(data_root, "before protecting") == []
    for path in [paths.database_path(data_root, "Sam"), *paths.backups_dir(data_root, "Sam").iterdir()]:
        assert keys.is_encrypted(path) and not encryption.plain_sqlite_readable(path)
    database.release_connections()

    # Another process (no key in memory) cannot open it, not even as "damaged".
    keys._KEYS.clear()
    with pytest.raises(ProfileError, match="passphrase"):
        open_database(data_root, "Sam")
    assert not ProfileLock(paths.profile_dir(data_root, "Sam")).try_secret("wrong passphrase!").ok
    with pytest.raises(ProfileError):
        open_database(data_root, "Sam")
    assert ProfileLock(paths.profile_dir(data_root, "Sam")).try_secret(PASSPHRASE_TEXT).ok
    reopened = open_database(data_root, "Sam")
    assert diary_for(reopened).get(TODAY).note == MARKER
    reopened.release_connections()


def test_protect_and_unprotect_lose_nothing(data_root):
    create_profile(data_root, "Sam")
    database = open_database(data_root, "Sam")
    entries = [DiaryEntry(day=TODAY - dt.timedelta(days=29 - n), pain=n % 11, walking_minutes=n, limitation=1,
                          note=f"day {n}") for n in range(30)]
    diary_for(database).replace_all(entries)
    database.backup_now()
    database.release_connections()
    encryption.protect(data_root, "Sam", PASSPHRASE_TEXT)
    assert ProfileLock(paths.profile_dir(data_root, "Sam")).kind == PASSPHRASE
    with pytest.raises(encryption.EncryptionError):
        encryption.protect(data_root, "Sam", PASSPHRASE_TEXT)
    assert diary_for(database).between() == entries
    database.release_connections()

    with pytest.raises(encryption.EncryptionError):
        encryption.unprotect(data_root, "Sam", "not the passphrase")
    encryption.unprotect(data_root, "Sam", PASSPHRASE_TEXT)
    assert ProfileLock(paths.profile_dir(data_root, "Sam")).kind is None
    for path in [paths.database_path(data_root, "Sam"), *paths.backups_dir(data_root, "Sam").iterdir()]:
        assert encryption.plain_sqlite_readable(path)
    plain = open_database(data_root, "Sam")
    assert diary_for(plain).between() == entries
    plain.close()


def test_pin_to_passphrase_to_pin_keeps_the_diary(data_root):
    from desktop.security.profile_lock import PIN

    create_profile(data_root, "Sam")
    database = open_database(data_root, "Sam")
    diary_for(database).save(DiaryEntry(day=TODAY, pain=3, walking_minutes=5, limitation=1, note=MARKER))
    database.release_connections()
    lock = ProfileLock(paths.profile_dir(data_root, "Sam"))
    encryption.change_protection(data_root, "Sam", None, "4821", PIN)
    assert lock.kind == PIN and not keys.is_encrypted(database.path)
    with pytest.raises(encryption.EncryptionError):
        encryption.change_protection(data_root, "Sam", "0000", PASSPHRASE_TEXT, PASSPHRASE)
    encryption.change_protection(data_root, "Sam", "4821", PASSPHRASE_TEXT, PASSPHRASE)
    assert lock.kind == PASSPHRASE and keys.is_encrypted(database.path)
    encryption.change_protection(data_root, "Sam", PASSPHRASE_TEXT, "a different long passphrase", PASSPHRASE)
    keys._KEYS.clear()
    assert not lock.try_secret(PASSPHRASE_TEXT).ok and lock.try_secret("a different long passphrase").ok
    assert diary_for(database).get(TODAY).note == MARKER
    database.release_connections()
    encryption.change_protection(data_root, "Sam", "a different long passphrase", "1357", PIN)
    assert lock.kind == PIN and lock.key_salt is None and not keys.is_encrypted(database.path)
    assert diary_for(database).get(TODAY).note == MARKER
    database.release_connections()


def test_restoring_an_encrypted_backup(data_root):
    from desktop.store import backup

    create_profile(data_root, "Sam", PASSPHRASE_TEXT, PASSPHRASE)
    assert ProfileLock(paths.profile_dir(data_root, "Sam")).try_secret(PASSPHRASE_TEXT).ok
    database = open_database(data_root, "Sam")
    diary = diary_for(database)
    diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=1), pain=2, walking_minutes=30, limitation=1, note="kept"))
    copy = database.backup_now()
    diary.save(DiaryEntry(day=TODAY, pain=8, walking_minutes=0, limitation=8, note="after the copy"))
    assert backup.check_integrity(copy.path) is None and keys.is_encrypted(copy.path)
    database.release_connections()
    backup.restore_backup(copy, database.path)
    assert [e.note for e in diary_for(database).between()] == ["kept"]
    database.release_connections()
