"""What a delegation reads on each day of its printed itinerary, and what the run sheet
and the programme say of a conference not confirmed yet: a timed meeting of several
days is on every day it touches, as the delegation's schedule says, each later day
saying until when; a session of a tentative conference is tentative, on every document
alike. Read back from the PDFs with pypdf, in English and in Japanese."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from pdftext import page_texts, squeezed
from sqlalchemy import select
from test_printed_pdfs import print_command

from cpp_scheduler import timezones
from cpp_scheduler.documents.itinerary import read_itinerary
from cpp_scheduler.documents.programme import read_programme
from cpp_scheduler.documents.runsheet import read_run_sheet
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.services.delegation_schedule import read_schedule
from cpp_scheduler.services.demo import CONFERENCE, KENYA
from cpp_scheduler.store import Database

RETREAT = "Welcome retreat at Hakone"
"""Kenya's, from Sunday 14 February 20:00 to Wednesday 17 February 08:00 in Tokyo: its
stay in Japan is the 14th to the 17th, and the conference fills the 15th and 16th."""
STAY = [date(2027, 2, day) for day in (14, 15, 16, 17)]
MONDAY = date(2027, 2, 15)
"""The conference's first day."""


def database_path(database: Database) -> str:
    """The SQLite file the demo of the test's own is in, for ``cpp-scheduler print``."""
    assert database.url.database is not None
    return database.url.database


def printed(database: Database, pdf: Path, *arguments: str, lang: str = "en") -> str:
    """``cpp-scheduler print`` of the test's program to ``pdf``; its text, page after
    page, as a reader reads it."""
    done = print_command(
        "--lang", lang, *arguments, "--db", database_path(database), "-o", str(pdf)
    )
    assert done.returncode == 0, done.stderr
    return " ".join(page_texts(pdf))


def between(text: str, first: str, then: str | None) -> str:
    """The part of ``text`` from ``first`` up to ``then`` (to the end without one)."""
    start = text.index(first)
    return text[start : text.index(then, start) if then is not None else None]


def add_retreat(database: Database) -> None:
    with database.transaction() as session:
        kenya = session.scalars(select(Delegation).where(Delegation.name == KENYA)).one()
        session.add(
            Event(
                title=RETREAT,
                kind=EventKind.WORKSHOP,
                mode=EventMode.FACE_TO_FACE,
                status=EventStatus.CONFIRMED,
                start_utc=datetime(2027, 2, 14, 11, 0, tzinfo=UTC),
                end_utc=datetime(2027, 2, 16, 23, 0, tzinfo=UTC),
                delegations=[kenya],
            )
        )


def test_a_timed_meeting_of_several_days_is_on_each_day_its_schedule_lists_it(
    own_demo: Database,
) -> None:
    add_retreat(own_demo)
    itinerary = read_itinerary(own_demo, KENYA)
    listed = {day.day: [m for m in day.meetings if m.title == RETREAT] for day in itinerary.days}
    with own_demo.session() as session:
        kenya = session.scalars(select(Delegation.id).where(Delegation.name == KENYA)).one()
    for day in STAY:
        start, end = timezones.local_days(day, day, timezones.TOKYO)
        scheduled = read_schedule(own_demo, kenya, start, end).meetings
        assert [m.title for m in scheduled if m.title == RETREAT] == [RETREAT], day
        assert len(listed[day]) == 1, f"the schedule lists it on {day}; the itinerary too"
    assert [listed[day][0].continued for day in STAY] == [False, True, True, True]
    wednesday = next(day for day in itinerary.days if day.day == STAY[-1])
    assert wednesday.meetings[0].title == RETREAT, "first in its day, as it began before"


