"""The program's session: a failed save raises a :class:`StoreError` that names the record.

SQLAlchemy reports a colleague's newer change as ``StaleDataError`` ("UPDATE statement on
table 'events' expected to update 1 row(s); 0 were matched") and a taken email as an
``IntegrityError`` quoting SQL. By then the session has expired the records, so before
each flush the session notes what it is about to write (:class:`RecordInFlight`); a
failure is then told in the coordinator's words: which event, which email, which database.

Every commit that wrote into a SQLite file first asks the database whether the file is
still at its path (:data:`IN_PLACE`): one ``stat``, whoever writes, through
``Database.transaction()`` or a session of their own, so a save never goes into a file
moved or deleted since it was opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Table, event, inspect, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction
from sqlalchemy.orm.exc import StaleDataError

from cpp_scheduler.errors import SchedulerError, printable, quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.model.base import HELD_ONCE
from cpp_scheduler.store.errors import (
    ConcurrentEditError,
    ConnectionLostError,
    ConstraintError,
    DamagedDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    DuplicateValueError,
    Failure,
    MissingReferenceError,
    PermissionDeniedError,
    ReadOnlyDatabaseError,
    RecordInFlight,
    SaveLostError,
    StoreError,
    classify,
    first_line,
    unique_columns,
    words_for,
)

IN_FLIGHT = "records_in_flight"
IN_PLACE = "file_in_place"
"""The key of the sessions' ``info`` for the database's check that its SQLite file is
still where it was opened (a callable raising ``FileMovedError``); absent on a server
and for a database in memory, which are not checked."""
_CHANGES_AT_BEGIN = "changes_at_begin"

REFUSED_TO_THIS_LOGIN = frozenset({Failure.NO_PERMISSION, Failure.NO_TABLE})
"""How a server tells a login whose role was taken away while the program was open.
PostgreSQL leaves a schema the login may no longer use out of its search path: on a
connection that looks the schema up again, the program's tables are not there
(``relation "events" does not exist``); on one that has not, they are refused
(``permission denied for table events``). Which one comes is the server's choice, so
both get the same line. The program's tables were there when the program was opened,
since opening checks them."""


class StoreSession(Session):
    """A session whose ``flush`` and ``commit`` raise :class:`StoreError` subclasses."""

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        try:
            super().flush(objects)
        except SchedulerError:
            raise
        except (StaleDataError, DBAPIError) as error:
            raise self.translate(error) from error

    def commit(self) -> None:
        try:
            super().commit()
        except SchedulerError:
            raise
        except (StaleDataError, DBAPIError) as error:
            raise self.translate(error) from error

    def __exit__(self, type_: Any, value: Any, traceback: Any) -> None:
        """Close; a driver's failure raised in the block (a query, where a save's are
        told by :meth:`flush`, :meth:`commit` and ``Database.transaction``) leaves as a
        :class:`StoreError` in one line (:meth:`translate_read`), never SQL."""
        super().__exit__(type_, value, traceback)
        if isinstance(value, DBAPIError):
            raise self.translate_read(value) from value

    def _engine(self) -> Engine:
        bind = self.get_bind()
        return bind if isinstance(bind, Engine) else bind.engine

    @property
    def database_name(self) -> str:
        return str(self.info.get("database") or _("the database"))

    @property
    def _database_file(self) -> str | None:
        """The SQLite file the session works on, whose disk tells what SQLite's I/O error
        means (:func:`~cpp_scheduler.store.errors.classify`); None on a server."""
        url = self._engine().url
        return url.database if url.get_backend_name() == "sqlite" else None

    def translate(self, error: BaseException) -> StoreError:
        """The coordinator's message for a failed save (the session is rolled back)."""
        records: list[RecordInFlight] = list(self.info.get(IN_FLIGHT, ()))
        if isinstance(error, StaleDataError):
            return self._concurrent_edit(error, records)
        failure = classify(error, self._database_file)
        if failure is Failure.UNIQUE:
            return self._duplicate(error, records)
        names = {"what": _what(records), "where": self.database_name}
        if failure is Failure.FOREIGN_KEY:
            return self._missing_reference(records, names)
        if failure in REFUSED_TO_THIS_LOGIN:
            return PermissionDeniedError(
                _(
                    "cannot save {what}: {where} does not let this login change it ({reason}); "
                    "nothing was saved, ask the administrator for the editor role"
                ).format(reason=first_line(error), **names)
            )
        if failure in (Failure.NOT_NULL, Failure.CHECK):
            return ConstraintError(
                _("cannot save {what}: {where} refuses it ({reason})").format(
                    reason=first_line(error), **names
                )
            )
        if failure is Failure.LOCKED:
            waited = float(self.info.get("timeout", 0))
            return DatabaseLockedError(
                _(
                    "cannot save {what}: {where} is locked by another program or user "
                    "(waited {seconds} s); nothing was saved, try again in a moment"
                ).format(seconds=f"{waited:g}", **names)
            )
        if failure is Failure.READ_ONLY:
            return ReadOnlyDatabaseError(
                _("cannot save {what}: {where} is read-only; nothing was saved").format(**names)
            )
        if failure is Failure.DISK_FULL:
            return DiskFullError(
                _(
                    "cannot save {what}: the disk holding {where} is full; nothing was saved, "
                    "free some space and save again"
                ).format(**names)
            )
        if failure in (Failure.CONNECTION_LOST, Failure.UNREACHABLE):
            return SaveLostError(
                _(
                    "cannot save {what}: the connection to {where} was lost; nothing was saved"
                ).format(**names)
            )
        if failure is Failure.DAMAGED:
            return DamagedDatabaseError(
                _("cannot save {what}: {where} is damaged; restore a copy from a backup").format(
                    **names
                )
            )
        if failure is Failure.NO_SUCH_DATABASE:
            return StoreError(
                _(
                    "cannot save {what}: the server at {where} has no database '{name}' "
                    "(dropped or renamed since it was opened); nothing was saved"
                ).format(name=printable(str(self._engine().url.database)), **names)
            )
        return StoreError(
            _("cannot save {what} in {where}: {reason}").format(reason=first_line(error), **names)
        )

    def translate_read(self, error: BaseException) -> StoreError:
        """The coordinator's message for a read the database refused: the one line that
        says why, for the window's docks and the commands alike."""
        where = self.database_name
        failure = classify(error, self._database_file)
        if failure in REFUSED_TO_THIS_LOGIN:
            return PermissionDeniedError(
                _(
                    "cannot read {where}: it does not let this login read the program "
                    "({reason}); ask the administrator for the reader or editor role"
                ).format(where=where, reason=first_line(error))
            )
        if failure in (Failure.CONNECTION_LOST, Failure.UNREACHABLE):
            return ConnectionLostError(
                _("cannot read {where}: the connection was lost; try again").format(where=where)
            )
        if failure is Failure.LOCKED:
            waited = float(self.info.get("timeout", 0))
            return DatabaseLockedError(
                _(
                    "cannot read {where}: it is locked by another program or user (waited "
                    "{seconds} s); try again in a moment"
                ).format(where=where, seconds=f"{waited:g}")
            )
        if failure is Failure.DAMAGED:
            return DamagedDatabaseError(
                _("cannot read {where}: it is damaged; restore a copy from a backup").format(
                    where=where
                )
            )
        if failure is Failure.NO_SUCH_DATABASE:
            return StoreError(
                _(
                    "cannot read {where}: the server has no database '{name}' (dropped or "
                    "renamed since it was opened)"
                ).format(where=where, name=printable(str(self._engine().url.database)))
            )
        if failure is Failure.DISK_FULL:
            return DiskFullError(
                _(
                    "cannot read {where}: the disk holding it is full (SQLite needs room to "
                    "read it too); free some space and try again"
                ).format(where=where)
            )
        return StoreError(
            _("cannot read {where}: {reason}").format(where=where, reason=first_line(error))
        )

    # -- a colleague's newer change ---------------------------------------------------
    def _concurrent_edit(
        self, error: StaleDataError, records: Sequence[RecordInFlight]
    ) -> ConcurrentEditError:
        table = _table_named_in(str(error))
        candidates = [
            r for r in records if r.version is not None and r.identity and table in (None, r.table)
        ]
        current = self._current_versions(candidates)
        carried = self._carried_along_and_deleted(records, candidates, current)
        if carried is not None:
            return carried
        for record in candidates:
            now = current.get((record.table, record.identity))
            if now is None:
                return ConcurrentEditError(
                    _(
                        "{record} was deleted by someone else since you opened it; "
                        "your change was not saved"
                    ).format(record=record.label),
                    record.label,
                )
            if now != record.version:
                return _changed_by_someone_else(record.label)
        label = candidates[0].label if candidates else _what(records)
        return _changed_by_someone_else(label)

    def _carried_along_and_deleted(
        self,
        records: Sequence[RecordInFlight],
        candidates: Sequence[RecordInFlight],
        current: dict[tuple[str, tuple[Any, ...] | None], int | None],
    ) -> ConcurrentEditError | None:
        """The refusal of a save whose event (a conference cancelled or held again, an
        event filed elsewhere) carried along a session a colleague deleted meanwhile:
        the save names the event the coordinator changed, and says which session went.
        Looked for before any other record the save wrote, so that whichever row the
        database refused first (the session's, or the conference's, whose version the
        deletion raised), the coordinator reads the same line. None when no such session
        was deleted."""
        from cpp_scheduler.model.integrity import CARRIED_ALONG

        carried: dict[tuple[str, str], tuple[str, str]] = self.info.get(CARRIED_ALONG, {})
        if not carried:
            return None
        by_key = {(r.table, r.identity[0]): r for r in records if r.identity and not r.deleted}
        for record in candidates:
            key = (record.table, record.identity)
            if key not in current or current[key] is not None or record.identity is None:
                continue
            above = by_key.get(carried.get((record.table, record.identity[0]), ("", "")))
            if above is None:
                continue
            return ConcurrentEditError(
                _(
                    "{record} was not saved: {session}, one of its sessions, was deleted by "
                    "someone else meanwhile; reload it and apply your change again"
                ).format(record=above.label, session=record.label),
                above.label,
            )
        return None

    def _current_versions(
        self, records: Iterable[RecordInFlight]
    ) -> dict[tuple[str, tuple[Any, ...] | None], int | None]:
        """Each record's version in the database now, read outside the failed transaction."""
        found: dict[tuple[str, tuple[Any, ...] | None], int | None] = {}
        try:
            with self._engine().connect() as connection:
                for record in records:
                    table = _table(record.table)
                    if table is None or record.identity is None:
                        continue
                    row = connection.execute(
                        select(table.c.version).where(table.c.id == record.identity[0])
                    ).first()
                    found[(record.table, record.identity)] = None if row is None else row[0]
        except SQLAlchemyError:
            return {}
        return found

    # -- a record deleted meanwhile ----------------------------------------------------
    def _missing_reference(
        self, records: Sequence[RecordInFlight], names: dict[str, str]
    ) -> MissingReferenceError:
        """Which record the save refers to is gone, named as it was named when deleted
        (its history keeps the name), so a coordinator knows what was taken away."""
        gone = self._gone_reference(records)
        if gone is None:
            return MissingReferenceError(
                _(
                    "cannot save {what}: it refers to a record that no longer exists in "
                    "{where} (deleted by someone else?); reload and try again"
                ).format(**names)
            )
        reason = _("cannot save {what}: it refers to {gone}, which was deleted in {where}").format(
            gone=gone, **names
        )
        return MissingReferenceError(reason, reason)

    def _gone_reference(self, records: Sequence[RecordInFlight]) -> str | None:
        """``venue 'Hall A'``: the first record a saved row refers to that no longer
        exists, read outside the failed transaction; None when none is found."""
        from cpp_scheduler.model import Base
        from cpp_scheduler.store.history import last_named

        try:
            with self._engine().connect() as connection:
                for record in records:
                    table = _table(record.table)
                    if table is None or record.deleted:
                        continue
                    for key in table.foreign_keys:
                        wanted = record.values.get(key.parent.key)
                        target = key.column.table
                        if (
                            wanted is None
                            or connection.execute(
                                select(key.column).where(key.column == wanted).limit(1)
                            ).first()
                        ):
                            continue
                        kinds = [
                            mapper.class_.record_kind
                            for mapper in Base.registry.mappers
                            if mapper.local_table is target
                        ]
                        kind = _(kinds[0]) if kinds else target.name
                        return last_named(connection, str(wanted)) or _(
                            "the {kind} it referred to"
                        ).format(kind=kind)
        except SQLAlchemyError:
            return None
        return None

    # -- a taken name or email --------------------------------------------------------
    def _duplicate(
        self, error: BaseException, records: Sequence[RecordInFlight]
    ) -> DuplicateValueError:
        where = self.database_name
        broken = unique_columns(error)
        table, columns = broken if broken else (None, ())
        candidates = [r for r in records if table in (None, r.table) and not r.deleted]
        if table is not None and tuple(columns) == (HELD_ONCE,):
            held = self._held_once(table, candidates)
            if isinstance(held, DuplicateValueError):
                return held
            columns = held or columns
        record = self._holder_of_taken_value(candidates, columns) or (
            candidates[0] if candidates else None
        )
        label = record.label if record else _("the change")
        kind = _(record.kind if record else "record")
        shown = [c for c in columns if not c.endswith("_id")] or list(columns)
        value = ", ".join(
            str(record.values.get(c)) for c in shown if record and record.values.get(c) is not None
        )
        if len(columns) == 1:
            message = _(
                "{record} cannot be saved: the {field} {value} is already used by another "
                "{kind} in {where}"
            ).format(
                record=label,
                field=words_for(columns[0]),
                value=quoted(value),
                kind=kind,
                where=where,
            )
        elif columns:
            together = _joined(words_for(c) for c in columns)
            if value:
                message = _(
                    "{record} cannot be saved: another {kind} in {where} has the same {fields} "
                    "({values})"
                ).format(
                    record=label, kind=kind, where=where, fields=together, values=printable(value)
                )
            else:
                message = _(
                    "{record} cannot be saved: another {kind} in {where} has the same {fields}"
                ).format(record=label, kind=kind, where=where, fields=together)
        else:
            message = _("{record} cannot be saved: {where} already holds the same record").format(
                record=label, where=where
            )
        return DuplicateValueError(message, label, tuple(columns), value)

    def _held_once(
        self, table_name: str, records: Sequence[RecordInFlight]
    ) -> DuplicateValueError | tuple[str, ...] | None:
        """A value the program holds once that a colleague saved at the same moment,
        which the rule's own check, reading before either wrote, let through: refused
        in that check's words, naming the record that holds it now (read outside the
        failed transaction). The same value to the letter is refused as the database's
        own unique constraint of it refuses it, whichever of the two the database names
        first: the columns of that constraint are given instead. None where no such
        record is found."""
        from cpp_scheduler.model import Base
        from cpp_scheduler.model.validation import Problem, ValidationError, held_rule, held_text

        table = _table(table_name)
        entity = next(
            (mapper.class_ for mapper in Base.registry.mappers if mapper.local_table is table),
            None,
        )
        rule = None if entity is None else held_rule(entity)
        if table is None or rule is None:
            return None
        try:
            with self._engine().connect() as connection:
                for record in records:
                    key = held_text(rule.key(record.values))
                    if key is None:
                        continue
                    other = connection.execute(
                        select(table).where(table.c[HELD_ONCE] == key)
                    ).first()
                    if other is None or (record.identity and other.id == record.identity[0]):
                        continue
                    if all(
                        record.values.get(name) == other._mapping[name] for name in rule.attributes
                    ):
                        return rule.attributes
                    problem = Problem(rule.field, rule.clash(record.values, dict(other._mapping)))
                    value = ", ".join(str(record.values.get(name)) for name in rule.attributes)
                    message = str(ValidationError(record.label, [problem]))
                    return DuplicateValueError(message, record.label, rule.attributes, value)
        except SQLAlchemyError:
            return None
        return None

    def _holder_of_taken_value(
        self, records: Sequence[RecordInFlight], columns: Sequence[str]
    ) -> RecordInFlight | None:
        """The record whose value another row (stored, or saved with it) already has."""
        if not columns:
            return None
        seen: dict[tuple[str, tuple[Any, ...]], RecordInFlight] = {}
        for record in records:
            key = (record.table, tuple(record.values.get(c) for c in columns))
            if key in seen:
                return record
            seen[key] = record
        try:
            with self._engine().connect() as connection:
                for record in records:
                    table = _table(record.table)
                    if table is None or any(c not in table.c for c in columns):
                        continue
                    query = select(table.c.id).where(
                        *(table.c[c] == record.values.get(c) for c in columns)
                    )
                    if record.identity:
                        query = query.where(table.c.id != record.identity[0])
                    if connection.execute(query.limit(1)).first() is not None:
                        return record
        except SQLAlchemyError:
            return None
        return None


