"""A program file that gives a series another rule, its moved and cancelled meetings
left as the database holds them (or not given), saves as the window's editor does: each
follows its counterpart in the new series, and the history says so. Before, the import
changed the rule and left the changes on the old dates, where they applied to nothing:
the demo's cancelled February meeting came back, held. A file that gives other changes
is taken at its word. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.programfile import export_program, import_program
from cpp_scheduler.services.demo import SERIES, demo_id, load_demo
from cpp_scheduler.store import Database

MONTHLY = demo_id("event", SERIES)


def _edited(database: Database, folder: Path, edit: Any) -> Path:
    """The database's program file with ``edit`` done to the demo's monthly series."""
    exported = folder / "program.json"
    export_program(database, exported)
    document = json.loads(exported.read_text("utf-8"))
    (event,) = [event for event in document["events"] if event["id"] == MONTHLY]
    edit(event)
    edited = folder / "edited.json"
    edited.write_text(json.dumps(document), "utf-8")
    return edited


def _said(database: Database, capsys: pytest.CaptureFixture[str], *command: str) -> str:
    """What a command prints of the demo's monthly series."""
    url = database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["--db", url, *command, MONTHLY]) == 0
    return capsys.readouterr().out


def _thursdays(event: dict[str, Any]) -> None:
    event["recurrence_rule"] = event["recurrence_rule"].replace("3WE", "3TH")


@pytest.mark.parametrize("changes", ["as held", "left out"])
def test_a_rule_changed_by_a_file_keeps_the_cancelled_meeting_cancelled(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: str
) -> None:
    load_demo(database)

    def edit(event: dict[str, Any]) -> None:
        _thursdays(event)
        if changes == "left out":
            del event["changes"]

    import_program(database, _edited(database, tmp_path, edit))

    summary = json.loads(_said(database, capsys, "series", "--json"))["summary"]
    # Wednesday 17 February's Thursday, still off: five meetings held.
    assert summary[0].startswith("5 meetings at 17:00: Thu 21 Jan, Thu 18 Mar")
    assert summary[1] == "Cancelled: Thu 18 Feb 2027"
    assert "its change follows its series to the meeting of Thu 18 Feb 2027" in _said(
        database, capsys, "history"
    )


def test_a_file_giving_other_changes_is_taken_at_its_word(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo(database)

    def edit(event: dict[str, Any]) -> None:
        _thursdays(event)
        event["changes"] = []  # every meeting held, at the rule's time

    import_program(database, _edited(database, tmp_path, edit))

    summary = json.loads(_said(database, capsys, "series", "--json"))["summary"]
    assert summary == [
        "6 meetings at 17:00: Thu 21 Jan, Thu 18 Feb, Thu 18 Mar, Thu 15 Apr, Thu 20 May, "
        "Thu 17 Jun 2027"
    ]
