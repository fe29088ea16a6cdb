"""After the program changes: the change report read from the ledger, and updates sent to
a real SMTP server that tell only those affected, say what changed on their own clock,
and are sent once."""

from __future__ import annotations

import json
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import pytest
from sqlalchemy import update

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, EventStatus, OccurrenceOverride, Participant, SentMessage
from cpp_scheduler.services import editing, invitations
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope, TourScope
from cpp_scheduler.services.changes import ChangeKind, change_report
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import SENDER, body, calendar_part, plain_transport, read_calendar, send
from tests.mail.smtpserver import Server


def send_updates(database: Database, scope: object, server: Server) -> invitations.BatchReport:
    plan = invitations.plan_updates(database, scope, SENDER)  # type: ignore[arg-type]
    with plain_transport(server) as transport:
        return invitations.send_batch(database, plan.to_send, transport)


def move_workshop(database: Database, program: Program, by: timedelta) -> None:
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += by
        event.end_utc += by


def test_nothing_changed_nothing_reported(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    assert change_report(database).changes == ()
    assert invitations.plan_updates(database, None, SENDER).to_send == ()


def test_a_moved_event_is_reported_and_updated_once_on_each_clock(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    move_workshop(database, program, timedelta(days=1, hours=5))
    report = change_report(database)
    assert {c.email for c in report.changes} == {
        p.email for p in (program.ana, program.bruno, program.maya, program.kenji)
    }
    assert {c.kind for c in report.changes} == {ChangeKind.CHANGED}
    (maya,) = [c for c in report.changes if c.email == program.maya.email]
    assert maya.details == (
        "moved from Tue 09 Jun 2026, 05:45-08:45 (UTC+05:45) "
        "to Wed 10 Jun 2026, 10:45-13:45 (UTC+05:45), your time",
    )

    before = len(plain_server.mailbox.messages)
    sent = send_updates(database, None, plain_server)
    assert len(sent.sent) == 4
    updates = plain_server.mailbox.messages[before:]
    for message in updates:
        assert str(message["Subject"]).startswith("Updated: ")
        assert calendar_part(message).get_param("method") == "REQUEST"
        (vevent,) = read_calendar(message).walk("VEVENT")
        assert int(vevent["SEQUENCE"]) == 1
        assert "What changed:" in body(message, "plain")
    (to_maya,) = [m for m in updates if parseaddr(str(m["To"]))[1] == program.maya.email]
    assert "to Wed 10 Jun 2026, 10:45-13:45 (UTC+05:45)" in body(to_maya, "plain")

    # Told now: the report is empty, the second run sends nothing, and so does
    # ``send invitations``, which finds each recipient holding this version.
    assert change_report(database).changes == ()
    assert invitations.plan_updates(database, None, SENDER).to_send == ()
    again = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert again.to_send == ()


def test_added_participants_are_invited_and_removed_ones_get_a_cancellation(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        kenji = session.get(Participant, program.kenji.id)
        sofia = session.get(Participant, program.sofia.id)
        assert event is not None
        assert kenji is not None
        assert sofia is not None
        event.participants.remove(kenji)
        event.participants.append(sofia)
    report = change_report(database)
    assert {(c.email, c.kind) for c in report.changes} == {
        (program.kenji.email, ChangeKind.REMOVED),
        (program.sofia.email, ChangeKind.ADDED),
    }
    before = len(plain_server.mailbox.messages)
    send_updates(database, None, plain_server)
    received = {parseaddr(str(m["To"]))[1]: m for m in plain_server.mailbox.messages[before:]}
    assert set(received) == {program.kenji.email, program.sofia.email}

    cancel = received[program.kenji.email]
    assert calendar_part(cancel).get_param("method") == "CANCEL"
    calendar = read_calendar(cancel)
    assert str(calendar["METHOD"]) == "CANCEL"
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == program.workshop.uid
    assert "STATUS" not in vevent  # uninvited; the event goes on (RFC 5546 section 3.2.5)
    assert str(vevent["ATTENDEE"]).removeprefix("mailto:") == program.kenji.email
    assert program.ana.email not in cancel.as_string()
    # The workshop goes on: he is told he is no longer invited, not that it is cancelled.
    assert str(cancel["Subject"]).startswith("No longer invited: ")

    invite = received[program.sofia.email]
    assert calendar_part(invite).get_param("method") == "REQUEST"
    assert str(invite["Subject"]).startswith("Invitation: ")
    assert change_report(database).changes == ()


def test_a_cancelled_event_is_cancelled_for_each_one_told_of_it(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.status = EventStatus.CANCELLED
    report = change_report(database)
    assert len(report.changes) == 4
    assert {c.kind for c in report.changes} == {ChangeKind.CANCELLED}
    before = len(plain_server.mailbox.messages)
    send_updates(database, None, plain_server)
    for message in plain_server.mailbox.messages[before:]:
        assert str(read_calendar(message)["METHOD"]) == "CANCEL"
    assert change_report(database).changes == ()


def test_a_cancelled_meeting_of_a_series_is_spelled_out(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.series.uid), plain_server)
    june = local("Asia/Tokyo", 2026, 6, 17, 9, 0)
    with database.transaction() as session:
        series = session.get(Event, program.series.id)
        assert series is not None
        series.changes.append(OccurrenceOverride(recurrence_id=june, cancelled=True))
    report = change_report(database, DelegationScope(program.santiago.name))
    (sofia,) = report.changes
    assert sofia.email == program.sofia.email
    # Santiago is UTC-4 in June: 09:00 in Tokyo is 20:00 the evening before.
    assert sofia.details == (
        "the meeting of Tue 16 Jun 2026, 20:00-21:30 (UTC-04:00) is cancelled, your time",
    )
    sent = send_updates(database, DelegationScope(program.santiago.name), plain_server)
    assert [i.recipient_email for i in sent.sent] == [program.sofia.email]
    (vevent, *_) = read_calendar(plain_server.mailbox.messages[-1]).walk("VEVENT")
    assert int(vevent["SEQUENCE"]) == 1
    # The others were not told yet.
    assert len(change_report(database).changes) == 3


def test_the_commands_report_and_send_updates_once(
    database_url: str,
    program: Program,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outbox = tmp_path / "outbox"
    db = ["--db", database_url]
    sender = ["--from", f"{SENDER.name} <{SENDER.email}>"]
    assert (
        main(
            [
                *db,
                "send",
                "invitations",
                "--event",
                program.workshop.uid,
                *sender,
                "--outbox",
                str(outbox),
            ]
        )
        == 0
    )
    assert main([*db, "changes"]) == 0
    assert "Everyone has been told the program as it is now." in capsys.readouterr().out
    from cpp_scheduler.store import open_database

    database = open_database(database_url)
    try:
        move_workshop(database, program, timedelta(hours=2))
    finally:
        database.close()
    assert main([*db, "changes", "--delegation", program.lima.name, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(row["email"] for row in rows) == sorted([program.ana.email, program.bruno.email])
    assert all(row["change"] == "changed" and row["method"] == "REQUEST" for row in rows)
    assert all(row["details"][0].startswith("moved from Tue 09 Jun 2026") for row in rows)
    assert main([*db, "changes"]) == 0
    text = capsys.readouterr().out
    assert "Maya Shrestha <maya@kathmandu.gov.np>, Kathmandu" in text
    assert "(changed, REQUEST)" in text
    # The event named by its id, as the window and the program file know it, or its UID.
    assert main([*db, "changes", "--event", program.workshop.id]) == 0
    assert capsys.readouterr().out == text

    updates = [*db, "send", "updates", *sender, "--outbox", str(outbox)]
    assert main([*updates, "--dry-run"]) == 0
    assert "4 to send" in capsys.readouterr().out
    assert main(updates) == 0
    assert "sent 4 of 4 updates" in capsys.readouterr().out
    assert main(updates) == 0
    assert "sent 0 of 0 updates" in capsys.readouterr().out
    assert len(list(outbox.glob("*.eml"))) == 8


def test_a_tour_invites_its_delegation_to_its_events(
    database: Database, program: Program, plain_server: Server
) -> None:
    report = send(database, TourScope(program.tour.title), plain_server)
    assert sorted(plain_server.mailbox.recipients) == sorted(
        [program.ana.email, program.bruno.email] * 3
    )
    assert {i.event_uid for i in report.sent} == {
        program.opening.uid,
        program.workshop.uid,
        program.site_visit.uid,
    }
    with pytest.raises(Exception, match="no study tour is called 'Nowhere'"):
        invitations.plan_invitations(database, TourScope("Nowhere"), SENDER)


def test_messages_sent_before_the_ledger_kept_their_facts_count_by_sequence(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        session.execute(update(SentMessage).values(told=""))
    assert change_report(database).changes == ()
    move_workshop(database, program, timedelta(hours=1))
    report = change_report(database)
    assert len(report.changes) == 4
    assert {c.details for c in report.changes} == {
        ("rescheduled since it was sent (SEQUENCE 0 to 1)",)
    }


def test_a_participant_written_to_in_japanese_is_told_the_change_in_japanese(
    database: Database, program: Program, plain_server: Server
) -> None:
    with database.transaction() as session:
        session.execute(
            update(Participant).where(Participant.id == program.maya.id).values(language="ja")
        )
    send(database, EventScope(program.workshop.uid), plain_server)
    move_workshop(database, program, timedelta(days=1, hours=5))
    (maya,) = [c for c in change_report(database).changes if c.email == program.maya.email]
    assert maya.details == (
        "2026年6月9日(火) 05:45-08:45 (UTC+05:45) から 2026年6月10日(水) 10:45-13:45 "
        "(UTC+05:45) に変更（あなたの現地時刻）",
    )
    (ana,) = [c for c in change_report(database).changes if c.email == program.ana.email]
    assert ana.details[0].startswith("moved from ")  # each in their own language
    before = len(plain_server.mailbox.messages)
    send_updates(database, EventScope(program.workshop.uid), plain_server)
    (to_maya,) = [
        m
        for m in plain_server.mailbox.messages[before:]
        if parseaddr(str(m["To"]))[1] == program.maya.email
    ]
    text = body(to_maya, "plain")
    assert "変更点:" in text
    assert "2026年6月10日(水) 10:45-13:45 (UTC+05:45) に変更（あなたの現地時刻）" in text
    assert "What changed:" not in text


def test_someone_removed_told_and_added_back_is_invited_again(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        kenji = session.get(Participant, program.kenji.id)
        assert event is not None
        assert kenji is not None
        event.participants.remove(kenji)
    send_updates(database, None, plain_server)
    (cancellation,) = [
        m
        for m in plain_server.mailbox.messages
        if parseaddr(str(m["To"]))[1] == program.kenji.email
    ][1:]
    assert str(read_calendar(cancellation)["METHOD"]) == "CANCEL"
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        kenji = session.get(Participant, program.kenji.id)
        assert event is not None
        assert kenji is not None
        event.participants.append(kenji)

    # Kenji's calendar has no workshop now: sending invitations invites him again, as
    # the change report says, and nobody else.
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert [inv.recipient_email for inv in plan.to_send] == [program.kenji.email]
    assert plan.already_sent == 3
    before = len(plain_server.mailbox.messages)
    report = send(database, EventScope(program.workshop.uid), plain_server)
    assert [inv.recipient_email for inv in report.sent] == [program.kenji.email]
    (invitation,) = plain_server.mailbox.messages[before:]
    assert parseaddr(str(invitation["To"]))[1] == program.kenji.email
    assert str(read_calendar(invitation)["METHOD"]) == "REQUEST"
    assert str(invitation["Subject"]).startswith("Invitation: ")
    assert change_report(database).changes == ()
    again = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert again.to_send == ()


def test_the_report_prints_a_name_with_a_line_break_on_one_line(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        ana = session.get(Participant, program.ana.id)
        event = session.get(Event, program.workshop.id)
        assert ana is not None
        assert event is not None
        ana.name = "Ana\nQuispe"
        event.title = "Urban resilience\nworkshop"
    move_workshop(database, program, timedelta(hours=2))
    assert main(["--db", database_url, "changes", "--delegation", program.lima.name]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"Ana\\nQuispe <{program.ana.email}>, {program.lima.name}: 1 change" in lines
    assert "  Urban resilience\\nworkshop (changed, REQUEST)" in lines
    assert not [line for line in lines if line.startswith(("Quispe", "workshop"))]
    *people, summed = [line for line in lines if not line.startswith(" ")]
    assert len(people) == 2  # Ana and Bruno
    assert summed == "2 changes to tell 2 participants."


def test_a_shortened_series_says_which_meetings_no_longer_take_place_in_words(
    database: Database, program: Program, plain_server: Server
) -> None:
    """The series (third Wednesdays, February to July; March cancelled) loses June and
    July: its update says July no longer takes place, says nothing of June (told
    cancelled already, and a meeting the rule no longer has cannot take place again),
    and gives the new rule by its meetings, never as RRULE text."""
    send(database, EventScope(program.series.uid), plain_server)
    june = local("Asia/Tokyo", 2026, 6, 17, 9, 0)
    with database.transaction() as session:
        series = session.get(Event, program.series.id)
        assert series is not None
        series.changes.append(OccurrenceOverride(recurrence_id=june, cancelled=True))
    send_updates(database, EventScope(program.series.uid), plain_server)
    with database.transaction() as session:
        series = session.get(Event, program.series.id)
        assert series is not None
        series.recurrence_rule = "FREQ=MONTHLY;BYDAY=3WE;UNTIL=20260531"
    report = change_report(database, DelegationScope(program.santiago.name))
    (sofia,) = report.changes
    # Santiago's clock: 09:00 in Tokyo is 21:00 (UTC-3) or 20:00 (UTC-4) the day before.
    assert sofia.details == (
        "the series now has 4 meetings from Tue 17 Feb 2026 to Tue 19 May 2026 "
        "(before: 6 meetings from Tue 17 Feb 2026 to Tue 14 Jul 2026)",
        "the meeting of Tue 14 Jul 2026, 20:00-21:30 (UTC-04:00) no longer takes place, your time",
    )
    before = len(plain_server.mailbox.messages)
    send_updates(database, DelegationScope(program.santiago.name), plain_server)
    (message,) = plain_server.mailbox.messages[before:]
    text = body(message, "plain")
    assert "no longer takes place" in text
    assert "takes place again" not in text
    assert "FREQ=" not in text
    (vevent, *_) = read_calendar(message).walk("VEVENT")
    assert "UNTIL=20260520" in vevent["RRULE"].to_ical().decode()  # the last meeting's day


def test_a_meeting_cancelled_again_in_place_takes_place_again_on_the_readers_clock(
    database: Database, program: Program, plain_server: Server
) -> None:
    """March, cancelled when the invitation went, is held again: said on their clock."""
    send(database, EventScope(program.series.uid), plain_server)
    march = local("Asia/Tokyo", 2026, 3, 18, 9, 0)
    with database.transaction() as session:
        series = session.get(Event, program.series.id)
        assert series is not None
        series.changes = [change for change in series.changes if change.recurrence_id != march]
    report = change_report(database, DelegationScope(program.santiago.name))
    (sofia,) = report.changes
    assert sofia.details == (
        "the meeting of Tue 17 Mar 2026, 21:00-22:30 (UTC-03:00) takes place again, your time",
    )


def test_a_participant_added_to_a_series_is_told_its_first_meeting_still_held(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Ana joins the monthly series once its February meeting is cancelled: March is
    cancelled too and April moved to Thursday 11:00, so she is told it starts then, on
    her Lima clock, never on a meeting called off; the update she is sent says so too."""
    send(database, EventScope(program.series.uid), plain_server)
    february = local("Asia/Tokyo", 2026, 2, 18, 9, 0)
    with database.transaction() as session:
        series = session.get(Event, program.series.id)
        ana = session.get(Participant, program.ana.id)
        assert series is not None
        assert ana is not None
        series.changes.append(OccurrenceOverride(recurrence_id=february, cancelled=True))
        series.participants.append(ana)
    assert main(["--db", database_url, "changes", "--event", program.series.uid]) == 0
    printed = capsys.readouterr().out
    ana_lines = printed.split(f"<{program.ana.email}>", 1)[1].splitlines()
    assert ana_lines[1:3] == [
        f"  {program.series.title} (added, REQUEST)",
        "    not sent yet: Wed 15 Apr 2026, 21:00-22:30 (UTC-05:00), their time",
    ]
    assert "Feb 2026" not in "\n".join(ana_lines[:3])

    before = len(plain_server.mailbox.messages)
    send_updates(database, EventScope(program.series.uid), plain_server)
    (invitation,) = [
        m
        for m in plain_server.mailbox.messages[before:]
        if parseaddr(str(m["To"]))[1] == program.ana.email
    ]
    assert str(invitation["Subject"]).startswith("Invitation: ")


def test_a_participant_added_to_a_series_whose_meetings_are_all_cancelled_is_told_so(
    database: Database, program: Program, plain_server: Server
) -> None:
    """A series whose every meeting is called off, the event itself not cancelled: the
    participant added is told no meeting takes place rather than any date."""
    send(database, EventScope(program.series.uid), plain_server)
    with database.transaction() as session:
        series = session.get(Event, program.series.id)
        ana = session.get(Participant, program.ana.id)
        assert series is not None
        assert ana is not None
        for change in series.changes:
            change.cancelled, change.start_utc, change.end_utc = True, None, None
        series.changes.extend(
            OccurrenceOverride(recurrence_id=meeting.recurrence_id, cancelled=True)
            for meeting in series.occurrences()
            if not meeting.moved
        )
        series.participants.append(ana)
    report = change_report(database, EventScope(program.series.uid))
    (added,) = [c for c in report.changes if c.email == program.ana.email]
    assert added.kind is ChangeKind.ADDED
    assert added.details == ("not sent yet: every meeting of the series is cancelled",)


def test_the_summary_counts_changes_and_people_in_the_singular_too() -> None:
    from cpp_scheduler.services.changes import Change, ChangeKind, ChangeReport, report_summary

    def change(email: str, event: str) -> Change:
        return Change("p", "Ana", email, "", event, f"{event}@x", "Kobe", ChangeKind.CHANGED, ())

    assert report_summary(ChangeReport(())) == "Everyone has been told the program as it is now."
    one = ChangeReport((change("ana@example.pe", "e1"),))
    assert report_summary(one) == "1 change to tell 1 participant."
    two = ChangeReport((change("ana@example.pe", "e1"), change("ana@example.pe", "e2")))
    assert report_summary(two) == "2 changes to tell 1 participant."


def test_a_series_given_another_weekday_is_told_by_its_new_meetings_not_as_meetings_gone(
    database: Database, program: Program, plain_server: Server
) -> None:
    """The series (third Wednesdays; March cancelled, April moved to Thursday 11:00)
    becomes third Thursdays, saved as the window saves it: each meeting follows to its
    Thursday, March still cancelled, April still at Thursday 11:00. The update says the
    series' new meetings; it said each Wednesday "no longer takes place", the moved April
    meeting among them, though it is held where Sofía was told it is."""
    send(database, EventScope(program.series.uid), plain_server)
    with database.session() as session:
        version = session.get(Event, program.series.id).version  # type: ignore[union-attr]
    editing.change(
        database,
        Event,
        program.series.id,
        {"recurrence_rule": "FREQ=MONTHLY;BYDAY=3TH;COUNT=6"},
        version,
    )

    (sofia,) = change_report(database, DelegationScope(program.santiago.name)).changes
    assert sofia.details == (
        "the series now has 6 meetings from Wed 18 Feb 2026 to Wed 15 Jul 2026 "
        "(before: 6 meetings from Tue 17 Feb 2026 to Tue 14 Jul 2026)",
    )
