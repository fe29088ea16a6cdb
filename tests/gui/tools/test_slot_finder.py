"""The slot finder: the grid of everyone's hours, and a suggestion turned into an event."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from conftest import add, add_delegation, add_event, settle, tools_of
from gui_support import rows_read
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler import i18n, timezones
from cpp_scheduler.cli import main
from cpp_scheduler.cli.engine_formats import utc_z
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
from cpp_scheduler.gui.tools.slotfinder_grid import HOUR_ROLE, KIND_ROLE, STATE_ROLE
from cpp_scheduler.gui.tools.slotfinder_suggestions import SPAN_ROLE
from cpp_scheduler.model import Delegation, Event, Participant, Venue
from cpp_scheduler.services.slot_search import SlotAnswer, suggestions_found

MONDAY = date(2027, 1, 18)


def _finder(qtbot: QtBot, window, ids: list[str], last: date = MONDAY) -> SlotFinderDialog:
    finder = tools_of(window).open_slot_finder()
    assert isinstance(finder, SlotFinderDialog)
    finder.show_period(MONDAY, last)
    finder.choose(ids)
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    return finder


def _column(finder: SlotFinderDialog, instant: datetime) -> int:
    return finder.grid_model.column_of(instant)


def test_grid_shows_each_delegation_in_its_own_hours(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    manila = add_delegation(sqlite_database, "Manila", "PH", "Asia/Manila")
    # Manila is busy Monday 10:00-11:00 Manila time (02:00 UTC).
    add_event(
        sqlite_database,
        "Manila council session",
        datetime(2027, 1, 18, 2, tzinfo=UTC),
        delegation_ids=[manila],
    )
    window = open_window()
    finder = _finder(qtbot, window, [lima, manila])
    model = finder.grid_model
    qtmodeltester.check(model)

    assert model.rowCount() == 3  # the host, then each delegation
    assert model.columnCount() == 24  # one Tokyo day, hour by hour
    host, lima_row, manila_row = 0, 1, 2
    assert model.headerData(host, Qt.Orientation.Vertical) == "TDLC Tokyo\nhost · Tokyo"
    assert model.headerData(host, Qt.Orientation.Vertical, KIND_ROLE) == "host"
    assert model.headerData(lima_row, Qt.Orientation.Vertical).startswith("Lima")
    # 14:00 UTC is 09:00 in Lima (working), 22:00 in Manila and 23:00 in Tokyo (night).
    column = _column(finder, datetime(2027, 1, 18, 14, tzinfo=UTC))
    assert model.index(lima_row, column).data(HOUR_ROLE) == 9
    assert model.index(lima_row, column).data(STATE_ROLE) == "working"
    assert model.index(manila_row, column).data(HOUR_ROLE) == 22
    assert model.index(manila_row, column).data(STATE_ROLE) == "night"
    assert model.index(host, column).data(HOUR_ROLE) == 23
    assert model.index(host, column).data(STATE_ROLE) == "night"
    # 13:00 UTC is 08:00 in Lima and 21:00 in Manila: both acceptable.
    evening = _column(finder, datetime(2027, 1, 18, 13, tzinfo=UTC))
    assert model.index(lima_row, evening).data(STATE_ROLE) == "extended"
    assert model.index(manila_row, evening).data(STATE_ROLE) == "extended"
    busy = _column(finder, datetime(2027, 1, 18, 2, tzinfo=UTC))
    assert model.index(manila_row, busy).data(STATE_ROLE) == "busy"
    assert model.index(host, busy).data(STATE_ROLE) == "working"  # 11:00 at TDLC
    # Sunday in Lima is a day off: 00:00-04:00 Monday Tokyo is Sunday 10:00-14:00 there.
    sunday = _column(finder, datetime(2027, 1, 17, 15, tzinfo=UTC))
    assert model.index(lima_row, sunday).data(STATE_ROLE) == "day_off"
    assert finder.ui.gridTitle.text().endswith("columns are hours in Tokyo, 18 Jan 2027.")
    finder.close()


def test_a_suggestion_becomes_an_event_and_undo_removes_it(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    manila = add_delegation(sqlite_database, "Manila", "PH", "Asia/Manila")
    window = open_window()
    finder = _finder(qtbot, window, [lima, manila], MONDAY + timedelta(days=2))
    suggestions = finder.suggestion_model
    assert suggestions.rowCount() > 0
    best = suggestions.index(0, 0)
    start, end = best.data(SPAN_ROLE)
    assert suggestions.rowCount(best) == 3  # one reason for the host, one per delegation
    assert suggestions.index(0, 0, best).data().startswith("TDLC Tokyo: ")
    assert "Lima" in suggestions.index(1, 0, best).data()
    assert finder.ui.reasons.text().startswith("<b>Why:</b>")

    finder.ui.title.setText("Housing finance peer exchange")
    finder.ui.videoLink.setText("https://meet.example.org/housing")
    qtbot.mouseClick(finder.ui.createButton, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    assert len(finder.created) == 1
    with sqlite_database.session() as session:
        event = session.get(Event, finder.created[0])
        assert event is not None
        assert event.title == "Housing finance peer exchange"
        assert (event.start_utc, event.end_utc) == (start, end)
        assert {d.id for d in event.delegations} == {lima, manila}
        assert event.host_city_id is None  # hosted by TDLC, as searched
    assert window.selected_event == finder.created[0]
    assert window.events.row_of(finder.created[0]) >= 0

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        assert session.get(Event, finder.created[0]) is None
    finder.close()


def test_clicking_a_column_creates_the_event_there(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    window = open_window()
    finder = _finder(qtbot, window, [lima])
    finder.ui.videoLink.setText("https://meet.example.org/lima")
    column = _column(finder, datetime(2027, 1, 18, 14, tzinfo=UTC))
    index = finder.grid_model.index(0, column)
    grid = finder.ui.grid
    grid.scrollTo(index)
    rect = grid.visualRect(index)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert finder.chosen_span() == (
        datetime(2027, 1, 18, 14, tzinfo=UTC),
        datetime(2027, 1, 18, 15, tzinfo=UTC),
    )
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, window)
    with sqlite_database.session() as session:
        starts = session.scalars(select(Event.start_utc)).all()
    assert datetime(2027, 1, 18, 14, tzinfo=UTC) in starts
    finder.close()


def test_a_monthly_series_with_its_fairness(
    qtbot: QtBot, sqlite_database, open_window, capsys: pytest.CaptureFixture[str]
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    kathmandu = add_delegation(sqlite_database, "Kathmandu", "NP", "Asia/Kathmandu")
    # Lima is taken all of Thursday 18 February (Tokyo).
    add_event(
        sqlite_database,
        "Lima budget day",
        datetime(2027, 2, 17, 15, tzinfo=UTC),
        24,
        delegation_ids=[lima],
    )
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    finder.show_period(MONDAY, MONDAY + timedelta(days=4))
    finder.ui.repeat.setCurrentText("Every month")
    finder.ui.occurrences.setValue(3)
    finder.choose([lima, kathmandu])
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    assert finder.search_result.answer.plan is not None
    assert finder.suggestion_model.rowCount() == 3
    plan = finder.search_result.answer.plan
    # The engine's verdict, in its words, as ``slots --repeat`` prints it.
    assert f"the burden is {plan.sharing.label} (spread {plan.fairness} points" in (
        finder.ui.fairness.text()
    )
    assert "TDLC Tokyo" in finder.ui.fairness.text()  # the host shares the burden too
    url = sqlite_database.url.render_as_string(hide_password=False)
    asked = ["--with", "Lima", "Kathmandu", "--duration", f"{finder.ui.duration.value()}m"]
    period = ["--from", str(MONDAY), "--to", str(MONDAY + timedelta(days=4))]
    capsys.readouterr()
    assert main(["--db", url, "slots", *asked, *period, "--repeat", "FREQ=MONTHLY;COUNT=3"]) == 0
    printed = capsys.readouterr().out.splitlines()
    said = next(line for line in printed if line.startswith("Fairness: "))
    shown = finder.ui.fairness.text().replace("<b>", "").replace("</b>", "")
    assert shown == said  # the same sentence, the most burdened named first
    assert finder.ui.createButton.text() == "Create the series"
    # The list is the series' meetings, not times to choose one from.
    assert "The series" in finder.ui.bestLabel.text()
    assert "fewest points first" not in finder.ui.bestLabel.text()
    assert finder.ui.status.text() == (
        "A series of 3 meetings; double-click one, or press the button, to create the series."
    )

    finder.ui.videoLink.setText("https://meet.example.org/series")
    planned = [(slot.start, slot.end) for slot in finder.search_result.answer.plan.slots]
    ids = finder.create_chosen()
    settle(qtbot, window)
    assert len(ids) == 1  # one series, one time per occurrence
    with sqlite_database.session() as session:
        series = session.get(Event, ids[0])
        assert series.recurrence_rule == "FREQ=MONTHLY;COUNT=3"
        meetings = [(o.start, o.end) for o in series.occurrences()]
        moved = [o for o in series.occurrences() if o.moved]
    assert meetings == planned
    assert len(moved) == 1  # February's meeting had to leave the busy 18th
    assert timezones.to_local(moved[0].start, timezones.TOKYO).day != 18
    months = [timezones.to_local(start, timezones.TOKYO).month for start, _end in meetings]
    assert months == [1, 2, 3]
    assert window.editor.stack.count() == 1  # one undo step for the series
    assert tools_of(window).local_times.event_id == ids[0]
    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        assert session.get(Event, ids[0]) is None
    finder.close()


def test_a_series_says_how_many_attendees_meet_at_another_local_time_in_their_plural(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """A monthly series with London from February meets at another hour in March, and
    in April after London's clocks go forward (Tokyo's never do): each meeting's whole
    line says how many attendees' hour moved, in the plural that number takes (once
    "1 attendees' local time differs")."""
    london = add_delegation(sqlite_database, "London", "GB", "Europe/London")
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    first = date(2027, 2, 15)
    finder.show_period(first, first + timedelta(days=4))
    finder.ui.duration.setValue(90)
    finder.ui.repeat.setCurrentText("Every month")
    finder.ui.occurrences.setValue(3)
    finder.choose([london])
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    plan = finder.search_result.answer.plan
    model = finder.suggestion_model
    tips = [model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) for row in range(3)]
    finder.close()

    assert plan.moved == (0, 2, 1)
    assert "\n" not in tips[0]
    assert tips[1].endswith("\n2 attendees' local times differ from the previous meeting")
    assert tips[2].endswith("\n1 attendee's local time differs from the previous meeting")


def test_a_delegation_added_later_can_be_chosen(qtbot: QtBot, sqlite_database, open_window) -> None:
    from cpp_scheduler.gui.commands import CreateRecord
    from cpp_scheduler.model import Delegation

    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    window = open_window()
    finder = _finder(qtbot, window, [lima])
    command = CreateRecord(
        window.editor,
        Delegation,
        {"name": "Nairobi", "country": "KE", "zone": "Africa/Nairobi"},
        "Nairobi",
    )
    window.editor.execute(command)
    settle(qtbot, window)
    listing = finder.ui.attendeeList
    names = [listing.item(n).text() for n in range(listing.count())]
    assert "Nairobi · Nairobi" in names
    assert finder.chosen_ids() == [lima]  # what was ticked stays ticked
    finder.close()


# -- the host, and the period the window shows -------------------------------------------


def test_the_host_is_a_row_and_the_best_time_is_the_commands(
    qtbot: QtBot, sqlite_database, open_window, capsys: pytest.CaptureFixture[str]
) -> None:
    nairobi = add_delegation(sqlite_database, "Nairobi", "KE", "Africa/Nairobi")
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    window = open_window()
    finder = _finder(qtbot, window, [nairobi, lima], MONDAY + timedelta(days=4))
    host_line = finder.host_line()
    assert host_line.text() == "TDLC Tokyo · host"
    assert host_line.checkState() == Qt.CheckState.Checked
    assert finder.grid_model.headerData(0, Qt.Orientation.Vertical, KIND_ROLE) == "host"

    url = sqlite_database.url.render_as_string(hide_password=False)
    argv = ["slots", "--with", "Nairobi", "Lima", "--duration", "60m", "--from", "2027-01-18"]
    assert main([*argv, "--to", "2027-01-22", "--json", "--db", url]) == 0
    first = json.loads(capsys.readouterr().out)["slots"][0]
    best = finder.suggestion_model.suggestions()[0]
    assert (utc_z(best[0]), utc_z(best[1]), best[2]) == (
        first["start"],
        first["end"],
        first["inconvenience"],
    )
    assert timezones.to_local(best[0], timezones.TOKYO).hour != 23

    # Unticked like a delegation, the host's row and hours leave the search.
    host_line.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: not finder.search_pending, timeout=5_000)
    qtbot.waitUntil(lambda: not finder.searching, timeout=20_000)
    assert finder.grid_model.rowCount() == 2
    unhosted = finder.suggestion_model.suggestions()[0]
    assert timezones.to_local(unhosted[0], timezones.TOKYO).hour == 23  # 17:00 and 09:00
    assert unhosted[2] == 0
    finder.close()


def test_a_partner_city_office_hosts_and_the_event_says_so(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    from cpp_scheduler.model import PartnerCity

    manila = add_delegation(sqlite_database, "Manila", "PH", "Asia/Manila")
    with sqlite_database.session() as session:
        kobe = session.scalars(select(PartnerCity.id).where(PartnerCity.name == "Kobe")).one()
    window = open_window()
    finder = _finder(qtbot, window, [manila])
    finder.set_host(kobe)
    qtbot.waitUntil(lambda: not finder.search_pending, timeout=5_000)
    qtbot.waitUntil(lambda: not finder.searching, timeout=20_000)
    assert finder.host_line().text() == "Kobe city office · host"
    assert finder.grid_model.headerData(0, Qt.Orientation.Vertical).startswith("Kobe city office")
    finder.ui.videoLink.setText("https://meet.example.org/kobe")
    [created] = finder.create_chosen()
    settle(qtbot, window)
    with sqlite_database.session() as session:
        assert session.get(Event, created).host_city_id == kobe
    finder.close()


def test_it_opens_on_the_period_the_window_shows(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    window = open_window()
    window.show_view("month")
    window.go_to(date(2027, 3, 10))
    finder = tools_of(window).open_slot_finder()
    assert finder.period() == window.current_view.days_covered()
    assert finder.period() == (date(2027, 3, 1), date(2027, 3, 31))  # the month, not next week
    finder.close()
    window.show_view("week")
    window.go_to(date(2027, 5, 12))
    again = tools_of(window).open_slot_finder()
    assert again is finder
    assert (
        again.period()
        == window.current_view.period()
        == (
            date(2027, 5, 10),
            date(2027, 5, 16),
        )
    )
    again.close()


def test_for_a_caller_the_chosen_hour_goes_back_and_nothing_is_created(
    qtbot: QtBot, sqlite_database
) -> None:
    from cpp_scheduler.gui.taskman import TaskManager
    from cpp_scheduler.model import PartnerCity

    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    with sqlite_database.session() as session:
        kobe = session.scalars(select(PartnerCity.id).where(PartnerCity.name == "Kobe")).one()
        events_before = len(session.scalars(select(Event.id)).all())
    chosen: list[tuple[datetime, datetime]] = []
    tasks = TaskManager()
    finder = SlotFinderDialog(
        sqlite_database,
        None,
        tasks,
        period=(MONDAY, MONDAY),
        on_chosen=lambda start, end: chosen.append((start, end)),
    )
    qtbot.addWidget(finder)
    finder.set_duration(timedelta(minutes=90))
    finder.set_host(kobe)  # asked for before the cities are read
    finder.choose([lima])
    finder.show()
    qtbot.waitExposed(finder)
    qtbot.waitUntil(lambda: finder.choices is not None, timeout=10_000)
    assert finder.ui.host.currentData() == kobe
    assert not finder.ui.repeat.isVisible()  # one meeting, the caller's
    assert finder.ui.createButton.text() == "Use this time"
    finder.search()
    qtbot.waitUntil(lambda: finder.search_result is not None, timeout=20_000)
    column = _column(finder, datetime(2027, 1, 18, 14, tzinfo=UTC))
    assert column >= 0
    index = finder.grid_model.index(0, column)
    finder.ui.grid.scrollTo(index)
    rect = finder.ui.grid.visualRect(index)
    qtbot.mouseClick(finder.ui.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "use it for the event" in finder.ui.status.text()
    qtbot.mouseDClick(finder.ui.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen == [
        (datetime(2027, 1, 18, 14, tzinfo=UTC), datetime(2027, 1, 18, 15, 30, tzinfo=UTC))
    ]
    assert not finder.isVisible()
    assert tasks.wait_for_done()
    with sqlite_database.session() as session:
        assert len(session.scalars(select(Event.id)).all()) == events_before


def _series_from_the_window(
    qtbot: QtBot, window, ids: list[str], first: date, last: date, repeat: str, count: int
) -> tuple[SlotFinderDialog, SlotAnswer, list[str]]:
    """The series planned and created as a coordinator does; the answer it was made from
    (the dialog searches again once it is created)."""
    finder = tools_of(window).open_slot_finder()
    assert isinstance(finder, SlotFinderDialog)
    finder.show_period(first, last)
    finder.ui.repeat.setCurrentText(repeat)
    finder.ui.occurrences.setValue(count)
    finder.choose(ids)
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    finder.ui.videoLink.setText("https://meet.example.org/series")
    answer = finder.search_result.answer
    created = finder.create_chosen()
    settle(qtbot, window)
    return finder, answer, created


def test_a_weekly_series_over_two_weeks_never_meets_twice_at_once(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    from cpp_scheduler.scheduling.conflicts import Severity
    from cpp_scheduler.services.checking import check_program

    nairobi = add_delegation(sqlite_database, "Nairobi", "KE", "Africa/Nairobi")
    # Nairobi is taken Mon 18 to Mon 25 January (Tokyo).
    retreat = datetime(2027, 1, 17, 15, tzinfo=UTC)
    add_event(sqlite_database, "Nairobi retreat", retreat, 24 * 8, delegation_ids=[nairobi])
    window = open_window()
    finder, answer, ids = _series_from_the_window(
        qtbot, window, [nairobi], MONDAY, MONDAY + timedelta(days=13), "Every week", 3
    )
    planned = [s.start for s in answer.plan.slots if s is not None]
    assert len(planned) == len(set(planned))  # the list shows no time twice
    with sqlite_database.session() as session:
        series = session.get(Event, ids[0])
        meetings = [o.start for o in series.occurrences()]
    assert meetings == planned
    assert len(meetings) == len(set(meetings))
    assert [c for c in check_program(sqlite_database) if c.severity is Severity.ERROR] == []
    finder.close()


def test_a_monthly_series_keeps_each_meeting_in_its_own_month(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    nairobi = add_delegation(sqlite_database, "Nairobi", "KE", "Africa/Nairobi")
    # Nairobi is taken Mon 25 to Thu 28 January: January's meeting is on Friday the 29th,
    # and February 2027 has no 29th.
    retreat = datetime(2027, 1, 24, 15, tzinfo=UTC)
    add_event(sqlite_database, "Nairobi retreat", retreat, 24 * 4, delegation_ids=[nairobi])
    window = open_window()
    first = date(2027, 1, 25)
    finder, answer, ids = _series_from_the_window(
        qtbot, window, [nairobi], first, first + timedelta(days=4), "Every month", 3
    )
    windows = answer.windows
    with sqlite_database.session() as session:
        series = session.get(Event, ids[0])
        kept = [(o.recurrence_id, o.start) for o in series.occurrences()]
    assert len(kept) == 3
    for (named, start), (begin, end) in zip(kept, windows, strict=True):
        # Each meeting is named by its own window's date (its RECURRENCE-ID in a calendar
        # file), not by a later month's.
        assert begin <= timezones.to_local(named, timezones.TOKYO).date() <= end
        assert begin <= timezones.to_local(start, timezones.TOKYO).date() <= end
    finder.close()


# -- an hour chosen by hand, and what was just done ---------------------------------------


def _click(
    qtbot: QtBot, finder: SlotFinderDialog, row: int, column: int, *, double: bool = False
) -> None:
    index = finder.grid_model.index(row, column)
    grid = finder.ui.grid
    grid.scrollTo(index)
    rect = grid.visualRect(index)
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    click(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_an_hour_shown_booked_says_who_and_is_taken_only_on_purpose(
    qtbot: QtBot, sqlite_database, open_window, capsys: pytest.CaptureFixture[str]
) -> None:
    from cpp_scheduler.scheduling.conflicts import Severity
    from cpp_scheduler.services.checking import check_program

    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    council = datetime(2027, 1, 18, 14, tzinfo=UTC)  # 09:00 in Lima, 23:00 in Tokyo
    add_event(sqlite_database, "Lima council session", council, delegation_ids=[lima])
    window = open_window()
    finder = _finder(qtbot, window, [lima])
    finder.ui.videoLink.setText("https://meet.example.org/lima")
    column = _column(finder, council)
    assert finder.grid_model.index(1, column).data(STATE_ROLE) == "busy"
    booked = "Lima: Mon 18 Jan 09:00-10:00 -05, already booked"
    assert finder.grid_model.index(1, column).data(Qt.ItemDataRole.ToolTipRole) == booked

    _click(qtbot, finder, 0, column)  # the host's cell: the hour is booked all the same
    status = finder.ui.status.text()
    assert status.startswith("Chosen: Mon 18 Jan 23:00 Tokyo, a clash: " + booked)
    assert status.endswith("Press the button to create the event all the same.")
    # The command asked about the same hour says the same of it.
    url = sqlite_database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    period = ["--from", str(MONDAY), "--to", str(MONDAY)]
    asked = ["--with", "Lima", "--duration", "1h", "--at", "2027-01-18T23:00", *period]
    assert main(["--db", url, "slots", *asked]) == 0
    assert capsys.readouterr().out.splitlines() == [booked]
    assert finder.ui.createButton.text() == "Create despite the clash"
    assert finder.ui.createButton.toolTip() == booked

    # A double-click is too quick to override a clash: nothing is made.
    _click(qtbot, finder, 0, column, double=True)
    settle(qtbot, window)
    assert finder.created == []
    # The button, named for the clash, makes it on purpose.
    qtbot.mouseClick(finder.ui.createButton, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert len(finder.created) == 1
    errors = [c for c in check_program(sqlite_database) if c.severity is Severity.ERROR]
    assert errors  # the clash it was told of
    qtbot.waitUntil(lambda: not finder.search_pending and not finder.searching, timeout=20_000)

    # A free hour is chosen without a word of clash, and the button is itself again.
    free = _column(finder, council - timedelta(hours=2))
    assert free >= 0
    _click(qtbot, finder, 1, free)
    assert "clash" not in finder.ui.status.text()
    assert finder.ui.createButton.text() == "Create the event"
    finder.close()


def test_what_was_created_stays_said_after_the_search_that_follows(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    window = open_window()
    finder = _finder(qtbot, window, [lima], MONDAY + timedelta(days=2))
    finder.ui.title.setText("Housing finance clinic")
    finder.ui.videoLink.setText("https://meet.example.org/clinic")
    qtbot.mouseClick(finder.ui.createButton, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert len(finder.created) == 1
    # The search the new meeting asks for runs, and its answer comes after the notice.
    qtbot.waitUntil(lambda: not finder.search_pending and not finder.searching, timeout=20_000)
    status = finder.ui.status.text()
    assert status.startswith("Created 'Housing finance clinic' on ")
    assert "Undo with Ctrl+Z. " in status
    assert status.endswith("to create the event.")  # "… suggestions; double-click one …"

    # Asked something else, the coordinator reads the new answer alone.
    finder.ui.duration.setValue(90)
    qtbot.waitUntil(lambda: not finder.search_pending and not finder.searching, timeout=20_000)
    assert not finder.ui.status.text().startswith("Created")
    finder.close()


def test_the_dates_take_only_the_programs_days_and_a_day_beyond_is_said_in_one_line(
    qtbot: QtBot,
    sqlite_database,
    open_window,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    """The From and To fields stop at 1900-01-01 and 2199-12-31; a search for days
    beyond them (were a field to hold one) is refused in the command line's one line,
    never an error for the error handler, and the status line is not left weighing."""

    from PySide6.QtCore import QDate

    from cpp_scheduler.gui.qtvalues import python_date

    handled = faults
    lima = add_delegation(sqlite_database, "Lima housing", "PE", "America/Lima")
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    for field in (finder.ui.firstDay, finder.ui.lastDay):
        assert (python_date(field.minimumDate()), python_date(field.maximumDate())) == (
            date(1900, 1, 1),
            date(2199, 12, 31),
        )
    finder.show_period(date(9999, 12, 30), date(9999, 12, 31))
    assert finder.period() == (date(2199, 12, 31), date(2199, 12, 31))
    finder.show_period(date(1752, 9, 14), date(1752, 9, 20))
    assert finder.period() == (date(1900, 1, 1), date(1900, 1, 1))

    finder.ui.lastDay.setMaximumDate(QDate(9999, 12, 31))  # a field that would hold it
    finder.show_period(date(2027, 3, 1), date(9999, 12, 31))
    finder.choose([lima])
    finder.search()
    qtbot.waitUntil(lambda: not finder.searching, timeout=20_000)
    assert finder.ui.status.text() == (
        "Last day 9999-12-31 is outside the days the program plans for (1900-01-01 to 2199-12-31)"
    )
    assert finder.search_result is None
    assert handled == []
    finder.close()


def test_a_delegations_row_names_its_home_city_as_its_schedule_does(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """Quezon City's delegation is on Manila's zone: its row says Quezon City, as its
    schedule, its itinerary and the Local times dock do; a row without a home city
    keeps the zone's city. So does the list of people: a member on the delegation's
    clock is on Quezon City's, one who joins from elsewhere on their zone's city's."""
    quezon = add_delegation(sqlite_database, "Quezon City Government", "PH", "Asia/Manila")
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    with sqlite_database.transaction() as session:
        delegation = session.get(Delegation, quezon)
        assert delegation is not None
        delegation.home_city = "Quezon City"
        session.add_all(
            [
                Participant(name="Maria Santos", email="maria@example.org", delegation=delegation),
                Participant(
                    name="Jose Reyes",
                    email="jose@example.org",
                    delegation=delegation,
                    zone="Asia/Singapore",
                ),
            ]
        )
    window = open_window()
    finder = _finder(qtbot, window, [quezon, lima])
    listed = [
        finder.ui.attendeeList.item(row).text() for row in range(finder.ui.attendeeList.count())
    ]
    assert "Maria Santos · Quezon City" in listed
    assert "Jose Reyes · Singapore" in listed

    labels = [
        finder.grid_model.headerData(row, Qt.Orientation.Vertical)
        for row in range(finder.grid_model.rowCount())
    ]
    assert "Quezon City Government\nQuezon City" in labels
    assert "Lima\nLima" in labels