def _changed_by_someone_else(label: str) -> ConcurrentEditError:
    return ConcurrentEditError(
        _(
            "{record} was changed by someone else since you opened it; reload it and apply "
            "your change again"
        ).format(record=label),
        label,
    )


def _what(records: Sequence[RecordInFlight]) -> str:
    if not records:
        return _("the change")
    if len(records) == 1:
        return records[0].label
    return _("{count} changes ({first} and {more} more)").format(
        count=len(records), first=records[0].label, more=len(records) - 1
    )


def _joined(words: Iterable[str]) -> str:
    """``date and tour``: the columns of a broken constraint, as a message names them."""
    listed = list(words)
    text = listed[0] if listed else ""
    for word in listed[1:]:
        text = _("{first} and {second}").format(first=text, second=word)
    return text


def _table_named_in(message: str) -> str | None:
    start = message.find("table '")
    if start < 0:
        return None
    end = message.find("'", start + 7)
    return message[start + 7 : end] if end > start else None


def _table(name: str) -> Table | None:
    from cpp_scheduler.model import Base

    return Base.metadata.tables.get(name)


def _in_flight(record: Any, deleted: bool = False) -> RecordInFlight | None:
    table = getattr(record, "__table__", None)
    if table is None:
        return None
    state = inspect(record)
    values = {key: value for key, value in state.dict.items() if not key.startswith("_")}
    try:
        label = record.label() if hasattr(record, "label") else type(record).__name__
    except (SQLAlchemyError, AttributeError, TypeError, ValueError):
        kind = _(str(getattr(record, "record_kind", "record")))
        label = f"{kind} {state.identity or '(new)'}"
    version = state.committed_state.get("version", state.dict.get("version"))
    return RecordInFlight(
        label=label,
        kind=str(getattr(record, "record_kind", "record")),
        table=table.name,
        identity=state.identity
        if state.identity is not None
        else ((values["id"],) if values.get("id") else None),
        version=version if state.persistent or state.deleted else None,
        values=values,
        deleted=deleted,
    )


