"""Durability: a killed process never leaves a half-written diary, and a save is kept once reported.

The import of a large CSV runs in one transaction and reports progress on stderr while it is
still uncommitted. These tests kill it with SIGKILL (no clean-up, no atexit, no rollback by
Python) at many moments, and then look at the file with plain sqlite3, as a fresh start of
the app would: it must be healthy and hold either the whole import or none of it.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

# Not "from conftest import ...": with tests/ui/conftest.py present, the name "conftest" is ambiguous.
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

DAYS = 4000
EXERCISES_PER_DAY = 2  # "knee rolls;bridge" on every row
HEADER = "date,pain,walking_minutes,exercises,limitation,flare_up,sleep,mood,note"
KILL_RUNS = 14
SEED = 20260315


def _write_big_csv(path: Path, today: dt.date, days: int = DAYS) -> None:
    rng = random.Random(SEED)
    last = today - dt.timedelta(days=1)
    lines = [HEADER]
    for i in range(days):
        day = last - dt.timedelta(days=days - 1 - i)
        flare = "yes" if rng.random() < 0.05 else "no"
        lines.append(
            f"{day.isoformat()},{rng.randint(0, 10)},{rng.randint(0, 120)},knee rolls;bridge,"
            f"{rng.randint(0, 10)},{flare},{rng.randint(0, 10)},{rng.randint(0, 10)},day {i}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], check=False, capture_output=True, text=True,
                          env=_child_env(), cwd=ROOT, timeout=120)


def _start_import(data_dir: Path, csv_path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "diary", "import", str(csv_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1, env=_child_env(), cwd=ROOT,
    )


def _db_path(data_dir: Path) -> Path:
    return data_dir / "profiles" / "default" / "diary.sqlite"


@dataclass
class DbState:
    exists: bool
    integrity: str
    days: int
    exercises: int
    has_tables: bool


def _inspect(data_dir: Path) -> DbState:
    """Look at the file with plain sqlite3, read-only: the WAL the kill left behind stays for the
    next run of the app to recover (a read-write connection would checkpoint and delete it)."""
    path = _db_path(data_dir)
    if not path.exists():
        return DbState(False, "ok", 0, 0, False)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check").fetchall())
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        has_tables = {"diary_day", "diary_exercise"} <= tables
        days = conn.execute("SELECT count(*) FROM diary_day").fetchone()[0] if "diary_day" in tables else 0
        exercises = (conn.execute("SELECT count(*) FROM diary_exercise").fetchone()[0]
                     if "diary_exercise" in tables else 0)
        if has_tables:
            orphans = conn.execute(
                "SELECT count(*) FROM diary_exercise e LEFT JOIN diary_day d ON d.id = e.diary_day_id "
                "WHERE d.id IS NULL").fetchone()[0]
            assert orphans == 0, f"{orphans} diary_exercise rows point at no diary day"
    finally:
        conn.close()
    return DbState(True, integrity, days, exercises, has_tables)


def _assert_all_or_nothing(state: DbState, what: str) -> None:
    assert state.integrity == "ok", f"{what}: integrity_check said {state.integrity!r}"
    assert state.days in (0, DAYS), f"{what}: {state.days} diary days survived; expected 0 or {DAYS}"
    expected_exercises = 0 if state.days == 0 else DAYS * EXERCISES_PER_DAY
    assert state.exercises == expected_exercises, (
        f"{what}: {state.exercises} diary_exercise rows with {state.days} days; expected {expected_exercises}")


def _run_to_completion(data_dir: Path, csv_path: Path) -> tuple[float, str, str]:
    started = time.perf_counter()
    proc = _start_import(data_dir, csv_path)
    out, err = proc.communicate(timeout=120)
    elapsed = time.perf_counter() - started
    assert proc.returncode == 0, f"import failed ({proc.returncode}): {err}"
    return elapsed, out, err


def _kill_run(run: int, data_dir: Path, csv_path: Path, kill_at_line: int | None = None,
              delay: float | None = None) -> dict:
    """Start an import, SIGKILL it on a progress line or after a delay, and check what it left."""
    proc = _start_import(data_dir, csv_path)
    watchdog = threading.Timer(60, proc.kill)  # never hang the suite on a stuck child
    watchdog.start()
    seen: list[str] = []
    try:
        if kill_at_line is not None:
            mode = f"on progress line {kill_at_line}"
            while len(seen) < kill_at_line:
                line = proc.stderr.readline()
                if not line:
                    break
                if line.startswith("Writing "):
                    seen.append(line.strip())
        else:
            mode = f"after {delay:.3f}s"
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                pass
        proc.send_signal(signal.SIGKILL)
        _, rest = proc.communicate(timeout=30)
    finally:
        watchdog.cancel()
    seen += [line.strip() for line in rest.splitlines() if line.startswith("Writing ")]
    finished = proc.returncode == 0
    assert proc.returncode in (0, -signal.SIGKILL), f"run {run} ({mode}) failed by itself: {rest}"

    wal = _db_path(data_dir).with_name("diary.sqlite-wal")
    hot_wal = wal.exists() and wal.stat().st_size > 0
    state = _inspect(data_dir)
    if hot_wal:
        assert wal.exists(), "the read-only look removed the WAL; the next run would not meet it"
    what = f"run {run}, killed {mode} (saw {seen[-1] if seen else 'no progress'})"
    _assert_all_or_nothing(state, what)
    if finished:
        assert state.days == DAYS, f"{what}: the process finished but only {state.days} days are there"
    return {"run": run, "mode": mode, "progress": len(seen), "days": state.days, "finished": finished,
            "db": state.exists, "wal": hot_wal}


def test_killed_import_leaves_all_or_nothing(tmp_path, today):
    csv_path = tmp_path / "big.csv"
    _write_big_csv(csv_path, today)

    # Calibrate: how long does a whole import take here, and how many progress lines does it print?
    full_time, out, err = _run_to_completion(tmp_path / "calibration", csv_path)
    progress_lines = [line for line in err.splitlines() if line.startswith("Writing ")]
    assert progress_lines and progress_lines[-1] == f"Writing {DAYS} of {DAYS} days...", err
    assert f"{DAYS} new" in out, out
    calibrated = _inspect(tmp_path / "calibration")
    _assert_all_or_nothing(calibrated, "calibration run")
    assert calibrated.days == DAYS

    rng = random.Random(SEED)
    last = len(progress_lines)
    kill_lines = [1, 2, last, 4, 3, last, last - 2]  # early lines are surely mid-transaction
    data_dir = tmp_path / "killed-0"
    fresh_dirs = 0
    outcomes: list[dict] = []
    for run in range(KILL_RUNS - 1):
        if run % 2 == 0:
            # Deterministic: kill on the Nth progress line, i.e. with the transaction open.
            # Mostly early lines (clearly mid-transaction), sometimes the last one (racing the COMMIT).
            outcome = _kill_run(run, data_dir, csv_path, kill_at_line=kill_lines[(run // 2) % len(kill_lines)])
        else:
            outcome = _kill_run(run, data_dir, csv_path, delay=rng.uniform(0.0, full_time * 1.25))
        outcomes.append(outcome)
        if outcome["days"] == DAYS:
            # The import got in; start the next run on a fresh profile so it has work to do again.
            fresh_dirs += 1
            data_dir = tmp_path / f"killed-{fresh_dirs}"
    # The last kill is surely mid-transaction, so the final run below starts from what a kill left.
    outcomes.append(_kill_run(KILL_RUNS - 1, data_dir, csv_path, kill_at_line=1))

    print(f"\nfull import took {full_time:.2f}s")
    print("\n".join(str(o) for o in outcomes))
    mid_transaction = [o for o in outcomes if o["progress"] and o["days"] == 0 and not o["finished"]]
    assert mid_transaction, f"no run was killed mid-transaction: {outcomes}"
    assert outcomes[-1]["days"] == 0 and not outcomes[-1]["finished"], outcomes[-1]

    # Whatever the kills left behind, an uninterrupted run imports everything ...
    _, out, err = _run_to_completion(data_dir, csv_path)
    state = _inspect(data_dir)
    _assert_all_or_nothing(state, "final run")
    assert state.days == DAYS, f"final run left {state.days} days: {out} {err}"
    # ... and importing the same file again changes nothing.
    _, out, err = _run_to_completion(data_dir, csv_path)
    assert f"0 new, 0 updated, {DAYS} unchanged" in out, out
    again = _inspect(data_dir)
    _assert_all_or_nothing(again, "repeated import")
    assert again.days == DAYS

    # The kill-left profile is usable by the command line too.
    exported = tmp_path / "out.csv"
    result = run_cli("--data-dir", str(data_dir), "diary", "export", str(exported))
    assert result.returncode == 0, result.stderr
    assert len(exported.read_text(encoding="utf-8").splitlines()) == DAYS + 1


_SAVE_CHILD = r"""
import datetime as dt, sys, time
from pathlib import Path
from desktop.content.loader import exercise_catalogue
from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.store.database import open_database
from desktop.store.diary_service import DiaryService

