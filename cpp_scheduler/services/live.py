"""Hearing of other people's commits while a window is open, in a thread of its own.

On PostgreSQL every commit of a change sends a notification from its own transaction
(:data:`cpp_scheduler.store.history.CHANNEL`, with the author and each record's table,
id and version); the watcher listens on a connection of its own. On SQLite there is no
server to tell: the watcher asks ``PRAGMA data_version`` a few times a second, which
moves when another connection commits, and reads the history rows written since.

A lost connection is reported, retried every few seconds, and followed by a catch-up:
a notice with ``catch_up`` set, after which the window reads everything again. No Qt
here: the window turns the callbacks into signals.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import psycopg
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from cpp_scheduler.errors import printable, system_reason
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.model.base import Base
from cpp_scheduler.model.history import Change
from cpp_scheduler.store import Database, StoreError
from cpp_scheduler.store.errors import FileMovedError
from cpp_scheduler.store.history import CHANNEL, CREATED, DELETED, sequence_only, spoken
from cpp_scheduler.store.written_here import WrittenHere

POLL_SECONDS = 0.1
"""How often a SQLite file is asked whether someone else committed."""
APPLICATION_NAME = "CPP Scheduler changes"
"""How the listening connection names itself to the server (``pg_stat_activity``)."""
RETRY_SECONDS = 3.0
"""How long to wait before connecting again after the connection was lost."""


@dataclass(frozen=True)
class ChangedRecord:
    model: str
    """The entity's class name (``Event``), as the window's editor names it."""
    record_id: str
    version: int
    deleted: bool = False
    """The commit deleted the record (its version is then the last it had)."""
    own: bool = False
    """This program committed it itself (through the same database handle): the window
    has shown it already, and nobody else is to be named for it."""
    listed: bool = True
    """The history lists this change (``cpp-scheduler history`` and the History panel):
    False for the calendar sequence the store raised alone, with a change of one
    meeting of the series, which has an entry of its own (:func:`sequence_only`). The
    record is read again all the same; it is not counted as a change of its own."""
    created: bool = False
    """The commit added the record, as its history entry says."""
    label: str = ""
    """The record as its history entry names it (``event 'Kobe DRR workshop'``), in the
    language it was saved in; empty where no entry was read."""
    labels: str | None = None
    """That name in every language the entry keeps (JSON), for :meth:`name`."""

    def name(self) -> str:
        """The record as its history entry names it, in the language spoken now."""
        return spoken(self.labels) or self.label

    def then(self, later: ChangedRecord) -> ChangedRecord:
        """This record after ``later``, a change of it heard after this one: what the
        two did together (added, then changed, is added), under its latest name."""
        return replace(
            later,
            created=(self.created and not later.deleted) or later.created,
            label=later.label or self.label,
            labels=later.labels or self.labels,
        )


@dataclass(frozen=True)
class ChangeNotice:
    """Records someone committed, and who; or, with ``catch_up``, "read everything"."""

    author: str
    records: tuple[ChangedRecord, ...] = field(default=())
    catch_up: bool = False
    at: datetime | None = None
    """When the change was saved (UTC), for an open editor to say so; None if unknown."""


def records_changed(authors: list[str], count: int) -> str:
    """``Ravi Menon changed a record`` (or ``3 records``): what the window's status bar
    says when the watcher brings in changes colleagues (``authors``, by name) committed
    meanwhile to ``count`` records listed on screen; in the language's own plural."""
    return ngettext(
        "{authors} changed a record", "{authors} changed {count} records", count
    ).format(authors=", ".join(authors), count=f"{count:,}")


_PARTS_OF_A_CHANGE = frozenset({"OccurrenceOverride"})
"""Records added and deleted as a change of another: a meeting of a series moved,
cancelled or put back is a change of that meeting, whatever its entry's action."""


def change_line(authors: list[str], records: list[ChangedRecord]) -> str:
    """What the window's status bar says of what colleagues (``authors``, by name)
    committed meanwhile to ``records``, the records listed on screen: one record is
    named with what was done to it (``Ravi Menon deleted event 'Kobe DRR workshop'``),
    more are counted (:func:`records_changed`)."""
    if len(records) != 1 or not records[0].name():
        return records_changed(authors, len(records))
    record, who = records[0], ", ".join(authors)
    if record.model in _PARTS_OF_A_CHANGE:
        return _("{authors} changed {record}").format(authors=who, record=record.name())
    if record.deleted:
        return _("{authors} deleted {record}").format(authors=who, record=record.name())
    if record.created:
        return _("{authors} added {record}").format(authors=who, record=record.name())
    return _("{authors} changed {record}").format(authors=who, record=record.name())


