"""The History panel shows exactly the changes ``cpp-scheduler history UID --json`` prints:
the same authors, the same versions, the same fields, in the same order (newest first in
the panel, oldest first on the command line)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


def history_json(capsys: pytest.CaptureFixture[str], database: Database, uid: str) -> Any:
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["history", uid, "--json", "--db", url]) == 0
    return json.loads(capsys.readouterr().out)["changes"]


def _panel_showing(
    qtbot: QtBot, database: Database, event_id: str, *, shown: bool = False
) -> HistoryDock:
    """The window's History panel, once it has read the event's history."""
    tasks = TaskManager()
    dock = HistoryDock(database, Editor(database, tasks), tasks.run_in_background, lambda *_: None)
    qtbot.addWidget(dock)
    if shown:
        dock.show()
    dock.show_event(event_id)
    qtbot.waitUntil(lambda: not dock.reading, timeout=30_000)
    tasks.wait_for_done()
    return dock


def test_the_panel_and_the_command_tell_the_same_history(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite_database.author = "Aiko Tanaka"
    event_id = editing.create(
        sqlite_database,
        Event,
        {
            "title": "Kobe DRR workshop",
            "kind": EventKind.WORKSHOP,
            "start_utc": START,
            "end_utc": START + timedelta(hours=2),
            "zone": "Asia/Tokyo",
        },
    )
    for number, author in enumerate(("Ravi Menon", "Aiko Tanaka", "Ravi Menon"), start=1):
        sqlite_database.author = author
        editing.change(
            sqlite_database, Event, event_id, {"title": f"Kobe DRR workshop {number}"}, number
        )
    with sqlite_database.session() as session:
        uid = session.get(Event, event_id).uid  # type: ignore[union-attr]

    dock = _panel_showing(qtbot, sqlite_database, event_id)

    printed = history_json(capsys, sqlite_database, uid)
    shown = [entry.as_json() for entry in reversed(dock.model.entries)]
    assert shown == printed
    assert [entry["author"] for entry in printed] == [
        "Aiko Tanaka",
        "Ravi Menon",
        "Aiko Tanaka",
        "Ravi Menon",
    ]
    assert [dock.model.index(row, 1).data() for row in range(4)] == [
        "Ravi Menon",
        "Aiko Tanaka",
        "Ravi Menon",
        "Aiko Tanaka",
    ]


def test_the_panel_and_the_command_both_say_a_long_history_is_cut(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record with more changes than are listed: the panel says so under its heading,
    in the line the command prints, and its heading counts them all."""
    from sqlalchemy import select

    from cpp_scheduler.model import Change
    from cpp_scheduler.services.history import HISTORY_LIMIT
    from cpp_scheduler.store.bulk_rows import insert_rows
    from cpp_scheduler.store.history import CHANGES

    event_id = editing.create(
        sqlite_database,
        Event,
        {
            "title": "Kobe DRR workshop",
            "kind": EventKind.WORKSHOP,
            "start_utc": START,
            "end_utc": START + timedelta(hours=2),
            "zone": "Asia/Tokyo",
        },
    )
    with sqlite_database.session() as session:
        first = session.scalars(select(Change).where(Change.record_id == event_id)).one()
        row = {c.name: getattr(first, c.name) for c in CHANGES.columns if c.name != "id"}
        insert_rows(
            session.connection(),
            CHANGES,
            [
                {**row, "action": "changed", "version": 1 + n, "fields": "{}"}
                for n in range(1, HISTORY_LIMIT + 5)
            ],
        )
        session.commit()

    dock = _panel_showing(qtbot, sqlite_database, event_id, shown=True)

    capsys.readouterr()
    url = sqlite_database.url.render_as_string(hide_password=False)
    assert main(["history", event_id, "--json", "--db", url]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["cut"], printed["total"]) == (True, HISTORY_LIMIT + 5)
    assert dock.model.rowCount() == len(printed["changes"]) == HISTORY_LIMIT
    assert dock.cut_note.isVisible()
    assert main(["history", event_id, "--db", url]) == 0
    said = capsys.readouterr().out.splitlines()[0]
    assert said == (
        f"only the newest {HISTORY_LIMIT} of {printed['total']} changes are listed; "
        f"the earliest {printed['total'] - HISTORY_LIMIT} are left out"
    )
    assert dock.cut_note.text() == said[:1].upper() + said[1:]
    # The heading counts every change the history holds, as the command's total does.
    newest = printed["changes"][-1]
    assert dock.heading.text() == (
        f"{newest['record']['label']}: {printed['total']:,} changes, the last by {newest['author']}"
    )


def test_the_panel_and_the_command_word_a_meeting_change_alike(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cancelled and a moved meeting of a series: one service answer, the same words
    in the panel's rows as in the command's JSON, named by the series."""
    from cpp_scheduler.gui.tools.history import summary
    from tests.parity.history_support import weekly_call

    event_id = weekly_call(sqlite_database)
    with sqlite_database.session() as session:
        uid = session.get(Event, event_id).uid  # type: ignore[union-attr]

    dock = _panel_showing(qtbot, sqlite_database, event_id)

    printed = history_json(capsys, sqlite_database, uid)
    shown = [entry.as_json() for entry in reversed(dock.model.entries)]
    assert shown == printed
    meetings = [entry for entry in printed if "meeting" in entry]
    assert [(entry["record"]["label"], entry["meeting"]) for entry in meetings] == [
        ("event 'Weekly DRR call'", "Meeting of Tue 19 Jan 2027 10:00 JST cancelled"),
        (
            "event 'Weekly DRR call'",
            "Meeting of Tue 26 Jan 2027 10:00 JST moved to Tue 26 Jan 2027 13:00-14:00 JST",
        ),
    ]
    rows = [summary(entry) for entry in dock.model.entries]
    assert [entry["meeting"] for entry in reversed(meetings)] == [
        row for row in rows if row.startswith("Meeting of")
    ]
