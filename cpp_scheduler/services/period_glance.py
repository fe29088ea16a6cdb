"""The period on screen read straight from a SQLite file, before the database layer loads.

Loading SQLAlchemy and mapping the entities takes a few tenths of a second, longer than
all the rest of the window's start. For a SQLite file already at this program's schema,
the rows of the period on screen are read here through Python's own ``sqlite3``, on a
read-only connection, so the week paints with its events while the database opens.

This is a glance, never the program: the window opens the database as always, with every
check and message (:func:`cpp_scheduler.store.open_database`), reads the period again
through :mod:`cpp_scheduler.services.calendar_reads`, then the whole program, and only
then lets the coordinator edit. Anything unusual (a URL, a file that is not writable or
not a SQLite file, another schema, a lock, a damaged page) gives None, and the window
waits for the database as before. The rows are those
:func:`~cpp_scheduler.services.calendar_reads.load_event_rows` gives (a test holds the two
to the same rows).
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cpp_scheduler
from cpp_scheduler import APP_NAME, ORGANISATION, files
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.model.called_off import HELD_SQL, HeldStatuses
from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus
from cpp_scheduler.services.rows import (
    EventRow,
    RowNames,
    with_conferences,
)

if TYPE_CHECKING:
    from cpp_scheduler.model.recurrence import OccurrenceChange

ENVIRONMENT_VARIABLE = "CPP_SCHEDULER_DB"
"""The variable that names the database when ``--db`` does not (as the store reads it)."""

REVISIONS = Path(cpp_scheduler.__file__).resolve().parent / "store" / "migrations" / "versions"
"""The schema revisions the program ships, named by their numbers (as the store reads
them, :func:`cpp_scheduler.store.migrations.shipped_head`)."""

WAIT_SECONDS = 0.05
"""How long the glance waits for a lock: not worth waiting for, the open follows."""

SQLITE_HEADER = b"SQLite format 3\x00"

_STORED = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy writes an instant in a SQLite file (UTC, without its zone)."""


def glance_at_period(
    location: str | os.PathLike[str] | None, between: tuple[datetime, datetime]
) -> list[EventRow] | None:
    """The rows of the events that may meet ``between`` in the SQLite file ``location``
    (None: the place the store opens by default), series expanded; None when the file
    cannot be read so (see the module's docstring)."""
    path = _sqlite_path(location)
    if path is None or not _worth_a_glance(path):
        return None
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True, timeout=WAIT_SECONDS)
    except sqlite3.Error:
        return None
    try:
        if _stamped_revision(connection) != _shipped_head():
            return None
        return _period_rows(connection, between)
    except (sqlite3.Error, ValueError, KeyError, TypeError):  # a RecurrenceError is a ValueError
        return None
    finally:
        connection.close()


def _sqlite_path(location: str | os.PathLike[str] | None) -> Path | None:
    given = os.fspath(location) if location is not None else os.environ.get(ENVIRONMENT_VARIABLE)
    if not given or not given.strip():
        import platformdirs

        return Path(platformdirs.user_data_dir(APP_NAME, ORGANISATION)) / "program.sqlite"
    if files.is_url(given):
        return None  # a URL: PostgreSQL, or SQLite spelled so; the open reads it
    try:
        return Path(files.typed_location(given, working_folder=True))
    except SchedulerError:
        return None  # the open says why it refuses it


def _worth_a_glance(path: Path) -> bool:
    """A regular SQLite file the program may write to (else the open refuses it)."""
    try:
        if not path.is_file() or not os.access(path, os.W_OK):
            return False
        if not os.access(path.parent, os.W_OK):
            return False
        with path.open("rb") as stream:
            header = stream.read(20)
    except OSError:
        return False
    return header.startswith(SQLITE_HEADER)


def _read_only_uri(path: Path) -> str:
    location = "file:" + urllib.parse.quote(str(path)) + "?mode=ro"
    with path.open("rb") as stream:
        header = stream.read(20)
    if header[18:20] == b"\x02\x02" and not Path(f"{path}-wal").exists():
        # A WAL file nobody has open: read it as it is, leaving no -wal or -shm beside it.
        location += "&immutable=1"
    return location


def _shipped_head() -> str:
    names = (path.name for path in REVISIONS.glob("[0-9]*_*.py"))
    return max(name.split("_", 1)[0] for name in names)


