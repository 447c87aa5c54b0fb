"""The app survives many Qt calls: PySide6 6.12 on Python 3.11 loses a reference to None on
every void call (and to True on every emit); desktop/ui/none_guard.py keeps them alive."""

import subprocess
import sys

from ui_helpers import ROOT

MANY_CALLS = r"""
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from desktop.ui.app import application

class Source(QObject):
    changed = Signal(bool)

app = application()
label, source = QLabel(), Source()
source.changed.connect(lambda on: None)
for i in range(30000):
    label.setText(str(i))
    source.changed.emit(True)
print("survived")
"""


def test_thirty_thousand_qt_calls_do_not_crash_the_app():
    result = subprocess.run([sys.executable, "-c", MANY_CALLS], capture_output=True, text=True, cwd=ROOT,
                            timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert result.returncode == 0, result.stderr[-500:]
    assert "survived" in result.stdout
