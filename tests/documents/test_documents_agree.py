"""Every printed document gives the engine's one answer: a cancelled conference is not
held (its sessions neither), a tentative meeting says so, a delegation in Japan reads
its meetings on Japan's clock, a closure of several days fills each of them, and two
states of the program never share a footer."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from cpp_scheduler.documents.itinerary import itinerary_document, read_itinerary
from cpp_scheduler.documents.programme import programme_document, read_programme
from cpp_scheduler.documents.runsheet import read_run_sheet, run_sheet_document
from cpp_scheduler.documents.stamp import read_change_stamp
from cpp_scheduler.model import Delegation, Event, EventStatus
from cpp_scheduler.services import editing, removal
from cpp_scheduler.services.demo import CONFERENCE, KENYA, PERU
from cpp_scheduler.store import Database

MONDAY = date(2027, 2, 15)
"""The conference's first day; Kenya is in Japan from 14 to 17 February."""


def text_of(page: str) -> str:
    """A document's HTML as a reader reads it: its words, spaced once."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def event_id(database: Database, title: str) -> tuple[str, int]:
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.title == title)).one()
        return event.id, event.version


def set_status(database: Database, title: str, status: EventStatus) -> None:
    record, version = event_id(database, title)
    editing.change(database, Event, record, {"status": status}, version)


def session_titles(database: Database) -> list[str]:
    conference, _version = event_id(database, CONFERENCE)
    with database.session() as session:
        return list(session.scalars(select(Event.title).where(Event.parent_id == conference)))


def test_a_cancelled_conferences_sessions_leave_the_run_sheet_and_the_itinerary(
    own_demo: Database,
) -> None:
    sessions = session_titles(own_demo)
    before = text_of(run_sheet_document(read_run_sheet(own_demo, MONDAY)).html())
    assert "Opening plenary" in before
    set_status(own_demo, CONFERENCE, EventStatus.CANCELLED)
    sheet = read_run_sheet(own_demo, MONDAY)
    text = text_of(run_sheet_document(sheet).html())
    for title in sessions:
        if title in before:  # the day's: listed where they were, struck through
            assert f"Cancelled {title}" in text
    assert f"{len(sheet.items)} meeting" in text
    assert not any(CONFERENCE in c.message for c in sheet.conflicts)
    assert "Night-time session" not in text, "no conflict of a session that is not held"
    kenya = text_of(itinerary_document(read_itinerary(own_demo, KENYA)).html())
    assert any(f"Cancelled {title}" in kenya for title in sessions)
    for title in sessions:
        assert title not in kenya or f"Cancelled {title}" in kenya


def test_a_cancelled_conferences_programme_says_so_on_its_cover_and_every_page(
    own_demo: Database,
) -> None:
    set_status(own_demo, CONFERENCE, EventStatus.CANCELLED)
    record, _version = event_id(own_demo, CONFERENCE)
    document = programme_document(read_programme(own_demo, record))
    assert document.header == f"Programme — {CONFERENCE} — CANCELLED"
    assert document.title == f"Programme: {CONFERENCE} (cancelled)"
    text = text_of(document.html())
    assert "Cancelled: this conference will not take place." in text
    assert f"Its {len(session_titles(own_demo))} sessions are cancelled with it." in text
    assert "Opening plenary" not in text, "no timetable of sessions that will not be held"


def test_a_tentative_meeting_says_so_on_the_run_sheet_and_the_itinerary(
    own_demo: Database,
) -> None:
    plenary = "Opening plenary: ten years of the City Partnership Program"
    set_status(own_demo, plenary, EventStatus.TENTATIVE)
    sheet = text_of(run_sheet_document(read_run_sheet(own_demo, MONDAY)).html())
    assert f"{plenary} Conference, Hybrid, Tentative" in sheet
    assert sheet.count("Tentative") == 1
    kenya = text_of(itinerary_document(read_itinerary(own_demo, KENYA)).html())
    assert f"{plenary} Conference, Hybrid, Tentative, part of {CONFERENCE}" in kenya
    assert kenya.count("Tentative") == 1


def test_a_delegation_in_japan_reads_its_hybrid_sessions_on_japans_clock_alone(
    own_demo: Database,
) -> None:
    """Kenya is in Tokyo for the conference: no line of Nairobi's clock; Peru follows
    it from Lima, and keeps its own."""
    kenya = read_itinerary(own_demo, KENYA)
    stay = (date(2027, 2, 14), date(2027, 2, 17))
    in_japan = [m for day in kenya.days for m in day.meetings if stay[0] <= day.day <= stay[1]]
    assert any(m.conference == CONFERENCE for m in in_japan)
    assert all(m.at_home is None for m in in_japan)
    text = text_of(itinerary_document(kenya).html())
    assert "At home (Nairobi): Mon 15 Feb" not in text
    assert "At home (Nairobi): Tue 16 Feb" not in text
    peru = text_of(itinerary_document(read_itinerary(own_demo, PERU)).html())
    assert "At home (Lima): Tue 23 Feb 18:30–19:30" in peru


def test_each_later_day_of_an_all_day_closure_lists_it(own_demo: Database) -> None:
    with own_demo.transaction() as session:
        kenya = session.scalars(select(Delegation).where(Delegation.name == KENYA)).one()
        closure = Event(title="TDLC office closed", zone="Asia/Tokyo", delegations=[kenya])
        closure.set_dates(date(2027, 2, 15), date(2027, 2, 17))
        session.add(closure)
    itinerary = read_itinerary(own_demo, KENYA)
    days = {day.day: day for day in itinerary.days}
    for day in (date(2027, 2, 16), date(2027, 2, 17)):
        assert days[day].meetings[0].title == "TDLC office closed"
    text = text_of(itinerary_document(itinerary).html())
    wednesday = text[text.index("Wednesday 17 February 2027") :]
    assert wednesday.startswith(
        "Wednesday 17 February 2027 Time in Japan What Where All day (continued) TDLC office closed"
    )
    assert "Nothing planned." not in wednesday.split(" 2027 ")[1]  # up to the next day
    tuesday = text[text.index("Tuesday 16 February 2027") :]
    assert "All day (continued) to Wed 17 Feb TDLC office closed" in tuesday
    monday = text[text.index("Monday 15 February 2027") :]
    assert "All day to Wed 17 Feb TDLC office closed" in monday


def test_two_states_of_the_program_never_share_a_footer(own_demo: Database) -> None:
    """An edit and a deletion: the sum of versions would stay where it was, and the
    newest record's time would not move with the deletion."""
    with own_demo.session() as session:
        first = read_change_stamp(session)
    toyama, version = event_id(
        own_demo, "Site visit: Toyama Portram light rail and compact city policy"
    )
    editing.change(own_demo, Event, toyama, {"title": "Site visit: Toyama (edited)"}, version)
    wrap_up, _version = event_id(own_demo, "Study tour wrap-up: the delegation's action plan")
    removal.delete(own_demo, Event, wrap_up)
    with own_demo.session() as session:
        second = read_change_stamp(session)
    assert second.counter == first.counter + 2
    assert second.text != first.text
    kobe, _version = event_id(own_demo, "Living with earthquakes: Kobe after 1995")
    removal.delete(own_demo, Event, kobe)
    with own_demo.session() as session:
        third = read_change_stamp(session)
    # The session's deletion and its conference's, whose sessions it changes.
    assert third.counter == second.counter + 2
    assert second.as_of is not None
    assert third.as_of is not None
    assert second.as_of < third.as_of <= datetime.now(UTC) + timedelta(seconds=1)
