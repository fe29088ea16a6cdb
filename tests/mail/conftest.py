"""The mail tests' program and plain SMTP server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program
from tests.mail.smtpserver import Server, smtp_server


@pytest.fixture
def program(database: Database) -> Program:
    with database.transaction() as session:
        return build_program(session)


@pytest.fixture
def plain_server() -> Iterator[Server]:
    with smtp_server(starttls=False) as server:
        yield server
