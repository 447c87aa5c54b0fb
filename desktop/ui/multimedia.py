"""Whether Qt's multimedia module loads on this machine (it needs libpulse on Linux)."""

from __future__ import annotations


def multimedia_problem() -> str | None:
    try:
        from PySide6 import QtMultimedia  # noqa: F401
    except ImportError as exc:
        return str(exc)
    return None
