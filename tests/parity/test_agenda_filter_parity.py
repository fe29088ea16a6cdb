"""The window's calendar, filtered by a delegation, holds the meetings the agenda
spreadsheet lists for that delegation (``export xlsx agenda --delegation``): a session
naming no delegation is its conference's, in both, as the engine's rule of who attends
says, and the conference's sessions are never lost from the delegation's view. The
Agenda, filtered, lists the meetings ``events list`` lists with the same filter."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.gui.eventmodel import Column, Roles
from cpp_scheduler.gui.views.base import rows_on_days
from cpp_scheduler.model import Event, Participant, Venue
from cpp_scheduler.services import editing, reports
from cpp_scheduler.services.delegation_schedule import find_delegation, read_schedule
from cpp_scheduler.services.demo import PERU, load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read

FEBRUARY = (date(2027, 2, 1), date(2027, 2, 28))


def filtered_by_peru(open_window: Any) -> Any:
    """The window, its calendar filtered by Peru's delegation in the sidebar."""
    window = open_window()
    sidebar = window.sidebar
    sidebar.delegation.setCurrentIndex(
        sidebar.delegation.findText(PERU, Qt.MatchFlag.MatchStartsWith)
    )
    rows_read(window)
    return window


def test_a_delegations_calendar_holds_what_its_agenda_spreadsheet_lists(
    sqlite_database: Database, open_window: Any
) -> None:
    load_demo(sqlite_database)
    window = filtered_by_peru(open_window)

    shown = Counter(
        row.title for row, _first, _last in rows_on_days(window.proxy, *FEBRUARY, timezones.TOKYO)
    )
    assert window.proxy.event_filter.delegation_id == find_delegation(sqlite_database, PERU).id
    sheet = reports.agenda(sqlite_database, window.proxy.event_filter, *FEBRUARY)
    listed = Counter(str(row[0]) for row in sheet.rows)

    assert shown == listed
    assert sum(listed.values()) >= 10  # the conference's sessions, or this proves nothing


