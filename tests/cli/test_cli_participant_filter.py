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

from cpp_scheduler.cli import main
from cpp_scheduler.model import Participant
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

FEBRUARY = ("--from", "2027-02-01", "--to", "2027-02-28")


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
    sqlite_database: Database, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo(sqlite_database)
    editing.create(
        sqlite_database,
        Participant,
        {"name": "Hiroshi Nakamura", "email": "h.nakamura@kobe.example.jp", "zone": "Asia/Tokyo"},
    )
    capsys.readouterr()
    status = main(["events", "list", "--db", str(sqlite_path), "--participant", "hiroshi nakamura"])

    assert status == 1
    assert capsys.readouterr().err == (
        "cpp-scheduler: 2 participants are called 'hiroshi nakamura' "
        "(h.nakamura@kobe.example.jp; hiroshi.nakamura@example.org): give the email address\n"
    )
    by_address = ["--participant", "h.nakamura@kobe.example.jp"]
    assert main(["events", "list", "--db", str(sqlite_path), *FEBRUARY, *by_address]) == 0
    assert capsys.readouterr().out.startswith("No events ")
