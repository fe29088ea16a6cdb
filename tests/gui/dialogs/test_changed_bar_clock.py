"""The changed-elsewhere bar gives a colleague's save at the moment the History panel
lists it at, in UTC and saying so, whatever this computer's clock: a coordinator in
Tokyo reading "at 01:42 UTC" finds the same save under "When (UTC)" at 01:42."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs.changed_bar import ChangedElsewhereBar
from cpp_scheduler.gui.tools.history import moment_text


@pytest.fixture
def tokyo_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock set to Tokyo's, as a TDLC coordinator's is."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_bar_gives_the_save_at_the_history_panels_moment(
    qtbot: QtBot, tokyo_clock: None
) -> None:
    saved = datetime.now(UTC).replace(second=0, microsecond=0)
    bar = ChangedElsewhereBar()
    qtbot.addWidget(bar)

    bar.changed_by("Aiko Tanaka", saved)

    listed = moment_text(saved).rsplit(" ", 1)[1]  # the History panel's time, in UTC
    assert bar.label.text() == f"Changed by Aiko Tanaka at {listed} UTC since you opened it."
    assert datetime.now().astimezone().utcoffset() != saved.utcoffset()  # a clock apart
