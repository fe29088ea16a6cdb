"""The editors of participants, venues, partner cities, themes and knowledge products."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

from dialog_helpers import error_text, is_marked, ok_button
from gui_support import open_dialog
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.choices import choice_search_text
from cpp_scheduler.gui.dialogs import (
    KnowledgeProductDialog,
    ParticipantDialog,
    PartnerCityDialog,
    ThemeDialog,
    VenueDialog,
)
from cpp_scheduler.gui.dialogs.knowledge_product_dialog import read_product_lists
from cpp_scheduler.model import (
    Delegation,
    Event,
    Participant,
    ParticipantRole,
    PartnerCity,
    ProductKind,
    ThematicArea,
)
from cpp_scheduler.store import Database


def _ids(database: Database, entity: type, column: str, *names: str) -> list[str]:
    with database.session() as session:
        rows = session.scalars(select(entity).where(getattr(entity, column).in_(names))).all()
        by_name = {getattr(row, column): row.id for row in rows}
    return [by_name[name] for name in names]


# -- participants -----------------------------------------------------------------------
def test_a_participant_joins_a_delegation_and_keeps_its_zone(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    with sqlite_database.transaction() as session:
        session.add(Delegation(name="Lima housing ministry", country="PE", zone="America/Lima"))
    dialog = open_dialog(qtbot, ParticipantDialog, sqlite_database)
    ui = dialog.ui
    type_into(ui.name, "Ana María Quispe")
    qtbot.keyClicks(ui.email, "aquispe@vivienda.example.pe")
    qtbot.keyClicks(ui.organisation, "Ministry of Housing")
    ui.role.setCurrentIndex(ui.role.findText("Speaker"))
    type_into(ui.delegation, "Lima housing ministry")
    assert "delegation's zone applies (America/Lima)" in ui.zoneHint.text()
    accept(dialog)
    [lima] = _ids(sqlite_database, Delegation, "name", "Lima housing ministry")
    assert dialog.values() == {
        "name": "Ana María Quispe",
        "email": "aquispe@vivienda.example.pe",
        "organisation": "Ministry of Housing",
        "role": ParticipantRole.SPEAKER,
        "delegation_id": lima,
        "zone": None,
        "language": None,
    }


def test_a_participant_can_be_written_to_in_japanese(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    dialog = open_dialog(qtbot, ParticipantDialog, sqlite_database)
    type_into(dialog.ui.name, "Kenji Sato")
    qtbot.keyClicks(dialog.ui.email, "kenji@city.kobe.example.jp")
    dialog.language.setCurrentIndex(dialog.language.findText("日本語"))
    accept(dialog)
    assert dialog.values()["language"] == "ja"


def test_a_wrong_or_taken_email_is_marked(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    with sqlite_database.transaction() as session:
        session.add(Participant(name="David Morgan", email="dmorgan@worldbank.example.org"))
    dialog = open_dialog(qtbot, ParticipantDialog, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.name, "Staff member")
    qtbot.keyClicks(ui.email, "dmorgan.worldbank.org")
    assert is_marked(dialog, "email")
    assert "is not an email address" in error_text(dialog, "email")
    assert not ok_button(dialog).isEnabled()
    type_into(ui.email, "DMorgan@worldbank.example.org")
    assert "already the address of another participant" in error_text(dialog, "email")
    type_into(ui.email, "dm2@worldbank.example.org")
    type_into(ui.zone, "America")
    assert "'America' is not a time zone" in error_text(dialog, "zone")
    type_into(ui.zone, "America/New_York")
    assert ok_button(dialog).isEnabled()
    assert dialog.values()["zone"] == "America/New_York"


# -- venues ------------------------------------------------------------------------------
def test_a_venue_in_a_partner_city(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    dialog = open_dialog(qtbot, VenueDialog, sqlite_database)
    ui = dialog.ui
    assert not ok_button(dialog).isEnabled()  # name and locality still missing
    type_into(ui.name, "Kobe City Hall, Conference Room 1")
    type_into(ui.nameJa, "神戸市役所 第1会議室")
    type_into(ui.city, "Kobe 神戸市")
    assert ui.locality.currentText() == "Kobe"  # filled in from the city
    ui.capacity.setValue(48)
    ui.openingHours.setRange(time(8, 30), time(17, 30))
    qtbot.mouseClick(ui.videoconference, Qt.MouseButton.LeftButton)
    ui.booths.setValue(1)
    qtbot.keyClicks(ui.latitude, "34.6901")
    qtbot.keyClicks(ui.longitude, "135.1955")
    accept(dialog)
    values = dialog.values()
    [kobe] = _ids(sqlite_database, PartnerCity, "name", "Kobe")
    assert values["name_ja"] == "神戸市役所 第1会議室"
    assert values["city_id"] == kobe
    assert values["locality"] == "Kobe"
    assert (values["opens_at"], values["closes_at"]) == (time(8, 30), time(17, 30))
    assert values["videoconference"] is True
    assert (values["latitude"], values["longitude"]) == (34.6901, 135.1955)
    assert values["zone"] == "Asia/Tokyo"


def test_venue_hours_and_coordinates_are_checked(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = open_dialog(qtbot, VenueDialog, sqlite_database)
    ui = dialog.ui
    type_into(ui.name, "Toyama Grand Plaza")
    type_into(ui.locality, "Toyama")
    type_into(ui.locality, "")
    assert is_marked(dialog, "locality")
    assert error_text(dialog, "locality") == "The city the venue is in is required."
    type_into(ui.locality, "Toyama")
    ui.openingHours.setRange(time(18), time(9))
    qtbot.keyClicks(ui.latitude, "36,69.1")
    assert "opening hours must end after they start" in error_text(dialog, "closes_at")
    assert "is not a latitude in decimal degrees" in error_text(dialog, "latitude")
    type_into(ui.latitude, "136.69")
    assert error_text(dialog, "latitude") == "Latitude 136.69 is outside -90..90."
    assert not ok_button(dialog).isEnabled()
    type_into(ui.latitude, "36.69")
    ui.openingHours.setRange(time(9), time(18))
    assert ok_button(dialog).isEnabled()


# -- partner cities and themes -----------------------------------------------------------
def test_a_new_partner_city_with_japanese_names_and_themes(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
    choose: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    dialog = open_dialog(qtbot, PartnerCityDialog, sqlite_database)
    ui = dialog.ui
    type_into(ui.name, "Fukuoka")
    type_into(ui.nameJa, "福岡市")
    type_into(ui.prefecture, "Fukuoka")
    type_into(ui.prefectureJa, "福岡県")
    ui.mouDate.setDate(date(2019, 3, 1))
    ui.selectionRound.setValue(2)
    type_into(ui.signature, "Water management")
    choose(ui.themes, "water")
    type_into(ui.contactEmail, "not-an-address")
    assert "is not an email address" in error_text(dialog, "contact_email")
    type_into(ui.contactEmail, "global@city.fukuoka.example.jp")
    accept(dialog)
    values = dialog.values()
    [water] = _ids(sqlite_database, ThematicArea, "code", "water-and-waste")
    assert values["name_ja"] == "福岡市"
    assert values["prefecture_ja"] == "福岡県"
    assert values["mou_date"] == date(2019, 3, 1)
    assert values["selection_round"] == 2
    assert values["theme_ids"] == [water]
    assert dialog.record_title() == "Fukuoka"


def test_a_partner_city_being_edited_shows_its_stored_values(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    [kobe] = _ids(sqlite_database, PartnerCity, "name", "Kobe")
    dialog = open_dialog(qtbot, PartnerCityDialog, sqlite_database, kobe)
    ui = dialog.ui
    assert ui.nameJa.text() == "神戸市"
    assert ui.prefectureJa.text() == "兵庫県"
    assert len(ui.themes.checkedIds()) == 3
    assert dialog.values() == dialog.original_values()
    type_into(ui.name, "Yokohama")
    assert error_text(dialog, "name") == "Yokohama is already a partner city."


def test_a_theme_cannot_go_under_itself_or_reuse_a_code(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    [planning, compact] = _ids(
        sqlite_database, ThematicArea, "code", "urban-planning", "compact-city"
    )
    dialog = open_dialog(qtbot, ThemeDialog, sqlite_database, planning)
    assert dialog.ui.parent.findData(planning) < 0
    assert dialog.ui.parent.findData(compact) < 0  # its own sub-theme
    dialog = open_dialog(qtbot, ThemeDialog, sqlite_database)
    ui = dialog.ui
    type_into(ui.code, "compact-city")
    assert "already used" in error_text(dialog, "code")
    type_into(ui.code, "vacant housing")
    assert "has no spaces" in error_text(dialog, "code")
    type_into(ui.code, "vacant-housing")
    type_into(ui.name, "Vacant housing")
    type_into(ui.nameJa, "空き家対策")
    type_into(ui.parent, "Urban planning")
    accept(dialog)
    assert dialog.values() == {
        "code": "vacant-housing",
        "name": "Vacant housing",
        "name_ja": "空き家対策",
        "parent_id": planning,
        "description": "",
    }


# -- knowledge products ------------------------------------------------------------------
def test_a_knowledge_product_links_cities_themes_and_events(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
    choose: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    with sqlite_database.transaction() as session:
        event = Event(
            title="Compact-city workshop in Toyama",
            start_utc=datetime(2027, 6, 2, 1, tzinfo=UTC),
            end_utc=datetime(2027, 6, 2, 4, tzinfo=UTC),
        )
        session.add(event)
        session.flush()
        event_id = event.id
    dialog = open_dialog(qtbot, KnowledgeProductDialog, sqlite_database)
    ui = dialog.ui
    assert "The title is required." in ok_button(dialog).toolTip()
    qtbot.keyClicks(ui.title, "Compact city planning in Toyama")
    ui.kind.setCurrentIndex(ui.kind.findText("Case study"))
    qtbot.keyClicks(ui.url, "documents.worldbank.org/toyama")
    assert error_text(dialog, "url") == "The link must start with https://."
    assert not ok_button(dialog).isEnabled()
    type_into(ui.url, "https://documents.worldbank.org/toyama")
    ui.published.setDate(date(2027, 9, 1))
    choose(ui.cities, "富山")
    choose(ui.themes, "compact")
    choose(ui.events, "toyama")
    accept(dialog)
    [toyama] = _ids(sqlite_database, PartnerCity, "name", "Toyama")
    [compact] = _ids(sqlite_database, ThematicArea, "code", "compact-city")
    assert dialog.values() == {
        "title": "Compact city planning in Toyama",
        "kind": ProductKind.CASE_STUDY,
        "url": "https://documents.worldbank.org/toyama",
        "published": date(2027, 9, 1),
        "summary": "",
        "city_ids": [toyama],
        "theme_ids": [compact],
        "event_ids": [event_id],
    }


def test_a_knowledge_products_lists_are_read_with_their_search_texts(
    sqlite_database: Database,
) -> None:
    """Every event of the program, which a product may cover, is read off the GUI thread
    with what a search looks in for it: the editor's list shows them without folding
    ten thousand titles on the GUI thread."""
    with sqlite_database.transaction() as session:
        session.add(
            Event(
                title="Compact-city workshop in Toyama",
                start_utc=datetime(2027, 6, 2, 1, tzinfo=UTC),
                end_utc=datetime(2027, 6, 2, 4, tzinfo=UTC),
            )
        )
    lists = read_product_lists(sqlite_database)
    for listed in (lists.cities, lists.themes, lists.events):
        assert list(listed.searched) == [choice_search_text(c) for c in listed.choices]
    [event] = lists.events.choices
    assert event.name.startswith("Compact-city workshop in Toyama")
    assert "toyama" in lists.events.searched[0]


def test_a_typed_name_that_is_no_zone_is_refused_in_the_models_words(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    """ "Tokyo" is a city, not a zone: the dialog says it as the model and the command
    line do, and where to pick one; a name pasted at length is quoted shortened."""
    from cpp_scheduler.model.validation import zone_problem

    dialog = open_dialog(qtbot, ParticipantDialog, sqlite_database)
    type_into(dialog.ui.name, "Kenji Sato")
    type_into(dialog.ui.zone, "Tokyo")
    model_says = zone_problem("zone", "Tokyo")
    assert model_says is not None
    assert error_text(dialog, "zone") == f"{model_says.message} Pick one from the list."
    assert not ok_button(dialog).isEnabled()
    type_into(dialog.ui.zone, "Asia/" + "Kobe" * 500)
    assert len(error_text(dialog, "zone")) < 200
