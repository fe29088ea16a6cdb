"""The calendar shown on another clock is about that clock's days: on Sunday 14 February
in Lima the window counts the events of Lima's Sunday, checks the conflicts of that
Sunday for the dates shown, and exports that Sunday's agenda, as ``events list``,
``conflicts`` and ``export csv agenda`` answer for ``--days-in America/Lima``. On
Tokyo's clock the same date holds none of it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.cli.conflicts import conflict_json
from cpp_scheduler.gui.eventmodel import Column, Roles
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle, tools_of
from tests.parity.conflicts_support import conflicts_json

LIMA = "America/Lima"
SUNDAY = date(2027, 2, 14)
DAY = SUNDAY.isoformat()


def command(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    capsys.readouterr()  # what came before is not the command's
    assert main(list(arguments)) == 0
    return capsys.readouterr().out


def listed(capsys: pytest.CaptureFixture[str], db: str, *options: str) -> set[str]:
    answer = command(
        capsys, "events", "list", "--db", db, "--from", DAY, "--to", DAY, "--json", *options
    )
    return {item["uid"] for item in json.loads(answer)}


def test_a_day_on_limas_clock_counts_checks_and_exports_what_the_commands_give_for_it(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    window.set_display_zone(LIMA)
    window.show_view("day")
    window.go_to(SUNDAY)
    dock = tools_of(window).conflicts
    dock.scope.setCurrentText(dock.VISIBLE_RANGE)
    settle(qtbot, window)
    assert window.display_zone == LIMA
    assert window.current_view.days_covered() == (SUNDAY, SUNDAY)
    db = str(sqlite_path)

    # The count of events in view.
    on_limas_sunday = listed(capsys, db, "--days-in", LIMA)
    assert on_limas_sunday, "Lima's Sunday should hold events, or this proves nothing"
    assert listed(capsys, db) != on_limas_sunday  # Tokyo's Sunday is another day
    assert window.count_label.text() == f"{len(on_limas_sunday)} events in view"

    # The conflicts of the dates shown.
    answer = conflicts_json(capsys, sqlite_database, "--from", DAY, "--to", DAY, "--days-in", LIMA)
    assert answer["conflicts"], "Lima's Sunday should have conflicts to compare"
    assert [conflict_json(c, LIMA) for c in dock.model.conflicts] == answer["conflicts"]
    errors = sum(1 for c in answer["conflicts"] if c["severity"] == "error")
    assert tools_of(window).count_label.text().startswith(f"{errors} error")
    assert (
        tools_of(window)
        .count_label.text()
        .endswith(f"in {answer['meetings']} meetings in the dates shown")
    )

    # The agenda exported: the window's zones are its clock's and Tokyo's.
    assert window.report_actions.agenda_zones() == [LIMA, timezones.TOKYO]
    exported = tmp_path / "window.csv"
    window.report_actions.export_agenda(exported)
    qtbot.waitUntil(exported.exists, timeout=10_000)
    settle(qtbot, window)
    written = tmp_path / "command.csv"
    said = command(
        capsys,
        "export",
        "csv",
        "agenda",
        "--db",
        db,
        "--from",
        DAY,
        "--to",
        DAY,
        "--days-in",
        LIMA,
        "--zone",
        LIMA,
        "--zone",
        timezones.TOKYO,
        "-o",
        str(written),
    )
    assert "0 rows" not in said
    assert exported.read_text(encoding="utf-8-sig") == written.read_text(encoding="utf-8-sig")


def test_days_in_takes_only_a_time_zone(
    sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for arguments in (
        ["events", "list"],
        ["conflicts"],
        ["export", "csv", "agenda", "-o", str(sqlite_path.with_suffix(".csv"))],
    ):
        capsys.readouterr()
        full = [*arguments, "--db", str(sqlite_path), "--from", DAY, "--days-in", "Lima"]
        assert main(full) == 2, arguments
        error = capsys.readouterr().err
        assert "--days-in 'Lima' is not a time zone" in error, arguments


def test_events_list_on_another_clock_gives_the_times_the_agenda_shows_on_it(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Agenda on Lima's clock, on Lima's Sunday, starts each meeting when
    ``events list --days-in America/Lima`` says it starts in Lima."""
    load_demo(sqlite_database)
    window = open_window()
    window.set_display_zone(LIMA)
    window.show_view("agenda")
    window.go_to(SUNDAY)
    settle(qtbot, window)
    agenda = window.current_view.table.model()
    shown = sorted(
        (
            agenda.index(row, Column.START).data(Roles.START_UTC),
            agenda.index(row, Column.START).data(),
        )
        for row in range(agenda.rowCount())
        if agenda.index(row, Column.START).data().startswith("Sun 14 Feb 2027")
    )
    assert shown, "Lima's Sunday should hold meetings, or this proves nothing"

    printed = command(
        capsys, "events", "list", "--db", str(sqlite_path), "--from", DAY, "--to", DAY,
        "--days-in", LIMA,
    )  # fmt: skip
    header, _rule, *lines = printed.splitlines()
    start, end = header.index("TIME (Lima)"), header.index("TITLE")
    in_lima = sorted(
        (datetime.strptime(line[:16], "%Y-%m-%d %H:%M").replace(tzinfo=UTC), line[start:end])
        for line in lines
        if line[:4].isdigit()
    )

    assert [instant for instant, _ in in_lima] == [instant for instant, _ in shown]
    for (_instant, cell), (_same, said) in zip(shown, in_lima, strict=True):
        day, time = cell.split("  ")
        assert said.startswith(f"{day.removesuffix(' 2027')} {time}"), (cell, said)
