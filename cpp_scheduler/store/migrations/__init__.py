"""Schema changes, only through Alembic revisions in ``versions/``.

Opening a database brings it to the newest revision this program knows:

- an empty database (no tables, or only Alembic's bookkeeping) gets the whole schema;
- an older CPP Scheduler database is upgraded; a SQLite file is first copied aside
  (``program.before-0002.2026-11-23T0930Z.sqlite`` beside it), so a failed or regretted
  upgrade loses nothing;
- a database stamped with a revision this program does not know was written by a newer
  version and is refused untouched, as is a database that holds somebody else's tables.

The whole upgrade runs in one transaction, on SQLite too (its driver would otherwise
commit each ``CREATE`` and ``ALTER`` on its own), so a failing revision leaves the
database as it was.

Alembic is imported only when a database is not at the newest revision: it costs about a
tenth of a second, and most starts open an up-to-date database. The newest revision is
read from the revision files' names for that (see :func:`shipped_head`).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from cpp_scheduler import __version__
from cpp_scheduler.errors import DISK_FULL, DISK_READ_ONLY
from cpp_scheduler.files import disk_refusal
from cpp_scheduler.i18n import _
from cpp_scheduler.store.errors import (
    Failure,
    StoreError,
    classify,
    disk_failure,
    first_line,
)

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent
"""The revisions this program ships; tests point it at a copy with extra revisions."""

VERSION_TABLE = "alembic_version"

#: Tables every CPP Scheduler schema has had; telling our database from a stranger's.
SIGNATURE_TABLES = frozenset({"events", "partner_cities"})


class SchemaError(StoreError):
    """The database's schema cannot be brought to this program's version."""


def other_tables_message(where: str, tables: str) -> str:
    """A database that holds someone else's tables and no schema of ours."""
    return _(
        "{database} holds other tables ({tables}) and is not a CPP Scheduler database; "
        "choose another file or an empty database"
    ).format(database=where, tables=tables)


def foreign_schema_message(where: str, revision: str) -> str:
    """A database whose schema another program's migrations manage."""
    return _(
        "{database} is managed by another program (its schema {revision} is not a "
        "CPP Scheduler schema); choose another file or an empty database"
    ).format(database=where, revision=revision)


def shipped_head() -> str:
    """The newest revision this program ships, read from the revision files' names.

    Revision ids are the zero-padded numbers that begin their file names
    (``0001_initial_schema.py``); ``tests/store/test_migrations.py`` holds every revision
    to that rule and checks that this agrees with Alembic's own head.
    """
    names = (path.name for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py"))
    return max(name.split("_", 1)[0] for name in names)


def stamped_revision(connection: Connection, tables: set[str]) -> str | None:
    """The revision a database is stamped with, read without Alembic."""
    if VERSION_TABLE not in tables:
        return None
    revision = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return str(revision) if revision is not None else None


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = scripts().get_current_head()
    assert head is not None, "the program ships at least one migration"
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def backup_path(database: Path, revision: str, now: datetime | None = None) -> Path:
    """Where the copy made before upgrading ``database`` from ``revision`` goes.

    Beside the file (same disk, same permissions, found where the coordinator keeps the
    database), named so that it sorts by date, says which schema it holds, still ends in
    the database's suffix, and never replaces an earlier copy.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H%MZ")
    suffix = database.suffix or ".sqlite"
    candidate = database.with_name(f"{database.stem}.before-{revision}.{stamp}{suffix}")
    counter = 2
    while candidate.exists():
        candidate = database.with_name(
            f"{database.stem}.before-{revision}.{stamp}-{counter}{suffix}"
        )
        counter += 1
    return candidate


def backup_sqlite(database: str | Path, revision: str) -> Path:
    """Copy a SQLite database (its WAL included) aside before changing its schema."""
    source = Path(database)
    target = backup_path(source, revision)
    try:
        origin = sqlite3.connect(source)
        try:
            copy = sqlite3.connect(target)
            try:
                origin.backup(copy)
            finally:
                copy.close()
        finally:
            origin.close()
    except (OSError, sqlite3.Error) as error:
        reason = _copy_refusal(error, target)  # asked of the disk before the copy goes
        target.unlink(missing_ok=True)
        raise SchemaError(
            _(
                "cannot upgrade {database}: copying it to {copy} first failed ({reason}); "
                "nothing was changed"
            ).format(database=source, copy=target, reason=reason)
        ) from error
    return target


def _copy_refusal(error: OSError | sqlite3.Error, copy: Path) -> str:
    """Why the copy could not be written: a full or read-only disk said as every file
    the program writes says it (SQLite says "database or disk is full", or only "disk
    I/O error", in English), any other reason in the words it was given."""
    if isinstance(error, OSError) and (refusal := disk_refusal(error)) is not None:
        return refusal
    failure = None if isinstance(error, OSError) else classify(error, str(copy))
    if failure not in (Failure.DISK_FULL, Failure.READ_ONLY):
        failure = disk_failure(str(copy)) or failure
    if failure is Failure.DISK_FULL:
        return _(DISK_FULL)
    if failure is Failure.READ_ONLY:
        return _(DISK_READ_ONLY)
    return first_line(error)


def _transactional_ddl(engine: Engine) -> Engine:
    """An engine on the same SQLite file whose transactions include DDL.

    Python's sqlite3 module begins a transaction only before INSERT, UPDATE and DELETE;
    this engine lets SQLAlchemy issue BEGIN itself (the recipe in SQLAlchemy's SQLite
    notes), so one failing revision rolls every statement of the upgrade back.
    """
    dedicated = create_engine(engine.url, poolclass=NullPool)

    @event.listens_for(dedicated, "connect")
    def _no_driver_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = OFF")  # as SQLite's table rebuilds need
        cursor.close()

    @event.listens_for(dedicated, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return dedicated


def upgrade_to_head(engine: Engine, url: URL, where: str) -> bool:
    """Bring the database to the newest schema; True when it was empty before.

    ``where`` names the database in messages, as the store shows it.
    """
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        current = stamped_revision(connection, tables)
    if current is not None and current == shipped_head():
        return False
    from alembic import command

    head = head_revision()
    if current == head:
        return False
    others = tables - {VERSION_TABLE}
    if current is None and others:
        shown = ", ".join(sorted(others)[:3]) + (" ..." if len(others) > 3 else "")
        raise SchemaError(other_tables_message(where, shown))
    if current is not None:
        check_known(current, head, where, tables)
    is_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    backup = backup_sqlite(str(url.database), current) if current and is_file else None
    runner = _transactional_ddl(engine) if url.get_backend_name() == "sqlite" else engine
    try:
        with runner.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
    except Exception as error:  # a revision may fail in any way; all of it is undone
        names = {
            "database": where,
            "old": current or _("none"),
            "new": head,
            "reason": _first_line(error),
        }
        if backup:
            message = _(
                "upgrading {database} from schema {old} to {new} failed and was undone "
                "({reason}); a copy from before is at {copy}"
            ).format(copy=backup, **names)
        else:
            message = _(
                "upgrading {database} from schema {old} to {new} failed and was undone ({reason})"
            ).format(**names)
        raise SchemaError(message) from error
    finally:
        if runner is not engine:
            runner.dispose()
    return current is None


def check_known(current: str, head: str, where: str, tables: set[str]) -> None:
    """Refuse a database stamped with a revision this program does not ship: another
    program's, or a newer CPP Scheduler's, which only that version may open."""
    from alembic.util import CommandError

    try:
        scripts().get_revision(current)
    except CommandError as error:
        if not tables >= SIGNATURE_TABLES:
            raise SchemaError(foreign_schema_message(where, current)) from error
        raise SchemaError(
            _(
                "{database} was written by a newer CPP Scheduler (schema {revision}); "
                "CPP Scheduler {version} knows schemas up to {head}: update the program "
                "to open it"
            ).format(database=where, revision=current, version=__version__, head=head)
        ) from error


def _first_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None) or error
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(error).__name__
