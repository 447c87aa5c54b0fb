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


@pytest.fixture(scope="session")
def _no_scheduler(tmp_path_factory) -> Path:
    """A folder whose `systemctl` refuses, as in a container without a user session: no test
    ever gives this computer's own scheduler a reminder (tests that want one put their own first)."""
    folder = tmp_path_factory.mktemp("no-scheduler")
    script = folder / "systemctl"
    script.write_text("#!/bin/sh\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n")
    script.chmod(0o755)
    return folder


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch, _no_scheduler):
    """Every test gets its own data folder and home, so nothing touches the real user's data."""
    monkeypatch.setenv("SUPPORTBACK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))  # systemd user units go here
    monkeypatch.setenv("PATH", f"{_no_scheduler}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("SUPPORTBACK_TODAY", TODAY.isoformat())
    monkeypatch.setenv("SUPPORTBACK_SPEECH_ENGINE", "mock")  # Read aloud never starts this computer's speech program
    monkeypatch.setenv("SUPPORTBACK_CLINIC_CONFIG", str(tmp_path / "clinic.toml"))  # never this PC's own
    (tmp_path / "home").mkdir()
    from desktop.content.loader import set_language

    set_language(None)  # content in English unless a test (or the profile it opens) says otherwise


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
