"""The store's half of the history: every save appends what it changed, in its transaction.

One listener after each flush of a :class:`~cpp_scheduler.store.session.StoreSession`
reads the attribute history of every record the flush wrote (its columns and its
many-to-many links) and inserts one :class:`~cpp_scheduler.model.history.Change` row per
record, with the session's author. Being part of the flush, the rows commit or roll back
with the change itself, whoever wrote it: a dialog, a drag, an import or a command.

An import names its source with :func:`group_changes`, so the history of one event says
which file changed it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Connection, Table, event, inspect, select, text
from sqlalchemy.orm import ColumnProperty, Mapper, RelationshipProperty, Session, UOWTransaction
from sqlalchemy.orm.state import InstanceState

from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import LANGUAGES, in_every_language, language
from cpp_scheduler.model.history import Change
from cpp_scheduler.model.integrity import SESSIONS, SESSIONS_FILED
from cpp_scheduler.store.authors import UNKNOWN
from cpp_scheduler.store.bulk_rows import insert_rows
from cpp_scheduler.store.session import StoreSession
from cpp_scheduler.store.written_here import WRITTEN_HERE, WrittenHere

AUTHOR = "author"
GROUP = "history_group"
PENDING = "history_pending"
WRITTEN = "history_written"
"""(table, id, version, action, time) of the entries :func:`write_noted` inserted before
the commit, which the commit still announces."""
COMMITTING = "history_committing"
"""(table, id, version) of every entry the commit under way writes or announces."""
#: Columns every record has that say nothing a coordinator changed, and the value held
#: once as the database compares it (``HeldOnce``), which follows the value recorded.
UNRECORDED = frozenset({"version", "created_at", "updated_at", "held_once"})

CHANNEL = "cpp_scheduler_changes"
"""The PostgreSQL channel every commit of a change is announced on."""
MAX_PAYLOAD = 7000
"""Bytes of a notification's payload at most (the server's limit is 8000)."""

CREATED = "created"
CHANGED = "changed"
DELETED = "deleted"
CHANGES: Table = Change.__table__  # type: ignore[assignment]
_STANDARD_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=lambda v: plain(v))


def as_json(value: dict[str, Any]) -> str:
    """``value`` (plain values: see :func:`plain`) as the JSON text a history row keeps,
    its keys sorted. orjson writes an import's thousands of entries some nine times as
    fast as the json module; the json module takes what orjson refuses (an integer
    beyond 64 bits), so every value is kept.

    A record's values may be given as they are (texts, numbers, dates, members of an
    enumeration, lists, instants in UTC): orjson writes each as :func:`plain` does, and
    the json module calls :func:`plain` for what it cannot write. An instant in another
    zone and a time of day must be made plain first: orjson would keep the instant's
    offset, and writes some fractions of a second of a time wrongly (0.01 s as ".10000",
    in orjson 3.13)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except orjson.JSONEncodeError:
        return _STANDARD_JSON.encode(value)


def group_changes(session: Session, source: Callable[[], str]) -> str:
    """Tie the changes ``session`` writes from now on to one entry naming their source
    (an imported file, for instance): ``source()`` words it, in each language the program
    speaks. The group's id."""
    group_id = str(uuid.uuid4())
    names = {code: printable(name, 300) for code, name in in_every_language(source).items()}
    session.info[GROUP] = (group_id, names[language()], as_json(names))
    return group_id


def sequence_only() -> ColumnElement[bool]:
    """The history rows of a change whose one field is the calendar ``SEQUENCE`` the
    store raised by itself (with a change of one meeting of its series, which has an
    entry of its own): bookkeeping for calendar clients, not a change a coordinator
    made. Matched on the text the rows keep, whose keys are sorted and whose sequence
    values are numbers, so no other field follows a closing bracket in such a row."""
    return (
        (Change.action == CHANGED)
        & Change.fields.like('{"sequence":%')
        & ~Change.fields.contains("],")
    )


def spoken(texts: str | None) -> str | None:
    """The text for the language the program speaks now, of texts kept in every
    language (``record_labels``, ``group_names``); None when there are none, or none in
    that language."""
    if not texts:
        return None
    try:
        found = json.loads(texts).get(language())
    except (ValueError, AttributeError):
        return None
    return found if isinstance(found, str) else None


def last_named(connection: Connection | Session, record_id: str) -> str | None:
    """``event 'Kobe DRR workshop'``: a record as its history last named it, in the
    language the program speaks now; None when its history names it nowhere. What a
    message calls a record deleted since, which the database no longer holds."""
    found = connection.execute(
        select(CHANGES.c.record_labels, CHANGES.c.record_label)
        .where(CHANGES.c.record_id == str(record_id))
        .order_by(CHANGES.c.id.desc())
        .limit(1)
    ).first()
    if found is None:
        return None
    return spoken(found[0]) or (str(found[1]) if found[1] else None)


