"""The Import calendar dialog counts a file in the words ``cpp-scheduler import`` counts
it after the file's name, in English and in Japanese: before the import as ``import
--dry-run`` (``1,000 would be created, 1 would be updated, 1 left as they are, 1
skipped``), and once it has imported as ``import`` (``1,000 created, …``), each count
with its thousands grouped. The dialog once worded them itself ("1,000 to create, …",
in Japanese スキップ where the command says 除外, and 作成 for what would be created),
and the command wrote "1000"."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.errors import shown_path
from cpp_scheduler.gui.tools.import_calendar import ImportDialog
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle, tools_of
from tests.parity.language_support import spoken

NEW = 1_000
"""Events of the file the program does not hold yet: a count with its thousands grouped."""


def _event(number: int, *, sequence: int = 0, hour: int = 9) -> list[str]:
    day, slot = divmod(number, 8)
    return [
        "BEGIN:VEVENT",
        f"UID:counted-{number}@example.org",
        "DTSTAMP:20270101T000000Z",
        f"SEQUENCE:{sequence}",
        f"SUMMARY:Working session {number}",
        f"DTSTART;TZID=Asia/Tokyo:2027{1 + day // 28:02d}{1 + day % 28:02d}T{hour + slot:02d}0000",
        "DURATION:PT45M",
        "END:VEVENT",
    ]


def _calendar(path: Path, events: list[list[str]]) -> Path:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Partner city//EN"]
    for event in events:
        lines += event
    path.write_text("\r\n".join([*lines, "END:VCALENDAR", ""]), encoding="utf-8")
    return path


def _partner_file(tmp_path: Path, sqlite_database: Database) -> Path:
    """A partner city's file against a program holding two of its events already: the
    first moved since (an update), the second as the program holds it (left as it is),
    :data:`NEW` new ones, and a repeating all-day event the program cannot hold
    (skipped)."""
    held = _calendar(tmp_path / "held.ics", [_event(0), _event(1)])
    calendar_import.import_calendar(sqlite_database, held)
    repeating_all_day = [
        "BEGIN:VEVENT",
        "UID:closed-fridays@example.org",
        "DTSTAMP:20270101T000000Z",
        "SUMMARY:Office closed",
        "DTSTART;VALUE=DATE:20270108",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "END:VEVENT",
    ]
    events = [_event(0, sequence=1, hour=8), _event(1)]
    events += [_event(number) for number in range(2, 2 + NEW)]
    return _calendar(tmp_path / "partner.ics", [*events, repeating_all_day])


def _last_line(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> str:
    capsys.readouterr()
    assert main(arguments) == 0
    return capsys.readouterr().out.splitlines()[-1]


def _counts(line: str, path: Path) -> str:
    """The counts of the command's last line: after the file's name, before what it
    adds of a dry run in brackets."""
    prefix = f"{shown_path(path)}: "
    assert line.startswith(prefix), line
    return re.sub(r"\s*[(（][^(（]*[)）]$", "", line.removeprefix(prefix))


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_import_dialog_counts_a_file_as_import_does(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    language: str,
) -> None:
    path = _partner_file(tmp_path, sqlite_database)
    copy = tmp_path / "copy.sqlite"
    with sqlite3.connect(sqlite_path) as held, sqlite3.connect(copy) as to:
        held.backup(to)  # the program as the dialog will find it, for the command
    planned = _last_line(
        capsys, ["--lang", language, "--db", str(sqlite_path), "import", "--dry-run", str(path)]
    )
    imported = _last_line(capsys, ["--lang", language, "--db", str(copy), "import", str(path)])
    if language == i18n.ENGLISH:
        assert planned == (
            f"{path}: 1,000 would be created, 1 would be updated, 1 left as they are, "
            "1 skipped (dry run: nothing changed)"
        )
        assert imported == f"{path}: 1,000 created, 1 updated, 1 left as they are, 1 skipped"

    with spoken(language):
        window = open_window()
        dialog = tools_of(window).open_import()
        assert isinstance(dialog, ImportDialog)
        qtbot.addWidget(dialog)
        dialog.read(path)
        qtbot.waitUntil(lambda: not dialog.working, timeout=60_000)
        before = dialog.summary.text()
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.command is not None, timeout=60_000)
        settle(qtbot, window)
        after = dialog.summary.text()

    assert before.startswith(_counts(planned, path)), (before, planned)
    assert after.split(": ", 1)[1].startswith(_counts(imported, path)), (after, imported)
