"""The Conflicts panel of a calendar shown on another clock lists, for the dates shown,
the findings ``conflicts --days-in`` lists for those days: those of the meetings the
calendar draws on them there. A session from 01:30 on Monday in Lima is not Sunday's,
and the conference's Monday in Tokyo is not Auckland's Tuesday."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli.conflicts import conflict_json
from cpp_scheduler.gui.tools.conflicts import Column
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle, tools_of
from tests.parity.conflicts_support import conflicts_json


@pytest.mark.parametrize(
    ("zone", "day", "titles"),
    [
        (
            "America/Lima",
            date(2027, 2, 14),
            {
                "Capturing land value to finance urban transit",
                "Compact city and transit: Toyama's light rail",
                "From grey to green: the Kitakyushu Eco-Town",
                "Living with earthquakes: Kobe after 1995",
            },
        ),
        (
            "Pacific/Auckland",
            date(2027, 2, 16),
            {
                "Closing plenary: partnerships for the next round",
                # Washington's Birthday for Priya Raman: her Monday runs to 18:00 on
                # Auckland's Tuesday; and for Daniel Okafor, speaking on Monday evening
                # in New York.
                "CPP Conference 2027: Cities Learning from Cities",
                "Financing resilience: municipal budgets and risk pools",
            },
        ),
    ],
)
def test_the_panel_on_another_clock_lists_what_the_command_lists_for_its_days(
    sqlite_database: Database,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    zone: str,
    day: date,
    titles: set[str],
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    window.set_display_zone(zone)
    window.show_view("day")
    window.go_to(day)
    dock = tools_of(window).conflicts
    dock.scope.setCurrentText(dock.VISIBLE_RANGE)
    settle(qtbot, window)
    assert window.current_view.days_covered() == (day, day)

    shown = [conflict_json(c, zone) for c in dock.model.conflicts]
    answer = conflicts_json(
        capsys, sqlite_database, "--from", str(day), "--to", str(day), "--days-in", zone
    )
    assert shown == answer["conflicts"]
    # When each happens, in the panel's words on the calendar's clock, is the command's.
    when = [dock.model.index(row, Column.WHEN).data() for row in range(dock.model.rowCount())]
    assert when == [conflict["when"] for conflict in answer["conflicts"]]
    nights = [text for text, c in zip(when, shown, strict=True) if c["kind"] == "night_session"]
    assert all(text.startswith(f"{i18n.short_day_text(day)} ") for text in nights)
    assert {re.split(" is at night for | falls on ", c["message"])[0] for c in shown} == titles
    count = len(titles)
    meetings = answer["meetings"]
    # The command's last line, word for word (each count in its own number).
    assert dock.summary.text() == (
        f"0 errors, {count} warning{'s' if count > 1 else ''} in "
        f"{meetings} meeting{'s' if meetings > 1 else ''}"
    )
