"""Whether Qt's multimedia module loads on this machine (it needs libpulse on Linux)."""

from __future__ import annotations

import os


def multimedia_problem() -> str | None:
    # Qt notes optional back-ends it cannot find (pipewire...); that is not a problem here.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    try:
        from PySide6 import QtMultimedia  # noqa: F401
    except ImportError as exc:
        return str(exc)
    return None
