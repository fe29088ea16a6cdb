"""A calendar import that updates an event the window moves before or after it: both are
this window's steps, so undoing and redoing them finds the event each time where the
window's last step left it; a colleague's change in between is still refused."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from conftest import JANUARY_NINE_TOKYO, add_event, import_through_tool, reported_errors, settle
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database, open_database

ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Partner city//Planner//EN\r
BEGIN:VEVENT\r
UID:{uid}\r
SEQUENCE:{sequence}\r
DTSTAMP:20261201T000000Z\r
DTSTART:{start:%Y%m%dT%H%M%SZ}\r
DTEND:{end:%Y%m%dT%H%M%SZ}\r
SUMMARY:Kobe DRR workshop (Kobe's title)\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _file(database: Database, event_id: str, tmp_path: Path) -> Path:
    """The partner's file: the event under another title, at the time it is at, a later
    revision of it."""
    with database.session() as session:
        found = editing.get_record(session, Event, event_id)
        uid, sequence = found.uid, found.sequence
        start, end = found.start_utc, found.end_utc
    path = tmp_path / "from-kobe.ics"
    path.write_bytes(ICS.format(uid=uid, sequence=sequence + 1, start=start, end=end).encode())
    return path


def _shown(database: Database, event_id: str) -> tuple[object, object]:
    values = editing.stored(database, Event, event_id).values
    return values["title"], values["start_utc"]


MOVED = JANUARY_NINE_TOKYO + timedelta(hours=1)


def _move(qtbot: QtBot, window: MainWindow, event_id: str) -> None:
    window.move_event(event_id, MOVED, MOVED + timedelta(hours=2))
    settle(qtbot, window)


def test_a_move_before_an_import_is_undone_and_redone_across_it(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    event_id = add_event(sqlite_database, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2)
    window = open_window()
    errors = reported_errors(window, monkeypatch)

    def shown() -> tuple[object, object]:
        return _shown(sqlite_database, event_id)

    _move(qtbot, window, event_id)
    import_through_tool(qtbot, window, _file(sqlite_database, event_id, tmp_path))
    assert shown() == ("Kobe DRR workshop (Kobe's title)", MOVED)

    for expected in [("Kobe DRR workshop", MOVED), ("Kobe DRR workshop", JANUARY_NINE_TOKYO)]:
        window.undo_action.trigger()
        settle(qtbot, window)
        assert errors == []
        assert shown() == expected
    for expected in [("Kobe DRR workshop", MOVED), ("Kobe DRR workshop (Kobe's title)", MOVED)]:
        window.redo_action.trigger()
        settle(qtbot, window)
        assert errors == []
        assert shown() == expected


def test_a_move_after_an_import_is_undone_and_redone_across_it(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    event_id = add_event(sqlite_database, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2)
    window = open_window()
    errors = reported_errors(window, monkeypatch)
    import_through_tool(qtbot, window, _file(sqlite_database, event_id, tmp_path))
    _move(qtbot, window, event_id)
    kobe = "Kobe DRR workshop (Kobe's title)"
    assert _shown(sqlite_database, event_id) == (kobe, MOVED)

    steps = [
        (window.undo_action, (kobe, JANUARY_NINE_TOKYO)),
        (window.undo_action, ("Kobe DRR workshop", JANUARY_NINE_TOKYO)),
        (window.redo_action, (kobe, JANUARY_NINE_TOKYO)),
        (window.redo_action, (kobe, MOVED)),
    ]
    for action, expected in steps:
        action.trigger()
        settle(qtbot, window)
        assert errors == []
        assert _shown(sqlite_database, event_id) == expected


def test_a_colleagues_change_between_an_import_and_a_move_still_refuses_its_undo(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Taking the import back would put back the whole event as it was before it, the
    colleague's notes gone with it: it is refused, and the event stays as it is."""
    event_id = add_event(sqlite_database, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2)
    window = open_window()
    errors = reported_errors(window, monkeypatch)
    import_through_tool(qtbot, window, _file(sqlite_database, event_id, tmp_path))
    colleague = open_database(sqlite_database.url.render_as_string(hide_password=False))
    try:
        version = editing.stored(colleague, Event, event_id).version
        editing.change(colleague, Event, event_id, {"notes": "Bring the maps"}, version)
    finally:
        colleague.close()
    settle(qtbot, window)
    _move(qtbot, window, event_id)

    window.undo_action.trigger()  # the move: this window's own, undone
    settle(qtbot, window)
    assert errors == []
    window.undo_action.trigger()  # the import: the colleague changed the event since
    settle(qtbot, window)
    assert len(errors) == 1
    assert "changed by somebody else" in errors[0][1]
    values = editing.stored(sqlite_database, Event, event_id).values
    assert (values["title"], values["notes"]) == (
        "Kobe DRR workshop (Kobe's title)",
        "Bring the maps",
    )
