"""The sidebar's Participant filter: a person's meetings (those naming them, those they
organise, their delegation's, a conference's sessions among them), which follows a
colleague's change of the person and lets go of a person deleted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import settle
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Participant
from cpp_scheduler.model.event_filter import EventFilter, Person
from cpp_scheduler.services import editing, removal
from cpp_scheduler.services.demo import PERU, load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read

OPENING = "Opening plenary: ten years of the City Partnership Program"
BRIEFING = "Pre-tour briefing with the Peru delegation"


def agenda_titles(window: MainWindow) -> list[str]:
    agenda = window.current_view.table.model()  # type: ignore[attr-defined]
    return [agenda.index(row, Column.TITLE).data() for row in range(agenda.rowCount())]


def ana(database: Database) -> tuple[str, int]:
    return ana_as_filtered(database).id, ana_version(database)


def ana_as_filtered(database: Database) -> Person:
    with database.reading() as session:
        person = session.scalars(
            select(Participant).where(Participant.email == "ana.mendoza@example.org")
        ).one()
        return Person(person.id, person.delegation_id)


def ana_version(database: Database) -> int:
    with database.reading() as session:
        return session.scalars(
            select(Participant.version).where(Participant.email == "ana.mendoza@example.org")
        ).one()


def test_a_participants_meetings_follow_her_delegation_and_the_filter_lets_go_of_her(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    window.show_view("agenda")
    combo = window.sidebar.participant
    assert combo.itemText(0) == "All participants"
    chosen = combo.findText("Ana Lucía Mendoza Rivera")
    assert combo.itemData(chosen, Qt.ItemDataRole.ToolTipRole).endswith(
        f"{PERU} · ana.mendoza@example.org"
    )
    combo.setCurrentIndex(chosen)
    rows_read(window)
    titles = agenda_titles(window)
    assert OPENING in titles  # a session of the conference Peru's delegation attends
    assert BRIEFING in titles

    # A colleague takes Ana out of Peru's delegation: its meetings are hers no more (the
    # demo names her on none of her own).
    person_id, version = ana(sqlite_database)
    editing.change(sqlite_database, Participant, person_id, {"delegation_id": None}, version)
    window.reload()
    rows_read(window)
    settle(qtbot, window)
    assert combo.currentText() == "Ana Lucía Mendoza Rivera"
    assert agenda_titles(window) == []

    # A colleague deletes her: the sidebar reads "All participants", and so does the
    # calendar, which no longer filters by someone it cannot show.
    removal.delete(sqlite_database, Participant, person_id)
    window.reload()
    rows_read(window)
    settle(qtbot, window)
    assert combo.currentIndex() == 0
    assert window.proxy.rowCount() == window.events.rowCount()
    assert "the filters let through" not in window.count_label.text()
    assert not window.sidebar.clear_button.isEnabled()  # nothing is left to clear


def test_the_filters_chosen_are_there_again_when_the_window_opens_again(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """A delegation and a participant chosen are kept with the kind and the search
    text: the window opened again (or in the other language) filters by all of them once
    the program is read, and its sidebar shows them."""
    load_demo(sqlite_database)
    window = open_window()
    sidebar = window.sidebar
    for combo, text in (
        (sidebar.delegation, PERU),
        (sidebar.participant, "Ana Lucía Mendoza Rivera"),
        (sidebar.kind, "Conference"),
    ):
        found = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
        assert found > 0, text
        combo.setCurrentIndex(found)
    with qtbot.waitSignal(sidebar.filterChanged, timeout=2000):
        sidebar.search.setText("plenary")
    rows_read(window)
    chosen = window.proxy.event_filter
    shown = window.proxy.rowCount()
    assert 0 < shown < window.events.rowCount()
    window.close()

    again = open_window()
    rows_read(again)
    settle(qtbot, again)

    assert again.proxy.event_filter == chosen
    assert again.proxy.rowCount() == shown
    assert again.sidebar.participant.currentText() == "Ana Lucía Mendoza Rivera"
    assert again.sidebar.delegation.currentText() == PERU
    assert again.sidebar.clear_button.isEnabled()


def test_a_search_typed_before_the_program_is_read_keeps_the_participant_kept(
    qtbot: QtBot, sqlite_database: Database, tmp_path: Path
) -> None:
    """The sidebar lists the participants once the program is read: a search typed
    before then, or the window closed, keeps the participant kept from the last session
    (the sidebar read them as "all" and the calendar, then the settings, took that)."""
    load_demo(sqlite_database)
    person = ana_as_filtered(sqlite_database)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    options.write_dict(settings, options.FILTERS, EventFilter(participant=person).as_settings())
    window = MainWindow(sqlite_database, settings)
    qtbot.addWidget(window)
    assert window.sidebar.participant.count() == 1  # "All participants": nothing read yet

    window.sidebar.search.setText("plenary")
    window.sidebar.search.returnPressed.emit()
    window.save_settings()

    assert window.proxy.event_filter == EventFilter(participant=person, text="plenary")
    kept = EventFilter.from_settings(options.read_dict(settings, options.FILTERS))
    assert kept == EventFilter(participant=person, text="plenary")
    assert window.sidebar.clear_button.isEnabled()
    rows_read(window)
    settle(qtbot, window)
    assert window.sidebar.participant.currentText() == "Ana Lucía Mendoza Rivera"
    assert window.proxy.event_filter == EventFilter(participant=person, text="plenary")


def test_people_whose_names_read_alike_are_listed_with_their_addresses(
    sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    load_demo(sqlite_database)
    editing.create(
        sqlite_database,
        Participant,
        {"name": "hiroshi  NAKAMURA", "email": "h.nakamura@kobe.example.jp"},
    )
    for address in ("maria.lopez@toyama.example.jp", "maria.lopez@kobe.example.jp"):
        editing.create(sqlite_database, Participant, {"name": "Maria Lopez", "email": address})
    window = open_window()
    combo = window.sidebar.participant
    listed = [combo.itemText(row) for row in range(combo.count())]

    # Listed by their addresses, on every database whatever its collation.
    assert listed.index("hiroshi  NAKAMURA <h.nakamura@kobe.example.jp>") + 1 == listed.index(
        "Hiroshi Nakamura <hiroshi.nakamura@example.org>"
    )
    maria = [name for name in listed if name.startswith("Maria Lopez")]
    assert maria == [
        "Maria Lopez <maria.lopez@kobe.example.jp>",
        "Maria Lopez <maria.lopez@toyama.example.jp>",
    ]
    assert "Ana Lucía Mendoza Rivera" in listed  # named alone, as nobody else is
    ana_row = listed.index("Ana Lucía Mendoza Rivera")
    assert combo.itemData(ana_row, Qt.ItemDataRole.ToolTipRole) == (
        f"Ana Lucía Mendoza Rivera\n{PERU} · ana.mendoza@example.org"
    )
