"""The mail tests' program and plain SMTP server.

What a message says is made from what the program holds, whichever database holds it:
these tests run on SQLite files. Where the database itself takes part (the ledger
against a colleague's batch, a lock, a lost server), a test runs on each backend
(``test_send_still_due``) or on PostgreSQL alone (``postgres_url``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program
from tests.mail.smtpserver import Server, smtp_server


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A SQLite file: see above."""
    return str(tmp_path / "program.sqlite")


@pytest.fixture
def program(database: Database) -> Program:
    with database.transaction() as session:
        return build_program(session)


@pytest.fixture
def plain_server() -> Iterator[Server]:
    with smtp_server(starttls=False) as server:
        yield server
