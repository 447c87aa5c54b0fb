"""The Qt binding must not leak references to None: PySide6 6.12.0 does, and the app then aborts.

Run in a child process, because the failure is the interpreter aborting.
"""

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(20000):
    label.setText("x")
    label.resize(10, 10)
print(sys.getrefcount(None) - before)
"""


def test_qt_calls_do_not_leak_references_to_none():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, f"the interpreter aborted: {result.stderr[-400:]}"
    assert abs(int(result.stdout.strip())) < 100, "PySide6 leaks references to None: pin a release without the bug"
