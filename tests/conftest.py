"""Shared test set-up: no display, a fresh data folder per test, a fixed 'today'."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 3, 15)
# Module-scoped fixtures (demo profiles, exports) run before the per-test environment below: they
# see the same today, so their diaries and exports are never dated after the day tests read them.
os.environ["SUPPORTBACK_TODAY"] = TODAY.isoformat()


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """Every test gets its own data folder and home, so nothing touches the real user's data."""
    monkeypatch.setenv("SUPPORTBACK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("SUPPORTBACK_TODAY", TODAY.isoformat())
    monkeypatch.setenv("SUPPORTBACK_CLINIC_CONFIG", str(tmp_path / "clinic.toml"))  # never this PC's own
    (tmp_path / "home").mkdir()


@pytest.fixture
def data_root(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def database(data_root):
    from desktop.store.database import open_database

    db = open_database(data_root, "default")
    yield db
    db.close()


@pytest.fixture
def diary(database):
    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import FixedClock
    from desktop.store.diary_service import DiaryService

    return DiaryService(database, exercise_catalogue(), FixedClock(TODAY))
