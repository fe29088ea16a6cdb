"""``replies import`` says of each answer it records what it answered for, in the words
``replies list`` then lists it in: every meeting of a series, one meeting with its
time, or nothing more for a one-off event. An answer to a whole series read on the
import's line like one to a single event, and beside an answer to one of its meetings
like a second answer of a different reach."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.backends import EACH_BACKEND, backend_url
from tests.ical.program import Program, local
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server

MAY = local("Asia/Tokyo", 2026, 5, 20, 9, 0)
"""The May meeting of the series, where its rule puts it."""


@pytest.fixture(params=EACH_BACKEND)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Whether the event is a series is read where the answer is recorded: on each
    backend."""
    return backend_url(request, tmp_path)


def _invitation(server: Server, email: str, title: str) -> icalendar.Calendar:
    (message,) = [
        m for m in server.mailbox.messages if email in str(m["To"]) and title in str(m["Subject"])
    ]
    return read_calendar(message)


def test_each_line_of_an_import_says_what_the_answer_is_for_as_the_list_says_it(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    series, workshop = program.series.title, program.workshop.title
    send(database, EventScope(program.series.uid), plain_server)
    send(database, EventScope(program.workshop.uid), plain_server)
    folder = tmp_path / "replies"
    folder.mkdir()
    sofia = _invitation(plain_server, program.sofia.email, series)
    (folder / "a_sofia.ics").write_bytes(reply_calendar(sofia, program.sofia.email, "ACCEPTED"))
    priya = _invitation(plain_server, program.priya.email, series)
    (folder / "b_priya.ics").write_bytes(
        reply_calendar(priya, program.priya.email, "DECLINED", recurrence_id=MAY)
    )
    maya = _invitation(plain_server, program.maya.email, workshop)
    (folder / "c_maya.ics").write_bytes(reply_calendar(maya, program.maya.email, "ACCEPTED"))
    db = ["--db", database_url]

    assert main([*db, "replies", "import", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Sofía Muñoz <{program.sofia.email}> accepted '{series}' (every meeting)",
        f"Priya Sen <{program.priya.email}> declined '{series}' (meeting of Wed 20 May 2026 "
        "09:00, Tokyo)",
        f"Maya Shrestha <{program.maya.email}> accepted '{workshop}'",
        "3 recorded, 0 refused",
    ]
    assert main([*db, "replies", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{series} (every meeting): Sofía Muñoz <{program.sofia.email}> accepted",
        f"{series} (meeting of Wed 20 May 2026 09:00, Tokyo): Priya Sen "
        f"<{program.priya.email}> declined",
        f"{workshop}: Maya Shrestha <{program.maya.email}> accepted",
        "Answers recorded: 3; still standing: 3.",
    ]
