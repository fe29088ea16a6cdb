"""A delegation's and its members' calendar files hold the sessions of a conference the
delegation attends, each at its own time and room, beside the conference itself: the
events the sidebar's filters and ``events list --participant`` / ``--delegation`` give
(a session naming no delegation is its conference's, the engine's rule). Before, a
member's file held the conference as one block of two days, its sessions left out,
while her itinerary and her schedule listed them. Real databases, files read back
with icalendar."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.ical.export import ExportOptions, Method, Organizer
from cpp_scheduler.services import calendar_export, calendar_preview
from cpp_scheduler.store import Database
from tests.ical.conference import Conference, build_conference


@pytest.fixture
def held(database: Database) -> Conference:
    with database.transaction() as session:
        return build_conference(session)


def _read(path: Path) -> dict[str, icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def _conference_entries(entries: dict[str, icalendar.cal.Component], held: Conference) -> set[str]:
    titles = {
        held.conference.title,
        held.opening.title,
        held.parallel.title,
        held.track.title,
        held.track_talk.title,
        held.kathmandu_roundtable.title,
    }
    return titles & set(entries)


def test_a_members_file_holds_her_delegations_sessions_each_at_its_time_and_room(
    held: Conference, database: Database, tmp_path: Path
) -> None:
    ana = held.program.ana  # of Lima's delegation
    (path,) = calendar_export.export_calendar(
        database, calendar_export.ParticipantScope(ana.email), tmp_path / "ana.ics"
    )
    entries = _read(path)

    assert _conference_entries(entries, held) == {
        held.conference.title,
        held.opening.title,
        held.parallel.title,
        held.track.title,
        held.track_talk.title,  # a session of a session: Lima's all the same
    }  # not Kathmandu's roundtable
    talk = entries[held.track_talk.title]
    assert talk.decoded("DTSTART").isoformat() == "2026-09-15T11:00:00+09:00"
    assert str(talk["LOCATION"]) == "TDLC Meeting Room A"
    # A session's title alone does not say of what: its details name the conference.
    assert "Conference: Resilience track" in str(talk["DESCRIPTION"]).splitlines()
    opening = entries[held.opening.title]
    assert f"Conference: {held.conference.title}" in str(opening["DESCRIPTION"]).splitlines()
    assert str(entries[held.parallel.title]["LOCATION"]) == "TDLC Meeting Room B"


def test_a_delegations_file_holds_its_sessions_and_not_another_delegations(
    held: Conference, database: Database, tmp_path: Path
) -> None:
    (kathmandu,) = calendar_export.export_calendar(
        database,
        calendar_export.DelegationScope(held.program.kathmandu.name),
        tmp_path / "kathmandu.ics",
    )
    (lima,) = calendar_export.export_calendar(
        database, calendar_export.DelegationScope(held.program.lima.name), tmp_path / "lima.ics"
    )

    assert held.kathmandu_roundtable.title in _read(kathmandu)
    assert held.opening.title in _read(kathmandu)
    assert held.kathmandu_roundtable.title not in _read(lima)
    assert held.track_talk.title in _read(lima)


def test_each_members_file_of_a_batch_holds_the_sessions_as_her_file_alone(
    held: Conference, database: Database, tmp_path: Path
) -> None:
    calendar_export.export_each_participant(database, tmp_path / "batch")
    maya = held.program.maya  # of Kathmandu's
    (alone,) = calendar_export.export_calendar(
        database, calendar_export.ParticipantScope(maya.email), tmp_path / "maya.ics"
    )

    batch = tmp_path / "batch" / f"{maya.email}.ics"
    assert held.kathmandu_roundtable.title in _read(batch)
    assert held.opening.title in _read(batch)
    assert _read(batch).keys() == _read(alone).keys()


@pytest.mark.parametrize("who", ["participant", "delegation"])
def test_the_file_holds_what_events_list_lists_for_the_same_person(
    held: Conference,
    database: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    who: str,
) -> None:
    url = database.url.render_as_string(hide_password=False)
    named = held.program.ana.email if who == "participant" else held.program.lima.name
    capsys.readouterr()
    assert main(["--db", url, "events", "list", f"--{who}", named, "--json"]) == 0
    listed = {row["uid"] for row in json.loads(capsys.readouterr().out)}
    path = tmp_path / "file.ics"
    assert main(["--db", url, "export", "ics", f"--{who}", named, "-o", str(path)]) == 0
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    in_file = {
        str(event["UID"])
        for event in calendar.walk("VEVENT")
        if not str(event["UID"]).startswith(("tour-", "leg-"))  # the tour's envelope, legs
    }

    assert held.track_talk.uid in listed
    assert in_file == listed


def test_a_request_invites_the_delegations_members_to_each_of_its_sessions(
    held: Conference, database: Database, tmp_path: Path
) -> None:
    """A session naming no delegation invites its conference's delegations' members, as
    they attend it: Lima's request file names Ana and Bruno on each session, so their
    clients take each as an invitation (it named nobody, a plain appointment), and the
    report finds no event of the request inviting nobody."""
    options = ExportOptions(
        method=Method.REQUEST, organizer=Organizer("TDLC coordinators", "cpp@tdlc.example.org")
    )
    scope = calendar_export.DelegationScope(held.program.lima.name)
    path, *_cancelled = calendar_export.export_calendar(
        database, scope, tmp_path / "lima.ics", options
    )
    entries = _read(path)

    members = {f"mailto:{held.program.ana.email}", f"mailto:{held.program.bruno.email}"}
    for title in (held.opening.title, held.track_talk.title):
        attendees = entries[title].get("ATTENDEE")
        assert {str(a) for a in (attendees if isinstance(attendees, list) else [attendees])} == (
            members
        )
    caveats = calendar_preview.export_caveats(database, scope, options)
    assert not any("nobody invited" in caveat for caveat in caveats)
