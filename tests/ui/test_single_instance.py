"""One app per profile: a second launch brings the first window forward and never opens the diary twice."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from ui_helpers import ROOT, child_env, run_desktop

from desktop import paths
from desktop.store import backup
from desktop.ui.base.single_instance import SingleInstance

HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QTimer
    from desktop.ui.base.single_instance import SingleInstance

    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]))
    if not instance.acquire():
        print("busy", flush=True)
        sys.exit(3)

    def raised():
        print("raised", flush=True)
        QTimer.singleShot(0, app.quit)

    instance.raise_requested.connect(raised)
    QTimer.singleShot(0, lambda: print("ready", flush=True))
    QTimer.singleShot(30000, app.quit)  # never outlive the test run
    app.exec()
    instance.release()
    print("released", flush=True)
""")


class Child:
    """A child process whose stdout lines can be awaited without blocking forever."""

    def __init__(self, args: list[str], **popen):
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        env=child_env(), cwd=ROOT, **popen)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.strip())

    def wait_for_line(self, wanted: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            seen.append(line)
            if line == wanted:
                return
        raise AssertionError(f"child never printed {wanted!r}; printed {seen}, "
                             f"stderr: {self._stderr_if_done()}")

    def _stderr_if_done(self) -> str:
        return self.process.stderr.read() if self.process.poll() is not None else "(still running)"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def children():
    started: list[Child] = []

    def start(args: list[str]) -> Child:
        child = Child(args)
        started.append(child)
        return child

    yield start
    for child in started:
        child.stop()


def hold_profile(children, folder: Path) -> Child:
    child = children([sys.executable, "-c", HOLDER, str(folder)])
    child.wait_for_line("ready")
    return child


# In one process ----------------------------------------------------------------------------

def test_first_acquire_succeeds_and_second_fails_for_the_same_profile(qtbot, tmp_path):
    folder = tmp_path / "profiles" / "default"
    first = SingleInstance(folder)
    second = SingleInstance(folder)
    try:
        assert first.acquire()
        assert (folder / "app.lock").exists()
        assert not second.acquire()
    finally:
        first.release()
    assert second.acquire(), "once the first lets go, the profile can be opened again"
    second.release()


def test_another_profile_is_not_blocked(qtbot, tmp_path):
    first = SingleInstance(tmp_path / "profiles" / "default")
    other = SingleInstance(tmp_path / "profiles" / "Sam")
    try:
        assert first.acquire()
        assert other.acquire()
        assert first.server_name != other.server_name
    finally:
        first.release()
        other.release()


def test_nobody_to_ask_when_no_instance_runs(qtbot, tmp_path):
    lonely = SingleInstance(tmp_path / "p")
    assert lonely.ask_running_instance_to_raise(timeout_ms=300) is False


# Across processes --------------------------------------------------------------------------

def test_second_instance_asks_the_running_one_to_come_forward(qtbot, tmp_path, children):
    # The running instance lives in a child process: asking blocks this thread, so the first
    # instance must have an event loop of its own to answer (as it does in real use).
    folder = tmp_path / "profiles" / "default"
    holder = hold_profile(children, folder)

    second = SingleInstance(folder)
    assert not second.acquire()
    assert second.ask_running_instance_to_raise()
    holder.wait_for_line("raised")
    holder.wait_for_line("released")
    assert holder.process.wait(timeout=10) == 0


def test_in_process_raise_request_reaches_the_first_instance(qtbot, tmp_path, children):
    # The other direction: the first instance is this process (with qtbot's event loop) and
    # the second launch is a child that asks it to come forward.
    folder = tmp_path / "profiles" / "default"
    first = SingleInstance(folder)
    assert first.acquire()
    try:
        asker = textwrap.dedent("""
            import sys
            from pathlib import Path
            from PySide6.QtCore import QCoreApplication
            from desktop.ui.base.single_instance import SingleInstance
            app = QCoreApplication([])
            second = SingleInstance(Path(sys.argv[1]))
            print("acquired" if second.acquire() else "locked", flush=True)
            print("answered" if second.ask_running_instance_to_raise(5000) else "no answer", flush=True)
        """)
        with qtbot.waitSignal(first.raise_requested, timeout=15000):
            child = children([sys.executable, "-c", asker, str(folder)])
        child.wait_for_line("locked")
        child.wait_for_line("answered")
    finally:
        first.release()


def test_a_crashed_instance_does_not_lock_the_profile_forever(qtbot, tmp_path, children):
    folder = tmp_path / "profiles" / "default"
    holder = hold_profile(children, folder)
    holder.process.send_signal(signal.SIGKILL)
    holder.process.wait(timeout=10)
    assert (folder / "app.lock").exists()  # left behind by the crash

    after = SingleInstance(folder)
    try:
        assert after.acquire()
    finally:
        after.release()


# The real app, launched twice --------------------------------------------------------------

def seed_profile(root: Path) -> None:
    import datetime as dt

    from desktop.content.loader import exercise_catalogue
    from desktop.domain.clock import FixedClock
    from desktop.domain.diary import DiaryEntry
    from desktop.store.database import open_database
    from desktop.store.diary_service import DiaryService

    database = open_database(root, "default")
    try:
        service = DiaryService(database, exercise_catalogue(), FixedClock(dt.date(2026, 3, 15)))
        for offset in range(10):
            service.save(DiaryEntry(day=dt.date(2026, 3, 15) - dt.timedelta(days=offset), pain=offset,
                                    walking_minutes=5 * offset, limitation=2, note=f"day {offset}"))
    finally:
        database.close()


def wait_until_running(child: Child, root: Path, timeout: float = 30) -> None:
    """The app makes its first automatic backup once its event loop runs."""
    backups = paths.backups_dir(root, "default")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert child.process.poll() is None, f"the first instance stopped: {child.process.stderr.read()}"
        if backup.list_backups(backups):
            return
        time.sleep(0.05)
    raise AssertionError("the first instance never finished starting")


@pytest.mark.slow
def test_second_launch_of_the_app_brings_the_first_forward_and_leaves_the_diary_whole(tmp_path, children):
    root = tmp_path / "shared"
    seed_profile(root)
    first = children([sys.executable, "-m", "desktop", "--data-dir", str(root)])
    wait_until_running(first, root)

    second = run_desktop("--data-dir", str(root), timeout=60)

    if second.returncode == 0:
        assert "brought that window to the front" in second.stdout
    else:
        assert second.returncode == 1, second.stderr
        assert "already open" in second.stderr
    assert first.process.poll() is None, "the first window must stay open"

    # Even a hard stop of the first instance leaves a healthy diary with every day in it.
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=10)
    db = paths.database_path(root, "default")
    assert backup.check_integrity(db, full=True) is None
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT count(*), sum(pain) FROM diary_day").fetchone() == (10, 45)
    finally:
        conn.close()

    # And the profile can be opened again after that crash (the stale lock is recognised).
    again = run_desktop("--data-dir", str(root), "--smoke-test", timeout=60)
    assert again.returncode == 0, again.stderr
    assert "first_paint_ms=" in again.stdout


@pytest.mark.slow
def test_second_launch_for_another_profile_is_not_refused(tmp_path, children):
    root = tmp_path / "shared"
    seed_profile(root)
    first = children([sys.executable, "-m", "desktop", "--data-dir", str(root), "--profile", "default"])
    wait_until_running(first, root)
    other = run_desktop("--data-dir", str(root), "--profile", "Sam", "--smoke-test", timeout=60)
    assert other.returncode == 0, other.stderr
    assert "first_paint_ms=" in other.stdout
    assert os.path.exists(paths.database_path(root, "Sam"))
