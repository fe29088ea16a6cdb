"""The window with the real editor dialogs: what a dialog returns is what gets saved."""

from __future__ import annotations

from typing import Any

import pytest
from gui_support import JANUARY_NINE_TOKYO, Messages, rows_read
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs import (
    DelegationDialog,
    EventDialog,
    KnowledgeProductDialog,
    PartnerCityDialog,
    VenueDialog,
)
from cpp_scheduler.gui.mainwindow import MainWindow, open_editor
from cpp_scheduler.model import Delegation, Event, KnowledgeProduct, PartnerCity, Venue
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database


@pytest.fixture
def real_window(program: Database, qtbot: QtBot, messages: Messages) -> MainWindow:
    window = MainWindow(program, dialog_factory=open_editor)
    window.report_error = lambda title, message: messages.errors.append(  # type: ignore[method-assign]
        (title, message)
    )
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
        window.show()
    window.go_to(JANUARY_NINE_TOKYO.date())
    return window


def test_an_edit_in_the_event_dialog_is_saved_and_undone(
    real_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    def type_and_accept(dialog: EventDialog) -> int:
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.lists_ready)  # OK waits for the lists read in the background
        dialog.ui.title.selectAll()
        qtbot.keyClicks(dialog.ui.title, "Kobe seismic resilience workshop")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(EventDialog, "exec", type_and_accept)
    with real_window.database.session() as session:
        event_id = session.query(Event).filter_by(title="Kobe DRR workshop").one().id
    real_window.edit_event(event_id)
    rows_read(real_window)
    assert real_window.undo_action.text() == ("Undo Edit event 'Kobe seismic resilience workshop'")
    with real_window.database.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        assert event.title == "Kobe seismic resilience workshop"
        assert event.start_utc == JANUARY_NINE_TOKYO  # untouched fields stay as they were
    real_window.undo_action.trigger()
    rows_read(real_window)
    with real_window.database.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        assert event.title == "Kobe DRR workshop"


def test_a_new_event_dialog_starts_at_the_slot_chosen(
    real_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    seen: list[dict[str, object]] = []

    def type_and_accept(dialog: EventDialog) -> int:
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.lists_ready)
        qtbot.keyClicks(dialog.ui.title, "Toyama compact city talk")
        seen.append(dialog.values())
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(EventDialog, "exec", type_and_accept)
    real_window.new_event(JANUARY_NINE_TOKYO, JANUARY_NINE_TOKYO.replace(hour=2))
    rows_read(real_window)
    assert seen[0]["start_utc"] == JANUARY_NINE_TOKYO
    with real_window.database.session() as session:
        created = session.query(Event).filter_by(title="Toyama compact city talk").one()
        assert created.end_utc == JANUARY_NINE_TOKYO.replace(hour=2)
    assert real_window.selected_event == created.id


def test_editing_a_deleted_event_says_so(real_window: MainWindow, messages: Messages) -> None:
    real_window.edit_event("no-such-event")
    rows_read(real_window)
    assert messages.errors[0][0] == "Cannot open the editor"


def test_a_colleagues_change_while_the_dialog_is_open_is_not_overwritten(
    real_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    messages: Messages,
) -> None:
    with real_window.database.session() as session:
        event_id = session.query(Event).filter_by(title="Kobe DRR workshop").one().id
    answers = iter([QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected])

    def colleague_saves_first(dialog: EventDialog) -> int:
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.lists_ready)
        answer = next(answers)
        if answer == QDialog.DialogCode.Accepted:
            with real_window.database.transaction() as session:
                colleague_copy = session.get(Event, event_id)
                assert colleague_copy is not None
                colleague_copy.title = "Kobe DRR workshop (moved to room 3)"
            dialog.ui.title.selectAll()
            qtbot.keyClicks(dialog.ui.title, "Kobe seismic resilience workshop")
        return int(answer)

    monkeypatch.setattr(EventDialog, "exec", colleague_saves_first)
    offered: list[tuple[str, str, str]] = []

    def cancel_the_merge(plan: Any, _parent: QWidget) -> None:
        offered.extend((c.shown_base, c.shown_theirs, c.shown_mine) for c in plan.conflicts)

    real_window.resolve_merge = cancel_the_merge  # type: ignore[method-assign,assignment]
    real_window.edit_event(event_id)
    rows_read(real_window)
    assert (
        "Kobe DRR workshop",
        "Kobe DRR workshop (moved to room 3)",
        "Kobe seismic resilience workshop",
    ) in offered
    assert messages.errors[-1][0] == "Cannot save"
    assert "changed by somebody else" in messages.errors[-1][1]
    assert not real_window.undo_action.isEnabled()
    with real_window.database.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        assert event.title == "Kobe DRR workshop (moved to room 3)"


