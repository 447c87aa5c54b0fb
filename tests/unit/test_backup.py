import datetime as dt
import sqlite3

import pytest

from desktop import paths
from desktop.domain.diary import DiaryEntry
from desktop.store import backup
from desktop.store.database import DatabaseCorrupt, open_database


def _day(day, pain=4):
    return DiaryEntry(day=day, pain=pain, walking_minutes=10, limitation=2)


def _damage(path):
    """Overwrite the middle of the file, as a failing disk or a stray program might."""
    data = bytearray(path.read_bytes())
    for i in range(0, len(data)):
        if i % 7 == 0 and i > 100:
            data[i] = 0xA5
    path.write_bytes(bytes(data))


def test_backup_is_a_consistent_readable_copy(diary, database, today):
    diary.save(_day(today))
    made = database.backup_now()
    assert made.path.exists() and backup.check_integrity(made.path, full=True) is None
    conn = sqlite3.connect(made.path)
    assert conn.execute("SELECT pain FROM diary_day").fetchall() == [(4,)]
    conn.close()
    assert not made.path.with_name(made.path.name + "-wal").exists()


def test_only_the_newest_seven_backups_are_kept(database):
    start = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    for i in range(10):
        backup.create_backup(database.path, database.backups_dir, now=start + dt.timedelta(hours=i))
    kept = backup.list_backups(database.backups_dir)
    assert len(kept) == 7
    assert kept[0].taken_at == start + dt.timedelta(hours=9)
    assert kept[-1].taken_at == start + dt.timedelta(hours=3)
    assert not list(database.backups_dir.glob("*.part"))


def test_corrupt_database_is_detected_at_start_and_not_changed(data_root, diary, database, today):
    diary.save(_day(today))
    database.backup_now()
    database.close()
    path = paths.database_path(data_root, "default")
    _damage(path)
    damaged = path.read_bytes()
    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(data_root, "default")
    assert caught.value.latest_backup is not None
    assert "backup" in str(caught.value)
    assert path.read_bytes() == damaged


def test_restore_puts_the_backup_back_and_keeps_the_damaged_file(data_root, diary, database, today):
    diary.save(_day(today, pain=6))
    database.backup_now()
    database.close()
    path = paths.database_path(data_root, "default")
    _damage(path)
    damaged = path.read_bytes()
    good = backup.latest_good_backup(paths.backups_dir(data_root, "default"))
    moved = backup.restore_backup(good, path, reason="damaged")
    assert moved.read_bytes() == damaged
    assert moved.parent.name == "set-aside"
    reopened = open_database(data_root, "default")
    try:
        with reopened.reading() as conn:
            assert conn.execute("SELECT pain FROM diary_day").fetchone() == (6,)
    finally:
        reopened.close()


def test_damaged_backups_are_skipped_when_looking_for_a_good_one(database):
    older = backup.create_backup(database.path, database.backups_dir,
                                 now=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    newer = backup.create_backup(database.path, database.backups_dir,
                                 now=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    newer.path.write_bytes(b"not a database at all" * 100)
    assert backup.latest_good_backup(database.backups_dir) == older


def test_restoring_a_damaged_backup_is_refused_and_changes_nothing(database, tmp_path):
    made = database.backup_now()
    made.path.write_bytes(b"garbage" * 1000)
    database.close()
    before = database.path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        backup.restore_backup(made, database.path)
    assert database.path.read_bytes() == before


def test_file_that_is_not_a_database_is_reported(tmp_path):
    bogus = tmp_path / "x.sqlite"
    bogus.write_bytes(b"hello")
    assert backup.check_integrity(bogus) is not None
    assert backup.check_integrity(tmp_path / "missing.sqlite") == "the file does not exist"
