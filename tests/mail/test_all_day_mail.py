"""All-day events in mail and in the change report: told as their dates, the same for
every reader, as the calendar part and its description give them ("All day from Thu 29
Apr 2027 to Wed 05 May 2027"), never as hours on anybody's clock."""

from __future__ import annotations

from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import parseaddr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import i18n, timezones
from cpp_scheduler.cli import main
from cpp_scheduler.ical import scopes
from cpp_scheduler.mail.messages import build_invitation
from cpp_scheduler.model import Event, EventMode, Participant
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import EventFacts, differences
from cpp_scheduler.store import Database
from tests.mail.helpers import SENDER, as_received, body, plain_transport, read_calendar, send
from tests.mail.smtpserver import Server

GOLDEN_WEEK = "All day from Thu 29 Apr 2027 to Wed 05 May 2027"
ONE_DAY_LATER = "All day from Fri 30 Apr 2027 to Thu 06 May 2027"
MOVED_A_DAY = (
    "moved to all day from Fri 30 Apr 2027 to Thu 06 May 2027 "
    "(was all day from Thu 29 Apr 2027 to Wed 05 May 2027)"
)
"""The update's line: the days inside a sentence, without a capital in its middle."""
NORA = "nora.york@nyc.example.org"
TARO = "taro@city.tokyo.example.jp"
LIAM = "liam@london.example.org"


def golden_week(database: Database) -> tuple[str, str]:
    """The Golden Week closure, all day from 29 April to 5 May 2027 in Tokyo, for a
    participant in New York and one in Tokyo: its UID and id."""
    with database.transaction() as session:
        organiser = Participant(name="TDLC Coordinators", email=SENDER.email, zone="Asia/Tokyo")
        nora = Participant(name="Nora York", email=NORA, zone="America/New_York")
        taro = Participant(name="Taro Sato", email=TARO, zone="Asia/Tokyo")
        event = Event(
            title="Golden Week closure",
            zone="Asia/Tokyo",
            organiser=organiser,
            mode=EventMode.VIRTUAL,
            video_link="https://meet.example.org/cpp",
        )
        event.set_dates(date(2027, 4, 29), date(2027, 5, 5))
        event.participants.extend([nora, taro])
        session.add(event)
        session.flush()
        return event.uid, event.id


def to(messages: list[EmailMessage], address: str) -> EmailMessage:
    (found,) = [m for m in messages if parseaddr(str(m["To"]))[1] == address]
    return found


def test_the_invitation_tells_every_reader_the_days_its_calendar_gives(
    database: Database, plain_server: Server
) -> None:
    uid, _ = golden_week(database)
    send(database, EventScope(uid), plain_server)
    for address in (NORA, TARO):
        message = to(plain_server.mailbox.messages, address)
        (vevent,) = read_calendar(message).walk("VEVENT")
        assert vevent.decoded("DTSTART") == date(2027, 4, 29)
        assert vevent.decoded("DTEND") == date(2027, 5, 6)
        for kind in ("plain", "html"):
            text = body(message, kind)
            assert GOLDEN_WEEK in text, (address, kind, text)
            assert "local time" not in text
            assert "Tokyo time" not in text
            assert ":00" not in text


