"""Starting the window with ``--db`` (or ``$CPP_SCHEDULER_DB``) naming no program: a
mistyped path or an empty file is never made into a new, empty program unasked.

The start asks the question File > Open database… asks, naming the path, before any
window shows; Cancel ends the start and leaves nothing behind. The default location,
named by neither, is made silently on the first start.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import app as gui_app
from cpp_scheduler.gui import crash, filemenu
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.store import open_database


class Questions:
    """QMessageBox.question as a coordinator answers it, each question kept."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked: list[tuple[object, str, str]] = []
        self.crashes: list[str] = []

    def __call__(self, parent: object, title: str, text: str, *_args: Any) -> Any:
        self.asked.append((parent, title, text))
        return self.answer


class Stopped:
    """The application, its loop ending at once should a window get as far as it."""

    def exec(self) -> int:
        return 0

    def exit(self, status: int) -> None:
        pass


@pytest.fixture
def declined(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Questions:
    questions = Questions(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "question", questions)
    monkeypatch.setattr(QMessageBox, "critical", Questions(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(gui_app, "application", Stopped)
    monkeypatch.setattr(crash, "log_path", lambda: tmp_path / "log.txt")

    class Recording(crash.ExceptionHandler):
        """The error handler, its dialog ("Something went wrong") kept, not shown."""

        def __init__(self) -> None:
            super().__init__(
                tmp_path / "log.txt", show=lambda title, _text: questions.crashes.append(title)
            )

    monkeypatch.setattr(gui_app, "ExceptionHandler", Recording)
    monkeypatch.delenv("CPP_SCHEDULER_DB", raising=False)
    return questions


def _question(location: Path) -> str:
    return (
        f"There is no program at {location}.\n\n"
        "Make a new, empty program there? Check the name first if you meant to open an "
        "existing one."
    )


@pytest.mark.parametrize("what", ["mistyped", "empty"])
def test_a_start_with_db_naming_no_program_asks_and_cancel_makes_nothing(
    what: str, declined: Questions, tmp_path: Path, qapp: QApplication
) -> None:
    location = tmp_path / "progam.sqlite"
    if what == "empty":
        location.touch()
    assert gui_app.run(str(location)) == 1
    assert declined.asked == [(None, "Make a new program?", _question(location))]
    assert sorted(path.name for path in tmp_path.glob("progam.sqlite*")) == (
        ["progam.sqlite"] if what == "empty" else []
    )
    if what == "empty":
        assert location.stat().st_size == 0
    assert declined.crashes == []


def test_the_environments_database_is_asked_about_as_db_is(
    declined: Questions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    location = tmp_path / "typo.sqlite"
    monkeypatch.setenv("CPP_SCHEDULER_DB", str(location))
    assert gui_app.run(None) == 1
    assert [text for _parent, _title, text in declined.asked] == [_question(location)]
    assert not location.exists()


def test_agreeing_makes_the_program_and_opens_the_window(
    declined: Questions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qapp: QApplication,
    qtbot: QtBot,
) -> None:
    declined.answer = QMessageBox.StandardButton.Yes
    location = tmp_path / "new program.sqlite"

    class Running:
        """The application's loop, run until the window has opened the new program."""

        def exec(self) -> int:
            def opened() -> bool:
                return any(
                    isinstance(widget, MainWindow)
                    and widget.program_open
                    and widget.database.name == str(location)
                    for widget in QApplication.topLevelWidgets()
                )

            qtbot.waitUntil(opened, timeout=20_000)
            return 0

        def exit(self, status: int) -> None:
            raise AssertionError(f"the window could not open the program ({status})")

    monkeypatch.setattr(gui_app, "application", Running)
    assert gui_app.run(str(location)) == 0
    assert [text for _parent, _title, text in declined.asked] == [_question(location)]
    assert location.stat().st_size > 0
    assert declined.crashes == []


def test_a_program_there_opens_without_asking(declined: Questions, tmp_path: Path) -> None:
    location = tmp_path / "program.sqlite"
    open_database(location).close()
    assert gui_app.agreed_to_open(str(location))
    assert declined.asked == []


def test_the_default_location_is_made_on_the_first_start_without_asking(
    declined: Questions, monkeypatch: pytest.MonkeyPatch
) -> None:
    def judged(_location: str) -> str:
        raise AssertionError("the default location is not judged")

    monkeypatch.setattr(filemenu, "program_to_make", judged)
    assert gui_app.agreed_to_open(None)
    monkeypatch.setenv("CPP_SCHEDULER_DB", "  ")
    assert gui_app.agreed_to_open(None)
    assert declined.asked == []


def test_a_folder_that_is_not_there_is_left_to_the_open_which_says_why(
    declined: Questions, tmp_path: Path
) -> None:
    """Nothing could be made there, so no question is asked in vain."""
    assert gui_app.agreed_to_open(str(tmp_path / "missing" / "program.sqlite"))
    assert declined.asked == []
