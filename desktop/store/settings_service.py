"""Per-profile preferences stored in the profile's own database."""

from __future__ import annotations

from sqlalchemy import select

from desktop.store.database import Database
from desktop.store.models import AppSetting


class SettingsService:
    def __init__(self, database: Database):
        self.database = database

    def get(self, key: str, default: str) -> str:
        with self.database.reading() as session:
            value = session.scalar(select(AppSetting.value).where(AppSetting.key == key))
        return default if value is None else value

    def set(self, key: str, value: str) -> None:
        with self.database.writing() as session:
            setting = session.get(AppSetting, key)
            if setting is None:
                session.add(AppSetting(key=key, value=value))
            else:
                setting.value = value
