"""Taking back a creation never takes a colleague's later work with it.

Aiko and Kenji are two handles on one program (two connections, as two windows), on
each backend. Whatever takes a record away again (an undone creation, a revert of it in
the history, an undone import and the organiser it added) carries the version it left,
and is refused, changing nothing, when the other changed the record or linked their own
work to it since. Bringing a deleted record back follows one rule whichever way it is
asked (Undo or the history's Revert): refused when a record it was linked to is gone,
naming it by its title.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Delegation, Event, Participant, PartnerCity, Venue
from cpp_scheduler.services import calendar_import, editing, history, removal
from cpp_scheduler.store import ConcurrentEditError, Database, open_database
from tests.services.stored_records import exists

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


@pytest.fixture
def aiko(database: Database, database_url: str) -> Iterator[Database]:
    store = open_database(database_url, author="Aiko")
    yield store
    store.close()


@pytest.fixture
def kenji(database: Database, database_url: str) -> Iterator[Database]:
    store = open_database(database_url, author="Kenji")
    yield store
    store.close()


def _event(database: Database, title: str, **values: object) -> str:
    return editing.create(
        database,
        Event,
        {"title": title, "start_utc": START, "end_utc": START + timedelta(hours=1), **values},
    )


def _lima(database: Database) -> str:
    return editing.create(
        database, Delegation, {"name": "Lima", "country": "PE", "zone": "America/Lima"}
    )


# -- the window's undo of a creation, redo of a deletion -----------------------------------


def test_a_creation_taken_back_at_the_version_it_left_is_refused_after_a_colleagues_edit(
    aiko: Database, kenji: Database
) -> None:
    created = editing.create_versioned(
        aiko,
        Event,
        {"title": "Port briefing", "start_utc": START, "end_utc": START + timedelta(hours=1)},
    )
    assert created.version == 1
    editing.change(kenji, Event, created.record_id, {"notes": "Kenji's notes"}, 1)

    with pytest.raises(ConcurrentEditError, match="changed by somebody else"):
        removal.delete(aiko, Event, created.record_id, created.version)

    kept = editing.stored(aiko, Event, created.record_id)
    assert kept.values["notes"] == "Kenji's notes"
    # At the version Kenji left, it goes (the window follows its own steps only).
    removal.delete(aiko, Event, created.record_id, kept.version)
    assert not exists(aiko, Event, created.record_id)


def test_a_deletion_brought_back_comes_back_at_its_version_and_deletes_again_only_there(
    aiko: Database, kenji: Database
) -> None:
    event = _event(aiko, "Port briefing")
    deleted = removal.delete(aiko, Event, event)
    removal.restore(aiko, Event, deleted.snapshot)
    assert editing.stored(aiko, Event, event).version == deleted.version
    editing.change(kenji, Event, event, {"notes": "room 3"}, deleted.version)

    with pytest.raises(ConcurrentEditError):
        removal.delete(aiko, Event, event, deleted.version)
    assert editing.stored(kenji, Event, event).values["notes"] == "room 3"


# -- the history's revert of a creation ----------------------------------------------------


def _creation(database: Database, record_id: str) -> history.HistoryEntry:
    return next(e for e in history.history_of(database, record_id) if e.action == "created")


def test_reverting_a_creation_after_a_colleague_linked_a_delegation_is_refused(
    aiko: Database, kenji: Database
) -> None:
    lima = _lima(kenji)
    event = _event(aiko, "Hunt event")
    version = editing.stored(kenji, Event, event).version
    editing.change(kenji, Event, event, {"delegation_ids": [lima]}, version)
    newest = editing.stored(aiko, Event, event).version  # what the History dock read

    with pytest.raises(history.RevertError) as refused:
        history.revert_change(aiko, _creation(aiko, event).change_id, newest)

    assert str(refused.value) == (
        "cannot revert the creation of event 'Hunt event': it was changed since "
        "(version 2, created as 1); revert the later changes first"
    )
    assert editing.stored(aiko, Event, event).values["delegation_ids"] == [lima]


def test_reverting_a_creation_a_colleague_filed_a_session_under_is_refused(
    aiko: Database, kenji: Database
) -> None:
    conference = _event(aiko, "Resilience forum")
    session = _event(kenji, "Kenji's panel", parent_id=conference)

    with pytest.raises(history.RevertError, match="event 'Kenji's panel' refers to it since"):
        history.revert_change(aiko, _creation(aiko, conference).change_id)

    assert exists(aiko, Event, conference)
    assert exists(aiko, Event, session)


def test_reverting_a_creation_is_refused_after_the_same_coordinator_used_it_in_a_save_of_its_own(
    aiko: Database,
) -> None:
    """A save of one's own moments after the creation is a save like any other: the
    revert of the creation does not take it back unseen."""
    venue = editing.create(
        aiko, Venue, {"name": "Port hall", "locality": "Kobe", "zone": "Asia/Tokyo"}
    )
    event = _event(aiko, "Port briefing")
    editing.change(aiko, Event, event, {"venue_id": venue}, 1)

    with pytest.raises(history.RevertError, match="event 'Port briefing' refers to it since"):
        history.revert_change(aiko, _creation(aiko, venue).change_id)

    assert editing.stored(aiko, Event, event).values["venue_id"] == venue


def test_reverting_a_creation_nobody_touched_deletes_it(aiko: Database) -> None:
    event = _event(aiko, "Port briefing")
    assert history.revert_change(aiko, _creation(aiko, event).change_id, 1).action == "deleted"
    assert not exists(aiko, Event, event)


# -- bringing a deletion back when what it was linked to is gone --------------------------


def _linked_event(database: Database) -> tuple[str, str, str]:
    with database.transaction() as session:
        kobe = session.query(PartnerCity).filter_by(name="Kobe").one().id
        venue = editing.create_record(
            session, Venue, {"name": "Hall R", "city_id": kobe, "locality": "Kobe"}
        ).id
        lima = editing.create_record(
            session, Delegation, {"name": "Lima R", "country": "PE", "zone": "America/Lima"}
        ).id
        event = editing.create_record(
            session,
            Event,
            {
                "title": "At hall R",
                "start_utc": START,
                "end_utc": START + timedelta(hours=1),
                "venue_id": venue,
                "delegation_ids": [lima],
            },
        ).id
    return str(event), str(venue), str(lima)


@pytest.mark.parametrize("gone", ["delegation", "venue"])
def test_undo_and_revert_of_a_deletion_refuse_alike_when_a_link_is_gone(
    aiko: Database, kenji: Database, gone: str
) -> None:
    event, venue, lima = _linked_event(aiko)
    deleted = removal.delete(aiko, Event, event)
    if gone == "delegation":
        removal.delete(kenji, Delegation, lima)
    else:
        removal.delete(kenji, Venue, venue)
    # Named as it was, so the coordinator knows which one a colleague took away.
    named = {"delegation": "delegation 'Lima R'", "venue": "venue 'Hall R'"}[gone]
    expected = f"{named}, linked to event 'At hall R', no longer exists"

    with pytest.raises(editing.RecordNotFoundError) as undone:
        removal.restore(aiko, Event, deleted.snapshot)  # the window's Undo
    deletion = next(e for e in history.history_of(aiko, event) if e.action == "deleted")
    with pytest.raises(editing.RecordNotFoundError) as reverted:
        history.revert_change(aiko, deletion.change_id)  # the History's Revert

    assert str(undone.value) == str(reverted.value) == expected
    assert not exists(aiko, Event, event)


# -- an undone calendar import and the organiser it added ----------------------------------

ORGANISED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Kobe city//EN\r
BEGIN:VEVENT\r
UID:hunt-kobe-1@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART:20270112T010000Z\r
DTEND:20270112T020000Z\r
SUMMARY:Kobe port briefing\r
ORGANIZER;CN=Hiro Sato:mailto:hiro.sato@kobe.example.org\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _import(database: Database) -> tuple[calendar_import.ImportUndo, str, str]:
    _report, undo = calendar_import.import_undoably(
        database, read_calendar(ORGANISED, "partner.ics")
    )
    (hiro,) = undo.people
    (briefing,) = undo.created
    assert undo.people_versions == {hiro: 1}
    return undo, hiro, briefing


def test_an_import_undo_is_refused_when_a_colleague_renamed_the_organiser_it_added(
    aiko: Database, kenji: Database
) -> None:
    undo, hiro, briefing = _import(aiko)
    editing.change(kenji, Participant, hiro, {"name": "Hiroshi Sato (port authority)"}, 1)

    with pytest.raises(ConcurrentEditError) as refused:
        calendar_import.undo_import(aiko, undo)

    assert str(refused.value) == (
        "participant 'Hiroshi Sato (port authority)', whom the import added, was changed "
        "by somebody else since (version 2, the import left 1); nothing was changed"
    )
    assert editing.stored(aiko, Participant, hiro).values["name"].startswith("Hiroshi")
    assert exists(aiko, Event, briefing)  # nothing was taken back


def test_an_import_undo_is_refused_when_a_colleague_invited_the_organiser_elsewhere(
    aiko: Database, kenji: Database
) -> None:
    undo, hiro, briefing = _import(aiko)
    workshop = _event(kenji, "Kenji's port workshop", participant_ids=[hiro])
    assert editing.stored(aiko, Participant, hiro).version == 1  # the person is unchanged

    with pytest.raises(SchedulerError) as refused:
        calendar_import.undo_import(aiko, undo)

    assert str(refused.value) == (
        "event 'Kenji's port workshop' names participant 'Hiro Sato', whom the import "
        "added, since; nothing was changed"
    )
    assert editing.stored(aiko, Event, workshop).values["participant_ids"] == [hiro]
    assert exists(aiko, Event, briefing)


def test_an_import_nobody_touched_is_undone_and_redone_with_its_organiser(
    aiko: Database,
) -> None:
    undo, hiro, briefing = _import(aiko)
    calendar_import.undo_import(aiko, undo)
    assert not exists(aiko, Participant, hiro)
    assert not exists(aiko, Event, briefing)
    calendar_import.redo_import(aiko, undo)
    assert editing.stored(aiko, Participant, hiro).values["name"] == "Hiro Sato"
    calendar_import.undo_import(aiko, undo)  # and again: the same versions
    assert not exists(aiko, Participant, hiro)


def _person(database: Database, name: str) -> str:
    email = name.lower().replace(" ", ".") + "@example.org"
    return editing.create(database, Participant, {"name": name, "email": email})


def test_reverting_ones_own_participants_keeps_those_a_colleague_added_or_removed_since(
    aiko: Database, kenji: Database
) -> None:
    """Participant lists never clash: Aiko's revert of her change takes back the person
    she added and brings back the one she removed, and Kenji's additions and removals
    since stay, as saving over his change in the event dialog keeps them."""
    ana, bruno, maya, sofia = (
        _person(aiko, name)
        for name in ("Ana Quispe", "Bruno Salas", "Maya Shrestha", "Sofia Munoz")
    )
    event = _event(aiko, "Pre-tour briefing", participant_ids=[ana, bruno])
    version = editing.stored(aiko, Event, event).version
    editing.change(aiko, Event, event, {"participant_ids": [ana, maya]}, version)  # -Bruno +Maya
    aikos = history.latest_change(aiko, event)
    assert aikos is not None
    version = editing.stored(kenji, Event, event).version
    editing.change(kenji, Event, event, {"participant_ids": [maya, sofia]}, version)  # -Ana +Sofía
    newest = editing.stored(aiko, Event, event).version  # what the History dock read

    history.revert_change(aiko, aikos.change_id, newest)

    assert sorted(editing.stored(aiko, Event, event).values["participant_ids"]) == sorted(
        [bruno, sofia]
    )


def test_a_tour_day_taken_back_after_a_colleague_filed_an_activity_under_it_is_named_by_its_date(
    aiko: Database, kenji: Database
) -> None:
    """The day record the builder made for Aiko's visit, a colleague's lunch filed under
    it since: taking it back is refused, naming the day by its date, not its id."""
    from datetime import date

    from cpp_scheduler.model import StudyTour, TourDay

    tour = editing.create(
        aiko,
        StudyTour,
        {
            "title": "Lima tour",
            "delegation_id": _lima(aiko),
            "start_date": date(2027, 3, 12),
            "end_date": date(2027, 3, 14),
        },
    )
    day = editing.create(aiko, TourDay, {"tour_id": tour, "day": date(2027, 3, 13)})
    version = editing.stored(aiko, TourDay, day).version
    _event(kenji, "Lunch at the fish market", tour_day_id=day)

    with pytest.raises(SchedulerError) as refused:
        removal.delete(aiko, TourDay, day, version, alone=True)

    assert str(refused.value) == (
        "event 'Lunch at the fish market' refers to tour day Sat 13 Mar 2027 since; "
        "nothing was deleted"
    )
