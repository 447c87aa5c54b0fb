"""Running the `supportback` command in a child process, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env: dict | None = None, timeout: float = 120, input: str | None = None):
    """Run `python -m desktop ARGS`; the test's environment (data dir, today) is passed on."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, input=input, cwd=ROOT)


def clinic_keygen(tmp_path):
    """(public recipient, identity file) made by `supportback clinic keygen`."""
    result = run_cli("clinic", "keygen", "--out", str(tmp_path / "clinic.key"))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip(), tmp_path / "clinic.key"


def holds_in_plain(text: str, secret: str) -> bool:
    """Whether ``secret`` stands in ``text`` on its own, not merely as a run of characters
    inside a random hex or base64 salt or hash (where four digits turn up by chance)."""
    import re

    return re.search(rf"(?<![0-9A-Za-z+/]){re.escape(secret)}(?![0-9A-Za-z+/=])", text) is not None
