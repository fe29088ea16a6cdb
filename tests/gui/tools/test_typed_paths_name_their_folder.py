"""A file or a folder typed into a window's field without its folder (``program.ics``)
is refused in one line naming the whole path meant, and ``~`` is read as the home
folder. Before, the calendar file went to the folder the program happened to run in,
and the dialog said only "Wrote program.ics": nobody knew where to find it; and
``~/program.ics`` was refused as a folder called '~' that does not exist."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import add_event, tools_of
from gui_support import JANUARY_NINE_TOKYO
from pytestqt.qtbot import QtBot

from cpp_scheduler.files import FileWriteError, TypedPathError, typed_path
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.store import Database


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home" / "keiko"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the program runs in, where no coordinator looks."""
    folder = tmp_path / "started-in"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _exported(qtbot: QtBot, dialog: ExportDialog, typed: str) -> str:
    dialog.target.setText(typed)
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    return dialog.status.text()


def test_the_export_refuses_a_file_named_without_its_folder_and_reads_the_home_folder(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,  # type: ignore[no-untyped-def]
    home: Path,
    elsewhere: Path,
) -> None:
    add_event(sqlite_database, "Housing finance clinic", JANUARY_NINE_TOKYO, 2)
    window = open_window()
    dialog = tools_of(window).open_export()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.PROGRAM)
    qtbot.waitUntil(
        lambda: dialog.choices is not None and not dialog.preview_pending, timeout=20_000
    )

    said = _exported(qtbot, dialog, "program.ics")
    assert said == (
        "Cannot export: 'program.ics' cannot be written: it names no folder; give its "
        f"whole path, such as '{home / 'program.ics'}'"
    )
    assert os.listdir(elsewhere) == []
    assert dialog.target.text() == "program.ics"  # kept, to mend
    assert dialog.export_button.isEnabled()

    said = _exported(qtbot, dialog, "~/program.ics")
    assert said == f"Wrote {home / 'program.ics'}"
    assert (home / "program.ics").is_file()
    assert os.listdir(elsewhere) == []


def test_a_typed_path_is_whole_or_refused_in_one_line(home: Path) -> None:
    assert typed_path("~/outbox") == home / "outbox"
    assert typed_path("/srv/cpp/outbox") == Path("/srv/cpp/outbox")
    with pytest.raises(FileWriteError) as refused:
        typed_path("outbox")
    assert str(refused.value) == (
        "'outbox' cannot be written: it names no folder; give its whole path, such as "
        f"'{home}/outbox'"
    )
    with pytest.raises(TypedPathError) as broken:
        typed_path("out\nbox")
    assert str(broken.value) == (
        "'out\\nbox' holds a line break or another control character (\\n); give the "
        "path on one line"
    )
