"""The participant, venue, partner city and theme editors read their lists off the GUI
thread: each shows at once, holds OK back until its lists are in, then offers them with
the stored choices selected."""

from __future__ import annotations

from collections.abc import Callable

from dialog_helpers import error_text, ok_button
from gui_support import reads_held
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.dialogs import (
    ParticipantDialog,
    PartnerCityDialog,
    ThemeDialog,
    VenueDialog,
)
from cpp_scheduler.gui.dialogs.base import RecordDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.model import (
    Delegation,
    Participant,
    ParticipantRole,
    PartnerCity,
    ThematicArea,
    Venue,
)
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database


def _id(database: Database, entity: type, column: str, value: str) -> str:
    with database.session() as session:
        found = session.scalars(select(entity.id).where(getattr(entity, column) == value)).one()
        return str(found)


def _lima_delegation(database: Database) -> str:
    """A delegation in Lima, as a coordinator has made it: its id."""
    return editing.create(
        database,
        Delegation,
        {"name": "Lima housing ministry", "country": "PE", "zone": "America/Lima"},
    )


def shown(qtbot: QtBot, dialog: RecordDialog) -> RecordDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def waits_for_its_lists(dialog: RecordDialog) -> None:
    """What a coordinator sees before the lists are in: OK held back, and why."""
    assert dialog.isVisible()
    assert not dialog.lists_ready()
    assert not ok_button(dialog).isEnabled()
    assert "still being read" in ok_button(dialog).toolTip()


def test_the_participant_editor_offers_delegations_and_knows_taken_emails_once_read(
    qtbot: QtBot,
    sqlite_database: Database,
    tasks: TaskManager,
    type_into: Callable[..., None],
) -> None:
    lima = _lima_delegation(sqlite_database)
    editing.create(
        sqlite_database, Participant, {"name": "David Morgan", "email": "dmorgan@example.org"}
    )
    with reads_held(tasks):
        dialog = shown(qtbot, ParticipantDialog(sqlite_database, tasks=tasks))
        ui = dialog.ui
        type_into(ui.name, "Ana María Quispe")  # usable at once
        type_into(ui.email, "DMorgan@example.org")
        waits_for_its_lists(dialog)
        assert ui.delegation.findData(lima) < 0
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert "already the address of another participant" in error_text(dialog, "email")
    assert not ok_button(dialog).isEnabled()
    type_into(ui.email, "aquispe@example.pe")
    type_into(ui.delegation, "Lima housing ministry")
    assert "delegation's zone applies (America/Lima)" in ui.zoneHint.text()
    assert ok_button(dialog).isEnabled()
    assert dialog.values()["delegation_id"] == lima


