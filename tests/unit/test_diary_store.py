import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop.domain.diary import DiaryEntry, DiaryValidationError


def entry(day, **changes):
    values = dict(day=day, pain=4, walking_minutes=20, limitation=3, flare_up=False,
                  exercises=frozenset({"bridge"}), sleep=6, mood=None, note="felt ok")
    values.update(changes)
    return DiaryEntry(**values)


def test_save_then_read_back(diary, today):
    assert diary.save(entry(today)) is True
    assert diary.get(today) == entry(today)
    assert diary.count() == 1


def test_saving_again_replaces_the_day_without_duplicating(diary, today):
    diary.save(entry(today))
    assert diary.save(entry(today, pain=7, exercises=frozenset({"cat-camel", "knee-rolls"}), note="")) is False
    assert diary.count() == 1
    got = diary.get(today)
    assert got.pain == 7 and got.exercises == {"cat-camel", "knee-rolls"} and got.note == ""


def test_future_day_is_refused_and_nothing_saved(diary, today):
    with pytest.raises(DiaryValidationError, match="future"):
        diary.save(entry(today + dt.timedelta(days=1)))
    assert diary.count() == 0


@pytest.mark.parametrize("changes, field", [
    ({"pain": 11}, "pain"), ({"pain": -1}, "pain"), ({"limitation": None}, "limitation"),
    ({"sleep": 12}, "sleep"), ({"walking_minutes": -5}, "walking_minutes"),
    ({"walking_minutes": 2000}, "walking_minutes"), ({"exercises": frozenset({"handstand"})}, "exercises"),
    ({"note": "x" * 2001}, "note"), ({"pain": True}, "pain"),
])
def test_invalid_days_are_refused_with_the_field_named(diary, today, changes, field):
    with pytest.raises(DiaryValidationError) as caught:
        diary.save(entry(today, **changes))
    assert caught.value.field_name == field
    assert diary.count() == 0


def test_delete_returns_the_day_for_undo(diary, today):
    diary.save(entry(today))
    deleted = diary.delete(today)
    assert deleted.entry == entry(today) and deleted.day == today
    assert diary.get(today) is None
    assert diary.delete(today) is None
    assert diary.restore(deleted) is True
    assert diary.get(today) == entry(today)


def test_deleting_a_day_removes_its_exercises(diary, database, today):
    diary.save(entry(today, exercises=frozenset({"bridge", "cat-camel"})))
    diary.delete(today)
    with database.reading() as conn:
        assert conn.execute("SELECT count(*) FROM diary_exercise").fetchone()[0] == 0


def test_between_is_ordered_and_bounded(diary, today):
    for offset in (5, 1, 3):
        diary.save(entry(today - dt.timedelta(days=offset)))
    days = [e.day for e in diary.between(today - dt.timedelta(days=4), today)]
    assert days == [today - dt.timedelta(days=3), today - dt.timedelta(days=1)]


def test_import_is_idempotent_and_counts_changes(diary, today):
    days = [entry(today - dt.timedelta(days=i), pain=i % 11) for i in range(30)]
    first = diary.import_entries(days)
    assert (first.added, first.updated, first.unchanged) == (30, 0, 0)
    again = diary.import_entries(days)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 30)
    changed = [entry(today, pain=9)]
    assert diary.import_entries(changed).updated == 1
    assert diary.count() == 30


def test_import_with_one_bad_day_changes_nothing(diary, today):
    diary.save(entry(today, pain=1))
    batch = [entry(today, pain=5), entry(today - dt.timedelta(days=1), pain=42)]
    with pytest.raises(DiaryValidationError):
        diary.import_entries(batch)
    assert diary.get(today).pain == 1
    assert diary.count() == 1


def test_every_connection_has_the_durability_pragmas(database):
    connections = [database.engine.connect() for _ in range(3)]  # several pooled connections
    try:
        for conn in connections:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        for conn in connections:
            conn.close()


def test_database_check_constraints_back_up_the_rules(database):
    with pytest.raises(IntegrityError, match="CHECK constraint failed"):
        with database.writing() as session:
            session.execute(text(
                "INSERT INTO diary_day"
                " (uuid, day, pain, walking_minutes, limitation, flare_up, note, created_at, updated_at)"
                " VALUES ('u', '2026-01-01', 99, 0, 0, 0, '', '2026-01-01', '2026-01-01')"))


def test_a_failed_transaction_is_rolled_back_whole(diary, database, today):
    """Savepoints and BEGIN work because the driver is in autocommit mode."""
    with pytest.raises(RuntimeError):
        with database.writing() as session:
            session.execute(text(
                "INSERT INTO app_setting (key, value) VALUES ('a', '1')"))
            raise RuntimeError("boom")
    with database.reading() as conn:
        assert conn.execute("SELECT count(*) FROM app_setting").fetchone()[0] == 0


def test_saved_day_is_visible_to_a_separate_plain_sqlite_reader(diary, database, today):
    diary.save(entry(today))
    conn = sqlite3.connect(database.path)
    try:
        assert conn.execute("SELECT pain FROM diary_day WHERE day = ?", (today.isoformat(),)).fetchone() == (4,)
    finally:
        conn.close()


def test_rows_have_uuid_and_updated_at(diary, database, today):
    diary.save(entry(today))
    with database.reading() as conn:
        uuid, updated = conn.execute("SELECT uuid, updated_at FROM diary_day").fetchone()
    assert len(uuid) == 36 and updated
    diary.save(entry(today, pain=2))
    with database.reading() as conn:
        uuid2, updated2 = conn.execute("SELECT uuid, updated_at FROM diary_day").fetchone()
    assert uuid2 == uuid and updated2 >= updated


def test_settings_round_trip(database):
    from desktop.store.settings_service import SettingsService

    settings = SettingsService(database)
    assert settings.get("text_size", "normal") == "normal"
    settings.set("text_size", "large")
    settings.set("text_size", "larger")
    assert settings.get("text_size", "normal") == "larger"
