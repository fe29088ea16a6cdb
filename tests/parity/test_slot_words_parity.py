"""The slot finder words each suggestion as ``cpp-scheduler slots`` prints it: the same
day with its year, the same times on Tokyo's clock (set apart by the window's "–" where
the command writes "-"), and the same "inconvenience N (worst M)", laid out in its two
columns (the second headed "Inconvenience"); in English and in Japanese."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.store import Database
from tests.parity.test_slots_parity import KENYA, MONDAY, PERU, ask_the_dialog, ids_of


def test_each_suggestion_reads_as_the_command_prints_it(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    demo_window: MainWindow,
    speaking: str,
) -> None:
    week = (MONDAY, MONDAY + timedelta(days=4))
    finder, _shown = ask_the_dialog(
        qtbot, demo_window, ids_of(sqlite_database, [KENYA, PERU]), week, 90, None, True, None
    )
    model = finder.suggestion_model
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    whole = [model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) for row in range(len(shown))]
    points = [model.index(row, 1).data() for row in range(model.rowCount())]
    count = finder.search_request().count
    finder.close()

    url = sqlite_database.url.render_as_string(hide_password=False)
    argv = ["--lang", speaking, "--db", url, "slots", "--with", KENYA, PERU]
    argv += ["--duration", "90m", "--from", str(week[0]), "--to", str(week[1])]
    capsys.readouterr()
    assert main([*argv, "--count", str(count)]) == 0
    printed = [line for line in capsys.readouterr().out.splitlines() if re.match(r"\d+\. ", line)]

    said = "inconvenience" if speaking == i18n.ENGLISH else "負担"
    # The window sets a range's ends apart by its "–", the command by "-".
    assert all("–" in when and "-" not in when for when in [*shown, *whole])
    lines = [f"{when}: {said} {points}" for when, points in zip(shown, points, strict=True)]
    assert [line.replace("–", "-") for line in lines] == printed
    # The line whole, where its column is too narrow for it.
    assert [line.replace("–", "-") for line in whole] == printed
    assert model.headerData(1, Qt.Orientation.Horizontal) == (
        "Inconvenience" if speaking == i18n.ENGLISH else "負担"
    )
    assert len(shown) > 1
    pattern = (
        r"(\d+)\. Mon 18 Jan 2027 \d\d:\d\d-\d\d:\d\d \(Tokyo\): inconvenience (\d+) \(worst \d+\)"
        if speaking == i18n.ENGLISH
        else r"(\d+)\. 2027年1月18日\(月\) \d\d:\d\d-\d\d:\d\d（東京）: 負担 (\d+)（最大 \d+）"
    )
    first = re.fullmatch(pattern, printed[0])
    assert first is not None, printed[0]
    assert first.group(1) == "1"
    assert points[0].startswith(first.group(2))  # the inconvenience beside it
