"""The guard against PySide6 builds that drop references to None (see cpp_scheduler.gui)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

import cpp_scheduler.gui


def test_a_long_session_of_qt_calls_keeps_none_alive(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    calls = 50_000  # ten times what a 3.11 interpreter survives without the guard
    for _ in range(calls):
        field.setText("Kobe")
    assert sys.getrefcount(None) > 0
    if cpp_scheduler.gui.NONE_GUARD_APPLIED:
        assert sys.getrefcount(None) > 1 << 39
