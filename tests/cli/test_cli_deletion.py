"""``events deletion UID`` and ``records KIND --deletion NAME``: what deleting a record
would do, as the window asks before it deletes one, with nothing deleted; a name that
names no record, or several, is refused in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event
from cpp_scheduler.store import open_database


@pytest.fixture
def demo_db(demo_sqlite_path: Path) -> str:
    return str(demo_sqlite_path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    printed = capsys.readouterr()
    return status, printed.out, printed.err


def _series(demo_db: str) -> tuple[str, int]:
    """A series of the demo program: its UID and how many meetings ``events list`` lists."""
    database = open_database(demo_db)
    try:
        with database.reading() as session:
            series = next(event for event in session.query(Event).all() if event.is_series)
            return series.uid, len(series.occurrences())
    finally:
        database.close()


def test_a_series_deletion_counts_its_meetings_and_deletes_nothing(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    uid, meetings = _series(demo_db)
    status, out, _err = _run(capsys, "--db", demo_db, "events", "deletion", uid, "--json")
    assert status == 0
    found: dict[str, Any] = json.loads(out)
    assert found["kind"] == "event"
    assert found["series_meetings"] == meetings
    status, out, _err = _run(capsys, "--db", demo_db, "events", "deletion", uid)
    assert out.splitlines()[1] == (
        f"  'Peer-to-peer workshop series: resilient cities (monthly)' is a series: deleting "
        f"it deletes all its {meetings} meetings."
    )
    assert _series(demo_db) == (uid, meetings)  # still there


def test_a_record_nothing_refers_to_changes_nothing_else(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _err = _run(
        capsys, "--db", demo_db, "records", "venues", "--deletion", "Kitakyushu Environment Museum"
    )
    assert status == 0
    assert out.splitlines()[0] == "Deleting the venue 'Kitakyushu Environment Museum':"


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["records", "venues", "--deletion", "Nowhere Hall"],
            "No record of venues is called 'Nowhere Hall' (records venues lists them).",
        ),
        (["events", "deletion", "no-such-uid"], "No event has the UID or id 'no-such-uid'."),
        (
            ["records", "travel-times", "--deletion", "Tokyo"],
            "Several records of travel-times are called 'Tokyo': give one's id "
            "(records travel-times --json).",
        ),
    ],
)
def test_a_name_that_names_nothing_is_refused_in_one_line(
    demo_db: str, capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    status, out, err = _run(capsys, "--db", demo_db, *argv)
    assert status != 0
    assert out == ""
    assert err.strip().splitlines() == [f"cpp-scheduler: {line}"]


def test_the_deletion_is_said_in_japanese(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    uid, meetings = _series(demo_db)
    status, out, _err = _run(capsys, "--lang", "ja", "--db", demo_db, "events", "deletion", uid)
    assert status == 0
    assert out.splitlines()[0].startswith("イベント")
    assert str(meetings) in out


def test_people_are_counted_as_people_in_japanese(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A delegation's members lose it: 人 counts them, as the window's question does."""
    delegation = "Peru: Ministry of Housing, Construction and Sanitation"
    status, out, _err = _run(
        capsys, "--lang", "ja", "--db", demo_db, "records", "delegations", "--deletion", delegation
    )
    assert status == 0
    [members] = [line for line in out.splitlines() if line.startswith("  参加者")]
    assert members.startswith("  参加者8人が代表団から外れます: ")
    assert members.endswith(" ほか5人。")  # three named, as the question names them


def test_one_record_taken_along_holds_in_the_singular(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Peru's delegation takes its one study tour with it: "with all it holds"."""
    delegation = "Peru: Ministry of Housing, Construction and Sanitation"
    status, out, _err = _run(
        capsys, "--db", demo_db, "records", "delegations", "--deletion", delegation
    )
    assert status == 0
    assert out.splitlines()[-1] == (
        "  Deleting it also deletes the study tour 'Peru study tour: compact, resilient "
        "and smart cities', with all it holds."
    )


def test_a_route_is_named_as_the_window_names_it_and_its_tour_leg_is_said(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several routes leave from Kobe: the route is named whole, as its list, the
    window's question and its messages name it, and deleting it leaves the demo tour's
    Thursday leg to Kitakyushu without a journey the check can judge."""
    route = "Kobe–Kitakyushu by rail"
    status, out, _err = _run(
        capsys, "--db", demo_db, "records", "travel-times", "--deletion", route
    )
    assert status == 0
    assert out.splitlines() == [
        f"Deleting the travel time '{route}':",
        "  The conflict check then cannot judge the tour leg whose journey it gives: Kobe → "
        "Kitakyushu on Thu 11 Mar 2027 ('Peru study tour: compact, resilient and smart cities').",
    ]
    status, _out, err = _run(
        capsys, "--db", demo_db, "records", "travel-times", "--deletion", "Kobe"
    )
    assert status == 1
    assert "Several records of travel-times are called 'Kobe'" in err


def test_a_leg_typed_with_the_citys_japanese_name_is_the_routes_leg_too(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check reads 神戸市 as Kobe (one name a place), so the leg typed from 神戸市
    loses its journey with the Kobe route, and is named."""
    import shutil

    from sqlalchemy import update

    from cpp_scheduler.model import TravelLeg

    program = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, program)
    database = open_database(program)
    try:
        with database.transaction() as session:
            session.execute(
                update(TravelLeg).where(TravelLeg.origin == "Kobe").values(origin="神戸市")
            )
    finally:
        database.close()
    route = "Kobe–Kitakyushu by rail"
    status, out, _err = _run(
        capsys, "--db", str(program), "records", "travel-times", "--deletion", route
    )
    assert status == 0
    assert "cannot judge the tour leg whose journey it gives: Kobe → Kitakyushu" in out
