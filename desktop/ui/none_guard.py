"""Work around a reference-count fault in PySide6 6.12.0 on Python 3.11.

Every call of a Qt method that returns nothing (``painter.setPen``, ``label.setText``,
``widget.update`` ...) takes one reference from ``None`` and never gives it back, and every
``signal.emit(...)`` from Python does the same to ``True``. Python 3.11 frees them when the
count reaches zero and then aborts ("none_dealloc", "bool_dealloc"), which happens after a
few thousand such calls: drawing one video frame, or a few minutes of playback with a
moving scrubber, is enough. Python 3.12 made these objects immortal, so there the fault is
harmless. Here we give each a very large count once, which makes it immortal too.
Check with: sys.getrefcount(None) before and after 1000 ``label.setText("x")``.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40
_done = False


def keep_none_alive() -> None:
    """Make ``None``, ``True`` and ``False`` effectively immortal for the rest of the process
    (idempotent; does nothing where they already are)."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _done = True
