"""Opening the program's database: SQLite by default, PostgreSQL for a team.

The same code serves both. SQLite runs in WAL mode with foreign keys on, so the GUI can
read while a save is under way and a deleted venue cannot leave dangling references.
Every open brings the schema to the program's version through Alembic; a database written
by a newer program is refused rather than damaged.

Every failure a user can cause or meet (a wrong path, a file that is not a database, a
server that does not answer, a lock held too long, a colleague's newer change) surfaces
as a :class:`StoreError` subclass with one line that says what and where; a failed save
is rolled back whole.
"""

from __future__ import annotations

import errno
import math
import os
import re
import sqlite3
import stat
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

import cpp_scheduler.model.registry  # noqa: F401  (maps the entities, installs the integrity rules)
from cpp_scheduler import APP_NAME, ORGANISATION, files
from cpp_scheduler.errors import printable, shown_path, system_reason
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.model.validation import holds_half_pair
from cpp_scheduler.store import migrations
from cpp_scheduler.store import seed as seeding
from cpp_scheduler.store.authors import checked_author, default_author
from cpp_scheduler.store.errors import (
    DamagedDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    Failure,
    FileMovedError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    ServerUnavailableError,
    StoreError,
    classify,
    first_line,
)
from cpp_scheduler.store.history import group_changes as group_changes  # installs the history
from cpp_scheduler.store.joined import JoinedTransaction
from cpp_scheduler.store.session import IN_PLACE, StoreSession
from cpp_scheduler.store.written_here import WRITTEN_HERE, WrittenHere

ENVIRONMENT_VARIABLE = "CPP_SCHEDULER_DB"
DEFAULT_FILE_NAME = "program.sqlite"
DEFAULT_TIMEOUT = 5.0
"""Seconds to wait for a lock another program holds, or for a server to answer."""

SQLITE_HEADER = b"SQLite format 3\x00"
_SUPPORTED = N_("a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DATABASE")


def default_database_path() -> Path:
    """``program.sqlite`` in the platform's user data folder (created on first use)."""
    folder = Path(platformdirs.user_data_dir(APP_NAME, ORGANISATION))
    return folder / DEFAULT_FILE_NAME


def resolve_url(database: str | os.PathLike[str] | None = None) -> URL:
    """The SQLAlchemy URL for ``--db``: a path, a URL, the environment, or the default.

    ``postgresql://`` (and the older ``postgres://``) URLs use psycopg 3 whatever driver
    they name; anything that is not a URL is a SQLite file path.
    """
    given = os.fspath(database) if database is not None else os.environ.get(ENVIRONMENT_VARIABLE)
    if not given or not given.strip():
        path = default_database_path()
        if holds_half_pair(str(path)):
            # The home folder's name in bytes of no UTF-8: no database can be named by
            # it, and SQLite would be made a file it then cannot name again.
            shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise StoreError(
                _(
                    "the program's own place, {path}, is not text in UTF-8 (the home "
                    "folder's name); give another place with --db"
                ).format(path=printable(shown))
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                _(
                    "cannot create the folder {folder} for the program's database: "
                    "{reason}; give another place with --db"
                ).format(folder=shown_path(path.parent), reason=system_reason(error))
            ) from error
        return URL.create("sqlite+pysqlite", database=str(path))
    if not files.is_url(given):
        # Read as every path typed on a command line is: no control character, ~ the
        # home folder, a bare name in the folder the command runs in, made whole.
        return URL.create(
            "sqlite+pysqlite", database=files.typed_location(given, working_folder=True)
        )
    try:
        url = make_url(given)
    except (ArgumentError, ValueError) as error:
        raise StoreError(
            _("'{url}' is not a valid database URL; give {supported}").format(
                url=_shown_url(given), supported=_(_SUPPORTED)
            )
        ) from error
    try:
        port = url.port
    except ValueError:
        port = -1
    if port is not None and not 0 < port < 65536:
        raise StoreError(
            _(
                "'{url}' is not a valid database URL: the port must be a number from 1 to 65535"
            ).format(url=_shown_url(given))
        )
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if not url.host and not url.query.get("host"):
            raise StoreError(
                _("'{url}' names no server; give {supported}").format(
                    url=_shown_url(given), supported=_(_SUPPORTED)
                )
            )
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if _in_memory(url):
            # A program in memory would be empty at every start and gone at the end, and
            # the window's conflict check, which opens the database again, would not see it.
            raise StoreError(
                _(
                    "'{url}' names no database file: a program in memory is lost when the "
                    "command or the window closes; give {supported}"
                ).format(url=_typed_url(given), supported=_(_SUPPORTED))
            )
        return url.set(drivername="sqlite+pysqlite")
    raise StoreError(
        _("'{url}': {backend} databases are not supported; give {supported}").format(
            url=_shown_url(given), backend=backend, supported=_(_SUPPORTED)
        )
    )


