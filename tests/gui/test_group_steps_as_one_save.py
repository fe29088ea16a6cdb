"""A tool's step of several records (a reordered tour day, a series of meetings) is one
save in the database as it is one step on the stack: refused anywhere, by a colleague's
newer version or by a colleague holding the database, it leaves the program exactly as it
was and no history of itself; done, undone or redone, it is one group of the history.

On a SQLite file and on PostgreSQL, through the window's own editor and undo stack; the
colleague is another handle on the same database, as a coordinator next door saves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from gui_support import JANUARY_NINE_TOKYO, Messages, move_command, rows_read
from sqlalchemy import text

from cpp_scheduler.gui.commands import EditRecord, RecordCommand
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.commands import GroupCommand
from cpp_scheduler.model import Event
from cpp_scheduler.model.history import Change
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database, open_database
from tests.tour_day import make_day

DAY = timedelta(days=1)


@pytest.fixture
def day(database: Database) -> list[str]:
    """Three events of one tour day, two hours apart: their ids."""
    return make_day(database, JANUARY_NINE_TOKYO)


@pytest.fixture
def colleague(database_url: str) -> Iterator[Database]:
    """Kenji's own handle on the program."""
    handle = open_database(database_url, author="Kenji")
    yield handle
    handle.close()


def _move_day(window: MainWindow, ids: list[str]) -> GroupCommand:
    """The step that moves the day's events a day later, as the tour builder makes it:
    each from the version and times the window read."""
    steps: list[RecordCommand] = []
    for record_id in ids:
        shown = editing.stored(window.editor.database, Event, record_id)
        start, end = shown.values["start_utc"], shown.values["end_utc"]
        steps.append(
            EditRecord(
                window.editor,
                Event,
                record_id,
                {"start_utc": start + DAY, "end_utc": end + DAY},
                shown.title,
                shown.version,
                merges=True,
                moves=True,
                read_values={"start_utc": start, "end_utc": end},
            )
        )
    return GroupCommand(window.editor, "Move the program of Tue 12 Jan to Wed 13 Jan", steps)


def _starts(database: Database, ids: list[str]) -> list[datetime]:
    return [editing.stored(database, Event, i).values["start_utc"] for i in ids]


def _history(database: Database) -> list[tuple[str, str | None]]:
    """Every history entry: its record and its group, oldest first."""
    with database.session() as session:
        rows = session.query(Change.record_id, Change.group_id).order_by(Change.id)
        return [(str(record), group) for record, group in rows]


def _kenji_moves(colleague: Database, record_id: str, hours: int) -> None:
    """Kenji moves the event ``hours`` later: a field the coordinator's step sets too."""
    held = editing.stored(colleague, Event, record_id)
    later = timedelta(hours=hours)
    values = {
        "start_utc": held.values["start_utc"] + later,
        "end_utc": held.values["end_utc"] + later,
    }
    editing.change(colleague, Event, record_id, values, held.version)


@pytest.fixture
def window(
    database: Database, day: list[str], make_window: Callable[[Database], MainWindow]
) -> MainWindow:
    shown = make_window(database)
    shown.go_to(JANUARY_NINE_TOKYO.date())
    shown.resolve_merge = lambda plan, parent: None  # type: ignore[method-assign]  # gives up
    return shown


def test_a_day_whose_third_move_is_refused_moves_nothing_and_leaves_no_history(
    window: MainWindow, database: Database, colleague: Database, day: list[str], messages: Messages
) -> None:
    group = _move_day(window, day)  # as the board showed the day
    _kenji_moves(colleague, day[2], 1)
    starts, history = _starts(database, day), _history(database)

    window.editor.execute(group)
    rows_read(window)

    ((title, line),) = messages.errors
    assert title == "Cannot save"
    assert "\n" not in line
    assert line.startswith("Could not move the program of Tue 12 Jan to Wed 13 Jan: ")
    assert "event 'Closing dinner' was changed by somebody else" in line
    assert _starts(database, day) == starts
    assert _history(database) == history
    assert window.editor.stack.count() == 0


def test_a_colleague_holding_the_database_too_long_moves_nothing_in_one_line(
    database_url: str,
    day: list[str],
    make_window: Callable[[Database], MainWindow],
    messages: Messages,
) -> None:
    """Kenji holds the SQLite file's write lock, or on PostgreSQL the third event's row,
    for longer than the window waits."""
    quick = open_database(database_url, timeout=0.5)
    kenji = open_database(database_url, author="Kenji")
    try:
        window = make_window(quick)
        starts, history = _starts(quick, day), _history(quick)
        group = _move_day(window, day)
        with kenji.engine.connect() as holder:
            if kenji.is_sqlite:
                holder.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                holder.execute(
                    text("SELECT 1 FROM events WHERE id = :id FOR UPDATE"), {"id": day[2]}
                )
            window.editor.execute(group)
            rows_read(window)
            holder.rollback()

        what = "the change" if quick.is_sqlite else "event 'Closing dinner'"
        assert messages.errors == [
            (
                "Cannot save",
                "Could not move the program of Tue 12 Jan to Wed 13 Jan: cannot save "
                f"{what}: {quick.name} is locked by another program or user (waited 0.5 s); "
                "nothing was saved, try again in a moment",
            )
        ]
        assert _starts(quick, day) == starts
        assert _history(quick) == history
        assert window.editor.stack.count() == 0
    finally:
        kenji.close()
        quick.close()


