"""What a delegation's itinerary, the conflict check and the run sheet say about a
meeting it must come to in person outside its stay, and about the days after its stay
it is still travelling: a session naming no delegation is for every delegation of its
conference, in the check as in the itinerary; a face-to-face meeting without a venue yet
is still attended in person, never "from home"; a flight still in the air the day after
the stay ends is on that day, which the itinerary lists. Programs in SQLite files of the
tests' own, changed through the editing services, read back from the commands' output
and the PDFs."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

from pdftext import page_texts
from sqlalchemy import select
from test_printed_pdfs import cli_command, print_command

from cpp_scheduler.documents.itinerary import read_itinerary
from cpp_scheduler.documents.runsheet import read_run_sheet
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    StudyTour,
    TravelLeg,
    TravelMode,
    Venue,
)
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import CONFERENCE, KENYA
from cpp_scheduler.store import Database

PERU = "Peru: Ministry of Housing, Construction and Sanitation"
NEPAL = "Nepal: Kathmandu Metropolitan City"
MACEDONIA = "North Macedonia: City of Skopje"
PHILIPPINES = "Philippines: Quezon City Government"
FIELD_TRIP = "Post-conference field trip"
THURSDAY = date(2027, 2, 18)
"""The day after Kenya and North Macedonia leave (17 February), the last of Nepal's and
the Philippines' stays; Peru comes on 7 March. The conference names all five."""


def database_file(database: Database) -> str:
    assert database.url.database is not None
    return database.url.database


def run(*argv: str) -> str:
    """``cpp-scheduler ...`` in a process of its own, as a coordinator runs it."""
    done = cli_command(*argv)
    assert done.returncode == 0, done.stderr
    out: str = done.stdout
    return out


