"""What the start-up benchmarks share: the bare PySide6 window they compare against."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A bare window: paint once, then quit. The yardstick for "starts within 2x of Qt itself".
HELLO = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Paint:
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
label = QLabel("hello")
watcher = FirstPaint()
label.installEventFilter(watcher)
QTimer.singleShot(30000, app.quit)
label.show()
app.exec()
print("painted")
"""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def precompile() -> None:
    """Compile the app's modules first, as an installed app (pip or the bundle) has them.

    Without this, a shell with PYTHONDONTWRITEBYTECODE=1 makes every timed start compile
    every module of the app (about 20 ms here) while the bare window compiles almost nothing.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "desktop"), quiet=1)