def test_the_printed_itinerary_says_until_when_on_each_later_day(
    own_demo: Database, tmp_path: Path
) -> None:
    add_retreat(own_demo)
    text = printed(own_demo, tmp_path / "kenya.pdf", "itinerary", "--delegation", KENYA)
    sunday = between(text, "Sunday 14 February 2027", "Monday 15 February 2027")
    monday = between(text, "Monday 15 February 2027", "Tuesday 16 February 2027")
    tuesday = between(text, "Tuesday 16 February 2027", "Wednesday 17 February 2027")
    wednesday = between(text, "Wednesday 17 February 2027", "Wednesday 17 March 2027")
    assert f"20:00– Wed 08:00 {RETREAT}" in sunday
    assert f"Time in Japan What Where (continued) until Wed 17 Feb 08:00 {RETREAT}" in monday
    assert f"Time in Japan What Where (continued) until Wed 17 Feb 08:00 {RETREAT}" in tuesday
    assert f"Time in Japan What Where (continued) until 08:00 {RETREAT}" in wednesday
    assert "Nothing planned." not in wednesday

    japanese = squeezed(
        printed(own_demo, tmp_path / "kenya-ja.pdf", "itinerary", "--delegation", KENYA, lang="ja")
    )
    days = ["2027年2月14日(日)", "2027年2月15日(月)", "2027年2月16日(火)", "2027年2月17日(水)"]
    title = squeezed(RETREAT)
    for day, following in zip(days, [*days[1:], "2027年3月"], strict=True):
        section = between(japanese, day, following)
        assert title in section, day
        assert "予定はありません。" not in section, day
        if day in days[1:3]:  # a day before its last names the day it ends
            assert "続き、2月17日(水)08:00まで)" + title in section, day
    assert "20:00–(水)08:00" + title in japanese


def set_status(database: Database, title: str, status: EventStatus) -> None:
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.title == title)).one()
        record, version = event.id, event.version
    editing.change(database, Event, record, {"status": status}, version)


def test_a_tentative_conferences_sessions_say_tentative_on_the_itinerary_and_run_sheet(
    own_demo: Database, tmp_path: Path
) -> None:
    set_status(own_demo, CONFERENCE, EventStatus.TENTATIVE)
    sessions = [
        m for day in read_itinerary(own_demo, KENYA).days for m in day.meetings if m.conference
    ]
    assert sessions
    assert all(m.tentative for m in sessions)
    sheet = read_run_sheet(own_demo, MONDAY)
    assert all(item.tentative for item in sheet.items)
    monday_sessions = len(sheet.items)  # the conference's row and its sessions of the day

    kenya = printed(own_demo, tmp_path / "kenya.pdf", "itinerary", "--delegation", KENYA)
    assert kenya.count(f"Conference, Hybrid, Tentative, part of {CONFERENCE}") == len(sessions)
    assert f"Conference, Hybrid, part of {CONFERENCE}" not in kenya
    day = printed(own_demo, tmp_path / "day.pdf", "day", "--date", MONDAY.isoformat())
    assert day.count("Conference, Hybrid, Tentative") == monday_sessions

    kenya_ja = squeezed(
        printed(own_demo, tmp_path / "kenya-ja.pdf", "itinerary", "--delegation", KENYA, lang="ja")
    )
    assert kenya_ja.count("会議、ハイブリッド、仮、") == len(sessions)
    assert "会議、ハイブリッド、" + squeezed(CONFERENCE) not in kenya_ja
    day_ja = squeezed(
        printed(own_demo, tmp_path / "day-ja.pdf", "day", "--date", MONDAY.isoformat(), lang="ja")
    )
    assert day_ja.count("会議、ハイブリッド、仮") == monday_sessions


def _demo_conference_within_a_week(database: Database, status: EventStatus) -> str:
    """The demo's conference made a session of a week of events of ``status``: its id."""
    with database.transaction() as session:
        conference = session.scalars(select(Event).where(Event.title == CONFERENCE)).one()
        week = Event(
            title="CPP Week 2027",
            kind=EventKind.CONFERENCE,
            mode=EventMode.HYBRID,
            status=status,
            start_utc=datetime(2027, 2, 14, 0, 0, tzinfo=UTC),
            end_utc=datetime(2027, 2, 17, 9, 0, tzinfo=UTC),
        )
        session.add(week)
        conference.parent = week
        return conference.id


