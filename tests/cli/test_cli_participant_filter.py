"""``--participant``: a participant's meetings, as the sidebar's Participant filter
shows them: those naming them, those they organise, and their delegation's, a
conference's sessions among them; a person named as a coordinator types them, by their
address or their name, and refused in one line when the program holds no one, or more
than one, by that name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

FEBRUARY = ("--from", "2027-02-01", "--to", "2027-02-28")


def url_of(database: Database) -> str:
    """The ``--db`` of ``database``: its file on SQLite, its URL on PostgreSQL, whose
    collation orders and compares names otherwise."""
    return database.url.render_as_string(hide_password=False)


def listed(program: str, capsys: pytest.CaptureFixture[str], *options: str) -> list[Any]:
    capsys.readouterr()
    assert main(["events", "list", "--db", program, "--json", *FEBRUARY, *options]) == 0
    items: list[Any] = json.loads(capsys.readouterr().out)
    return items


def test_a_delegation_members_meetings_hold_the_sessions_of_her_delegations_conference(
    demo_sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = str(demo_sqlite_path)
    ana = listed(program, capsys, "--participant", "ana.mendoza@example.org")
    titles = [item["title"] for item in ana]

    assert "Opening plenary: ten years of the City Partnership Program" in titles
    assert "Pre-tour briefing with the Peru delegation" in titles
    assert ana == listed(program, capsys, "--participant", "ANA LUCÍA MENDOZA RIVERA")
    peru = listed(
        program, capsys, "--delegation", "Peru: Ministry of Housing, Construction and Sanitation"
    )
    assert {item["uid"] for item in peru} <= {item["uid"] for item in ana}


def test_someone_of_no_delegation_has_what_names_them_or_what_they_organise(
    demo_sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = str(demo_sqlite_path)
    hiroshi = [
        item["title"] for item in listed(program, capsys, "--participant", "Hiroshi Nakamura")
    ]

    assert hiroshi == [
        "Delegations' action plans: Kathmandu and Quezon City",
        "Closing plenary: partnerships for the next round",
        "Site visit: Toyama Portram light rail and compact city policy",
    ]


def test_a_name_nobody_bears_is_refused_in_one_line(
    demo_sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    status = main(
        ["events", "list", "--db", str(demo_sqlite_path), "--participant", "Ana\nMendoza"]
    )
    error = capsys.readouterr().err

    assert status == 1
    assert error == (
        "cpp-scheduler: no participant has the name or email address 'Ana\\nMendoza'\n"
    )


def test_a_name_two_people_bear_is_refused_naming_their_addresses(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo(database)
    editing.create(
        database,
        Participant,
        {"name": "Hiroshi Nakamura", "email": "h.nakamura@kobe.example.jp", "zone": "Asia/Tokyo"},
    )
    capsys.readouterr()
    status = main(["events", "list", "--db", url_of(database), "--participant", "hiroshi nakamura"])

    assert status == 1
    assert capsys.readouterr().err == (
        "cpp-scheduler: 2 participants are called 'hiroshi nakamura' "
        "(h.nakamura@kobe.example.jp; hiroshi.nakamura@example.org): give the email address\n"
    )
    by_address = ["--participant", "h.nakamura@kobe.example.jp"]
    assert main(["events", "list", "--db", url_of(database), *FEBRUARY, *by_address]) == 0
    assert capsys.readouterr().out.startswith("No events ")


def test_a_name_is_found_as_a_search_reads_it_accents_and_spaces_aside(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name stored with its accents decomposed, two spaces inside and one after (as a
    file from elsewhere may give it) is found typed plainly, as the lists show it."""
    load_demo(database)
    person = editing.create(
        database,
        Participant,
        {"name": "Jose\u0301  Pe\u0301rez ", "email": "jose.perez@example.org"},
    )
    briefing = "Pre-tour briefing with the Peru delegation"
    with database.reading() as session:
        event_id = session.scalars(select(Event.id).where(Event.title == briefing)).one()
    editing.change(database, Event, event_id, {"participant_ids": [person]}, None)

    titles = [
        item["title"] for item in listed(url_of(database), capsys, "--participant", "jose perez")
    ]

    assert titles == [briefing]


def test_addresses_apart_only_in_case_are_told_apart_as_written(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older database may hold two addresses apart only in case (the program refuses
    such a twin since): the one written as given is chosen, and one given otherwise is
    refused naming both, never one of them guessed."""
    load_demo(database)
    with database.transaction() as session:
        session.execute(
            update(Participant)
            .where(Participant.email == "keiko.tanaka@example.org")
            .values(email="Keiko.Tanaka@example.org")
        )
    editing.create(database, Participant, {"name": "Keiko Tanaka", "email": "k.tanaka@example.org"})
    with database.transaction() as session:
        session.execute(
            update(Participant)
            .where(Participant.email == "k.tanaka@example.org")
            .values(email="keiko.tanaka@example.org")
        )
    program = url_of(database)

    assert listed(program, capsys, "--participant", "keiko.tanaka@example.org") == []
    assert listed(program, capsys, "--participant", "Keiko.Tanaka@example.org")
    status = main(["events", "list", "--db", program, "--participant", "KEIKO.TANAKA@example.org"])
    assert status == 1
    assert capsys.readouterr().err == (
        "cpp-scheduler: 2 participants have the email address 'KEIKO.TANAKA@example.org' in"
        " some case (Keiko.Tanaka@example.org; keiko.tanaka@example.org): give it as it is"
        " written\n"
    )
