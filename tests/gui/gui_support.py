"""Stand-ins and helpers shared by the desktop tests (imported by conftest and tests)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from cpp_scheduler.model import Event
from cpp_scheduler.services import editing, series
from cpp_scheduler.store import Database
from cpp_scheduler.store.errors import DatabaseLockedError

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from cpp_scheduler.gui.commands import Editor, RecordCommand
    from cpp_scheduler.gui.dialogs.base import RecordDialog
    from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
    from cpp_scheduler.gui.mainwindow import MainWindow
    from cpp_scheduler.gui.taskman import TaskManager

RecordDialogT = TypeVar("RecordDialogT", bound="RecordDialog")

#: Tuesday 12 January 2027, 09:00 in Tokyo.
JANUARY_NINE_TOKYO = datetime(2027, 1, 12, 0, 0, tzinfo=UTC)
#: Tuesday 13 July 2027, 09:00 in Tokyo.
JULY_NINE_TOKYO = datetime(2027, 7, 13, 0, 0, tzinfo=UTC)


class FakeDialog(QDialog):
    """Stands for an editor dialog: accepted at once with the values a test chose."""

    def __init__(
        self,
        kind: str,
        record_id: str | None,
        values: dict[str, Any] | None,
        extra: dict[str, Any],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.record_id = record_id
        self.extra = extra
        self._values = values
        self.shown = 0

    def exec(self) -> int:
        """Accepted the first time; shown again after a refused save, then cancelled."""
        self.shown += 1
        accepted = self._values is not None and self.shown == 1
        return int(QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected)

    def values(self) -> dict[str, Any]:
        assert self._values is not None
        return dict(self._values)

    def record_title(self) -> str:
        assert self._values is not None
        return str(self._values.get("title") or self._values.get("name") or "")

    def stored_version(self) -> int | None:
        """No version read: the stand-in does not check for a colleague's change."""
        return None

    def original_values(self) -> dict[str, Any]:
        """Nothing read: no base for a merge."""
        return {}

    def take_save_as_new(self) -> bool:
        """Never: the stand-in's record is not deleted under it."""
        return False


class DialogScript:
    """What the next editor dialog answers, and a record of the dialogs opened."""

    def __init__(self) -> None:
        self.answers: list[dict[str, Any] | None] = []
        self.opened: list[FakeDialog] = []

    def __call__(
        self,
        kind: str,
        database: Database,
        record_id: str | None = None,
        *,
        parent: QWidget | None = None,
        **extra: Any,
    ) -> QDialog:
        values = self.answers.pop(0) if self.answers else None
        dialog = FakeDialog(kind, record_id, values, extra, parent)
        self.opened.append(dialog)
        return dialog


def meeting_of(
    window: MainWindow, event_id: str, recurrence_id: datetime | None = None
) -> series.Meeting:
    """The event (or one meeting of a series) as the store holds it now, which is what
    the calendar shows of it: what a move or a cancellation the test makes starts from."""
    return series.meeting(window.editor.database, event_id, recurrence_id)


def move_command(
    window: MainWindow, event_id: str, start: datetime, end: datetime
) -> RecordCommand:
    """The command a drag of the event to ``start``-``end`` (UTC) makes, from the event
    as the store holds it now (:func:`meeting_of`), for a test to execute."""
    from cpp_scheduler.gui.commands import move_event

    return move_event(window.editor, meeting_of(window, event_id), start, end, window.display_zone)


def rows_read(window: MainWindow, seconds: float = 30.0) -> None:
    """Let the window end its last steps (their work, and what they read first, is done
    off the GUI thread) and show the rows its last commands' reads bring (read off the
    GUI thread, arriving on it)."""
    deadline = time.monotonic() + seconds

    def waiting() -> bool:
        return window.editor.working is not None or window.reading_event_rows or window.tasks.busy

    while time.monotonic() < deadline:
        # Events are handled meanwhile: a step's work may wait for a question the
        # window asks on this thread (a merge).
        while waiting() and time.monotonic() < deadline:
            QTest.qWait(5)
        # What the last step's end queued for the window's next turn runs too (a
        # refused undo puts the stack back where it stood then), as it does before a
        # coordinator can look; if that turn asked for more (rows read again), wait.
        QTest.qWait(1)
        if not waiting():
            break
    assert window.editor.working is None, "the undo or redo never ended"
    assert not window.reading_event_rows, "the changed events' rows never arrived"


def add_event(
    database: Database, title: str, start: datetime, hours: float = 1.0, **values: Any
) -> str:
    with database.transaction() as session:
        record = editing.create_record(
            session,
            Event,
            {
                "title": title,
                "start_utc": start,
                "end_utc": start + timedelta(hours=hours),
                **values,
            },
        )
        return record.id


