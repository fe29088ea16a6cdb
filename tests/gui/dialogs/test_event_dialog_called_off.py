"""A session of a cancelled conference: its dialog says it is cancelled with the
conference, whatever its own status, as the calendar and the calendar files give it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.store import Database
from tests.gui.dialogs.test_event_dialog import make_dialog
from tests.services.test_called_off import a_conference, cancel


def shown(dialog: EventDialog) -> bool:
    return not dialog.calledOff.isHidden()


def test_the_dialog_of_a_session_says_its_conference_is_cancelled(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    ids = a_conference(sqlite_database)
    cancel(sqlite_database, ids["CPP Conference 2027"])
    dialog = make_dialog(qtbot, sqlite_database, ids["Opening plenary"])
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert shown(dialog)
    assert dialog.calledOff.text() == "Cancelled with its conference"
    assert dialog.ui.status.currentData() == "tentative"  # its own status, as stored
    dialog.ui.parent.setSelectedData(None)  # no longer a session of it
    assert not shown(dialog)

    workshop = make_dialog(qtbot, sqlite_database, ids["Kobe DRR workshop"])
    qtbot.waitUntil(workshop.lists_ready, timeout=10_000)
    assert not shown(workshop)
