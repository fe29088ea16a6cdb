"""The window's calendar, filtered by a delegation, holds the meetings the agenda
spreadsheet lists for that delegation (``export xlsx agenda --delegation``): a session
naming no delegation is its conference's, in both, as the engine's rule of who attends
says, and the conference's sessions are never lost from the delegation's view."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from cpp_scheduler import timezones
from cpp_scheduler.gui.views.base import rows_on_days
from cpp_scheduler.model.event_filter import EventFilter
from cpp_scheduler.services import reports
from cpp_scheduler.services.delegation_schedule import find_delegation
from cpp_scheduler.services.demo import PERU, load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read

FEBRUARY = (date(2027, 2, 1), date(2027, 2, 28))


def test_a_delegations_calendar_holds_what_its_agenda_spreadsheet_lists(
    sqlite_database: Database, open_window: Any
) -> None:
    load_demo(sqlite_database)
    peru = find_delegation(sqlite_database, PERU).id
    window = open_window()
    sidebar = window.sidebar
    sidebar.delegation.setCurrentIndex(
        sidebar.delegation.findText(PERU, Qt.MatchFlag.MatchStartsWith)
    )
    rows_read(window)

    shown = Counter(
        row.title for row, _first, _last in rows_on_days(window.proxy, *FEBRUARY, timezones.TOKYO)
    )
    sheet = reports.agenda(sqlite_database, EventFilter(delegation_id=peru), *FEBRUARY)
    listed = Counter(str(row[0]) for row in sheet.rows)

    assert shown == listed
    assert sum(listed.values()) >= 10  # the conference's sessions, or this proves nothing
