"""Revision 0015: replies keep whom an invitation was delegated to. A program from before
it opens with every answer it held, none of them delegated, and records a delegation;
undone, it drops the delegations, which the program before it cannot show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, select

from cpp_scheduler.model import Event, Participant, Reply
from cpp_scheduler.services import replies
from cpp_scheduler.store import migrations, open_database
from cpp_scheduler.store.database import create_store_engine, resolve_url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    bare = create_store_engine(resolve_url(database_url))
    yield bare
    bare.dispose()


def _run(engine: Engine, action: str, revision: str) -> None:
    with engine.begin() as connection:
        getattr(command, action)(migrations.alembic_config(connection), revision)


def _reply_columns(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return {column["name"] for column in inspect(connection).get_columns("replies")}


def test_answers_from_before_delegations_were_kept_still_count_and_a_delegation_is_kept(
    engine: Engine, database_url: str
) -> None:
    store = open_database(database_url)
    with store.transaction() as session:
        event = Event(
            title="Resilient cities exchange",
            start_utc=datetime(2027, 1, 20, 8, tzinfo=UTC),
            end_utc=datetime(2027, 1, 20, 9, 30, tzinfo=UTC),
        )
        ana = Participant(name="Ana Quispe", email="ana@lima.example")
        maya = Participant(name="Maya Shrestha", email="maya@ktm.example")
        event.participants = [ana, maya]
        session.add(event)
        session.flush()
        session.add(
            Reply(
                participant_id=ana.id, event_id=event.id, answer="DECLINED",
                replied_at=datetime(2027, 1, 10, tzinfo=UTC),
            )
        )  # fmt: skip
        uid, maya_id, event_id = event.uid, maya.id, event.id
    store.close()
    _run(engine, "downgrade", "0014")
    assert "delegated_to" not in _reply_columns(engine)

    store = open_database(database_url)  # upgraded on opening, as a coordinator would
    assert "delegated_to" in _reply_columns(engine)
    with store.transaction() as session:
        assert session.scalars(select(Reply.delegated_to)).all() == [None]
        session.add(
            Reply(
                participant_id=maya_id, event_id=event_id, answer="DELEGATED",
                delegated_to="ana@lima.example\nram@ktm.example",
                replied_at=datetime(2027, 1, 11, tzinfo=UTC),
            )
        )  # fmt: skip
    answers = {
        row.participant: replies.row_answer(row)
        for row in replies.invited_answers(store, event_uid=uid)
    }
    assert answers == {
        "Ana Quispe": "declined",
        "Maya Shrestha": "delegated to Ana Quispe <ana@lima.example> (invited already), "
        "ram@ktm.example (not in the program: add this address as a participant and "
        "invite them)",
    }
    store.close()

    _run(engine, "downgrade", "0014")  # the delegation goes, the answer before it stays
    store = open_database(database_url)
    with store.session() as session:
        kept = session.execute(select(Reply.answer, Reply.delegated_to)).all()
    assert [tuple(row) for row in kept] == [("DECLINED", None)]
    store.close()
