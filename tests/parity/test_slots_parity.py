"""The slot finder shows what ``cpp-scheduler slots --json`` says.

The same question (attendees, host, duration, days, venue, how many suggestions), asked
of the window's dialog and of the command on the same database, must get the same
suggestions in the same order with the same points: on the demo program and on a
generated one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from benchmarks.generate import FIRST_DAY, generate_program, store_program
from cpp_scheduler.cli import main
from cpp_scheduler.gui.commands import CreateRecord
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    Participant,
    PartnerCity,
    Venue,
)
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle, tools_of

Suggestion = tuple[datetime, datetime, int]
KENYA = "Kenya: Nairobi City County"
PERU = "Peru: Ministry of Housing, Construction and Sanitation"
NEPAL = "Nepal: Kathmandu Metropolitan City"
MONDAY = date(2027, 1, 18)


def ids_of(database: Database, names: Sequence[str]) -> list[str]:
    """Delegations by name, participants by email: what the command's --with takes."""
    found = []
    with database.session() as session:
        for name in names:
            record = session.scalars(select(Delegation.id).where(Delegation.name == name)).first()
            record = (
                record
                or session.scalars(select(Participant.id).where(Participant.email == name)).first()
            )
            assert record is not None, name
            found.append(record)
    return found


def record_id(database: Database, entity: type, name: str) -> str:
    with database.session() as session:
        found = session.scalars(select(entity.id).where(entity.name == name)).one()  # type: ignore[attr-defined]
        return str(found)


def ask_the_dialog(
    qtbot: QtBot,
    window: MainWindow,
    attendee_ids: Sequence[str],
    days: tuple[date, date],
    minutes: int,
    host_city: str | None,
    with_host: bool,
    venue_id: str | None,
) -> tuple[SlotFinderDialog, list[Suggestion]]:
    finder = tools_of(window).open_slot_finder()
    assert isinstance(finder, SlotFinderDialog)
    finder.show_period(*days)
    finder.ui.duration.setValue(minutes)
    # The venues are listed once the dialog's lists are read, as a coordinator sees them.
    qtbot.waitUntil(lambda: finder.choices is not None, timeout=20_000)
    finder.ui.venue.setCurrentIndex(max(finder.ui.venue.findData(venue_id), 0))
    assert finder.ui.venue.currentData() == venue_id
    finder.set_host(host_city, included=with_host)
    finder.choose(attendee_ids)
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    settle(qtbot, window)
    return finder, finder.suggestion_model.suggestions()


def ask_the_command(
    capsys: pytest.CaptureFixture[str], database: Database, argv: Sequence[str]
) -> dict[str, object]:
    url = database.url.render_as_string(hide_password=False)
    assert main(["slots", *argv, "--json", "--db", url]) == 0
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


def suggestions_of(document: dict[str, object]) -> list[Suggestion]:
    slots = document["slots"]
    assert isinstance(slots, list)
    return [
        (
            datetime.fromisoformat(slot["start"]),
            datetime.fromisoformat(slot["end"]),
            slot["inconvenience"],
        )
        for slot in slots
    ]


def assert_same_answer(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    database: Database,
    window: MainWindow,
    names: Sequence[str],
    days: tuple[date, date],
    minutes: int = 60,
    host: str | None = None,
    *,
    with_host: bool = True,
    venue: str | None = None,
) -> list[Suggestion]:
    host_id = record_id(database, PartnerCity, host) if host else None
    venue_id = record_id(database, Venue, venue) if venue else None
    finder, shown = ask_the_dialog(
        qtbot, window, ids_of(database, names), days, minutes, host_id, with_host, venue_id
    )
    request = finder.search_request()
    argv = ["--with", *names, "--duration", f"{minutes}m", "--count", str(request.count)]
    argv += ["--from", days[0].isoformat(), "--to", days[1].isoformat()]
    if host:
        argv += ["--host", host]
    if not with_host:
        argv += ["--no-host"]
    if venue:
        argv += ["--venue", venue]
    document = ask_the_command(capsys, database, argv)
    told = suggestions_of(document)
    assert shown == told
    assert shown, "a question with no answer proves nothing"
    host_row = finder.grid_model.headerData(0, Qt.Orientation.Vertical)
    host_answer = document["host"]
    if with_host:
        assert isinstance(host_answer, dict)
        assert str(host_row).startswith(str(host_answer["name"]))
    else:
        assert host_answer is None
    finder.close()
    return shown