def test_a_delegation_typed_before_the_lists_came_is_kept_and_chosen(
    qtbot: QtBot,
    sqlite_database: Database,
    tasks: TaskManager,
    type_into: Callable[..., None],
) -> None:
    # The editor is usable at once: what the coordinator types into a list field before
    # its list arrives stays, and names its item once the list has it.
    lima = _lima_delegation(sqlite_database)
    with reads_held(tasks):
        dialog = shown(qtbot, ParticipantDialog(sqlite_database, tasks=tasks))
        ui = dialog.ui
        type_into(ui.name, "Ana María Quispe")
        type_into(ui.email, "aquispe@example.pe")
        type_into(ui.delegation, "Lima housing")
        waits_for_its_lists(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert ui.delegation.currentText() == "Lima housing"
    assert ui.delegation.lineEdit().cursorPosition() == len("Lima housing")
    assert ui.delegation.hasUnknownText()  # said beside the field, not guessed
    qtbot.keyClicks(ui.delegation.lineEdit(), " ministry")  # typing goes on
    assert dialog.values()["delegation_id"] == lima
    assert ok_button(dialog).isEnabled()


def test_the_participant_being_edited_shows_its_delegation_once_read(
    qtbot: QtBot, sqlite_database: Database, tasks: TaskManager
) -> None:
    lima = _lima_delegation(sqlite_database)
    ana = editing.create(
        sqlite_database,
        Participant,
        {
            "name": "Ana Flores",
            "email": "ana@example.pe",
            "role": ParticipantRole.OFFICIAL,
            "delegation_id": lima,
        },
    )
    with reads_held(tasks):
        dialog = shown(qtbot, ParticipantDialog(sqlite_database, ana, tasks=tasks))
        assert dialog.ui.name.text() == ""  # the record is read with the lists
        waits_for_its_lists(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.ui.name.text() == "Ana Flores"
    assert dialog.ui.delegation.selectedData() == lima
    assert dialog.ui.delegation.currentText() == "Lima housing ministry"
    assert ok_button(dialog).isEnabled()
    assert dialog.values() == dialog.original_values()


def test_the_venue_editor_offers_cities_and_places_once_read_keeping_what_was_typed(
    qtbot: QtBot,
    sqlite_database: Database,
    tasks: TaskManager,
    type_into: Callable[..., None],
) -> None:
    kobe = _id(sqlite_database, PartnerCity, "name", "Kobe")
    with reads_held(tasks):
        dialog = shown(qtbot, VenueDialog(sqlite_database, tasks=tasks))
        ui = dialog.ui
        type_into(ui.name, "Toyama Grand Plaza")
        type_into(ui.locality, "Toyama")
        waits_for_its_lists(dialog)
        assert ui.city.findData(kobe) < 0
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert ui.locality.currentText() == "Toyama"  # what was typed stays
    assert ui.locality.findText("Kobe") >= 0
    assert ui.city.findData(kobe) >= 0
    assert ok_button(dialog).isEnabled()
    type_into(ui.locality, "")
    type_into(ui.city, "Kobe 神戸市")
    assert ui.locality.currentText() == "Kobe"  # filled in from the city


def test_the_venue_being_edited_shows_its_city_once_read(
    qtbot: QtBot, sqlite_database: Database, tasks: TaskManager
) -> None:
    kobe = _id(sqlite_database, PartnerCity, "name", "Kobe")
    hall = editing.create(
        sqlite_database,
        Venue,
        {"name": "Kobe City Hall", "locality": "Kobe", "city_id": kobe, "capacity": 40},
    )
    with reads_held(tasks):
        dialog = shown(qtbot, VenueDialog(sqlite_database, hall, tasks=tasks))
        waits_for_its_lists(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.ui.city.selectedData() == kobe
    assert dialog.ui.locality.currentText() == "Kobe"
    assert dialog.values() == dialog.original_values()


def test_the_partner_city_being_edited_checks_its_themes_once_read(
    qtbot: QtBot,
    sqlite_database: Database,
    tasks: TaskManager,
    type_into: Callable[..., None],
) -> None:
    kobe = _id(sqlite_database, PartnerCity, "name", "Kobe")
    with reads_held(tasks):
        dialog = shown(qtbot, PartnerCityDialog(sqlite_database, kobe, tasks=tasks))
        assert dialog.ui.nameJa.text() == ""  # the record is read with the lists
        waits_for_its_lists(dialog)
        assert dialog.ui.themes.model.rowCount() == 0
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.ui.nameJa.text() == "神戸市"
    assert len(dialog.ui.themes.checkedIds()) == 3
    assert dialog.ui.themes.model.rowCount() > 3
    assert dialog.values() == dialog.original_values()
    type_into(dialog.ui.name, "Yokohama")
    assert error_text(dialog, "name") == "Yokohama is already a partner city."


def test_the_theme_being_edited_shows_its_area_once_read(
    qtbot: QtBot,
    sqlite_database: Database,
    tasks: TaskManager,
    type_into: Callable[..., None],
) -> None:
    planning = _id(sqlite_database, ThematicArea, "code", "urban-planning")
    compact = _id(sqlite_database, ThematicArea, "code", "compact-city")
    with reads_held(tasks):
        dialog = shown(qtbot, ThemeDialog(sqlite_database, compact, tasks=tasks))
        waits_for_its_lists(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.ui.parent.selectedData() == planning
    assert dialog.ui.parent.findData(compact) < 0  # never under itself
    assert dialog.values() == dialog.original_values()
    type_into(dialog.ui.code, "urban-planning")
    assert "already used" in error_text(dialog, "code")
