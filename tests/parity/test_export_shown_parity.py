"""Export calendar's "The events the calendar shows" and ``cpp-scheduler export ics
--shown`` write the same events: the week on screen through the sidebar's filters, as
the command takes them with --from, --to and the same filters."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.services.demo import PERU, load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.gui.tools.conftest import settle, tools_of

MONDAY, SUNDAY = date(2027, 3, 8), date(2027, 3, 14)


def command_preview(
    database: Database, capsys: pytest.CaptureFixture[str], *filters: str
) -> dict[str, Any]:
    url = database.url.render_as_string(hide_password=False)
    days = ["--from", str(MONDAY), "--to", str(SUNDAY)]
    capsys.readouterr()
    assert (
        main(["--db", url, "export", "ics", "--shown", *days, *filters, "--preview", "--json"]) == 0
    )
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


@pytest.mark.parametrize(
    ("sidebar", "choice", "filters"),
    [
        ("kind", "Site visit", ["--kind", "site_visit"]),
        ("delegation", PERU, ["--for-delegation", PERU]),
        (None, None, []),
    ],
)
def test_the_events_the_calendar_shows_are_the_ones_the_command_exports(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    sidebar: str | None,
    choice: str | None,
    filters: list[str],
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    window.show_view("week")
    window.go_to(MONDAY)
    if sidebar is not None and choice is not None:
        combo = getattr(window.sidebar, sidebar)
        combo.setCurrentIndex(combo.findText(choice, Qt.MatchFlag.MatchStartsWith))
    rows_read(window)
    dialog = tools_of(window).open_export()
    assert isinstance(dialog, ExportDialog)
    assert dialog.scope.currentData() == Scope.SHOWN
    qtbot.waitUntil(lambda: not dialog.preview_pending, timeout=20_000)
    settle(qtbot, window)
    shown_titles = sorted(row[0] for row in dialog.preview_cells())
    shown_summary = dialog.preview_label.text()
    dialog.close()

    document = command_preview(sqlite_database, capsys, *filters)
    assert document["calendar"] == "CPP events shown"
    assert sorted(row["title"] for row in document["events"]) == shown_titles
    assert shown_titles, "an empty week proves nothing"
    assert f"{len(shown_titles)} meeting" in shown_summary
