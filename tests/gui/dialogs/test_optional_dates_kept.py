"""A date a coordinator may leave unset (an MoU's signature, a delegation's arrival and
departure, a publication) is shown and saved as stored, whatever its year within the
program's range: before, every date before 2000 read "Not set" and a save of any other
field wrote 2000-01-01 over it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from gui_support import open_dialog
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.dialogs import DelegationDialog, PartnerCityDialog
from cpp_scheduler.gui.dialogs.base import RecordDialog
from cpp_scheduler.gui.widgets.optional_date import OptionalDateEdit
from cpp_scheduler.model import Delegation, PartnerCity
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database


def _kobe(database: Database, mou_date: date) -> str:
    with database.transaction() as session:
        kobe = session.scalars(select(PartnerCity).where(PartnerCity.name == "Kobe")).one()
        kobe.mou_date = mou_date
        return kobe.id


def _save(database: Database, dialog: RecordDialog, entity: type, record_id: str) -> None:
    """What the window does with an accepted dialog's values."""
    editing.change(database, entity, record_id, dialog.values(), dialog.stored_version())


def test_an_mou_signed_in_1998_is_shown_and_kept_when_the_contact_changes(
    qtbot: QtBot,
    database: Database,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    kobe = _kobe(database, date(1998, 5, 1))
    dialog = open_dialog(qtbot, PartnerCityDialog, database, kobe)
    ui = dialog.ui
    assert ui.mouDate.check.isChecked()
    assert ui.mouDate.dateEdit.text() == "Fri 1 May 1998"
    type_into(ui.contactName, "Hanako Kobe")
    accept(dialog)
    _save(database, dialog, PartnerCity, kobe)
    with database.session() as session:
        city = session.get(PartnerCity, kobe)
        assert city is not None
        assert (city.mou_date, city.contact_name) == (date(1998, 5, 1), "Hanako Kobe")


def test_a_delegation_that_arrived_in_1999_keeps_its_dates(
    qtbot: QtBot,
    database: Database,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    with database.transaction() as session:
        lima = Delegation(
            name="Lima housing ministry",
            country="PE",
            zone="America/Lima",
            arrival=date(1999, 11, 28),
            departure=date(1999, 12, 3),
        )
        session.add(lima)
        session.flush()
        lima_id = lima.id
    dialog = open_dialog(qtbot, DelegationDialog, database, lima_id)
    assert dialog.ui.arrival.dateEdit.text() == "Sun 28 Nov 1999"
    type_into(dialog.ui.homeCity, "Lima")
    accept(dialog)
    _save(database, dialog, Delegation, lima_id)
    with database.session() as session:
        stored = session.get(Delegation, lima_id)
        assert stored is not None
        assert (stored.arrival, stored.departure) == (date(1999, 11, 28), date(1999, 12, 3))


def test_not_set_is_the_check_box_and_every_day_of_the_range_is_a_date(qtbot: QtBot) -> None:
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    assert (edit.date(), edit.dateEdit.text()) == (None, "Not set")
    assert edit.dateEdit.minimumDate() == QDate(1900, 1, 1)
    assert edit.dateEdit.maximumDate() == QDate(2199, 12, 31)
    edit.setDate(date(1900, 1, 1))
    assert (edit.date(), edit.dateEdit.text()) == (date(1900, 1, 1), "Mon 1 Jan 1900")
    edit.check.setChecked(False)
    assert (edit.date(), edit.dateEdit.text()) == (None, "Not set")
    edit.check.setChecked(True)  # the date shown last comes back
    assert edit.date() == date(1900, 1, 1)
    edit.setDate(date(2199, 12, 31))
    assert edit.date() == date(2199, 12, 31)
