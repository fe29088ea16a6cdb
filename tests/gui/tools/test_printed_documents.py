"""The File menu's printed documents: chosen in a dialog, built off the GUI thread,
previewed, and saved as a PDF that holds what the command line's does."""

from __future__ import annotations

import ast
import inspect
import re
import sys
from pathlib import Path

from conftest import settle
from PySide6.QtCore import QDate, QPoint
from PySide6.QtPrintSupport import QPrintPreviewDialog
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import documents
from cpp_scheduler.gui.documents import PrintDocumentDialog
from cpp_scheduler.services.demo import CONFERENCE, PERU, TOUR_EVENTS, load_demo

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "documents"))
from pdftext import page_texts


def file_menu_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    menu = window.menuBar().actions()[0].menu()
    return [action.text() for action in menu.actions()]


def test_the_file_menu_offers_the_three_documents(qtbot: QtBot, open_window) -> None:
    window = open_window()
    texts = file_menu_texts(window)
    assert [t for t in texts if t.startswith("Print")] == [
        "Print itinerary…",
        "Print programme…",
        "Print run sheet…",
    ]
    assert texts.index("Print run sheet…") < texts.index("Quit")


def test_an_itinerary_saved_from_the_window_holds_the_tour(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    window.documents.actions["itinerary"].trigger()
    dialog = window.documents.dialogs["itinerary"]
    assert isinstance(dialog, PrintDocumentDialog)
    qtbot.waitUntil(lambda: dialog.choice.count() == 5, timeout=10_000)
    dialog.choice.setCurrentIndex(dialog.choice.findData(PERU))
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    saved: list[int] = []
    output = tmp_path / "peru.pdf"
    dialog.save(output, saved.append)
    assert not dialog.save_button.isEnabled(), "busy while the document is built"
    qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
    pages = page_texts(output)
    assert saved == [len(pages)]
    assert dialog.status.text() == f"Saved {output}: {len(pages)} pages"
    text = " ".join(pages)
    for *_rest, title, _themes in TOUR_EVENTS:
        assert title in text
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    settle(qtbot, window)


def test_the_programme_opens_in_a_print_preview(qtbot: QtBot, sqlite_database, open_window) -> None:
    load_demo(sqlite_database)
    window = open_window()
    dialog = window.documents.open("programme")
    qtbot.waitUntil(lambda: dialog.choice.count() == 1, timeout=10_000)
    assert dialog.choice.currentText().startswith(CONFERENCE)
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None, timeout=30_000)
    preview = dialog.preview_dialog
    assert isinstance(preview, QPrintPreviewDialog)
    assert dialog.document is not None
    assert dialog.document.title == f"Programme: {CONFERENCE}"
    qtbot.waitUntil(preview.isVisible, timeout=10_000)
    preview.close()
    settle(qtbot, window)


