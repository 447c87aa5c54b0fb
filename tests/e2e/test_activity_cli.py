"""`supportback activity import`, run as a user would."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from desktop import paths
from tests.cli_helpers import run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "activity"
LATER = ("--today", "2026-04-20")


def _rows(data_root: Path):
    with sqlite3.connect(paths.database_path(data_root, "default")) as conn:
        return conn.execute("SELECT day, steps, walking_minutes, source FROM measured_day ORDER BY day").fetchall()


def test_import_then_the_same_file_again(data_root):
    first = run_cli("activity", "import", str(DATA / "export.xml"), *LATER)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == ("Imported 4 days of steps from Apple Health (2026-03-01 to 2026-03-30) into "
                                    "profile 'default': 4 new, 0 corrected, 0 unchanged.")
    assert _rows(data_root)[0] == ("2026-03-01", 3750, 33, "Sam’s Apple Watch")
    again = run_cli("activity", "import", str(DATA / "export.xml"), *LATER)
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 corrected, 4 unchanged." in again.stdout


def test_fitbit_zip_with_a_time_zone(data_root, tmp_path):
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(DATA / "steps-2026-03-01.json", "Takeout/Fitbit/Global Export Data/steps-2026-03-01.json")
    result = run_cli("activity", "import", str(archive), "--time-zone", "Asia/Tokyo", *LATER)
    assert result.returncode == 0, result.stderr
    assert ("2026-03-02", 40, None, "Fitbit") in _rows(data_root)


def test_bad_files_exit_1_with_a_reason_and_save_nothing(data_root, tmp_path):
    ok = run_cli("activity", "import", str(DATA / "steps.csv"), *LATER)
    assert ok.returncode == 0, ok.stderr
    before = _rows(data_root)
    notes = tmp_path / "notes.txt"
    notes.write_text("I walked to the shop\n", encoding="utf-8")
    cut = tmp_path / "export.xml"
    cut.write_bytes((DATA / "export.xml").read_bytes()[:3000])
    future = tmp_path / "steps.csv"
    future.write_text("date,steps\n2026-04-19,100\n2026-04-21,50\n", encoding="utf-8")
    for path, reason in [(notes, "none of the formats SupportBack knows"), (cut, "ends too early"),
                         (future, "2026-04-21 is after today"),
                         (tmp_path / "missing.zip", "No such file or directory."),
                         (tmp_path, "it is a folder.")]:
        result = run_cli("activity", "import", str(path), *LATER)
        assert result.returncode == 1, (path, result.stderr)
        assert result.stderr.startswith(f"supportback: {path.name}: ")
        assert reason in result.stderr and "Nothing was imported." in result.stderr
        assert "Traceback" not in result.stderr
    assert _rows(data_root) == before


def test_usage_errors_exit_2():
    assert run_cli("activity", "import").returncode == 2
    result = run_cli("activity", "import", str(DATA / "steps.csv"), "--time-zone", "Mars/Olympus")
    assert result.returncode == 2 and "not a time zone name" in result.stderr
