"""Export calendar's "The events the calendar shows" and ``cpp-scheduler export ics
--shown`` write the same events: the week on screen through the sidebar's filters, as
the command takes them with --from, --to and the same filters."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus
from cpp_scheduler.services import editing, series
from cpp_scheduler.services.demo import PERU, load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.gui.tools.conftest import add_event, settle, tools_of

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


def exported_from_window(qtbot: QtBot, window: Any) -> tuple[list[str], str]:
    """The titles Export calendar previews for "The events the calendar shows", its
    default scope, and the summary above them."""
    dialog = tools_of(window).open_export()
    assert isinstance(dialog, ExportDialog)
    assert dialog.scope.currentData() == Scope.SHOWN
    qtbot.waitUntil(lambda: not dialog.preview_pending, timeout=20_000)
    settle(qtbot, window)
    titles = sorted(row[0] for row in dialog.preview_cells())
    summary = dialog.preview_label.text()
    dialog.close()
    return titles, summary


@pytest.mark.parametrize(
    ("sidebar", "choice", "filters"),
    [
        ("kind", "Site visit", ["--kind", "site_visit"]),
        ("delegation", PERU, ["--for-delegation", PERU]),
        ("participant", "Carmen Rosa", ["--for-participant", "Carmen Rosa Huamán Torres"]),
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
    shown_titles, shown_summary = exported_from_window(qtbot, window)

    document = command_preview(sqlite_database, capsys, *filters)
    assert document["calendar"] == "CPP events shown"
    assert sorted(row["title"] for row in document["events"]) == shown_titles
    assert shown_titles, "an empty week proves nothing"
    assert f"{len(shown_titles)} meeting" in shown_summary


def test_the_venues_view_shows_and_the_command_exports_the_meetings_in_a_venue(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Venues view draws a booking on a room's line: a meeting held nowhere (a
    videoconference from home, a study tour's travel) is not on it, so it is not among
    the events it shows, nor among those ``--shown --in-venues`` exports."""
    load_demo(sqlite_database)
    add_event(  # held in no venue: on the Week view, not on a room's line
        sqlite_database,
        "Lima check-in call",
        datetime(2027, 3, 10, 0, 0, tzinfo=UTC),
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/lima",
    )
    window = open_window()
    window.show_view("venues")
    window.go_to(MONDAY)
    rows_read(window)
    settle(qtbot, window)
    assert window.current_view.days_covered() == (MONDAY, SUNDAY)
    shown_titles, _summary = exported_from_window(qtbot, window)

    in_venues = command_preview(sqlite_database, capsys, "--in-venues")
    assert sorted(row["title"] for row in in_venues["events"]) == shown_titles
    everything = command_preview(sqlite_database, capsys)
    titles = {row["title"] for row in everything["events"]}
    assert titles - set(shown_titles) == {"Lima check-in call"}


def test_a_cancelled_series_is_shown_and_exported_as_a_cancelled_event_is(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A weekly sync called off whole is drawn in its week, struck through, as a
    cancelled one-off is: the command exported the one-off alone, reading each meeting
    of the cancelled series as a meeting cancelled alone (which no calendar shows). A
    meeting cancelled alone of a held series stays out of both."""
    add_event(
        sqlite_database,
        "Weekly sync",
        datetime(2027, 3, 2, 1, tzinfo=UTC),
        recurrence_rule="FREQ=WEEKLY;COUNT=6",
        status=EventStatus.CANCELLED,
    )
    add_event(
        sqlite_database,
        "Site check",
        datetime(2027, 3, 10, 1, tzinfo=UTC),
        status=EventStatus.CANCELLED,
    )
    held = add_event(
        sqlite_database,
        "Thursday huddle",
        datetime(2027, 3, 4, 1, tzinfo=UTC),
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
    )
    version = editing.stored(sqlite_database, Event, held).version
    assert version is not None
    series.cancel_meeting(sqlite_database, held, datetime(2027, 3, 11, 1, tzinfo=UTC), version)
    window = open_window()
    window.show_view("week")
    window.go_to(MONDAY)
    rows_read(window)
    settle(qtbot, window)
    drawn = sorted({row.title for row in window.current_view.drawn_rows()})
    shown_titles, _summary = exported_from_window(qtbot, window)

    document = command_preview(sqlite_database, capsys)
    # The preview lists each meeting the file holds: the series' six, the one-off.
    assert drawn == sorted(set(shown_titles)) == ["Site check", "Weekly sync"]
    assert sorted(row["title"] for row in document["events"]) == shown_titles


def test_the_open_dialog_follows_the_calendar_to_another_week_and_filter(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Export calendar stays open beside the calendar: once the coordinator goes to
    the conference's week and chooses Peru's delegation in the sidebar, "The events
    the calendar shows" are that week's for Peru, as the command writes them; they
    were the week it opened on."""
    load_demo(sqlite_database)
    add_event(sqlite_database, "Lima check-in call", datetime(2027, 3, 10, 0, 0, tzinfo=UTC))
    window = open_window()
    window.show_view("week")
    window.go_to(MONDAY)
    rows_read(window)
    dialog = tools_of(window).open_export()
    assert isinstance(dialog, ExportDialog)
    qtbot.waitUntil(lambda: not dialog.preview_pending, timeout=20_000)
    assert "Lima check-in call" in [row[0] for row in dialog.preview_cells()]

    def previewed_after(step: Callable[[], object]) -> list[str]:
        before = dialog.preview_result
        step()
        qtbot.waitUntil(
            lambda: dialog.preview_result is not before and not dialog.preview_pending,
            timeout=20_000,
        )
        settle(qtbot, window)
        return sorted(row[0] for row in dialog.preview_cells())

    def command_says(*filters: str) -> list[str]:
        url = sqlite_database.url.render_as_string(hide_password=False)
        days = ["--from", "2027-02-15", "--to", "2027-02-21"]
        capsys.readouterr()
        assert (
            main(["--db", url, "export", "ics", "--shown", *days, *filters, "--preview", "--json"])
            == 0
        )
        return sorted(row["title"] for row in json.loads(capsys.readouterr().out)["events"])

    week = previewed_after(lambda: window.go_to(date(2027, 2, 15)))
    assert week == command_says()
    delegation = window.sidebar.delegation
    for_peru = previewed_after(
        lambda: delegation.setCurrentIndex(delegation.findText(PERU, Qt.MatchFlag.MatchStartsWith))
    )
    assert for_peru == command_says("--for-delegation", PERU)
    assert for_peru, "an empty answer proves nothing"
    assert set(for_peru) < set(week), "Peru's part of the week, not all of it"
    dialog.close()