def _stamped_revision(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row and row[0] is not None else None


def _instant(stored: str) -> datetime:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def _maybe_instant(stored: str | None) -> datetime | None:
    return None if stored is None else _instant(stored)


def _stored(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime(_STORED)


def _links(
    connection: sqlite3.Connection, table: str, column: str, event_ids: list[str]
) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for event_id, linked in _rows_for(
        connection, f"SELECT event_id, {column} FROM {table} WHERE event_id IN ", event_ids
    ):
        found[event_id].add(linked)
    return found


def _rows_for(
    connection: sqlite3.Connection, query: str, event_ids: list[str]
) -> Iterable[tuple[Any, ...]]:
    """``query`` ending in ``IN ``, for ``event_ids`` a few hundred at a time (SQLite
    bounds the parameters of one statement)."""
    for first in range(0, len(event_ids), 500):
        some = event_ids[first : first + 500]
        yield from connection.execute(query + f"({', '.join('?' * len(some))})", some)


def _period_rows(
    connection: sqlite3.Connection, between: tuple[datetime, datetime]
) -> list[EventRow]:
    """As :func:`cpp_scheduler.services.calendar_reads.load_event_rows` reads them, in
    one read transaction."""
    start, end = between
    connection.execute("BEGIN")
    ids = [
        str(row[0])
        for row in connection.execute(
            "SELECT id FROM events WHERE start_utc < ? "
            "AND (end_utc > ? OR recurrence_rule IS NOT NULL)",
            (_stored(end), _stored(start)),
        )
    ]
    conference_of = {
        str(event_id): str(parent_id)
        for event_id, parent_id in connection.execute(
            "SELECT id, parent_id FROM events WHERE parent_id IS NOT NULL"
        )
    }
    names = RowNames.of(
        connection.execute("SELECT id, name, name_ja, city_id FROM venues"),
        connection.execute("SELECT id, name, name_ja FROM partner_cities"),
        delegations=dict(connection.execute("SELECT id, name FROM delegations").fetchall()),
        themes=_links(connection, "event_themes", "theme_id", ids),
        attending=_links(
            connection, "event_delegations", "delegation_id", with_conferences(ids, conference_of)
        ),
        people=_links(connection, "event_participants", "participant_id", ids),
        conference_of=conference_of,
    )
    held = HeldStatuses.of(connection.execute(HELD_SQL))
    rows: list[EventRow] = []
    series: dict[str, tuple[EventRow, str]] = {}
    for (
        event_id,
        title,
        kind,
        mode,
        status,
        start_utc,
        end_utc,
        zone,
        venue_id,
        city_id,
        version,
        rule,
        all_day,
        organiser_id,
    ) in _rows_for(
        connection,
        "SELECT id, title, kind, mode, status, start_utc, end_utc, zone, venue_id, city_id, "
        "version, recurrence_rule, all_day, organiser_id FROM events WHERE id IN ",
        ids,
    ):
        row = names.row(
            str(event_id),
            str(title),
            EventKind(kind),
            EventMode(mode),
            held.status(str(event_id), EventStatus(status)),
            _instant(start_utc),
            _instant(end_utc),
            str(zone),
            venue_id,
            city_id,
            int(version),
            is_series=bool(rule),
            all_day=bool(all_day),
            organiser_id=organiser_id,
        )
        if rule:
            series[row.event_id] = (row, str(rule))
        else:
            rows.append(row)
    if not series:
        return rows
    from cpp_scheduler.model import recurrence  # dateutil's rules: only for a series

    changes: dict[str, list[OccurrenceChange]] = defaultdict(list)
    for event_id, recurrence_id, cancelled, moved_start, moved_end in _rows_for(
        connection,
        "SELECT event_id, recurrence_id, cancelled, start_utc, end_utc "
        "FROM occurrence_overrides WHERE event_id IN ",
        list(series),
    ):
        changes[str(event_id)].append(
            recurrence.OccurrenceChange(
                _instant(recurrence_id),
                bool(cancelled),
                _maybe_instant(moved_start),
                _maybe_instant(moved_end),
            )
        )
    for event_id, (template, rule) in series.items():
        meetings = recurrence.expand(
            template.start_utc, template.end_utc, template.zone, rule, changes[event_id]
        )
        rows.extend(
            template._replace(
                start_utc=meeting.start,
                end_utc=meeting.end,
                occurrence=position,
                recurrence_id=meeting.recurrence_id,
                moved=meeting.moved,
            )
            for position, meeting in enumerate(meetings)
        )
    return rows
