"""A colleague deletes the record open in this window's editor: the bar says so and
offers to keep what was typed as a new record, one undoable step, saved through the
services off the GUI thread. Real window, real dialogs, a colleague in another process,
SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gui_support import JANUARY_NINE_TOKYO, Messages, TeamWindow, add_event, event_named, rows_read
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs import DelegationDialog, EventDialog
from cpp_scheduler.model import Delegation, Event, EventKind, StudyTour, TourDay, Venue
from cpp_scheduler.services import editing, removal
from cpp_scheduler.store import open_database
from tests.colleagues import as_colleague
from tests.services.stored_records import exists

KOBE_DAY = JANUARY_NINE_TOKYO.date()


def _deletes(url: str, deleted: list[tuple[str, str]]) -> None:
    """Deletes each (kind, id) in turn."""
    kinds = {"Event": Event, "Venue": Venue, "Delegation": Delegation}
    database = open_database(url)
    for kind, record_id in deleted:
        removal.delete(database, kinds[kind], record_id)
    database.close()


class Team(TeamWindow):
    """Aiko's window over a Kobe workshop at Kobe City Hall for the Lima delegation, an
    activity of its study tour's day in Kobe."""

    def add_program(self) -> None:
        self.hall = editing.create(
            self.database, Venue, {"name": "Kobe City Hall", "locality": "Kobe"}
        )
        self.lima = editing.create(
            self.database,
            Delegation,
            {"name": "Lima housing", "country": "PE", "zone": "America/Lima"},
        )
        tour = editing.create(
            self.database,
            StudyTour,
            {
                "title": "Peru study tour",
                "delegation_id": self.lima,
                "start_date": KOBE_DAY,
                "end_date": KOBE_DAY,
            },
        )
        self.kobe_day = editing.create(
            self.database, TourDay, {"tour_id": tour, "day": KOBE_DAY, "title": "Kobe"}
        )
        self.kobe = add_event(
            self.database,
            "Kobe DRR workshop",
            JANUARY_NINE_TOKYO,
            2,
            kind=EventKind.WORKSHOP,
            venue_id=self.hall,
            tour_day_id=self.kobe_day,
            delegation_ids=[self.lima],
        )


@pytest.fixture
def team(database_url: str, qtbot: QtBot, messages: Messages) -> Iterator[Team]:
    shown = Team(database_url, qtbot, messages)
    yield shown
    shown.close()


def test_an_event_deleted_while_open_is_saved_as_a_new_event_with_a_new_uid(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, messages: Messages
) -> None:
    with team.database.session() as session:
        old_uid = session.get(Event, team.kobe).uid  # type: ignore[union-attr]

    def edit_while_ravi_deletes(dialog: EventDialog) -> int:
        dialog.show()  # the window's: it deletes the dialog once its save is done
        qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
        dialog.ui.title.selectAll()
        qtbot.keyClicks(dialog.ui.title, "Kobe DRR clinic")
        dialog.ui.notes.setPlainText("Bring the hazard maps")
        as_colleague(
            _deletes, team.url, [("Event", team.kobe), ("Venue", team.hall)], author="Ravi Menon"
        )
        bar = dialog.changed_bar()
        qtbot.waitUntil(bar.save_as_new.isVisible, timeout=10_000)
        assert bar.label.text().startswith("Deleted by Ravi Menon at ")
        assert dialog.ui.title.text() == "Kobe DRR clinic"  # what she typed stays

        # The window has heard both of Ravi's deletions before she saves, so the line her
        # save writes is the last one. Each is a commit of its own: heard together the
        # status bar counts them ("Ravi Menon changed 2 records"), heard apart it names
        # the venue's last; either way it no longer names the event alone.
        def heard_both() -> bool:
            said = team.window.statusBar().currentMessage()
            return "Ravi Menon" in said and "Kobe DRR workshop" not in said

        qtbot.waitUntil(heard_both, timeout=10_000)
        qtbot.mouseClick(bar.save_as_new, Qt.MouseButton.LeftButton)
        return int(dialog.result())

    monkeypatch.setattr(EventDialog, "exec", edit_while_ravi_deletes)
    team.window.edit_event(team.kobe)
    rows_read(team.window)

    assert messages.errors == []
    assert not exists(team.database, Event, team.kobe)  # Ravi's deletion stands
    new_id = event_named(team.database, "Kobe DRR clinic")
    assert new_id != team.kobe
    kept = editing.stored(team.database, Event, new_id)
    assert kept.values["notes"] == "Bring the hazard maps"
    assert kept.values["delegation_ids"] == [team.lima]  # still there: kept
    assert kept.values["venue_id"] is None  # deleted too: dropped, and said
    assert kept.values["tour_day_id"] == team.kobe_day  # not in the editor: still on the tour
    with team.database.session() as session:
        assert session.get(Event, new_id).uid != old_uid  # type: ignore[union-attr]
    said = team.window.statusBar().currentMessage()
    assert "Kobe DRR clinic" in said
    assert "left out what was deleted since: venue 'Kobe City Hall'" in said
    assert team.window.undo_stack.undoText() == "Save event 'Kobe DRR clinic' as new"
    assert team.window.selected_event == new_id

    team.window.undo_action.trigger()  # one step: undo takes the new event away
    rows_read(team.window)
    assert not exists(team.database, Event, new_id)
    team.window.redo_action.trigger()
    rows_read(team.window)
    assert exists(team.database, Event, new_id)


def test_a_delegation_deleted_while_open_is_saved_as_a_new_one(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, messages: Messages
) -> None:
    def rename_while_ravi_deletes(dialog: DelegationDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
        dialog.ui.name.setText("Lima housing ministry (MVCS)")
        as_colleague(_deletes, team.url, [("Delegation", team.lima)], author="Ravi Menon")
        bar = dialog.changed_bar()
        qtbot.waitUntil(bar.save_as_new.isVisible, timeout=10_000)
        bar.saveAsNewRequested.emit()
        assert dialog.result() == QDialog.DialogCode.Accepted
        return int(dialog.result())

    monkeypatch.setattr(DelegationDialog, "exec", rename_while_ravi_deletes)
    team.window.edit_record("delegation", team.lima)
    rows_read(team.window)

    assert messages.errors == []
    assert not exists(team.database, Delegation, team.lima)
    with team.database.session() as session:
        (new,) = session.query(Delegation).filter_by(name="Lima housing ministry (MVCS)").all()
        assert new.id != team.lima
        assert new.zone == "America/Lima"
