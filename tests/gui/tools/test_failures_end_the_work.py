"""Work of the tools that fails ends as work that succeeds does: the "Reading…" or
"Writing…" line gives way to why, buttons come back, the dialog no longer sends. A
refusal is told in its own words; anything else (a bug, memory running out) in one line
that names the log, never in Python's words, and is logged in full (here: handed to the
error hook, which ``faults`` records).

The failure is a service function of the program's own made to raise; the database,
the dialogs and their widgets are the real ones."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import add_delegation, tools_of, venue_id
from gui_support import LOCKED, UNEXPECTED, event_named, raising
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools import mail_reports
from cpp_scheduler.gui.tools import slotfinder as slotfinder_module
from cpp_scheduler.gui.tools.export_calendar import ExportDialog
from cpp_scheduler.gui.tools.import_calendar import ImportDialog
from cpp_scheduler.gui.tools.mail_reports import READING_ANSWERS, ChangesDialog, RepliesDialog
from cpp_scheduler.gui.tools.mail_settings import MailSettingsDialog
from cpp_scheduler.gui.tools.send_mail import INVITATIONS, UPDATES, SendDialog
from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.services import (
    calendar_export,
    calendar_import,
    calendar_preview,
    invitations,
    mail_setup,
    replies,
)
from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program

MONDAY = date(2027, 1, 18)


@pytest.fixture
def invited(sqlite_database: Database) -> Program:
    """A program whose workshop has participants to invite."""
    with sqlite_database.transaction() as session:
        return build_program(session)


@pytest.fixture
def no_mail_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mail settings in the test's folder (none yet), never the user's."""
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "mail.json"))


# -- calendar files ---------------------------------------------------------------------


