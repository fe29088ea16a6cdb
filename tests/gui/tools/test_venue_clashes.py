"""The Venues view edges in red the bookings the conflict check finds a room booked
twice by, and no other: a conference and its own sessions in one room share it without
a clash, as ``cpp-scheduler conflicts`` says, while two workshops in one room at once
are edged until one of them moves."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from conftest import JANUARY_NINE_TOKYO, add_event, settle, tokyo_day, venue_id
from gui_support import move_command, rows_read
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.venues import VenueTimelineView
from cpp_scheduler.model import EventKind
from cpp_scheduler.store import Database
from tests.parity.conflicts_support import conflicts_json

CONFERENCE = "Resilient cities conference"
SESSIONS = ("Opening plenary", "Housing panel")
WORKSHOPS = ("Housing finance clinic", "Water utilities roundtable")


def _plant(database: Database) -> dict[str, str]:
    """A conference in Meeting Room A with two of its sessions in the same room, and
    two workshops of their own in Meeting Room B an hour apart, two hours each."""
    room_a = venue_id(database, "TDLC Meeting Room A")
    room_b = venue_id(database, "TDLC Meeting Room B")
    ids: dict[str, str] = {}
    ids[CONFERENCE] = add_event(
        database, CONFERENCE, JANUARY_NINE_TOKYO, 8, kind=EventKind.CONFERENCE, venue_id=room_a
    )
    for title, hours_in in zip(SESSIONS, (0, 4), strict=True):
        ids[title] = add_event(
            database,
            title,
            JANUARY_NINE_TOKYO + timedelta(hours=hours_in),
            1,
            venue_id=room_a,
            parent_id=ids[CONFERENCE],
        )
    for title, hours_in in zip(WORKSHOPS, (0, 1), strict=True):
        ids[title] = add_event(
            database, title, JANUARY_NINE_TOKYO + timedelta(hours=hours_in), 2, venue_id=room_b
        )
    return ids


def _timeline(qtbot: QtBot, window: MainWindow) -> VenueTimelineView:
    window.show_view("venues")
    window.go_to(tokyo_day(JANUARY_NINE_TOKYO))
    timeline = window.views["venues"]
    assert isinstance(timeline, VenueTimelineView)
    qtbot.waitUntil(lambda: bool(timeline.venues))
    settle(qtbot, window)
    return timeline


def _edged(timeline: VenueTimelineView) -> dict[str, bool]:
    """Each booking drawn, by title: whether it is drawn with the red edge."""
    edged: dict[str, bool] = {}
    for _rect, row, clash in timeline.bars():
        edged[row.title] = edged.get(row.title, False) or clash
    return edged


def _double_booked(answer: dict[str, Any]) -> set[str]:
    """The events the command finds a venue booked twice by."""
    return {
        meeting["event_id"]
        for conflict in answer["conflicts"]
        if conflict["kind"] == "venue_double_booked"
        for meeting in conflict["meetings"]
    }


def test_a_conference_and_its_sessions_in_one_room_are_no_clash(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = _plant(sqlite_database)
    answer = conflicts_json(capsys, sqlite_database)
    assert _double_booked(answer) == {ids[title] for title in WORKSHOPS}

    timeline = _timeline(qtbot, open_window())
    edged = _edged(timeline)
    assert set(edged) == {CONFERENCE, *SESSIONS, *WORKSHOPS}  # every booking is drawn
    # The window edges what the command finds, and nothing else.
    assert {ids[title] for title, red in edged.items() if red} == _double_booked(answer)
    assert not edged[CONFERENCE]
    assert not any(edged[title] for title in SESSIONS)


def test_the_red_edges_follow_the_check_when_a_clash_is_moved_away(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = _plant(sqlite_database)
    window = open_window()
    timeline = _timeline(qtbot, window)
    assert all(_edged(timeline)[title] for title in WORKSHOPS)

    later = JANUARY_NINE_TOKYO + timedelta(hours=5)
    window.editor.execute(
        move_command(window, ids[WORKSHOPS[1]], later, later + timedelta(hours=2))
    )
    rows_read(window)
    settle(qtbot, window)
    assert _double_booked(conflicts_json(capsys, sqlite_database)) == set()
    qtbot.waitUntil(lambda: not any(_edged(timeline).values()))
