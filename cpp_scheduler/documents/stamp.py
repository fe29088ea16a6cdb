"""The program's change counter: what a printout's footer says so that two printouts
can be told apart.

Every record carries a ``version`` that starts at 1 when it is saved first and rises by
one with each change saved to it (the optimistic lock). The change counter is the sum
of those versions over every kind of record: it rises with every record added and
every change saved, on any machine sharing the program. Removing a record lowers it,
so the footer also gives the time of the last save; together they name a state of the
program.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpp_scheduler.documents.content import ChangeStamp
from cpp_scheduler.model import Base, Record


def read_change_stamp(session: Session) -> ChangeStamp:
    """The change counter and the time of the last save, in two aggregates per table."""
    counter = 0
    latest = None
    for mapper in Base.registry.mappers:
        entity = mapper.class_
        if not issubclass(entity, Record):
            continue
        total, last = session.execute(
            select(func.coalesce(func.sum(entity.version), 0), func.max(entity.updated_at))
        ).one()
        counter += int(total)
        if last is not None and (latest is None or last > latest):
            latest = last
    return ChangeStamp(latest, counter)