_AS_IS = frozenset({str, int, float, bool})
"""Types kept as they are, checked first by type alone: most values of a record."""


def plain(value: Any) -> Any:
    """``value`` in the JSON form the history keeps: instants as ISO 8601 UTC."""
    if value is None or type(value) in _AS_IS:
        return value
    if type(value) is datetime:  # checked before the other kinds: most values that are not
        return _plain_instant(value)  # kept as they are are instants
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return _plain_instant(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return str(value)


def _plain_instant(value: datetime) -> str:
    return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()


def _ids(records: Iterable[Any]) -> list[str]:
    return sorted(str(getattr(record, "id", record)) for record in records)


def _links(mapper: Mapper[Any]) -> list[RelationshipProperty[Any]]:
    return [rel for rel in mapper.relationships if rel.secondary is not None]


def _columns(mapper: Mapper[Any]) -> list[ColumnProperty[Any]]:
    return [prop for prop in mapper.column_attrs if prop.key not in UNRECORDED]


def _changed_fields(state: InstanceState[Any]) -> dict[str, list[Any]]:
    fields: dict[str, list[Any]] = {}
    for prop in _columns(state.mapper):
        history = state.attrs[prop.key].history
        if not history.has_changes():
            continue
        old = plain(history.deleted[0]) if history.deleted else None
        new = plain(history.added[0]) if history.added else None
        if old != new:
            fields[prop.key] = [old, new]
    for rel in _links(state.mapper):
        history = state.attrs[rel.key].history
        if not history.has_changes():
            continue
        kept = list(history.unchanged)
        old_ids, new_ids = _ids(kept + list(history.deleted)), _ids(kept + list(history.added))
        if old_ids != new_ids:
            fields[rel.key] = [old_ids, new_ids]
    return fields


def _all_fields(state: InstanceState[Any], *, before: bool) -> dict[str, list[Any]]:
    """Every value a created record starts with (``[None, value]``), or a deleted one
    ends with (``[value, None]``)."""
    loaded = state.dict
    fields: dict[str, list[Any]] = {}
    for prop in _columns(state.mapper):
        if prop.key in loaded:
            value = plain(loaded[prop.key])
            fields[prop.key] = [value, None] if before else [None, value]
    for rel in _links(state.mapper):
        if rel.key in loaded:
            ids = _ids(loaded[rel.key] or ())
            if ids:
                fields[rel.key] = [ids, None] if before else [None, ids]
    return fields


def record_labels(record: Any) -> dict[str, str]:
    """How ``record`` is named, in each language the program speaks."""
    return labels_of_each([record])[0]


def labels_of_each(records: Sequence[Any]) -> list[dict[str, str]]:
    """How each of ``records`` is named, in each language the program speaks: each
    language is spoken once for them all (an import names thousands of records)."""

    def each() -> list[str | None]:
        return [_label_or_none(record) for record in records]

    named = in_every_language(each)
    found: list[dict[str, str]] = []
    for position, record in enumerate(records):
        labels = {
            code: printable(label, 200)
            for code, names in named.items()
            if (label := names[position]) is not None
        }
        if len(labels) < len(named):  # a label is a courtesy: never fail a save over it
            kind = getattr(record, "record_kind", "record")
            fallback = printable(f"{kind} {getattr(record, 'id', '')}", 200)
            labels = dict.fromkeys(LANGUAGES, fallback)
        found.append(labels)
    return found


def _label_or_none(record: Any) -> str | None:
    try:
        return str(record.label())
    except Exception:  # named by the fallback above
        return None


def _named(labels: dict[str, str], group: tuple[Any, ...] | None) -> dict[str, Any]:
    """The columns of an entry that name its record and its source: in the language of
    the coordinator who saves, and in every language."""
    return {
        "record_label": labels[language()],
        "record_labels": as_json(labels),
        "group_id": group[0] if group else None,
        "group_name": group[1] if group else None,
        "group_names": group[2] if group else None,
    }


def _row(
    record: Any, action: str, fields: dict[str, list[Any]], info: dict[str, Any], at: datetime
) -> dict[str, Any]:
    state = inspect(record)
    group = info.get(GROUP)
    version = state.dict.get("version")
    if version is None:
        version = state.committed_state.get("version", 0)
    return {
        "record_table": state.mapper.local_table.name,
        "record_id": str(record.id),
        "kind": str(getattr(record, "record_kind", "record"))[:32],
        "action": action,
        "version": int(version or 0),
        "author": str(info.get(AUTHOR) or UNKNOWN),
        "changed_at": at,
        "fields": as_json(fields),
        **_named(record_labels(record), group),
    }


def _recorded(record: Any) -> bool:
    mapper = inspect(record).mapper
    return mapper.version_id_col is not None and not isinstance(record, Change)


def announcement(rows: list[dict[str, Any]], info: dict[str, Any]) -> str:
    """The NOTIFY payload of a commit: who, from which database handle, when, and each
    record's table, id, version and action (``created``, ``changed``, ``deleted``); a
    commit too large for one notification says ``many`` and the listeners reload all."""
    records = [
        [row["record_table"], row["record_id"], row["version"], row.get("action", CHANGED)]
        for row in rows
    ]
    at = max((row["changed_at"] for row in rows if "changed_at" in row), default=None)
    payload: dict[str, Any] = {"author": str(info.get(AUTHOR) or UNKNOWN), "records": records}
    written_here = info.get(WRITTEN_HERE)
    if isinstance(written_here, WrittenHere):
        payload["from"] = written_here.token
    if isinstance(at, datetime):
        payload["at"] = at.isoformat()
    text_form = json.dumps(payload, ensure_ascii=False)
    if len(text_form.encode("utf-8")) > MAX_PAYLOAD:
        many = {key: payload[key] for key in ("author", "from") if key in payload}
        text_form = json.dumps({**many, "many": len(records)})
    return text_form


def _merged(first: dict[str, Any], then: dict[str, Any]) -> dict[str, Any] | None:
    """Two flushes' changes of one record in one transaction as the one save they are:
    the first old value and the last new one of each field; None when nothing is left."""
    if first["action"] == CREATED and then["action"] == DELETED:
        return None
    if first["action"] == DELETED and then["action"] == CREATED:
        action = CHANGED  # put back as it was before (an undone import): one change
    else:
        action = DELETED if then["action"] == DELETED else first["action"]
    fields: dict[str, list[Any]] = json.loads(first["fields"])
    for name, (old, new) in json.loads(then["fields"]).items():
        fields[name] = [fields[name][0] if name in fields else old, new]
    if action == CHANGED:
        fields = {name: pair for name, pair in fields.items() if pair[0] != pair[1]}
        if not fields:
            return None
    return {
        **then,
        "action": action,
        "fields": as_json(fields),
    }


@event.listens_for(StoreSession, "after_flush")
def _note_changes(session: Session, _context: UOWTransaction) -> None:
    """Keep what this flush wrote until the commit; a save may flush several times."""
    at = datetime.now(UTC)
    info = session.info
    rows: list[dict[str, Any]] = []
    for record in session.new:
        if _recorded(record):
            rows.append(_row(record, CREATED, _all_fields(inspect(record), before=False), info, at))
    filed: dict[tuple[str, str], tuple[list[str], list[str]]] = info.pop(SESSIONS_FILED, {})
    for record in session.dirty:
        if not _recorded(record):
            continue
        state = inspect(record)
        fields = _changed_fields(state)
        sessions = filed.get((state.mapper.local_table.name, str(record.id)))
        if sessions is not None and sessions[0] != sessions[1]:
            fields[SESSIONS] = [sessions[0], sessions[1]]
        if fields:
            rows.append(_row(record, CHANGED, fields, info, at))
    for record in session.deleted:
        if _recorded(record):
            rows.append(_row(record, DELETED, _all_fields(inspect(record), before=True), info, at))
    pending: dict[tuple[str, str], dict[str, Any] | None] = info.setdefault(PENDING, {})
    for row in rows:
        key = (row["record_table"], row["record_id"])
        earlier = pending.get(key)
        pending[key] = row if earlier is None else _merged(earlier, row)


@event.listens_for(StoreSession, "before_commit")
def _write_changes(session: Session) -> None:
    """Append the transaction's changes to the history, just before it commits.

    The entries of one save share a group: an import's names its file
    (:func:`group_changes`), any other save's is a group of its own, unnamed. What a
    deletion took from other records is then read back as that deletion's alone
    (reverting it puts back no link a separate save took away)."""
    session.flush()
    pending: dict[tuple[str, str], dict[str, Any] | None] = session.info.pop(PENDING, {})
    rows = [row for row in pending.values() if row is not None]
    if any(row["group_id"] is None for row in rows):
        save = str(uuid.uuid4())
        rows = [row if row["group_id"] is not None else {**row, "group_id": save} for row in rows]
    written: list[tuple[str, str, int, str, datetime]] = session.info.pop(WRITTEN, [])
    if rows or written:
        connection = session.connection()
        written_here = session.info.get(WRITTEN_HERE)
        if connection.dialect.name == "sqlite" and isinstance(written_here, WrittenHere):
            # Noted before the commit: a listener that reads the new rows the moment
            # they are committed, before this thread is back from committing, must find
            # them this program's own. Forgotten again if the commit fails.
            committing = [
                *((row["record_table"], row["record_id"], row["version"]) for row in rows),
                *((table, record_id, version) for table, record_id, version, _, _ in written),
            ]
            written_here.add(committing)
            session.info[COMMITTING] = committing
        if rows:
            insert_rows(connection, CHANGES, rows)
        if connection.dialect.name == "postgresql":
            # NOTIFY is transactional: the other windows hear of it when this commits.
            announced = [
                {"record_table": table, "record_id": record_id, "version": version,
                 "action": action, "changed_at": at}
                for table, record_id, version, action, at in written
            ]  # fmt: skip
            connection.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANNEL, "payload": announcement(announced + rows, session.info)},
            )


