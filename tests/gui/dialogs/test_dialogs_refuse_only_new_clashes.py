"""The editors of delegations, participants, partner cities, themes and travel times ask
the model's rules of values held once: a record an older database (or a program file of
an older program) holds beside its twin opens ready to save, and a value changed onto
another record's is refused, naming that record as it is stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dialog_helpers import error_text, ok_button
from gui_support import open_dialog
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select, update

from cpp_scheduler.gui.dialogs import (
    DelegationDialog,
    ParticipantDialog,
    PartnerCityDialog,
    ThemeDialog,
    TravelTimeDialog,
)
from cpp_scheduler.gui.dialogs.base import RecordDialog
from cpp_scheduler.model import (
    Delegation,
    Participant,
    PartnerCity,
    ThematicArea,
    TravelMode,
    TravelTime,
)
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

KENYA = {"name": "Kenya: Nairobi City County", "country": "KE", "zone": "Africa/Nairobi"}


def _older_program(database: Database) -> dict[str, list[str]]:
    """Twins as an older program stored them, by kind: two delegations, two
    participants and two partner cities named alike but for case, a route both ways
    round, and a theme's code with a space."""
    kenya = editing.create(database, Delegation, KENYA)
    twin = editing.create(database, Delegation, {**KENYA, "name": "twin"})
    ana = editing.create(database, Participant, {"name": "Ana", "email": "ana@example.pe"})
    other = editing.create(database, Participant, {"name": "Ana B.", "email": "b@example.pe"})
    editing.create(
        database, Delegation, {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    )
    with database.transaction() as session:
        session.execute(
            update(Delegation).where(Delegation.id == twin).values(name=KENYA["name"].upper())
        )
        session.execute(
            update(Participant).where(Participant.id == other).values(email="Ana@Example.PE")
        )
        session.execute(insert(PartnerCity).values(name="KOBE"))
        session.execute(
            insert(TravelTime).values(
                origin="Kitakyushu", destination="Kobe", mode=TravelMode.RAIL, minutes=100
            )
        )
        session.execute(
            update(ThematicArea)
            .where(ThematicArea.code == "compact-city")
            .values(code="compact city")
        )
        ids = {
            "cities": list(
                session.scalars(
                    select(PartnerCity.id).where(PartnerCity.name.in_(["Kobe", "KOBE"]))
                )
            ),
            "routes": list(
                session.scalars(
                    select(TravelTime.id).where(
                        TravelTime.origin.in_(["Kobe", "Kitakyushu"]),
                        TravelTime.destination.in_(["Kobe", "Kitakyushu"]),
                        TravelTime.mode == TravelMode.RAIL,
                    )
                )
            ),
            "themes": list(
                session.scalars(select(ThematicArea.id).where(ThematicArea.code == "compact city"))
            ),
        }
    return {"delegations": [kenya, twin], "participants": [ana, other], **ids}


DIALOGS: dict[str, tuple[type[RecordDialog], str]] = {
    "delegations": (DelegationDialog, "name"),
    "participants": (ParticipantDialog, "email"),
    "cities": (PartnerCityDialog, "name"),
    "routes": (TravelTimeDialog, "destination"),
    "themes": (ThemeDialog, "code"),
}


def test_twins_an_older_program_stored_each_open_ready_to_save(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    twins = _older_program(sqlite_database)
    shown: dict[str, list[tuple[str, bool]]] = {}
    for kind, record_ids in twins.items():
        dialog_class, field = DIALOGS[kind]
        shown[kind] = []
        for record_id in record_ids:
            dialog: Any = open_dialog(qtbot, dialog_class, sqlite_database, record_id)
            shown[kind].append((error_text(dialog, field), ok_button(dialog).isEnabled()))
    assert shown == {
        "delegations": [("", True), ("", True)],
        "participants": [("", True), ("", True)],
        "cities": [("", True), ("", True)],
        "routes": [("", True), ("", True)],
        "themes": [("", True)],
    }


def test_a_value_changed_onto_another_records_is_refused_naming_it(
    qtbot: QtBot, sqlite_database: Database, type_into: Callable[..., None]
) -> None:
    twins = _older_program(sqlite_database)
    twin = twins["delegations"][1]
    dialog: Any = open_dialog(qtbot, DelegationDialog, sqlite_database, twin)
    type_into(dialog.ui.name, "lima HOUSING")
    assert error_text(dialog, "name") == (
        "A delegation called 'Lima housing' already exists; give this one another name."
    )
    assert not ok_button(dialog).isEnabled()
    type_into(dialog.ui.name, "kenya: nairobi city county")  # its own name, however cased
    assert error_text(dialog, "name") == ""
    assert ok_button(dialog).isEnabled()

    dialog = open_dialog(qtbot, ParticipantDialog, sqlite_database)
    type_into(dialog.ui.name, "Ana C.")
    type_into(dialog.ui.email, " ANA@example.pe")
    assert error_text(dialog, "email") == (
        "'ana@example.pe' is already the address of another participant, 'Ana'."
    )
    assert not ok_button(dialog).isEnabled()

    (theme,) = twins["themes"]
    dialog = open_dialog(qtbot, ThemeDialog, sqlite_database, theme)
    type_into(dialog.ui.code, "compact city 2")
    assert error_text(dialog, "code") == (
        "A code has no spaces (compact-city, not 'compact city')."
    )
    type_into(dialog.ui.code, "SMART-CITY")
    assert error_text(dialog, "code") == (
        "The code 'smart-city' is already used by another theme, 'Smart city'."
    )
    assert not ok_button(dialog).isEnabled()

    route = twins["routes"][-1]
    dialog = open_dialog(qtbot, TravelTimeDialog, sqlite_database, route)
    type_into(dialog.ui.origin, "toyama")
    type_into(dialog.ui.destination, "TOKYO")
    assert error_text(dialog, "destination") == (
        "Tokyo–Toyama by rail is already listed: edit that one."
    )
    assert not ok_button(dialog).isEnabled()
