"""The pickers offer delegations and participants in the order their managers list them
and ``cpp-scheduler records KIND`` prints them: by their names as a coordinator reads
them, accented names among their letters, a lower-case "de Souza" among the D names,
kana in gojūon order and kanji after them, never in the database's order of code
points. So do the delegation dialog's members, the slot finder's lists and the calendar
export's; in English and in Japanese."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.choices import ID_ROLE
from cpp_scheduler.gui.dialogs.delegation_dialog import DelegationDialog
from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.dialogs.participant_dialog import ParticipantDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.slotfinder import HOST_ROLE, SlotFinderDialog
from cpp_scheduler.gui.tools.slotfinder import ID_ROLE as LINE_ID_ROLE
from cpp_scheduler.gui.widgets.multi_select import MultiSelectList
from cpp_scheduler.model import Delegation, Participant, ParticipantRole, PartnerCity, Venue
from cpp_scheduler.services import calendar_export, editing
from cpp_scheduler.store import Database
from tests.gui.gui_support import open_dialog
from tests.gui.tools.conftest import settle, tools_of

DELEGATIONS = {
    "Zambia: Lusaka": ("ZM", "Africa/Lusaka"),
    "de Lima: Peru": ("PE", "America/Lima"),
    "Élysée: Paris": ("FR", "Europe/Paris"),
    "Fiji: Suva": ("FJ", "Pacific/Fiji"),
    "神戸市代表団": ("JP", "Asia/Tokyo"),
    "カワサキ代表団": ("JP", "Asia/Tokyo"),
    "こうべ代表団": ("JP", "Asia/Tokyo"),
}
IN_READING_ORDER = [
    "de Lima: Peru",
    "Élysée: Paris",
    "Fiji: Suva",
    "Zambia: Lusaka",
    "カワサキ代表団",
    "こうべ代表団",
    "神戸市代表団",
]
"""As a coordinator looks for them; the database's order of code points puts "de Lima"
after "Zambia", "Élysée" after both, こうべ before カワサキ."""

PEOPLE = [
    "Zoë Banda",
    "de Souza, Maria",
    "Émile Okafor",
    "Fatima Njeri",
    "山田 花子",
    "カトウ ケン",
]
PEOPLE_IN_ORDER = [
    "de Souza, Maria",
    "Émile Okafor",
    "Fatima Njeri",
    "Zoë Banda",
    "カトウ ケン",
    "山田 花子",
]


def build(database: Database) -> str:
    """The delegations and people above, every person a member of Zambia's delegation,
    with a venue and a partner city named likewise; Zambia's delegation's id."""
    ids = {
        name: editing.create(database, Delegation, {"name": name, "country": c, "zone": z})
        for name, (c, z) in DELEGATIONS.items()
    }
    for number, name in enumerate(PEOPLE):
        editing.create(
            database,
            Participant,
            {
                "name": name,
                "email": f"person{number}@example.org",
                "role": ParticipantRole.OFFICIAL,
                "delegation_id": ids["Zambia: Lusaka"],
            },
        )
    for name in ("Zentrum Hall", "Ébisu Hall", "de Vries Hall"):
        editing.create(database, Venue, {"name": name, "locality": "Tokyo"})
    return ids["Zambia: Lusaka"]


def printed(
    capsys: pytest.CaptureFixture[str], database: Database, kind: str, lang: str
) -> list[tuple[str, str]]:
    """Each record's id and name, as ``records KIND --json`` lists them."""
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["--lang", lang, "records", kind, "--json", "--db", url]) == 0
    records = json.loads(capsys.readouterr().out)["records"]
    return [(record["id"], record["cells"][0]) for record in records]


def picker_ids(picker: MultiSelectList) -> list[str]:
    proxy = picker.proxy
    return [str(proxy.index(row, 0).data(ID_ROLE)) for row in range(proxy.rowCount())]


def combo_ids(combo: QComboBox) -> list[str]:
    return [str(combo.itemData(n)) for n in range(combo.count()) if combo.itemData(n)]


def test_the_pickers_list_names_as_the_managers_and_records_do(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str], speaking: str
) -> None:
    zambia = build(sqlite_database)
    delegations = printed(capsys, sqlite_database, "delegations", speaking)
    people = printed(capsys, sqlite_database, "participants", speaking)
    assert [name for _id, name in delegations] == IN_READING_ORDER
    assert [name for _id, name in people] == PEOPLE_IN_ORDER
    delegation_ids = [record_id for record_id, _name in delegations]
    people_ids = [record_id for record_id, _name in people]

    dialog = EventDialog(sqlite_database, None, tasks=TaskManager())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=20_000)
    assert picker_ids(dialog.ui.delegations) == delegation_ids
    assert picker_ids(dialog.ui.participants) == people_ids
    assert combo_ids(dialog.ui.organiser) == people_ids

    members = open_dialog(qtbot, DelegationDialog, sqlite_database, zambia)
    shown = [members.ui.members.item(n).text() for n in range(members.ui.members.count())]
    role = ParticipantRole.OFFICIAL.label
    assert shown == [f"{name} ({role})" for name in PEOPLE_IN_ORDER]

    person = open_dialog(qtbot, ParticipantDialog, sqlite_database)
    assert combo_ids(person.ui.delegation) == delegation_ids

    scopes = calendar_export.scope_choices(sqlite_database)
    assert [choice.record_id for choice in scopes.delegations] == delegation_ids
    assert [choice.record_id for choice in scopes.participants] == people_ids


def test_the_slot_finders_lists_are_in_the_managers_order(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    capsys: pytest.CaptureFixture[str],
) -> None:
    build(sqlite_database)
    editing.create(
        sqlite_database,
        PartnerCity,
        {"name": "Ōita", "name_ja": "大分市"},
    )
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    assert isinstance(finder, SlotFinderDialog)
    qtbot.waitUntil(lambda: finder.choices is not None, timeout=20_000)
    settle(qtbot, window)
    listing = finder.ui.attendeeList
    lines: list[Any] = [
        listing.item(n).data(LINE_ID_ROLE)
        for n in range(listing.count())
        if not listing.item(n).data(HOST_ROLE)
    ]

    def listed(kind: str) -> list[str]:
        return [record_id for record_id, _name in printed(capsys, sqlite_database, kind, "en")]

    assert lines == listed("delegations") + listed("participants")
    assert combo_ids(finder.ui.venue) == listed("venues")
    assert combo_ids(finder.ui.host) == listed("cities")
    finder.close()