@event.listens_for(StoreSession, "before_flush")
def _delete_orphans(session: Session, _context: UOWTransaction, _instances: object) -> None:
    """Delete by name the records their owner let go (a series' moved meeting, a tour's
    day), which the flush would otherwise delete as orphans unseen: only records deleted
    through the session are in ``session.deleted``, which the history reads (so that
    Revert can bring them back) and a refused save names. Registered before the other
    listeners of the flush, so they see them."""
    for record in list(session.dirty):
        state = inspect(record)
        if state.persistent and record not in session.deleted and _orphaned(state):
            session.delete(record)


def _orphaned(state: Any) -> bool:
    """The unit of work's own test of an orphan (SQLAlchemy's mapper keeps it private):
    a record of a delete-orphan relationship that no owner holds any longer."""
    return bool(state.mapper._is_orphan(state))


@event.listens_for(StoreSession, "before_flush")
def _note_records_in_flight(session: Session, _context: UOWTransaction, _instances: object) -> None:
    noted = [_in_flight(record) for record in list(session.new) + list(session.dirty)]
    noted += [_in_flight(record, deleted=True) for record in session.deleted]
    session.info[IN_FLIGHT] = [record for record in noted if record is not None]


@event.listens_for(StoreSession, "after_begin")
def _note_changes_at_begin(
    session: Session, transaction: SessionTransaction, connection: Connection
) -> None:
    """Note how many rows the SQLite connection had written when the transaction began,
    so the commit knows whether it writes anything."""
    if IN_PLACE in session.info and transaction.parent is None:
        driver: Any = connection.connection.driver_connection  # sqlite3's connection
        session.info[_CHANGES_AT_BEGIN] = (driver, driver.total_changes)


