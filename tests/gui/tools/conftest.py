"""Fixtures for the coordinator's tools: a real SQLite program and a real main window
with the tools installed, settings kept in the test's folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools import Tools
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.gui.tools.import_calendar import ImportDialog
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    StudyTour,
    TourDay,
    TravelLeg,
    TravelMode,
    Venue,
)
from cpp_scheduler.model.base import Base
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database
from tests.mail.helpers import settings_through
from tests.mail.smtpserver import Server, smtp_server

HERE = Path(__file__).parent

#: Tuesday 12 January 2027, 09:00 in Tokyo.
JANUARY_NINE_TOKYO = datetime(2027, 1, 12, 0, 0, tzinfo=UTC)

# The offscreen platform cannot raise windows or resize them to their size hints, and
# says so as a warning; every other Qt warning still fails a test.
OFFSCREEN_LIMITS = (
    r"This plugin does not support raise\(\)",
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support grabbing the keyboard",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS))


@pytest.fixture(autouse=True)
def settings_folder(tmp_path: Path) -> Path:
    """Keep QSettings in the test's folder, never in the user's."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


def add(database: Database, model: type[Base], **values: Any) -> str:
    with database.transaction() as session:
        return editing.create_record(session, model, values).id


def add_delegation(database: Database, name: str, country: str, zone: str, **values: Any) -> str:
    return add(database, Delegation, name=name, country=country, zone=zone, **values)


def add_event(
    database: Database, title: str, start: datetime, hours: float = 1.0, **values: Any
) -> str:
    defaults: dict[str, Any] = {
        "kind": EventKind.WORKSHOP,
        "mode": EventMode.FACE_TO_FACE,
        "status": EventStatus.CONFIRMED,
        "zone": "Asia/Tokyo",
    }
    defaults.update(values)
    return add(
        database,
        Event,
        title=title,
        start_utc=start,
        end_utc=start + timedelta(hours=hours),
        **defaults,
    )


def venue_id(database: Database, name: str) -> str:
    from sqlalchemy import select

    with database.session() as session:
        found = session.scalars(select(Venue.id).where(Venue.name == name)).first()
        assert found is not None
        return found


TOUR_START = date(2027, 3, 8)
"""The first day of the Peru delegation's study tour of :func:`peru_tour`."""


class PeruTour(NamedTuple):
    tour: str
    lima: str
    day_one: str


def peru_tour(database: Database, *, train_hours: int = 1) -> PeruTour:
    """The Peru delegation's three-day study tour from 8 March 2027: an opening briefing
    at TDLC and the train from Tokyo to Kobe (13:00 Tokyo, ``train_hours`` long: one,
    by default, where the table says the journey takes three) on its first day."""
    lima = add_delegation(
        database,
        "Lima",
        "PE",
        "America/Lima",
        arrival=TOUR_START - timedelta(days=1),
        departure=TOUR_START + timedelta(days=3),
    )
    tour = add(
        database,
        StudyTour,
        title="Peru study tour",
        delegation_id=lima,
        start_date=TOUR_START,
        end_date=TOUR_START + timedelta(days=2),
    )
    day_one = add(database, TourDay, tour_id=tour, day=TOUR_START, title="Tokyo to Kobe")
    add_event(
        database,
        "Opening briefing",
        datetime(2027, 3, 8, 0, 30, tzinfo=UTC),
        2,
        delegation_ids=[lima],
        tour_day_id=day_one,
        venue_id=venue_id(database, "TDLC Meeting Room A"),
    )
    departure = datetime(2027, 3, 8, 4, tzinfo=UTC)
    add(
        database,
        TravelLeg,
        tour_id=tour,
        origin="Tokyo",
        destination="Kobe",
        mode=TravelMode.RAIL,
        departure_utc=departure,
        arrival_utc=departure + timedelta(hours=train_hours),
    )
    return PeruTour(tour, lima, day_one)


@pytest.fixture
def open_window(
    qtbot: QtBot, sqlite_database: Database, tmp_path: Path
) -> Iterator[Callable[[], MainWindow]]:
    """Opens the main window over the test's database once its program is built."""
    opened: list[MainWindow] = []

    def open_it() -> MainWindow:
        settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(sqlite_database, settings)
        qtbot.addWidget(window)
        settle(qtbot, window)
        opened.append(window)
        return window

    yield open_it
    for window in opened:
        window.tasks.wait_for_done()


def tools_of(window: MainWindow) -> Tools:
    tools = window.tools  # type: ignore[attr-defined]
    assert isinstance(tools, Tools)
    return tools


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the window's background work is done and its answers have arrived, and
    what the last answer queued for the window's next turn has run (a refused undo puts
    the stack back then), with whatever that turn asked for."""
    tools = tools_of(window)

    def idle() -> bool:
        return (
            not window.tasks.busy
            and not tools.conflicts.checking
            and not tools.conflicts.check_pending
        )

    qtbot.waitUntil(idle, timeout=20_000)
    qtbot.wait(1)
    qtbot.waitUntil(idle, timeout=20_000)


def tokyo_day(instant: datetime) -> date:
    from cpp_scheduler import timezones

    return timezones.to_local(instant, timezones.TOKYO).date()


def export_each_participant(qtbot: QtBot, dialog: ExportDialog, folder: Path) -> None:
    """The whole program written from Export calendar one file per participant into
    ``folder``, waited for."""
    dialog.set_scope(Scope.PROGRAM)
    dialog.per_person.setChecked(True)
    dialog.target.setText(str(folder))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)


def import_through_tool(qtbot: QtBot, window: MainWindow, path: Path) -> ImportDialog:
    """Import the calendar file at ``path`` through the Import calendar tool, as a
    coordinator does (read, look, Import), and wait until the window has it; the tool."""
    dialog = tools_of(window).open_import()
    assert isinstance(dialog, ImportDialog)
    qtbot.addWidget(dialog)
    dialog.read(path)
    qtbot.waitUntil(lambda: not dialog.working, timeout=60_000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.command is not None, timeout=60_000)
    settle(qtbot, window)
    return dialog


def reported_errors(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What ``window`` reports from now on, (title, message) each, instead of a message
    box."""
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "report_error", lambda title, text: errors.append((title, text)))
    return errors


# -- the mail tools ---------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[Server]:
    """A real SMTP server the mail tools send to."""
    with smtp_server() as running:
        yield running


@pytest.fixture
def mail_settings(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The window's mail settings, sending through ``server`` as the CPP team."""
    path = settings_through(server, tmp_path)
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    return path
