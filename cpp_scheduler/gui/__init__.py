"""The desktop application: item models over the store, calendar views, dialogs, undo.

The only package that imports Qt. It calls the services and the model; nothing below it
imports it.

Importing the package first guards against a fault of PySide6 6.12.0 on Python 3.11:
every call of a Qt method that returns nothing hands back ``None`` without taking a
reference to it, so ``None``'s reference count falls by one per call and the
interpreter aborts ("deallocating None") after a few thousand calls. Python 3.12 made
``None`` immortal, which hides the fault there. The guard measures the fault with a
probe and, only where it shows, raises ``None``'s count far beyond any session's reach.
"""

from __future__ import annotations

import ctypes
import sys


def _keep_none_alive() -> bool:
    """Raise ``None``'s reference count if this PySide6 build drops references to it."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    if sys.getrefcount(None) >= before:
        return False
    # ob_refcnt is the first field of every object in a release build of CPython.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    return True


NONE_GUARD_APPLIED = _keep_none_alive()
