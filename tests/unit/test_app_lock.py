"""The profile's app lock (security/app_lock.py): Qt-free, shared by the app and the command line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop import paths
from desktop.security.app_lock import AppLock

ROOT = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.security.app_lock import AppLock

    lock = AppLock(Path(sys.argv[1]))
    print("held" if lock.acquire() else "busy", flush=True)
    print(sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"}), flush=True)
    time.sleep(60)
""")


def _hold_in_child(folder: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True,
                             env=env, cwd=ROOT)
    assert child.stdout.readline().strip() == "held"
    assert child.stdout.readline().strip() == "[]", "the lock must not load Qt"
    return child


def test_one_holder_at_a_time_in_one_process(tmp_path):
    folder = tmp_path / "profiles" / "Sam"
    first, second = AppLock(folder), AppLock(folder)
    assert first.acquire()
    assert first.path == paths.app_lock_path(folder) and first.path.exists()
    assert not second.acquire(timeout=0)
    first.release()
    assert second.acquire(timeout=0), "once the first lets go, the profile can be taken again"
    second.release()


def test_another_profile_is_not_blocked(tmp_path):
    sam, alex = AppLock(tmp_path / "Sam"), AppLock(tmp_path / "Alex")
    assert sam.acquire() and alex.acquire()
    sam.release()
    alex.release()


def test_a_killed_holder_leaves_the_profile_free(tmp_path):
    folder = tmp_path / "profiles" / "Sam"
    child = _hold_in_child(folder)
    try:
        assert not AppLock(folder).acquire(timeout=0.2)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
    assert paths.app_lock_path(folder).exists()  # the file stays; the lock went with the process
    after = AppLock(folder)
    assert after.acquire()
    after.release()


def test_the_command_line_refuses_a_profile_another_process_holds(tmp_path, capsys):
    from desktop import cli
    from desktop.store.profile_admin import create_profile

    create_profile(tmp_path, "Sam", None, None)
    child = _hold_in_child(paths.profile_dir(tmp_path, "Sam"))
    try:
        code = cli.main(["--data-dir", str(tmp_path), "profile", "rename", "Sam", "Alex"])
    finally:
        child.kill()
        child.wait(timeout=10)
        child.stdout.close()
    assert code == cli.EXIT_FAILED
    assert "open in SupportBack right now" in capsys.readouterr().err
    assert paths.profile_dir(tmp_path, "Sam").is_dir() and not paths.profile_dir(tmp_path, "Alex").exists()