class Messages:
    """Errors the window reported and the questions it asked (answered yes)."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.answer = True


class TeamWindow:
    """Aiko's window over the program at ``url``, with the real editors, listening for
    colleagues' commits; what a test needs in the program before the window opens is
    added by :meth:`add_program`."""

    def __init__(self, url: str, qtbot: QtBot, messages: Messages) -> None:
        from cpp_scheduler.gui.live import start_live_refresh
        from cpp_scheduler.gui.mainwindow import MainWindow, open_editor
        from cpp_scheduler.store import open_database

        self.url = url
        self.database = open_database(url, author="Aiko Tanaka")
        self.add_program()
        self.window = MainWindow(self.database, dialog_factory=open_editor)
        self.window.report_error = lambda title, message: messages.errors.append(  # type: ignore[method-assign]
            (title, message)
        )
        qtbot.addWidget(self.window)
        with qtbot.waitSignal(self.window.eventsLoaded, timeout=10_000):
            self.window.show()
        self.window.go_to(JANUARY_NINE_TOKYO.date())
        self.live = start_live_refresh(self.window)
        assert self.live.watcher.ready.wait(10)

    def add_program(self) -> None:
        """Nothing, unless a test's window says otherwise."""

    def close(self) -> None:
        self.live.stop()
        self.window.tasks.wait_for_done()
        self.database.close()


@contextmanager
def gui_thread_visits(database: Database) -> Iterator[list[str]]:
    """Within the block, the names of the ways into ``database`` (``session``,
    ``reading``, ``transaction``) taken on the GUI thread, in order: a window that keeps
    answering takes none of them there. The database itself works as ever."""
    visits: list[str] = []
    for name in ("session", "reading", "transaction"):
        real = getattr(database, name)

        def watched(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                visits.append(_name)
            return _real(*args, **kwargs)

        setattr(database, name, watched)
    try:
        yield visits
    finally:
        for name in ("session", "reading", "transaction"):
            delattr(database, name)


@contextmanager
def reads_held(tasks: TaskManager) -> Iterator[None]:
    """Keep the task manager's one reading thread busy until the block ends, as a long
    read of a large program would: whatever is asked for meanwhile waits its turn."""
    release = threading.Event()
    started = threading.Event()

    def hold() -> None:
        started.set()
        release.wait(timeout=20)

    tasks.run_in_background(hold, lambda _result: None)
    started.wait(timeout=20)
    try:
        yield
    finally:
        release.set()


def opened(qtbot: QtBot, dialog: RecordDialogT) -> RecordDialogT:
    """Show an editor dialog as the window does and wait until the record and the lists
    it offers are read (in the background) and shown."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.record_ready() and dialog.lists_ready(), timeout=10_000)
    return dialog


def open_dialog(
    qtbot: QtBot,
    dialog_class: type[RecordDialogT],
    database: Database,
    *args: Any,
    **kwargs: Any,
) -> RecordDialogT:
    """``dialog_class`` on ``database``, with a task manager of its own, as the window
    opens it: shown, then waited for until its record and lists are in."""
    from cpp_scheduler.gui.taskman import TaskManager

    tasks = TaskManager()
    dialog = dialog_class(database, *args, tasks=tasks, **kwargs)
    tasks.setParent(dialog)
    return opened(qtbot, dialog)


def save_event_dialog(editor: Editor, dialog: EventDialog, event_id: str) -> None:
    """Save the event dialog's values as the window does: one undo step on ``editor``'s
    stack, carrying the version the dialog read and merging a colleague's change."""
    from cpp_scheduler.gui.commands import EditRecord

    editor.execute(
        EditRecord(
            editor,
            Event,
            event_id,
            dialog.values(),
            "Edit event",
            expected_version=dialog.stored_version(),
            merges=True,
            read_values=dialog.original_values(),
        )
    )


def settle_editor(qtbot: QtBot, editor: Editor) -> None:
    """Wait until ``editor``'s last step has been written and nothing runs behind it."""
    qtbot.waitUntil(lambda: editor.working is None and not editor.tasks.busy, timeout=10_000)


def listed_times(path: Path, title: str) -> tuple[str, str]:
    """The start and end (UTC) ``events list`` gives the meeting ``title``: what the
    command line reads in the file the window saved."""
    done = subprocess.run(
        [sys.executable, "-m", "cpp_scheduler", "--db", str(path), "events", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    [row] = [row for row in json.loads(done.stdout) if row["title"] == title]
    return row["start"], row["end"]


def invited_event_question(qtbot: QtBot) -> QMessageBox:
    """The question before deleting an event whose invitations still stand (it offers to
    mark the event cancelled instead), once the window shows it."""
    found: list[QMessageBox] = []

    def shown() -> bool:
        found[:] = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, QMessageBox)
            and widget.objectName() == "deleteInvitedEvent"
            and widget.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=20_000)
    return found[0]


#: What the window says of a failure nobody expected (crash.failure_line), the log named.
UNEXPECTED = "An unexpected problem stopped this"

#: An expected failure of a read: the database held by someone else too long.
LOCKED = DatabaseLockedError(
    "cannot read program.sqlite: it is locked by another program or user (waited 5 s); "
    "try again in a moment"
)


def raising(error: BaseException) -> Callable[..., None]:
    """A stand-in for a service function that fails with ``error`` whatever it is asked."""

    def failing(*_args: object, **_kwargs: object) -> None:
        raise error

    return failing


def event_named(database: Database, title: str) -> str:
    """The id of the event called ``title``."""
    with database.session() as session:
        return str(session.query(Event).filter_by(title=title).one().id)


def label_read(label: QLabel) -> str:
    """A label's text as a coordinator reads it: its markup gone, a line break a space."""
    text = label.text().replace("<br>", " ")
    while "<" in text:
        start = text.index("<")
        text = text[:start] + text[text.index(">", start) + 1 :]
    return text.replace("&amp;", "&").replace("&#x27;", "'")
