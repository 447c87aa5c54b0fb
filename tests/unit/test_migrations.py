import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text

from desktop import paths
from desktop.store import schema
from desktop.store.database import open_database
from desktop.store.engine import make_engine


def test_head_revision_constant_matches_alembic():
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(schema.alembic_config()).get_heads()
    assert heads == [schema.HEAD_REVISION]


def test_new_database_is_created_at_head(data_root):
    db = open_database(data_root, "default")
    try:
        assert schema.current_revision(db.path) == schema.HEAD_REVISION
    finally:
        db.close()


def test_migrated_schema_matches_the_models(data_root):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.store.models import Base

    db = open_database(data_root, "default")
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        db.close()
    assert diff == []


def test_old_schema_upgrades_and_keeps_its_data(data_root):
    path = paths.database_path(data_root, "default")
    path.parent.mkdir(parents=True)
    schema.upgrade_to(path, "0001_diary")
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO diary_day"
            " (uuid, day, pain, walking_minutes, limitation, flare_up, note, created_at, updated_at)"
            " VALUES ('11111111-1111-1111-1111-111111111111', '2026-03-01', 5, 10, 4, 0, 'old',"
            " '2026-03-01', '2026-03-01')"))
    engine.dispose()

    db = open_database(data_root, "default")
    try:
        assert schema.current_revision(db.path) == schema.HEAD_REVISION
        with db.reading() as conn:
            assert conn.execute("SELECT note FROM diary_day").fetchone() == ("old",)
            assert conn.execute("SELECT count(*) FROM app_setting").fetchone() == (0,)
    finally:
        db.close()


def test_database_from_a_newer_app_is_refused_and_left_alone(data_root):
    db = open_database(data_root, "default")
    with db.writing() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.close()
    path = paths.database_path(data_root, "default")
    before = path.read_bytes()
    with pytest.raises(schema.DatabaseTooNew, match="newer version"):
        open_database(data_root, "default")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999_from_the_future",)
    conn.close()
    assert path.read_bytes()[:100] == before[:100]


_ROWS_AT_0004 = [
    "INSERT INTO diary_day (id, uuid, day, pain, walking_minutes, limitation, flare_up, sleep, mood, note, created_at,"
    " updated_at) VALUES (1, '11111111-1111-4111-8111-111111111111', '2026-03-01', 5, 10, 4, 1, 6, NULL, 'old',"
    " '2026-03-01 08:00:00.000000', '2026-03-01 08:00:00.000000')",
    "INSERT INTO diary_exercise (diary_day_id, exercise_key) VALUES (1, 'bridge')",
    "INSERT INTO app_setting (key, value) VALUES ('text_size', 'large')",
    "INSERT INTO usage_event (uuid, kind, detail, occurred_at, updated_at) VALUES"
    " ('22222222-2222-4222-8222-222222222222', 'diary_saved', '{}', '2026-03-01 08:00:00', '2026-03-01 08:00:00')",
    "INSERT INTO programme_state (id, uuid, started_on, activity_choice, safety_outcome, paused_for_safety,"
    " indicators, reminder_time, clinic_code, updated_at) VALUES (1, '33333333-3333-4333-8333-333333333333',"
    " '2026-03-01', 'both', 'clear', 0, '', '19:00', 'STUDY1', '2026-03-01 08:00:00')",
    "INSERT INTO session_record (uuid, number, completed_on, updated_at) VALUES"
    " ('44444444-4444-4444-8444-444444444444', 1, '2026-03-01', '2026-03-01 08:00:00')",
    "INSERT INTO goal (uuid, session_number, activity, level, days_per_week, minutes_per_day, exercise_count,"
    " repetitions, times_per_day, exercises, plan_when, plan_where, set_on, updated_at) VALUES"
    " ('55555555-5555-4555-8555-555555555555', 1, 'walking', 1, 3, 10, 0, 0, 0, '', 'after lunch', 'park',"
    " '2026-03-01', '2026-03-01 08:00:00')",
    "INSERT INTO questionnaire_response (uuid, questionnaire, occasion, item_id, value, answered_on, updated_at)"
    " VALUES ('66666666-6666-4666-8666-666666666666', 'rmdq', 'baseline', 'rmdq_1', 1, '2026-03-01',"
    " '2026-03-01 08:00:00')",
]
_TABLES = ["diary_day", "diary_exercise", "app_setting", "usage_event", "programme_state", "session_record", "goal",
           "questionnaire_response"]


def _dump(conn, table):
    return sorted(map(tuple, conn.execute(f"SELECT * FROM {table}").fetchall()))


