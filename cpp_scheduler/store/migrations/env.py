"""Alembic's entry point: runs revisions on the connection the program hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from cpp_scheduler.model import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Used when a developer runs `alembic` by hand with -x url=... to write a revision.
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///revision.sqlite")
    with create_engine(url).begin() as own_connection:
        _run(own_connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
