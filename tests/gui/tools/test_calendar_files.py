"""Export writes files the icalendar library reads back; import shows its plan first and
is one undo step."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from conftest import (
    JANUARY_NINE_TOKYO,
    add,
    add_delegation,
    add_event,
    export_each_participant,
    settle,
    tokyo_day,
    tools_of,
)
from gui_support import rows_read
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.gui.readonly import make_read_only
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.gui.tools.import_calendar import ImportDialog
from cpp_scheduler.model import Event, EventStatus, Participant
from cpp_scheduler.services.demo import CONFERENCE, SERIES, demo_id, load_demo
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database
from tests.hostile import named_pipe


def _program(database) -> dict[str, str]:
    lima = add_delegation(database, "Lima", "PE", "America/Lima")
    add(database, Participant, name="Ana Quispe", email="ana@vivienda.gob.pe", delegation_id=lima)
    add(database, Participant, name="Luis Rojas", email="luis@vivienda.gob.pe", delegation_id=lima)
    clinic = add_event(
        database, "Housing finance clinic", JANUARY_NINE_TOKYO, 2, delegation_ids=[lima]
    )
    roundtable = add_event(
        database, "Water utilities roundtable", JANUARY_NINE_TOKYO + timedelta(days=1), 2
    )
    return {"lima": lima, "clinic": clinic, "roundtable": roundtable}


def _previewed(qtbot: QtBot, dialog: ExportDialog) -> list[str]:
    """The titles the preview shows once the program's lists and the file are read."""
    qtbot.waitUntil(
        lambda: dialog.choices is not None and not dialog.preview_pending, timeout=20_000
    )
    return dialog.preview_titles


