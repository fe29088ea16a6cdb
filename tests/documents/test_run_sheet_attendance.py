"""Who a conference session's row on the run sheet is for: the delegations of its
conference when it names none (the engine's rule), with their interpretation and the
room's booths, and the delegations it names when it names some.

The demo's conference names five delegations, Peru among them, which needs
Spanish-Japanese consecutive interpretation; its sessions name none, except the two
where delegations present their action plans. TDLC Meeting Room A has two booths, Room
B none. Read by the program's own reader from a real SQLite file, and printed by
``cpp-scheduler print day``, then read back with pypdf."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from pdftext import page_texts, squeezed
from test_printed_pdfs import print_command

from cpp_scheduler.documents.runsheet import RunSheetItem, read_run_sheet
from cpp_scheduler.services.demo import (
    KENYA,
    MACEDONIA,
    NEPAL,
    PERU,
    PHILIPPINES,
    load_demo,
)
from cpp_scheduler.store import open_database

CONFERENCE_DELEGATIONS = tuple(sorted((KENYA, MACEDONIA, NEPAL, PERU, PHILIPPINES)))
PERU_NEEDS = f"{PERU}: Spanish-Japanese consecutive"
LAND_VALUE = "Capturing land value to finance urban transit"  # Room B, Isabel Ortega
TOYAMA = "Compact city and transit: Toyama's light rail"  # Room A, Aya Morita
ACTION_PLANS = "Delegations' action plans: Kathmandu and Quezon City"  # Nepal, Philippines


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    path = tmp_path_factory.mktemp("runsheet") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    load_demo(database)
    database.close()
    return path


def items_of(program: Path, day: date) -> dict[str, RunSheetItem]:
    database = open_database(program)
    try:
        sheet = read_run_sheet(database, day)
    finally:
        database.close()
    return {item.title: item for item in sheet.items}


def test_a_session_naming_no_delegation_is_for_its_conferences(program: Path) -> None:
    items = items_of(program, date(2027, 2, 15))
    land_value, toyama = items[LAND_VALUE], items[TOYAMA]
    assert land_value.delegations == CONFERENCE_DELEGATIONS
    assert land_value.people == ("Isabel Ortega",)
    assert land_value.interpretation == (PERU_NEEDS,)
    assert "2 interpretation booths" not in land_value.equipment  # Room B has none
    assert toyama.interpretation == (PERU_NEEDS,)
    assert "2 interpretation booths" in toyama.equipment


def test_a_session_naming_delegations_is_theirs_alone(program: Path) -> None:
    plans = items_of(program, date(2027, 2, 16))[ACTION_PLANS]
    assert plans.delegations == tuple(sorted((NEPAL, PHILIPPINES)))
    assert plans.interpretation == ()
    assert plans.equipment == ("Videoconference studio",)


def test_the_printed_run_sheet_gives_each_session_its_delegations_and_needs(
    program: Path, tmp_path: Path
) -> None:
    output = tmp_path / "day.pdf"
    done = print_command("day", "--date", "2027-02-15", "--db", str(program), "-o", str(output))
    assert done.returncode == 0, done.stderr
    text = " ".join(page_texts(output))
    # The rows come after the day's conflicts, which may name the same sessions.
    row = text[text.rindex(LAND_VALUE) : text.rindex(TOYAMA)]
    assert f"Attending: {'; '.join(CONFERENCE_DELEGATIONS)}; Isabel Ortega" in row
    toyama = text[text.rindex(TOYAMA) :]
    toyama = toyama[: toyama.index("(organiser)")]
    assert PERU_NEEDS in toyama
    assert "Videoconference studio 2 interpretation booths" in toyama


def test_the_japanese_run_sheet_gives_the_same_needs(program: Path, tmp_path: Path) -> None:
    output = tmp_path / "day-ja.pdf"
    done = print_command(
        "day", "--date", "2027-02-15", "--db", str(program), "-o", str(output), "--lang", "ja"
    )
    assert done.returncode == 0, done.stderr
    text = squeezed(" ".join(page_texts(output)))
    row = text[text.rindex(squeezed(LAND_VALUE)) : text.rindex(squeezed(TOYAMA))]
    assert squeezed(PERU_NEEDS) in row
    assert squeezed(PHILIPPINES) in row