@event.listens_for(StoreSession, "before_commit")
def _refuse_a_moved_file(session: Session) -> None:
    """Refuse a commit that writes into a SQLite file moved or deleted since it was
    opened, whatever wrote it; a transaction that wrote nothing (a read) is let end.
    Nothing is asked of a server."""
    check = session.info.get(IN_PLACE)
    if check is None:
        return
    session.flush()  # what the commit would flush is written first, and counted
    noted = session.info.get(_CHANGES_AT_BEGIN)
    if noted is not None and noted[0].total_changes != noted[1]:
        check()


@event.listens_for(StoreSession, "after_transaction_end")
def _forget_changes_at_begin(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_CHANGES_AT_BEGIN, None)


def holds_each_row(session: Session) -> bool:
    """Whether :func:`hold_for_writing` holds rows one by one (a server), where the
    order in which a transaction holds them decides whether two transactions can wait
    for each other; on SQLite it holds the whole file at once."""
    return session.get_bind().dialect.name != "sqlite"


def hold_for_writing(session: Session, table: Table, ids: Sequence[Any]) -> None:
    """Let no other transaction change the rows of ``table`` that ``ids`` names, nor
    make anything refer to them anew, until ``session``'s transaction ends: what it reads
    of them and of what refers to them from here on (a deletion's gathering of what it
    takes along and clears) is then what its writes meet.

    SQLite's driver begins a transaction only at the first write, leaving every read
    before it a moment of its own, while a colleague may save in between: on SQLite the
    transaction takes the file's write lock now (``BEGIN IMMEDIATE``, waiting as long as
    any write waits), unless a write of it holds it already. On a server, each of those
    rows is locked (``FOR UPDATE``): a colleague's save of it, or of a row referring to
    it, waits until this transaction ends, and a row read after it waited is the one
    they committed."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        driver: Any = connection.connection.driver_connection  # sqlite3's connection
        if not driver.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        session.execute(select(table.c.id).where(table.c.id.in_(chunk)).with_for_update())


def hold_for_changing(session: Session, table: Table, ids: Sequence[Any]) -> None:
    """On a server, lock the rows of ``table`` that ``ids`` names as their own update
    would (``FOR NO KEY UPDATE``): a colleague's save of one of them waits until this
    transaction ends, while a save that only refers to one of them anew (an event given
    a delegation) goes on, as it would beside that update. For the rows a transaction
    will write besides those it deletes (:func:`hold_for_writing`), held before them.
    Nothing on SQLite, where a write holds the whole file."""
    if not holds_each_row(session):
        return
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        session.execute(
            select(table.c.id).where(table.c.id.in_(chunk)).with_for_update(key_share=True)
        )