_TRUE = frozenset({"true", "yes", "on", "y", "t", "1"})
"""How a URL's ``uri`` option says yes, as SQLAlchemy reads it (``asbool``)."""


def _in_memory(url: URL) -> bool:
    """Whether a SQLite URL names a database SQLite keeps in memory (or in a temporary
    file, gone at the close): no path, ``:memory:``, ``mode=memory``, or with
    ``uri=true`` a URI filename (``file::memory:``, ``file:`` alone) that names one."""
    database = url.database or ""
    if database in ("", ":memory:") or "memory" in _values(url, "mode"):
        return True
    if not any(value.strip().lower() in _TRUE for value in _values(url, "uri")):
        return False
    if not database.startswith("file:"):
        return False
    path = database.removeprefix("file:")
    if path.startswith("//"):  # file://HOST/PATH: the path after the authority
        path = "/" + path[2:].partition("/")[2]
    return urllib.parse.unquote(path) in ("", ":memory:")


def _values(url: URL, key: str) -> tuple[str, ...]:
    """A URL's option ``key``, each time it is given."""
    value = url.query.get(key)
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _shown_url(given: str) -> str:
    """A URL as a message quotes it: without its password, shortened, nothing raw."""
    return printable(_hide_password(given), 200)


def _typed_url(given: str) -> str:
    """A URL as typed, for a message that quotes it (``sqlite:///:memory:``, not its
    rendering ``%3Amemory%3A``); without a password where one was given."""
    return printable(_hide_password(given) if "@" in given else given.strip(), 200)


def _hide_password(text: str) -> str:
    try:
        return make_url(text).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", text)


def vanished_file(database: str) -> Path | None:
    """The SQLite file ``database`` names when it no longer exists (a recent database
    moved or deleted since), which opening would make again, new and empty, where
    colleagues may look for the program; None for a URL, or a file that is there."""
    return _vanished(resolve_url(database))


def _vanished(url: URL) -> Path | None:
    """:func:`vanished_file` of a resolved URL: the one rule of a program file that is
    not where it was, for File > Open recent and for every reopening by URL."""
    if not _is_file(url):
        return None
    path = Path(str(url.database))
    return None if path.exists() else path


def moved_error(path: Path | str, *, saving: bool) -> FileMovedError:
    """The one line that says the program file is no longer at ``path``; ``saving``: a
    save was refused for it."""
    where = Path(path)
    if saving:
        message = _("{name} was moved or deleted from {folder}; nothing was saved")
    else:
        message = _("{name} was moved or deleted from {folder}")
    return FileMovedError(
        message.format(name=printable(where.name, 80), folder=_shown_path(where.parent)),
        str(where),
    )


def _identity(path: str) -> tuple[int, int] | None:
    """Which file ``path`` names now (device and inode), or None when nothing is there."""
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (status.st_dev, status.st_ino)


def _same_file(first: tuple[int, int], second: tuple[int, int] | None) -> bool:
    """Whether two identities name one file; a file system that numbers no files (an
    inode of 0) is taken at its word that the path is still the file."""
    if second is None:
        return False
    return first == second or first[1] == 0 or second[1] == 0


