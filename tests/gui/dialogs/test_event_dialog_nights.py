"""The event dialog warns of a night only where the conflict check would: a remote
meeting at night on an attendee's clock. A face-to-face meeting at 14:00 in Tokyo is
midnight in Lima, and its Local times say so, but the delegation is in the room, not at
home: no warning, as ``cpp-scheduler conflicts`` finds none. A conference is judged by
its sessions, never by its own span."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from gui_support import add_event, open_dialog
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, EventStatus
from cpp_scheduler.store import Database
from tests.parity.conflicts_support import conflicts_json

PERU = "Peru: Lima housing ministry"
#: Wednesday 24 February 2027, 14:00 in Tokyo: midnight in Lima.
TOKYO_AFTERNOON = datetime(2027, 2, 24, 5, 0, tzinfo=UTC)
LIMA_NIGHT = "⚠ Night for Peru: Lima housing ministry: 00:00–01:00 there."


@pytest.fixture
def peru(sqlite_database: Database) -> str:
    with sqlite_database.transaction() as session:
        delegation = Delegation(name=PERU, country="PE", zone="America/Lima", home_city="Lima")
        session.add(delegation)
        session.flush()
        return delegation.id


def _add(database: Database, title: str, start: datetime, hours: float, **values: Any) -> str:
    """An event on Tokyo's clock, a confirmed face-to-face workshop unless told."""
    fields: dict[str, Any] = {
        "kind": EventKind.WORKSHOP,
        "mode": EventMode.FACE_TO_FACE,
        "status": EventStatus.CONFIRMED,
        "zone": "Asia/Tokyo",
    }
    return add_event(database, title, start, hours, **(fields | values))


def _online_forum(database: Database, peru: str, start: datetime, hours: float) -> str:
    """An online conference for Peru's delegation, from ``start`` for ``hours``."""
    return _add(
        database,
        "Online housing forum",
        start,
        hours,
        kind=EventKind.CONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/forum",
        delegation_ids=[peru],
    )


def _nights(answer: dict[str, Any]) -> set[str]:
    """The events the command finds at night for an attendee."""
    return {
        event_id
        for conflict in answer["conflicts"]
        if conflict["kind"] == "night_session"
        for event_id in conflict["event_ids"]
    }


def _new_at_tokyo_afternoon(qtbot: QtBot, database: Database) -> EventDialog:
    """A new event's dialog, for an hour from 14:00 in Tokyo."""
    dialog: EventDialog = open_dialog(
        qtbot,
        EventDialog,
        database,
        start=TOKYO_AFTERNOON,
        end=TOKYO_AFTERNOON + timedelta(hours=1),
    )
    return dialog


def _settled(qtbot: QtBot, dialog: EventDialog) -> None:
    qtbot.waitUntil(lambda: dialog.local_times is not None and not dialog.local_times_pending)


def _lima_line(dialog: EventDialog) -> str:
    lines = [line for line in dialog.ui.attendeeTimes.text().splitlines() if line.startswith(PERU)]
    assert len(lines) == 1, dialog.ui.attendeeTimes.text()
    return lines[0]


