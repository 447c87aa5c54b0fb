"""Guard against a reference-counting fault in the pinned Qt binding.

PySide6 6.12.0 (pinned in requirements.lock) gives back Python's ``None`` without counting the
reference each time a Qt method that returns nothing is called from Python (``label.setText``,
``widget.resize``, ``painter.drawLine`` ...), and some graphics-item virtuals do the same
with ``True``. On Python 3.11 these objects are ordinary counted objects: after enough
calls the count reaches zero and the interpreter aborts ("Fatal Python error: none_dealloc"),
at exit or, after a long session or a lot of chart use, while the patient is using the app.
PySide6 6.11.2 does not do this, and Python 3.12+ makes these objects immortal.

The guard does what Python 3.12 does: it gives None, True and False a reference count so
large that no number of lost references can bring it to zero. It is applied only on CPython
before 3.12 and only when a probe shows the binding losing references, so it switches itself
off once the binding is fixed. These three objects are never freed in any case.
"""

from __future__ import annotations

import sys

_HEADROOM = 1 << 40  # far more method calls than any session can make
_PROBE_CALLS = 64
_applied = False


def binding_loses_none_references() -> bool:
    """True if calling a Qt method that returns nothing loses a reference to None."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - _PROBE_CALLS // 2


def protect_singletons() -> bool:
    """Apply the guard if this interpreter and binding need it; True if it is in place."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not binding_loses_none_references():
        return False
    import ctypes

    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    _applied = True
    return True
