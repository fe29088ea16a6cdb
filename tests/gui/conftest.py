"""Fixtures for the desktop tests: a real SQLite program, settings in a temporary folder,
and a window whose editor dialogs and message boxes answer without a person."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from gui_support import (
    JANUARY_NINE_TOKYO,
    JULY_NINE_TOKYO,
    DialogScript,
    Messages,
    add_event,
)
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPainter
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.model import EventKind, EventMode, EventStatus, PartnerCity
from cpp_scheduler.store import Database


@pytest.fixture(autouse=True)
def settings_folder(tmp_path: Path) -> Path:
    """Keep QSettings in the test's folder, never in the user's."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def tasks() -> Iterator[TaskManager]:
    """A task manager, as the window gives its dialogs: reads run off the GUI thread."""
    manager = TaskManager()
    yield manager
    manager.wait_for_done()


@pytest.fixture
def dialogs() -> DialogScript:
    return DialogScript()


@pytest.fixture
def program(tmp_path: Path, new_program: Callable[[Path], Database]) -> Iterator[Database]:
    """A small program in January 2027: workshops, a conference, a videoconference."""
    database = new_program(tmp_path / "program.sqlite")
    with database.session() as session:
        kobe = session.query(PartnerCity).filter_by(name="Kobe").one().id
    add_event(
        database,
        "Kobe DRR workshop",
        JANUARY_NINE_TOKYO,
        2,
        kind=EventKind.WORKSHOP,
        status=EventStatus.CONFIRMED,
        city_id=kobe,
    )
    add_event(
        database,
        "Smart city site visit",
        JANUARY_NINE_TOKYO + timedelta(hours=1),
        2,
        kind=EventKind.SITE_VISIT,
        status=EventStatus.TENTATIVE,
    )
    add_event(
        database,
        "Finance videoconference",
        JANUARY_NINE_TOKYO + timedelta(days=1),
        1,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/finance",
        status=EventStatus.CANCELLED,
    )
    add_event(database, "Summer conference", JULY_NINE_TOKYO, 3, kind=EventKind.CONFERENCE)
    yield database
    database.close()


@pytest.fixture
def empty_program(tmp_path: Path, new_program: Callable[[Path], Database]) -> Iterator[Database]:
    database = new_program(tmp_path / "empty.sqlite")
    yield database
    database.close()


WindowFactory = Callable[[Database], MainWindow]


@pytest.fixture
def messages() -> Messages:
    return Messages()


@pytest.fixture
def make_window(qtbot: QtBot, dialogs: DialogScript, messages: Messages) -> WindowFactory:
    """Builds a shown main window over a database and waits until its events are loaded."""

    def make(database: Database) -> MainWindow:
        window = MainWindow(database, dialog_factory=dialogs)
        window.report_error = lambda title, message: messages.errors.append(  # type: ignore[method-assign]
            (title, message)
        )
        window.confirm = lambda title, question, parent=None: (  # type: ignore[method-assign]
            messages.questions.append(question) or messages.answer
        )
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
            window.show()
        qtbot.waitExposed(window)
        if window.welcome_shown:  # settled: the reads that follow the first have ended
            qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10_000)
        return window

    return make


@pytest.fixture
def window(program: Database, make_window: WindowFactory) -> MainWindow:
    shown = make_window(program)
    shown.go_to(JANUARY_NINE_TOKYO.date())
    return shown


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """What reached the window's error handler (its "Something went wrong" box): a test
    that asserts it empty holds that bad input got a line of its own, not a crash."""
    handled: list[BaseException] = []

    def hook(
        _kind: type[BaseException], error: BaseException, _trace: types.TracebackType | None
    ) -> None:
        handled.append(error)

    monkeypatch.setattr(sys, "excepthook", hook)
    return handled


@pytest.fixture
def painted_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text painted while the test runs, in order: what the calendar shows."""
    texts: list[str] = []
    real = QPainter.drawText

    def recorded(painter: QPainter, *args: object) -> None:
        if isinstance(args[-1], str):
            texts.append(args[-1])
        real(painter, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(QPainter, "drawText", recorded)
    return texts