def test_a_meeting_in_the_room_is_no_night_at_home_a_call_is(
    qtbot: QtBot,
    sqlite_database: Database,
    peru: str,
    choose: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # What the engine says of the two, saved on two days.
    in_the_room = _add(
        sqlite_database, "Follow-up with Peru", TOKYO_AFTERNOON, 1, delegation_ids=[peru]
    )
    a_call = _add(
        sqlite_database,
        "Follow-up call with Peru",
        TOKYO_AFTERNOON + timedelta(days=1),
        1,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/peru",
        delegation_ids=[peru],
    )
    assert _nights(conflicts_json(capsys, sqlite_database)) == {a_call}
    assert in_the_room

    dialog = _new_at_tokyo_afternoon(qtbot, sqlite_database)
    ui = dialog.ui
    assert EventMode(ui.mode.currentData()) is EventMode.FACE_TO_FACE
    choose(ui.delegations, "peru")
    _settled(qtbot, dialog)
    # The Local times still read midnight in Lima ...
    assert _lima_line(dialog).endswith("· night")
    # ... but the delegation is in the room: nothing to warn of.
    assert "Night" not in ui.attendeeWarnings.text()
    assert not ui.attendeeWarnings.isVisible()

    # The same hour as a call: Lima joins from home at midnight, as the engine says.
    ui.kind.setCurrentIndex(ui.kind.findData(EventKind.VIDEOCONFERENCE.value))
    assert EventMode(ui.mode.currentData()) is EventMode.VIRTUAL
    qtbot.waitUntil(lambda: LIMA_NIGHT in ui.attendeeWarnings.text())
    assert ui.attendeeWarnings.text() == LIMA_NIGHT
    assert ui.attendeeWarnings.isVisible()


def test_a_conference_is_judged_by_its_sessions_not_its_span(
    qtbot: QtBot,
    sqlite_database: Database,
    peru: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An online conference from 14:00 to midnight in Tokyo (00:00-10:00 in Lima); its
    # one session at 21:00 in Tokyo, 07:00 in Lima, is for its delegations.
    conference = _online_forum(sqlite_database, peru, TOKYO_AFTERNOON, 10)
    _add(
        sqlite_database,
        "Morning in Lima: rental markets",
        TOKYO_AFTERNOON + timedelta(hours=7),
        1,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/forum",
        parent_id=conference,
    )
    assert _nights(conflicts_json(capsys, sqlite_database)) == set()

    dialog = open_dialog(qtbot, EventDialog, sqlite_database, conference)
    _settled(qtbot, dialog)
    assert _lima_line(dialog).endswith("· night")  # its span, on Lima's clock
    assert "Night" not in dialog.ui.attendeeWarnings.text()
    assert not dialog.ui.attendeeWarnings.isVisible()


def test_a_cancelled_call_warns_of_nothing_as_the_check_leaves_it_out(
    qtbot: QtBot,
    sqlite_database: Database,
    peru: str,
    choose: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _add(
        sqlite_database,
        "Cancelled call with Peru",
        TOKYO_AFTERNOON,
        1,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        status=EventStatus.CANCELLED,
        video_link="https://meet.example.org/peru",
        delegation_ids=[peru],
    )
    assert _nights(conflicts_json(capsys, sqlite_database)) == set()

    dialog = _new_at_tokyo_afternoon(qtbot, sqlite_database)
    ui = dialog.ui
    ui.kind.setCurrentIndex(ui.kind.findData(EventKind.VIDEOCONFERENCE.value))
    choose(ui.delegations, "peru")
    qtbot.waitUntil(lambda: LIMA_NIGHT in ui.attendeeWarnings.text())

    ui.status.setCurrentIndex(ui.status.findData(EventStatus.CANCELLED.value))
    qtbot.waitUntil(lambda: not ui.attendeeWarnings.isVisible())
    assert ui.attendeeWarnings.text() == ""
    assert _lima_line(dialog).endswith("· night")  # the times themselves still say so

    ui.status.setCurrentIndex(ui.status.findData(EventStatus.CONFIRMED.value))
    qtbot.waitUntil(lambda: ui.attendeeWarnings.text() == LIMA_NIGHT)


def _times_names(capsys: pytest.CaptureFixture[str], database: Database, uid: str) -> list[str]:
    """The attendees ``cpp-scheduler times UID --json`` reads the meeting for."""
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["times", "--json", "--db", url, uid]) == 0
    rows = json.loads(capsys.readouterr().out)["occurrences"][0]["times"]
    return [row["name"] for row in rows if row["kind"] != "reference"]


def test_a_session_naming_no_delegation_is_for_its_conferences(
    qtbot: QtBot,
    sqlite_database: Database,
    peru: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An online forum for Peru, and a call filed under it that names nobody: the check
    # takes the forum's delegations for it, so Lima is at midnight on that call.
    forum = _online_forum(sqlite_database, peru, TOKYO_AFTERNOON - timedelta(hours=2), 6)
    call = _add(
        sqlite_database,
        "Midnight in Lima: rental markets",
        TOKYO_AFTERNOON,
        1,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/forum",
        parent_id=forum,
    )
    assert _nights(conflicts_json(capsys, sqlite_database)) == {call}
    with sqlite_database.reading() as session:
        uid = session.get_one(Event, call).uid
    # ``times`` reads the call on the clocks of those the check judges it for.
    assert _times_names(capsys, sqlite_database, uid) == [PERU]

    # The saved call's dialog says what both say.
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, call)
    _settled(qtbot, dialog)
    assert _lima_line(dialog).endswith("· night")
    assert dialog.ui.attendeeWarnings.text() == LIMA_NIGHT

    # A new call filed under the forum warns as soon as the forum is chosen.
    dialog = _new_at_tokyo_afternoon(qtbot, sqlite_database)
    ui = dialog.ui
    ui.kind.setCurrentIndex(ui.kind.findData(EventKind.VIDEOCONFERENCE.value))
    _settled(qtbot, dialog)
    assert ui.attendeeWarnings.text() == ""
    ui.parent.setCurrentIndex(ui.parent.findData(forum))
    qtbot.waitUntil(lambda: ui.attendeeWarnings.text() == LIMA_NIGHT)
    assert _lima_line(dialog).endswith("· night")


def test_a_member_on_the_delegations_clock_is_warned_of_with_it_once(
    qtbot: QtBot, sqlite_database: Database, peru: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A call for Peru's delegation and Ana, its member with no clock of her own: the
    check finds the delegation's night and not hers, and the dialog warns of it once.
    Rosa, a member who keeps New York's clock, is judged on her own, in both."""
    from cpp_scheduler.model import Participant

    with sqlite_database.transaction() as session:
        ana = Participant(name="Ana Quispe", email="ana@example.org", delegation_id=peru)
        rosa = Participant(
            name="Rosa Flores",
            email="rosa@example.org",
            delegation_id=peru,
            zone="America/New_York",
        )
        session.add_all([ana, rosa])
        session.flush()
        members = (ana.id, rosa.id)
    call = _add(
        sqlite_database,
        "Follow-up call with Peru",
        TOKYO_AFTERNOON,
        1,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/peru",
        delegation_ids=[peru],
        participant_ids=list(members),
    )
    nights = [
        conflict["message"]
        for conflict in conflicts_json(capsys, sqlite_database)["conflicts"]
        if conflict["kind"] == "night_session"
    ]
    assert len(nights) == 2
    assert any("at night for Peru: Lima housing ministry" in night for night in nights)
    assert any("at night for Rosa Flores" in night for night in nights)

    dialog = open_dialog(qtbot, EventDialog, sqlite_database, call)
    _settled(qtbot, dialog)
    assert dialog.ui.attendeeWarnings.text().splitlines() == [
        LIMA_NIGHT,
        "⚠ Night for Rosa Flores: 00:00–01:00 there.",
    ]
