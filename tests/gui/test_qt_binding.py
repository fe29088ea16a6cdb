"""The Qt binding the program runs on keeps the interpreter alive through long sessions.

PySide6 6.12.0 on Python 3.11 lowers None's reference count on every call of a Qt method
that returns nothing, and the interpreter aborts after a few thousand such calls: a
coordinator's window would close in the middle of an edit. The dependency range excludes
it; this test fails if a binding with that fault is ever installed.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot


def test_calls_that_return_nothing_leave_none_alone(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    before = sys.getrefcount(None)
    for _ in range(500):
        field.setText("Kobe")
    assert sys.getrefcount(None) >= before - 50
