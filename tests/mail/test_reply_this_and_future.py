"""An answer to a meeting of a series with ``RECURRENCE-ID;RANGE=THISANDFUTURE`` holds
for that meeting and every later one (RFC 5546 section 3.2.3; Outlook's "this and
following events"): each of them is recorded, the cancelled ones left out, and the
lists show it for each. It was recorded for the one meeting named, every later one
still showing "no answer"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server

# The monthly series meets on the third Wednesday at 09:00 in Tokyo from February to
# July 2026; March is cancelled, April moved to the Thursday at 11:00.
FEBRUARY = local("Asia/Tokyo", 2026, 2, 18, 9, 0)
APRIL = local("Asia/Tokyo", 2026, 4, 15, 9, 0)
MAY = local("Asia/Tokyo", 2026, 5, 20, 9, 0)
JUNE = local("Asia/Tokyo", 2026, 6, 17, 9, 0)
JULY = local("Asia/Tokyo", 2026, 7, 15, 9, 0)


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    send(database, EventScope(program.series.uid), plain_server)
    return read_calendar(plain_server.mailbox.messages[0])


def _from_here_on(calendar: bytes, range_: str = "THISANDFUTURE") -> bytes:
    return calendar.replace(b"RECURRENCE-ID:", f"RECURRENCE-ID;RANGE={range_}:".encode(), 1)


def _meetings_answered(database: Database, program: Program, email: str) -> dict[object, str]:
    """What ``replies list --invited`` shows of one person: each meeting's answer."""
    listing = replies.listed_answers(database, event_uid=program.series.uid, invited=True)
    return {row.meeting: row.answer for row in listing.rows if row.email == email}


def test_an_answer_from_a_meeting_on_is_recorded_for_each_later_meeting(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "sofia.ics"
    path.write_bytes(
        _from_here_on(
            reply_calendar(invitation, program.sofia.email, "ACCEPTED", recurrence_id=APRIL)
        )
    )
    assert main(["--db", database_url, "replies", "import", str(path)]) == 0
    out, _err = capsys.readouterr()
    accepted = f"Sofía Muñoz <{program.sofia.email}> accepted '{program.series.title}'"
    assert out.splitlines() == [
        f"{accepted} (meeting of Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 Apr 2026 09:00)",
        f"{accepted} (meeting of Wed 20 May 2026 09:00, Tokyo)",
        f"{accepted} (meeting of Wed 17 Jun 2026 09:00, Tokyo)",
        f"{accepted} (meeting of Wed 15 Jul 2026 09:00, Tokyo)",
        "4 recorded, 0 refused",
    ]
    assert _meetings_answered(database, program, program.sofia.email) == {
        None: "no answer",  # February, before the meeting answered from
        APRIL: "accepted",
        MAY: "accepted",
        JUNE: "accepted",
        JULY: "accepted",
    }


def test_a_cancelled_later_meeting_is_passed_over_and_a_later_answer_to_one_kept(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """From February on takes in March, cancelled: left out, not a refusal. Sofía had
    declined June afterwards: her answer from February on, older, leaves June declined
    and says so, naming the meeting."""
    june = tmp_path / "1-june.ics"
    june.write_bytes(
        reply_calendar(
            invitation,
            program.sofia.email,
            "DECLINED",
            recurrence_id=JUNE,
            stamp=datetime(2026, 5, 2, tzinfo=UTC),
        )
    )
    onwards = tmp_path / "2-onwards.ics"
    onwards.write_bytes(
        _from_here_on(
            reply_calendar(
                invitation,
                program.sofia.email,
                "TENTATIVE",
                recurrence_id=FEBRUARY,
                stamp=datetime(2026, 5, 1, tzinfo=UTC),
            )
        )
    )
    report = replies.import_replies(database, [june, onwards])
    assert [(reply.meeting, reply.answer) for reply in report.recorded] == [
        (JUNE, "declined"),
        (FEBRUARY, "tentative"),
        (APRIL, "tentative"),
        (MAY, "tentative"),
        (JULY, "tentative"),
    ]
    assert report.refused == [
        f"{onwards}: '{program.sofia.email}' answered the meeting of "
        f"'{program.series.title}' on Wed 17 Jun 2026 09:00, Tokyo later (declined); this "
        "earlier answer is not recorded"
    ]
    assert _meetings_answered(database, program, program.sofia.email) == {
        None: "no answer",
        FEBRUARY: "tentative",
        APRIL: "tentative",
        MAY: "tentative",
        JUNE: "declined",
        JULY: "tentative",
    }


def test_a_range_no_answer_can_hold_for_is_refused(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """THISANDPRIOR, which RFC 5545 no longer allows: recorded for the one meeting, it
    would leave the earlier ones saying nothing of what the person meant."""
    path = tmp_path / "prior.ics"
    path.write_bytes(
        _from_here_on(
            reply_calendar(invitation, program.sofia.email, "ACCEPTED", recurrence_id=MAY),
            "THISANDPRIOR",
        )
    )
    report = replies.import_replies(database, [path])
    assert report.refused == [
        f"{path}: RECURRENCE-ID has the RANGE 'THISANDPRIOR'; an answer holds for one "
        "meeting, or with RANGE=THISANDFUTURE for it and every later one"
    ]
    assert replies.attendance(database) == []
