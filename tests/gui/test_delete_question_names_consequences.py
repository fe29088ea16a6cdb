"""The question before a deletion says what the deletion changes besides what it deletes:
the events that lose the venue or the delegation, the participants that lose their
delegation, and how many participants already sent those events will be due an update."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from gui_support import (
    JANUARY_NINE_TOKYO,
    Messages,
    add_event,
    invited_event_question,
    rows_read,
)
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.transports import OutboxTransport
from cpp_scheduler.model import Delegation, Event, EventKind, Participant, ParticipantRole, Venue
from cpp_scheduler.services import editing, invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database

SENDER = Organizer("TDLC CPP team", "cpp@tdlc.example.org")


def asked(window: MainWindow, messages: Messages, kind: str, record_id: str, title: str) -> str:
    """The question the window asks before deleting the record (declined)."""
    count = len(messages.questions)
    messages.answer = False
    window.delete_record(kind, record_id, title)
    rows_read(window)
    assert len(messages.questions) == count + 1
    return messages.questions[-1]


def test_the_question_names_the_events_and_people_a_deletion_changes(
    window: MainWindow, program: Database, messages: Messages, tmp_path: Path
) -> None:
    hall = editing.create(program, Venue, {"name": "Hall A", "locality": "Tokyo", "capacity": 50})
    lima = editing.create(
        program, Delegation, {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    )
    ana, _bruno = (
        editing.create(
            program,
            Participant,
            {"name": name, "email": email, "role": ParticipantRole.OFFICIAL, "delegation_id": lima},
        )
        for name, email in (("Ana Flores", "ana@example.pe"), ("Bruno Salas", "bruno@example.pe"))
    )
    titles = ["Budget review", "Closing plenary", "Drainage workshop", "Evacuation drill"]
    titles += ["Flood maps", "Green roofs", "Housing tour"]
    events = [
        add_event(
            program,
            title,
            JANUARY_NINE_TOKYO + timedelta(days=2, hours=hour),
            1,
            kind=EventKind.WORKSHOP,
            venue_id=hall,
            **({"delegation_ids": [lima], "participant_ids": [ana]} if hour == 0 else {}),
        )
        for hour, title in enumerate(titles)
    ]
    with program.reading() as session:
        budget_review = session.get(Event, events[0])
        assert budget_review is not None
        budget_review_uid = budget_review.uid
    window.reload()
    rows_read(window)

    # Nobody sent anything yet: what changes, and no word of updates.
    question = asked(window, messages, "venue", hall, "Hall A")
    assert question.startswith("Delete the venue 'Hall A'?\n\n")
    assert (
        "7 events lose their venue: 'Budget review', 'Closing plenary', "
        "'Drainage workshop', 'Evacuation drill', 'Flood maps' and 2 more." in question
    )
    assert "Housing tour" not in question
    assert "update" not in question
    assert question.endswith("You can undo this (Ctrl+Z).")

    # Ana and Bruno were sent the budget review: the new place is theirs to be told.
    plan = invitations.plan_invitations(program, EventScope(budget_review_uid), SENDER)
    invitations.send_batch(program, plan.to_send, OutboxTransport(tmp_path))
    assert {invitation.recipient_email for invitation in plan.to_send} == {
        "ana@example.pe",
        "bruno@example.pe",
    }
    question = asked(window, messages, "venue", hall, "Hall A")
    assert (
        "2 participants were sent these events and will be due an update "
        "(Tools > Send updates…)." in question
    )

    # The delegation: its event and its members lose it; Bruno, invited through it
    # alone, is due word that he no longer attends, Ana keeps her own invitation.
    question = asked(window, messages, "delegation", lima, "Lima housing")
    assert "1 event loses its delegation: 'Budget review'." in question
    assert "2 participants lose their delegation: 'Ana Flores', 'Bruno Salas'." in question
    assert (
        "1 participant was sent one of these events and will be due an update "
        "(Tools > Send updates…)." in question
    )

    # A record nothing refers to: the question as it always was.
    spare = editing.create(program, Venue, {"name": "Spare room", "locality": "Tokyo"})
    assert asked(window, messages, "venue", spare, "Spare room") == (
        "Delete the venue 'Spare room'?\n\n"
        "Its links to other records go with it. You can undo this (Ctrl+Z)."
    )
    assert messages.errors == []


def test_in_japanese_people_left_unnamed_are_counted_as_people(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    lima = editing.create(
        program, Delegation, {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    )
    names = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Félix", "Gloria", "Hugo"]
    for name in names:
        editing.create(
            program,
            Participant,
            {
                "name": f"{name} Flores",
                "email": f"{name.lower()}@example.pe",
                "delegation_id": lima,
            },
        )
    translations.install(i18n.JAPANESE)
    try:
        question = asked(window, messages, "delegation", lima, "Lima housing")
    finally:
        translations.install(i18n.ENGLISH)
    # Eight members, five named: the other three are people (人), not things (件).
    assert "参加者8人が代表団から外れます" in question
    assert "ほか3人" in question
    assert "ほか3件" not in question


def _printed(capsys: pytest.CaptureFixture[str], database: Database, *arguments: str) -> Any:
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["--db", url, *arguments, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_command_line_tells_what_the_question_tells(
    qtbot: QtBot,
    window: MainWindow,
    program: Database,
    messages: Messages,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``records KIND --deletion NAME`` and ``events deletion UID`` read what the question
    is worded from: the same records changed, counted and named, the same participants
    due an update, the same invitations left standing."""
    hall = editing.create(program, Venue, {"name": "Hall A", "locality": "Tokyo", "capacity": 50})
    lima = editing.create(
        program, Delegation, {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    )
    ana = editing.create(
        program,
        Participant,
        {
            "name": "Ana Flores",
            "email": "ana@example.pe",
            "role": ParticipantRole.OFFICIAL,
            "delegation_id": lima,
        },
    )
    review = add_event(
        program,
        "Budget review",
        JANUARY_NINE_TOKYO + timedelta(days=2),
        1,
        venue_id=hall,
        delegation_ids=[lima],
        participant_ids=[ana],
    )
    add_event(program, "Closing plenary", JANUARY_NINE_TOKYO + timedelta(days=3), 1, venue_id=hall)
    with program.reading() as session:
        review_uid = session.get(Event, review).uid  # type: ignore[union-attr]
    plan = invitations.plan_invitations(program, EventScope(review_uid), SENDER)
    invitations.send_batch(program, plan.to_send, OutboxTransport(tmp_path))
    window.reload()
    rows_read(window)

    venue = _printed(capsys, program, "records", "venues", "--deletion", "hall a")
    assert venue["changes"] == [
        {
            "kind": "event",
            "count": 2,
            "loses": "venue",
            "first": ["Budget review", "Closing plenary"],
        }
    ]
    assert venue["updates_due"] == 1
    question = asked(window, messages, "venue", hall, "Hall A")
    assert "2 events lose their venue: 'Budget review', 'Closing plenary'." in question
    assert "1 participant was sent one of these events and will be due an update" in question

    event = _printed(capsys, program, "events", "deletion", review_uid)
    assert event["standing_invitations"] == {"participants": 1, "events": 1}
    assert event["changes"] == []
    assert event["deletes_along"] == []
    window.select_event(review)
    window.delete_selected()
    box = invited_event_question(qtbot)
    # One participant, in the singular (the question once said "for 1 participants").
    assert box.text() == "Invitations to 'Budget review' still stand for 1 participant."
    box.reject()  # kept
    capsys.readouterr()
    url = program.url.render_as_string(hide_password=False)
    assert main(["--db", url, "events", "deletion", review_uid]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Deleting the event 'Budget review':",
        "  Invitations to 'Budget review' still stand for 1 participant.",
    ]

    # The command says each fact in the question's own sentence, a line each.
    assert main(["--db", url, "records", "delegations", "--deletion", "Lima housing"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "Deleting the delegation 'Lima housing':",
        "  1 event loses its delegation: 'Budget review'.",
        "  1 participant loses their delegation: 'Ana Flores'.",
    ]
    question = asked(window, messages, "delegation", lima, "Lima housing")
    paragraphs = question.split("\n\n")
    assert paragraphs[1].splitlines() == [line.strip() for line in printed[1:]]

    assert main(["--db", url, "records", "venues", "--deletion", "hall a"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[1:] == [
        "  2 events lose their venue: 'Budget review', 'Closing plenary'.",
        "  1 participant was sent one of these events and will be due an update "
        "(cpp-scheduler send updates).",
    ]
    assert messages.errors == []


def test_deleting_a_route_names_the_tour_legs_the_check_then_cannot_judge(
    window: MainWindow, program: Database, messages: Messages, capsys: pytest.CaptureFixture[str]
) -> None:
    """A leg is tied to the travel-time table by its places and mode, not by a link: the
    question (and ``records travel-times --deletion``) names the leg that loses its
    journey, which the check then says "cannot be checked"; a route the leg does not use
    names none."""
    from datetime import UTC, date, datetime

    from cpp_scheduler.model import StudyTour, TravelLeg, TravelMode, TravelTime

    by_rail = editing.create(
        program,
        TravelTime,
        {"origin": "Sendai", "destination": "Niigata", "mode": TravelMode.RAIL, "minutes": 120},
    )
    by_air = editing.create(
        program,
        TravelTime,
        {"origin": "Sendai", "destination": "Niigata", "mode": TravelMode.AIR, "minutes": 70},
    )
    lima = editing.create(
        program, Delegation, {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    )
    tour = editing.create(
        program,
        StudyTour,
        {
            "title": "Lima study tour",
            "delegation_id": lima,
            "start_date": date(2027, 3, 10),
            "end_date": date(2027, 3, 12),
        },
    )
    editing.create(
        program,
        TravelLeg,
        {
            "tour_id": tour,
            "origin": "Niigata",
            "destination": "Sendai",
            "mode": TravelMode.RAIL,
            "departure_utc": datetime(2027, 3, 11, 0, 30, tzinfo=UTC),
            "arrival_utc": datetime(2027, 3, 11, 2, 30, tzinfo=UTC),
        },
    )
    leg = "Niigata → Sendai on Thu 11 Mar 2027 ('Lima study tour')"

    question = asked(window, messages, "travel_time", by_rail, "Sendai–Niigata by rail")
    assert f"The conflict check then cannot judge the tour leg whose journey it gives: {leg}." in (
        question
    )
    assert "tour leg" not in asked(window, messages, "travel_time", by_air, "by air")
    capsys.readouterr()
    db = ["--db", str(program.url.database)]
    assert main([*db, "records", "travel-times", "--deletion", by_rail, "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["unchecked_legs"] == {"count": 1, "first": [leg]}
