"""A drag that meets a colleague's newer version merges with it: fields only they
changed are kept by themselves, and only a real clash (they moved it too) asks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from gui_support import JANUARY_NINE_TOKYO, Messages, rows_read
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event
from cpp_scheduler.model.history import Change
from cpp_scheduler.services import editing, series
from cpp_scheduler.services.merging import MINE, MergePlan
from cpp_scheduler.store import Database, open_database
from tests.gui.test_more_editing import add_weekly_series, event_id


def _colleague(program: Database) -> Database:
    return open_database(program.url.database, author="Ravi Menon")


def test_they_retitled_i_moved_both_are_kept_without_asking_in_one_undo_step(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    kobe = event_id(window, "Kobe DRR workshop")
    shown = editing.stored(program, Event, kobe).version or 0
    colleague = _colleague(program)
    try:
        editing.change(colleague, Event, kobe, {"title": "Kobe DRR peer workshop"}, shown)
    finally:
        colleague.close()
    asked: list[MergePlan] = []
    window.resolve_merge = lambda plan, parent: asked.append(plan)  # type: ignore[method-assign,func-returns-value]
    start = JANUARY_NINE_TOKYO + timedelta(hours=3)

    window.move_event(kobe, start, start + timedelta(hours=2))  # the row still shows v1
    rows_read(window)

    assert (asked, messages.errors) == ([], [])
    saved = editing.stored(program, Event, kobe)
    assert (saved.values["title"], saved.values["start_utc"]) == ("Kobe DRR peer workshop", start)
    assert saved.version == shown + 2
    with program.session() as session:
        authors = session.scalars(
            select(Change.author).where(Change.record_id == kobe).order_by(Change.id)
        ).all()
    assert authors[-2:] == ["Ravi Menon", program.author]
    assert window.editor.stack.count() == 1
    window.undo_action.trigger()
    rows_read(window)
    undone = editing.stored(program, Event, kobe)
    assert (undone.values["title"], undone.values["start_utc"]) == (
        "Kobe DRR peer workshop",
        JANUARY_NINE_TOKYO,
    )
    window.redo_action.trigger()
    rows_read(window)
    assert editing.stored(program, Event, kobe).values["start_utc"] == start


def test_a_drag_over_their_move_asks_and_keeps_mine_when_chosen(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    kobe = event_id(window, "Kobe DRR workshop")
    shown = editing.stored(program, Event, kobe).version or 0
    theirs = JANUARY_NINE_TOKYO + timedelta(hours=5)
    editing.change(
        program, Event, kobe, {"start_utc": theirs, "end_utc": theirs + timedelta(hours=2)}, shown
    )
    asked: list[MergePlan] = []

    def keep_mine(plan: MergePlan, parent: QWidget) -> dict[str, Any]:
        asked.append(plan)
        return plan.values({conflict.key: MINE for conflict in plan.conflicts})

    window.resolve_merge = keep_mine  # type: ignore[method-assign]
    mine = JANUARY_NINE_TOKYO + timedelta(hours=1)
    window.move_event(kobe, mine, mine + timedelta(hours=2))
    rows_read(window)

    assert messages.errors == []
    assert [conflict.key for conflict in asked[0].conflicts] == ["start_utc", "end_utc"]
    assert editing.stored(program, Event, kobe).values["start_utc"] == mine
    window.undo_action.trigger()
    rows_read(window)
    assert editing.stored(program, Event, kobe).values["start_utc"] == theirs


def test_a_meeting_dragged_after_they_retitled_the_series_moves_without_asking(
    program: Database,
    make_window,  # type: ignore[no-untyped-def]
    messages: Messages,
) -> None:
    series_id = add_weekly_series(program)
    window: MainWindow = make_window(program)
    second = JANUARY_NINE_TOKYO + timedelta(hours=8, days=7)
    moved = second + timedelta(days=1)
    version = editing.stored(program, Event, series_id).version or 0
    editing.change(program, Event, series_id, {"title": "Weekly exchange"}, version)
    window.resolve_merge = lambda plan, parent: messages.errors.append(("asked", ""))  # type: ignore[method-assign,func-returns-value]

    window.move_event(series_id, moved, moved + timedelta(hours=1), second)
    rows_read(window)

    assert messages.errors == []
    starts = sorted(row.start_utc for row in window.events.rows() if row.event_id == series_id)
    assert moved in starts
    assert second not in starts
    window.undo_action.trigger()
    rows_read(window)
    assert messages.errors == []
    starts = sorted(row.start_utc for row in window.events.rows() if row.event_id == series_id)
    assert second in starts
    assert editing.stored(program, Event, series_id).values["title"] == "Weekly exchange"


def test_a_drag_to_where_they_already_moved_it_leaves_no_undo_step(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    """They moved it to 12:00 while the window still showed 09:00; my drag to 12:00
    writes nothing and leaves nothing to undo (an Undo that did nothing would puzzle)."""
    kobe = event_id(window, "Kobe DRR workshop")
    shown = editing.stored(program, Event, kobe).version or 0
    there = JANUARY_NINE_TOKYO + timedelta(hours=3)
    colleague = _colleague(program)
    try:
        editing.change(
            colleague,
            Event,
            kobe,
            {"start_utc": there, "end_utc": there + timedelta(hours=2)},
            shown,
        )
    finally:
        colleague.close()
    window.resolve_merge = lambda plan, parent: messages.errors.append(("asked", ""))  # type: ignore[method-assign,func-returns-value]

    window.move_event(kobe, there, there + timedelta(hours=2))
    rows_read(window)

    assert messages.errors == []
    saved = editing.stored(program, Event, kobe)
    assert (saved.values["start_utc"], saved.version) == (there, shown + 1)
    assert window.editor.stack.count() == 0
    assert not window.undo_action.isEnabled()
    with program.session() as session:
        authors = session.scalars(select(Change.author).where(Change.record_id == kobe)).all()
    assert authors[-1] == "Ravi Menon"


def test_a_meeting_dragged_to_where_they_moved_it_leaves_no_undo_step(
    program: Database,
    make_window,  # type: ignore[no-untyped-def]
    messages: Messages,
) -> None:
    series_id = add_weekly_series(program)
    window: MainWindow = make_window(program)
    second = JANUARY_NINE_TOKYO + timedelta(hours=8, days=7)
    moved = second + timedelta(days=1)
    version = editing.stored(program, Event, series_id).version or 0
    series.set_meeting(
        program,
        series_id,
        second,
        series.MeetingState(moved, moved + timedelta(hours=1), False),
        version,
    )
    window.resolve_merge = lambda plan, parent: messages.errors.append(("asked", ""))  # type: ignore[method-assign,func-returns-value]

    window.move_event(series_id, moved, moved + timedelta(hours=1), second)
    rows_read(window)

    assert messages.errors == []
    assert editing.stored(program, Event, series_id).version == version + 1
    assert window.editor.stack.count() == 0
