"""The guard against the Qt binding losing references to None keeps a long session alive.

Each check runs in a fresh interpreter, because the fault it guards against ends the whole
process ("Fatal Python error: none_dealloc").
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from ui_helpers import ROOT

from desktop.ui.binding_workarounds import binding_loses_none_references

# A long session's worth of Qt calls that return nothing (each loses one reference on the
# faulty binding; None starts with a few thousand).
LONG_SESSION = (
    "from PySide6.QtWidgets import QLabel\n"
    "label = QLabel()\n"
    "for i in range(60000):\n"
    "    label.setText('x')\n"
    "print('survived')\n"
)


def _run(code: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_a_long_session_survives_with_the_app_set_up_as_it_starts():
    started = ("from PySide6.QtCore import QTimer\n"
               "from desktop.ui.app import PROTECT_AFTER_MS, application\n"
               "app = application()\n"
               "QTimer.singleShot(PROTECT_AFTER_MS + 100, app.quit)\n"
               "app.exec()\n")  # the app's first moments, as after opening it
    result = _run(started + LONG_SESSION)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "survived"


def test_the_progress_charts_are_guarded_on_their_own():
    result = _run("from PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
                  "import desktop.ui.chart_style\n" + LONG_SESSION)
    assert result.returncode == 0, result.stderr[-500:]


def test_without_the_guard_the_faulty_binding_ends_the_process(qapp):
    if not binding_loses_none_references():
        pytest.skip("this Qt binding counts references correctly; the guard stays off")
    result = _run("from PySide6.QtWidgets import QApplication\napp = QApplication([])\n" + LONG_SESSION)
    assert result.returncode != 0 and "none_dealloc" in result.stderr  # why the guard exists