def _summaries(path: Path) -> list[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return sorted(str(component["SUMMARY"]) for component in calendar.walk("VEVENT"))


def test_export_writes_a_file_with_the_previewed_events(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    ids = _program(sqlite_database)
    window = open_window()
    tools_of(window).go_to_event(ids["clinic"])
    dialog = tools_of(window).open_export()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    assert dialog.scope_key == Scope.EVENT
    assert _previewed(qtbot, dialog) == ["Housing finance clinic"]

    dialog.set_scope(Scope.PROGRAM)
    assert sorted(_previewed(qtbot, dialog)) == [
        "Housing finance clinic",
        "Water utilities roundtable",
    ]
    dialog.request_button.setChecked(True)
    assert "SEQUENCE" in dialog.note.text()
    dialog.reminder.setCurrentText("1 hour before")
    target = tmp_path / "program.ics"
    dialog.target.setText(str(target))
    dialog.organizer.setText("TDLC coordinators")
    dialog.export()
    assert "needs an email address" in dialog.status.text()
    assert not target.exists()
    dialog.organizer.setText("TDLC coordinators <cpp@tdlc.example.org>")
    _previewed(qtbot, dialog)  # request mode: the preview reads the invitations again
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)

    assert dialog.written == [target]
    assert _summaries(target) == sorted(dialog.preview_titles)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(calendar["METHOD"]) == "REQUEST"
    assert all(event.walk("VALARM") for event in calendar.walk("VEVENT"))
    assert all(
        "cpp@tdlc.example.org" in str(event["ORGANIZER"]) for event in calendar.walk("VEVENT")
    )
    assert "Wrote" in dialog.status.text()


def test_export_one_file_per_participant(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    _program(sqlite_database)
    window = open_window()
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    folder = tmp_path / "people"
    export_each_participant(qtbot, dialog, folder)

    assert dialog.batch is not None
    assert not dialog.batch.cancelled
    assert sorted(path.name for path in folder.iterdir()) == [
        "ana@vivienda.gob.pe.ics",
        "luis@vivienda.gob.pe.ics",
    ]
    assert _summaries(folder / "ana@vivienda.gob.pe.ics") == ["Housing finance clinic"]
    assert dialog.progress.maximum() == 2
    assert dialog.status.text().startswith(f"Wrote 2 files for 2 participants in {folder}")


def test_one_file_for_one_participant_is_said_in_the_singular(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    add(
        sqlite_database,
        Participant,
        name="Ana Quispe",
        email="ana@vivienda.gob.pe",
        delegation_id=lima,
    )
    add_event(
        sqlite_database, "Housing finance clinic", JANUARY_NINE_TOKYO, 2, delegation_ids=[lima]
    )
    window = open_window()
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.PROGRAM)
    dialog.per_person.setChecked(True)
    dialog.target.setText(str(tmp_path / "people"))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.written == [tmp_path / "people" / "ana@vivienda.gob.pe.ics"]
    assert dialog.status.text().startswith(
        f"Wrote 1 file for 1 participant in {tmp_path / 'people'}"
    )


def test_export_of_a_delegation(qtbot: QtBot, sqlite_database, open_window, tmp_path: Path) -> None:
    ids = _program(sqlite_database)
    window = open_window()
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.DELEGATION, ids["lima"])
    assert _previewed(qtbot, dialog) == ["Housing finance clinic"]
    assert not dialog.per_person.isEnabled()
    dialog.feed_url.setText("https://example.org/cpp/lima.ics")
    dialog.refresh_hours.setValue(336)  # every two weeks, as --refresh-hours 336 takes
    assert dialog.refresh_hours.value() == 336
    target = tmp_path / "lima.ics"
    dialog.target.setText(str(target))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert "https://example.org/cpp/lima.ics" in str(calendar["SOURCE"])
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=336)
    assert "Housing finance clinic" in _summaries(target)


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Partner city//Planner//EN\r
BEGIN:VEVENT\r
UID:{uid}\r
SEQUENCE:{sequence}\r
DTSTAMP:20261201T000000Z\r
DTSTART:20270112T010000Z\r
DTEND:20270112T030000Z\r
SUMMARY:Housing finance clinic (moved)\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:new-visit@partner.example.org\r
SEQUENCE:0\r
DTSTAMP:20261201T000000Z\r
DTSTART:20270114T010000Z\r
DTEND:20270114T020000Z\r
SUMMARY:Kobe port renewal briefing\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _partner_file_previewed(
    qtbot: QtBot, window, database, ids: dict[str, str], tmp_path: Path
) -> ImportDialog:
    """A partner's file that moves the clinic and adds a briefing, read in the Import
    calendar tool: its dry run shown, nothing imported yet."""
    with database.session() as session:
        clinic = session.get(Event, ids["clinic"])
        uid, sequence = clinic.uid, clinic.sequence
    path = tmp_path / "from-partner.ics"
    path.write_bytes(ICS.format(uid=uid, sequence=sequence + 1).encode())
    dialog = tools_of(window).open_import()
    assert isinstance(dialog, ImportDialog)
    qtbot.addWidget(dialog)
    dialog.read(path)
    qtbot.waitUntil(lambda: not dialog.working)
    return dialog


def test_import_shows_its_plan_and_is_one_undo_step(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    ids = _program(sqlite_database)
    with sqlite_database.session() as session:
        clinic = session.get(Event, ids["clinic"])
        sequence, start = clinic.sequence, clinic.start_utc
    window = open_window()
    dialog = _partner_file_previewed(qtbot, window, sqlite_database, ids, tmp_path)
    rows = {
        dialog.model.texts(row)[1]: dialog.model.texts(row)[0]
        for row in range(dialog.model.rowCount())
    }
    assert rows == {
        "Housing finance clinic (moved)": "Update",
        "Kobe port renewal briefing": "Create",
    }
    assert "1 would be created, 1 would be updated" in dialog.summary.text()
    with sqlite_database.session() as session:  # a dry run changes nothing
        assert session.get(Event, ids["clinic"]).title == "Housing finance clinic"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.command is not None)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        titles = sorted(session.scalars(select(Event.title)).all())
        assert session.get(Event, ids["clinic"]).title == "Housing finance clinic (moved)"
    assert "Kobe port renewal briefing" in titles
    assert window.editor.stack.count() == 1
    assert any(row.title == "Kobe port renewal briefing" for row in window.events.rows())

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        clinic = session.get(Event, ids["clinic"])
        assert clinic.title == "Housing finance clinic"
        assert (clinic.start_utc, clinic.sequence) == (start, sequence)
        assert [d.id for d in clinic.delegations] == [ids["lima"]]
        assert "Kobe port renewal briefing" not in session.scalars(select(Event.title)).all()
    assert not any(row.title == "Kobe port renewal briefing" for row in window.events.rows())

    window.editor.stack.redo()
    rows_read(window)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        assert session.get(Event, ids["clinic"]).title == "Housing finance clinic (moved)"
        assert session.get(Event, dialog.command.created_ids[0]) is not None