@pytest.fixture
def demo_window(sqlite_database: Database, open_window: Callable[[], MainWindow]) -> MainWindow:
    load_demo(sqlite_database)
    return open_window()


@pytest.mark.parametrize(
    ("names", "host", "with_host"),
    [
        ([KENYA, PERU], None, True),
        ([KENYA, PERU], None, False),
        ([KENYA, PERU, NEPAL], "Kobe", True),
    ],
    ids=["tdlc-hosts", "no-host", "kobe-hosts"],
)
def test_the_demo_program_gets_the_same_answer(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    demo_window: MainWindow,
    names: list[str],
    host: str | None,
    with_host: bool,
) -> None:
    week = (MONDAY, MONDAY + timedelta(days=4))
    shown = assert_same_answer(
        qtbot, capsys, sqlite_database, demo_window, names, week, 90, host, with_host=with_host
    )
    if with_host:
        assert all(start.hour != 14 for start, _end, _points in shown[:1])  # not 23:00 Tokyo


def test_the_demo_programs_busy_times_and_venue_are_weighed_alike(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    demo_window: MainWindow,
) -> None:
    # The conference week: the delegations are busy in its sessions, the rooms booked.
    conference = (date(2027, 2, 15), date(2027, 2, 19))
    with sqlite_database.session() as session:
        room = session.scalars(select(Venue.name).where(Venue.locality == "Tokyo")).first()
    assert room is not None
    assert_same_answer(
        qtbot, capsys, sqlite_database, demo_window, [KENYA, NEPAL], conference, 60, venue=room
    )


def test_a_generated_program_gets_the_same_answer(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
) -> None:
    program = generate_program(events=120, delegations=12, participants=40, days=21)
    store_program(sqlite_database, program)
    window = open_window()
    groups = sorted(program.delegations.values(), key=lambda group: group.id)
    busiest = max(groups, key=lambda g: sum(g.id in i.delegation_ids for i in program.intervals))
    member = next(
        person
        for person in program.participants.values()
        if person.delegation_id is not None and person.delegation_id != busiest.id
    )
    names = [busiest.name, groups[7].name, member.email]
    first_week = (FIRST_DAY, FIRST_DAY + timedelta(days=4))
    assert_same_answer(qtbot, capsys, sqlite_database, window, names, first_week, 45)
    assert_same_answer(qtbot, capsys, sqlite_database, window, names, first_week, 45, "Yokohama")


def test_a_delegation_on_its_study_tour_is_weighed_alike(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    demo_window: MainWindow,
) -> None:
    # Peru's delegation is in Japan that week: on Tokyo's clock, in the dialog as in the
    # command, while Nepal stays on Kathmandu's.
    tour_week = (date(2027, 3, 8), date(2027, 3, 12))
    assert_same_answer(qtbot, capsys, sqlite_database, demo_window, [PERU, NEPAL], tour_week, 60)


def test_a_new_time_for_an_event_is_the_commands_instead_of(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
) -> None:
    """The event dialog's "Find a time…" on the Kobe site visit asks what
    ``slots --venue … --instead-of UID`` asks: at the visit's venue, without the visit."""
    from cpp_scheduler.gui.dialogs import EventDialog
    from cpp_scheduler.model import Event
    from tests.gui.gui_support import open_dialog

    load_demo(sqlite_database)
    with sqlite_database.session() as session:
        visit = session.scalars(
            select(Event).where(Event.title.like("Site visit: Disaster Reduction%"))
        ).one()
        visit_id, uid, venue = visit.id, visit.uid, visit.venue
        assert venue is not None
        names = [d.name for d in visit.delegations] + [p.email for p in visit.participants]
        venue_name, start, end = venue.name, visit.start_utc, visit.end_utc
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, visit_id)
    qtbot.mouseClick(dialog.ui.findTime, Qt.MouseButton.LeftButton)
    finder = dialog.slot_finder
    assert finder is not None
    qtbot.waitUntil(lambda: finder.choices is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not finder.search_pending and not finder.searching, timeout=20_000)
    shown = finder.suggestion_model.suggestions()
    request = finder.search_request()
    first, last = request.first_day, request.last_day

    argv = ["--with", *names, "--duration", "150m", "--count", str(request.count)]
    argv += ["--from", first.isoformat(), "--to", last.isoformat(), "--venue", venue_name]
    told = suggestions_of(ask_the_command(capsys, sqlite_database, [*argv, "--instead-of", uid]))
    assert shown == told
    assert (start, end) in [(s, e) for s, e, _points in told]  # the visit may stay
    kept = suggestions_of(ask_the_command(capsys, sqlite_database, argv))
    assert (start, end) not in [(s, e) for s, e, _points in kept]  # itself, it is busy
    finder.close()