def test_the_product_editor_opens_at_once_and_fills_its_lists_when_read(
    real_window: MainWindow, qtbot: QtBot
) -> None:
    """The product and the events to choose from are read in the background: the
    dialog shows at once, holds OK back until they arrive, then shows the product and
    checks what it covers."""
    from cpp_scheduler.gui.dialogs import KnowledgeProductDialog
    from cpp_scheduler.model import KnowledgeProduct
    from cpp_scheduler.services import editing

    with real_window.database.session() as session:
        kobe = session.query(Event).filter_by(title="Kobe DRR workshop").one().id
    product = editing.create(
        real_window.database,
        KnowledgeProduct,
        {"title": "Kobe DRR knowledge note", "event_ids": [kobe]},
    )

    dialog = open_editor(
        "knowledge_product", real_window.database, product, tasks=real_window.tasks
    )
    qtbot.addWidget(dialog)
    assert isinstance(dialog, KnowledgeProductDialog)
    assert dialog.ui.title.text() == ""  # usable at once, filled when read
    assert dialog.windowTitle() == "Knowledge product: …"
    assert not dialog.lists_ready()
    ok = dialog.ui.buttons.button(dialog.ui.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    assert "still being read" in ok.toolTip()

    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.ui.title.text() == "Kobe DRR knowledge note"
    assert dialog.windowTitle() == "Knowledge product: Kobe DRR knowledge note"

    events = dialog.ui.events.model
    labels = [events.data(events.index(row)) for row in range(events.rowCount())]
    assert labels == [
        "Kobe DRR workshop (12 Jan 2027)",
        "Smart city site visit (12 Jan 2027)",
        "Finance videoconference (13 Jan 2027)",
        "Summer conference (13 Jul 2027)",
    ]
    assert dialog.ui.events.checkedIds() == [kobe]
    assert ok.isEnabled()
    assert dialog.values()["event_ids"] == [kobe]
    assert dialog.values() == dialog.original_values()


def test_the_event_editor_offers_conferences_and_people_once_read(
    real_window: MainWindow, qtbot: QtBot
) -> None:
    from cpp_scheduler.model import Delegation
    from cpp_scheduler.services import editing

    database = real_window.database
    with database.session() as session:
        conference = session.query(Event).filter_by(title="Summer conference").one().id
    lima = editing.create(
        database, Delegation, {"name": "Lima", "country": "PE", "zone": "America/Lima"}
    )
    talk = editing.create(
        database,
        Event,
        {
            "title": "Opening talk",
            "start_utc": JANUARY_NINE_TOKYO,
            "end_utc": JANUARY_NINE_TOKYO.replace(hour=1),
            "parent_id": conference,
            "delegation_ids": [lima],
        },
    )

    dialog = open_editor("event", database, talk, tasks=real_window.tasks)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, EventDialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.ui.title.text() == "Opening talk"

    assert dialog.ui.parent.selectedData() == conference
    assert dialog.ui.parent.findText("Summer conference (13 Jul 2027)") >= 0
    assert dialog.ui.parent.findData(talk) < 0  # never a session of itself
    assert dialog.ui.delegations.checkedIds() == [lima]
    assert "Lima: " in dialog.ui.attendeeTimes.text()
    assert dialog.values() == dialog.original_values()


def test_an_editor_closed_before_its_lists_arrive_drops_them(
    real_window: MainWindow, qtbot: QtBot
) -> None:
    import shiboken6
    from PySide6.QtWidgets import QApplication

    dialog = open_editor("knowledge_product", real_window.database, tasks=real_window.tasks)
    dialog.show()
    qtbot.waitUntil(lambda: real_window.tasks.busy, timeout=5_000)  # the lists are being read
    shiboken6.delete(dialog)  # the coordinator cancels at once
    assert real_window.tasks.wait_for_done()
    QApplication.processEvents()  # the answer comes back to nobody, and nothing breaks
    # Other background work the window started meanwhile (the tools' reads) ends too.
    qtbot.waitUntil(lambda: not real_window.tasks.busy, timeout=10_000)


def test_the_event_editor_reads_the_event_and_its_many_participants_in_the_background(
    real_window: MainWindow, qtbot: QtBot
) -> None:
    """An event with a hundred and fifty participants opens at once: while the task
    manager is busy, the dialog shows, its fields empty and OK held back; the event, its
    participants checked, arrives with the lists."""
    from gui_support import reads_held

    from cpp_scheduler.model import Participant
    from cpp_scheduler.services import editing

    database = real_window.database
    people = [
        editing.create(
            database, Participant, {"name": f"Delegate {n:03d}", "email": f"d{n}@example.org"}
        )
        for n in range(150)
    ]
    town_hall = editing.create(
        database,
        Event,
        {
            "title": "Partner cities town hall",
            "start_utc": JANUARY_NINE_TOKYO,
            "end_utc": JANUARY_NINE_TOKYO.replace(hour=2),
            "participant_ids": people,
        },
    )

    with reads_held(real_window.tasks):
        dialog = open_editor("event", database, town_hall, tasks=real_window.tasks)
        qtbot.addWidget(dialog)
        assert isinstance(dialog, EventDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        ok = dialog.ui.buttons.button(dialog.ui.buttons.StandardButton.Ok)
        assert dialog.windowTitle() == "Event: …"
        assert dialog.ui.title.text() == ""
        assert dialog.ui.participants.checkedIds() == []
        assert not dialog.record_ready()
        assert not ok.isEnabled()
        assert "the record is still being read" in ok.toolTip()
        with pytest.raises(ValueError, match="cannot be saved yet"):
            dialog.values()
        # Its fields are greyed: what is typed now would be replaced by the record.
        assert not dialog.ui.title.isEnabled()
        assert not dialog.ui.tabs.isEnabled()
        qtbot.keyClicks(dialog.ui.title, "Typed too early")
        assert dialog.ui.title.text() == ""
        cancel = dialog.ui.buttons.button(dialog.ui.buttons.StandardButton.Cancel)
        assert cancel.isEnabled()
        # Its fields are blank, not the form's own values: no 1 January 2000, no first
        # kind, no example title that reads like the event's.
        assert dialog.ui.start.text().strip() == ""
        assert dialog.ui.end.text().strip() == ""
        assert dialog.ui.kind.currentText() == ""
        assert dialog.ui.title.placeholderText() == ""

    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.record_ready()
    assert dialog.windowTitle() == "Event: Partner cities town hall"
    assert dialog.ui.title.isEnabled()
    assert dialog.ui.tabs.isEnabled()
    assert dialog.ui.title.text() == "Partner cities town hall"
    assert dialog.ui.start.text() == "Tue 12 Jan 2027  09:00"
    assert dialog.ui.kind.currentText() == "Peer-to-peer workshop"
    assert dialog.ui.title.placeholderText() != ""  # the example, for a title cleared
    assert sorted(dialog.ui.participants.checkedIds()) == sorted(people)
    assert ok.isEnabled()
    assert dialog.values() == dialog.original_values()
    assert dialog.stored_version() is not None


def test_a_knowledge_product_typed_in_its_dialog_is_saved_with_its_cities(
    real_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    messages: Messages,
) -> None:
    with real_window.database.session() as session:
        toyama = session.query(PartnerCity).filter_by(name="Toyama").one().id

    def type_and_accept(dialog: KnowledgeProductDialog) -> int:
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.record_ready() and dialog.lists_ready())
        dialog.ui.title.setText("Compact city planning in Toyama")
        dialog.ui.cities.setCheckedIds([toyama])
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(KnowledgeProductDialog, "exec", type_and_accept)
    real_window.create_record("knowledge_product")
    rows_read(real_window)
    assert messages.errors == []
    assert real_window.undo_action.text() == (
        "Undo Create knowledge product 'Compact city planning in Toyama'"
    )
    with real_window.database.session() as session:
        product = session.query(KnowledgeProduct).one()
        assert product.title == "Compact city planning in Toyama"
        assert [city.name for city in product.cities] == ["Toyama"]


def _accept_as_it_is(qtbot: QtBot) -> Any:
    def accept(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.record_ready() and dialog.lists_ready())  # type: ignore[attr-defined]
        return int(QDialog.DialogCode.Accepted)

    return accept


def test_ok_on_a_record_left_as_it_was_changes_nothing_and_leaves_no_undo_step(
    real_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    messages: Messages,
) -> None:
    database = real_window.database
    hall = editing.create(
        database,
        Venue,
        {"name": "Hall A", "locality": "Tokyo", "latitude": 35.123456789, "longitude": 139.74543},
    )
    sendai = editing.create(
        database, PartnerCity, {"name": "Sendai", "latitude": 38.26822, "longitude": 140.869391}
    )
    lima = editing.create(
        database, Delegation, {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    )
    for dialog_class in (VenueDialog, PartnerCityDialog, DelegationDialog):
        monkeypatch.setattr(dialog_class, "exec", _accept_as_it_is(qtbot))
    before = real_window.undo_action.text()
    for kind, record_id in (("venue", hall), ("partner_city", sendai), ("delegation", lima)):
        real_window.edit_record(kind, record_id)
        rows_read(real_window)
    assert messages.errors == []
    # Every digit of the coordinates stays, and no record has a new version or history.
    with database.session() as session:
        venue = session.get_one(Venue, hall)
        city = session.get_one(PartnerCity, sendai)
        delegation = session.get_one(Delegation, lima)
        assert (venue.latitude, venue.longitude) == (35.123456789, 139.74543)
        assert (city.latitude, city.longitude) == (38.26822, 140.869391)
        assert (venue.version, city.version, delegation.version) == (1, 1, 1)
    # Edit > Undo still undoes what was done before, not a step that would do nothing.
    assert real_window.undo_action.text() == before
