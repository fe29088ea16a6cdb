"""A window over a program its coordinator may only read: editing off, and why.

Every action that would change the program is disabled (and stays so when the
selection changes), the editor refuses any command with the reason, and the status bar
says it; so does the welcome panel's tooltip on its greyed demo and import buttons, and
the Replies dialog's on its greyed import. Sending invitations and updates is editing
too: each message sent is recorded in the ledger, which a reader cannot write (the
services refuse as well, before anything is sent).
Decided once the program is open, by asking the server off the GUI thread
(:func:`cpp_scheduler.services.access.read_only_reason`).

The editor's :attr:`~cpp_scheduler.gui.commands.Editor.read_only` is the one place that
knows. The widgets with editing buttons of their own (the record managers, the History
panel's revert, the tour builder, the slot finder's Create) follow it through
:func:`follow_read_only`, greyed with the reason as their tooltip; the calendar's views
ask :func:`window_read_only` before they start a drag or a new event, and an editor
dialog opened on a read-only program shows its record without letting it be changed. A
reader is never asked a question, or left to fill in a form, that the save then refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow

from cpp_scheduler.errors import SchedulerError

if TYPE_CHECKING:
    from cpp_scheduler.gui.commands import Editor
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


class ReadOnlyNotice(QObject):
    """The word, given once, that the program of one editor may not be changed.

    Signals:
        madeReadOnly(str): the program became read-only; why, in one line.
    """

    madeReadOnly = Signal(str)


def _notice(editor: Editor) -> ReadOnlyNotice:
    notice = editor.findChild(ReadOnlyNotice, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return notice if isinstance(notice, ReadOnlyNotice) else ReadOnlyNotice(editor)


def follow_read_only(editor: Editor, apply: Callable[[str], None]) -> None:
    """Call ``apply(reason)`` now if ``editor``'s program is read-only, else once it is
    found so. ``apply`` should be a method of the widget it greys, so the connection
    goes with the widget."""
    if editor.read_only is not None:
        apply(editor.read_only)
    else:
        _notice(editor).madeReadOnly.connect(apply)


def window_editor(widget: QObject) -> Editor | None:
    """The editor of the main window ``widget`` is in (through its parents), or None
    while that window's program is still opening."""
    holder: QObject | None = widget
    while holder is not None:
        if isinstance(holder, QMainWindow) and getattr(holder, "program_open", False):
            from cpp_scheduler.gui.commands import Editor

            editor = getattr(holder, "editor", None)
            return editor if isinstance(editor, Editor) else None
        holder = holder.parent()
    return None


def window_read_only(widget: QObject) -> str | None:
    """Why the program of the window ``widget`` is in may not be changed, or None: asked
    at the moment an editing gesture starts (a drag, a double-click on free time)."""
    editor = window_editor(widget)
    return editor.read_only if editor is not None else None


def follow_window_read_only(widget: QObject, apply: Callable[[str], None]) -> None:
    """:func:`follow_read_only` for a widget of a main window whose program is open (a
    record manager, an editor dialog); nothing while the program is still opening."""
    editor = window_editor(widget)
    if editor is not None:
        follow_read_only(editor, apply)


def make_read_only(window: MainWindow, reason: str) -> None:
    """Turn off every way of changing the program in ``window``, saying ``reason``."""
    window.editor.read_only = reason
    _notice(window.editor).madeReadOnly.emit(reason)

    def disable(*_ignored: object) -> None:
        for action in window.findChildren(QAction):
            if action.objectName() in EDITING_ACTIONS:
                action.setEnabled(False)
                action.setToolTip(reason)

    def keep_off(action: QAction) -> None:
        if action.isEnabled():
            action.setEnabled(False)

    disable()
    # Whatever turns an editing action on again (a click on the event already selected
    # updates them without changing the selection), it goes off again at once.
    for action in window.findChildren(QAction):
        if action.objectName() in EDITING_ACTIONS:
            action.changed.connect(partial(keep_off, action))
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
    from cpp_scheduler.services.access import read_only_reason  # over SQLAlchemy: once open

    database = window.database

    def arrived(reason: str | None) -> None:
        if reason is not None:
            make_read_only(window, reason)

    window.tasks.run_in_background(lambda: read_only_reason(database), arrived, lambda _e: None)


def access_unread(error: BaseException) -> None:
    """Whether this login may write could not be read: a button that records something
    stays as it is, since the services refuse a reader's send or import by themselves;
    an unexpected error is still logged and shown, as any is."""
    if not isinstance(error, SchedulerError | OSError):
        raise error