def test_the_conference_to_print_reads_whole_with_its_dates(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The list arrives after the dialog took its size: the dialog widens to show the
    conference whole, its dates last, within the screen."""
    load_demo(sqlite_database)
    window = open_window()
    dialog = window.documents.open("programme")
    qtbot.waitUntil(lambda: dialog.choice.count() == 1, timeout=10_000)
    qtbot.waitExposed(dialog)
    text = dialog.choice.currentText()
    assert text.startswith(CONFERENCE)
    assert text.endswith(")")  # its dates
    assert dialog.choice.width() > dialog.choice.fontMetrics().horizontalAdvance(text)
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().width() <= screen.width()
    dialog.close()
    settle(qtbot, window)


def test_a_run_sheet_of_an_empty_day_says_so_in_the_window(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    window = open_window()
    dialog = window.documents.open("day")
    dialog.date.setDate(QDate(2027, 1, 1))
    saved: list[int] = []
    output = tmp_path / "day.pdf"
    dialog.save(output, saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
    text = " ".join(page_texts(output))
    assert "Run sheet — Friday 01 January 2027" in text
    assert "Nothing is planned on this day." in text
    settle(qtbot, window)


def test_the_window_reads_through_the_core_only() -> None:
    tree = ast.parse(inspect.getsource(documents))
    imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith(("sqlalchemy", "cpp_scheduler.store")) for name in imported)
    source = inspect.getsource(documents)
    assert "select(" not in source
    assert ".session(" not in source


def test_a_right_click_on_the_conference_offers_its_programme_and_its_days_run_sheet(
    qtbot: QtBot, sqlite_database, open_window
) -> None:

    from cpp_scheduler.gui.eventmodel import Roles
    from cpp_scheduler.services.demo import demo_id

    load_demo(sqlite_database)
    window = open_window()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.view_actions["agenda"].trigger()
    qtbot.waitUntil(lambda: window.current_view.isVisible())
    settle(qtbot, window)
    agenda = window.current_view
    table = agenda.table  # type: ignore[attr-defined]
    conference_id = demo_id("event", CONFERENCE)
    window.go_to(QDate(2027, 2, 15).toPython())  # the agenda scrolls to the day
    settle(qtbot, window)
    viewport = table.viewport()
    cell = next(
        QPoint(60, y)
        for y in range(0, viewport.height(), 4)
        if table.indexAt(QPoint(60, y)).data(Roles.EVENT_ID) == conference_id
    )
    point = viewport.mapTo(agenda, cell)
    menu = window.event_menu(agenda, point)
    assert menu is not None
    entries = {action.objectName(): action for action in menu.actions()}
    assert entries["print_day_of_event"].text() == "Print run sheet of Mon 15 Feb…"
    entries["print_programme_of_event"].trigger()
    dialog = window.documents.dialogs["programme"]
    qtbot.waitUntil(lambda: dialog.choice.count() > 0, timeout=10_000)
    assert dialog.choice.currentData() == conference_id
    entries["print_day_of_event"].trigger()
    run_sheet = window.documents.dialogs["day"]
    assert run_sheet.date.date() == QDate(2027, 2, 15)
    menu.deleteLater()
    settle(qtbot, window)


def _menu_of(qtbot: QtBot, window, event_id: str):  # type: ignore[no-untyped-def]
    """The right-click menu of ``event_id``'s line in the Agenda."""
    from cpp_scheduler.gui.eventmodel import Roles

    agenda = window.current_view
    table = agenda.table
    row = window.events.row_at(window.events.row_of(event_id))
    window.go_to(row.first_date)  # the agenda scrolls to the day
    settle(qtbot, window)
    viewport = table.viewport()
    cell = next(
        QPoint(60, y)
        for y in range(0, viewport.height(), 4)
        if table.indexAt(QPoint(60, y)).data(Roles.EVENT_ID) == event_id
    )
    menu = window.event_menu(agenda, viewport.mapTo(agenda, cell))
    assert menu is not None
    return menu


def test_a_workshop_holding_sessions_offers_its_programme_as_the_print_dialog_lists_it(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """An event holding sessions is a conference whatever its kind, as the Print dialog
    and ``print programme --event`` take it: its right-click offers "Print programme…",
    and its session's offers the same programme; a workshop holding none offers only its
    day's run sheet."""
    from datetime import UTC, datetime

    from gui_support import add_event

    from cpp_scheduler.model import EventKind
    from cpp_scheduler.services.choices import conference_choices, conference_of

    load_demo(sqlite_database)
    forum = add_event(
        sqlite_database,
        "Resilience forum",
        datetime(2027, 4, 12, 0, 0, tzinfo=UTC),
        hours=8,
        kind=EventKind.WORKSHOP,
        zone="Asia/Tokyo",
    )
    breakout = add_event(
        sqlite_database,
        "Resilience breakout",
        datetime(2027, 4, 12, 2, 0, tzinfo=UTC),
        kind=EventKind.SITE_VISIT,
        zone="Asia/Tokyo",
        parent_id=forum,
    )
    alone = add_event(
        sqlite_database,
        "Water workshop",
        datetime(2027, 4, 13, 0, 0, tzinfo=UTC),
        kind=EventKind.WORKSHOP,
        zone="Asia/Tokyo",
    )
    assert forum in {choice.id for choice in conference_choices(sqlite_database)}
    window = open_window()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.view_actions["agenda"].trigger()
    qtbot.waitUntil(lambda: window.current_view.isVisible())
    settle(qtbot, window)

    for event_id in (forum, breakout):
        menu = _menu_of(qtbot, window, event_id)
        entries = {action.objectName(): action for action in menu.actions()}
        assert entries["print_programme_of_event"].text() == "Print programme…"
        entries["print_programme_of_event"].trigger()
        dialog = window.documents.dialogs["programme"]
        choice = dialog.choice
        qtbot.waitUntil(lambda: choice.count() > 0, timeout=10_000)  # noqa: B023
        qtbot.waitUntil(lambda: choice.currentData() == forum, timeout=10_000)  # noqa: B023
        assert dialog.choice.currentText().startswith("Resilience forum (")
        dialog.choice.setCurrentIndex(0)  # the demo's conference, which starts earlier
        assert dialog.choice.currentData() != forum
        menu.deleteLater()
    menu = _menu_of(qtbot, window, alone)
    names = [action.objectName() for action in menu.actions()]
    assert "print_day_of_event" in names
    assert "print_programme_of_event" not in names
    menu.deleteLater()
    # Every row carries the programme the service names for it.
    for number in range(window.events.rowCount()):
        row = window.events.row_at(number)
        assert row.programme_id == conference_of(sqlite_database, row.event_id), row.title
    settle(qtbot, window)


def test_the_delegation_schedule_prints_the_delegations_itinerary(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    schedule = window.tools.open_delegation_schedule()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: schedule.print_button.isEnabled(), timeout=10_000)
    schedule.delegation.setCurrentIndex(
        next(
            number
            for number in range(schedule.delegation.count())
            if schedule.delegation.itemText(number).startswith(PERU)
        )
    )
    schedule.print_button.click()
    dialog = window.documents.dialogs["itinerary"]
    qtbot.waitUntil(lambda: dialog.choice.count() > 0, timeout=10_000)
    assert dialog.choice.currentData() == PERU
    settle(qtbot, window)


def test_an_empty_program_is_said_in_one_language(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """In Japanese, the dialog's sentence is whole: never an English word put into a
    Japanese sentence (「プログラムにはまだdelegationsがありません。」)."""
    from cpp_scheduler import i18n
    from cpp_scheduler.documents.markup import is_japanese
    from cpp_scheduler.gui import translations

    window = open_window()
    said = {}
    translations.install(i18n.JAPANESE)
    try:
        for kind in ("itinerary", "programme"):
            dialog = PrintDocumentDialog(kind, sqlite_database, window.tasks)
            qtbot.addWidget(dialog)
            qtbot.waitUntil(lambda d=dialog: d.status.text().endswith(("。", ".")), timeout=10_000)
            said[kind] = dialog.status.text()
    finally:
        translations.install(i18n.ENGLISH)
    for kind, text in said.items():
        assert not (is_japanese(text) and re.search("[A-Za-z]", text)), (kind, text)
    assert said == {
        "itinerary": "プログラムにはまだ代表団がありません。",
        "programme": "プログラムにはまだ会議がありません。",
    }
    english = PrintDocumentDialog("programme", sqlite_database, window.tasks)
    qtbot.addWidget(english)
    qtbot.waitUntil(lambda: english.status.text().endswith("."), timeout=10_000)
    assert english.status.text() == "The program has no conferences yet."
    settle(qtbot, window)


def test_a_session_asks_for_its_conferences_programme(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """A session of the conference kind, right-clicked, offers "Print programme…": the
    programme chosen is its conference's, not the first conference of the list."""
    from datetime import UTC, datetime

    from gui_support import add_event

    from cpp_scheduler.model import EventKind
    from cpp_scheduler.services.choices import conference_of
    from cpp_scheduler.services.demo import demo_id

    load_demo(sqlite_database)
    conference_id = demo_id("event", CONFERENCE)
    add_event(
        sqlite_database,
        "Urban forum 2026",  # listed first: it starts earlier
        datetime(2026, 11, 2, 0, 0, tzinfo=UTC),
        kind=EventKind.CONFERENCE,
        zone="Asia/Tokyo",
    )
    plenary = add_event(
        sqlite_database,
        "Closing plenary",
        datetime(2027, 2, 16, 7, 0, tzinfo=UTC),
        kind=EventKind.CONFERENCE,
        zone="Asia/Tokyo",
        parent_id=conference_id,
    )
    assert conference_of(sqlite_database, plenary) == conference_id
    assert conference_of(sqlite_database, conference_id) == conference_id
    window = open_window()
    dialog = window.documents.open("programme", chosen=plenary)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.choice.currentData() == conference_id, timeout=10_000)
    assert dialog.choice.itemData(0) != conference_id
    settle(qtbot, window)


def test_the_run_sheets_date_takes_only_the_programs_days_and_a_day_beyond_is_said_in_one_line(
    qtbot: QtBot,
    sqlite_database,
    open_window,
    tmp_path: Path,
    monkeypatch,
    faults: list[BaseException],
) -> None:
    """Its date field stops at 1900-01-01 and 2199-12-31; a day beyond them (were the
    field to hold one) is refused in one line before any work starts, for the preview
    as for the PDF, and nothing reaches the error handler."""
    from datetime import date

    from cpp_scheduler.gui.qtvalues import python_date

    handled = faults
    window = open_window()
    dialog = window.documents.open("day", day=date(9999, 12, 31))
    field = dialog.date
    assert (python_date(field.minimumDate()), python_date(field.maximumDate())) == (
        date(1900, 1, 1),
        date(2199, 12, 31),
    )
    assert python_date(field.date()) == date(2199, 12, 31)
    dialog.choose(day=date(1752, 9, 14))
    assert python_date(field.date()) == date(1900, 1, 1)

    field.setMaximumDate(QDate(9999, 12, 31))  # a field that would hold it
    field.setDate(QDate(9999, 12, 31))
    line = (
        "Date in Japan 9999-12-31 is outside the days the program plans for "
        "(1900-01-01 to 2199-12-31)"
    )
    output = tmp_path / "far.pdf"
    dialog.save(output)
    assert dialog.status.text() == line
    assert not window.tasks.busy  # refused before the work started
    assert dialog.save_button.isEnabled()
    dialog.preview()
    assert dialog.status.text() == line
    assert dialog.preview_dialog is None
    qtbot.wait(200)
    assert not output.exists()
    assert handled == []
    settle(qtbot, window)


def test_a_failure_other_than_a_refusal_goes_to_the_error_handler_not_the_status_line(
    qtbot: QtBot,
    sqlite_database,
    open_window,
    monkeypatch,
    faults: list[BaseException],
) -> None:
    """A refusal is said as it is; a fault is logged in full and said in one line that
    names the log, never in Python's own words."""
    from cpp_scheduler.errors import SchedulerError

    handled = faults
    window = open_window()
    dialog = window.documents.open("day")
    dialog._failed(SchedulerError("The venue is closed on Sundays."))
    assert dialog.status.text() == "The venue is closed on Sundays."
    assert handled == []
    fault = OverflowError("date value out of range")
    dialog._failed(fault)
    assert handled == [fault]
    assert "out of range" not in dialog.status.text()
    assert "An unexpected problem stopped this" in dialog.status.text()
    assert dialog.save_button.isEnabled()
    settle(qtbot, window)
