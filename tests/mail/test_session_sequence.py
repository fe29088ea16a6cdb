"""A session takes its conference's status: the conference cancelled, its sessions go out
as cancelled, and held again, as confirmed. Each such change of the status as sent raises
the session's SEQUENCE (RFC 5545 section 3.8.7.4), or calendar clients keep the copy
they hold: in the mails and in the calendar files alike."""

from __future__ import annotations

from pathlib import Path

import icalendar

from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus
from cpp_scheduler.services import calendar_export, invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import SENDER, plain_transport, read_calendar, send
from tests.mail.smtpserver import Server


def _add_session(database: Database, program: Program) -> str:
    with database.transaction() as session:
        opening = session.get(Event, program.opening.id)
        assert opening is not None
        keynote = Event(
            title="Keynote: ten years of peer-to-peer learning",
            kind=EventKind.WORKSHOP,
            mode=EventMode.FACE_TO_FACE,
            status=EventStatus.CONFIRMED,
            start_utc=local("Asia/Tokyo", 2026, 6, 8, 10, 30),
            end_utc=local("Asia/Tokyo", 2026, 6, 8, 11, 30),
            zone="Asia/Tokyo",
            parent=opening,
            participants=list(opening.participants),
        )
        session.add(keynote)
        session.flush()
        return keynote.uid


def _set_conference(database: Database, program: Program, status: EventStatus) -> None:
    with database.transaction() as session:
        opening = session.get(Event, program.opening.id)
        assert opening is not None
        opening.status = status


def _updates(database: Database, uid: str, server: Server) -> list[icalendar.cal.Component]:
    before = len(server.mailbox.messages)
    plan = invitations.plan_updates(database, EventScope(uid), SENDER)
    with plain_transport(server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    return [
        read_calendar(message).walk("VEVENT")[0] for message in server.mailbox.messages[before:]
    ]


def _exported(database: Database, uid: str, path: Path) -> icalendar.cal.Component:
    (written,) = calendar_export.export_calendar(database, EventScope(uid), path)
    return icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")[0]


def test_a_session_cancelled_and_held_again_with_its_conference_rises_each_time(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    uid = _add_session(database, program)
    invited = send(database, EventScope(uid), plain_server)
    assert len(invited.sent) == 2
    (first, *_) = [read_calendar(m).walk("VEVENT")[0] for m in plain_server.mailbox.messages]
    assert (int(first["SEQUENCE"]), str(first["STATUS"])) == (0, "CONFIRMED")

    _set_conference(database, program, EventStatus.CANCELLED)
    cancels = _updates(database, uid, plain_server)
    assert [(int(v["SEQUENCE"]), str(v["STATUS"])) for v in cancels] == [(1, "CANCELLED")] * 2
    exported = _exported(database, uid, tmp_path / "cancelled.ics")
    assert (int(exported["SEQUENCE"]), str(exported["STATUS"])) == (1, "CANCELLED")

    _set_conference(database, program, EventStatus.CONFIRMED)
    again = _updates(database, uid, plain_server)
    assert [(int(v["SEQUENCE"]), str(v["STATUS"])) for v in again] == [(2, "CONFIRMED")] * 2
    exported = _exported(database, uid, tmp_path / "again.ics")
    assert (int(exported["SEQUENCE"]), str(exported["STATUS"])) == (2, "CONFIRMED")


def test_a_session_cancelled_itself_keeps_its_sequence_when_its_conference_is_cancelled(
    database: Database, program: Program
) -> None:
    """Its status as sent stays CANCELLED: nothing to tell, no new version."""
    uid = _add_session(database, program)
    with database.transaction() as session:
        keynote = session.query(Event).filter_by(uid=uid).one()
        keynote.status = EventStatus.CANCELLED
    _set_conference(database, program, EventStatus.CANCELLED)
    with database.session() as session:
        keynote = session.query(Event).filter_by(uid=uid).one()
        assert keynote.sequence == 1  # raised once, for its own cancellation


def test_a_session_made_tentative_with_its_conference_rises_each_time(
    database: Database, program: Program, plain_server: Server
) -> None:
    """The conference made tentative: its session's update says TENTATIVE at a new
    SEQUENCE, which a calendar then takes (one at the same SEQUENCE it ignores), and
    confirmed again, CONFIRMED at the next one."""
    uid = _add_session(database, program)
    send(database, EventScope(uid), plain_server)

    _set_conference(database, program, EventStatus.TENTATIVE)
    unsure = _updates(database, uid, plain_server)
    assert [(int(v["SEQUENCE"]), str(v["STATUS"])) for v in unsure] == [(1, "TENTATIVE")] * 2

    _set_conference(database, program, EventStatus.CONFIRMED)
    sure = _updates(database, uid, plain_server)
    assert [(int(v["SEQUENCE"]), str(v["STATUS"])) for v in sure] == [(2, "CONFIRMED")] * 2


def test_a_session_tentative_itself_keeps_its_sequence_when_its_conference_is_so(
    database: Database, program: Program
) -> None:
    uid = _add_session(database, program)
    with database.transaction() as session:
        keynote = session.query(Event).filter_by(uid=uid).one()
        keynote.status = EventStatus.TENTATIVE
    _set_conference(database, program, EventStatus.TENTATIVE)
    with database.session() as session:
        keynote = session.query(Event).filter_by(uid=uid).one()
        assert keynote.sequence == 1  # raised once, for its own status