def test_an_import_confirmed_after_the_program_turned_read_only_is_refused_and_said(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path, monkeypatch
) -> None:
    """A colleague's administrator took the right to change the program while the
    preview was open: Import says why, and nothing is written."""
    ids = _program(sqlite_database)
    window = open_window()
    dialog = _partner_file_previewed(qtbot, window, sqlite_database, ids, tmp_path)
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text, *_rest: warnings.append((title, text))
    )
    make_read_only(window, "Read-only: the role reader may not change the program")

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert warnings == [("Cannot import", "Read-only: the role reader may not change the program")]
    assert dialog.command is None
    assert window.editor.stack.count() == 0
    with sqlite_database.session() as session:
        assert session.get(Event, ids["clinic"]).title == "Housing finance clinic"
        assert "Kobe port renewal briefing" not in session.scalars(select(Event.title)).all()


def test_a_batch_can_be_cancelled(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    import threading

    _program(sqlite_database)
    window = open_window()
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.PROGRAM)
    dialog.per_person.setChecked(True)
    folder = tmp_path / "people"
    dialog.target.setText(str(folder))
    # Hold the worker so the batch waits in the queue while the user cancels.
    release = threading.Event()
    window.tasks.run_in_background(release.wait, lambda _result: None)
    dialog.export()
    assert dialog.cancel_button.text() == "Cancel"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Cancelling…"
    release.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)

    assert dialog.batch is not None
    assert dialog.batch.cancelled
    assert dialog.batch.files == []
    assert dialog.status.text().startswith("Cancelled.")
    assert dialog.cancel_button.text() == "Close"


def test_export_of_the_events_the_calendar_shows(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    _program(sqlite_database)
    window = open_window()
    window.show_view("day")
    window.go_to(tokyo_day(JANUARY_NINE_TOKYO))
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.SHOWN)
    assert _previewed(qtbot, dialog) == ["Housing finance clinic"]  # the roundtable is tomorrow
    target = tmp_path / "shown.ics"
    dialog.target.setText(str(target))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert _summaries(target) == ["Housing finance clinic"]


def test_the_preview_shows_a_participants_file_on_her_own_clock(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.PARTICIPANT, demo_id("participant", "rosa.quispe"))
    assert dialog.preview_pending  # read on the worker, not while the dialog waits
    titles = _previewed(qtbot, dialog)

    row = dialog.preview_cells()[titles.index(CONFERENCE)]
    # Monday 15 and Tuesday 16 February in Tokyo, as Rosa's calendar in Lima shows them.
    assert row[1:3] == ["Sun 14 Feb 2027 19:00 (UTC-05:00)", "Tue 16 Feb 2027 01:30 (UTC-05:00)"]
    assert row[5] == "https://meet.example.org/tdlc/cpp-conference-2027"
    assert "read in America/Lima" in dialog.preview_label.text()
    assert "1 study tour" in dialog.preview_label.text()
    # Her tour's days and its trains, which her calendar shows among the meetings.
    leg = dialog.preview_cells()[titles.index("Rail: Tokyo → Yokohama")]
    assert leg[1:3] == ["Mon 08 Mar 2027 12:30 (UTC+09:00)", "Mon 08 Mar 2027 13:00 (UTC+09:00)"]
    # A room's English and Japanese addresses, two lines in her calendar, share the row's
    # one line; its tip gives them as the file does.
    opening = titles.index("Opening plenary: ten years of the City Partnership Program")
    place = dialog.preview_table.model().index(opening, 4)
    assert place.data() == (
        "TDLC Meeting Room A, 10th Floor, 2-2-2 Uchisaiwaicho, Chiyoda-ku, Tokyo 100-0011"
        " · 〒100-0011 東京都千代田区内幸町2-2-2 10階"
    )
    assert place.data(Qt.ItemDataRole.ToolTipRole) == place.data().replace(" · ", "\n")


