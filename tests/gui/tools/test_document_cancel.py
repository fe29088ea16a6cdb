"""A long document can be cancelled: the programme of a conference of hundreds of
sessions stops when its progress dialog's Cancel is pressed, whether the content is
still being built or the pages are being drawn, and leaves no file behind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import settle
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.documents import PrintDocumentDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

SESSIONS = 240
START = datetime(2027, 6, 7, 0, 0, tzinfo=UTC)  # Monday 09:00 in Tokyo


def large_conference(database: Database) -> str:
    """A conference of 240 sessions over 30 days, each with a paragraph of its own."""
    common = {
        "mode": EventMode.FACE_TO_FACE,
        "status": EventStatus.CONFIRMED,
        "zone": "Asia/Tokyo",
    }
    with database.transaction() as session:
        conference = editing.create_record(
            session,
            Event,
            {
                **common,
                "title": "Generated conference of many sessions",
                "kind": EventKind.CONFERENCE,
                "start_utc": START,
                "end_utc": START + timedelta(days=30, hours=9),
            },
        )
        for number in range(SESSIONS):
            day, slot = divmod(number, 8)
            start = START + timedelta(days=day, hours=slot)
            editing.create_record(
                session,
                Event,
                {
                    **common,
                    "title": f"Session {number + 1}",
                    "kind": EventKind.WORKSHOP,
                    "start_utc": start,
                    "end_utc": start + timedelta(minutes=50),
                    "parent_id": conference.id,
                    "description": f"What session {number + 1} is about. " * 12,
                },
            )
        return conference.id


@pytest.fixture
def programme_dialog(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> tuple[MainWindow, PrintDocumentDialog]:
    conference_id = large_conference(sqlite_database)
    window = open_window()
    dialog = window.documents.open("programme")  # type: ignore[attr-defined]
    assert isinstance(dialog, PrintDocumentDialog)
    qtbot.waitUntil(lambda: dialog.choice.findData(conference_id) >= 0, timeout=10_000)
    dialog.choice.setCurrentIndex(dialog.choice.findData(conference_id))
    return window, dialog


def cancel_button(progress: QProgressDialog) -> QPushButton:
    button = progress.findChild(QPushButton)
    assert isinstance(button, QPushButton)
    assert button.text() == "Cancel"
    return button


def assert_answers(qtbot: QtBot, window: MainWindow, dialog: PrintDocumentDialog) -> None:
    """The window and the dialog take work again at once."""
    assert dialog.status.text() == "Cancelled: nothing was saved."
    assert dialog.save_button.isEnabled()
    assert dialog.preview_button.isEnabled()
    assert dialog.progress is None
    answers: list[int] = []
    window.tasks.run_in_background(lambda: 42, answers.append, lambda _error: None)
    qtbot.waitUntil(lambda: answers == [42], timeout=2_000)
    settle(qtbot, window)


def test_cancelling_while_the_programme_is_built_writes_nothing(
    qtbot: QtBot, programme_dialog: tuple[MainWindow, PrintDocumentDialog], tmp_path: Path
) -> None:
    window, dialog = programme_dialog
    output = tmp_path / "programme.pdf"
    saved: list[int] = []
    with qtbot.waitSignal(dialog.cancelled, timeout=30_000):
        dialog.save(output, saved.append)
        assert dialog.progress is not None
        cancel_button(dialog.progress).click()
    assert saved == []
    assert not output.exists()
    assert not list(tmp_path.glob("*programme.pdf*")), "no temporary file left"
    assert_answers(qtbot, window, dialog)


def test_cancelling_while_the_pages_are_drawn_stops_and_leaves_no_file(
    qtbot: QtBot, programme_dialog: tuple[MainWindow, PrintDocumentDialog], tmp_path: Path
) -> None:
    window, dialog = programme_dialog
    output = tmp_path / "programme.pdf"
    saved: list[int] = []
    drawn: list[tuple[int, int]] = []

    def cancel_after_two_pages() -> None:
        progress = dialog.progress
        if progress is not None and not drawn and progress.value() >= 2:
            drawn.append((progress.value(), progress.maximum()))
            cancel_button(progress).click()

    watcher = QTimer()
    watcher.setInterval(0)
    watcher.timeout.connect(cancel_after_two_pages)
    watcher.start()
    try:
        with qtbot.waitSignal(dialog.cancelled, timeout=60_000):
            dialog.save(output, saved.append)
    finally:
        watcher.stop()
    assert len(drawn) == 1
    pages_drawn, pages = drawn[0]
    assert pages >= 30, "a long programme"
    assert pages_drawn < pages, "the drawing stopped before the last page"
    assert saved == []
    assert not output.exists()
    assert not list(tmp_path.glob("*programme.pdf*")), "no temporary file left"
    assert_answers(qtbot, window, dialog)
