"""The mail dialogs' lists: a row of one line keeps room above and below, as a row of
two lines does, so the alternating shades read evenly and no text sits on a row's edge."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.widgets.wrapping_tree import WrappingTree

LONG = "Carmen Rosa Huamán Torres <carmen.huaman@example.org>, and a long note after it"


def test_a_row_of_one_line_keeps_room_above_and_below(qtbot: QtBot) -> None:
    model = QStandardItemModel()
    for text in ("Ana Quispe <ana@example.org>", LONG, "Luis Rojas <luis@example.org>"):
        model.appendRow([QStandardItem(text)])
    tree = WrappingTree()
    qtbot.addWidget(tree)
    tree.setModel(model)
    tree.resize(260, 300)
    tree.show()
    qtbot.waitExposed(tree)
    heights = [tree.visualRect(model.index(row, 0)).height() for row in range(3)]
    line = tree.fontMetrics().height()
    assert heights[1] > 2 * line  # the long one wraps, whole
    assert heights[0] == heights[2]
    assert heights[0] >= line + line // 3  # room beyond the line's own height
