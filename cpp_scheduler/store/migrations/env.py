"""Alembic's entry point: runs revisions on the connection the program hands over.

Run by hand (``alembic upgrade head``, ``alembic revision --autogenerate``, ``alembic
check``; see docs/migrations.md) it works on the database given with ``-x db=PATH_OR_URL``,
or on a scratch SQLite file, ``migrations-scratch.sqlite`` in the current folder.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from cpp_scheduler.model import Base

config = context.config
target_metadata = Base.metadata

SCRATCH_DATABASE = "migrations-scratch.sqlite"


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    import logging

    from cpp_scheduler.store.database import resolve_url

    logging.basicConfig(format="%(message)s")
    logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)
    arguments = context.get_x_argument(as_dictionary=True)
    url = resolve_url(arguments.get("db") or arguments.get("url") or SCRATCH_DATABASE)
    engine = create_engine(url)
    try:
        with engine.begin() as own_connection:
            _run(own_connection)
    finally:
        engine.dispose()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