def test_the_export_preview_says_why_it_could_not_read_the_file_back(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    memory = MemoryError()
    monkeypatch.setattr(calendar_preview, "preview_export", raising(memory))
    dialog = ExportDialog(program, tasks, visible_dates=(date(2027, 1, 10), date(2027, 1, 16)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: faults != [] and not dialog.preview_pending, timeout=10_000)

    assert dialog.preview_label.text() != "Reading the file back…"
    assert UNEXPECTED in dialog.preview_label.text()
    assert faults == [memory]


def test_an_export_that_fails_gives_export_back_and_says_why(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    dialog = ExportDialog(program, tasks, selected_event=event_named(program, "Kobe DRR workshop"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview_result is not None, timeout=10_000)
    assert dialog.export_button.isEnabled()
    bug = RuntimeError("a fault in the writer")
    monkeypatch.setattr(calendar_export, "export_calendar", raising(bug))

    dialog.target.setText(str(tmp_path / "kobe.ics"))
    dialog.export()
    qtbot.waitUntil(lambda: faults != [] and not tasks.busy, timeout=10_000)

    assert not dialog.running
    assert dialog.status.text().startswith("Cannot export: ")
    assert UNEXPECTED in dialog.status.text()
    assert dialog.export_button.isEnabled()
    assert not dialog.progress.isVisible()
    assert faults == [bug]


def test_the_import_dialog_says_why_a_file_could_not_be_read(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    bug = KeyError("DTSTART")
    monkeypatch.setattr(calendar_import, "preview_import", raising(bug))
    dialog = tools_of(window).open_import()
    assert isinstance(dialog, ImportDialog)
    qtbot.addWidget(dialog)

    dialog.read(tmp_path / "partners.ics")
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)

    assert not dialog.summary.text().startswith("Reading")
    assert UNEXPECTED in dialog.summary.text()
    assert not dialog.progress.isVisible()
    assert not dialog.import_button.isEnabled()  # nothing was read to import
    assert faults == [bug]


# -- mail -------------------------------------------------------------------------------


def test_what_changed_says_the_ledger_could_not_be_read(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    monkeypatch.setattr(mail_reports, "change_report", raising(LOCKED))
    dialog = ChangesDialog(program, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.summary.text() != "Reading the ledger…", timeout=10_000)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)

    assert dialog.summary.text() == str(LOCKED)  # a refusal, in its own words
    assert dialog.model.rowCount() == 0
    assert faults == []


@pytest.mark.parametrize(
    ("owner", "name", "bug"),
    [
        (
            calendar_export,
            "scope_choices",
            AttributeError("'ScopeChoices' object has no attribute 'tours'"),
        ),
        (
            invitations,
            "plan_updates",
            TypeError("unsupported operand type(s) for -: 'NoneType' and 'datetime'"),
        ),
    ],
    ids=["scopes not read", "batch not planned"],
)
def test_the_send_preview_says_why_it_could_not_be_read(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    no_mail_settings: None,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
    owner: object,
    name: str,
    bug: BaseException,
) -> None:
    monkeypatch.setattr(owner, name, raising(bug))
    dialog = SendDialog(program, tasks, UPDATES)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: faults != [] and not tasks.busy, timeout=10_000)

    assert dialog.summary.text() != "Reading who gets what…"
    assert UNEXPECTED in dialog.summary.text()
    assert dialog.model.rowCount() == 0
    assert not dialog.send_button.isEnabled()
    assert faults == [bug]


def test_a_batch_that_fails_unexpectedly_stops_sending(
    qtbot: QtBot,
    sqlite_database: Database,
    invited: Program,
    tasks: TaskManager,
    mail_settings: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    dialog = SendDialog(sqlite_database, tasks, INVITATIONS, event_id=invited.workshop.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.batch is not None and not tasks.busy, timeout=20_000)
    assert dialog.send_button.isEnabled()
    bug = RuntimeError("a fault in the batch")
    monkeypatch.setattr(invitations, "send_batch", raising(bug))
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    dialog.outbox.setText(str(outbox))

    dialog.send()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)

    assert dialog.close_button.text() == "Close"
    assert not dialog.progress.isVisible()
    assert UNEXPECTED in dialog.summary.text()
    assert dialog.send_button.isEnabled()  # what is still due may go again
    assert faults == [bug]
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_the_replies_say_why_the_answers_could_not_be_read(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    bug = KeyError("partstat")
    monkeypatch.setattr(replies, "listed_answers", raising(bug))
    dialog = RepliesDialog(program, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: faults != [] and not tasks.busy, timeout=10_000)

    assert dialog.summary.text() != READING_ANSWERS
    assert UNEXPECTED in dialog.summary.text()
    assert dialog.rows is None
    assert faults == [bug]


def test_an_import_of_replies_that_fails_unexpectedly_says_so(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    dialog = RepliesDialog(program, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.rows is not None and not tasks.busy, timeout=10_000)
    bug = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
    monkeypatch.setattr(replies, "import_replies", raising(bug))

    dialog.import_files([tmp_path / "reply.eml"])
    qtbot.waitUntil(lambda: faults != [] and not tasks.busy, timeout=10_000)

    assert dialog.summary.text() != "Reading the replies…"
    assert UNEXPECTED in dialog.summary.text()
    assert faults == [bug]


def test_a_test_message_that_fails_unexpectedly_says_so(
    qtbot: QtBot,
    tasks: TaskManager,
    mail_settings: Path,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    dialog = MailSettingsDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.host.isEnabled, timeout=20_000)  # the settings are read
    bug = AttributeError("'NoneType' object has no attribute 'starttls'")
    monkeypatch.setattr(mail_setup, "send_test_message", raising(bug))
    dialog.test_recipient.setText("me@tdlc.example.org")

    dialog.send_test()
    assert not dialog.test_button.isEnabled()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=10_000)

    assert not dialog.status.text().startswith("Sending a test message")
    assert UNEXPECTED in dialog.status.text()
    assert dialog.buttons.isEnabled()
    assert faults == [bug]


# -- the slot finder --------------------------------------------------------------------


def finder_for(program: Database, tasks: TaskManager, qtbot: QtBot) -> SlotFinderDialog:
    finder = SlotFinderDialog(
        program, None, tasks, period=(MONDAY, MONDAY), on_chosen=lambda _start, _end: None
    )
    qtbot.addWidget(finder)
    finder.set_duration(timedelta(hours=1))
    return finder


def test_a_search_that_fails_unexpectedly_stops_weighing(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    lima = add_delegation(program, "Lima", "PE", "America/Lima")
    finder = finder_for(program, tasks, qtbot)
    finder.show()
    qtbot.waitUntil(lambda: finder.choices is not None, timeout=10_000)
    bug = IndexError("list index out of range")
    monkeypatch.setattr(slotfinder_module, "plan_meeting", raising(bug))

    finder.choose([lima])
    finder.search()
    assert finder.searching
    qtbot.waitUntil(lambda: faults != [] and not tasks.busy, timeout=10_000)

    assert not finder.searching
    assert not finder.ui.busyIndicator.isVisible()
    assert finder.ui.status.text() != "Weighing every start time…"
    assert UNEXPECTED in finder.ui.status.text()
    assert faults == [bug]


def test_a_search_waiting_for_the_venues_ends_when_they_cannot_be_read(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    lima = add_delegation(program, "Lima", "PE", "America/Lima")
    room = venue_id(program, "TDLC Meeting Room A")
    monkeypatch.setattr(slotfinder_module, "slot_choices", raising(LOCKED))
    finder = finder_for(program, tasks, qtbot)
    finder.set_venue(room)  # asked for before the venues are read: the search waits
    finder.choose([lima])
    finder.show()

    qtbot.waitUntil(
        lambda: not finder.searching and not finder.search_pending and not tasks.busy,
        timeout=10_000,
    )
    assert finder.ui.status.text() != "Weighing every start time…"
    assert not finder.ui.busyIndicator.isVisible()
    assert faults == []