def test_a_conference_within_a_tentative_one_is_tentative_on_every_document(
    own_demo: Database, tmp_path: Path
) -> None:
    """The demo's conference made a session of a week of events not confirmed yet: the
    programme says TENTATIVE on every page, and its sessions say so on the itinerary and
    the run sheet, by the same rule."""
    conference_id = _demo_conference_within_a_week(own_demo, EventStatus.TENTATIVE)
    assert read_programme(own_demo, conference_id).tentative
    assert all(item.tentative for item in read_run_sheet(own_demo, MONDAY).items)

    pdf = tmp_path / "programme.pdf"
    printed(own_demo, pdf, "programme", "--event", conference_id)
    assert all(f"Programme — {CONFERENCE} — TENTATIVE" in page for page in page_texts(pdf))
    kenya = printed(own_demo, tmp_path / "kenya.pdf", "itinerary", "--delegation", KENYA)
    assert f"Conference, Hybrid, part of {CONFERENCE}" not in kenya
    assert f"Conference, Hybrid, Tentative, part of {CONFERENCE}" in kenya

    pdf_ja = tmp_path / "programme-ja.pdf"
    printed(own_demo, pdf_ja, "programme", "--event", conference_id, lang="ja")
    assert all(
        squeezed(f"プログラム — {CONFERENCE} — 仮") in squeezed(page) for page in page_texts(pdf_ja)
    )


def test_a_conference_within_a_cancelled_one_is_cancelled_on_its_programme(
    own_demo: Database, tmp_path: Path
) -> None:
    """The demo's conference a session of a week of events called off: ``events list``
    says it and its sessions are cancelled, and so does its programme's cover now (it
    read the conference's own status alone, and printed 12 sessions going ahead)."""
    conference_id = _demo_conference_within_a_week(own_demo, EventStatus.CANCELLED)
    programme = read_programme(own_demo, conference_id)
    assert programme.cancelled == 12
    assert programme.sessions == ()

    text = printed(own_demo, tmp_path / "programme.pdf", "programme", "--event", conference_id)
    assert "Cancelled: this conference will not take place." in text
    assert "Its 12 sessions are cancelled with it." in text


def test_a_videoconference_marked_face_to_face_is_given_at_home_as_its_schedule_gives_it(
    own_demo: Database,
) -> None:
    """A videoconference is attended from home whatever its mode says (the engine's
    rule): Kenya's schedule gives Thursday 25 February 09:00 in Tokyo at 03:00 in
    Nairobi, and the itinerary, which tested the mode alone, gave no home time."""
    with own_demo.transaction() as session:
        kenya = session.scalars(select(Delegation).where(Delegation.name == KENYA)).one()
        session.add(
            Event(
                title="Follow-up call",
                kind=EventKind.VIDEOCONFERENCE,
                mode=EventMode.FACE_TO_FACE,
                status=EventStatus.CONFIRMED,
                start_utc=datetime(2027, 2, 25, 0, 0, tzinfo=UTC),
                end_utc=datetime(2027, 2, 25, 1, 0, tzinfo=UTC),
                zone="Asia/Tokyo",
                delegations=[kenya],
            )
        )
        kenya_id = kenya.id
    start, end = timezones.local_days(date(2027, 2, 25), date(2027, 2, 25), timezones.TOKYO)
    (scheduled,) = read_schedule(own_demo, kenya_id, start, end).meetings
    (call,) = [
        m for day in read_itinerary(own_demo, KENYA).days for m in day.meetings
        if m.title == "Follow-up call"
    ]  # fmt: skip
    assert call.at_home is not None
    assert (
        call.at_home[0].local
        == scheduled.local_start
        == datetime(2027, 2, 25, 3, 0, tzinfo=timezones.zone("Africa/Nairobi"))
    )
