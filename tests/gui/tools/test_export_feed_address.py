"""The export dialog's feed address: one web address or nothing.

What is typed there is written into the file as the feed's ``SOURCE``, which calendar
clients fetch; a pasted line break or a ``javascript:`` address is refused beside the
field, as the editors refuse a video link, and Export waits until it is put right.
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from conftest import JANUARY_NINE_TOKYO, add_event, tools_of
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope

WRONG = "The feed address holds a line break; give one web address, without spaces, line "
WRONG += "breaks or control characters."


def reason_under_feed(dialog: ExportDialog) -> str:
    """The reason shown under the feed address, or '' when it is fine (or when the
    dialog has no place for one)."""
    label = dialog.findChild(QLabel, "feedUrlError")
    return label.text() if label is not None and not label.isHidden() else ""


def export_dialog(qtbot: QtBot, open_window, sqlite_database) -> ExportDialog:  # type: ignore[no-untyped-def]
    add_event(sqlite_database, "Housing finance clinic", JANUARY_NINE_TOKYO, 2)
    window = open_window()
    dialog = tools_of(window).open_export()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.PROGRAM)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=20_000)
    return dialog


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("https://cal.example.org/cpp.ics\nX-EVIL:1", WRONG),
        ("https://cal.example.org/cpp\u2028.ics", WRONG),
        ("https://cal.example.org/my cpp.ics", WRONG.replace("a line break", "a space")),
        ("javascript:alert(1)", "The feed address must start with https://."),
    ],
)
def test_a_feed_address_that_is_not_one_web_address_is_refused_beside_it(
    typed: str,
    reason: str,
    qtbot: QtBot,
    sqlite_database,
    open_window,
    tmp_path: Path,
) -> None:
    dialog = export_dialog(qtbot, open_window, sqlite_database)
    target = tmp_path / "program.ics"
    dialog.target.setText(str(target))
    dialog.feed_url.setText(typed)
    assert reason_under_feed(dialog) == reason
    assert dialog.feed_url.property("invalid")
    assert not dialog.export_button.isEnabled()
    assert dialog.export_button.toolTip() == f"Cannot export: {reason}"
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    dialog.export()  # Enter, or a script: the export refuses it all the same
    assert dialog.status.text() == reason
    assert not dialog.running
    assert not target.exists()

    dialog.feed_url.setText("https://cal.example.org/cpp.ics")
    assert reason_under_feed(dialog) == ""
    assert not dialog.feed_url.property("invalid")
    assert dialog.export_button.isEnabled()
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(calendar["SOURCE"]) == "https://cal.example.org/cpp.ics"


def test_invitations_carry_no_feed_so_its_address_holds_nothing_back(
    qtbot: QtBot,
    sqlite_database,
    open_window,
) -> None:
    dialog = export_dialog(qtbot, open_window, sqlite_database)
    dialog.feed_url.setText("javascript:alert(1)")
    assert not dialog.export_button.isEnabled()
    dialog.request_button.setChecked(True)
    assert reason_under_feed(dialog) == ""
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=20_000)
    dialog.publish.setChecked(True)
    assert reason_under_feed(dialog) == "The feed address must start with https://."
    qtbot.waitUntil(lambda: not dialog.preview_pending, timeout=20_000)
    assert dialog.preview_result is not None
    assert dialog.preview_result.rows  # a file to write, were it not for the address
    assert not dialog.export_button.isEnabled()