def _existing_file_only(url: URL, identity: tuple[int, int]) -> Any:
    """A connection hook that opens the program's file only where it still is: SQLite
    would otherwise make a new, empty file where the program was moved or deleted from,
    which colleagues would then open as the program."""
    path = str(url.database)
    location = "file:" + urllib.parse.quote(path) + "?mode=rw"

    def connect(_dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        if not _same_file(identity, _identity(path)):
            raise moved_error(path, saving=False)
        cargs[:1] = [location]
        cparams["uri"] = True

    return connect


def describe(url: URL) -> str:
    """How a message or the status bar names the database, without a password or driver."""
    if url.get_backend_name() == "sqlite":
        return str(url.database) if url.database else _("an in-memory database")
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


def _is_file(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")


def _holds_data(url: URL) -> bool:
    if not _is_file(url):
        return False
    try:
        status = os.stat(str(url.database))
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size > 0


def _shown_path(path: Path) -> str:
    """A path as a message names it: whole, unless it is absurdly long or holds breaks."""
    return printable(str(path), 200)


def _check_sqlite_location(url: URL) -> None:
    """Refuse a SQLite path that cannot work before SQLite creates or changes anything.

    Every test uses ``os.stat``, which neither opens nor waits: a named pipe given as the
    database would block the first read forever, and a path longer than the system
    allows is told as such instead of surfacing as an exception from deep inside.
    """
    if url.query:
        # SQLAlchemy's SQLite dialect takes none of them (mode=ro, uri=true) and would
        # say so in a warning of its own, then open the file to be written all the same.
        raise StoreError(
            _(
                "{database} gives options ({options}) a SQLite file takes none of; name "
                "the file alone"
            ).format(
                database=describe(url),
                options=printable(", ".join(sorted(url.query)), 80),
            )
        )
    if not _is_file(url):
        return
    path = Path(str(url.database))
    folder = path.parent
    shown = _shown_path(path)
    try:
        folder_status = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        raise StoreError(
            _("cannot open {path}: the folder {folder} does not exist").format(
                path=shown, folder=_shown_path(folder)
            )
        ) from None
    except OSError as error:
        raise _unusable(path, error) from None
    if not stat.S_ISDIR(folder_status.st_mode):
        raise StoreError(
            _("cannot open {path}: the folder {folder} is a file").format(
                path=shown, folder=_shown_path(folder)
            )
        )
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if not os.access(folder, os.W_OK):
            raise ReadOnlyDatabaseError(
                _("cannot create {path}: the folder {folder} is read-only").format(
                    path=shown, folder=_shown_path(folder)
                )
            ) from None
        return
    except OSError as error:
        raise _unusable(path, error) from None
    if stat.S_ISDIR(status.st_mode):
        raise StoreError(
            _("cannot open {path}: it is a folder, not a database file").format(path=shown)
        )
    if not stat.S_ISREG(status.st_mode):
        raise NotADatabaseError(
            _("cannot open {path}: it is {kind}, not a database file").format(
                path=shown, kind=_file_kind(status.st_mode)
            )
        )
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except OSError as error:
        raise _unusable(path, error) from error
    if header and header != SQLITE_HEADER:
        raise NotADatabaseError(_not_sqlite(shown))
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        where = shown if not os.access(path, os.W_OK) else _shown_path(folder)
        raise ReadOnlyDatabaseError(
            _(
                "cannot open {path}: {where} is read-only, and the program must be able to "
                "save to it"
            ).format(path=shown, where=where)
        )


def _unusable(path: Path, error: OSError) -> StoreError:
    if error.errno == errno.ENAMETOOLONG:
        return StoreError(
            _(
                "cannot open {path}: the path is too long for this system ({count} characters, "
                "or a name in it longer than the folder allows)"
            ).format(path=_shown_path(path), count=f"{len(str(path)):,}")
        )
    return StoreError(
        _("cannot open {path}: {reason}").format(
            path=_shown_path(path), reason=system_reason(error)
        )
    )


def _not_sqlite(where: str) -> str:
    return _("{database} is not a CPP Scheduler database: it is not a SQLite file").format(
        database=where
    )


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a named pipe")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("not a regular file")


def _check_identity(url: URL, timeout: float) -> None:
    """Refuse a SQLite file that is not this program's database before writing to it.

    The file is read on a read-only connection: the program's own connections switch a
    file to WAL mode as they open it, and upgrading an empty database creates tables, so
    a stranger's file must be told apart first, and left byte for byte as it was. A file
    with no tables, or only Alembic's bookkeeping, is an empty database the program may
    fill; one with CPP Scheduler's tables is upgraded or refused by the migrations.
    """
    path = Path(str(url.database))
    location = "file:" + urllib.parse.quote(str(path)) + "?mode=ro"
    if _wal_without_log(path):
        # Read-only readers of a WAL file still create its -wal and -shm files; with no
        # log beside it, the file alone is the whole database and can be read as it is.
        location += "&immutable=1"
    try:
        connection = sqlite3.connect(location, uri=True, timeout=timeout)
    except sqlite3.Error as error:
        raise connection_error(url, error, timeout) from error
    try:
        findings = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        tables = {
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        revision = None
        if migrations.VERSION_TABLE in tables:
            row = connection.execute(
                f"SELECT version_num FROM {migrations.VERSION_TABLE}"
            ).fetchone()
            revision = str(row[0]) if row and row[0] is not None else None
    except sqlite3.Error as error:
        raise connection_error(url, error, timeout) from error
    finally:
        connection.close()
    if findings != ["ok"]:
        raise _damaged(url, findings)
    others = tables - {migrations.VERSION_TABLE}
    if revision is None and others:
        listed = ", ".join(printable(name, 40) for name in sorted(others)[:3])
        raise migrations.SchemaError(
            migrations.other_tables_message(
                describe(url), listed + (" ..." if len(others) > 3 else "")
            )
        )
    if revision is not None and not tables >= migrations.SIGNATURE_TABLES:
        raise migrations.SchemaError(
            migrations.foreign_schema_message(describe(url), printable(revision, 40))
        )
    if revision is not None and revision != migrations.shipped_head():
        # A newer CPP Scheduler's file is refused here, before a connection of this
        # program switches it to WAL mode: only the version that wrote it may change it.
        migrations.check_known(
            printable(revision, 40), migrations.head_revision(), describe(url), tables
        )


def _sqlite_pragmas(timeout: float) -> Any:
    busy_ms = max(0, int(timeout * 1000))

    def apply(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    return apply


def create_store_engine(url: URL, timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """An engine for ``url`` with the program's connection settings, not yet connected.

    ``timeout`` (seconds) bounds how long a statement waits for another program's lock,
    and how long connecting to a server may take (at least two seconds, libpq's floor).
    """
    if url.get_backend_name() == "sqlite":
        _check_sqlite_location(url)
        engine = create_engine(url, connect_args={"timeout": timeout})
        event.listen(engine, "connect", _sqlite_pragmas(timeout))
        return engine
    lock_ms = max(1, int(timeout * 1000))
    # Keep server options the URL gives (?options=-csearch_path%3Dplanning): connect_args
    # would replace them.
    given = url.query.get("options")
    options = " ".join(
        [*([given] if isinstance(given, str) else list(given or ())), f"-c lock_timeout={lock_ms}"]
    )
    engine = create_engine(
        url,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": max(2, math.ceil(timeout)),
            "options": options,
            "application_name": "CPP Scheduler",
        },
    )
    event.listen(engine, "do_connect", _password_from_keyring(url))
    return engine


def _password_from_keyring(url: URL) -> Any:
    """Give the server the keyring's password when the URL has none and ``~/.pgpass``
    (read by libpq itself) has none either; asked once, at the first connection."""
    asked: list[str | None] = []

    def supply(_dialect: Any, _record: Any, _args: Any, parameters: dict[str, Any]) -> None:
        if url.password is not None or parameters.get("password"):
            return
        if not asked:
            from cpp_scheduler.store.roles import keyring_password

            asked.append(keyring_password(url))
        if asked[0] is not None:
            parameters["password"] = asked[0]

    return supply


@dataclass
class Database:
    """An open database: an engine and the sessions the rest of the program uses.

    Sessions are :class:`StoreSession`: a failed flush or commit raises a
    :class:`StoreError` subclass naming the record, never a driver exception.
    """

    url: URL
    engine: Engine
    timeout: float = DEFAULT_TIMEOUT
    author: str = field(default_factory=default_author)
    """Who the changes made through this handle are written under, in the history."""
    written_here: WrittenHere = field(default_factory=WrittenHere, repr=False)
    """The versions this handle's own commits left, while a listener wants them."""
    file_identity: tuple[int, int] | None = field(default=None, init=False, repr=False)
    """The SQLite file this handle opened (device and inode), which every save and every
    new connection finds still at its path; None for a server."""
    _sessions: sessionmaker[StoreSession] = field(init=False, repr=False)
    _joined_here: threading.local = field(default_factory=threading.local, init=False, repr=False)
    """On each thread, the transaction its saves join (:meth:`one_transaction`), if any."""

    def __post_init__(self) -> None:
        if _is_file(self.url):
            files.hold_database_file(str(self.url.database))
            self.file_identity = _identity(str(self.url.database))
            if self.file_identity is not None:
                event.listen(
                    self.engine,
                    "do_connect",
                    _existing_file_only(self.url, self.file_identity),
                )
        info: dict[str, Any] = {
            "database": self.name,
            "timeout": self.timeout,
            WRITTEN_HERE: self.written_here,
        }
        if self.file_identity is not None:
            # Every commit that writes asks (store/session.py), whoever wrote.
            info[IN_PLACE] = partial(self.check_in_place, saving=True)
        self._sessions = sessionmaker(
            self.engine, class_=StoreSession, expire_on_commit=False, info=info
        )

    @property
    def name(self) -> str:
        return describe(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def check_in_place(self, *, saving: bool = False) -> None:
        """Refuse (:class:`FileMovedError`) when the SQLite file open here is no longer
        at its path: moved, deleted or replaced by another. One ``stat``, no read; every
        commit that writes asks it of itself, and work that cannot be taken back (a
        message sent) asks it before."""
        if self.file_identity is None:
            return
        path = str(self.url.database)
        if not _same_file(self.file_identity, _identity(path)):
            raise moved_error(path, saving=saving)

    def session(self) -> StoreSession:
        """A new session; the caller closes it (use it as a context manager)."""
        session = self._sessions()
        session.info["author"] = self.author
        return session

    @contextmanager
    def transaction(self, *, alone_on: str | None = None) -> Iterator[Session]:
        """A session in one transaction: committed at the end, rolled back on any error.

        Nothing is half-saved: a broken rule, a colleague's newer change, a taken name, a
        lock, a full disk or a lost connection rolls the whole transaction back and is
        raised as a :class:`StoreError` subclass (or the model's ``ValidationError``).

        ``alone_on`` (a table's name): the only transaction writing that table until it
        ends, for a save that reads what is there and then adds to it, where versions
        cannot guard it (a new reply beside the answers recorded): two at once would
        both add. SQLite takes its write lock before the first read (``BEGIN
        IMMEDIATE``); PostgreSQL locks the table in a mode two such transactions cannot
        hold together, readers unhindered. The other waits its turn, as for any lock.

        Inside :meth:`one_transaction`, on its thread, the save joins that transaction
        instead (:class:`~cpp_scheduler.store.joined.JoinedTransaction`): flushed at the
        end of the block, committed or rolled back with the others.
        """
        joined: JoinedTransaction | None = getattr(self._joined_here, "transaction", None)
        if joined is not None:
            with joined.save() as session:
                if alone_on is not None and not self.is_sqlite:  # SQLite's file is held
                    self._write_alone(session, alone_on)
                yield session
            return
        with self.session() as session:
            try:
                # A file moved away while open would take the save out of the colleagues'
                # sight, where nobody looks for it: the commit refuses it (store/session.py).
                with session.begin():
                    if alone_on is not None:
                        self._write_alone(session, alone_on)
                    yield session
            except (DBAPIError, StaleDataError) as error:  # in a query, or at COMMIT itself
                raise session.translate(error) from error
            except FileMovedError as error:
                if self.file_identity is None:
                    raise
                raise moved_error(error.path, saving=True) from None

    @contextmanager
    def one_transaction(self) -> Iterator[None]:
        """Make the saves this thread makes in the block (each :meth:`transaction`) one
        transaction: committed at the end of the block as one save, one group of the
        history; rolled back whole when any of them is refused or anything raises, so
        the database holds nothing of the block and its history no entry of it
        (:mod:`~cpp_scheduler.store.joined`).

        SQLite's write lock is taken at once (``BEGIN IMMEDIATE``): a colleague who
        holds the file longer than the ``timeout`` refuses the block before anything is
        written, and none can save between two of its saves. pysqlite would otherwise
        begin the transaction only at the first write, leaving the reads before it each
        a moment of its own. On PostgreSQL each row is locked as it is written, until
        the end of the block; a colleague's lock on one of them refuses the block at
        that save. A block within another joins the outer one.
        """
        if getattr(self._joined_here, "transaction", None) is not None:
            yield
            return
        with self.transaction() as session:
            if self.is_sqlite:
                session.execute(text("BEGIN IMMEDIATE"))
            assert isinstance(session, StoreSession)
            joined = JoinedTransaction(session)
            self._joined_here.transaction = joined
            try:
                yield
            finally:
                self._joined_here.transaction = None
            if joined.refused is not None:  # a save refused, though the block went on
                raise joined.refused

    def _write_alone(self, session: Session, table: str) -> None:
        if self.is_sqlite:
            session.execute(text("BEGIN IMMEDIATE"))
        else:
            quoted_name = session.get_bind().dialect.identifier_preparer.quote(table)
            session.execute(text(f"LOCK TABLE {quoted_name} IN SHARE ROW EXCLUSIVE MODE"))

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session whose queries all see the program at one moment: the one way a read
        that spans several queries (a calendar file, a program file, the engine's
        snapshot, the window's load, a report) is made, so a colleague's save in the
        middle of it never splits an event from its links or mixes before and after.

        PostgreSQL gives each statement of a READ COMMITTED transaction a new snapshot:
        this one runs at REPEATABLE READ. SQLite's Python driver opens a transaction only
        before a write, leaving each SELECT a moment of its own: this one begins it
        explicitly, and in WAL mode every read then sees the database as it was at the
        first. Nothing is written; the transaction ends when the block does.
        """
        with self._sessions() as session, session.begin():
            if self.is_sqlite:
                session.execute(text("BEGIN"))
            else:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def close(self) -> None:
        self.engine.dispose()


def connection_error(
    url: URL, error: BaseException, timeout: float = DEFAULT_TIMEOUT
) -> StoreError:
    """A one-line message for a database that does not answer or is not a database."""
    where = describe(url)
    detail = first_line(error)
    failure = classify(error, url.database if url.get_backend_name() == "sqlite" else None)
    if failure is Failure.NOT_A_DATABASE:
        return NotADatabaseError(_not_sqlite(where))
    if failure is Failure.DAMAGED:
        return DamagedDatabaseError(
            _(
                "{database} is damaged (SQLite finds missing or corrupt pages); restore a copy "
                "from a backup"
            ).format(database=where)
        )
    if failure is Failure.LOCKED:
        return DatabaseLockedError(
            _(
                "{database} is locked by another program (waited {seconds} s); close it or "
                "wait until it is done, then try again"
            ).format(database=where, seconds=f"{timeout:g}")
        )
    if failure is Failure.READ_ONLY:
        return ReadOnlyDatabaseError(
            _("{database} is read-only; the program must be able to save to it").format(
                database=where
            )
        )
    if failure is Failure.DISK_FULL:
        return DiskFullError(
            _("the disk holding {database} is full; free some space and try again").format(
                database=where
            )
        )
    return _server_error(url, failure, detail) or StoreError(
        _("cannot use the database {database}: {reason}").format(database=where, reason=detail)
    )


def _server_error(url: URL, failure: Failure, detail: str) -> StoreError | None:
    """The message for a server that does not answer, refuses the login or goes away."""
    where = describe(url)
    if failure is Failure.UNREACHABLE:
        reason = detail.rsplit("failed: ", 1)[-1]
        return ServerUnavailableError(
            _("no database server answers at {database} ({reason})").format(
                database=where, reason=reason
            )
        )
    if failure is Failure.LOGIN_REFUSED:
        reason = detail.rsplit("failed: ", 1)[-1].removeprefix("FATAL:").strip()
        return ServerUnavailableError(
            _("the server at {database} refused the login ({reason})").format(
                database=where, reason=reason
            )
        )
    if failure is Failure.NO_SUCH_DATABASE:
        return ServerUnavailableError(
            _(
                "the server at {database} has no database '{name}'; create it first "
                "(createdb {name}) or name another"
            ).format(database=where, name=printable(str(url.database)))
        )
    if failure is Failure.CONNECTION_LOST:
        return ServerUnavailableError(
            _("the connection to {database} was lost ({reason})").format(
                database=where, reason=detail
            )
        )
    return None


def _wal_without_log(path: Path) -> bool:
    """True for a SQLite file in WAL mode (header bytes 18 and 19 are 2) with no -wal
    file beside it: nobody has it open, and everything it holds is in the file."""
    try:
        with path.open("rb") as stream:
            header = stream.read(20)
    except OSError:
        return False
    return header[18:20] == b"\x02\x02" and not Path(f"{path}-wal").exists()


def _damaged(url: URL, findings: list[str]) -> DamagedDatabaseError:
    lines = [line.strip() for finding in findings for line in str(finding).splitlines()]
    first = next((line for line in lines if line and not line.startswith("***")), "")
    return DamagedDatabaseError(
        _("{database} is damaged ({reason}); restore a copy from a backup").format(
            database=describe(url),
            reason=printable(first, 120) or _("SQLite finds corrupt pages"),
        )
    )


def database_exists(database: str | os.PathLike[str] | None = None) -> bool:
    """Whether opening ``database`` would find a program rather than create one: a
    SQLite file that is missing or empty would be created; a server is taken to exist
    (its database is made by the administrator)."""
    url = resolve_url(database)
    return not _is_file(url) or _holds_data(url)


def missing_program(database: str | os.PathLike[str] | None = None) -> str | None:
    """How a message names ``database`` when opening it would make a new, empty
    program: a SQLite file that is not there or is empty, or a server's database that
    holds no program yet (the administrator made it empty). None otherwise: a program
    is there, or :func:`open_database` refuses the place for a reason of its own (a
    folder, a named pipe), which it says. A server that cannot be reached is refused
    here in the words :func:`open_database` would use (:func:`connection_error`): a
    coordinator waits for its timeout once, not for this question and again to open."""
    url = resolve_url(database)
    if _is_server(url):
        return _server_missing_program(url)
    if not _is_file(url):
        return None
    path = str(url.database)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return _shown_path(Path(path))
    except OSError:
        return None
    empty = stat.S_ISREG(status.st_mode) and status.st_size == 0
    return _shown_path(Path(path)) if empty else None


def _is_server(url: URL) -> bool:
    return url.get_backend_name() != "sqlite"


def _server_missing_program(url: URL) -> str | None:
    """:func:`missing_program` of a server's database: named where it holds no table
    of versions, which every program's schema begins with."""
    _check_names_a_database(url)
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            holds = inspect(connection).has_table(migrations.VERSION_TABLE)
    except (DBAPIError, SQLAlchemyError) as error:
        raise connection_error(url, error) from error
    finally:
        engine.dispose()
    return None if holds else describe(url)


def _check_names_a_database(url: URL) -> None:
    """Refuse a server URL that names no database, in its path, as ``?dbname=`` or
    through ``PGDATABASE``: the server would take the database named as the login
    (``postgres``'s is its maintenance database) and a program would be made there."""
    named = url.database or url.query.get("dbname") or os.environ.get("PGDATABASE")
    if _is_server(url) and not named:
        raise StoreError(
            _(
                "{database} names no database; add its name after the server, such as "
                "postgresql://user@host/cpp_scheduler"
            ).format(database=describe(url))
        )


def open_database(
    database: str | os.PathLike[str] | None = None,
    *,
    seed: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    author: str | None = None,
    existing: bool = False,
) -> Database:
    """Open (creating or upgrading as needed) the program's database.

    A new database is given the current schema and, with ``seed``, the reference data
    (partner cities, thematic areas, TDLC's venues, travel times). ``timeout`` is how
    many seconds to wait for another program's lock or for a server to answer.
    ``author`` is who the changes are written under (by default :func:`default_author`).
    ``existing``: a program already open elsewhere reopened by its URL (the window's
    conflict check): a SQLite file no longer there is refused
    (:class:`~cpp_scheduler.store.errors.FileMovedError`), never made anew.
    """
    url = resolve_url(database)
    _check_names_a_database(url)
    if existing and (gone := _vanished(url)) is not None:
        raise moved_error(gone, saving=False)
    writer = checked_author(author) if author is not None else default_author()
    engine = create_store_engine(url, timeout)
    try:
        if _holds_data(url):
            _check_identity(url, timeout)
        created = migrations.upgrade_to_head(engine, url, describe(url))
        store = Database(url, engine, timeout, writer)
        if created and seed:
            with store.transaction() as session:
                seeding.load_reference_data(session)
        return store
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError) as error:
        engine.dispose()
        raise connection_error(url, error, timeout) from error
    except BaseException:
        engine.dispose()
        raise


__all__ = [
    "DEFAULT_TIMEOUT",
    "Database",
    "StoreError",
    "connection_error",
    "create_store_engine",
    "database_exists",
    "default_database_path",
    "describe",
    "missing_program",
    "moved_error",
    "open_database",
    "resolve_url",
]