def test_a_day_moved_undone_and_redone_is_one_group_of_the_history_each_time(
    window: MainWindow, database: Database, day: list[str], messages: Messages
) -> None:
    starts = _starts(database, day)
    seen = len(_history(database))

    window.editor.execute(_move_day(window, day))
    rows_read(window)
    assert _starts(database, day) == [start + DAY for start in starts]
    window.undo_action.trigger()
    rows_read(window)
    assert _starts(database, day) == starts
    window.redo_action.trigger()
    rows_read(window)

    assert messages.errors == []
    assert _starts(database, day) == [start + DAY for start in starts]
    saves: dict[str | None, list[str]] = {}
    for record, group in _history(database)[seen:]:
        saves.setdefault(group, []).append(record)
    assert [sorted(records) for records in saves.values()] == [sorted(day)] * 3


def test_an_undo_refused_halfway_leaves_the_day_moved_and_no_history(
    window: MainWindow, database: Database, colleague: Database, day: list[str], messages: Messages
) -> None:
    """Undone last first, the third event goes back, then the second is found changed
    by Kenji: the third stays moved, and the step stays done on the stack."""
    window.editor.execute(_move_day(window, day))
    rows_read(window)
    editing.change(colleague, Event, day[1], {"title": "Kobe port visit (by ferry)"}, 2)
    starts, history = _starts(database, day), _history(database)

    window.undo_action.trigger()
    rows_read(window)

    assert messages.errors == [
        (
            "Cannot undo",
            "Could not undo move the program of Tue 12 Jan to Wed 13 Jan: event 'Kobe port "
            "visit (by ferry)' was changed by somebody else in the meantime",
        )
    ]
    assert _starts(database, day) == starts
    assert _history(database) == history
    assert window.editor.stack.index() == 1


def test_a_redo_refused_halfway_leaves_the_day_where_the_undo_left_it(
    window: MainWindow, database: Database, colleague: Database, day: list[str], messages: Messages
) -> None:
    window.editor.execute(_move_day(window, day))
    rows_read(window)
    window.undo_action.trigger()
    rows_read(window)
    editing.change(colleague, Event, day[1], {"title": "Kobe port visit (by ferry)"}, 3)
    starts, history = _starts(database, day), _history(database)

    window.redo_action.trigger()
    rows_read(window)

    ((title, line),) = messages.errors
    assert title == "Cannot redo"
    assert "event 'Kobe port visit (by ferry)' was changed by somebody else" in line
    assert _starts(database, day) == starts
    assert _history(database) == history
    assert window.editor.stack.index() == 0


def test_a_colleagues_change_after_a_refused_day_is_not_taken_for_the_windows_own(
    window: MainWindow, database: Database, colleague: Database, day: list[str], messages: Messages
) -> None:
    """The refused day's first move had left the briefing at a version the database
    never committed; Kenji's save of the briefing takes that number. Undoing the drag
    before the day must not take Kenji's save for the window's own and overwrite it."""
    dropped = JANUARY_NINE_TOKYO + timedelta(minutes=30)
    window.editor.execute(move_command(window, day[0], dropped, dropped + timedelta(hours=1)))
    rows_read(window)
    group = _move_day(window, day)
    _kenji_moves(colleague, day[2], 1)
    window.editor.execute(group)
    rows_read(window)
    assert len(messages.errors) == 1  # the day, refused
    editing.change(colleague, Event, day[0], {"title": "Opening briefing (Kenji)"}, 2)

    window.undo_action.trigger()  # the drag
    rows_read(window)

    assert messages.errors[1:] == [
        (
            "Cannot undo",
            "Could not undo move 'Opening briefing' to Tue 09:30: event 'Opening briefing "
            "(Kenji)' was changed by somebody else in the meantime",
        )
    ]
    kept = editing.stored(database, Event, day[0])
    assert kept.title == "Opening briefing (Kenji)"
    assert kept.values["start_utc"] == dropped


def test_a_day_whose_every_event_a_colleague_retitled_moves_whole_without_asking(
    window: MainWindow, database: Database, colleague: Database, day: list[str], messages: Messages
) -> None:
    """Each refusal rolls the day back and merges the event refused; each event merges
    on a count of its own, so a day of six events retitled since moves all the same."""
    later = JANUARY_NINE_TOKYO + timedelta(hours=6)
    events = day + [
        editing.create(
            database,
            Event,
            {
                "title": f"Session {n}",
                "start_utc": later + timedelta(hours=n),
                "end_utc": later + timedelta(hours=n, minutes=30),
            },
        )
        for n in range(3)
    ]
    group = _move_day(window, events)
    for record_id in events:
        held = editing.stored(colleague, Event, record_id)
        editing.change(
            colleague, Event, record_id, {"title": f"{held.title} (Kenji)"}, held.version
        )
    starts, seen = _starts(database, events), len(_history(database))

    window.editor.execute(group)
    rows_read(window)

    assert messages.errors == []
    assert _starts(database, events) == [start + DAY for start in starts]
    assert all(editing.stored(database, Event, i).title.endswith("(Kenji)") for i in events)
    moved = _history(database)[seen:]
    assert sorted(record for record, _group in moved) == sorted(events)
    assert len({group for _record, group in moved}) == 1
