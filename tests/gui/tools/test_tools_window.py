"""The tools in the main window: one Tools menu, two docks, a count in the status bar,
and every tool rendered with the demo program."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import tools_of
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDockWidget, QMenu
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.recordkinds import RECORD_KINDS
from cpp_scheduler.services.demo import load_demo

ROOT = Path(__file__).resolve().parents[3]


def test_tools_are_installed_once_in_the_window(qtbot: QtBot, sqlite_database, open_window) -> None:
    window = open_window()
    tools = tools_of(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus.count("&Tools") == 1
    assert menus[-2:] == ["&Tools", "&Help"]  # Help stays last
    menu = window.findChild(QMenu, "toolsMenu")
    names = [action.objectName() for action in menu.actions() if action.objectName()]
    assert names[:5] == [
        "find_time",
        "tour_builder",
        "delegation_schedule",
        "export_calendar",
        "import_calendar",
    ]
    docks = {dock.objectName() for dock in window.findChildren(QDockWidget)}
    assert docks == {"localTimesDock", "conflictsDock", "historyDock"}
    assert tools.count_label.text() == "0 errors, 0 warnings in 0 meetings"
    tools.actions["find_time"].trigger()
    assert tools.open_slot_finder().isVisible()
    tools.open_slot_finder().close()


def test_every_tool_renders_with_the_demo_program(
    qtbot: QtBot, sqlite_database, tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from screenshot_tools import render_tools
    finally:
        sys.path.remove(str(ROOT / "tools"))
    paths = render_tools(sqlite_database, tmp_path)
    assert [path.name for path in paths] == [
        "tools-main-window.png",
        "tools-main-window-filtered.png",
        "tools-main-window-participant.png",
        "tools-main-window-participant-search.png",
        "tools-local-times.png",
        "tools-conflicts.png",
        "tools-conflicts-holiday.png",
        "tools-slot-finder.png",
        "tools-slot-finder-series.png",
        "tools-tour-builder.png",
        "tools-tour-builder-flagged.png",
        "tools-tour-activity-untitled.png",
        "tools-tour-leg-same-place.png",
        "tools-tour-leg.png",
        "tools-export.png",
        "tools-import.png",
        "tools-delegation-schedule.png",
        "tools-mail-settings.png",
        "tools-send-invitations.png",
        "tools-send-invitations-sent.png",
        "tools-changes.png",
        "tools-send-updates.png",
        "tools-replies.png",
        "window-help.png",
        "window-help-team.png",
        "window-shortcuts.png",
        "window-about.png",
        "window-preferences.png",
        "window-open-database.png",
        "window-report.png",
        "window-report-themes.png",
        "window-print-itinerary.png",
        "window-print-programme.png",
        "window-print-day.png",
        *(
            name
            for kind in RECORD_KINDS
            for name in (
                f"window-manage-{kind}.png",
                *(
                    ["window-manage-venue-search.png", "window-manage-venue-nothing.png"]
                    if kind == "venue"
                    else []
                ),
            )
        ),
    ]
    for path in paths:
        image = QImage(str(path))
        assert not image.isNull()
        # The tools are windows of their own; some of the window's dialogs and the tour
        # builder's forms are small boxes.
        small = path.name.startswith(("window-", "tools-tour-activity", "tools-tour-leg"))
        assert image.width() > (150 if small else 300)
        assert image.height() > (90 if small else 200)
