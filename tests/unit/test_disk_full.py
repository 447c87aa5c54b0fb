"""Point 6 of issue 15: when the disk fills up, every command that writes says so in one line
naming what did not happen, never with a traceback, an SQL statement or a diary note, and
leaves no half-written file behind. The full disk is injected where the operating system or
SQLite would report it (tests/e2e/test_full_disk_cli.py runs the same with a real limit)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from pathlib import Path

import pytest

from desktop import cli
from desktop.domain.diary import DiaryEntry
from desktop.store import backup, disk_errors
from desktop.store import engine as engine_module

SECRET = "my private note about my husband"
HEADER = "date,pain,walking_minutes,exercises,limitation,flare_up,sleep,mood,note\n"


def _full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _sqlite_full_on_insert(monkeypatch) -> None:
    """Every engine made from now on fails its first INSERT as SQLite does on a full disk."""
    from sqlalchemy import event

    real = engine_module.make_engine

    def make_engine(path):
        engine = real(path)

        @event.listens_for(engine, "before_cursor_execute")
        def full(_connection, _cursor, statement, *_args):
            if statement.lstrip().upper().startswith("INSERT"):
                raise sqlite3.OperationalError("database or disk is full")

        return engine

    monkeypatch.setattr(engine_module, "make_engine", make_engine)


def _one_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err and SECRET not in captured.err + captured.out
    assert "INSERT" not in captured.err and "[SQL" not in captured.err
    return lines[0]


def _csv(tmp_path, days: int = 30):
    path = tmp_path / "days.csv"
    rows = [f"{dt.date(2026, 3, 14) - dt.timedelta(days=i)},4,20,bridge,3,no,6,6,{SECRET} {i}\n" for i in range(days)]
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _days(data_root) -> int:
    with sqlite3.connect(data_root / "profiles" / "default" / "diary.sqlite") as connection:
        return connection.execute("SELECT count(*) FROM diary_day").fetchone()[0]


def test_point6_sqlalchemy_errors_never_carry_the_values_written(diary, monkeypatch):
    _sqlite_full_on_insert(monkeypatch)
    diary.database.release_connections()  # (made again with the failing engine)
    with pytest.raises(Exception) as caught:
        diary.save(DiaryEntry(day=dt.date(2026, 3, 14), pain=4, walking_minutes=10, limitation=2, note=SECRET))
    assert type(caught.value).__module__.startswith("sqlalchemy")
    assert SECRET not in str(caught.value)  # hide_parameters=True on the engine
    assert disk_errors.user_message(caught.value, "nothing was saved") == "The disk is full: nothing was saved."
    assert disk_errors.user_message(caught.value) == "The disk is full"


def test_point6_diary_import_on_a_full_disk_is_one_line_and_imports_nothing(data_root, tmp_path, monkeypatch,
                                                                              capsys):
    csv_file = _csv(tmp_path)
    assert cli.main(["diary", "import", str(_csv(tmp_path, 2))]) == 0
    capsys.readouterr()
    _sqlite_full_on_insert(monkeypatch)
    assert cli.main(["diary", "import", str(csv_file)]) == 1
    assert _one_line(capsys) == "supportback: The disk is full: nothing was imported."
    assert _days(data_root) == 2


def test_point6_the_backup_before_an_import_fails_on_a_full_disk_and_leaves_no_partial_copy(
        data_root, tmp_path, monkeypatch, capsys):
    assert cli.main(["diary", "import", str(_csv(tmp_path, 2))]) == 0
    capsys.readouterr()
    real_connect = backup.connect

    class Filling:
        """The source connection: its backup writes the copy, then the disk is full."""

        def __init__(self, connection):
            self.connection = connection

        def backup(self, target, **kwargs):
            self.connection.backup(target, **kwargs)
            raise sqlite3.OperationalError("disk I/O error")

        def __getattr__(self, name):
            return getattr(self.connection, name)

    monkeypatch.setattr(backup, "connect", lambda path, read_only=False: (
        Filling(real_connect(path, read_only=True)) if read_only else real_connect(path)))
    assert cli.main(["diary", "import", str(_csv(tmp_path))]) == 1
    assert _one_line(capsys) == ("supportback: The disk could not be written (a disk I/O error: is it full?): "
                                 "nothing was imported.")
    backups = data_root / "profiles" / "default" / "backups"
    assert [p.name for p in backups.iterdir() if ".part" in p.name] == []
    assert _days(data_root) == 2


def test_point6_restoring_a_backup_on_a_full_disk_leaves_the_diary_as_it_was(diary, database, monkeypatch):
    diary.save(DiaryEntry(day=dt.date(2026, 3, 14), pain=4, walking_minutes=10, limitation=2))
    made = database.backup_now()
    database.release_connections()

    def copy_half(source, target):
        target.write_bytes(source.read_bytes()[:1000])
        _full()

    monkeypatch.setattr(backup.shutil, "copyfile", copy_half)
    with pytest.raises(OSError) as caught:
        backup.restore_backup(made, database.path)
    assert disk_errors.user_message(caught.value) == "The disk is full"
    assert sorted(p.name for p in database.path.parent.iterdir() if p.is_file() and "restoring" in p.name) == []
    assert backup.check_integrity(database.path) is None


def test_point6_diary_export_and_export_on_a_full_disk_write_no_file(data_root, tmp_path, monkeypatch, capsys):
    from exchange_helpers import clinic_key

    assert cli.main(["diary", "import", str(_csv(tmp_path, 3))]) == 0
    _, recipient, _ = clinic_key(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    monkeypatch.setattr(os, "fsync", _full)  # every file's fsync: the data did not reach the disk
    assert cli.main(["diary", "export", str(out / "diary.csv")]) == 1
    assert _one_line(capsys) == "supportback: The disk is full: the CSV file was not written."
    assert cli.main(["export", "--recipient", recipient, "--out", str(out / "mine.age")]) == 1
    assert _one_line(capsys) == "supportback: The disk is full: no export was written."
    assert list(out.iterdir()) == []


def test_point6_collect_on_a_full_disk_stops_with_one_line_not_a_rejection_per_file(tmp_path, data_root,
                                                                                    monkeypatch, capsys):
    from exchange_helpers import clinic_key, demo_profile, make_export

    from desktop.exchange import collect as collecting
    from desktop.exchange import collect_db

    _, recipient, identity = clinic_key(tmp_path)
    database = demo_profile(data_root, days=20)
    exported = make_export(database, recipient, tmp_path / "e1.age")
    database.close()
    capsys.readouterr()
    out = tmp_path / "research"
    # the collection database cannot be written
    monkeypatch.setattr(collect_db, "_merge", _full)
    args = ["research", "collect", "--identity", str(identity), "--out", str(out), "--no-parquet", str(exported)]
    assert cli.main(args) == 1
    assert _one_line(capsys) == ("supportback: The disk is full: the collection did not finish; free some space "
                                 "and run the same command again.")
    monkeypatch.undo()
    # the tables cannot be written: no half-written table is left
    real = collect_db._copy

    class FillsUp:  # the database's COPY writes part of a table file, then the disk is full
        def __init__(self, db):
            self.db = db

        def execute(self, sql, *args):
            if sql.startswith("COPY"):
                Path(sql.split(" TO '")[1].split("'")[0]).write_text("part of a table")
                _full()
            return self.db.execute(sql, *args)

    monkeypatch.setattr(collect_db, "_copy", lambda db, select, target, options: real(FillsUp(db), select, target,
                                                                                       options))
    assert cli.main(args) == 1
    assert _one_line(capsys).startswith("supportback: The disk is full: the collection did not finish")
    assert list(out.glob(".*.tmp")) == [] and not (out / collecting.REPORT).exists()
    monkeypatch.undo()
    assert cli.main(args) == 0  # room again: the same command finishes (the export was merged before)
    assert "0 accepted, 1 duplicate, 0 rejected" in capsys.readouterr().out
    assert len((out / "participants.csv").read_text().splitlines()) == 2


@pytest.mark.parametrize("error, expected", [
    (OSError(errno.ENOSPC, "No space left on device"), disk_errors.DISK_FULL),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), disk_errors.DISK_FULL),
    (OSError(errno.EFBIG, "File too large"), disk_errors.TOO_LARGE),
    (sqlite3.OperationalError("database or disk is full"), disk_errors.DISK_FULL),
    (sqlite3.OperationalError("disk I/O error"), disk_errors.DISK_FAILED),
    (sqlite3.OperationalError("database is locked"), None),
    (OSError(errno.EACCES, "Permission denied"), None),
    (ValueError("disk I/O error"), None),  # only SQLite's own errors are read for their words
])
def test_point6_what_counts_as_a_full_disk(error, expected):
    assert disk_errors.disk_problem(error) == expected
    try:
        try:
            raise error
        except Exception as exc:
            raise RuntimeError("while doing something else") from exc
    except RuntimeError as outer:
        assert disk_errors.disk_problem(outer) == expected  # found behind a wrapper, too