def _model_names() -> dict[str, str]:
    return {
        str(getattr(mapper.local_table, "name", "")): mapper.class_.__name__
        for mapper in Base.registry.mappers
    }


def parse_notice(payload: str, written_here: WrittenHere | None = None) -> ChangeNotice:
    """A notification's payload as a notice (a malformed one asks for a catch-up);
    the records ``written_here`` holds are marked as this program's own."""
    try:
        data = json.loads(payload)
        author = printable(str(data.get("author", _("someone"))), 100)
        own = written_here is not None and data.get("from") == written_here.token
        if "records" not in data:  # too many to name: read everything, unless ours
            return ChangeNotice(author, catch_up=not own)
        names = _model_names()
        records = tuple(
            ChangedRecord(
                names.get(str(table), str(table)),
                str(record_id),
                int(version),
                deleted=[str(item) for item in action] == [DELETED],
                own=own,
                created=[str(item) for item in action] == [CREATED],
            )
            for table, record_id, version, *action in data["records"]
        )
        return ChangeNotice(author, records, at=_instant(data.get("at")))
    except (ValueError, TypeError, AttributeError):
        return ChangeNotice(_("someone"), catch_up=True)


def _instant(text: object) -> datetime | None:
    """A payload's ISO 8601 instant, in UTC; None when absent or unreadable."""
    if not isinstance(text, str):
        return None
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        return None
    return instant.astimezone(UTC) if instant.tzinfo else instant.replace(tzinfo=UTC)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return system_reason(error)
    lines = str(getattr(error, "orig", None) or error).strip().splitlines()
    return printable(lines[0], 80) if lines else _("no answer")


