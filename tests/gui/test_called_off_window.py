"""The window shows the sessions of a conference it calls off as cancelled, at once,
as the command line and the calendar files give them."""

from __future__ import annotations

from gui_support import rows_read

from cpp_scheduler.gui.commands import EditRecord
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event, EventStatus
from cpp_scheduler.store import Database
from tests.services.test_called_off import a_conference


def test_cancelling_a_conference_shows_its_sessions_cancelled_and_undo_brings_them_back(
    program: Database, make_window
) -> None:  # type: ignore[no-untyped-def]
    ids = a_conference(program)
    window: MainWindow = make_window(program)

    def statuses() -> dict[str, EventStatus]:
        return {row.title: row.status for row in window.events.rows() if row.title in ids}

    window.editor.execute(
        EditRecord(
            window.editor,
            Event,
            ids["CPP Conference 2027"],
            {"status": EventStatus.CANCELLED},
            "Cancel the conference",
        )
    )
    rows_read(window)
    assert statuses() == {
        "CPP Conference 2027": EventStatus.CANCELLED,
        "Opening plenary": EventStatus.CANCELLED,
        "Mayors' panel": EventStatus.CANCELLED,
        "Kobe DRR workshop": EventStatus.TENTATIVE,
    }
    window.undo_action.trigger()
    rows_read(window)
    assert statuses()["Mayors' panel"] is EventStatus.TENTATIVE
