"""A file carries the personal data of the people it is for, and nobody else's."""

from __future__ import annotations

from datetime import date

import pytest

from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import ExportOptions, Method, export_bytes
from tests.ical.program import Program, build_program


@pytest.fixture
def program() -> Program:
    return build_program()


def emails_in(content: scopes.CalendarContent, program: Program) -> set[str]:
    """Every participant's address found anywhere in the files, folded lines joined."""
    text = "".join(
        data.decode().replace("\r\n ", "")
        for _, data in export_bytes(content, ExportOptions(method=Method.REQUEST))
    ).lower()
    return {person.email for person in program.everyone if person.email.lower() in text}


ORGANISER = "gmiller@worldbank.org"  # Grace organises the workshop: the event's contact


def test_a_participants_file_names_only_that_participant(program: Program) -> None:
    content = scopes.participant_schedule(program.ana, program.events, [program.tour])
    assert emails_in(content, program) == {program.ana.email, ORGANISER}


def test_the_coordinator_can_ask_for_every_attendee(program: Program) -> None:
    content = scopes.participant_schedule(
        program.ana, program.events, [program.tour], with_attendees=True
    )
    assert {program.bruno.email, program.maya.email, program.kenji.email} <= emails_in(
        content, program
    )


def test_a_delegations_file_holds_its_own_members_only(program: Program) -> None:
    content = scopes.delegation_schedule(program.lima, program.events, [program.tour])
    # The Kobe workshop also has Maya (Kathmandu) and Kenji (Kobe): neither is named.
    assert program.workshop in content.events
    assert emails_in(content, program) == {program.ana.email, program.bruno.email, ORGANISER}


def test_a_tour_file_holds_the_delegations_members_only(program: Program) -> None:
    content = scopes.tour_schedule(program.tour)
    assert emails_in(content, program) == {program.ana.email, program.bruno.email, ORGANISER}


def test_an_event_or_program_file_names_nobody_unless_asked(program: Program) -> None:
    assert emails_in(scopes.one_event(program.series), program) == set()
    assert emails_in(scopes.program(program.events), program) == {ORGANISER}
    everyone = emails_in(scopes.one_event(program.series, with_attendees=True), program)
    assert everyone == {
        program.sofia.email,
        program.priya.email,
        program.maya.email,
        program.grace.email,
    }


def test_published_files_carry_no_attendees_at_all(program: Program) -> None:
    content = scopes.participant_schedule(program.ana, program.events, with_attendees=True)
    (document,) = export_bytes(content, ExportOptions())
    assert b"ATTENDEE" not in document[1]


def test_coordinators_notes_never_leave(program: Program) -> None:
    program.workshop.notes = "Interpreter fee still to be approved"
    for method in (Method.PUBLISH, Method.REQUEST):
        for _, data in export_bytes(
            scopes.one_event(program.workshop), ExportOptions(method=method)
        ):
            assert b"Interpreter fee" not in data.replace(b"\r\n ", b"")


def test_a_participant_gets_their_own_events_and_delegations(program: Program) -> None:
    content = scopes.participant_schedule(program.priya, program.events, [program.tour])
    assert {event.uid for event in content.events} == {program.series.uid, program.fold_event.uid}
    assert content.tours == []  # Priya's delegation has no tour
    assert content.viewer is not None
    assert content.viewer.zone == "Asia/Kolkata"


def test_a_date_range_keeps_events_by_their_own_local_dates(program: Program) -> None:
    june_9 = scopes.DateRange(date(2026, 6, 9), date(2026, 6, 9))
    content = scopes.program(program.events, [program.tour], dates=june_9)
    assert [event.uid for event in content.events] == [program.workshop.uid]
    assert content.tours == [program.tour]
    with pytest.raises(ValueError, match="ends"):
        scopes.DateRange(date(2026, 6, 9), date(2026, 6, 1))
