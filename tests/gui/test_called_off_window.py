"""The window shows the sessions of a conference it calls off as cancelled, at once,
as the command line and the calendar files give them."""

from __future__ import annotations

from gui_support import rows_read
from PySide6.QtCore import Qt

from cpp_scheduler.gui.commands import EditRecord
from cpp_scheduler.gui.eventmodel import Column
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


def test_confirmed_sessions_of_a_tentative_conference_read_tentative_until_it_is_confirmed(
    program: Database, make_window
) -> None:  # type: ignore[no-untyped-def]
    """The Agenda says "Tentative", in italics, of a session confirmed in a conference not
    confirmed yet, as the printed programme and the calendar files do; confirming the
    conference confirms what is shown of its sessions at once."""
    ids = a_conference(program)
    with program.transaction() as session:
        for title in ("Opening plenary", "Mayors' panel"):
            found = session.get(Event, ids[title])
            assert found is not None
            found.status = EventStatus.CONFIRMED
    window: MainWindow = make_window(program)
    events = window.events

    def shown(title: str) -> tuple[str, bool]:
        number = next(n for n in range(events.rowCount()) if events.row_at(n).title == title)
        status = events.index(number, Column.STATUS).data()
        font = events.index(number, Column.TITLE).data(Qt.ItemDataRole.FontRole)
        return str(status), bool(font is not None and font.italic())

    assert shown("Mayors' panel") == ("Tentative", True)
    window.editor.execute(
        EditRecord(
            window.editor,
            Event,
            ids["CPP Conference 2027"],
            {"status": EventStatus.CONFIRMED},
            "Confirm the conference",
        )
    )
    rows_read(window)
    assert shown("Mayors' panel") == ("Confirmed", False)
    assert shown("Opening plenary") == ("Confirmed", False)
