"""Schema changes, only through Alembic revisions in ``versions/``.

Opening a database brings it to the newest revision this program knows. A SQLite file is
copied aside before an upgrade, so a failed or regretted upgrade loses nothing; a database
stamped with a revision this program does not know was written by a newer version and is
refused untouched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.engine import URL

from cpp_scheduler.errors import SchedulerError

MIGRATIONS_DIR = Path(__file__).resolve().parent


class SchemaError(SchedulerError):
    """The database's schema cannot be brought to this program's version."""


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the program ships at least one migration"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def backup_sqlite(database: str, revision: str) -> Path:
    """Copy a SQLite database (WAL included) next to itself before changing its schema."""
    source = Path(database)
    target = source.with_name(f"{source.name}.before-upgrade-from-{revision}.bak")
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    return target


def upgrade_to_head(engine: Engine, url: URL) -> bool:
    """Bring the database to the newest schema; True when it was empty before."""
    head = head_revision()
    scripts = ScriptDirectory.from_config(alembic_config())
    where = url.render_as_string(hide_password=True) if url.database else str(url)
    if url.get_backend_name() == "sqlite":
        where = str(url.database)
    with engine.connect() as connection:
        current = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
    if current == head:
        return False
    if current is None and tables - {"alembic_version"}:
        raise SchemaError(
            f"{where} holds tables but is not a CPP Scheduler database; "
            "choose another file or an empty database"
        )
    if current is not None:
        try:
            scripts.get_revision(current)
        except Exception as error:  # alembic raises several kinds for an unknown id
            raise SchemaError(
                f"{where} was written by a newer CPP Scheduler (schema {current}); "
                f"this version knows schemas up to {head}: update the program to open it"
            ) from error
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            backup_sqlite(str(url.database), current)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    return current is None
