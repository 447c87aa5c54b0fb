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
            "INSERT INTO diary_day (uuid, day, pain, walking_minutes, limitation, flare_up, note, created_at, updated_at)"
            " VALUES ('11111111-1111-1111-1111-111111111111', '2026-03-01', 5, 10, 4, 0, 'old', '2026-03-01', '2026-03-01')"))
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
