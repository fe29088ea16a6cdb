"""The history of every record: who changed what, when, from what to what.

One row per record per save, appended by the store in the same transaction as the change
itself (:mod:`cpp_scheduler.store.history`), whoever writes: a dialog, a drag, an import
or a command. Rows are never changed or removed; reverting a change writes a new one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cpp_scheduler.i18n import N_
from cpp_scheduler.model.base import Base, UTCDateTime


class Change(Base):
    """One save of one record.

    ``fields`` is JSON: ``{"title": ["Kobe workshop", "Kobe DRR workshop"], ...}``, each
    field's value before and after, in the program file's plain forms (instants in ISO
    8601 UTC, enumerations by value, links as sorted lists of ids). A created record
    lists every value it was created with; a deleted one every value it had.
    ``group_id`` ties the changes of one save together (every entry its transaction
    wrote), and ``group_name`` names an import's source (the file); a single edit's group
    has no name, and entries written before saves were grouped have no group.

    A team writes in English and in Japanese, and each coordinator reads the history in
    their own language: the record's name and the import's source are kept in every
    language the program speaks (``record_labels``, ``group_names``: JSON by language),
    beside the words of the coordinator who saved (``record_label``, ``group_name``),
    which the entries written before there were translations have alone.
    """

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_record", "record_id", "id"),
        Index("ix_changes_changed_at", "changed_at"),
    )
    record_kind = N_("change")

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_table: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    """What a coordinator calls the record: ``event``, ``venue`` ..."""
    record_label: Mapped[str] = mapped_column(String(200))
    """How the record was named at the time, in the saver's language:
    ``event 'Kobe DRR workshop'``."""
    record_labels: Mapped[str | None] = mapped_column(Text, nullable=True)
    """The same in every language: ``{"en": "event 'Kobe …'", "ja": "イベント 'Kobe …'"}``."""
    action: Mapped[str] = mapped_column(String(16))
    """``created``, ``changed`` or ``deleted``."""
    version: Mapped[int] = mapped_column(Integer)
    """The record's version this change left it at (the last one, for a deletion)."""
    author: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    fields: Mapped[str] = mapped_column(Text)
    group_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    group_name: Mapped[str | None] = mapped_column(String(300), nullable=True)
    group_names: Mapped[str | None] = mapped_column(Text, nullable=True)
    """``group_name`` in every language, as ``record_labels``."""