def test_a_cancelled_meeting_of_a_request_is_greyed_in_the_preview(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """In request mode a cancelled meeting goes into the second file, which removes it
    from the reader's calendar: its row says so in grey, the others in the text's colour."""
    made = _program(sqlite_database)
    with sqlite_database.transaction() as session:
        clinic = session.get(Event, made["clinic"])
        assert clinic is not None
        clinic.status = EventStatus.CANCELLED
        roundtable = session.get(Event, made["roundtable"])  # Lima's too, held
        assert roundtable is not None
        roundtable.delegations = list(clinic.delegations)
    dialog = tools_of(open_window()).open_export()
    qtbot.addWidget(dialog)
    dialog.request_button.setChecked(True)
    dialog.organizer.setText("TDLC coordinators <cpp@tdlc.example.org>")
    dialog.set_scope(Scope.DELEGATION, made["lima"])
    titles = _previewed(qtbot, dialog)

    model = dialog.preview_table.model()
    colours = {
        title: model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
        for row, title in enumerate(titles)
    }
    assert dialog.preview_cells()[titles.index("Housing finance clinic")][3] == "Cancelled"
    assert colours["Housing finance clinic"].name() == "#8a8a8a"
    assert colours["Water utilities roundtable"] is None  # the view's own text colour
    assert "1 cancelled, in the second file that removes them" in dialog.preview_label.text()


def test_the_preview_of_the_selected_event_highlights_the_selected_meeting(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    april = timezones.to_utc(datetime(2027, 4, 21, 17), timezones.TOKYO)
    window.select_occurrence(OccurrenceKey(demo_id("event", SERIES), april))
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    assert dialog.scope_key == Scope.EVENT
    assert _previewed(qtbot, dialog) == [SERIES] * 5  # February's session is cancelled

    highlighted = dialog.preview_cells()[dialog.highlighted_row]
    assert highlighted[1] == "Wed 21 Apr 2027 17:00 (UTC+09:00)"
    moved = dialog.preview_cells()[3]
    assert moved[1] == "Thu 20 May 2027 17:00 (UTC+09:00)"  # moved from the 19th

    # The highlight follows the window's selection, to the moved meeting by its name.
    may = timezones.to_utc(datetime(2027, 5, 19, 17), timezones.TOKYO)
    window.select_occurrence(OccurrenceKey(demo_id("event", SERIES), may))
    _previewed(qtbot, dialog)
    assert dialog.highlighted_row == 3
    dialog.set_scope(Scope.DELEGATION, demo_id("delegation", "Nepal: Kathmandu Metropolitan City"))
    titles = _previewed(qtbot, dialog)
    highlighted = dialog.preview_cells()[dialog.highlighted_row]
    assert highlighted[:2] == [SERIES, "Thu 20 May 2027 13:45 (UTC+05:45)"]
    window.select_occurrence(OccurrenceKey(demo_id("event", CONFERENCE)))
    assert dialog.highlighted_row == titles.index(CONFERENCE)


def test_the_selected_events_file_is_the_one_the_command_writes(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    window.select_occurrence(OccurrenceKey(demo_id("event", SERIES)))
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    assert dialog.scope_key == Scope.EVENT
    _previewed(qtbot, dialog)
    from_window = tmp_path / "window.ics"
    dialog.target.setText(str(from_window))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.written == [from_window]

    with sqlite_database.session() as session:
        uid = session.get_one(Event, demo_id("event", SERIES)).uid
    from_command = tmp_path / "command.ics"
    url = sqlite_database.url.render_as_string(hide_password=False)
    assert main(["--db", url, "export", "ics", "--event", uid, "-o", str(from_command)]) == 0

    # The calendar is named after the series, as the command names it, and the rest is
    # the same file but for the moment each was written.
    calendar = icalendar.Calendar.from_ical(from_window.read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == SERIES
    assert _without_stamps(from_window) == _without_stamps(from_command)


def _without_stamps(path: Path) -> list[str]:
    return [line for line in path.read_text("utf-8").splitlines() if not line.startswith("DTSTAMP")]


def test_with_nothing_selected_it_opens_on_the_events_shown_not_the_whole_program(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The preview is the file read back: for a year of events that is seconds of the
    worker, so the dialog starts from what the calendar shows."""
    _program(sqlite_database)
    add_event(sqlite_database, "Next year's workshop", JANUARY_NINE_TOKYO + timedelta(days=365))
    window = open_window()
    window.go_to(JANUARY_NINE_TOKYO.date())
    window.select_event(None)
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    assert dialog.scope_key == Scope.SHOWN
    assert sorted(_previewed(qtbot, dialog)) == [
        "Housing finance clinic",
        "Water utilities roundtable",
    ]


def test_import_refuses_an_invalid_event_unless_asked_to_skip_it(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    """The file holds a weekly 02:30 New York series (read by RFC 5545 on the day
    clocks skip 02:30) and an event that ends before it starts."""
    from tests.ical.test_import_promise import BACKWARDS, GAP_SERIES, calendar_file

    path = calendar_file(tmp_path, GAP_SERIES, BACKWARDS)
    window = open_window()
    dialog = tools_of(window).open_import()
    qtbot.addWidget(dialog)
    dialog.read(path)
    qtbot.waitUntil(lambda: not dialog.working)
    assert dialog.model.rowCount() == 0
    assert "ends before it starts" in dialog.summary.text()
    assert "nothing was imported" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()

    dialog.skip_invalid.setChecked(True)  # reads the file again
    qtbot.waitUntil(lambda: not dialog.working)
    rows = [dialog.model.texts(row) for row in range(dialog.model.rowCount())]
    assert rows[0][:2] == ("Create", "Early call")
    assert rows[1][:2] == ("Read as RFC 5545 says", "Early call")  # under its event
    assert rows[1][2].startswith("Sun 14 Mar 2027 02:30 is skipped when clocks change")
    assert rows[2][:2] == ("Skip", "Backwards")
    assert dialog.import_button.isEnabled()


def test_the_note_on_updates_opens_the_guide_inside_the_program(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """An installed program has no docs folder to send the coordinator to: the note's
    link opens the page in Help."""
    from cpp_scheduler.gui.help import HelpWindow

    window = open_window()
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    assert "calendar-updates.md" in dialog.note.text()
    assert "docs/" not in dialog.note.text()
    dialog.note.linkActivated.emit("calendar-updates.md")
    guide = window.findChild(HelpWindow)
    assert guide is not None
    assert guide.isVisible()
    assert guide.document == "calendar-updates.md"


def test_import_of_a_named_pipe_says_so_instead_of_waiting(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    window = open_window()
    dialog = tools_of(window).open_import()
    assert isinstance(dialog, ImportDialog)
    qtbot.addWidget(dialog)
    with named_pipe(tmp_path / "incoming.ics") as pipe:
        dialog.read(pipe)
        qtbot.waitUntil(lambda: not dialog.working)
    assert dialog.summary.text() == (
        f"{pipe}: is not a regular file (a pipe, a socket or a device)"
    )
    assert dialog.model.rowCount() == 0
    assert not dialog.import_button.isEnabled()


def test_a_large_import_moves_the_bar_to_the_end_and_is_one_undo_step(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path
) -> None:
    """Reading and importing run in the dialog's worker: the bar moves forward in each,
    ends at the number of events, and the window stays answering meanwhile."""
    from tests.services.test_calendar_import_large import _calendar

    count = 1_200
    path = tmp_path / "partners.ics"
    path.write_bytes(_calendar(count))
    window = open_window()
    dialog = tools_of(window).open_import()
    qtbot.addWidget(dialog)
    seen: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(
        lambda value: seen.append((dialog.progress.maximum(), value))
    )
    dialog.read(path)
    qtbot.waitUntil(lambda: not dialog.working, timeout=60_000)
    assert "1,200 would be created" in dialog.summary.text()  # grouped as import groups it
    assert dialog.progress.isHidden()
    reading = [value for total, value in seen if total == count + 1]
    assert reading[-1] == count + 1
    assert reading == sorted(reading)

    seen.clear()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.command is not None, timeout=60_000)
    writing = [value for total, value in seen if total == count]
    assert writing[-1] == count
    assert writing == sorted(writing)
    assert "Imported: 1,200 created" in dialog.summary.text()
    assert window.editor.stack.count() == 1
    window.editor.stack.undo()
    settle(qtbot, window)  # the undo runs in the background too
    with sqlite_database.session() as session:
        assert not session.scalars(select(Event).where(Event.uid.like("large-%"))).first()


def test_a_preview_of_the_first_events_says_its_counts_are_of_those(
    qapp: object, sqlite_database: Database
) -> None:
    """The window previews a large program's first events only: the count it gives is
    theirs, and says so, where ``export ics --preview`` counts every meeting."""
    from cpp_scheduler.services.calendar_export import ProgramScope
    from cpp_scheduler.services.calendar_preview import PreviewRow, preview_export
    from cpp_scheduler.services.calendar_preview import summary_text as preview_summary

    load_demo(sqlite_database)
    whole = preview_export(sqlite_database, ProgramScope())
    first = preview_export(sqlite_database, ProgramScope(), most_events=3)
    assert len(first.rows) < len(whole.rows)

    def meetings(rows: tuple[PreviewRow, ...]) -> int:  # the tours' days and legs are not
        return sum(1 for row in rows if not row.tour_part)

    assert preview_summary(first).startswith(
        f"{meetings(first.rows)} meetings in the first 3 of the file's {whole.events} events "
        "(the file holds them all), read in Asia/Tokyo"
    )
    assert preview_summary(whole).startswith(f"{meetings(whole.rows)} meetings, read in Asia/Tokyo")


@pytest.mark.parametrize(
    ("scope", "said"),
    [
        (Scope.DELEGATION, "The program has no delegation yet."),
        (Scope.TOUR, "The program has no study tour yet."),
    ],
)
def test_a_scope_with_nothing_listed_says_what_the_program_lacks_in_words(
    qtbot: QtBot, sqlite_database, open_window, tmp_path: Path, scope: str, said: str
) -> None:
    """A program without delegations or tours: exporting a delegation's schedule says
    there is none, in the window's words, not the dialog's key for the scope."""
    window = open_window()
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    dialog.set_scope(scope)
    _previewed(qtbot, dialog)
    dialog.target.setText(str(tmp_path / "nothing.ics"))
    dialog.export()
    assert dialog.status.text() == said
    assert not (tmp_path / "nothing.ics").exists()


def test_a_batch_over_dates_says_who_has_nothing_then_as_the_command_does(
    qtbot: QtBot,
    sqlite_database,
    open_window,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One file per participant for June alone, when nothing is on: both the dialog and
    ``export ics --each-participant`` say the two have no events in those dates, not
    that they have nothing on the program."""
    from PySide6.QtCore import QDate

    from cpp_scheduler.cli import main

    _program(sqlite_database)
    window = open_window()
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.RANGE)
    dialog.first.setDate(QDate(2027, 6, 1))
    dialog.last.setDate(QDate(2027, 6, 30))
    dialog.per_person.setChecked(True)
    dialog.target.setText(str(tmp_path / "window"))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)

    url = sqlite_database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    command = ["--db", url, "export", "ics", "--each-participant", "--out-dir"]
    dates = ["--from", "2027-06-01", "--to", "2027-06-30"]
    assert main([*command, str(tmp_path / "command"), *dates]) == 0
    wrote, said = capsys.readouterr().out.splitlines()[-2:]

    assert wrote == f"Wrote 0 files for 0 participants in {tmp_path / 'command'}"
    assert said == "2 participants have no events from 01 Jun 2027 to 30 Jun 2027 and got no file"
    folder = tmp_path / "window"
    assert dialog.status.text() == f"Wrote 0 files for 0 participants in {folder}; {said}."
