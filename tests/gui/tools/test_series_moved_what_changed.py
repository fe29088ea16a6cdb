"""The window's What changed after a series whose meetings were cancelled and moved is
moved as a whole, once its invitations went out: the series' move alone, as the
changes report and the update say it (the carried-over meetings are not news)."""

from __future__ import annotations

from datetime import timedelta

from conftest import settle, tools_of
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.tools.mail_reports import ChangesDialog
from cpp_scheduler.model import Event
from cpp_scheduler.services import series
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.store import Database
from tests.ical.program import build_program
from tests.mail.helpers import send
from tests.mail.smtpserver import smtp_server


def test_what_changed_tells_a_series_moved_by_its_move_alone(
    qtbot: QtBot, sqlite_database: Database, open_window
) -> None:
    with sqlite_database.transaction() as session:
        program = build_program(session)
    with smtp_server() as server:
        send(sqlite_database, EventScope(program.series.uid), server)
    with sqlite_database.session() as session:
        event = session.get(Event, program.series.id)
        assert event is not None
        version, start, end = event.version, event.start_utc, event.end_utc
    series.move_event(
        sqlite_database,
        program.series.id,
        start + timedelta(hours=1),
        end + timedelta(hours=1),
        version,
    )
    window = open_window()
    changes = tools_of(window).open_changes()
    assert isinstance(changes, ChangesDialog)
    qtbot.waitUntil(lambda: changes.report is not None, timeout=20_000)
    assert changes.report == change_report(sqlite_database)
    model = changes.model
    rows = {model.index(row, 0).data(): model.index(row, 0) for row in range(model.rowCount())}
    maya = rows[f"Maya Shrestha <{program.maya.email}>, {program.kathmandu.name}"]
    told = [model.index(row, 1, maya).data() for row in range(model.rowCount(maya))]
    assert told == [
        "moved from Wed 18 Feb 2026, 05:45-07:15 (UTC+05:45) to Wed 18 Feb 2026, "
        "06:45-08:15 (UTC+05:45), their time"
    ]
    changes.close()
    settle(qtbot, window)
