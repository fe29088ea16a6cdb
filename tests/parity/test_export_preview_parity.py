"""The export dialog's preview and ``cpp-scheduler export ics --preview --json`` agree,
row by row and in the summary above the rows, for participants in several zones and for
a delegation: on the demo program and on a small generated one.

The dialog's table is read as a coordinator reads it; the CLI's JSON is turned into the
same text here, from its ISO 8601 times and their offsets, so each side is checked
against what the other printed, not against the function they share.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from benchmarks.generate import generate_program, store_program
from cpp_scheduler.cli import main
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.model import EventStatus
from cpp_scheduler.services.demo import PERU, demo_id, load_demo
from cpp_scheduler.store import Database

NEPAL = "Nepal: Kathmandu Metropolitan City"


def shown(iso: str) -> str:
    """What a row shows for one JSON time: ``2027-02-14T19:00:00-05:00`` is
    ``Sun 14 Feb 2027 19:00 (UTC-05:00)``."""
    moment = datetime.fromisoformat(iso)
    return f"{moment:%a %d %b %Y %H:%M} (UTC{iso[-6:]})"


def shown_day(iso: str, *, last: bool = False) -> str:
    """What a row of dates (a study tour's outline) shows for one JSON time: its first
    day, or with ``last`` the day before the end's midnight, ``Fri 12 Mar 2027 (all day)``."""
    day = datetime.fromisoformat(iso).date() - timedelta(days=1 if last else 0)
    return f"{day:%a %d %b %Y} (all day)"


def cli_rows(
    database: Database, arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[str, str, list[list[str]]]:
    url = database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["export", "ics", *arguments, "--preview", "--json", "--db", url]) == 0
    document = json.loads(capsys.readouterr().out)
    rows = [
        [
            row["title"],
            shown_day(row["start"]) if row["all_day"] else shown(row["start"]),
            shown_day(row["end"], last=True) if row["all_day"] else shown(row["end"]),
            EventStatus(row["status"]).label,
            " · ".join(row["location"].splitlines()),  # the row draws its two lines as one
            row["video_link"],
        ]
        for row in document["events"]
    ]
    return document["zone"], document["summary"], rows


def dialog_rows(qtbot: QtBot, dialog: ExportDialog, key: str, record_id: str) -> list[list[str]]:
    dialog.set_scope(key, record_id)
    qtbot.waitUntil(
        lambda: dialog.choices is not None and not dialog.preview_pending, timeout=20_000
    )
    assert dialog.choice.currentData() == record_id
    return dialog.preview_cells()


@pytest.fixture
def open_dialog(qtbot: QtBot, sqlite_database: Database) -> Iterator[Callable[[], ExportDialog]]:
    """Opens the export dialog over the test's database, once its program is built."""
    tasks = TaskManager()

    def open_it() -> ExportDialog:
        dialog = ExportDialog(sqlite_database, tasks)
        qtbot.addWidget(dialog)
        return dialog

    yield open_it
    tasks.wait_for_done()


def assert_agree(
    qtbot: QtBot,
    dialog: ExportDialog,
    database: Database,
    capsys: pytest.CaptureFixture[str],
    key: str,
    record_id: str,
    arguments: list[str],
) -> list[list[str]]:
    zone, summary, expected = cli_rows(database, arguments, capsys)
    seen = dialog_rows(qtbot, dialog, key, record_id)
    assert seen == expected
    assert dialog.preview_label.text() == summary  # counts, zone, tours and notes alike
    assert f"read in {zone}" in summary
    return seen


DEMO_PEOPLE = [
    ("rosa.quispe", "America/Lima"),
    ("sarah.mitchell", "America/New_York"),
    ("keiko.tanaka", "Asia/Tokyo"),
    ("nikola.petrovski", "Europe/Skopje"),
]


def test_the_dialog_and_the_cli_agree_on_the_demo_program(
    qtbot: QtBot,
    open_dialog: Callable[[], ExportDialog],
    sqlite_database: Database,
    capsys: pytest.CaptureFixture[str],
) -> None:
    load_demo(sqlite_database)
    dialog = open_dialog()
    for handle, zone in DEMO_PEOPLE:
        rows = assert_agree(
            qtbot,
            dialog,
            sqlite_database,
            capsys,
            Scope.PARTICIPANT,
            demo_id("participant", handle),
            ["--participant", f"{handle}@example.org"],
        )
        assert rows, handle
        assert zone in dialog.preview_label.text()
    for name in (NEPAL, PERU):
        assert assert_agree(
            qtbot,
            dialog,
            sqlite_database,
            capsys,
            Scope.DELEGATION,
            demo_id("delegation", name),
            ["--delegation", name],
        )


def test_the_dialog_and_the_cli_agree_on_a_generated_program(
    qtbot: QtBot,
    open_dialog: Callable[[], ExportDialog],
    sqlite_database: Database,
    capsys: pytest.CaptureFixture[str],
) -> None:
    program = generate_program(events=60, delegations=8, participants=60)
    store_program(sqlite_database, program)
    dialog = open_dialog()
    busiest = Counter(
        person for interval in program.intervals for person in interval.participant_ids
    )
    chosen: dict[str, str] = {}  # the busiest person of each home zone
    for person_id, _count in busiest.most_common():
        person = program.participants[person_id]
        chosen.setdefault(person.zone, person_id)
    assert len(chosen) >= 3
    for person_id in list(chosen.values())[:4]:
        person = program.participants[person_id]
        assert assert_agree(
            qtbot,
            dialog,
            sqlite_database,
            capsys,
            Scope.PARTICIPANT,
            person_id,
            ["--participant", person.email],
        )
    groups = Counter(group for i in program.intervals for group in i.delegation_ids)
    group_id, _count = groups.most_common(1)[0]
    assert assert_agree(
        qtbot,
        dialog,
        sqlite_database,
        capsys,
        Scope.DELEGATION,
        group_id,
        ["--delegation", program.delegations[group_id].name],
    )