DAY_HEADING = re.compile(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{2} [A-Z][a-z]+ \d{4}")


def day_text(text: str, heading: str) -> str:
    """The part of the itinerary's text from a day's heading up to the next day's."""
    start = text.index(heading)
    following = DAY_HEADING.search(text, start + len(heading))
    return text[start : following.start() if following is not None else None]


def printed_itinerary(database: Database, delegation: str, pdf: Path) -> str:
    done = print_command(
        "itinerary", "--delegation", delegation, "--db", database_file(database), "-o", str(pdf)
    )
    assert done.returncode == 0, done.stderr
    return " ".join(page_texts(pdf))


def add_field_trip(database: Database, mode: EventMode = EventMode.FACE_TO_FACE) -> str:
    """A session of the demo's conference naming no delegation, in TDLC's Room A on
    Thursday 18 February, 10:00-12:00 in Tokyo, two days after the conference ends."""
    with database.session() as session:
        conference = session.scalars(select(Event.id).where(Event.title == CONFERENCE)).one()
        room = session.scalars(select(Venue.id).where(Venue.name == "TDLC Meeting Room A")).one()
    return editing.create(
        database,
        Event,
        {
            "title": FIELD_TRIP,
            "kind": EventKind.CONFERENCE,
            "mode": mode,
            "status": EventStatus.CONFIRMED,
            "zone": "Asia/Tokyo",
            "start_utc": datetime(2027, 2, 18, 1, 0, tzinfo=UTC),
            "end_utc": datetime(2027, 2, 18, 3, 0, tzinfo=UTC),
            "venue_id": room,
            "parent_id": conference,
        },
    )


def test_a_face_to_face_session_naming_nobody_is_outside_the_stays_it_falls_outside(
    own_demo: Database,
) -> None:
    """Held hybrid, the field trip is joined from home by those not in Japan: no stay is
    broken (the night it is for Kenya is the check's finding). Held face to face, the
    check finds it outside the stays of Kenya and North Macedonia (gone) and of Peru (not
    come yet), not of Nepal and the Philippines (still there), and each delegation's
    itinerary marks it exactly when the check names it."""
    trip_id = add_field_trip(own_demo, EventMode.HYBRID)
    hybrid = run(
        "conflicts",
        "--json",
        "--from",
        "2027-02-18",
        "--to",
        "2027-02-18",
        "--db",
        database_file(own_demo),
    )
    kinds = [c["kind"] for c in json.loads(hybrid)["conflicts"]]
    assert "outside_stay" not in kinds
    assert "night_session" in kinds
    (thursday,) = [d for d in read_itinerary(own_demo, KENYA).days if d.day == THURSDAY]
    assert thursday.heading == "from home"
    assert not any(m.outside_stay for m in thursday.meetings)

    with own_demo.transaction() as session:
        session.get_one(Event, trip_id).mode = EventMode.FACE_TO_FACE
    out = run(
        "conflicts",
        "--json",
        "--from",
        "2027-02-18",
        "--to",
        "2027-02-18",
        "--db",
        database_file(own_demo),
    )
    found = json.loads(out)["conflicts"]
    outside = [c for c in found if c["kind"] == "outside_stay"]
    with own_demo.session() as session:
        names = {
            row.id: row.name for row in session.execute(select(Delegation.id, Delegation.name))
        }
    flagged = {names[c["record_ids"][0]] for c in outside}
    assert flagged == {KENYA, MACEDONIA, PERU}
    assert all(c["severity"] == "error" and c["days"] == ["2027-02-18"] for c in outside)
    kenya = next(c for c in outside if names[c["record_ids"][0]] == KENYA)
    assert kenya["message"] == (
        f"{KENYA} is expected at {FIELD_TRIP} on Thu 18 Feb 2027, after it leaves Japan on "
        "Wed 17 Feb 2027"
    )
    assert not [c for c in found if c["kind"] == "night_session"], "in person, on Tokyo's clock"

    for delegation in (KENYA, MACEDONIA, PERU, NEPAL, PHILIPPINES):
        itinerary = read_itinerary(own_demo, delegation)
        (thursday,) = [day for day in itinerary.days if day.day == THURSDAY]
        (trip,) = [m for m in thursday.meetings if m.title == FIELD_TRIP]
        assert trip.outside_stay == (delegation in flagged), delegation
        assert thursday.heading != "from home", delegation

    sheet = read_run_sheet(own_demo, THURSDAY)
    assert {c.kind.value for c in sheet.conflicts} >= {"outside_stay"}


def test_the_printed_itinerary_says_the_session_is_outside_the_stay(
    own_demo: Database, tmp_path: Path
) -> None:
    add_field_trip(own_demo)
    text = printed_itinerary(own_demo, KENYA, tmp_path / "kenya.pdf")
    thursday = day_text(text, "Thursday 18 February 2027")
    assert FIELD_TRIP in thursday
    assert "Outside the delegation's stay" in thursday
    assert "from home" not in thursday


COURTESY_CALL = "Courtesy call on the Governor of Kanagawa"
MONDAY = date(2027, 3, 1)
"""A week before Peru arrives (7 March)."""


def add_courtesy_call(database: Database) -> str:
    """Peru's, face to face, Monday 1 March 10:00-11:00 in Tokyo, no venue chosen yet."""
    with database.session() as session:
        peru = session.scalars(select(Delegation.id).where(Delegation.name == PERU)).one()
    return editing.create(
        database,
        Event,
        {
            "title": COURTESY_CALL,
            "kind": EventKind.WORKSHOP,
            "mode": EventMode.FACE_TO_FACE,
            "status": EventStatus.CONFIRMED,
            "zone": "Asia/Tokyo",
            "start_utc": datetime(2027, 3, 1, 1, 0, tzinfo=UTC),
            "end_utc": datetime(2027, 3, 1, 2, 0, tzinfo=UTC),
            "delegation_ids": [peru],
        },
    )


def test_a_face_to_face_meeting_without_a_venue_is_attended_in_person(
    own_demo: Database, tmp_path: Path
) -> None:
    """Without a venue yet, the meeting is still face to face: outside the stay for the
    check, and for the itinerary, which does not head its day "from home"; a venue set
    later changes neither."""
    event_id = add_courtesy_call(own_demo)
    arguments = ("conflicts", "--json", "--from", "2027-03-01", "--to", "2027-03-01")
    found = json.loads(run(*arguments, "--db", database_file(own_demo)))["conflicts"]
    assert [(c["kind"], c["event_ids"]) for c in found] == [("outside_stay", [event_id])]
    assert found[0]["message"].endswith("before it arrives in Japan on Sun 07 Mar 2027")

    itinerary = read_itinerary(own_demo, PERU)
    (monday,) = [day for day in itinerary.days if day.day == MONDAY]
    assert monday.heading == ""
    (call,) = monday.meetings
    assert call.in_person
    assert call.outside_stay
    text = printed_itinerary(own_demo, PERU, tmp_path / "peru.pdf")
    section = day_text(text, "Monday 01 March 2027")
    assert "from home" not in section
    assert "Outside the delegation's stay" in section

    with own_demo.session() as session:
        room = session.scalars(select(Venue.id).where(Venue.name == "TDLC Meeting Room A")).one()
    with own_demo.transaction() as session:
        session.get_one(Event, event_id).venue_id = room
    again = json.loads(run(*arguments, "--db", database_file(own_demo)))["conflicts"]
    assert [c["kind"] for c in again] == ["outside_stay"]
    (monday,) = [day for day in read_itinerary(own_demo, PERU).days if day.day == MONDAY]
    assert monday.meetings[0].outside_stay


def add_flights_home(database: Database) -> None:
    """Peru's way home after its stay (to 13 March), in Japan's time: Tokyo to Honolulu
    Sat 13 Mar 21:00 to Sun 14 Mar 04:00, then Honolulu to Lima Mon 15 Mar 05:00-20:00."""
    with database.session() as session:
        tour = session.scalars(select(StudyTour.id)).one()
    for origin, destination, departure, arrival in (
        (
            "Tokyo",
            "Honolulu",
            datetime(2027, 3, 13, 12, 0, tzinfo=UTC),
            datetime(2027, 3, 13, 19, 0, tzinfo=UTC),
        ),
        (
            "Honolulu",
            "Lima",
            datetime(2027, 3, 14, 20, 0, tzinfo=UTC),
            datetime(2027, 3, 15, 11, 0, tzinfo=UTC),
        ),
    ):
        editing.create(
            database,
            TravelLeg,
            {
                "tour_id": tour,
                "origin": origin,
                "destination": destination,
                "mode": TravelMode.AIR,
                "departure_utc": departure,
                "arrival_utc": arrival,
                "zone": "Asia/Tokyo",
            },
        )


def test_a_day_a_flight_is_still_in_the_air_after_the_stay_is_listed(
    own_demo: Database, tmp_path: Path
) -> None:
    """Sunday 14 March, after the stay, the first flight is in the air until 04:00: the
    itinerary lists the day with the flight "(continued) until 04:00", as the run sheet
    of that day lists it."""
    add_flights_home(own_demo)
    days = [day.day for day in read_itinerary(own_demo, PERU).days]
    assert [d for d in days if d >= date(2027, 3, 13)][:3] == [
        date(2027, 3, 13),
        date(2027, 3, 14),
        date(2027, 3, 15),
    ]
    text = printed_itinerary(own_demo, PERU, tmp_path / "peru.pdf")
    sunday = day_text(text, "Sunday 14 March 2027")
    assert "(continued) until 04:00 Air: Tokyo to Honolulu" in sunday
    assert "Nothing planned." not in sunday
    assert "Air: Honolulu to Lima" in day_text(text, "Monday 15 March 2027")
