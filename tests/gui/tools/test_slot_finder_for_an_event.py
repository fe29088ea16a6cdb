"""The event dialog's "Find a time…": the finder asks the event's own question (its
attendees, host, venue and length), the event itself books nobody, and a length the
search cannot weigh is said, never cut."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from conftest import add_delegation, add_event
from gui_support import open_dialog
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
from cpp_scheduler.gui.tools.slotfinder_grid import STATE_ROLE
from cpp_scheduler.model import Event, Venue
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

DRI = "Disaster Reduction and Human Renovation Institution (DRI)"
PERU = "Peru: Ministry of Housing, Construction and Sanitation"


def _find_a_time(qtbot: QtBot, dialog: EventDialog) -> SlotFinderDialog:
    qtbot.mouseClick(dialog.ui.findTime, Qt.MouseButton.LeftButton)
    finder = dialog.slot_finder
    assert finder is not None
    qtbot.waitUntil(lambda: finder.choices is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not finder.search_pending and not finder.searching, timeout=20_000)
    return finder


def _tokyo(instant: datetime) -> str:
    return timezones.to_local(instant, timezones.TOKYO).strftime("%a %d %b %H:%M")


def test_the_kobe_site_visit_is_weighed_at_its_venue_and_may_stay_where_it_is(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    load_demo(sqlite_database)
    with sqlite_database.session() as session:
        visit = session.scalars(
            select(Event).where(Event.title.like("Site visit: Disaster Reduction%"))
        ).one()
        visit_id, start, end = visit.id, visit.start_utc, visit.end_utc
        dri = session.scalars(select(Venue.id).where(Venue.name == DRI)).one()
    assert _tokyo(start) == "Wed 10 Mar 09:30"
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, visit_id)
    finder = _find_a_time(qtbot, dialog)

    assert finder.ui.venue.currentData() == dri
    assert finder.ui.venue.currentText().startswith(DRI)
    result = finder.search_result
    assert result is not None
    assert result.search.venue_id == dri
    suggested = [(s, e) for s, e, _points in finder.suggestion_model.suggestions()]
    # Peru is in Tokyo until 11:30 on Monday and again at 14:00, Kobe three hours away:
    # the first time is Tuesday afternoon, as `slots --venue` says.
    assert _tokyo(suggested[0][0]) == "Tue 09 Mar 15:00"
    assert not [s for s, _e in suggested if _tokyo(s).startswith("Mon 08 Mar")]
    # The visit's own hours are free for Peru and for the room: it may stay.
    assert (start, end) in suggested
    rows = {row.name: number for number, row in enumerate(result.rows)}
    column = finder.grid_model.column_of(start)
    for name in (PERU, DRI):
        assert finder.grid_model.index(rows[name], column).data(STATE_ROLE) != "busy"
    finder.close()


def test_a_ten_hour_event_keeps_its_length(qtbot: QtBot, sqlite_database: Database) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    start = datetime(2027, 1, 18, 0, tzinfo=UTC)  # Monday 09:00 in Tokyo
    day = add_event(sqlite_database, "Housing finance day", start, 10, delegation_ids=[lima])
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, day)
    finder = _find_a_time(qtbot, dialog)

    assert finder.ui.duration.value() == 600
    assert finder.search_result is not None
    assert finder.search_result.search.duration == timedelta(hours=10)
    chosen = finder.chosen_span()
    assert chosen is not None
    qtbot.mouseClick(finder.ui.createButton, Qt.MouseButton.LeftButton)
    values = dialog.values()
    assert (values["start_utc"], values["end_utc"]) == chosen
    assert values["end_utc"] - values["start_utc"] == timedelta(hours=10)


def test_a_two_day_conference_is_not_cut_to_a_day(qtbot: QtBot, sqlite_database: Database) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    start = datetime(2027, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Tokyo
    conference = add_event(sqlite_database, "CPP Conference", start, 30.5, delegation_ids=[lima])
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, conference)
    finder = _find_a_time(qtbot, dialog)

    assert finder.ui.duration.value() == 30 * 60 + 30  # shown as it is
    assert finder.ui.status.text() == (
        "A meeting of 30 h 30 min cannot be searched for: a search weighs meetings of up to "
        "24 h. The event keeps its length."
    )
    assert finder.search_result is None
    assert not finder.ui.createButton.isEnabled()
    qtbot.mouseClick(finder.ui.createButton, Qt.MouseButton.LeftButton)
    finder.close()
    values = dialog.values()
    assert (values["start_utc"], values["end_utc"]) == (start, start + timedelta(hours=30.5))

    # A day at most is searched for, and used as chosen.
    again = _find_a_time(qtbot, dialog)
    again.ui.duration.setValue(24 * 60)
    qtbot.waitUntil(lambda: again.search_result is not None, timeout=20_000)
    searched = again.search_result
    assert searched is not None
    assert searched.search.duration == timedelta(hours=24)
    again.close()


def test_a_new_events_venue_is_asked_too(qtbot: QtBot, sqlite_database: Database) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    with sqlite_database.session() as session:
        room = session.scalars(select(Venue).where(Venue.name == "TDLC Meeting Room A")).one()
        room_id, room_label = room.id, room.name
    dialog = open_dialog(
        qtbot,
        EventDialog,
        sqlite_database,
        start=datetime(2027, 1, 18, 0, tzinfo=UTC),
        end=datetime(2027, 1, 18, 1, tzinfo=UTC),
    )
    dialog.ui.venue.setSelectedData(room_id)
    dialog.ui.delegations.setCheckedIds([lima])
    finder = _find_a_time(qtbot, dialog)
    assert finder.ui.venue.currentText().startswith(room_label)
    assert finder.search_result is not None
    assert finder.search_result.search.venue_id == room_id
    assert finder.instead_of is None  # nothing stored to leave out
    assert finder.search_result.answer.venue is not None
    assert finder.period() == (date(2027, 1, 18), date(2027, 1, 24))
    finder.close()
