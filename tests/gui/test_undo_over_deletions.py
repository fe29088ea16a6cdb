"""Undo and redo across a deletion that changed other records: deleting a venue clears
the events held there, deleting a delegation its members' delegation, deleting a
partner city the events and venues in it; undoing the deletion puts those links back.
Both raise the other records' versions, and both are this window's own doing: the steps
before them on the stack still undo and redo, while a colleague's change in between is
still refused."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from gui_support import JANUARY_NINE_TOKYO, DialogScript, Messages, add_event, rows_read
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Delegation, Event, Participant, PartnerCity, ThematicArea, Venue
from cpp_scheduler.model.base import Base
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database, open_database

WindowFactory = Callable[[Database], MainWindow]


@dataclass(frozen=True)
class Case:
    """A record edited in the window, then another deleted whose deletion changes it."""

    edited_kind: str
    edited: type[Base]
    edited_key: str
    """The key of the record edited in ``ids``."""
    new_values: dict[str, Any]
    deleted_kind: str
    deleted: type[Base]
    deleted_key: str
    link: str
    """The edited record's field that the deletion clears (or the link list it empties)."""


CASES = [
    Case("event", Event, "event", {"title": "Kobe DRR workshop (day 1)"}, "venue", Venue,
         "venue", "venue_id"),
    Case("event", Event, "event", {"title": "Kobe DRR workshop (day 1)"}, "participant",
         Participant, "organiser", "organiser_id"),
    Case("event", Event, "event", {"title": "Kobe DRR workshop (day 1)"}, "participant",
         Participant, "organiser", "participant_ids"),
    Case("event", Event, "event", {"title": "Kobe DRR workshop (day 1)"}, "delegation",
         Delegation, "delegation", "delegation_ids"),
    Case("event", Event, "event", {"title": "Kobe DRR workshop (day 1)"}, "partner_city",
         PartnerCity, "city", "city_id"),
    Case("event", Event, "event", {"title": "Kobe DRR workshop (day 1)"}, "theme",
         ThematicArea, "theme", "theme_ids"),
    # The sub-theme the event is filed under goes with its area, and comes back with it.
    Case("event", Event, "event", {"title": "Kobe DRR workshop (day 1)"}, "theme",
         ThematicArea, "area", "theme_ids"),
    Case("participant", Participant, "organiser", {"name": "Ana Torres Ruiz"}, "delegation",
         Delegation, "delegation", "delegation_id"),
    Case("venue", Venue, "venue", {"name": "Kobe hall, room 3"}, "partner_city", PartnerCity,
         "city", "city_id"),
]  # fmt: skip


def _program(database: Database) -> dict[str, str]:
    """A workshop in Kobe at a Kobe venue, organised by a member of the Lima delegation,
    who attends it with her delegation, under a theme."""
    with database.transaction() as session:
        kobe = session.query(PartnerCity).filter_by(name="Kobe").one()
        theme = session.query(ThematicArea).filter(ThematicArea.parent_id.is_not(None)).first()
        assert theme is not None
        lima = editing.create_record(
            session, Delegation, {"name": "Lima", "country": "PE", "zone": "America/Lima"}
        )
        ana = editing.create_record(
            session,
            Participant,
            {"name": "Ana Torres", "email": "ana@example.org", "delegation_id": lima.id},
        )
        hall = editing.create_record(
            session, Venue, {"name": "Kobe hall", "locality": "Kobe", "city_id": kobe.id}
        )
        ids = {
            "city": kobe.id,
            "theme": theme.id,
            "area": str(theme.parent_id),
            "delegation": lima.id,
            "organiser": ana.id,
            "venue": hall.id,
        }
    ids["event"] = add_event(
        database,
        "Kobe DRR workshop",
        JANUARY_NINE_TOKYO,
        2,
        city_id=ids["city"],
        venue_id=ids["venue"],
        organiser_id=ids["organiser"],
        participant_ids=[ids["organiser"]],
        delegation_ids=[ids["delegation"]],
        theme_ids=[ids["theme"]],
    )
    return ids


@pytest.fixture
def program_file(tmp_path: Path) -> Path:
    return tmp_path / "deletions.sqlite"


@pytest.fixture
def database(program_file: Path, new_program: Callable[[Path], Database]) -> Iterator[Database]:
    database = new_program(program_file)
    yield database
    database.close()


def _values(database: Database, model: type[Base], record_id: str) -> dict[str, Any]:
    return editing.stored(database, model, record_id).values


def _exists(database: Database, model: type[Base], record_id: str) -> bool:
    try:
        editing.stored(database, model, record_id)
    except editing.RecordNotFoundError:
        return False
    return True


