"""The Qt binding must not leak references to None: PySide6 6.12.0 does, and the app then aborts.

Run in a child process, because the failure is the interpreter aborting.
"""

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QLabel


class Emitter(QObject):
    changed = Signal(int)


app = QApplication([])
label = QLabel()
emitter = Emitter()
emitter.changed.connect(lambda value: None)
image = QImage(64, 64, QImage.Format_RGB32)
painter = QPainter(image)
before = sys.getrefcount(None), sys.getrefcount(True)
for number in range(20000):
    label.setText("x")
    label.resize(10, 10)
    emitter.changed.emit(number)
    painter.setPen(QPen())
painter.end()
print(sys.getrefcount(None) - before[0], sys.getrefcount(True) - before[1])
"""


def test_qt_calls_do_not_leak_references_to_none():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, f"the interpreter aborted: {result.stderr[-400:]}"
    none_change, true_change = (int(n) for n in result.stdout.split())
    assert abs(none_change) < 1000 and abs(true_change) < 1000, (
        "PySide6 leaks references to None or True: pin a release without the bug")
