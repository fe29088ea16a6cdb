"""The screenshot tool renders every dialog, empty and filled, on any database."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from cpp_scheduler.store import Database

ROOT = Path(__file__).resolve().parents[3]


def _tool() -> ModuleType:
    path = ROOT / "tools" / "screenshot_dialogs.py"
    spec = importlib.util.spec_from_file_location("screenshot_dialogs", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_dialog_is_rendered_new_and_filled(
    qtbot: QtBot,
    sqlite_database: Database,
    tmp_path: Path,
) -> None:
    tool = _tool()
    tool.add_sample_program(sqlite_database)
    written = tool.render_dialogs(sqlite_database, tmp_path / "shots")
    names = {path.name for path in written}
    for stem in (
        "event",
        "delegation",
        "participant",
        "venue",
        "partner-city",
        "theme",
        "knowledge-product",
        "travel-time",
    ):
        assert f"dialog-{stem}-new.png" in names
    assert "dialog-event-edit-when.png" in names
    assert "dialog-delegation-edit.png" in names
    assert "dialog-event-clock-change.png" in names
    assert "dialog-travel-time-edit.png" in names
    assert "dialog-travel-time-taken.png" in names
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), f"{path.name} is not an image"
        assert image.width() >= 400
        assert image.height() >= 200
