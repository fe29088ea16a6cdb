"""One transaction that several saves join: a group of edits that is one undo step.

A tool's step of several records (a series of meetings, a tour day moved) calls the
services once per record, each of which saves in ``Database.transaction()``. Opened with
``Database.one_transaction()``, those saves share one transaction instead, on the thread
that opened it: committed once at its end, one save in the history (one group id), or,
when any of them is refused, rolled back whole, so nothing of the group is written and
no history entry of it is left. Putting back what the first ones wrote, each in a
transaction of its own, can be refused in turn (a colleague holding the database), which
would leave the program half-changed.

Each save in it begins as a transaction of its own would: the records it reads are read
afresh (nothing the saves before it loaded is kept in the session, as the database
itself may have changed them row by row), and it is flushed at its end, so its refusal is
raised from it and names its own record. The first refusal decides for the group: every
later save in it is refused with the same error, and the group's end rolls back, even
where a caller went on after it. No save gets a savepoint of its own, to roll back alone:
the group is all or nothing, and pysqlite, which begins a transaction only before a
write, would commit at its release a first SAVEPOINT taken outside one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from cpp_scheduler.store.session import StoreSession


class JoinedTransaction:
    """The transaction the saves of one group share, and whether one of them failed."""

    def __init__(self, session: StoreSession) -> None:
        self.session = session
        self.refused: BaseException | None = None
        """The first error a save of the group met: the group ends rolled back."""
        self._depth = 0
        """How many saves of the group are open (a save within a save joins it too)."""

    @contextmanager
    def save(self) -> Iterator[StoreSession]:
        """One save of the group: the session to write through, flushed at the end."""
        if self.refused is not None:
            raise self.refused
        session = self.session
        if self._depth == 0:
            session.expunge_all()  # read afresh, as in a transaction of its own
        self._depth += 1
        try:
            yield session
            session.flush()
        except (DBAPIError, StaleDataError) as error:  # in a query of the save
            self.refused = session.translate(error)
            raise self.refused from error
        except BaseException as error:
            self.refused = error
            raise
        finally:
            self._depth -= 1