def _edit_then_delete(
    window: MainWindow, dialogs: DialogScript, case: Case, ids: dict[str, str]
) -> None:
    title = editing.title_of(window.database, case.deleted, ids[case.deleted_key])
    dialogs.answers.append(case.new_values)
    window.edit_record(case.edited_kind, ids[case.edited_key])
    rows_read(window)
    window.delete_record(case.deleted_kind, ids[case.deleted_key], title)
    rows_read(window)


@pytest.mark.parametrize(
    "case", CASES, ids=lambda case: f"{case.edited_kind}-{case.link}-{case.deleted_key}"
)
def test_an_edit_before_a_deletion_is_undone_and_redone_across_it(
    database: Database,
    make_window: WindowFactory,
    dialogs: DialogScript,
    messages: Messages,
    case: Case,
) -> None:
    ids = _program(database)
    edited_id = ids[case.edited_key]
    before = _values(database, case.edited, edited_id)
    window = make_window(database)

    _edit_then_delete(window, dialogs, case, ids)
    after = _values(database, case.edited, edited_id)
    assert not _exists(database, case.deleted, ids[case.deleted_key])
    assert after[case.link] in (None, [])  # the deletion took the link with it

    window.undo_action.trigger()  # the deletion
    rows_read(window)
    assert messages.errors == []
    assert _values(database, case.edited, edited_id)[case.link] == before[case.link]
    window.undo_action.trigger()  # the edit
    rows_read(window)
    assert messages.errors == []
    assert _values(database, case.edited, edited_id) == before
    assert not window.undo_action.isEnabled()

    window.redo_action.trigger()  # the edit again
    rows_read(window)
    window.redo_action.trigger()  # the deletion again
    rows_read(window)
    assert messages.errors == []
    assert _values(database, case.edited, edited_id) == after
    assert not _exists(database, case.deleted, ids[case.deleted_key])

    window.undo_action.trigger()
    rows_read(window)
    window.undo_action.trigger()
    rows_read(window)
    assert messages.errors == []
    assert _values(database, case.edited, edited_id) == before
    rows_read(window)


def _colleague_notes(program_file: Path, event_id: str) -> None:
    """Another coordinator, in a program of their own on the same file, adds notes."""
    colleague = open_database(program_file)
    try:
        version = editing.stored(colleague, Event, event_id).version
        editing.change(colleague, Event, event_id, {"notes": "Bring the maps"}, version)
    finally:
        colleague.close()


@pytest.mark.parametrize("when", ["after the edit", "after the deletion", "after its undo"])
def test_a_colleagues_change_between_the_steps_is_still_refused(
    database: Database,
    program_file: Path,
    make_window: WindowFactory,
    dialogs: DialogScript,
    messages: Messages,
    qtbot: QtBot,
    when: str,
) -> None:
    ids = _program(database)
    window = make_window(database)
    title = editing.title_of(database, Venue, ids["venue"])
    dialogs.answers.append({"title": "Kobe DRR workshop (day 1)"})
    window.edit_record("event", ids["event"])
    rows_read(window)
    if when == "after the edit":
        _colleague_notes(program_file, ids["event"])
    window.delete_record("venue", ids["venue"], title)
    rows_read(window)
    if when == "after the deletion":
        _colleague_notes(program_file, ids["event"])
    window.undo_action.trigger()  # the venue comes back, and with it the event's link
    rows_read(window)
    assert messages.errors == []
    if when == "after its undo":
        _colleague_notes(program_file, ids["event"])
    event = _values(database, Event, ids["event"])
    assert event["venue_id"] == ids["venue"]
    assert event["notes"] == "Bring the maps"

    undo_text = window.undo_action.text()
    window.undo_action.trigger()  # the edit: the colleague changed the event since
    rows_read(window)
    assert "changed by somebody else" in messages.errors[-1][1]
    event = _values(database, Event, ids["event"])
    assert event["title"] == "Kobe DRR workshop (day 1)"
    assert event["notes"] == "Bring the maps"
    # The refused step is still the one to undo.
    qtbot.waitUntil(lambda: window.undo_action.text() == undo_text, timeout=5_000)
    rows_read(window)


