"""Issue 15, point 2: every folder the app makes is 0700 and every file 0600, whatever the umask.

Each command runs in a child process started with the common umask 022 (which would give
0755 folders and 0644 files): the diary, its WAL, backups, lock and tries files, the
export sequence, the app's single-instance lock.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from desktop import paths
from tests.cli_helpers import ROOT, clinic_keygen

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def run_with_umask_022(data, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, paths.DATA_DIR_ENV: str(data), "SUPPORTBACK_TODAY": "2026-03-15",
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, env=env,
                          timeout=180, cwd=ROOT, preexec_fn=lambda: os.umask(0o022))


def loose_entries(root) -> list[str]:
    loose = []
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            mode = stat.S_IMODE(os.lstat(os.path.join(folder, name)).st_mode)
            if mode != 0o700:
                loose.append(f"{os.path.relpath(os.path.join(folder, name), root)}/ {oct(mode)}")
        for name in files:
            mode = stat.S_IMODE(os.lstat(os.path.join(folder, name)).st_mode)
            if mode != 0o600:
                loose.append(f"{os.path.relpath(os.path.join(folder, name), root)} {oct(mode)}")
    if stat.S_IMODE(os.stat(root).st_mode) != 0o700:
        loose.append(f"./ {oct(stat.S_IMODE(os.stat(root).st_mode))}")
    return loose


@pytest.mark.slow
def test_point2_everything_the_app_creates_is_private_under_umask_022(tmp_path):
    data = tmp_path / "data"
    recipient, _ = clinic_keygen(tmp_path)
    (tmp_path / "right").write_text("green kettle on the hill\n", encoding="utf-8")
    (tmp_path / "wrong").write_text("not it at all, sorry\n", encoding="utf-8")
    csv = tmp_path / "days.csv"
    steps = [
        ("profile", "create", "Sam"),
        ("demo", "--days", "30"),
        ("--profile", "Demo", "diary", "export", str(csv)),
        ("--profile", "Demo", "diary", "import", str(csv)),  # a backup first
        ("--profile", "Demo", "export", "--recipient", recipient, "--out", str(tmp_path / "x.age")),
        ("profile", "create", "Pat", "--passphrase-file", str(tmp_path / "right")),
        ("--profile", "Pat", "--passphrase-file", str(tmp_path / "right"), "diary", "import", str(csv)),
        ("--profile", "Demo", "--smoke-test"),
    ]
    for step in steps:
        result = run_with_umask_022(data, *step)
        assert result.returncode == 0, (step, result.stderr)
    wrong = run_with_umask_022(data, "--profile", "Pat", "--passphrase-file", str(tmp_path / "wrong"),
                               "diary", "export", str(tmp_path / "no.csv"))
    assert wrong.returncode == 1
    made = {p.name for p in data.rglob("*")}
    for expected in (paths.DATABASE_FILENAME, paths.LOCK_FILENAME, paths.LOCK_COPY_FILENAME, paths.TRIES_FILENAME,
                     paths.GUARD_FILENAME, "export-sequence", "backups"):
        assert expected in made, f"{expected} was not made, so its mode was not checked"
    assert loose_entries(data) == []
    assert stat.S_IMODE(csv.stat().st_mode) == 0o600  # a diary copy the patient asked for: theirs only too


def test_point2_an_older_install_is_tightened_at_start_up(tmp_path):
    data = tmp_path / "data"
    made = run_with_umask_022(data, "profile", "create", "Sam")
    assert made.returncode == 0, made.stderr
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # as an older version left them
    assert loose_entries(data) != []
    listed = run_with_umask_022(data, "profile", "list")
    assert listed.returncode == 0, listed.stderr
    assert loose_entries(data) == []


def test_point2_the_clinic_configuration_stays_readable_by_every_patient(tmp_path):
    config = tmp_path / "etc" / "SupportBack" / "clinic.toml"
    (tmp_path / "admin").write_text("24680\n", encoding="utf-8")
    env_config = {"SUPPORTBACK_CLINIC_CONFIG": str(config)}
    result = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data"), "clinic", "setup",
                             "--name", "Riverside", "--admin-pin-file", str(tmp_path / "admin")],
                            capture_output=True, text=True, env={**os.environ, **env_config, "PYTHONPATH": str(ROOT)},
                            timeout=120, cwd=ROOT, preexec_fn=lambda: os.umask(0o022))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(config.stat().st_mode) == 0o644
    assert stat.S_IMODE(config.parent.stat().st_mode) == 0o755
