"""Creating, changing, deleting and restoring any record from a plain dict of values.

The GUI's undo commands and dialogs speak this one format, so a change made in a dialog,
by dragging an event, or by undoing either goes through the same validation (the model's
rules run at every flush) and can be reversed exactly.

The values format: keys are the model's attribute names for scalar columns (``title``,
``kind`` as the enum, ``start_utc``/``end_utc`` as aware UTC datetimes, ``venue_id``...),
and ``<relationship>_ids`` lists of ids for many-to-many links (``theme_ids``,
``delegation_ids``, ``participant_ids``; ``city_ids`` and ``event_ids`` for a knowledge
product). Bookkeeping columns (``id``, ``version``, ``created_at``, ``updated_at``,
``uid``, ``sequence``) are never part of it: the store owns them.

Deleting returns a snapshot of the record's rows and of everything the deletion takes
with it (links, sessions of a conference, changed occurrences) or clears (references
from other records), so :func:`restore_record` puts all of it back as it was. Clearing
a reference or a link, or putting it back, changes the other record (an event whose venue
or participant was deleted) at a new version; both say which records they changed and
the versions they found and left (:class:`Touched`), so an undo stack counts those
versions as its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Table, UniqueConstraint, inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapper, RelationshipProperty, Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import _, shown_name
from cpp_scheduler.model.base import Base
from cpp_scheduler.model.event import Event
from cpp_scheduler.store import (
    ConcurrentEditError,
    Database,
    DuplicateValueError,
    StoreError,
    history,
)
from cpp_scheduler.store.errors import first_line, unique_columns
from cpp_scheduler.store.session import StoreSession

RecordT = TypeVar("RecordT", bound=Base)

#: Columns the store keeps itself; a values dict never carries them.
BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at", "uid", "sequence"})


class RecordNotFoundError(SchedulerError):
    """The record to change or delete is no longer in the database.

    Attributes:
        reason: what happened, without the advice to reload, for a window that reads
            the program again by itself (an undo refused); the message otherwise.
    """

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = message if reason is None else reason


class StaleRecordError(ConcurrentEditError):
    """Somebody else saved a newer version of the record since it was read.

    A :class:`ConcurrentEditError`, whether the version read was found stale before the
    save or the database refused the save itself: callers handle the two alike.

    Attributes:
        reason: what happened, without the advice to reload (see
            :class:`RecordNotFoundError`).
    """

    def __init__(self, message: str, record: str, reason: str | None = None) -> None:
        super().__init__(message, record)
        self.reason = message if reason is None else reason


def check_version(record: Base, expected_version: int | None) -> None:
    """Refuse to change ``record`` when it is no longer at the version the caller read."""
    version = getattr(record, "version", None)
    if expected_version is not None and version != expected_version:
        raise StaleRecordError(
            _(
                "{record} was changed by somebody else since you opened it "
                "(version {version}, you had {read}); reload and try again"
            ).format(record=record.label(), version=version, read=expected_version),
            record.label(),
            _("{record} was changed by somebody else in the meantime").format(
                record=record.label()
            ),
        )


class UnknownFieldError(SchedulerError, KeyError):
    """A values dict names something the record does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


def _kind(model_cls: type[Base]) -> str:
    return str(model_cls.record_kind)


def _scalar_keys(model_cls: type[Base]) -> list[str]:
    mapper = inspect(model_cls)
    return [attr.key for attr in mapper.column_attrs if attr.key not in BOOKKEEPING]


def _link_relationships(model_cls: type[Base]) -> dict[str, Any]:
    """The many-to-many relationships, by the ``<name>_ids`` key that carries them."""
    mapper = inspect(model_cls)
    links: dict[str, Any] = {}
    for relationship in mapper.relationships:
        if relationship.secondary is not None:
            singular = relationship.key[:-1] if relationship.key.endswith("s") else relationship.key
            links[f"{singular}_ids"] = relationship
    return links


def link_keys(model_cls: type[Base]) -> dict[str, str]:
    """The values key (``theme_ids``) of each many-to-many relationship (``themes``)."""
    return {relationship.key: key for key, relationship in _link_relationships(model_cls).items()}


def value_keys(model_cls: type[Base]) -> list[str]:
    """Every key a values dict for ``model_cls`` may carry."""
    return _scalar_keys(model_cls) + list(_link_relationships(model_cls))


def record_values(record: Base) -> dict[str, Any]:
    """The record's editable values in the values format (links as sorted id lists)."""
    model_cls = type(record)
    values: dict[str, Any] = {key: getattr(record, key) for key in _scalar_keys(model_cls)}
    for key, relationship in _link_relationships(model_cls).items():
        values[key] = [linked.id for linked in getattr(record, relationship.key)]
    for key, value in values.items():
        if isinstance(value, list) and key not in _link_relationships(model_cls):
            values[key] = list(value)  # a JSON column: never share the stored list
    return values


def _apply(session: Session, record: Base, values: Mapping[str, Any]) -> None:
    """Set ``values`` on ``record`` as one change: nothing is flushed while the linked
    records are looked up, so a save of title and themes together raises the version
    once, not once for the title and again for the themes."""
    with session.no_autoflush:
        _apply_values(session, record, values)


