"""A window over a program its coordinator may only read: editing off, and why.

Every action that would change the program is disabled (and stays so when the
selection changes), the editor refuses any command with the reason, and the status bar
says it; so does the welcome panel's tooltip on its greyed demo and import buttons, and
the Replies dialog's on its greyed import. Sending invitations and updates is editing
too: each message sent is recorded in the ledger, which a reader cannot write (the
services refuse as well, before anything is sent).
Decided once the program is open, by asking the server off the GUI thread
(:func:`cpp_scheduler.services.access.read_only_reason`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from cpp_scheduler.services.access import read_only_reason

if TYPE_CHECKING:
    from cpp_scheduler.gui.mainwindow import MainWindow

#: The window's actions that change the program.
EDITING_ACTIONS = frozenset(
    {
        "new_event",
        "edit_event",
        "delete_event",
        "cancel_meeting",
        "import_program",
        "load_demo",
        "import_calendar",
        "send_invitations",
        "send_updates",
        "undo",
        "redo",
    }
)


def make_read_only(window: MainWindow, reason: str) -> None:
    """Turn off every way of changing the program in ``window``, saying ``reason``."""
    window.editor.read_only = reason

    def disable(*_ignored: object) -> None:
        for action in window.findChildren(QAction):
            if action.objectName() in EDITING_ACTIONS:
                action.setEnabled(False)

    disable()
    window.selectionChanged.connect(disable)
    window.editor.stack.indexChanged.connect(disable)
    window.editor.stack.canUndoChanged.connect(disable)
    label = QLabel(reason, window)
    label.setObjectName("readOnly")
    label.setToolTip(reason)
    window.statusBar().addPermanentWidget(label)
    window.update_welcome()  # its demo and import greyed, with the reason


def check_access(window: MainWindow) -> None:
    """Ask, off the GUI thread, whether the program may be changed; if not, say why."""
    database = window.database

    def arrived(reason: str | None) -> None:
        if reason is not None:
            make_read_only(window, reason)

    window.tasks.run_in_background(lambda: read_only_reason(database), arrived, lambda _e: None)