class ChangeWatcher:
    """Calls ``on_notice`` for every commit made elsewhere, ``on_status`` with a line
    when the connection is lost (and None when it is back), from a thread of its own."""

    def __init__(
        self,
        database: Database,
        on_notice: Callable[[ChangeNotice], None],
        on_status: Callable[[str | None], None],
    ) -> None:
        self.database = database
        self.on_notice = on_notice
        self.on_status = on_status
        self._stop = threading.Event()
        self.ready = threading.Event()
        """Set once the watcher listens (or polls): commits from then on are heard."""
        self._thread = threading.Thread(target=self._run, name="change-watcher", daemon=True)

    def start(self) -> None:
        self.database.written_here.listen()
        self._thread.start()

    def stop(self) -> None:
        """Stop listening; returns once the thread is done (within a poll's time)."""
        if not self._stop.is_set():
            self.database.written_here.stop_listening()
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=RETRY_SECONDS + 2)

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        lost = False
        while not self._stop.is_set():
            try:
                if self.database.is_sqlite:
                    self._poll_sqlite(lost)
                else:
                    self._listen_postgres(lost)
            except FileMovedError:
                if self._stop.is_set():
                    return
                lost = True
                self.on_status(
                    _(
                        "Lost {database}: the file was moved or deleted; nothing can be "
                        "saved until it is back"
                    ).format(database=self.database.name)
                )
                self._stop.wait(RETRY_SECONDS)
            except (psycopg.Error, sqlite3.Error, SQLAlchemyError, OSError, StoreError) as error:
                if self._stop.is_set():
                    return
                lost = True
                self.on_status(
                    _("Lost the connection to {database} ({reason}); trying again").format(
                        database=self.database.name, reason=_reason(error)
                    )
                )
                self._stop.wait(RETRY_SECONDS)

    # -- PostgreSQL: LISTEN on a connection of its own ------------------------------------
    def _listen_postgres(self, after_loss: bool) -> None:
        conninfo = self.database.url.set(drivername="postgresql").render_as_string(
            hide_password=False
        )
        with psycopg.connect(
            conninfo, autocommit=True, connect_timeout=5, application_name=APPLICATION_NAME
        ) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            self.ready.set()
            if after_loss:
                self.on_status(None)
                self.on_notice(ChangeNotice("", catch_up=True))
            while not self._stop.is_set():
                for notification in connection.notifies(timeout=0.5):
                    notice = parse_notice(notification.payload, self.database.written_here)
                    self.on_notice(self._with_history(notice))
                    if self._stop.is_set():
                        return
                connection.execute("SELECT 1")  # a dead server shows here, not in silence

    def _with_history(self, notice: ChangeNotice) -> ChangeNotice:
        """``notice`` with what the history rows of the commit (written in its
        transaction) say of each colleague's record: a notification names each
        record's version, not what was done to it nor its name. A change the history
        does not list is marked so."""
        theirs = {(record.record_id, record.version) for record in notice.records if not record.own}
        if not theirs:
            return notice
        with self.database.session() as session:
            rows = session.execute(
                select(
                    Change.record_id,
                    Change.version,
                    Change.action,
                    Change.record_label,
                    Change.record_labels,
                    sequence_only(),
                )
                .where(
                    Change.record_id.in_({record_id for record_id, _version in theirs}),
                    # The entries of the versions named alone, however long a record's
                    # history grows.
                    Change.version.in_({version for _record_id, version in theirs}),
                )
                .order_by(Change.id)
            ).all()
        entries = {
            (record_id, version): (action, label, labels, unlisted)
            for record_id, version, action, label, labels, unlisted in rows
            if (record_id, version) in theirs
        }
        records = []
        for record in notice.records:
            entry = entries.get((record.record_id, record.version))
            if entry is None or record.own:
                records.append(record)
                continue
            action, label, labels, unlisted = entry
            records.append(
                replace(
                    record,
                    listed=record.deleted or not unlisted,
                    created=record.created or action == CREATED,
                    label=label,
                    labels=labels,
                )
            )
        return replace(notice, records=tuple(records))

    # -- SQLite: data_version, then the history rows written since ------------------------
    def _poll_sqlite(self, after_loss: bool) -> None:
        # Never a new file where the program was: the file open here, where it is, or
        # the loss is told (and asked again until the file is back at its place).
        self.database.check_in_place()
        path = str(self.database.url.database)
        location = "file:" + urllib.parse.quote(path) + "?mode=rw"
        connection = sqlite3.connect(location, uri=True, timeout=self.database.timeout)
        try:
            seen = self._last_change()
            version = connection.execute("PRAGMA data_version").fetchone()[0]
            self.ready.set()
            if after_loss:
                self.on_status(None)
                self.on_notice(ChangeNotice("", catch_up=True))
            while not self._stop.wait(POLL_SECONDS):
                self.database.check_in_place()  # moved or deleted: one stat, no read
                now = connection.execute("PRAGMA data_version").fetchone()[0]
                if now == version:
                    continue
                version = now
                seen = self._report_since(seen)
        finally:
            connection.close()

    def _last_change(self) -> int:
        with self.database.session() as session:
            return int(session.scalar(select(func.max(Change.id))) or 0)

    def _report_since(self, seen: int) -> int:
        with self.database.session() as session:
            rows = session.execute(
                select(
                    Change.id,
                    Change.record_table,
                    Change.record_id,
                    Change.version,
                    Change.author,
                    Change.changed_at,
                    Change.action,
                    sequence_only(),
                    Change.record_label,
                    Change.record_labels,
                )
                .where(Change.id > seen)
                .order_by(Change.id)
            ).all()
        if not rows:
            return seen
        names = _model_names()
        by_author: dict[str, list[ChangedRecord]] = {}
        last_at: dict[str, datetime] = {}
        written_here = self.database.written_here
        for _id, table, record_id, version, author, at, action, unlisted, label, labels in rows:
            by_author.setdefault(author, []).append(
                ChangedRecord(
                    names.get(table, table),
                    record_id,
                    version,
                    action == DELETED,
                    own=written_here.take((table, record_id, version)),
                    listed=not unlisted,
                    created=action == CREATED,
                    label=label,
                    labels=labels,
                )
            )
            last_at[author] = at
        for author, records in by_author.items():
            self.on_notice(ChangeNotice(author, tuple(records), at=last_at.get(author)))
        return int(rows[-1][0])
