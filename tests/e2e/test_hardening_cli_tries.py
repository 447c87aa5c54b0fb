"""Issue 15, point 1, as people meet it: many wrong passphrases given to the command line at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop import paths

RIGHT = "green kettle on the hill"


@pytest.mark.slow
def test_point1_parallel_wrong_passphrases_on_the_command_line(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, paths.DATA_DIR_ENV: str(data), "SUPPORTBACK_TODAY": "2026-03-15"}
    (tmp_path / "right").write_text(RIGHT + "\n", encoding="utf-8")
    (tmp_path / "wrong").write_text("not the passphrase at all\n", encoding="utf-8")

    def cli(*args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "desktop", *args], env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    made = cli("profile", "create", "Sam", "--passphrase-file", str(tmp_path / "right"))
    assert made.wait(120) == 0, made.stderr.read()
    guesses = [cli("--profile", "Sam", "--passphrase-file", str(tmp_path / "wrong"), "diary", "export",
                   str(tmp_path / f"out{i}.csv")) for i in range(12)]
    for guess in guesses:
        _, err = guess.communicate(timeout=300)
        assert guess.returncode == 1
        assert "Errno" not in err and "Traceback" not in err, err
        assert "not the PIN or passphrase" in err or "wait" in err, err
        assert len(err.strip().splitlines()) == 1, err
    folder = paths.profile_dir(data, "Sam")
    assert json.loads((folder / paths.TRIES_FILENAME).read_text(encoding="utf-8"))["failures"] == 5
    record = json.loads((folder / paths.LOCK_FILENAME).read_text(encoding="utf-8"))
    assert record["hash"].startswith("scrypt$") and record["key_salt"]
    assert not any(p.name.endswith(".tmp") for p in folder.iterdir())
