"""The parity tests open the real window with its tools, as the tools' own tests do, and
compare what it shows with what the command prints, in English and in Japanese."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import open_window, settings_folder  # noqa: F401  (fixtures)
from tests.parity.language_support import spoken


@pytest.fixture(params=i18n.LANGUAGES)
def speaking(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    """The language the test compares in, English then Japanese, spoken by the window and
    the core for the whole test, English again after it (see :func:`spoken`). Both
    languages, because the window and the command have agreed in English and parted in
    Japanese; the command is given the same with ``--lang``."""
    with spoken(request.param) as language:
        yield language


@pytest.fixture
def demo_window(
    sqlite_database: Database,
    speaking: str,
    open_window: Callable[[], MainWindow],  # noqa: F811
) -> MainWindow:
    """The main window over the demo program, opened in the language spoken: the program
    most parity tests read, in the test's own database, which the command is given too."""
    load_demo(sqlite_database)
    return open_window()
