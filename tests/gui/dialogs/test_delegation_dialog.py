"""The delegation editor: country first, then a zone of that country."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from dialog_helpers import error_text, is_marked, ok_button
from gui_support import open_dialog
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs import DelegationDialog
from cpp_scheduler.model import Delegation, Participant, ParticipantRole
from cpp_scheduler.model.validation import home_zone_problem
from cpp_scheduler.store import Database


def make_dialog(qtbot: QtBot, database: Database, record_id: str | None = None) -> DelegationDialog:
    return open_dialog(qtbot, DelegationDialog, database, record_id)


def test_a_one_zone_country_fills_in_its_zone(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    assert not ui.zone.isEnabled()
    qtbot.keyClicks(ui.name, "Lima housing ministry")
    type_into(ui.country, "Peru")
    assert ui.zone.zoneName() == "America/Lima"
    qtbot.keyClicks(ui.homeCity, "Lima")
    ui.arrival.check.setChecked(True)
    ui.arrival.dateEdit.setDate(date(2027, 4, 11))
    ui.departure.check.setChecked(True)
    ui.departure.dateEdit.setDate(date(2027, 4, 17))
    qtbot.keyClicks(ui.languages, "Spanish, English")
    qtbot.keyClicks(ui.interpretation, "Spanish-Japanese consecutive")
    accept(dialog)
    values = dialog.values()
    assert values == {
        "name": "Lima housing ministry",
        "country": "PE",
        "zone": "America/Lima",
        "home_city": "Lima",
        "work_start": time(9),
        "work_end": time(18),
        "acceptable_start": time(7),
        "acceptable_end": time(22),
        "arrival": date(2027, 4, 11),
        "departure": date(2027, 4, 17),
        "languages": ["Spanish", "English"],
        "interpretation": "Spanish-Japanese consecutive",
        "notes": "",
    }


def test_a_country_with_several_zones_requires_a_choice(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    type_into(ui.name, "São Paulo urban development secretariat")
    type_into(ui.country, "Brazil")
    assert ui.zone.zoneName() == ""
    assert ui.zone.count() > 1
    assert ui.zone.findData("America/Sao_Paulo") >= 0
    assert ui.zone.findData("Asia/Tokyo") < 0
    assert is_marked(dialog, "zone")
    # In the model's words, as the command line and the program file's import say it.
    model_says = home_zone_problem("zone", "BR", "")
    assert model_says is not None
    assert error_text(dialog, "zone") == model_says.message
    assert error_text(dialog, "zone").startswith(
        "Brazil spans several time zones; choose the delegation's: America/Noronha,"
    )
    assert not ok_button(dialog).isEnabled()

    type_into(ui.zone, "Asia/Tokyo")
    assert not ok_button(dialog).isEnabled()
    assert "Asia/Tokyo is not a time zone of" in error_text(dialog, "zone")

    type_into(ui.zone, "America/Sao_Paulo")
    assert not is_marked(dialog, "zone")
    assert ok_button(dialog).isEnabled()
    assert dialog.values()["zone"] == "America/Sao_Paulo"
    assert dialog.values()["name"] == "São Paulo urban development secretariat"


def test_reversed_working_hours_are_marked(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.name, "Kathmandu metropolitan city")
    type_into(ui.country, "Nepal")
    ui.workHours.setRange(time(17), time(10))
    assert is_marked(dialog, "work_end")
    assert error_text(dialog, "work_end") == (
        "The working hours must end after they start (17:00-10:00)."
    )
    assert not ok_button(dialog).isEnabled()
    ui.workHours.setRange(time(10), time(17))
    assert not is_marked(dialog, "work_end")
    assert ok_button(dialog).isEnabled()


def test_unknown_country_and_departure_before_arrival_are_explained(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.name, "Nairobi city county")
    type_into(ui.country, "Kenyaa")
    assert error_text(dialog, "country") == "'Kenyaa' is not a country of the list; pick one."
    type_into(ui.country, "kenya")
    assert error_text(dialog, "country") == ""
    assert ui.zone.zoneName() == "Africa/Nairobi"
    ui.arrival.setDate(date(2027, 5, 10))
    ui.departure.setDate(date(2027, 5, 3))
    assert "is before arrival" in error_text(dialog, "departure")
    assert not ok_button(dialog).isEnabled()


def test_a_name_already_taken_is_refused(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    with sqlite_database.transaction() as session:
        session.add(Delegation(name="Manila MMDA", country="PH", zone="Asia/Manila"))
    dialog = make_dialog(qtbot, sqlite_database)
    qtbot.keyClicks(dialog.ui.name, "manila mmda")
    type_into(dialog.ui.country, "Philippines")
    assert "already exists" in error_text(dialog, "name")
    assert not ok_button(dialog).isEnabled()


def test_editing_shows_the_stored_delegation_and_its_members(
    qtbot: QtBot,
    sqlite_database: Database,
) -> None:
    with sqlite_database.transaction() as session:
        delegation = Delegation(
            name="Jakarta planning agency",
            country="ID",
            zone="Asia/Jakarta",
            home_city="Jakarta",
            work_start=time(8),
            work_end=time(16),
            languages=["Indonesian"],
            notes="Prefers morning sessions",
        )
        session.add(delegation)
        session.add(
            Participant(
                name="Dewi Lestari",
                email="dewi@example.id",
                role=ParticipantRole.OFFICIAL,
                delegation=delegation,
            )
        )
        session.flush()
        delegation_id = delegation.id
    dialog = make_dialog(qtbot, sqlite_database, delegation_id)
    ui = dialog.ui
    assert dialog.windowTitle() == "Delegation: Jakarta planning agency"
    assert ui.country.currentText() == "Indonesia"
    assert ui.zone.zoneName() == "Asia/Jakarta"
    assert ui.workHours.start() == time(8)
    assert ui.members.count() == 1
    assert ui.members.item(0).text() == "Dewi Lestari (Official)"
    assert ok_button(dialog).isEnabled()
    values = dialog.values()
    assert values == dialog.original_values()
    assert values["languages"] == ["Indonesian"]
    assert values["notes"] == "Prefers morning sessions"
    assert dialog.record_title() == "Jakarta planning agency"


def test_a_stored_delegation_reads_back_on_every_backend(
    qtbot: QtBot,
    database: Database,
) -> None:
    with database.transaction() as session:
        delegation = Delegation(
            name="Kathmandu metropolitan city",
            country="NP",
            zone="Asia/Kathmandu",
            arrival=date(2027, 4, 11),
            acceptable_start=time(6, 30),
        )
        session.add(delegation)
        session.flush()
        delegation_id = delegation.id
    dialog = make_dialog(qtbot, database, delegation_id)
    values = dialog.values()
    assert values["arrival"] == date(2027, 4, 11)
    assert values["acceptable_start"] == time(6, 30)
    assert values["zone"] == "Asia/Kathmandu"


def test_a_home_city_that_names_a_zone_of_the_country_chooses_it(
    qtbot: QtBot, sqlite_database: Database, type_into: Callable[..., None]
) -> None:
    """Brazil has sixteen zones and São Paulo's is the eighth: the home city typed
    chooses it (however its accents are typed), as long as the coordinator has not
    chosen another."""
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    type_into(ui.name, "São Paulo urban development secretariat")
    type_into(ui.country, "Brazil")
    assert ui.zone.zoneName() == ""
    type_into(ui.homeCity, "São Paulo")
    assert ui.zone.zoneName() == "America/Sao_Paulo"
    assert not is_marked(dialog, "zone")
    type_into(ui.homeCity, "manaus")  # another city: the zone offered follows
    assert ui.zone.zoneName() == "America/Manaus"
    type_into(ui.homeCity, "Campinas")  # no zone of that name: the choice stays
    assert ui.zone.zoneName() == "America/Manaus"

    ui.zone.setZoneName("America/Recife")  # the coordinator's own choice
    type_into(ui.homeCity, "Belem")
    assert ui.zone.zoneName() == "America/Recife"


def test_a_home_city_typed_before_the_country_chooses_its_zone_too(
    qtbot: QtBot, sqlite_database: Database, type_into: Callable[..., None]
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    type_into(ui.homeCity, "Makassar")
    type_into(ui.country, "Indonesia")
    assert ui.zone.zoneName() == "Asia/Makassar"
