"""A partner city is named one way wherever the program names it with both its names
(:func:`cpp_scheduler.services.rows.both_names`): "Yokohama 横浜市" in English, "横浜市
Yokohama" in Japanese, in the agenda, the sidebar's filter, the Venues view's headings,
the printed itinerary and the printed report alike."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.venues import VenueTimelineView
from cpp_scheduler.store import Database, open_database
from tests.gui.gui_support import rows_read

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from pdftext import page_texts, squeezed
from test_printed_pdfs import cli_command

PERU = "Peru: Ministry of Housing, Construction and Sanitation"
NAMES = {
    # language: (the partner city, the city the report leaves out, the venues' Tokyo)
    i18n.ENGLISH: ("Yokohama 横浜市", "Toyama 富山市", "Tokyo"),
    i18n.JAPANESE: ("横浜市 Yokohama", "富山市 Toyama", "東京"),
}


@pytest.fixture(params=[i18n.ENGLISH, i18n.JAPANESE])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The window and the core speak the language for one test, English again after."""
    translations.install(request.param)
    try:
        yield request.param
    finally:
        translations.install(i18n.ENGLISH)


@pytest.fixture
def demo(demo_sqlite_path: Path, tmp_path: Path) -> Path:
    """The demo program in a file of the test's own."""
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_sqlite_path.read_bytes())
    return copy


def _printed(language: str, *arguments: str) -> str:
    """A document printed by the command line in ``language``, read back with pypdf."""
    output = Path(arguments[arguments.index("-o") + 1])
    done = cli_command("--lang", language, *arguments)
    assert done.returncode == 0, done.stderr
    text: str = squeezed(" ".join(page_texts(output)))
    return text


def test_a_partner_city_is_named_alike_on_screen_and_on_paper(
    language: str,
    demo: Path,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    city, left_out, tokyo = NAMES[language]
    english, japanese = NAMES[i18n.ENGLISH][0].split()

    database: Database = open_database(demo)
    window = make_window(database)
    try:
        rows_read(window)
        proxy = window.proxy
        agenda = {
            proxy.index(row, Column.TITLE).data(): proxy.index(row, Column.CITY).data()
            for row in range(proxy.rowCount())
        }
        at_city_hall = [
            named for title, named in agenda.items() if title.startswith("Peer exchange with Yoko")
        ]
        assert at_city_hall == [city]

        sidebar = window.sidebar.city
        assert city in [sidebar.itemText(n) for n in range(sidebar.count())]

        window.show_view("venues")
        timeline = window.views["venues"]
        assert isinstance(timeline, VenueTimelineView)
        qtbot.waitUntil(lambda: bool(timeline.venues))
        headings = [line.heading for line in timeline.lines if line.venue is None]
        assert city in headings
        assert tokyo in headings  # a locality typed as Tokyo, named as every view names it
        rows_read(window)
    finally:
        window.tasks.wait_for_done()
        database.close()

    itinerary = _printed(
        language, "print", "itinerary", "--db", str(demo), "--delegation", PERU,
        "-o", str(tmp_path / "itinerary.pdf"),
    )  # fmt: skip
    assert squeezed(city) in itinerary
    assert f"({japanese})" not in itinerary
    assert f"({english})" not in itinerary

    report = _printed(
        language, "report", "--db", str(demo), "--from", "2027-03-01", "--to", "2027-03-31",
        "-o", str(tmp_path / "report.pdf"),
    )  # fmt: skip
    assert squeezed(city) in report  # the chart and the table of partner cities
    assert squeezed(left_out) in report  # the list of those left out
    assert "(富山市)" not in report
    assert "(Toyama)" not in report
