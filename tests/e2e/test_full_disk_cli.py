"""Point 6 of issue 15, for real: the command runs in a child process whose files may not grow
past a size (RLIMIT_FSIZE, with SIGXFSZ ignored), so writes fail there as on a full disk
(SQLite then reports "disk I/O error", Python's own writes EFBIG). Each failure is one line
naming what did not happen: no traceback, no diary note, nothing half-written left behind."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys

import pytest
from cli_helpers import ROOT, clinic_keygen, run_cli

resource = pytest.importorskip("resource")

SECRET = "SECRET-NOTE-about-my-sister"


def _limited(limit: int, *args: str) -> subprocess.CompletedProcess:
    import signal

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, preexec_fn=limit_file_size)


def _one_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _days(db) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM diary_day").fetchone()[0]


def test_point6_diary_import_with_a_full_disk_real_limit(tmp_path, data_root):
    assert run_cli("demo", "--days", "60").returncode == 0
    db = data_root / "profiles" / "Demo" / "diary.sqlite"
    before, size = _days(db), db.stat().st_size
    csv_file = tmp_path / "days.csv"
    rows = [f"{dt.date(2026, 3, 14) - dt.timedelta(days=i)},3,20,bridge,4,no,5,5,{SECRET} {i} {'x' * 1500}\n"
            for i in range(900)]
    csv_file.write_text("date,pain,walking_minutes,exercises,limitation,flare_up,sleep,mood,note\n" + "".join(rows))
    # the backup made first cannot be written; then it can, but the days cannot
    for limit in (size // 2, size + 64 * 1024):
        result = _limited(limit, "--profile", "Demo", "diary", "import", str(csv_file))
        assert _one_line(result) == ("supportback: The disk could not be written (a disk I/O error: is it full?): "
                                     "nothing was imported.")
        assert _days(db) == before
        assert [p.name for p in (db.parent / "backups").iterdir() if p.name.endswith(".part")] == []


def test_point6_export_and_collect_with_a_full_disk_real_limit(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "365").returncode == 0
    out = tmp_path / "exports"
    out.mkdir()
    result = _limited(40_000, "export", "--recipient", recipient, "--out", str(out / "mine.age"))  # about 100 KB
    assert _one_line(result) == ("supportback: The file became larger than this disk or this system allows: "
                                 "no export was written.")
    assert list(out.iterdir()) == []
    assert run_cli("export", "--recipient", recipient, "--out", str(out / "mine.age")).returncode == 0
    research = tmp_path / "research"
    result = _limited(40_000, "research", "collect", "--identity", str(identity), "--out", str(research),
                      str(out / "mine.age"))
    line = _one_line(result)  # (where it stops - the database, a table - decides which words)
    assert line.startswith(("supportback: The disk could not be written", "supportback: The file became larger"))
    assert line.endswith(": the collection did not finish; free some space and run the same command again.")
    finished = run_cli("research", "collect", "--identity", str(identity), "--out", str(research),
                       str(out / "mine.age"))
    assert finished.returncode == 0 and "1 accepted" in finished.stdout, finished.stderr