@event.listens_for(StoreSession, "after_commit")
def _committed(session: Session) -> None:
    """The versions noted as this program's own (see :func:`_write_changes`) are now
    committed: they stay noted."""
    session.info.pop(COMMITTING, None)


@event.listens_for(StoreSession, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(SESSIONS_FILED, None)
    session.info.pop(WRITTEN, None)
    uncommitted = session.info.pop(COMMITTING, None)
    written_here = session.info.get(WRITTEN_HERE)
    if uncommitted and isinstance(written_here, WrittenHere):
        # Never committed: a colleague's commit may leave these versions yet.
        written_here.discard(uncommitted)


def write_noted(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    """Insert now the entries :func:`note_created` keeps for the records ``keys`` names
    (table, id), instead of at the commit; the commit still announces them.

    For records written in bulk that nothing changes later in the transaction (their
    entries are final): an import of a year of events then never holds a year of
    entries in memory. A rollback takes the rows back with the records.
    """
    pending: dict[tuple[str, str], dict[str, Any] | None] = session.info.get(PENDING, {})
    rows = [row for key in keys if (row := pending.pop(key, None)) is not None]
    if not rows:
        return
    insert_rows(session.connection(), CHANGES, rows)
    written: list[tuple[str, str, int, str, datetime]] = session.info.setdefault(WRITTEN, [])
    written.extend(
        (row["record_table"], row["record_id"], row["version"], row["action"], row["changed_at"])
        for row in rows
    )


def note_created(
    session: Session,
    *,
    table: str,
    record_id: str,
    kind: str,
    labels: dict[str, str],
    fields: dict[str, list[Any]],
    version: int,
    at: datetime | None = None,
) -> None:
    """Keep the history entry of a record created without the session's unit of work
    (an import's rows written in bulk) until the commit, as a flush would. ``at``: when
    it was created (now, by default), which the records written together share, as those
    of one flush do."""
    info = session.info
    group = info.get(GROUP)
    row = {
        "record_table": table,
        "record_id": record_id,
        "kind": kind[:32],
        "action": CREATED,
        "version": version,
        "author": str(info.get(AUTHOR) or UNKNOWN),
        "changed_at": datetime.now(UTC) if at is None else at,
        "fields": as_json(fields),
        **_named(labels, group),
    }
    pending: dict[tuple[str, str], dict[str, Any] | None] = info.setdefault(PENDING, {})
    earlier = pending.get((table, record_id))
    pending[(table, record_id)] = row if earlier is None else _merged(earlier, row)


def renumber(session: Session, table: str, record_id: str, version: int) -> None:
    """Give the entry the transaction keeps for a record the version it is at now: a
    record brought back by a revert is written at version 1 and then takes up its
    numbering again, after the highest version its history holds."""
    row = session.info.get(PENDING, {}).get((table, record_id))
    if row is not None:
        row["version"] = version


def note_restored(session: Session, records: Iterable[Any]) -> None:
    """Keep creation entries for records put back row by row as they were (an undone
    deletion or import), which the unit of work never saw being added: the history then
    says who brought them back, and the other windows hear that they exist again. Their
    links must be loaded."""
    for record in records:
        if not _recorded(record):
            continue
        state = inspect(record)
        note_created(
            session,
            table=state.mapper.local_table.name,
            record_id=str(record.id),
            kind=str(getattr(record, "record_kind", "record")),
            labels=record_labels(record),
            fields=_all_fields(state, before=False),
            version=int(state.dict.get("version") or 0),
        )
