"""The local-times inspector: an event on every attendee's clock, following the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import JANUARY_NINE_TOKYO, add, add_delegation, add_event, settle, tools_of
from gui_support import meeting_of, move_command, rows_read
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.commands import cancel_meeting
from cpp_scheduler.gui.tools.localtimes import PART_ROLE, Column, LocalTimesDock, LocalTimesModel
from cpp_scheduler.model import Delegation, Participant
from cpp_scheduler.services.demo import SERIES, load_demo
from cpp_scheduler.services.rows import OccurrenceKey


def read(qtbot: QtBot, dock: LocalTimesDock) -> None:
    """Wait until the dock's answer for the meeting it was given has arrived."""
    qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)


def _rows(model: LocalTimesModel) -> dict[str, list[str]]:
    return {
        model.index(row, 0).data(): [model.index(row, c).data() for c in range(len(Column))]
        for row in range(model.rowCount())
    }


def test_rows_for_a_known_event_and_zones(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    manila = add_delegation(sqlite_database, "Manila", "PH", "Asia/Manila")
    add(
        sqlite_database,
        Participant,
        name="Priya Raman",
        email="priya@example.org",
        delegation_id=manila,
        zone="America/New_York",
    )
    with sqlite_database.session() as session:
        from sqlalchemy import select

        priya = session.scalars(select(Participant.id)).one()
    event = add_event(
        sqlite_database,
        "Housing finance clinic",
        JANUARY_NINE_TOKYO,
        1.5,
        delegation_ids=[lima, manila],
        participant_ids=[priya],
    )
    window = open_window()
    dock = tools_of(window).local_times
    window.views["week"].occurrenceSelected.emit(OccurrenceKey(event))
    read(qtbot, dock)

    qtmodeltester.check(dock.model)
    rows = _rows(dock.model)
    assert list(rows) == ["Lima", "Manila", "Priya Raman", "Tokyo", "Washington"]
    assert rows["Lima"][Column.DATE :] == [
        "Mon 11 Jan",
        "19:00–20:30 -05",
        "-1",
        "-05:00",
        "acceptable hours",
    ]
    assert rows["Manila"][Column.TIME] == "08:00–09:30 PST"
    assert rows["Manila"][Column.HOURS] == "acceptable hours"
    assert rows["Tokyo"][Column.TIME] == "09:00–10:30 JST"
    assert rows["Tokyo"][Column.HOURS] == "working hours"
    assert rows["Washington"][Column.DAY] == "-1"
    assert rows["Tokyo"][Column.DAY] == "0"
    assert dock.model.index(0, 0).data(PART_ROLE) == "extended"
    assert "Housing finance clinic" in dock.heading.text()


def test_a_holiday_adds_a_warning_row(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    # Wednesday 28 July 2027 10:00 in Lima: Peru's Independence Day.
    event = add_event(
        sqlite_database,
        "Call with Lima",
        datetime(2027, 7, 28, 15, 0, tzinfo=UTC),
        delegation_ids=[lima],
        mode="virtual",
        kind="workshop",
    )
    window = open_window()
    dock = tools_of(window).local_times
    dock.show_event(event)
    read(qtbot, dock)

    qtmodeltester.check(dock.model)
    assert dock.model.warning_count >= 1
    warnings = [
        dock.model.index(row, 0).data()
        for row in range(dock.model.rowCount())
        if dock.model.is_warning(row)
    ]
    assert any("Wed 28 Jul 2027" in text and "public holiday in Peru" in text for text in warnings)
    warning_row = next(row for row in range(dock.model.rowCount()) if dock.model.is_warning(row))
    assert dock.table.columnSpan(warning_row, 0) == len(Column)


def test_follows_a_change_of_the_event(qtbot: QtBot, sqlite_database, open_window) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    event = add_event(sqlite_database, "Clinic", JANUARY_NINE_TOKYO, delegation_ids=[lima])
    window = open_window()
    dock = tools_of(window).local_times
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(event))
    read(qtbot, dock)
    assert _rows(dock.model)["Lima"][Column.TIME] == "19:00–20:00 -05"

    later = JANUARY_NINE_TOKYO + timedelta(hours=2)
    window.editor.execute(move_command(window, event, later, later + timedelta(hours=1)))
    settle(qtbot, window)
    assert _rows(dock.model)["Lima"][Column.TIME] == "21:00–22:00 -05"

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    assert _rows(dock.model)["Lima"][Column.TIME] == "19:00–20:00 -05"


def test_a_later_meeting_of_a_series_shows_its_own_clocks_and_holidays(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    # The demo's monthly series, 17:00 in Tokyo on the third Wednesday: Washington reads
    # it at 03:00 EST in January and 04:00 EDT after the US clock change on 14 March; the
    # May meeting, moved to Thursday 20 May, falls on Buddha Jayanti in Nepal.
    load_demo(sqlite_database)
    window = open_window()
    dock = tools_of(window).local_times
    meetings = {
        f"{row.start_utc:%m-%d}": row.occurrence_key
        for row in window.events.rows()
        if row.title == SERIES
    }
    assert {"01-20", "03-17", "05-20"} <= set(meetings)

    window.views["month"].occurrenceSelected.emit(meetings["01-20"])
    read(qtbot, dock)
    rows = _rows(dock.model)
    assert rows["Washington"][Column.TIME] == "03:00–04:30 EST"
    assert rows["Washington"][Column.OFFSET] == "-05:00"
    assert dock.model.warning_count == 0

    window.views["month"].occurrenceSelected.emit(meetings["03-17"])
    read(qtbot, dock)
    qtmodeltester.check(dock.model)
    rows = _rows(dock.model)
    assert rows["Washington"][Column.DATE] == "Wed 17 Mar"
    assert rows["Washington"][Column.TIME] == "04:00–05:30 EDT"
    assert rows["Washington"][Column.OFFSET] == "-04:00"
    assert "Wed 17 Mar 2027 17:00–18:30" in dock.heading.text()
    assert dock.model.warning_count == 0

    window.views["month"].occurrenceSelected.emit(meetings["05-20"])
    read(qtbot, dock)
    warnings = [
        dock.model.index(row, 0).data()
        for row in range(dock.model.rowCount())
        if dock.model.is_warning(row)
    ]
    assert warnings == [
        "⚠ Thu 20 May 2027 is Buddha Jayanti, a public holiday in Nepal "
        "(Nepal: Kathmandu Metropolitan City)."
    ]
    assert _rows(dock.model)["Nepal"][Column.DATE] == "Thu 20 May"
    assert dock.occurrence == meetings["05-20"] == window.selected_occurrence


def test_the_answer_for_an_earlier_choice_never_overwrites_a_later_one(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    first = add_event(sqlite_database, "First", JANUARY_NINE_TOKYO, delegation_ids=[lima])
    second = add_event(
        sqlite_database, "Second", JANUARY_NINE_TOKYO + timedelta(hours=3), delegation_ids=[lima]
    )
    window = open_window()
    dock = tools_of(window).local_times
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(first))
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(second))
    read(qtbot, dock)
    assert dock.times is not None
    assert dock.times.event.title == "Second"
    assert _rows(dock.model)["Lima"][Column.TIME] == "22:00–23:00 -05"

    window.views["day"].occurrenceSelected.emit(None)
    assert dock.model.rowCount() == 0
    assert dock.heading.text() == dock.PLACEHOLDER


def test_a_meeting_of_a_series_moved_then_cancelled_then_back(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    dock = tools_of(window).local_times
    march = next(
        row.occurrence_key
        for row in window.events.rows()
        if row.title == SERIES and f"{row.start_utc:%m-%d}" == "03-17"
    )
    assert march.recurrence_id is not None
    window.views["month"].occurrenceSelected.emit(march)
    read(qtbot, dock)

    # Only this meeting moves, a day later: the dock reads it on its new date.
    thursday = march.recurrence_id + timedelta(days=1)
    window.move_event(
        march.event_id, thursday, thursday + timedelta(minutes=90), march.recurrence_id
    )
    settle(qtbot, window)
    read(qtbot, dock)
    assert _rows(dock.model)["Washington"][Column.DATE : Column.TIME + 1] == [
        "Thu 18 Mar",
        "04:00–05:30 EDT",
    ]

    window.editor.execute(
        cancel_meeting(
            window.editor,
            meeting_of(window, march.event_id, march.recurrence_id),
            window.display_zone,
        )
    )
    settle(qtbot, window)
    read(qtbot, dock)
    assert dock.model.rowCount() == 0
    assert dock.heading.text() == (
        f"The meeting of '{SERIES}' on Wed 17 Mar 2027 17:00 (Tokyo time) is cancelled."
    )

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    read(qtbot, dock)
    assert _rows(dock.model)["Washington"][Column.DATE] == "Thu 18 Mar"


def test_an_all_day_event_is_all_day_on_its_dates_with_their_holidays(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    # Golden Week in Tokyo; 1 May is Labour Day in Peru too.
    event = add_event(
        sqlite_database,
        "Golden Week: TDLC closed",
        datetime(2027, 4, 28, 15, 0, tzinfo=UTC),
        7 * 24,
        delegation_ids=[lima],
        all_day=True,
    )
    window = open_window()
    dock = tools_of(window).local_times
    dock.show_event(event)
    read(qtbot, dock)

    qtmodeltester.check(dock.model)
    assert "All day from Thu 29 Apr 2027 to Wed 05 May 2027" in dock.heading.text()
    rows = [dock.model.index(row, 0).data() for row in range(dock.model.rowCount())]
    assert all(dock.model.is_warning(row) for row in range(dock.model.rowCount()))  # no hours
    assert any("Sat 01 May 2027" in text and "Peru" in text for text in rows)
    assert any("Thu 29 Apr 2027 is Showa Day" in text for text in rows)


def test_a_delegation_at_home_in_new_york_is_on_new_yorks_clock_beside_the_banks(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The New York delegation and a Bank economist share a zone: the delegation's row
    names its home city, as its schedule and its itinerary do; the economist's the Bank's
    Washington."""
    new_york = add_delegation(sqlite_database, "City of New York", "US", "America/New_York")
    with sqlite_database.transaction() as session:
        delegation = session.get(Delegation, new_york)
        assert delegation is not None
        delegation.home_city = "New York"
    economist = add(
        sqlite_database,
        Participant,
        name="Bank economist",
        email="bank.economist@example.org",
        zone="America/New_York",
    )
    event = add_event(
        sqlite_database,
        "Evening call",
        datetime(2027, 3, 14, 3, 0, tzinfo=UTC),
        delegation_ids=[new_york],
        participant_ids=[economist],
        mode="virtual",
        kind="videoconference",
    )
    window = open_window()
    dock = tools_of(window).local_times
    dock.show_event(event)
    read(qtbot, dock)

    zones = {name: row[Column.ZONE] for name, row in _rows(dock.model).items()}
    assert zones["City of New York"] == "New York"
    assert zones["Bank economist"] == "Washington"


def test_a_meeting_the_filters_hide_is_no_longer_selected_nor_shown(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """A search that leaves the selected meeting out lets it go: the dock does not keep
    answering about an event the calendar no longer shows, and Edit and Delete, which
    act on the selection, cannot reach it."""
    from cpp_scheduler.model.event_filter import EventFilter

    clinic = add_event(sqlite_database, "Housing finance clinic", JANUARY_NINE_TOKYO, 1.5)
    add_event(sqlite_database, "Kobe DRR workshop", JANUARY_NINE_TOKYO + timedelta(hours=3), 1)
    window = open_window()
    dock = tools_of(window).local_times
    window.views["week"].occurrenceSelected.emit(OccurrenceKey(clinic))
    read(qtbot, dock)
    assert "Housing finance clinic" in dock.heading.text()

    window.sidebar.set_event_filter(EventFilter(text="kobe"))
    read(qtbot, dock)

    assert window.selected_occurrence is None
    assert dock.heading.text() == dock.tr(dock.PLACEHOLDER)
    assert dock.model.rowCount() == 0
    assert not window.edit_action.isEnabled()
    assert not window.delete_action.isEnabled()

    window.views["week"].occurrenceSelected.emit(OccurrenceKey(clinic))  # not hidden: kept
    window.sidebar.set_event_filter(EventFilter(text="finance"))
    read(qtbot, dock)
    assert window.selected_occurrence == OccurrenceKey(clinic)
    assert "Housing finance clinic" in dock.heading.text()


NEW_YEAR = datetime(2027, 1, 1, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo, a holiday in Manila


def test_a_session_follows_a_change_of_its_conference(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The session names no delegation: it is its conference's. Lima taken off the
    conference, and the conference cancelled (no holiday is warned of for a meeting
    called off: New Year's Day in Manila), change the session's answer, which the dock
    says as ``times`` does."""
    from cpp_scheduler.gui.commands import EditRecord
    from cpp_scheduler.model import Event, EventKind, EventStatus
    from cpp_scheduler.services import editing
    from cpp_scheduler.services.localtimes import read_local_times

    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    manila = add_delegation(sqlite_database, "Manila", "PH", "Asia/Manila")
    forum = add_event(
        sqlite_database,
        "Forum",
        NEW_YEAR,
        8,
        kind=EventKind.CONFERENCE,
        delegation_ids=[lima, manila],
    )
    session = add_event(sqlite_database, "Panel", NEW_YEAR, parent_id=forum)
    window = open_window()
    dock = tools_of(window).local_times
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(session))
    read(qtbot, dock)
    assert {"Lima", "Manila"} <= set(_rows(dock.model))
    assert dock.times is not None
    assert dock.times.warnings

    def edit_forum(values: dict[str, object]) -> None:
        version = editing.stored(sqlite_database, Event, forum).version
        window.editor.execute(
            EditRecord(window.editor, Event, forum, values, "Edit the forum", version)
        )
        settle(qtbot, window)
        read(qtbot, dock)

    edit_forum({"delegation_ids": [manila]})
    assert "Lima" not in _rows(dock.model)
    assert "Manila" in _rows(dock.model)
    edit_forum({"status": EventStatus.CANCELLED})
    assert dock.times == read_local_times(sqlite_database, session, None)
    assert dock.times is not None
    assert dock.times.warnings == ()
