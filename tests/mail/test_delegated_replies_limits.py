"""A delegated answer within the program's limits (:data:`limits.MAX_DELEGATES`
colleagues, addresses no longer than an email address can be) is recorded; one past
them is refused in one line naming the file, and nothing of it is kept."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from cpp_scheduler import limits
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.delegation import delegation_reply
from tests.mail.helpers import read_calendar, send
from tests.mail.smtpserver import Server


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    send(database, EventScope(program.workshop.uid), plain_server)
    return read_calendar(plain_server.mailbox.messages[0])


def _colleagues(count: int) -> tuple[str, ...]:
    return tuple(f"colleague{number}@kathmandu.gov.np" for number in range(count))


def _answers(database: Database, program: Program) -> list[str]:
    return [
        row.answer
        for row in replies.invited_answers(database, event_uid=program.workshop.uid)
        if row.email == program.maya.email
    ]


def test_a_delegation_to_as_many_colleagues_as_allowed_is_recorded(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    path = tmp_path / "maya.ics"
    colleagues = _colleagues(limits.MAX_DELEGATES)
    path.write_bytes(delegation_reply(invitation, program.maya.email, colleagues))

    report = replies.import_replies(database, [path])

    assert report.refused == []
    (recorded,) = report.recorded
    assert [delegate.email for delegate in recorded.delegates] == list(colleagues)


def test_a_delegation_to_more_colleagues_is_refused_in_one_line(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    path = tmp_path / "maya.ics"
    path.write_bytes(
        delegation_reply(invitation, program.maya.email, _colleagues(limits.MAX_DELEGATES + 1))
    )

    report = replies.import_replies(database, [path])

    assert report.recorded == []
    assert report.refused == [
        f"{path}: '{program.maya.email}' delegated the invitation to 21 people; a reply "
        "names at most 20, and the answer is not recorded"
    ]
    assert _answers(database, program) == ["no answer"]


def test_a_delegate_longer_than_an_email_address_is_refused_shortened(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    path = tmp_path / "maya.ics"
    endless = "r" * 300 + "@kathmandu.gov.np"
    path.write_bytes(delegation_reply(invitation, program.maya.email, (endless,)))

    report = replies.import_replies(database, [path])

    assert report.recorded == []
    (line,) = report.refused
    assert line.startswith(f"{path}: '{program.maya.email}' delegated the invitation to 'rrr")
    assert line.endswith(
        "longer than an email address can be (254 characters); the answer is not recorded"
    )
    assert len(line) < len(str(path)) + 250  # the address is quoted shortened
    assert _answers(database, program) == ["no answer"]
