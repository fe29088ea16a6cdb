"""Revision 0017: the ledger keeps each recipient's delegation as it was when the message
went. A program from before it opens with each message it had sent read as gone to its
recipient's delegation then (the only one known), so the change report says what it said
before, and a delegation deleted after that leaves only its own members due an update."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, select

from cpp_scheduler.model import Delegation, SentMessage
from cpp_scheduler.services import removal
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import migrations, open_database
from cpp_scheduler.store.database import create_store_engine, resolve_url
from tests.mail.helpers import delegation_named, invite_delegation


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    bare = create_store_engine(resolve_url(database_url))
    yield bare
    bare.dispose()


def _ledger_columns(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return {column["name"] for column in inspect(connection).get_columns("sent_messages")}


def test_messages_sent_before_the_revision_went_their_recipients_delegations_way(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    store = open_database(database_url)
    load_demo(store)
    kenya = delegation_named(store, "Kenya")
    members = set(kenya.emails)
    assert invite_delegation(store, kenya, tmp_path / "outbox") == members
    store.close()
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), "0016")
    assert "delegation_id" not in _ledger_columns(engine)

    store = open_database(database_url)  # upgraded on opening, as a coordinator would
    try:
        with store.reading() as session:
            assert set(session.scalars(select(SentMessage.delegation_id))) == {kenya.id}
        assert change_report(store).changes == ()

        found = removal.to_delete(store, Delegation, kenya.id)
        removal.delete(store, Delegation, kenya.id, found.version)
        due = {change.email for change in change_report(store).changes}
        assert due == members
        assert found.updates_due == len(members)
    finally:
        store.close()