root, day, profile = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]), sys.argv[3]
database = open_database(root, profile)
diary = DiaryService(database, exercise_catalogue(), FixedClock(day))
diary.save(DiaryEntry(day=day, pain=4, walking_minutes=25, limitation=3, flare_up=True,
                      exercises=frozenset({"bridge", "knee-rolls"}), sleep=6, mood=7, note="kept"))
print("saved", flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("existing_days", [0, 30])
def test_reported_save_survives_sigkill(tmp_path, today, existing_days):
    data_dir = tmp_path / "data"
    profile = "default"
    if existing_days:  # a profile with history and a WAL in use, not only a brand-new file
        result = run_cli("--data-dir", str(data_dir), "demo", "--days", str(existing_days))
        assert result.returncode == 0, result.stderr
        profile = "Demo"
    before = _count_days(data_dir / "profiles" / profile / "diary.sqlite")
    proc = subprocess.Popen([sys.executable, "-c", _SAVE_CHILD, str(data_dir), today.isoformat(), profile],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_child_env(), cwd=ROOT)
    try:
        line = proc.stdout.readline()
        stderr = proc.stderr.read() if proc.poll() is not None else ""
        assert line.strip() == "saved", f"child did not save: {line!r} {stderr}"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(data_dir / "profiles" / profile / "diary.sqlite")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = conn.execute("SELECT id, pain, walking_minutes, limitation, flare_up, sleep, mood, note "
                           "FROM diary_day WHERE day = ?", (today.isoformat(),)).fetchone()
        assert row is not None, "the day reported as saved is gone after SIGKILL"
        assert row[1:] == (4, 25, 3, 1, 6, 7, "kept")
        keys = {r[0] for r in conn.execute("SELECT exercise_key FROM diary_exercise WHERE diary_day_id = ?", (row[0],))}
        assert keys == {"bridge", "knee-rolls"}
        total = conn.execute("SELECT count(*) FROM diary_day").fetchone()[0]
    finally:
        conn.close()
    # the demo may already have had today; then the save replaced it
    assert total in (before, before + 1)


def _count_days(path: Path) -> int:
    if not path.exists():
        return 0
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM diary_day").fetchone()[0]
    finally:
        conn.close()
