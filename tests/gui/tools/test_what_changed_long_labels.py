"""What changed since last sent, on a laptop: an event's long title with why it is told
("refused by the server", "changed") is read whole in the first column, wrapped onto
further lines of its row (as wide as the column less the tree's indent), never cut at
the column's edge, however wide the column is dragged."""

from __future__ import annotations

from datetime import timedelta

from conftest import settle, tools_of
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.tools.mail_reports import ChangesDialog
from cpp_scheduler.model import Event
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import build_program
from tests.mail.helpers import send
from tests.mail.smtpserver import Server

LONG_TITLE = (
    "Peer-to-peer exchange on early warning systems for landslides and floods "
    "with Kobe's disaster risk management office"
)


def _events_told(changes: ChangesDialog) -> list[QModelIndex]:
    """The first cell of every event row, under each person told."""
    model = changes.model
    cells = []
    for row in range(model.rowCount()):
        person = model.index(row, 0)
        cells.extend(model.index(child, 0, person) for child in range(model.rowCount(person)))
    return cells


def test_a_long_title_with_its_reason_is_read_whole_in_what_changed(
    qtbot: QtBot, sqlite_database: Database, open_window, server: Server
) -> None:
    with sqlite_database.transaction() as session:
        program = build_program(session)
    server.mailbox.refuse = {program.bruno.email}
    send(sqlite_database, EventScope(program.workshop.uid), server)
    with sqlite_database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.title = LONG_TITLE
        event.start_utc += timedelta(hours=3)
        event.end_utc += timedelta(hours=3)
    window = open_window()
    changes = tools_of(window).open_changes()
    assert isinstance(changes, ChangesDialog)
    changes.resize(1366 - 16, 768 - 40)  # as much as a 1366x768 laptop leaves it
    qtbot.waitUntil(lambda: changes.report is not None, timeout=20_000)
    view = changes.tree
    cells = _events_told(changes)
    labels = {cell.data() for cell in cells}
    assert f"{LONG_TITLE} (refused by the server, REQUEST)" in labels
    assert f"{LONG_TITLE} (changed, REQUEST)" in labels

    metrics = QFontMetrics(view.font())
    for cell in cells:
        shown = view.visualRect(cell)
        # Wider than its column on one line: it takes more lines of its row.
        assert metrics.horizontalAdvance(cell.data()) > shown.width()
    # Whatever width the coordinator drags the column to, each line is in its row,
    # within the margins the style keeps on either side of a cell's text.
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    wrapped = int(Qt.TextFlag.TextWordWrap)
    for width in range(240, 640, 8):
        view.header().resizeSection(0, width)
        QApplication.processEvents()
        for cell in cells:
            view.scrollTo(cell)
            shown = view.visualRect(cell)
            assert shown.width() > 0
            assert shown.right() <= view.viewport().width()
            needed = metrics.boundingRect(
                0, 0, shown.width() - 2 * margin, 10_000, wrapped, cell.data()
            )
            assert needed.height() <= shown.height(), (width, cell.data(), needed, shown)
    changes.close()
    settle(qtbot, window)
