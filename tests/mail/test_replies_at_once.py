"""Two coordinators record the same person's answers to one event at the same moment:
one answer stands, the later one, and the other import is told the earlier answer is
not recorded, on SQLite and on PostgreSQL. Never two answers side by side, of which a
later import would update either."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import icalendar
import pytest
from sqlalchemy import select

from cpp_scheduler.model.mail import Reply
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database, open_database
from tests.backends import EACH_BACKEND, backend_url
from tests.ical.program import Program
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


@pytest.fixture(params=EACH_BACKEND)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return backend_url(request, tmp_path)


def test_two_imports_of_one_persons_answers_at_once_keep_the_later_alone(
    database: Database,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    message = plain_server.mailbox.messages[0]
    invitation: icalendar.Calendar = read_calendar(message)
    email = parseaddr(str(message["To"]))[1]
    declined = tmp_path / "declined.ics"
    declined.write_bytes(
        reply_calendar(invitation, email, "DECLINED", stamp=datetime(2026, 5, 2, tzinfo=UTC))
    )
    accepted = tmp_path / "accepted.ics"
    accepted.write_bytes(
        reply_calendar(invitation, email, "ACCEPTED", stamp=datetime(2026, 5, 1, tzinfo=UTC))
    )

    # Aiko's import has looked for the person's answer, found none, and is about to add
    # one, when Kenji imports the earlier answer from his own computer.
    looked = threading.Event()
    go_on = threading.Event()
    known_answer = replies._known_answer

    def pausing(*arguments: Any) -> Any:
        found = known_answer(*arguments)
        if threading.current_thread().name == "aiko":
            looked.set()
            go_on.wait(timeout=30)
        return found

    monkeypatch.setattr(replies, "_known_answer", pausing)
    reports: dict[str, replies.ImportReport] = {}
    aiko = threading.Thread(
        name="aiko",
        target=lambda: reports.__setitem__("aiko", replies.import_replies(database, [declined])),
    )
    aiko.start()
    assert looked.wait(timeout=30)
    colleague = open_database(database.url.render_as_string(hide_password=False))
    kenji = threading.Thread(
        name="kenji",
        target=lambda: reports.__setitem__("kenji", replies.import_replies(colleague, [accepted])),
    )
    kenji.start()
    kenji.join(timeout=1)  # done at once where nothing makes it wait its turn
    go_on.set()
    aiko.join(timeout=30)
    kenji.join(timeout=30)
    colleague.close()

    with database.session() as session:
        stored = session.execute(select(Reply.answer)).scalars().all()
    assert stored == ["DECLINED"]
    assert len(reports["aiko"].recorded) == 1
    assert reports["kenji"].recorded == []
    (refused,) = reports["kenji"].refused
    assert "this earlier answer is not recorded" in refused
