"""Stand-ins for the computer's own tools (systemctl, notify-send) that record how they were called."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def fake_tool(folder: Path, name: str, exit_code: int = 0, said: str = "") -> Path:
    """Put an executable ``name`` in ``folder`` that appends its arguments (a JSON list a line)
    to ``folder/name.log``, prints ``said`` on stderr and exits with ``exit_code``. Returns the log."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{name}.log"
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"with open({str(log)!r}, 'a', encoding='utf-8') as log:\n"
        "    log.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"sys.stderr.write({said!r})\n"
        f"sys.exit({exit_code})\n", encoding="utf-8")
    script.chmod(0o755)
    return log


def calls(log: Path) -> list[list[str]]:
    """The recorded calls, each as its list of arguments."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def path_with(folder: Path) -> str:
    """PATH with ``folder`` first (so its tools win over the real ones)."""
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"
