"""The program's change counter: what a printout's footer says so that two printouts
can be told apart.

Every save and every deletion appends one entry to the program's history
(:class:`~cpp_scheduler.model.history.Change`), on any machine sharing the program, and
entries are never changed or removed. The change counter is the number of those
entries, and the footer's time is the newest entry's: both move with every change,
a deletion included, so two states of the program never share a stamp. (A sum of the
records' versions would not do: a deletion takes away what an edit added, and the time
of the newest record left would not move.)
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpp_scheduler.documents.content import ChangeStamp
from cpp_scheduler.model.history import Change


def read_change_stamp(session: Session) -> ChangeStamp:
    """The number of history entries and the time of the newest, in one aggregate."""
    count, latest = session.execute(
        select(func.count(Change.id), func.max(Change.changed_at))
    ).one()
    return ChangeStamp(latest, int(count))