def test_upgrade_from_0004_keeps_every_row_and_starts_with_no_tombstones(data_root, today):
    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import FixedClock
    from desktop.store.diary_service import DiaryService

    path = paths.database_path(data_root, "default")
    path.parent.mkdir(parents=True)
    schema.upgrade_to(path, "0004_programme")
    conn = sqlite3.connect(path)
    with conn:
        for statement in _ROWS_AT_0004:
            conn.execute(statement)
    before = {table: _dump(conn, table) for table in _TABLES}
    conn.close()

    db = open_database(data_root, "default")
    try:
        assert schema.current_revision(db.path) == schema.HEAD_REVISION
        with db.reading() as conn:
            assert {table: _dump(conn, table) for table in _TABLES} == before
            assert conn.execute("SELECT count(*) FROM deleted_row").fetchone() == (0,)
        # and the old day can be deleted like any other, leaving its tombstone
        DiaryService(db, exercise_catalogue(), FixedClock(today)).delete(dt.date(2026, 3, 1))
        with db.reading() as conn:
            assert conn.execute("SELECT uuid, section FROM deleted_row").fetchall() == [
                ("11111111-1111-4111-8111-111111111111", "diary")]
            assert conn.execute("SELECT count(*) FROM diary_exercise").fetchone() == (0,)
    finally:
        db.close()


def test_upgrade_to_optional_walking_keeps_every_row_and_its_exercises(data_root, today):
    """0006 rebuilds diary_day (SQLite cannot drop NOT NULL in place): nothing may be lost,
    not even the exercises that hang off it by a cascading foreign key."""
    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import FixedClock
    from desktop.domain.diary import DiaryEntry
    from desktop.store.diary_service import DiaryService

    path = paths.database_path(data_root, "default")
    path.parent.mkdir(parents=True)
    schema.upgrade_to(path, "0005_deleted_row")
    conn = sqlite3.connect(path)
    with conn:
        for statement in _ROWS_AT_0004:
            conn.execute(statement)
        conn.execute("INSERT INTO deleted_row (uuid, section, deleted_at) VALUES"
                     " ('77777777-7777-4777-8777-777777777777', 'diary', '2026-03-02 08:00:00')")
    before = {table: _dump(conn, table) for table in [*_TABLES, "deleted_row"]}
    conn.close()

    db = open_database(data_root, "default")
    try:
        assert schema.current_revision(db.path) == schema.HEAD_REVISION
        with db.reading() as conn:
            assert {table: _dump(conn, table) for table in [*_TABLES, "deleted_row"]} == before
            assert conn.execute("SELECT count(*) FROM activity_rating").fetchone() == (0,)
            with pytest.raises(sqlite3.IntegrityError):  # the range check survived the rebuild
                conn.execute("UPDATE diary_day SET walking_minutes = 2000")
        service = DiaryService(db, exercise_catalogue(), FixedClock(today))
        assert service.get(dt.date(2026, 3, 1)).walking_minutes == 10
        assert service.get(dt.date(2026, 3, 1)).exercises == {"bridge"}
        service.save(DiaryEntry(day=dt.date(2026, 3, 2), pain=4, walking_minutes=None, limitation=3))
        assert service.get(dt.date(2026, 3, 2)).walking_minutes is None
        with db.reading() as conn:
            assert conn.execute("SELECT walking_minutes FROM diary_day WHERE day = '2026-03-02'").fetchone() == (None,)
    finally:
        db.close()


def test_optional_walking_migrates_down_to_no_walk(data_root):
    path = paths.database_path(data_root, "default")
    path.parent.mkdir(parents=True)
    schema.upgrade_to(path, "0006_walking_optional")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(_ROWS_AT_0004[0].replace(" 10, 4, 1,", " NULL, 4, 1,"))
        conn.execute(_ROWS_AT_0004[1])
    conn.close()
    _downgrade(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT walking_minutes FROM diary_day").fetchall() == [(0,)]
    assert conn.execute("SELECT exercise_key FROM diary_exercise").fetchall() == [("bridge",)]
    conn.close()


def _downgrade(path):
    from alembic import command

    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            command.downgrade(schema.alembic_config(conn), "0005_deleted_row")
    finally:
        engine.dispose()


def test_upgrade_from_0005_adds_an_empty_measured_day_table_and_keeps_the_diary(data_root):
    path = paths.database_path(data_root, "default")
    path.parent.mkdir(parents=True)
    schema.upgrade_to(path, "0005_deleted_row")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(_ROWS_AT_0004[0])
    before = _dump(conn, "diary_day")
    conn.close()
    db = open_database(data_root, "default")
    try:
        with db.reading() as conn:
            assert _dump(conn, "diary_day") == before
            assert conn.execute("SELECT count(*) FROM measured_day").fetchone() == (0,)
    finally:
        db.close()