def _apply_values(session: Session, record: Base, values: Mapping[str, Any]) -> None:
    model_cls = type(record)
    scalars = set(_scalar_keys(model_cls))
    links = _link_relationships(model_cls)
    # Its own fields first, so a message about a link names the record by its title.
    ordered = sorted(values.items(), key=lambda item: item[0] in links)
    for key, value in ordered:
        if key in scalars:
            setattr(record, key, list(value) if isinstance(value, list) else value)
        elif key in links:
            relationship = links[key]
            target = relationship.mapper.class_
            linked = []
            for linked_id in value:
                found = session.get(target, linked_id)
                if found is None:
                    raise _link_gone(target, record.label())
                linked.append(found)
            setattr(record, relationship.key, linked)
        else:
            raise UnknownFieldError(f"{key!r} is not a field of the {_kind(model_cls)} record")


def _link_gone(target: type[Base], label: str) -> RecordNotFoundError:
    """A record to save or bring back links to (or refers to) one deleted since."""
    return RecordNotFoundError(
        _("the {kind} linked to {record} no longer exists").format(
            kind=_(target.record_kind), record=label
        )
    )


def create_record(
    session: Session,
    model_cls: type[RecordT],
    values: Mapping[str, Any],
    record_id: str | None = None,
    *,
    bookkeeping: Mapping[str, Any] | None = None,
    touched: list[Touched] | None = None,
) -> RecordT:
    """Add a new record made from ``values`` (with a chosen id, to redo a creation).

    ``bookkeeping``: the store's own values to start from (a deleted event brought back
    keeps its calendar ``uid``, so the participants' calendars know it again).
    ``touched``: given, gets the records the new one belongs to that its addition
    changed (a series whose meeting it changes)."""
    record = model_cls(id=record_id) if record_id else model_cls()
    for key, value in (bookkeeping or {}).items():
        if key in BOOKKEEPING and key not in {"id", "version"}:
            setattr(record, key, value)
    _apply(session, record, values)
    _attach_parents(session, record)
    touching = _Touching()
    for parent in _parents(record) if touched is not None else ():
        touching.note(parent)
    session.add(record)
    session.flush()
    if touched is not None:
        touched.extend(touching.touched())
    return record


def _attach_parents(session: Session, record: Base) -> None:
    """Load the records a new one refers to by id (its event, its delegation ...).

    A new record knows its parents only by foreign key until it is flushed; the rules
    that run at the flush look at the parents themselves (a changed meeting raises its
    series' calendar sequence), so they are attached now.
    """
    mapper = inspect(type(record))
    for relationship in mapper.relationships:
        if relationship.direction.name != "MANYTOONE" or relationship.viewonly:
            continue
        columns = list(relationship.local_columns)
        if len(columns) != 1 or getattr(record, relationship.key) is not None:
            continue
        key = getattr(record, mapper.get_property_by_column(columns[0]).key, None)
        if key is not None:
            parent = session.get(relationship.mapper.class_, key)
            if parent is None:  # deleted since it was chosen (or since the record went)
                raise _link_gone(relationship.mapper.class_, record.label())
            setattr(record, relationship.key, parent)


def get_record(session: Session, model_cls: type[RecordT], record_id: str) -> RecordT:
    record = session.get(model_cls, record_id)
    if record is None:
        raise RecordNotFoundError(
            _("the {kind} was deleted in the meantime; reload and try again").format(
                kind=_(_kind(model_cls))
            ),
            _("the {kind} was deleted in the meantime").format(kind=_(_kind(model_cls))),
        )
    return record


