"""What the change report and the updates say of a place, of someone taken off an event,
of a series' meetings, and of each participant who holds no invitation: the words and
the calendar agree, the coordinator reads their own language, and Send updates invites
only those an invitation went out without."""

from __future__ import annotations

import json
from datetime import timedelta
from email.message import EmailMessage
from email.utils import parseaddr

import pytest
from sqlalchemy import select

from cpp_scheduler.cli.changes import report_text
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventMode,
    EventStatus,
    OccurrenceOverride,
    Participant,
    SentMessage,
    Venue,
)
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope
from cpp_scheduler.services.changes import Change, ChangeKind, Untold, change_report
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import SENDER, body, plain_transport, read_calendar, send
from tests.mail.smtpserver import Server

KOBE_HALL = ("Kobe City Hall", "神戸市役所")
LUCIA = "lucia.rojas@vivienda.gob.pe"


@pytest.fixture(autouse=True)
def _english() -> None:
    """The coordinator's program speaks English in these tests."""
    from cpp_scheduler import i18n

    i18n.use_language("en")


def send_updates(database: Database, server: Server) -> dict[str, EmailMessage]:
    """Send updates over the whole program; what each address received."""
    before = len(server.mailbox.messages)
    plan = invitations.plan_updates(database, None, SENDER)
    with plain_transport(server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    return {parseaddr(str(m["To"]))[1]: m for m in server.mailbox.messages[before:]}


def change_of(database: Database, email: str) -> Change:
    (change,) = [c for c in change_report(database).changes if c.email == email]
    return change


def writes_japanese(database: Database, person: Participant) -> None:
    with database.transaction() as session:
        found = session.get(Participant, person.id)
        assert found is not None
        found.language = "ja"


def workshop_sequence(database: Database, program: Program) -> int:
    with database.session() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        return event.sequence


# -- the place ----------------------------------------------------------------------


def test_an_event_gone_online_is_told_online_as_its_calendar_says(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.mode = EventMode.VIRTUAL  # the venue stays on the record
    assert workshop_sequence(database, program) == 1

    assert change_of(database, program.ana.email).details == (
        "now online instead of at TDLC Meeting Room A",
    )
    received = send_updates(database, plain_server)
    (vevent,) = read_calendar(received[program.ana.email]).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Online"
    assert str(vevent["SEQUENCE"]) == "1"
    assert "now online instead of at TDLC Meeting Room A" in body(
        received[program.ana.email], "plain"
    )


def test_a_new_video_link_raises_the_sequence_and_hybrid_to_face_to_face_does_not(
    database: Database, program: Program
) -> None:
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.mode = EventMode.FACE_TO_FACE  # the same LOCATION: the venue
    assert workshop_sequence(database, program) == 0
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.video_link = "https://meet.example.org/kobe-lima-2"
    assert workshop_sequence(database, program) == 1


def test_a_venue_renamed_is_no_move_and_tells_nobody(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        venue = session.scalars(select(Venue).where(Venue.name == "TDLC Meeting Room A")).one()
        venue.name = "TDLC Meeting Room A (10th floor)"
    assert change_report(database).changes == ()
    assert workshop_sequence(database, program) == 0


def test_a_japanese_reader_is_told_the_new_venue_by_its_japanese_names_and_the_coordinator_in_english(  # noqa: E501
    database: Database, program: Program, plain_server: Server
) -> None:
    writes_japanese(database, program.kenji)
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        hall = Venue(name=KOBE_HALL[0], name_ja=KOBE_HALL[1], locality="Kobe")
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.venue = hall  # the event's partner city stays Kobe

    kenji = change_of(database, program.kenji.email)
    assert kenji.details == ("場所を TDLC 会議室A から 神戸市役所 に変更",)
    assert kenji.reported == ("now at Kobe City Hall instead of TDLC Meeting Room A",)
    received = send_updates(database, plain_server)
    text = body(received[program.kenji.email], "plain")
    assert "場所を TDLC 会議室A から 神戸市役所 に変更" in text
    assert "場所: 神戸市役所" in text  # the message's own venue line names it alike


def test_a_place_told_before_the_ledger_named_it_is_compared_as_it_was_kept(
    database: Database, program: Program, plain_server: Server
) -> None:
    """Rows written before the ledger kept which place it told keep the venue's name and
    the event's partner city: read again, they tell nothing until the venue changes."""
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        for row in session.scalars(select(SentMessage)):
            told = json.loads(row.told)
            assert told["place_ja"] == "TDLC 会議室A"
            del told["where"], told["place_ja"]
            told["place"] = "TDLC Meeting Room A, Kobe"
            row.told = json.dumps(told, ensure_ascii=False, sort_keys=True)
    assert change_report(database).changes == ()

    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.venue = Venue(name=KOBE_HALL[0], name_ja=KOBE_HALL[1], locality="Kobe")
    assert change_of(database, program.ana.email).details == (
        "now at Kobe City Hall instead of TDLC Meeting Room A, Kobe",
    )


def kenji_off_the_workshop_and_the_visit_cancelled(
    database: Database, program: Program, server: Server
) -> None:
    """The workshop and the site visit sent; then Kenji taken off the workshop, which
    goes on, and the site visit cancelled."""
    send(database, EventScope(program.workshop.uid), server)
    send(database, EventScope(program.site_visit.uid), server)
    with database.transaction() as session:
        workshop = session.get(Event, program.workshop.id)
        visit = session.get(Event, program.site_visit.id)
        kenji = session.get(Participant, program.kenji.id)
        assert workshop is not None
        assert visit is not None
        assert kenji is not None
        workshop.participants.remove(kenji)
        visit.status = EventStatus.CANCELLED


def test_the_coordinators_report_is_in_the_programs_language(
    database: Database, program: Program, plain_server: Server
) -> None:
    writes_japanese(database, program.kenji)
    kenji_off_the_workshop_and_the_visit_cancelled(database, program, plain_server)

    lines = report_text(change_report(database))
    kenji_lines = "\n".join(lines[lines.index(next(x for x in lines if "田中" in x)) :][:5])
    assert "no longer attends" in kenji_lines
    assert "cancelled" in kenji_lines
    assert "出席しない" not in "\n".join(lines)
    assert "中止" not in "\n".join(lines)
    # The message itself still speaks his language.
    messages = {
        c.title: c.details
        for c in change_report(database).changes
        if c.email == program.kenji.email
    }
    assert messages[program.site_visit.title] == ("中止",)


# -- someone taken off an event that goes on ------------------------------------------


def test_someone_taken_off_an_event_that_goes_on_is_told_so_not_that_it_is_cancelled(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        bruno = session.get(Participant, program.bruno.id)
        assert event is not None
        assert bruno is not None
        event.participants.remove(bruno)
        assert bruno.delegation is not None
        event.delegations.remove(bruno.delegation)

    message = send_updates(database, plain_server)[program.bruno.email]
    title = program.workshop.title
    assert str(message["Subject"]) == f"No longer invited: {title}"
    text = body(message, "plain")
    assert text.startswith(f"No longer invited: {title}\n")
    assert "The event goes on without you" in text
    assert "Cancelled" not in text
    assert str(read_calendar(message)["METHOD"]) == "CANCEL"

    # Taken off as the event is cancelled: for Kenji it is cancelled, and says so.
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        kenji = session.get(Participant, program.kenji.id)
        assert event is not None
        assert kenji is not None
        event.participants.remove(kenji)
        event.status = EventStatus.CANCELLED
    message = send_updates(database, plain_server)[program.kenji.email]
    assert str(message["Subject"]) == f"Cancelled: {title}"


# -- a series' meetings, in their order ------------------------------------------------


def test_a_series_changes_are_told_in_the_order_of_its_meetings(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.series.uid), plain_server)
    may = local("Asia/Tokyo", 2026, 5, 20, 9, 0)
    june = local("Asia/Tokyo", 2026, 6, 17, 9, 0)
    with database.transaction() as session:
        series = session.get(Event, program.series.id)
        assert series is not None
        series.changes.append(OccurrenceOverride(recurrence_id=june, cancelled=True))
        series.changes.append(
            OccurrenceOverride(
                recurrence_id=may,
                start_utc=may + timedelta(days=1),
                end_utc=may + timedelta(days=1, hours=1, minutes=30),
            )
        )

    details = change_of(database, program.sofia.email).details
    assert [detail.split(",")[0] for detail in details] == [
        "the meeting of Tue 19 May 2026",  # on Santiago's clock
        "the meeting of Tue 16 Jun 2026",
    ]


# -- who holds no invitation, and why ------------------------------------------------


def test_a_batch_for_one_delegation_leaves_the_others_to_send_invitations(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, DelegationScope(program.lima.name), plain_server)
    # Maya (Kathmandu) and Kenji were left out of Lima's batch, not added since.
    assert {c.email for c in change_report(database).changes} == set()
    assert invitations.plan_updates(database, None, SENDER).to_send == ()

    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        sofia = session.get(Participant, program.sofia.id)
        assert event is not None
        assert sofia is not None
        event.participants.append(sofia)  # added after the workshop went out
        kolkata = session.get(Delegation, program.kolkata.id)
        assert kolkata is not None
        event.delegations.append(kolkata)  # Priya's, linked after it went out too
        lima = session.get(Delegation, program.lima.id)  # the batch's delegation
        session.add(Participant(name="Lucía Rojas", email=LUCIA, delegation=lima))

    changes = change_report(database).changes
    assert {(c.email, c.kind, c.untold) for c in changes if c.event_id == program.workshop.id} == {
        (program.sofia.email, ChangeKind.ADDED, Untold.NEVER_SENT),
        (program.priya.email, ChangeKind.ADDED, Untold.NEVER_SENT),
        (LUCIA, ChangeKind.ADDED, Untold.NEVER_SENT),
    }


def test_each_reason_to_invite_is_told_apart(
    database: Database, program: Program, plain_server: Server
) -> None:
    kenji_off_the_workshop_and_the_visit_cancelled(database, program, plain_server)
    send_updates(database, plain_server)
    with database.transaction() as session:
        workshop = session.get(Event, program.workshop.id)
        visit = session.get(Event, program.site_visit.id)
        kenji = session.get(Participant, program.kenji.id)
        maya = session.get(Participant, program.maya.id)
        assert workshop is not None
        assert visit is not None
        assert kenji is not None
        assert maya is not None
        workshop.participants.append(kenji)
        visit.status = EventStatus.CONFIRMED
        maya.email = "maya.shrestha@kathmandu.gov.np"

    found = {(c.email, c.title): c for c in change_report(database).changes}
    again = found[(program.kenji.email, program.workshop.title)]
    assert (again.kind, again.untold, again.label) == (
        ChangeKind.ADDED,
        Untold.INVITED_AGAIN,
        "invited again",
    )
    assert again.reported[0].startswith("told they no longer attend, now invited again: ")
    held = found[(program.ana.email, program.site_visit.title)]
    assert (held.untold, held.label) == (Untold.HELD_AGAIN, "held again")
    assert held.reported[0].startswith("told it was cancelled, now held again: ")
    moved = found[("maya.shrestha@kathmandu.gov.np", program.workshop.title)]
    assert (moved.untold, moved.label) == (Untold.ADDRESS_CORRECTED, "address corrected")
    assert moved.reported[0].startswith(
        f"sent to {program.maya.email} before it was corrected, not yet to this address: "
    )
    assert "(invited again, REQUEST)" in "\n".join(report_text(change_report(database)))