def test_a_delegations_calendar_holds_the_meetings_its_schedule_lists(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A talk naming one of Peru's officials, and not Peru, is Peru's in its schedule
    (the Delegation schedule window, ``schedule``, the itinerary): the calendar filtered
    by Peru holds it too, and ``events list --delegation`` lists it. The calendar's row
    of a conference Peru follows session by session stands beside its sessions, which
    the schedule lists instead."""
    load_demo(sqlite_database)
    with sqlite_database.reading() as session:
        ana = session.scalars(
            select(Participant.id).where(Participant.email == "ana.mendoza@example.org")
        ).one()
    start = datetime(2027, 2, 18, 1, 0, tzinfo=UTC)
    talk = "Housing finance: Arequipa's experience"
    editing.create(
        sqlite_database,
        Event,
        {
            "title": talk,
            "start_utc": start,
            "end_utc": start + timedelta(hours=1),
            "participant_ids": [ana],
        },
    )
    peru = find_delegation(sqlite_database, PERU).id
    window = filtered_by_peru(open_window)
    shown = Counter(
        (row.title, row.start_utc)
        for row, _first, _last in rows_on_days(window.proxy, *FEBRUARY, timezones.TOKYO)
        if row.programme_id != row.event_id  # not a conference with sessions
    )
    schedule = read_schedule(
        sqlite_database,
        peru,
        datetime(2027, 1, 31, 15, 0, tzinfo=UTC),
        datetime(2027, 2, 28, 15, 0, tzinfo=UTC),
    )
    listed = Counter((meeting.title, meeting.start) for meeting in schedule.meetings)

    assert (talk, start) in listed
    assert shown == listed
    capsys.readouterr()
    assert main(["events", "list", "--db", str(sqlite_path), "--delegation", PERU, "--json"]) == 0
    assert talk in {item["title"] for item in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize(
    ("sidebar", "choice", "filters"),
    [
        ("kind", "Site visit", ["--kind", "site_visit"]),
        ("delegation", PERU, ["--delegation", PERU]),
        # A member of Peru's delegation: the conference's sessions are hers by it.
        ("participant", "Ana Lucía Mendoza", ["--participant", "ana.mendoza@example.org"]),
        # Of no delegation: what names him, or he organises (a moved meeting among them).
        ("participant", "Hiroshi Nakamura", ["--participant", "Hiroshi Nakamura"]),
        ("status", "Tentative", ["--status", "tentative"]),
    ],
)
def test_the_agenda_filtered_lists_what_events_list_lists_with_the_filter(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    sidebar: str,
    choice: str,
    filters: list[str],
) -> None:
    """The Agenda lists every meeting the filters let through, one line each, and the
    status bar counts them, in every view: ``events list`` with the same filters lists
    the same meetings, and counts them in the same words (so many occurrences of so many
    events, never meetings beside a count of events)."""
    load_demo(sqlite_database)
    window = open_window()
    window.show_view("agenda")
    combo = getattr(window.sidebar, sidebar)
    combo.setCurrentIndex(combo.findText(choice, Qt.MatchFlag.MatchStartsWith))
    rows_read(window)
    agenda = window.current_view.table.model()
    shown = sorted(
        (
            agenda.index(number, Column.START).data(Roles.START_UTC),
            agenda.index(number, Column.TITLE).data(),
        )
        for number in range(agenda.rowCount())
    )

    capsys.readouterr()
    assert main(["events", "list", "--db", str(sqlite_path), *filters, "--json"]) == 0
    listed = sorted(  # a moved meeting's title marked as the Agenda marks it
        (
            datetime.fromisoformat(item["start"]),
            item["title"] + (" (moved)" if item["moved"] else ""),
        )
        for item in json.loads(capsys.readouterr().out)
    )

    assert shown == listed
    assert listed, "a filter that lets nothing through proves nothing"
    assert main(["events", "list", "--db", str(sqlite_path), *filters]) == 0
    summed_up = capsys.readouterr().out.splitlines()[-1]
    counted = summed_up.removesuffix(" in the whole program.")
    assert window.count_label.text() == f"the filters let through {counted}"
    window.show_view("week")
    assert window.count_label.text().endswith(f" · the filters let through {counted}")


def test_the_agenda_and_events_list_count_a_meeting_under_the_same_partner_city(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A meeting at Kobe City Hall filed under no partner city of its own is Kobe's in
    the Agenda's Partner city column and in ``events list --json`` alike."""
    load_demo(sqlite_database)
    with sqlite_database.reading() as session:
        hall = session.scalars(select(Venue).where(Venue.name == "Kobe City Hall")).one()
        assert hall.city is not None
        assert hall.city.name == "Kobe"
        hall_id = hall.id
    start = datetime(2027, 2, 18, 1, 0, tzinfo=UTC)
    editing.create(
        sqlite_database,
        Event,
        {
            "title": "Kobe follow-up meeting",
            "start_utc": start,
            "end_utc": start + timedelta(hours=1),
            "venue_id": hall_id,
        },
    )
    window = open_window()
    window.show_view("agenda")
    rows_read(window)
    agenda = window.current_view.table.model()
    shown = sorted(
        (
            agenda.index(number, Column.START).data(Roles.START_UTC),
            agenda.index(number, Column.TITLE).data().removesuffix(" (moved)"),
            agenda.index(number, Column.CITY).data() or "",
        )
        for number in range(agenda.rowCount())
    )

    capsys.readouterr()
    assert main(["events", "list", "--db", str(sqlite_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    by_meeting = {
        (datetime.fromisoformat(item["start"]), item["title"]): item["partner_city"]
        for item in listed
    }

    assert len(shown) == len(by_meeting)
    for start, title, city in shown:
        named = by_meeting[(start, title)]
        assert (city.split(" ")[0] if city else None) == named, title
    follow_up = next(item for item in listed if item["title"] == "Kobe follow-up meeting")
    assert (follow_up["city"], follow_up["partner_city"]) == (None, "Kobe")
