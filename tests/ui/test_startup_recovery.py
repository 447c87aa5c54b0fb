"""A damaged diary file at start-up: offer the latest good backup, and never destroy anything."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop import paths
from desktop.content.loader import exercise_catalogue, text
from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.store import backup
from desktop.store.database import open_database
from desktop.store.diary_service import DiaryService
from desktop.ui.app.app import open_checked_database

TODAY = dt.date(2026, 3, 15)
RESTORE = "Restore the copy"
CLOSE = "Close SupportBack"


def service(database) -> DiaryService:
    return DiaryService(database, exercise_catalogue(), FixedClock(TODAY))


def make_history(root) -> None:
    """Twenty days, a backup, then one more day that only the damaged file will hold."""
    database = open_database(root, "default")
    try:
        diary = service(database)
        for offset in range(1, 21):
            diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=offset), pain=offset % 11, walking_minutes=offset,
                                  limitation=3, note="written before the backup " * 4))
        database.backup_now()
        diary.save(DiaryEntry(day=TODAY, pain=9, walking_minutes=0, limitation=9, note="after the backup"))
    finally:
        database.close()


def damage(path, where: str) -> bytes:
    data = bytearray(path.read_bytes())
    if where == "header":
        data[0:100] = b"\xde\xad\xbe\xef" * 25
    else:  # garbage over a page in the middle of the file
        middle = (len(data) // 2) // 4096 * 4096
        data[middle:middle + 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))
    return bytes(data)


class FakeBox:
    """Stands in for the user at the start-up dialog: clicks the named button, records the dialog."""

    def __init__(self, monkeypatch, click: str | None):
        self.click = click
        self.seen: list[dict] = []
        fake = self

        def exec_(box):
            buttons = {b.text(): b for b in box.buttons()}
            fake.seen.append({"title": box.windowTitle(), "text": box.text(), "buttons": sorted(buttons),
                              "details": box.detailedText()})
            if fake.click is not None:
                buttons[fake.click].click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)


@pytest.fixture
def root(data_root):
    make_history(data_root)
    return data_root


@pytest.mark.parametrize("where", ["header", "middle"])
def test_restore_brings_back_the_backup_and_keeps_the_damaged_file(qtbot, monkeypatch, root, where):
    db_path = paths.database_path(root, "default")
    damaged = damage(db_path, where)
    box = FakeBox(monkeypatch, click=RESTORE)

    database = open_checked_database(root, "default", interactive=True)

    assert database is not None
    try:
        assert len(box.seen) == 1
        assert box.seen[0]["title"] == text("corrupt_title")
        assert "SupportBack has a good copy from" in box.seen[0]["text"]
        assert {CLOSE, RESTORE} <= set(box.seen[0]["buttons"])
        assert str(db_path) in box.seen[0]["details"]
        diary = service(database)
        days = diary.between()
        assert len(days) == 20, "the diary as it was at the backup"
        assert diary.get(TODAY) is None  # written after the backup: not in it
        assert diary.get(TODAY - dt.timedelta(days=7)).pain == 7
        diary.save(DiaryEntry(day=TODAY, pain=2, walking_minutes=10, limitation=2))  # and it works again
        assert diary.get(TODAY).pain == 2
    finally:
        database.close()

    kept = sorted((db_path.parent / "set-aside").glob("diary-damaged-*.sqlite"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == damaged  # kept aside exactly as found, for whoever can rescue it
    assert backup.check_integrity(db_path) is None


@pytest.mark.parametrize("where", ["header", "middle"])
def test_refusing_the_restore_changes_nothing(qtbot, monkeypatch, root, where):
    db_path = paths.database_path(root, "default")
    damaged = damage(db_path, where)
    listing = sorted(p.name for p in db_path.parent.rglob("*"))
    box = FakeBox(monkeypatch, click=CLOSE)

    assert open_checked_database(root, "default", interactive=True) is None

    assert len(box.seen) == 1
    assert db_path.read_bytes() == damaged
    assert not (db_path.parent / "set-aside").exists()
    # Reading the damaged file may leave SQLite's (empty) -wal/-shm beside it, nothing more.
    now = sorted(p.name for p in db_path.parent.rglob("*"))
    assert set(now) - set(listing) <= {"diary.sqlite-wal", "diary.sqlite-shm"}
    wal = db_path.with_name("diary.sqlite-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_closing_the_dialog_any_other_way_changes_nothing(qtbot, monkeypatch, root):
    db_path = paths.database_path(root, "default")
    damaged = damage(db_path, "header")
    FakeBox(monkeypatch, click=None)  # e.g. the window's close button / Escape
    assert open_checked_database(root, "default", interactive=True) is None
    assert db_path.read_bytes() == damaged


def test_no_good_backup_says_so_and_changes_nothing(qtbot, monkeypatch, data_root):
    database = open_database(data_root, "default")
    service(database).save(DiaryEntry(day=TODAY, pain=3, walking_minutes=0, limitation=3))
    database.close()
    db_path = paths.database_path(data_root, "default")
    damaged = damage(db_path, "header")
    box = FakeBox(monkeypatch, click=None)

    assert open_checked_database(data_root, "default", interactive=True) is None

    assert len(box.seen) == 1
    assert box.seen[0]["text"] == text("corrupt_no_backup", path=str(db_path))
    assert RESTORE not in box.seen[0]["buttons"]
    assert db_path.read_bytes() == damaged


def test_a_damaged_backup_is_skipped_for_an_older_good_one(qtbot, monkeypatch, root):
    db_path = paths.database_path(root, "default")
    newest = open_database(root, "default")
    newest.backup_now()  # holds today too...
    newest.close()
    copies = backup.list_backups(paths.backups_dir(root, "default"))
    assert len(copies) == 2
    damage(copies[0].path, "header")  # ...but is damaged itself
    damage(db_path, "header")
    FakeBox(monkeypatch, click=RESTORE)

    database = open_checked_database(root, "default", interactive=True)
    assert database is not None
    try:
        assert service(database).count() == 20  # the older, good copy
    finally:
        database.close()


def test_without_a_window_no_dialog_and_nothing_changes(qtbot, monkeypatch, root, capsys):
    db_path = paths.database_path(root, "default")
    damaged = damage(db_path, "header")
    box = FakeBox(monkeypatch, click=RESTORE)
    assert open_checked_database(root, "default", interactive=False) is None
    assert box.seen == []
    assert db_path.read_bytes() == damaged
    assert "is damaged" in capsys.readouterr().err


def test_a_healthy_diary_opens_without_asking(qtbot, monkeypatch, root):
    box = FakeBox(monkeypatch, click=CLOSE)
    database = open_checked_database(root, "default", interactive=True)
    assert database is not None
    try:
        assert service(database).count() == 21
    finally:
        database.close()
    assert box.seen == []