def test_an_edit_after_a_deletion_is_undone_and_redone_across_it(
    database: Database, make_window: WindowFactory, dialogs: DialogScript, messages: Messages
) -> None:
    """The other order: the venue deleted first, then the event edited; undoing both and
    redoing both finds the event each time where the window's last step left it."""
    ids = _program(database)
    before = _values(database, Event, ids["event"])
    window = make_window(database)
    title = editing.title_of(database, Venue, ids["venue"])
    window.delete_record("venue", ids["venue"], title)
    rows_read(window)
    dialogs.answers.append({"title": "Kobe DRR workshop (day 1)"})
    window.edit_record("event", ids["event"])
    rows_read(window)
    after = _values(database, Event, ids["event"])
    assert (after["title"], after["venue_id"]) == ("Kobe DRR workshop (day 1)", None)

    for action in (window.undo_action, window.undo_action):
        action.trigger()
        rows_read(window)
    assert messages.errors == []
    assert _values(database, Event, ids["event"]) == before
    for action in (window.redo_action, window.redo_action):
        action.trigger()
        rows_read(window)
    assert messages.errors == []
    assert _values(database, Event, ids["event"]) == after
    rows_read(window)


def test_steps_after_a_colleagues_change_still_undo_across_a_deletion(
    database: Database,
    program_file: Path,
    make_window: WindowFactory,
    dialogs: DialogScript,
    messages: Messages,
) -> None:
    """A colleague's change refuses the steps before it, never the ones after it."""
    ids = _program(database)
    window = make_window(database)
    dialogs.answers.append({"title": "Kobe DRR workshop (day 1)"})
    window.edit_record("event", ids["event"])
    rows_read(window)
    _colleague_notes(program_file, ids["event"])
    dialogs.answers.append({"description": "Flood maps of the port"})
    window.edit_record("event", ids["event"])  # over the colleague's notes
    rows_read(window)
    title = editing.title_of(database, Venue, ids["venue"])
    window.delete_record("venue", ids["venue"], title)
    rows_read(window)

    window.undo_action.trigger()  # the venue's deletion
    rows_read(window)
    window.undo_action.trigger()  # the description
    rows_read(window)
    assert messages.errors == []
    event = _values(database, Event, ids["event"])
    assert (event["venue_id"], event["description"]) == (ids["venue"], "")
    window.undo_action.trigger()  # the title: the colleague changed the event since
    rows_read(window)
    assert "changed by somebody else" in messages.errors[-1][1]
    assert _values(database, Event, ids["event"])["title"] == "Kobe DRR workshop (day 1)"
    rows_read(window)


def test_a_deleted_conferences_sessions_leave_the_calendar_and_come_back_with_it(
    database: Database, make_window: WindowFactory, messages: Messages
) -> None:
    """Its sessions go with a conference: the calendar stopped drawing the conference and
    kept drawing its sessions, which the program no longer held (editing one said it
    "was deleted in the meantime")."""
    conference = add_event(database, "CPP Conference 2027", JANUARY_NINE_TOKYO, 8)
    sessions = [
        add_event(
            database,
            f"Session {number}",
            JANUARY_NINE_TOKYO + timedelta(hours=2 * number),
            1,
            parent_id=conference,
        )
        for number in range(3)
    ]
    window = make_window(database)

    def shown() -> list[bool]:
        return [window.events.row_of(event) >= 0 for event in [conference, *sessions]]

    assert shown() == [True] * 4

    window.delete_record("event", conference, "CPP Conference 2027")
    rows_read(window)
    assert shown() == [False] * 4
    window.undo_action.trigger()
    rows_read(window)
    assert shown() == [True] * 4
    window.redo_action.trigger()
    rows_read(window)
    assert shown() == [False] * 4
    assert messages.errors == []


def test_a_deletion_redone_after_the_windows_own_steps_on_what_it_takes_is_not_refused(
    database: Database, make_window: WindowFactory, dialogs: DialogScript, messages: Messages
) -> None:
    """A session edited, then its conference deleted; both undone and redone: the
    session the deletion takes is where this window's own steps left it, and the redo
    said it had been "changed by somebody else in the meantime"."""
    conference = add_event(database, "CPP Conference 2027", JANUARY_NINE_TOKYO, 8)
    session = add_event(
        database, "Session 1", JANUARY_NINE_TOKYO + timedelta(hours=1), 1, parent_id=conference
    )
    window = make_window(database)
    dialogs.answers.append({"title": "Session 1 (opening)"})
    window.edit_record("event", session)
    rows_read(window)
    window.delete_record("event", conference, "CPP Conference 2027")
    rows_read(window)

    for action in (window.undo_action, window.undo_action, window.redo_action):
        action.trigger()
        rows_read(window)
    window.redo_action.trigger()
    rows_read(window)

    assert messages.errors == []
    assert not _exists(database, Event, conference)
    assert not _exists(database, Event, session)
    assert window.editor.stack.index() == 2
