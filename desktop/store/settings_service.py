"""Per-profile preferences stored in the profile's own database."""

from __future__ import annotations

from desktop.store import diary_reader
from desktop.store.database import Database

# "Lock after N minutes without use" (Settings > PIN and locking; `profile unprotect` sets it to 0).
AUTO_LOCK_SETTING = "auto_lock_minutes"
LANGUAGE_SETTING = "language"  # the profile's language: a folder name under resources/content/


class SettingsService:
    def __init__(self, database: Database):
        self.database = database

    def get(self, key: str, default: str) -> str:
        with self.database.reading() as connection:
            value = diary_reader.read_setting(connection, key)
        return default if value is None else value

    def set(self, key: str, value: str) -> None:
        from desktop.store.models import AppSetting

        with self.database.writing() as session:
            setting = session.get(AppSetting, key)
            if setting is None:
                session.add(AppSetting(key=key, value=value))
            else:
                setting.value = value

    def language(self) -> str | None:
        """The language the profile chose, or None if it has not chosen one."""
        return self.get(LANGUAGE_SETTING, "") or None

    def is_new_profile(self) -> bool:
        """Nothing in the diary and getting started not done: the first start of a profile."""
        with self.database.reading() as connection:
            days = connection.execute("SELECT COUNT(*) FROM diary_day").fetchone()[0]
            onboarded = connection.execute(
                "SELECT COUNT(*) FROM programme_state WHERE started_on IS NOT NULL").fetchone()[0]
        return days == 0 and onboarded == 0