def update_record(
    session: Session,
    model_cls: type[RecordT],
    record_id: str,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> RecordT:
    """Change a record; refused when it is no longer at ``expected_version``."""
    record = get_record(session, model_cls, record_id)
    check_version(record, expected_version)
    series = record.series_times() if isinstance(record, Event) else None
    _apply(session, record, values)
    if isinstance(record, Event) and series is not None:
        record.keep_changed_meetings(series)  # a moved series keeps its changed meetings
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleRecordError(
            _("{record} was changed by somebody else while you saved it").format(
                record=record.label()
            ),
            record.label(),
        ) from error
    return record


# -- deletion and restoration ------------------------------------------------------------


@dataclass
class Snapshot:
    """Everything a deletion removed or cleared, enough to put it back."""

    model: str
    record_id: str
    title: str
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """Removed rows in an order that can be inserted again (parents first)."""
    cleared: list[tuple[str, dict[str, Any], str, Any]] = field(default_factory=list)
    """References set to NULL: (table, primary key, column, former value)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "record_id": self.record_id,
            "title": self.title,
            "rows": self.rows,
            "cleared": self.cleared,
        }


def _tables() -> dict[str, Table]:
    return dict(Base.metadata.tables)


def _primary_key(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    return {column.name: row[column.name] for column in table.primary_key.columns}


_CHUNK = 500
"""Values in one ``IN (...)`` list: well within every backend's limit on parameters."""


def _collect(
    session: Session,
    table: Table,
    column_name: str,
    owners: Mapping[Any, Snapshot],
    seen: set[tuple[str, tuple[Any, ...]]],
) -> None:
    """Record ``table``'s rows whose ``column_name`` is one of ``owners``' keys, each in
    the snapshot its key belongs to, then what they take with them (rows that cascade)
    and what they clear (SET NULL references). A row two deletions reach is recorded
    once, by the first."""
    values = [value for value in owners if value is not None]
    fresh: list[tuple[dict[str, Any], Snapshot]] = []
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        for found in session.execute(select(table).where(table.c[column_name].in_(chunk))):
            row = dict(found._mapping)
            key = (table.name, tuple(_primary_key(table, row).values()))
            if key in seen:
                continue
            seen.add(key)
            snapshot = owners[row[column_name]]
            snapshot.rows.append((table.name, row))
            fresh.append((row, snapshot))
    if not fresh:
        return
    for other in _tables().values():
        for foreign_key in other.foreign_keys:
            if foreign_key.column.table is not table:
                continue
            referred: dict[Any, Snapshot] = {}
            for row, snapshot in fresh:
                referred.setdefault(row[foreign_key.column.name], snapshot)
            local = foreign_key.parent.name
            if (foreign_key.ondelete or "").upper() == "CASCADE":
                _collect(session, other, local, referred, seen)
            elif (foreign_key.ondelete or "").upper() == "SET NULL":
                _collect_cleared(session, other, local, referred, seen)


def _collect_cleared(
    session: Session,
    table: Table,
    column_name: str,
    owners: Mapping[Any, Snapshot],
    seen: set[tuple[str, tuple[Any, ...]]],
) -> None:
    """Record the references of ``table``'s rows to one of ``owners``' keys, which the
    deletion sets to NULL, each in the snapshot its key belongs to."""
    values = [value for value in owners if value is not None]
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        for found in session.execute(select(table).where(table.c[column_name].in_(chunk))):
            row = dict(found._mapping)
            key = _primary_key(table, row)
            if (table.name, tuple(key.values())) in seen:
                continue  # removed with the record anyway
            owners[row[column_name]].cleared.append(
                (table.name, key, column_name, row[column_name])
            )


@dataclass(frozen=True)
class Touched:
    """Another record a deletion or its undo changed (an event whose venue it cleared or
    put back): the version it found the record at, and the one it left it at."""

    model: str
    record_id: str
    found: int
    left: int


class _Touching:
    """The other records a deletion or a restore sets a reference or a link of, with
    the version each was at before; read once the change is flushed."""

    def __init__(self) -> None:
        self._found: dict[int, tuple[Base, int]] = {}

    def note(self, record: Base) -> None:
        version = getattr(record, "version", None)
        if version is not None and id(record) not in self._found:
            self._found[id(record)] = (record, int(version))

    def touched(self) -> list[Touched]:
        """The records whose version the flushed change raised."""
        return [
            Touched(type(record).__name__, str(record.id), found, int(record.version))  # type: ignore[attr-defined]
            for record, found in self._found.values()
            if getattr(record, "version", None) not in (None, found)
        ]


def _set_reference(
    session: Session,
    table_name: str,
    key: Mapping[str, Any],
    column: str,
    value: Any,
    touching: _Touching,
    *,
    only_if_empty: bool = False,
) -> bool:
    """Set a reference a deletion clears (an event's venue) or its undo puts back, on the
    record itself rather than in SQL, so the record's version rises and its history says
    who changed it: a colleague's editor open on it, their window and the invitations'
    SEQUENCE all learn of it; ``touching`` notes the record. False where the table is no
    record's (a link table)."""
    mapper = _mapper_of(table_name)
    if mapper is None:
        return False
    record = session.get(mapper.class_, tuple(key[c.name] for c in mapper.primary_key))
    if record is None:
        return True  # gone with the deletion itself
    attribute = mapper.get_property_by_column(mapper.local_table.c[column]).key
    if not only_if_empty or getattr(record, attribute) is None:
        touching.note(record)
        setattr(record, attribute, value)
    return True


@dataclass(frozen=True)
class _LinkOwner:
    """A record's list of links kept in a table of links (an event's participants in
    ``event_participants``): which column of a link row names the record, and which the
    record linked to."""

    relationship: RelationshipProperty[Any]
    owner_column: str
    target_column: str

    @property
    def owner_cls(self) -> type[Base]:
        return self.relationship.parent.class_

    @property
    def owner_table(self) -> str:
        return str(self.owner_cls.__tablename__)

    @property
    def target_cls(self) -> type[Base]:
        return self.relationship.mapper.class_


@cache
def _link_owners(table_name: str) -> tuple[_LinkOwner, ...]:
    """The records' lists of links kept in ``table_name`` (none for a record's table):
    worked out once per table, as an undone import deletes thousands of rows."""
    table = _tables()[table_name]
    found = []
    for mapper in Base.registry.mappers:
        for relationship in mapper.relationships:
            if relationship.secondary is not table or relationship.viewonly:
                continue
            ((_, owner_column),) = relationship.synchronize_pairs
            ((_, target_column),) = relationship.secondary_synchronize_pairs or ()
            found.append(_LinkOwner(relationship, owner_column.name, target_column.name))
    return tuple(found)


def _unlink(
    session: Session, owner: _LinkOwner, row: Mapping[str, Any], touching: _Touching
) -> None:
    """Take a link out of its owner's list (a deleted participant out of an event's), on
    the record rather than in SQL: the owner's version rises and its history says who
    changed its links, so a colleague's save of the old list is refused, not applied."""
    record = session.get(owner.owner_cls, row[owner.owner_column])
    if record is None:
        return
    links = getattr(record, owner.relationship.key)
    gone = [linked for linked in links if linked.id == row[owner.target_column]]
    if gone:
        touching.note(record)
        for linked in gone:
            links.remove(linked)


def _relink(
    session: Session, owner: _LinkOwner, row: Mapping[str, Any], touching: _Touching
) -> None:
    """Put a link back in its owner's list, as :func:`_unlink` took it out; nothing where
    the owner or the record linked to is gone since."""
    record = session.get(owner.owner_cls, row[owner.owner_column])
    target = session.get(owner.target_cls, row[owner.target_column])
    if record is None or target is None:
        return
    links = getattr(record, owner.relationship.key)
    if target not in links:
        touching.note(record)
        links.append(target)


def delete_record(
    session: Session,
    model_cls: type[Base],
    record_id: str,
    *,
    touched: list[Touched] | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Delete a record and return a snapshot that :func:`restore_record` can put back;
    refused (:class:`StaleRecordError`) when it is no longer at ``expected_version``.

    ``touched``: given, gets the other records the deletion changed: those whose
    references it cleared or links it took out, and the record it belonged to where
    losing it changes that one (a series whose changed meeting it was)."""
    record = get_record(session, model_cls, record_id)
    check_version(record, expected_version)
    (snapshot,) = _delete(session, model_cls, [record], touched)
    return snapshot


def delete_records(
    session: Session, model_cls: type[Base], record_ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Delete many records of one kind at once (an undone import takes back thousands):
    each one's snapshot, by id, as :func:`delete_record` gives it, from a few queries
    per table rather than a few per record. Refused (:class:`RecordNotFoundError`)
    when one of them is gone."""
    records: dict[str, Base] = {}
    entity: Any = model_cls
    for start in range(0, len(record_ids), _CHUNK):
        chunk = list(record_ids[start : start + _CHUNK])
        records.update(
            (str(record.id), record)
            for record in session.scalars(
                select(entity).where(entity.id.in_(chunk)).options(*_loaded_with(model_cls))
            )
        )
    for record_id in record_ids:
        if record_id not in records:
            get_record(session, model_cls, record_id)  # says which kind is gone
    snapshots = _delete(session, model_cls, [records[i] for i in dict.fromkeys(record_ids)], None)
    return {snapshot["record_id"]: snapshot for snapshot in snapshots}


def _loaded_with(model_cls: type[Base]) -> list[Any]:
    """Loader options for what the ORM itself deletes or unlinks with a record (its
    changed meetings, its lists of links): read with the records, not one by one."""
    return [
        selectinload(getattr(model_cls, relationship.key))
        for relationship in inspect(model_cls).relationships
        if not relationship.viewonly
        and (relationship.secondary is not None or "delete" in relationship.cascade)
    ]


def _delete(
    session: Session,
    model_cls: type[Base],
    records: Sequence[Base],
    touched: list[Touched] | None,
) -> list[dict[str, Any]]:
    """Delete ``records`` (of ``model_cls``), with their snapshots in their order."""
    snapshots = {
        str(record.id): Snapshot(model_cls.__name__, str(record.id), _title_of(record))  # type: ignore[attr-defined]
        for record in records
    }
    table = model_cls.__table__
    assert isinstance(table, Table)
    session.flush()
    _collect(session, table, "id", snapshots, set())
    # References from rows that are deleted too are restored with those rows.
    removed = {
        (name, tuple(_primary_key(_tables()[name], row).values()))
        for snapshot in snapshots.values()
        for name, row in snapshot.rows
    }
    for snapshot in snapshots.values():
        snapshot.cleared = [
            entry
            for entry in snapshot.cleared
            if (entry[0], tuple(entry[1].values())) not in removed
        ]
    touching = _Touching()
    for snapshot in snapshots.values():
        for table_name, key, column, _value in snapshot.cleared:
            _set_reference(session, table_name, key, column, None, touching)
    with session.no_autoflush:  # one flush, one new version for each record changed
        for snapshot in snapshots.values():
            for table_name, row in snapshot.rows:
                for owner in _link_owners(table_name):
                    if (owner.owner_table, (row[owner.owner_column],)) not in removed:
                        _unlink(session, owner, row, touching)
    session.flush()
    if touched is not None:
        for record in records:
            for parent in _parents(record):
                touching.note(parent)
    for record in records:
        session.delete(record)
    session.flush()
    if touched is not None:
        touched.extend(touching.touched())
    session.expunge_all()
    return [snapshot.as_dict() for snapshot in snapshots.values()]


def _title_of(record: Base) -> str:
    return str(getattr(record, "title", None) or getattr(record, "name", None) or record.id)  # type: ignore[attr-defined]


def _parents(record: Base) -> list[Base]:
    """The records ``record`` belongs to (its event, its delegation ...), loaded: adding
    or removing it may change them (a series' changed meeting raises the series'
    calendar sequence, and so its version)."""
    mapper = inspect(type(record))
    found = []
    for relationship in mapper.relationships:
        if relationship.direction.name == "MANYTOONE" and not relationship.viewonly:
            parent = getattr(record, relationship.key)
            if parent is not None:
                found.append(parent)
    return found


@dataclass(frozen=True)
class Other:
    """Another record a deletion took something from: its table, id and name."""

    table: str
    record_id: str
    label: str
    """As a message names it (``event 'Kobe port briefing'``)."""


def taken_from_others(
    session: Session, snapshot: Mapping[str, Any], touched: Sequence[Touched]
) -> list[Other]:
    """The other records a deletion (its ``snapshot`` and the records it ``touched``)
    took something from: those that refer to the deleted one or list it among their
    links, and those deleted with it that are more than a part of it (a conference's
    session; not a series' changed meeting or the ledger of sent invitations).

    What takes back a record's creation (a history revert, an undone import) asks it,
    so that a colleague who linked their work to the record since keeps it."""
    entities = {mapper.class_.__name__: mapper.class_ for mapper in Base.registry.mappers}
    found: list[Other] = []
    nothing: Mapping[str, Any] = {}
    own_table, own = next(
        (
            (table_name, row)
            for table_name, row in snapshot["rows"]
            if row.get("id") == snapshot["record_id"]
            and (mapper := _mapper_of(table_name)) is not None
            and mapper.class_.__name__ == snapshot["model"]
        ),
        ("", nothing),
    )
    table = _tables().get(own_table)
    parents = (
        set()
        if table is None
        else {own.get(key.parent.name) for key in table.foreign_keys} - {None}
    )
    for record in touched:
        entity = entities.get(record.model)
        if entity is None or record.record_id in parents:
            continue  # the record it belonged to (a series whose meeting it changed)
        other = session.get(entity, record.record_id)
        if other is not None:
            found.append(Other(str(entity.__tablename__), record.record_id, other.label()))
    for table_name, row in snapshot["rows"]:
        mapper = _mapper_of(table_name)
        if mapper is None or mapper.class_.__name__ in _PART_OF_THEIR_RECORD:
            continue
        if mapper.class_.__name__ == snapshot["model"] and row.get("id") == snapshot["record_id"]:
            continue
        name = row.get(mapper.class_.named_by) or row.get("id")
        label = f"{_(mapper.class_.record_kind)} {quoted(str(name))}"
        found.append(Other(table_name, str(row.get("id")), label))
    return found


def snapshot_version(snapshot: Mapping[str, Any]) -> int | None:
    """The version of the record a deletion snapshot holds (the one it had when it was
    deleted, which :func:`restore_record` puts back); None for a record without one."""
    for table_name, row in snapshot["rows"]:
        mapper = _mapper_of(table_name)
        if (
            mapper is not None
            and mapper.class_.__name__ == snapshot["model"]
            and row.get("id") == snapshot["record_id"]
        ):
            version = row.get("version")
            return None if version is None else int(version)
    return None


def restore_record(
    session: Session,
    model_cls: type[Base],
    snapshot: Mapping[str, Any],
    *,
    touched: list[Touched] | None = None,
    check_links: bool = True,
) -> None:
    """Put back a deleted record with its links, dependents and cleared references.

    Refused (:class:`RecordNotFoundError`) when a record it links to or refers to was
    deleted since (a delegation of a deleted event): the rule a history revert of the
    deletion follows too, rather than bringing it back with less than it had.
    ``check_links``: False where the caller has checked (an undone import, which puts
    back thousands of events at once) and the database's own refusal is enough.
    ``touched``: given, gets the other records whose references it put back (a
    reference a colleague has set to something else since stays theirs)."""
    _check_restorable(session, model_cls, [snapshot])
    if check_links:
        _check_still_there(session, model_cls, snapshot)
    _restore(session, [snapshot], touched)


def restore_records(
    session: Session, model_cls: type[Base], snapshots: Sequence[Mapping[str, Any]]
) -> None:
    """Put back many deleted records of one kind at once (a redone import brings back
    thousands), as :func:`restore_record` puts back each with ``check_links=False``:
    each table's rows in one statement, the database's refusal the only check of what
    they refer to."""
    _check_restorable(session, model_cls, snapshots)
    _restore(session, snapshots, None)


def _check_restorable(
    session: Session, model_cls: type[Base], snapshots: Sequence[Mapping[str, Any]]
) -> None:
    """Refuse snapshots of another kind of record, or of a record that exists again."""
    for snapshot in snapshots:
        if snapshot["model"] != model_cls.__name__:
            raise ValueError(f"a snapshot of a {snapshot['model']} cannot restore a {model_cls}")
    titles = {snapshot["record_id"]: snapshot["title"] for snapshot in snapshots}
    entity: Any = model_cls
    ids = list(titles)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        there = session.scalars(select(entity.id).where(entity.id.in_(chunk))).first()
        if there is not None:
            raise SchedulerError(
                _("the {kind} '{title}' already exists").format(
                    kind=_(_kind(model_cls)), title=titles[there]
                )
            )
    session.flush()


def _restore(
    session: Session, snapshots: Sequence[Mapping[str, Any]], touched: list[Touched] | None
) -> None:
    """Insert the snapshots' rows, a table at a time in the order of the foreign keys;
    put their links into the lists of records not brought back with them, and their
    cleared references back where nobody has set another since."""
    tables = _tables()
    brought_back = {
        (table_name, row["id"])
        for snapshot in snapshots
        for table_name, row in snapshot["rows"]
        if "id" in row
    }
    rows_of: dict[str, list[Mapping[str, Any]]] = {}
    relinked: list[tuple[_LinkOwner, Mapping[str, Any]]] = []
    for snapshot in snapshots:
        for table_name, row in snapshot["rows"]:
            owners = [
                owner
                for owner in _link_owners(table_name)
                if (owner.owner_table, row[owner.owner_column]) not in brought_back
            ]
            if owners:
                relinked.extend((owner, row) for owner in owners)
            else:
                rows_of.setdefault(table_name, []).append(row)
    restored: dict[str, list[Any]] = {}
    for table in Base.metadata.sorted_tables:
        rows = _parents_first(table, rows_of.get(table.name, []))
        if rows:
            _insert(session, table, rows)
            restored[table.name] = [row["id"] for row in rows if "id" in row]
    session.flush()
    touching = _Touching()
    with session.no_autoflush:  # one flush, one new version for each record changed
        for owner, row in relinked:
            _relink(session, owner, row, touching)
    for snapshot in snapshots:
        for table_name, key, column, value in snapshot["cleared"]:
            if _set_reference(
                session, table_name, key, column, value, touching, only_if_empty=True
            ):
                continue
            table = tables[table_name]
            condition = [table.c[name] == key_value for name, key_value in key.items()]
            session.execute(
                update(table).where(*condition, table.c[column].is_(None)).values({column: value})
            )
    session.flush()
    if touched is not None:
        touched.extend(touching.touched())
    _note_restored(session, restored)
    session.expire_all()


def _parents_first(table: Table, rows: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """``rows`` in an order they can be inserted in: a row referring to another row of
    its own table (a session to its conference) after that one."""
    own = [key.parent.name for key in table.foreign_keys if key.column.table is table]
    if not own or len(rows) < 2:
        return rows
    waiting = {row["id"] for row in rows}
    ordered: list[Mapping[str, Any]] = []
    left = rows
    while left:
        ready = [row for row in left if not any(row[name] in waiting for name in own)]
        if not ready:  # a cycle: the database says what is wrong with it
            return ordered + left
        ordered += ready
        waiting -= {row["id"] for row in ready}
        left = [row for row in left if row["id"] in waiting]
    return ordered


def _insert(session: Session, table: Table, rows: list[Mapping[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` in one statement, once none of them takes a value
    another row holds since (an event's calendar UID): that one is named."""
    for columns in _unique_keys(table):
        wanted = {tuple(row[name] for name in columns): row for row in rows}
        first = table.c[columns[0]]
        values = list({key[0] for key in wanted if key[0] is not None})
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            query = select(*(table.c[name] for name in columns)).where(first.in_(chunk))
            for held in session.execute(query):
                row = wanted.get(tuple(held))
                if row is not None:
                    raise _taken(session, table.name, columns, row)
    try:
        session.execute(table.insert(), rows)
    except IntegrityError as error:
        if isinstance(session, StoreSession):
            raise session.translate(error) from error
        raise


@cache
def _unique_keys(table: Table) -> tuple[tuple[str, ...], ...]:
    """The columns of each unique constraint of ``table`` (its primary key aside)."""
    return tuple(
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    )


def _check_still_there(
    session: Session, model_cls: type[Base], snapshot: Mapping[str, Any]
) -> None:
    """Refuse to bring back a record whose rows refer to a record deleted since (a link
    to a delegation, a venue), one query per kind of record referred to."""
    tables = _tables()
    brought_back = {(name, row.get("id")) for name, row in snapshot["rows"]}
    wanted: dict[tuple[str, str], set[Any]] = {}
    for table_name, row in snapshot["rows"]:
        for foreign_key in tables[table_name].foreign_keys:
            value = row.get(foreign_key.parent.name)
            target = foreign_key.column.table.name
            if value is None or (target, value) in brought_back:
                continue
            wanted.setdefault((target, foreign_key.column.name), set()).add(value)
    for (target, column_name), values in wanted.items():
        column = tables[target].c[column_name]
        found = set(session.scalars(select(column).where(column.in_(values))))
        if values - found:
            mapper = _mapper_of(target)
            label = f"{_(_kind(model_cls))} {quoted(str(snapshot['title']))}"
            if mapper is None:
                raise RecordNotFoundError(
                    _("a record linked to {record} no longer exists").format(record=label)
                )
            raise _link_gone(mapper.class_, label)


def _taken_since(
    session: Session, error: IntegrityError, table_name: str, row: Mapping[str, Any]
) -> StoreError:
    """Why a deleted record cannot be put back: most often, another record has taken its
    name (or email, or code) since; the message names both the record and the value."""
    broken = unique_columns(error)
    if broken is None or _mapper_of(table_name) is None:
        if isinstance(session, StoreSession):
            return session.translate(error)
        return StoreError(first_line(error))
    return _taken(session, table_name, broken[1], row)


def _taken(
    session: Session, table_name: str, columns: Sequence[str], row: Mapping[str, Any]
) -> StoreError:
    """A record that cannot be put back, as another of its kind holds its ``columns``'
    values now."""
    mapper = _mapper_of(table_name)
    kind = _(_kind(mapper.class_)) if mapper is not None else table_name
    label = str(row.get("title") or row.get("name") or row.get("id"))
    shown = [column for column in columns if not column.endswith("_id")] or list(columns)
    value = ", ".join(str(row[column]) for column in shown if row.get(column) is not None)
    where = session.database_name if isinstance(session, StoreSession) else _("the database")
    message = _(
        "the {kind} {record} cannot be put back: {value} is now used by another {kind} in {where}"
    ).format(kind=kind, record=quoted(label), value=quoted(value), where=where)
    return DuplicateValueError(message, label, tuple(columns), value)


def _note_restored(session: Session, restored: Mapping[str, list[Any]]) -> None:
    """Write the history of the records a restore put back, read a table at a time with
    their links (an undone import brings back thousands)."""
    for table_name, ids in restored.items():
        mapper = _mapper_of(table_name)
        if mapper is None:
            continue
        entity: Any = mapper.class_
        links = [
            selectinload(getattr(entity, relationship.key))
            for relationship in mapper.relationships
            if relationship.secondary is not None
        ]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = session.scalars(
                select(entity)
                .where(entity.id.in_(chunk))
                .options(*links)
                .execution_options(populate_existing=True)
            )
            history.note_restored(session, found)


def _mapper_of(table_name: str) -> Mapper[Any] | None:
    """The mapper of a record's table, or None for a table of links."""
    table = _tables()[table_name]
    return next((found for found in Base.registry.mappers if found.local_table is table), None)


def record_title(record: Base) -> str:
    """The name a coordinator knows a record by (its title or name)."""
    return str(getattr(record, "title", None) or getattr(record, "name", None) or record.label())


# -- whole operations on an open database, for the window ---------------------------------
@dataclass(frozen=True)
class Saved:
    """What a change left: the record's new version, and the values it replaced."""

    version: int | None
    before: dict[str, Any]
    """The record's former values of the keys changed, in the values format."""
    found: int | None = None
    """The version the change found the record at."""


@dataclass(frozen=True)
class StoredRecord:
    """A record as an editor opens it: its values, the name it goes by, its version."""

    values: dict[str, Any]
    title: str
    version: int | None


def create(
    database: Database,
    model_cls: type[Base],
    values: Mapping[str, Any],
    record_id: str | None = None,
) -> str:
    """Add a record in one transaction; its id."""
    with database.transaction() as session:
        return str(create_record(session, model_cls, values, record_id=record_id).id)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Created:
    """A record a creation added: its id and version, and the other records it changed."""

    record_id: str
    version: int | None
    touched: tuple[Touched, ...] = ()
    """The records it belongs to whose version its addition raised (a series whose
    meeting it changes)."""


def create_versioned(
    database: Database,
    model_cls: type[Base],
    values: Mapping[str, Any],
    record_id: str | None = None,
) -> Created:
    """Add a record in one transaction; its id and the version it starts at, which an
    undo of the creation carries (:func:`delete`)."""
    touched: list[Touched] = []
    with database.transaction() as session:
        record = create_record(session, model_cls, values, record_id=record_id, touched=touched)
        version = getattr(record, "version", None)
        return Created(
            str(record.id),  # type: ignore[attr-defined]
            None if version is None else int(version),
            tuple(touched),
        )


def change(
    database: Database,
    model_cls: type[Base],
    record_id: str,
    values: Mapping[str, Any],
    expected_version: int | None,
) -> Saved:
    """Change a record in one transaction, refused (:class:`ConcurrentEditError`) when it
    is no longer at ``expected_version``; what it replaced, for an undo."""
    with database.transaction() as session:
        record = get_record(session, model_cls, record_id)
        found = getattr(record, "version", None)
        everything = record_values(record)
        before = {key: everything[key] for key in values if key in everything}
        updated = update_record(
            session, model_cls, record_id, values, expected_version=expected_version
        )
        session.flush()
        return Saved(getattr(updated, "version", None), before, found)


@dataclass(frozen=True)
class Deleted:
    """What a deletion removed, and the other records it changed."""

    snapshot: dict[str, Any]
    """What :func:`restore` puts back."""
    touched: tuple[Touched, ...]
    """The records whose references to it the deletion cleared (an event held at a
    deleted venue), at the versions it left them."""

    @property
    def version(self) -> int | None:
        """The version the record was deleted at, which :func:`restore` brings it back
        at (None for a record without one)."""
        return snapshot_version(self.snapshot)


def delete(
    database: Database,
    model_cls: type[Base],
    record_id: str,
    expected_version: int | None = None,
    *,
    alone: bool = False,
) -> Deleted:
    """Delete a record in one transaction; its snapshot, which :func:`restore` puts
    back, and the other records the deletion changed. Refused
    (:class:`ConcurrentEditError`, nothing deleted) when the record is no longer at
    ``expected_version``: an undo of its creation, or a redo of its deletion, never
    takes a colleague's change away with it. ``alone``: refused too when another record
    refers to it or lists it (see :func:`taken_from_others`), as when its creation is
    taken back: a colleague's session filed under a new conference stays theirs."""
    touched: list[Touched] = []
    with database.transaction() as session:
        snapshot = delete_record(
            session, model_cls, record_id, touched=touched, expected_version=expected_version
        )
        others = taken_from_others(session, snapshot, touched) if alone else []
        if others:
            label = f"{_(_kind(model_cls))} {quoted(str(snapshot['title']))}"
            message = _("{other} refers to {record} since; nothing was deleted").format(
                other=others[0].label, record=label
            )
            raise StaleRecordError(message, label)
    return Deleted(snapshot, tuple(touched))


@dataclass(frozen=True)
class TakenAlong:
    """A record that a deletion of another deletes with it: its kind (untranslated, as
    :attr:`~cpp_scheduler.model.base.Base.record_kind`) and its name."""

    kind: str
    title: str


#: Records that go with the one they belong to as part of it, never named apart: the
#: ledger of sent invitations and of answers, a series' changed meetings.
_PART_OF_THEIR_RECORD = frozenset({"SentMessage", "Reply", "OccurrenceOverride"})


@cache
def _entities_by_table() -> dict[str, type[Base]]:
    return {
        mapper.local_table.name: mapper.class_
        for mapper in Base.registry.mappers
        if isinstance(mapper.local_table, Table)
    }


@dataclass(frozen=True)
class ToDelete:
    """What the question before a deletion needs, read at once: the version the
    coordinator decides on, which the deletion then carries (a colleague's edit since
    is not deleted unseen), and the records it takes along."""

    version: int | None
    along: tuple[TakenAlong, ...]


def to_delete(database: Database, model_cls: type[Base], record_id: str) -> ToDelete:
    """The record's version and the records that deleting it deletes with it, in one
    read."""
    with database.reading() as session:
        record = get_record(session, model_cls, record_id)
        version = getattr(record, "version", None)
        return ToDelete(
            int(version) if version is not None else None,
            _taken_along(session, model_cls, record_id),
        )


def _taken_along(session: Session, model_cls: type[Base], record_id: str) -> tuple[TakenAlong, ...]:
    """The records that deleting this one deletes with it, by the database's ON DELETE
    CASCADE (a delegation's study tours, an area's sub-themes), each named, in name
    order: what the question before a deletion says. Links are not records, and what
    those records hold (a tour's days) goes with them unnamed."""
    entities = _entities_by_table()
    table = model_cls.__table__
    found: list[TakenAlong] = []
    for other in _tables().values():
        entity = entities.get(other.name)
        if entity is None or entity.__name__ in _PART_OF_THEIR_RECORD:
            continue  # a link table, or a part of the record itself
        for foreign_key in other.foreign_keys:
            if (
                foreign_key.column.table is not table
                or (foreign_key.ondelete or "").upper() != "CASCADE"
            ):
                continue
            column = other.c[foreign_key.parent.name]
            for record in session.scalars(select(entity).where(column == record_id)):
                found.append(TakenAlong(str(entity.record_kind), record_title(record)))
    return tuple(sorted(found, key=lambda along: (along.kind, along.title.casefold())))


def restore(
    database: Database, model_cls: type[Base], snapshot: Mapping[str, Any]
) -> tuple[Touched, ...]:
    """Put back a record :func:`delete` removed, in one transaction; the other records
    it changed, their references to it put back, at the versions it left them."""
    touched: list[Touched] = []
    with database.transaction() as session:
        restore_record(session, model_cls, snapshot, touched=touched)
    return tuple(touched)


def stored(database: Database, model_cls: type[Base], record_id: str) -> StoredRecord:
    """A record's values (links as id lists), its name and its version, read at once."""
    with database.reading() as session:
        record = get_record(session, model_cls, record_id)
        return StoredRecord(
            record_values(record), record_title(record), getattr(record, "version", None)
        )


def title_of(database: Database, model_cls: type[Base], record_id: str) -> str:
    """The name a coordinator knows a record by."""
    with database.session() as session:
        return record_title(get_record(session, model_cls, record_id))


@dataclass(frozen=True)
class Listed:
    """One record of a manager's table: its id, its name and the values of its columns."""

    record_id: str
    title: str
    cells: tuple[Any, ...]


def _country_name(code: str | None) -> str | None:
    """A country by its name, as :attr:`~cpp_scheduler.model.Delegation.country_name`."""
    return timezones.country_name(code or "") or code


#: Attributes a manager shows that are worked out from columns rather than stored: the
#: columns they are read from, and how. A partner city's prefecture is shown in the
#: window's language, as its name is (its Japanese name in Japanese).
WORKED_OUT: dict[str, tuple[tuple[str, ...], Callable[..., Any]]] = {
    "country_name": (("country",), _country_name),
    "shown_prefecture": (("prefecture", "prefecture_ja"), shown_name),
}


def list_records(
    database: Database, model_cls: type[Base], attributes: Sequence[str], order_by: str
) -> list[Listed]:
    """Every record of a kind, with the attributes asked for, read as columns: a
    manager's table (participants grow with the program) never needs the records
    themselves. An attribute in :data:`WORKED_OUT` is worked out from its column."""
    mapper = inspect(model_cls)
    stored = {attribute.key for attribute in mapper.column_attrs}
    title_key = next((key for key in ("title", "name") if key in stored), None)
    if title_key is None:
        raise TypeError(f"{model_cls.__name__} has neither a title nor a name to list")
    read: list[str] = []
    cells: list[tuple[slice, Callable[..., Any] | None]] = []
    for attribute in attributes:
        if attribute in stored:
            sources: tuple[str, ...] = (attribute,)
            convert = None
        elif attribute in WORKED_OUT:
            sources, convert = WORKED_OUT[attribute]
        else:
            raise TypeError(f"{attribute!r} is not a column of {model_cls.__name__}")
        first = 2 + len(read)
        read.extend(sources)
        cells.append((slice(first, first + len(sources)), convert))
    statement = select(*(getattr(model_cls, key) for key in ("id", title_key, *read))).order_by(
        getattr(model_cls, order_by)
    )
    with database.session() as session:
        rows = session.execute(statement).all()
    return [
        Listed(
            str(row[0]),
            str(row[1]),
            tuple(
                row[place.start] if convert is None else convert(*row[place])
                for place, convert in cells
            ),
        )
        for row in rows
    ]
