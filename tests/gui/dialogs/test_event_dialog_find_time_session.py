"""Find a time from a session's dialog asks as ``cpp-scheduler slots --instead-of`` does:
the conference the session is filed under books nobody for it, so the hours between its
other sessions are offered, as the conflict check finds them free."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gui_support import add_event, open_dialog
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Delegation, EventKind, EventMode, EventStatus
from cpp_scheduler.store import Database

#: Monday 18 January 2027, 09:00 in Tokyo.
MONDAY_NINE = datetime(2027, 1, 18, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_a_sessions_time_is_found_beside_its_forums_other_sessions(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    with sqlite_database.transaction() as session:
        bureau = Delegation(name="Tokyo housing bureau", country="JP", zone="Asia/Tokyo")
        session.add(bureau)
        session.flush()
        bureau_id = bureau.id
    held = {"status": EventStatus.CONFIRMED, "mode": EventMode.FACE_TO_FACE, "zone": "Asia/Tokyo"}
    forum = add_event(
        sqlite_database,
        "Housing forum",
        MONDAY_NINE,
        9,
        kind=EventKind.CONFERENCE,
        delegation_ids=[bureau_id],
        **held,
    )
    rental = add_event(
        sqlite_database,
        "Rental markets",
        MONDAY_NINE + HOUR,
        1,
        kind=EventKind.WORKSHOP,
        parent_id=forum,
        delegation_ids=[bureau_id],
        **held,
    )

    dialog = open_dialog(qtbot, EventDialog, sqlite_database, rental)
    qtbot.mouseClick(dialog.ui.findTime, Qt.MouseButton.LeftButton)
    finder = dialog.slot_finder
    assert finder is not None
    qtbot.waitUntil(lambda: finder.search_result is not None, timeout=20_000)
    plan = finder.search_result
    assert plan is not None
    assert plan.search.session_of == forum
    # The forum runs all day, yet 13:00 holds the bureau nowhere else: free, as the
    # check would find it.
    assert plan.booked_during(MONDAY_NINE + 4 * HOUR, MONDAY_NINE + 5 * HOUR) == ()
    finder.close()
