"""A window's first size, kept within the screen it opens on.

A dialog sized for a large monitor is cut on a 1366x768 laptop: the taskbar takes the
bottom of the screen and the window manager adds a title bar above the size Qt is given,
so the last row of buttons falls out of sight. :func:`resize_within_screen` gives the
wanted size, or less: no larger than the screen's available geometry (the screen less
its taskbars and panels) less the room of a title bar and the window's borders.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ROOM = QSize(16, 40)
"""What the window manager adds around a window, past the size Qt gives it: its borders
(width) and a title bar with the bottom border (height: about 31 px of title bar on
Windows at 100 %, 37 on GNOME)."""


def fitted_size(window: QWidget, width: int, height: int) -> QSize:
    """``width`` x ``height``, or less: what fits, framed, on the screen ``window`` opens
    on (its parent's, for a dialog; the primary screen when Qt knows of no other)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    room = screen.availableGeometry()
    return QSize(
        max(1, min(width, room.width() - FRAME_ROOM.width())),
        max(1, min(height, room.height() - FRAME_ROOM.height())),
    )


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` x ``height``, kept within its screen (see
    :func:`fitted_size`): a first size, before the window is shown."""
    window.resize(fitted_size(window, width, height))
