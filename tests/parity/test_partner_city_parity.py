"""A meeting at a venue in a partner city, with no partner city of its own ("No partner
city" in the event dialog), is that city's meeting everywhere: the window's Partner city
filter and column list it under the venue's city, as ``export csv agenda --city`` and
the report do."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.model import PartnerCity, Venue
from cpp_scheduler.services import reports
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.gui.tools.conftest import add, add_event, venue_id

FOLLOW_UP = "Kobe follow-up meeting"


def _city(database: Database, name: str) -> str:
    with database.session() as session:
        return session.scalars(select(PartnerCity.id).where(PartnerCity.name == name)).one()


def _program(database: Database) -> None:
    """A meeting at Kobe City Hall with no partner city of its own, and one in Tokyo."""
    hall = add(
        database,
        Venue,
        name="Kobe City Hall",
        name_ja="神戸市役所",
        locality="Kobe",
        city_id=_city(database, "Kobe"),
    )
    add_event(database, FOLLOW_UP, datetime(2027, 3, 10, 8, 0, tzinfo=UTC), venue_id=hall)
    add_event(
        database,
        "Briefing at TDLC",
        datetime(2027, 3, 10, 1, 0, tzinfo=UTC),
        venue_id=venue_id(database, "TDLC Meeting Room A"),
    )


def _agenda_csv(
    capsys: pytest.CaptureFixture[str], database: Database, target: Path, *options: str
) -> dict[str, str]:
    """Each row of ``export csv agenda`` with these options: its title, its Partner city."""
    url = database.url.render_as_string(hide_password=False)
    asked = ["--db", url, "export", "csv", "agenda", *options]
    status = main([*asked, "--from", "2027-03-01", "--to", "2027-03-31", "-o", str(target)])
    assert status == 0, capsys.readouterr()
    with target.open(encoding="utf-8-sig", newline="") as stream:
        return {row["Title"]: row["Partner city"] for row in csv.DictReader(stream)}


def test_a_meeting_at_a_kobe_venue_with_no_partner_city_is_kobes_in_the_window_as_in_the_agenda(
    sqlite_database: Database,
    open_window: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _program(sqlite_database)
    window = open_window()
    sidebar = window.sidebar
    sidebar.city.setCurrentIndex(sidebar.city.findText("Kobe", Qt.MatchFlag.MatchStartsWith))
    rows_read(window)
    proxy = window.proxy
    shown = {
        proxy.index(row, Column.TITLE).data(): proxy.index(row, Column.CITY).data()
        for row in range(proxy.rowCount())
    }

    listed = _agenda_csv(capsys, sqlite_database, tmp_path / "kobe.csv", "--city", "Kobe")

    assert list(listed) == [FOLLOW_UP]
    assert list(shown) == list(listed)
    # The window names the city in both languages ("Kobe 神戸市"), the sheet in one.
    assert listed[FOLLOW_UP] == "Kobe"
    assert shown[FOLLOW_UP].split()[0] == "Kobe"
    # And the report counts its hour under Kobe.
    report = reports.program_report(sqlite_database, date(2027, 3, 1), date(2027, 3, 31))
    by_city = {row.label: row.meetings for row in report.breakdown("city").rows}
    assert by_city["Kobe"] == len(shown)
