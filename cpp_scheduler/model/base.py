"""The declarative base, the UTC column type and the columns every record shares."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import DateTime, Dialect, Integer, MetaData, String, Text, TypeDecorator
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import N_, _, shown_name

# Stable constraint names, so that Alembic migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    #: What a coordinator calls this kind of record, for messages ("venue", "event").
    record_kind: ClassVar[str] = N_("record")

    def __init__(self, **values: Any) -> None:
        """Apply column defaults at construction, not only at INSERT.

        A new record must be valid and complete before it is flushed: a dialog validates
        it, the program file refers to its id, the calendar export reads its UID.
        """
        for column in self.__table__.columns:
            default = column.default
            if column.key in values or default is None or not hasattr(default, "arg"):
                continue
            values[column.key] = default.arg(None) if default.is_callable else default.arg
        cls = type(self)
        for key, value in values.items():
            if not hasattr(cls, key):
                raise TypeError(f"{key!r} is not an attribute of {cls.__name__}")
            setattr(self, key, value)

    #: The attribute that names a record in messages ("name" or "title").
    named_by: ClassVar[str] = "name"
    #: Its Japanese form, which Japanese messages use where it is given; None if none.
    named_in_japanese_by: ClassVar[str | None] = None

    def label(self) -> str:
        """How a message names this record: its kind, in the program's language, and its
        name or title as written; in Japanese, its Japanese name where it has one (as
        the window's lists show it)."""
        name = getattr(self, self.named_by, None) or self.id_or_new()
        japanese = self.named_in_japanese_by
        if japanese is not None:
            name = shown_name(name, getattr(self, japanese))
        return f"{_(self.record_kind)} {quoted(name)}"

    def id_or_new(self) -> str:
        return str(getattr(self, "id", None) or "(new)")


class UTCDateTime(TypeDecorator[datetime]):
    """An instant: bound as UTC, read back as an aware UTC datetime on every backend.

    SQLite keeps no zone, PostgreSQL's ``timestamptz`` does; both round-trip through this
    type to the same aware value. A naive datetime is refused: it is not an instant.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} stored as an instant; give it a zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any] | None:
        """On SQLite, the stored text straight from the instant: the same text as
        ``process_bind_param`` followed by SQLite's own processing, at a fraction of the
        cost of those two steps (an import binds tens of thousands of instants)."""
        stored_as = getattr(self.impl_instance.dialect_impl(dialect), "_storage_format", None)
        if dialect.name != "sqlite" or stored_as != _SQLITE_DATETIME_TEXT:
            return super().bind_processor(dialect)
        return _sqlite_text_of_instant

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


_SQLITE_DATETIME_TEXT = (
    "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"
)
"""SQLAlchemy's text of a datetime on SQLite, which ``_sqlite_text_of_instant`` writes."""


def _sqlite_text_of_instant(value: datetime | None) -> str | None:
    """The instant's UTC date and time as SQLite keeps it: ``2027-01-04 09:30:00.000000``
    (ISO 8601's text, whose year has four digits from year 1 to 9999)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise TypeError(f"{value!r} stored as an instant; give a datetime")
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r} stored as an instant; give it a zone")
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]


def new_id() -> str:
    """A stable identifier that survives export, import and merging of programs."""
    return str(uuid.uuid4())


REFERENCE_NAMESPACE = uuid.UUID("6f1f5b0e-3c55-4d8e-9a52-0c1d2b7e4a91")


def stable_id(kind: str, key: str, namespace: uuid.UUID = REFERENCE_NAMESPACE) -> str:
    """The same id for the same record in every database (Kobe is Kobe everywhere).

    Shipped records (reference data, the demo program) get ids derived from their kind
    and natural key, so program files from two databases refer to them alike.
    """
    return str(uuid.uuid5(namespace, f"{kind}:{key}"))


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Record:
    """Columns every stored entity has: a stable id, a version for concurrent edits,
    and creation and change times.

    The version column makes SQLAlchemy add ``WHERE version = :seen`` to each UPDATE, so a
    save over somebody else's newer change fails with ``StaleDataError`` instead of
    overwriting it.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utc_now, onupdate=utc_now
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 (a class-level directive)
        return {"version_id_col": cls.version}


HELD_ONCE = "held_once"
"""The column of :class:`HeldOnce`, which the store keeps itself."""


class HeldOnce:
    """Columns of a kind whose records hold a value once (a delegation's name, a
    participant's address, a partner city's name, a theme's code, a route: the kind's
    ``unique_values`` rule, :class:`~cpp_scheduler.model.validation.Unique`).

    The program's check of that rule reads the other records before a save writes, so
    two colleagues saving "Lima" and "lima " at one moment would both pass it. The
    database holds the value as the rule compares it (folded, a route either way round:
    :func:`~cpp_scheduler.model.validation.held_text`) under a unique index, and refuses
    the second. Written at every save that gives or changes the value; empty for a
    record an older database held beside its twin, which saves while that value is left
    as it is, as the rule lets it (``0016_values_held_once_are_held_by_the_database``).
    """

    held_once: Mapped[str | None] = mapped_column(Text, index=True, unique=True)


def enum_type(enum_class: type[StrEnum]) -> SAEnum:
    """Stores a StrEnum by its value as plain text, the same on SQLite and PostgreSQL."""
    return SAEnum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )
