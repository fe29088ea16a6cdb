"""What can go wrong with the database, in words a coordinator can act on.

The drivers report failures as codes (SQLite's extended result names, PostgreSQL's
SQLSTATE) wrapped in SQLAlchemy exceptions. :func:`classify` reads those codes, not the
wording, so a message does not depend on the driver's language or version; each kind of
failure becomes one subclass of :class:`StoreError` whose message names the database and,
for a failed save, the record.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any

from cpp_scheduler.errors import SchedulerError, printable
from cpp_scheduler.i18n import N_, _, pgettext


class StoreError(SchedulerError):
    """The database cannot be opened or used; the message names it and says why."""


class NotADatabaseError(StoreError):
    """The file is something else: text, an image, an encrypted or foreign file."""


class DamagedDatabaseError(StoreError):
    """The file is a SQLite database whose pages are truncated or corrupt."""


class DatabaseLockedError(StoreError):
    """Another program holds a lock for longer than the program is willing to wait."""


class ReadOnlyDatabaseError(StoreError):
    """The file, its folder or the server refuses writes."""


class PermissionDeniedError(StoreError):
    """The server refuses this login a table it needs: a role revoked while the window
    was open, or a login never granted one (``cpp-scheduler admin grant``)."""


class DiskFullError(StoreError):
    """No room left on the disk (or the database's size limit) for the change."""


class ServerUnavailableError(StoreError):
    """Nothing answers at the address, or the server refuses the login."""


class ConnectionLostError(StoreError):
    """The connection broke during the work; nothing of the unfinished change was kept."""


class SaveLostError(ConnectionLostError):
    """A save the lost connection ended: its line says the fact (nothing was saved), and
    each medium adds its own next step, as a batch's outcome is told
    (:mod:`cpp_scheduler.services.batch_outcome`): the command is run again, the window,
    which reconnects by itself, saves again; both once the server answers."""


class FileMovedError(StoreError):
    """The SQLite file open here is no longer at its path: moved, deleted, or replaced
    by another file. Nothing is saved into it, and no new file is made in its place."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path

    def __reduce__(self) -> tuple[type[FileMovedError], tuple[str, str]]:
        # Raised in the conflict check's process too, and sent back whole from there.
        return (type(self), (str(self), self.path))


class ConcurrentEditError(StoreError):
    """Someone else saved or deleted the record after it was opened here."""

    def __init__(self, message: str, record: str) -> None:
        super().__init__(message)
        self.record = record


class DuplicateValueError(StoreError):
    """A value that must be unique (a name, an email) is already used by another record."""

    def __init__(self, message: str, record: str, fields: tuple[str, ...], value: str) -> None:
        super().__init__(message)
        self.record = record
        self.fields = fields
        self.value = value


class MissingReferenceError(StoreError):
    """A record refers to another that no longer exists (deleted meanwhile).

    ``reason`` says which, without the advice to reload: what an undo refused says."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = message if reason is None else reason

    def __reduce__(self) -> tuple[type[MissingReferenceError], tuple[str, str]]:
        return (type(self), (str(self), self.reason))


class ConstraintError(StoreError):
    """A rule the database itself enforces (not null, check) refused the change."""


class Failure(Enum):
    """The kinds of database failure the program tells apart."""

    NOT_A_DATABASE = auto()
    DAMAGED = auto()
    LOCKED = auto()
    READ_ONLY = auto()
    DISK_FULL = auto()
    CANNOT_OPEN = auto()
    UNREACHABLE = auto()
    LOGIN_REFUSED = auto()
    NO_SUCH_DATABASE = auto()
    CONNECTION_LOST = auto()
    UNIQUE = auto()
    FOREIGN_KEY = auto()
    NOT_NULL = auto()
    CHECK = auto()
    NO_PERMISSION = auto()
    NO_TABLE = auto()
    """PostgreSQL finds no such table where the program's tables were: a schema the
    login may no longer use is left out of its search path."""
    OTHER = auto()


_SQLITE_FAILURES: Mapping[str, Failure] = {
    "SQLITE_NOTADB": Failure.NOT_A_DATABASE,
    "SQLITE_CORRUPT": Failure.DAMAGED,
    "SQLITE_BUSY": Failure.LOCKED,
    "SQLITE_LOCKED": Failure.LOCKED,
    "SQLITE_READONLY": Failure.READ_ONLY,
    "SQLITE_FULL": Failure.DISK_FULL,
    "SQLITE_CANTOPEN": Failure.CANNOT_OPEN,
    "SQLITE_CONSTRAINT_UNIQUE": Failure.UNIQUE,
    "SQLITE_CONSTRAINT_PRIMARYKEY": Failure.UNIQUE,
    "SQLITE_CONSTRAINT_FOREIGNKEY": Failure.FOREIGN_KEY,
    "SQLITE_CONSTRAINT_NOTNULL": Failure.NOT_NULL,
    "SQLITE_CONSTRAINT_CHECK": Failure.CHECK,
}

_POSTGRES_FAILURES: Mapping[str, Failure] = {
    "23505": Failure.UNIQUE,
    "23503": Failure.FOREIGN_KEY,
    "23502": Failure.NOT_NULL,
    "23514": Failure.CHECK,
    "55P03": Failure.LOCKED,  # lock_not_available (lock_timeout)
    "40P01": Failure.LOCKED,  # deadlock_detected
    "40001": Failure.LOCKED,  # serialization_failure
    "57014": Failure.LOCKED,  # query_canceled (statement_timeout)
    "25006": Failure.READ_ONLY,  # read_only_sql_transaction
    "42501": Failure.NO_PERMISSION,  # insufficient_privilege
    "42P01": Failure.NO_TABLE,  # undefined_table
    "53100": Failure.DISK_FULL,
    "28000": Failure.LOGIN_REFUSED,
    "28P01": Failure.LOGIN_REFUSED,
    "3D000": Failure.NO_SUCH_DATABASE,
    "57P01": Failure.CONNECTION_LOST,  # admin_shutdown (terminated)
    "57P02": Failure.CONNECTION_LOST,  # crash_shutdown
    "57P03": Failure.UNREACHABLE,  # cannot_connect_now (starting up)
}


def _driver_error(error: BaseException) -> BaseException:
    return getattr(error, "orig", None) or error


def first_line(error: BaseException) -> str:
    """The driver's own first line, without SQLAlchemy's decoration."""
    text = str(_driver_error(error)).strip()
    # The driver may quote a value it refused: shown escaped, never raw.
    return printable(text.splitlines()[0].strip(), 300) if text else type(error).__name__


_ROOM_SQLITE_NEEDS = 1024 * 1024
"""Free bytes below which SQLite's I/O error (``disk I/O error``) on a database is its
disk being full: SQLite grows the WAL's index 32 KiB at a time and the log a page at a
time, and says only that it could not (``SQLITE_IOERR_SHMSIZE``, ``_WRITE``), never
why, for a database opened on a full disk as for a save."""


def disk_failure(database: str | None) -> Failure | None:
    """What the disk holding the SQLite file ``database`` says of a failure to write it:
    read-only, or (nearly) full; None when it is neither, or cannot be asked."""
    if not database or database == ":memory:" or not hasattr(os, "statvfs"):
        return None  # a system that cannot be asked (Windows) keeps SQLite's own words
    try:
        disk = os.statvfs(os.path.dirname(os.path.abspath(database)))
    except (OSError, ValueError):
        return None
    if disk.f_flag & os.ST_RDONLY:
        return Failure.READ_ONLY
    if disk.f_bavail * disk.f_frsize < _ROOM_SQLITE_NEEDS:
        return Failure.DISK_FULL
    return None


def classify(error: BaseException, database: str | None = None) -> Failure:
    """The kind of failure, read from the driver's code where it gives one; SQLite's I/O
    error by the disk holding ``database``, its file (see :func:`disk_failure`)."""
    orig = _driver_error(error)
    name = getattr(orig, "sqlite_errorname", None)
    if isinstance(name, str):
        if name in _SQLITE_FAILURES:
            return _SQLITE_FAILURES[name]
        base = name.split("_")
        for size in range(len(base), 1, -1):
            failure = _SQLITE_FAILURES.get("_".join(base[:size]))
            if failure is not None:
                return failure
        if name.startswith("SQLITE_IOERR"):
            return disk_failure(database) or Failure.OTHER
        return Failure.OTHER
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str) and state in _POSTGRES_FAILURES:
        return _POSTGRES_FAILURES[state]
    if isinstance(state, str) and state.startswith("08"):
        return Failure.CONNECTION_LOST
    if getattr(error, "connection_invalidated", False):
        return Failure.CONNECTION_LOST
    return _classify_connection_text(str(orig).lower())


def _classify_connection_text(text: str) -> Failure:
    # psycopg reports failures to connect without a SQLSTATE; libpq's wording is stable.
    if (
        "password authentication failed" in text
        or ("role" in text and "does not exist" in text)
        or "no pg_hba.conf entry" in text
    ):
        return Failure.LOGIN_REFUSED
    if "database" in text and "does not exist" in text:
        return Failure.NO_SUCH_DATABASE
    if (
        "server closed the connection" in text
        or "terminating connection" in text
        or ("consuming input failed" in text)
        or "connection is lost" in text
        or "the connection is closed" in text
    ):
        return Failure.CONNECTION_LOST
    if (
        "connection failed" in text
        or "connection refused" in text
        or "timeout" in text
        or ("could not connect" in text)
        or "failed to resolve host" in text
        or "could not translate host" in text
    ):
        return Failure.UNREACHABLE
    return Failure.OTHER


@dataclass(frozen=True)
class RecordInFlight:
    """What a save was writing, noted before the flush so a failure can name it."""

    label: str
    kind: str
    table: str
    identity: tuple[Any, ...] | None
    version: int | None
    values: Mapping[str, Any] = field(default_factory=dict)
    deleted: bool = False


def unique_columns(error: BaseException) -> tuple[str, tuple[str, ...]] | None:
    """The table and the columns of the unique constraint a save broke."""
    orig = _driver_error(error)
    diag = getattr(orig, "diag", None)
    if diag is not None and getattr(diag, "table_name", None):
        detail = getattr(diag, "message_detail", None) or ""
        match = re.match(r"Key \((?P<columns>[^)]*)\)=", detail)
        columns = tuple(c.strip() for c in match["columns"].split(",")) if match else ()
        return str(diag.table_name), columns
    match = re.search(r"UNIQUE constraint failed: (?P<columns>.+)$", str(orig))
    if match is None:
        return None
    qualified = [part.strip() for part in match["columns"].split(",")]
    table = qualified[0].split(".")[0]
    return table, tuple(part.split(".", 1)[-1] for part in qualified)


def words_for(column: str) -> str:
    """How a message names a column: ``email``, ``name``, ``date`` for ``day``, in the
    language chosen."""
    if column == "night_of":
        return pgettext("hotel", "night")  # a hotel night, not the night-time of a day
    known = _COLUMN_WORDS.get(column)
    if known is not None:
        return _(known)
    return column.removesuffix("_id").replace("_", " ")


_COLUMN_WORDS: Mapping[str, str] = {
    "day": N_("date"),
    "recurrence_id": N_("occurrence"),
    "uid": N_("calendar UID"),
    "tour_id": N_("tour"),
    "event_id": N_("event"),
    "email": N_("email"),
    "name": N_("name"),
    "code": N_("code"),
    "origin": N_("origin"),
    "destination": N_("destination"),
    "mode": N_("mode"),
}