def _book_kenya(window: MainWindow, database: Database, start: datetime, end: datetime) -> None:
    """Book Kenya's delegation from ``start`` to ``end`` in the calendar (an undoable
    step of the window's editor)."""
    values = {
        "title": "Kenya check-in",
        "kind": EventKind.VIDEOCONFERENCE,
        "mode": EventMode.VIRTUAL,
        "video_link": "https://meet.example.org/kenya",
        "zone": "Asia/Tokyo",
        "start_utc": start,
        "end_utc": end,
        "delegation_ids": ids_of(database, [KENYA]),
    }
    window.editor.execute(CreateRecord(window.editor, Event, values, "Kenya check-in"))


def test_the_finder_searches_again_when_the_program_changes_under_it(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    demo_window: MainWindow,
) -> None:
    """Its best time booked for Kenya from the calendar while the finder is open: the
    finder offered that time still, which the command no longer gave. It asks again
    now, on each change and each undo, and says what the command says."""
    week = (MONDAY, MONDAY + timedelta(days=4))
    argv = ["--with", KENYA, "--duration", "60m", "--from", str(week[0]), "--to", str(week[1])]
    finder, first = ask_the_dialog(
        qtbot, demo_window, ids_of(sqlite_database, [KENYA]), week, 60, None, True, None
    )
    argv += ["--count", str(finder.search_request().count)]
    best_start, best_end, _points = first[0]

    def searched_again() -> list[Suggestion]:
        qtbot.waitUntil(lambda: finder.search_pending or finder.searching, timeout=10_000)
        qtbot.waitUntil(lambda: not finder.search_pending and not finder.searching, timeout=30_000)
        settle(qtbot, demo_window)
        return finder.suggestion_model.suggestions()

    _book_kenya(demo_window, sqlite_database, best_start, best_end)
    booked = searched_again()
    assert booked == suggestions_of(ask_the_command(capsys, sqlite_database, argv))
    assert (best_start, best_end) not in [(start, end) for start, end, _points in booked]

    demo_window.editor.stack.undo()
    assert (
        searched_again() == first == suggestions_of(ask_the_command(capsys, sqlite_database, argv))
    )
    finder.close()


def test_a_closed_finder_searches_again_once_opened_not_meanwhile(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    demo_window: MainWindow,
) -> None:
    """Closed, the finder is kept hidden for its answers: a change of the program while
    it is closed asks nothing of the worker; opened again, it says what the command
    says."""
    week = (MONDAY, MONDAY + timedelta(days=4))
    argv = ["--with", KENYA, "--duration", "60m", "--from", str(week[0]), "--to", str(week[1])]
    finder, first = ask_the_dialog(
        qtbot, demo_window, ids_of(sqlite_database, [KENYA]), week, 60, None, True, None
    )
    argv += ["--count", str(finder.search_request().count)]
    best_start, best_end, _points = first[0]
    finder.close()

    _book_kenya(demo_window, sqlite_database, best_start, best_end)
    settle(qtbot, demo_window)
    assert not finder.search_pending
    assert not finder.searching

    assert tools_of(demo_window).open_slot_finder() is finder  # on the days shown
    finder.show_period(*week)
    qtbot.waitUntil(lambda: not finder.search_pending and not finder.searching, timeout=30_000)
    settle(qtbot, demo_window)
    assert finder.suggestion_model.suggestions() == suggestions_of(
        ask_the_command(capsys, sqlite_database, argv)
    )
    finder.close()