def test_the_finder_says_why_it_cannot_search_in_the_engines_words(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """Nobody chosen, or a range that ends before it starts: the finder says so as
    ``cpp-scheduler slots`` does, before it asks."""
    from cpp_scheduler.scheduling.slots import attendees_problem, range_problem

    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    finder.search()
    assert finder.ui.gridTitle.text() == (
        "Name at least one delegation or participant who must attend."
    )
    assert finder.ui.gridTitle.text() == attendees_problem(0)
    finder.choose([lima])
    finder.show_period(date(2027, 3, 10), date(2027, 3, 1))
    finder.search()
    assert finder.ui.status.text() == "The range ends (01 Mar 2027) before it starts (10 Mar 2027)."
    assert finder.ui.status.text() == range_problem(date(2027, 3, 10), date(2027, 3, 1))
    finder.close()


def test_no_free_time_names_every_reason_as_the_command_does(
    qtbot: QtBot, sqlite_database, open_window, capsys: pytest.CaptureFixture[str]
) -> None:
    """A venue open an hour a day leaves no room for a two-hour meeting: the finder
    says why in the search's words, the venue's hours among them, as ``slots`` does."""
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    room = add(
        sqlite_database,
        Venue,
        name="Small meeting room",
        locality="Tokyo",
        opens_at=time(9, 0),
        closes_at=time(10, 0),
    )
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    finder.show_period(MONDAY, MONDAY + timedelta(days=4))
    finder.ui.duration.setValue(120)
    finder.set_venue(room)
    finder.choose([lima])
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    assert finder.search_result.answer.slots == ()
    said = finder.ui.status.text()
    assert "the venue is closed" in said
    url = sqlite_database.url.render_as_string(hide_password=False)
    arguments = ["--with", "Lima", "--duration", "2h", "--venue", "Small meeting room"]
    period = ["--from", str(MONDAY), "--to", str(MONDAY + timedelta(days=4))]
    capsys.readouterr()
    assert main(["--db", url, "slots", *arguments, *period]) == 0
    assert capsys.readouterr().out.strip() == said


def test_the_attendee_filter_finds_as_the_managers_search_finds(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """Words in any order, accents, capitals and full-width letters, as the Delegations
    manager and ``records delegations --search`` take them."""
    lima = add_delegation(sqlite_database, "Peru: Ministry of Housing", "PE", "America/Lima")
    add_delegation(
        sqlite_database, "Brazil: São Paulo Housing Secretariat", "BR", "America/Sao_Paulo"
    )
    window = open_window()
    finder = _finder(qtbot, window, [lima])
    listing = finder.ui.attendeeList

    def shown(typed: str) -> list[str]:
        finder.ui.filter.setText(typed)
        return [
            listing.item(n).text()
            for n in range(1, listing.count())  # the host always shows
            if not listing.item(n).isHidden()
        ]

    assert shown("lima housing") == ["Peru: Ministry of Housing · Lima"]
    assert shown("secretariat sao") == ["Brazil: São Paulo Housing Secretariat · Sao Paulo"]
    assert shown("ＨＯＵＳＩＮＧ") == [
        "Brazil: São Paulo Housing Secretariat · Sao Paulo",
        "Peru: Ministry of Housing · Lima",
    ]
    assert shown("housing nairobi") == []
    assert len(shown("")) == listing.count() - 1
    finder.close()


def test_on_another_clock_it_opens_on_the_tokyo_days_that_hold_the_days_shown(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The window on Lima's clock shows Lima's Sunday 14 February 2027: 14:00 on Tokyo's
    14th to 14:00 on its 15th. The finder reads its days in Tokyo; it opens on the 14th
    and the 15th, so Lima's Sunday afternoon is searched too (it once searched Tokyo's
    14th alone: Lima's Saturday evening and Sunday morning)."""
    window = open_window()
    window.set_display_zone("America/Lima")
    window.show_view("day")
    window.go_to(date(2027, 2, 14))
    assert window.current_view.days_covered() == (date(2027, 2, 14), date(2027, 2, 14))
    finder = tools_of(window).open_slot_finder()
    first, last = finder.period()
    assert (first, last) == (date(2027, 2, 14), date(2027, 2, 15))
    searched = timezones.local_days(first, last, timezones.TOKYO)
    shown = timezones.local_days(date(2027, 2, 14), date(2027, 2, 14), "America/Lima")
    assert searched[0] <= shown[0]
    assert shown[1] <= searched[1]
    finder.close()

    window.set_display_zone(timezones.TOKYO)  # on Tokyo's clock, the days shown
    again = tools_of(window).open_slot_finder()
    assert again.period() == (date(2027, 2, 14), date(2027, 2, 14))
    again.close()


def test_a_long_title_reads_from_its_start_once_typed(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima housing", "PE", "America/Lima")
    window = open_window()
    finder = _finder(qtbot, window, [lima])
    title = finder.ui.title
    title.setFocus()
    qtbot.keyClicks(title, "Peer exchange: affordable housing finance and the next steps")
    assert title.cursorPosition() == len(title.text())  # typing: the end in view
    qtbot.keyClick(title, Qt.Key.Key_Return)  # done with it
    assert title.cursorPosition() == 0  # its start in view
    finder.close()


def test_a_series_window_with_nothing_free_reads_as_the_command_lists_it(
    qtbot: QtBot, sqlite_database, open_window, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lima is away the whole of February's window: the finder's list holds, in that
    meeting's place, the line ``slots --repeat`` lists it with (its window's days), and
    both sum the series up alike, never as a series of fewer meetings."""
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    kathmandu = add_delegation(sqlite_database, "Kathmandu", "NP", "Asia/Kathmandu")
    add_event(
        sqlite_database,
        "Lima budget week",
        datetime(2027, 2, 17, 15, tzinfo=UTC),  # 18 to 22 February, Tokyo's days
        24 * 5,
        delegation_ids=[lima],
    )
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    finder.show_period(MONDAY, MONDAY + timedelta(days=4))
    finder.ui.repeat.setCurrentText("Every month")
    finder.ui.occurrences.setValue(3)
    finder.choose([lima, kathmandu])
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    url = sqlite_database.url.render_as_string(hide_password=False)
    asked = ["--with", "Lima", "Kathmandu", "--duration", f"{finder.ui.duration.value()}m"]
    period = ["--from", str(MONDAY), "--to", str(MONDAY + timedelta(days=4))]
    capsys.readouterr()
    assert main(["--db", url, "slots", *asked, *period, "--repeat", "FREQ=MONTHLY;COUNT=3"]) == 0
    printed = capsys.readouterr().out.splitlines()

    missing = [line for line in printed if line.endswith(": no free slot")]
    assert missing == ["2. 18 Feb-22 Feb 2027: no free slot"]
    assert finder.suggestion_model.index(1, 0).data() == missing[0]
    assert "A series of 3 meetings, 1 with no free slot:" in printed
    assert finder.ui.status.text() == (
        "A series of 3 meetings, 1 with no free slot; double-click one, or press the "
        "button, to create the series."
    )


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
def test_the_suggestions_are_counted_in_the_languages_own_plural(
    qtbot: QtBot, sqlite_database, open_window, language: str
) -> None:
    """The line under the suggestions counts them as the core counts
    (:func:`~cpp_scheduler.services.slot_search.suggestions_found`, one ``ngettext``),
    not by a branch of the window's on one."""
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    translations.install(language)
    try:
        window = open_window()
        finder = _finder(qtbot, window, [lima])
        count = finder.suggestion_model.rowCount()
        assert count > 1
        status = finder.ui.status.text()
        assert status == suggestions_found(count, finder._what_choosing_does)
        assert (
            status
            == {
                i18n.ENGLISH: f"{count} suggestions; double-click one, or an hour in the grid, to "
                "create the event.",
                i18n.JAPANESE: f"候補{count}件。候補またはグリッドの時間をダブルクリックすると"
                f"{translations.translate('SlotFinder', 'create the event')}。",
            }[language]
        )
        finder.close()
        settle(qtbot, window)
    finally:
        translations.install(i18n.ENGLISH)
