"""Bring a profile database to the app's schema before any window opens.

A new database is created by running every migration; an older one is upgraded; one
written by a newer app is refused, because this app cannot know what it would break.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

# The newest migration this app knows. tests/unit/test_migrations.py checks it matches
# Alembic's head, so start-up can skip importing Alembic when there is nothing to do.
HEAD_REVISION = "0002_app_setting"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseTooNew(RuntimeError):
    def __init__(self, path: Path, revision: str):
        super().__init__(
            f"The diary in {path} was saved by a newer version of SupportBack (schema {revision}). "
            "Please install the latest version of SupportBack to open it; nothing has been changed."
        )
        self.revision = revision


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade_to(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def ensure_schema(engine: Engine, path: Path) -> None:
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(path, revision)
    upgrade_to(engine)
