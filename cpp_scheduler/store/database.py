"""Opening the program's database: SQLite by default, PostgreSQL for a team.

The same code serves both. SQLite runs in WAL mode with foreign keys on, so the GUI can
read while a save is under way and a deleted venue cannot leave dangling references.
Every open brings the schema to the program's version through Alembic; a database written
by a newer program is refused rather than damaged.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

import cpp_scheduler.model  # noqa: F401  (maps the entities and installs the integrity rules)
from cpp_scheduler import APP_NAME, ORGANISATION
from cpp_scheduler.errors import SchedulerError

ENVIRONMENT_VARIABLE = "CPP_SCHEDULER_DB"
DEFAULT_FILE_NAME = "program.sqlite"


class StoreError(SchedulerError):
    """The database cannot be opened or used; the message names it and says why."""


def default_database_path() -> Path:
    """``program.sqlite`` in the platform's user data folder (created on first use)."""
    folder = Path(platformdirs.user_data_dir(APP_NAME, ORGANISATION))
    return folder / DEFAULT_FILE_NAME


def resolve_url(database: str | os.PathLike[str] | None = None) -> URL:
    """The SQLAlchemy URL for ``--db``: a path, a URL, the environment, or the default.

    ``postgresql://`` URLs use psycopg 3 whatever driver they name; anything that is not a
    URL is a SQLite file path.
    """
    text = os.fspath(database) if database is not None else os.environ.get(ENVIRONMENT_VARIABLE)
    if not text:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite+pysqlite", database=str(path))
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser()))
    try:
        url = make_url(text)
    except ArgumentError as error:
        raise StoreError(f"'{text}' is not a database URL or a file path") from error
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite":
        return url.set(drivername="sqlite+pysqlite")
    raise StoreError(
        f"'{url.render_as_string(hide_password=True)}' is neither a SQLite file "
        "nor a postgresql:// URL"
    )


def describe(url: URL) -> str:
    """How a message or the status bar names the database, without a password."""
    if url.get_backend_name() == "sqlite":
        return str(url.database) if url.database else "an in-memory database"
    return url.render_as_string(hide_password=True)


def _check_sqlite_location(url: URL) -> None:
    if not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"cannot open {path}: the folder {folder} does not exist")
    if path.exists():
        if path.is_dir():
            raise StoreError(f"cannot open {path}: it is a folder, not a database file")
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot open {path}: you may not read it")
    elif not os.access(folder, os.W_OK):
        raise StoreError(f"cannot create {path}: the folder {folder} is read-only")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def create_store_engine(url: URL) -> Engine:
    """An engine for ``url`` with the program's connection settings, not yet connected."""
    if url.get_backend_name() == "sqlite":
        _check_sqlite_location(url)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url, pool_pre_ping=True, connect_args={"connect_timeout": 5}
    )


@dataclass
class Database:
    """An open database: an engine and the sessions the rest of the program uses."""

    url: URL
    engine: Engine

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def name(self) -> str:
        return describe(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def session(self) -> Session:
        """A new session; the caller closes it (use it as a context manager)."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed at the end, rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def connection_error(url: URL, error: BaseException) -> StoreError:
    """A one-line message for a database that does not answer or is not a database."""
    where = describe(url)
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    lowered = detail.lower()
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return StoreError(f"{where} is not a CPP Scheduler database (not a SQLite file)")
    if "database disk image is malformed" in lowered:
        return StoreError(f"{where} is damaged (SQLite reports a malformed database image)")
    if "locked" in lowered:
        return StoreError(f"{where} is locked by another program; close it and try again")
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"{where} is read-only; saving needs write access")
    if "connection refused" in lowered or "could not connect" in lowered or (
        "connection" in lowered and "failed" in lowered
    ):
        return StoreError(f"no database server answers at {where}: {detail}")
    if "does not exist" in lowered:
        return StoreError(f"{where}: {detail}")
    return StoreError(f"cannot use the database {where}: {detail}")


def open_database(
    database: str | os.PathLike[str] | None = None, *, seed: bool = True
) -> Database:
    """Open (creating or upgrading as needed) the program's database.

    A new database is given the current schema and, with ``seed``, the reference data
    (partner cities, thematic areas, TDLC's venues, travel times).
    """
    from cpp_scheduler.store import migrations, seed as seeding

    url = resolve_url(database)
    engine = create_store_engine(url)
    try:
        created = migrations.upgrade_to_head(engine, url)
        store = Database(url, engine)
        if created and seed:
            seeding.load_reference_data(store)
        return store
    except (DBAPIError, SQLAlchemyError) as error:
        engine.dispose()
        raise connection_error(url, error) from error
    except BaseException:
        engine.dispose()
        raise
