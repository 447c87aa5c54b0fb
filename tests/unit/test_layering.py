"""Layering at run time: what the import-linter contracts in pyproject.toml cannot see.

The contracts (run by ``lint-imports`` in scripts/test.sh) check which package may import
which, Qt only in desktop/ui included. They cannot tell an import at the top of a module from
one inside a function, so they cannot say whether the command line and the core *start*
without Qt; this test runs them and looks.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUI = ("PySide6", "pyqtgraph", "shiboken6")


def _loaded_gui_modules(imports: str) -> str:
    code = (
        "import sys\n"
        f"import {imports}\n"
        f"gui = sorted(m for m in sys.modules if m.split('.')[0] in {set(GUI)!r})\n"
        "print(','.join(gui) or 'none')\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_core_modules_import_without_qt():
    imports = ("desktop.store.diary_service, desktop.exchange.diary_csv, desktop.domain.demo, desktop.content.loader, "
               "desktop.cli, desktop.cli.remind, desktop.cli.profiles, desktop.cli.protection, "
               "desktop.security.app_lock, desktop.system.scheduler, desktop.system.notify")
    assert _loaded_gui_modules(imports) == "none", "importing the core or the command line loaded Qt"


def test_the_check_sees_qt_when_it_is_loaded():
    assert "PySide6.QtCore" in _loaded_gui_modules("desktop.ui.base.single_instance")