def test_the_change_report_and_the_update_tell_days(
    database_url: str,
    database: Database,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    uid, event_id = golden_week(database)
    send(database, EventScope(uid), plain_server)
    with database.transaction() as session:
        event = session.get(Event, event_id)
        assert event is not None
        event.set_dates(date(2027, 4, 30), date(2027, 5, 6))
        event.participants.append(Participant(name="Liam Hart", email=LIAM, zone="Europe/London"))
    assert main(["--db", database_url, "changes"]) == 0
    printed = capsys.readouterr().out
    moved = MOVED_A_DAY
    assert printed.count(f"    {moved}\n") == 2  # Nora and Taro alike
    assert f"    not sent yet: {ONE_DAY_LATER}\n" in printed  # Liam
    assert ":00" not in printed

    before = len(plain_server.mailbox.messages)
    plan = invitations.plan_updates(database, EventScope(uid), SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    updates = plain_server.mailbox.messages[before:]
    assert len(updates) == 3
    for address in (NORA, TARO):
        text = body(to(updates, address), "plain")
        assert f"What changed:\n  {moved}\n" in text
        assert f"\n{ONE_DAY_LATER}\n" in text
        assert ":00" not in text
    assert f"\n{ONE_DAY_LATER}\n" in body(to(updates, LIAM), "plain")


ZONES = sorted(timezones.all_zones())


@st.composite
def spans(draw: st.DrawFn) -> tuple[date, date, str]:
    first = draw(st.dates(date(1901, 1, 1), date(2198, 11, 30)))
    last = first + timedelta(days=draw(st.integers(0, 30)))
    return first, last, draw(st.sampled_from(ZONES))


def told(first: date, last: date) -> str:
    """The days as a reader is told them, worked out here from the dates alone."""
    if first == last:
        return f"All day on {i18n.day_text(first)}"
    return f"All day from {i18n.day_text(first)} to {i18n.day_text(last)}"


@settings(max_examples=60, deadline=None)
@given(span=spans(), reader=st.sampled_from(ZONES))
def test_any_span_in_any_zone_is_told_as_the_calendar_parts_dates(
    span: tuple[date, date, str], reader: str
) -> None:
    first, last, zone = span
    organiser = Participant(name="TDLC Coordinators", email=SENDER.email, zone="Asia/Tokyo")
    person = Participant(name="Reader", email="reader@example.org", zone=reader)
    event = Event(title="Closure", zone=zone, organiser=organiser, mode=EventMode.VIRTUAL)
    event.set_dates(first, last)
    event.participants.append(person)
    message = as_received(build_invitation(event, person, SENDER).message)
    (vevent,) = read_calendar(message).walk("VEVENT")
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert (start, end) == (first, last + timedelta(days=1))
    days = told(start, end - timedelta(days=1))
    plain = body(message, "plain")
    assert [line for line in plain.splitlines() if line.startswith("All day")] == [days]
    assert "local time" not in plain
    assert f"<p>{days}</p>" in body(message, "html")


@settings(max_examples=60, deadline=None)
@given(before=spans(), shift=st.integers(-400, 400), reader=st.sampled_from(ZONES))
def test_a_moved_all_day_event_is_reported_as_its_days_on_any_clock(
    before: tuple[date, date, str], shift: int, reader: str
) -> None:
    first, last, zone = before
    moved = (first + timedelta(days=shift), last + timedelta(days=shift))
    if not date(1901, 1, 1) <= moved[0] <= moved[1] <= date(2199, 12, 30) or shift == 0:
        return

    def facts(days: tuple[date, date]) -> EventFacts:
        start, end = timezones.local_days(*days, zone)
        return EventFacts("Closure", "CONFIRMED", start, end, zone, "", "", "", (), (), True)

    viewer = scopes.Viewer(reader, "Your local time")
    assert differences(facts((first, last)), facts(moved), viewer, "your time") == [
        f"moved to {_small(told(*moved))} (was {_small(told(first, last))})"
    ]


def _small(phrase: str) -> str:
    """``All day ...`` as it reads inside an English sentence."""
    return phrase[:1].lower() + phrase[1:]


@settings(max_examples=40, deadline=None)
@given(before=spans(), other=st.sampled_from(ZONES), reader=st.sampled_from(ZONES))
def test_an_all_day_event_on_the_same_days_in_another_zone_is_not_moved(
    before: tuple[date, date, str], other: str, reader: str
) -> None:
    """Its calendar holds its dates, the same on every calendar: Expo from 29 April to 1
    May kept its days when its zone became Lima's, and was told "moved to all day from
    Thu 29 Apr to Sat 01 May (was all day from Thu 29 Apr to Sat 01 May)"."""
    first, last, zone = before

    def facts(in_zone: str) -> EventFacts:
        start, end = timezones.local_days(first, last, in_zone)
        return EventFacts("Expo", "CONFIRMED", start, end, in_zone, "", "", "", (), (), True)

    viewer = scopes.Viewer(reader, "Your local time")
    assert differences(facts(zone), facts(other), viewer, "your time") == []
