"""The Agenda's Kind, Status and Mode columns show their longest label whole in the
language the window speaks: in Japanese 「ピア・ツー・ピア・ワークショップ」 is wider than
the English "Peer-to-peer workshop" the columns were once sized from."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any

import pytest
from PySide6.QtWidgets import QStyle, QTableView

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import EventKind, EventMode, EventStatus
from cpp_scheduler.store import Database


@pytest.fixture
def japanese_window(
    qapp: object, program: Database, make_window: Callable[[Database], MainWindow]
) -> Iterator[MainWindow]:
    translations.install(i18n.JAPANESE)
    try:
        yield make_window(program)
    finally:
        translations.install(i18n.ENGLISH)


def agenda_table(window: MainWindow) -> QTableView:
    window.show_view("agenda")
    table = window.views["agenda"].table  # type: ignore[attr-defined]
    assert isinstance(table, QTableView)
    assert table.isVisible()
    return table


def room_for_text(table: QTableView, column: Column) -> int:
    """The width a cell of ``column`` leaves for its text: the style's margin either side."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return table.columnWidth(column) - 2 * margin


@pytest.mark.parametrize(
    ("column", "vocabulary"),
    [(Column.KIND, EventKind), (Column.STATUS, EventStatus), (Column.MODE, EventMode)],
)
def test_each_vocabulary_column_holds_its_widest_japanese_label(
    japanese_window: MainWindow, column: Column, vocabulary: type[StrEnum]
) -> None:
    table = agenda_table(japanese_window)
    members: list[Any] = list(vocabulary)
    labels = [member.label for member in members]
    assert all(member.label != member.english for member in members)  # in Japanese
    metrics = table.fontMetrics()
    widest = max(labels, key=metrics.horizontalAdvance)
    assert metrics.horizontalAdvance(widest) <= room_for_text(table, column), widest
    # And what the rows show is among those labels: the model's own words.
    model = table.model()
    shown = {model.index(row, column).data() for row in range(model.rowCount())}
    assert shown
    assert shown <= set(labels)


def test_the_workshop_reads_whole_in_the_kind_column(japanese_window: MainWindow) -> None:
    table = agenda_table(japanese_window)
    workshop = EventKind.WORKSHOP.label
    assert workshop == "ピア・ツー・ピア・ワークショップ"
    assert table.fontMetrics().horizontalAdvance(workshop) <= room_for_text(table, Column.KIND)
