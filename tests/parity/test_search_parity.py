"""The window's search and ``export csv agenda --search`` find the same meetings, by a
venue's English name or its Japanese one, whichever language the program speaks: a
coordinator who types 市役所 or City Hall finds the meetings at Kobe City Hall (神戸市役所)
in the window and in the spreadsheet alike."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.model import PartnerCity, Venue
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.gui.tools.conftest import add, add_event, venue_id

AT_THE_HALL = "Kobe follow-up meeting"


def _program(database: Database) -> None:
    """A meeting at Kobe City Hall (神戸市役所), and one at a room of TDLC's."""
    with database.session() as session:
        kobe = session.scalars(select(PartnerCity.id).where(PartnerCity.name == "Kobe")).one()
    hall = add(
        database, Venue, name="Kobe City Hall", name_ja="神戸市役所", locality="Kobe", city_id=kobe
    )
    add_event(
        database, AT_THE_HALL, datetime(2027, 3, 10, 8, 0, tzinfo=UTC), venue_id=hall, city_id=kobe
    )
    add_event(
        database,
        "Briefing at TDLC",
        datetime(2027, 3, 10, 1, 0, tzinfo=UTC),
        venue_id=venue_id(database, "TDLC Meeting Room A"),
    )


def _listed(database: Database, language: str, text: str, target: Path) -> list[str]:
    """The titles ``cpp-scheduler --lang LANGUAGE export csv agenda --search TEXT`` lists."""
    url = database.url.render_as_string(hide_password=False)
    asked = ["--lang", language, "--db", url, "export", "csv", "agenda", "--search", text]
    status = main([*asked, "--from", "2027-03-01", "--to", "2027-03-31", "-o", str(target)])
    assert status == 0
    with target.open(encoding="utf-8-sig", newline="") as stream:
        return [row[0] for row in list(csv.reader(stream))[1:]]


@pytest.mark.parametrize("text", ["市役所", "City Hall"])
def test_a_venue_is_found_by_either_name_in_the_window_as_in_the_agenda_spreadsheet(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Any,
    tmp_path: Path,
    speaking: str,
    text: str,
) -> None:
    _program(sqlite_database)
    window = open_window()
    window.sidebar.search.setText(text)
    qtbot.waitUntil(lambda: window.proxy.event_filter.text == text, timeout=5_000)
    rows_read(window)
    proxy = window.proxy
    shown = [proxy.index(row, Column.TITLE).data() for row in range(proxy.rowCount())]

    listed = _listed(sqlite_database, speaking, text, tmp_path / "found.csv")

    assert listed == [AT_THE_HALL]
    assert shown == listed
