"""Claims on the messages a batch sends, so that two batches at the same moment (two
windows, a window and the command line, two colleagues) never both send one message.

A message (a recipient and an event) is claimed while it goes out: the claim taken, the
ledger read again, the message sent and recorded, the claim let go. No ledger row and no
transaction stands for the claim, which would hold the database's lock, or a row that
says sent, through the send: on PostgreSQL it is an advisory lock of the recipient and
event, taken on a connection of its own in autocommit; on SQLite, whose locks are the
whole file's, the write lock of a small file beside the program
(``program.sqlite-sending``), which only batches take, so the coordinator's other saves
never wait for it. A database in memory is one process's alone and needs none.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.services.database import Database
from cpp_scheduler.store.errors import StoreError, first_line

if TYPE_CHECKING:
    from cpp_scheduler.services.invitations import Invitation

CLAIM_WAIT = 120.0
"""How long a batch waits, in seconds, for a message another batch has claimed (while it
sends and records it, which a slow server and a locked database can stretch) before it
stops rather than wait on."""

_CLAIM_KEY_SPACE = 0x43505053
"""The first half of every claim's advisory lock on PostgreSQL ("CPPS"), keeping them
apart from any other use of advisory locks on the same server."""


def _claim_key(invitation: Invitation) -> int:
    """The advisory lock of a recipient and event, as a signed 32-bit number."""
    digest = hashlib.sha256(f"{invitation.event_id}/{invitation.recipient_id}".encode())
    return int.from_bytes(digest.digest()[:4], "big", signed=True)


def claims_file(database: Database) -> Path | None:
    """The file beside an SQLite program whose write lock a batch holds while one of its
    messages goes out; None for a server, or a database in memory."""
    if not database.is_sqlite or database.file_identity is None:
        return None
    program = Path(str(database.url.database)).resolve()
    return program.with_name(f"{program.name}-sending")


_LOCK_NOT_AVAILABLE = "55P03"
"""PostgreSQL's SQLSTATE for a lock not granted within ``lock_timeout``."""


def _sqlstate(error: DBAPIError) -> str | None:
    """The SQLSTATE the server answered with, as the driver gives it."""
    return getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)


class MessageClaims:
    """The claims of one batch, one message at a time (see the module)."""

    def __init__(self, database: Database, claim_wait: float = CLAIM_WAIT) -> None:
        self._database = database
        self._claim_wait = claim_wait
        self._beside: sqlite3.Connection | None = None

    @contextmanager
    def claimed(self, invitation: Invitation) -> Iterator[None]:
        """The message claimed against other batches until the block ends."""
        if not self._database.is_sqlite:
            with self._advisory_lock(invitation):
                yield
        elif (beside := claims_file(self._database)) is not None:
            with self._file_lock(invitation, beside):
                yield
        else:  # a database in memory is this process's alone
            yield

    def _claim_refused(self, invitation: Invitation, reason: object) -> StoreError:
        return StoreError(
            _(
                "the message to {email} about {title} was not sent: it could not be claimed "
                "against another batch sending it at the same time ({reason})"
            ).format(
                email=invitation.recipient_email, title=quoted(invitation.title), reason=reason
            )
        )

    def _held_too_long(self, invitation: Invitation) -> StoreError:
        return self._claim_refused(
            invitation,
            _("another batch held it for over {seconds} s").format(seconds=f"{self._claim_wait:g}"),
        )

    @contextmanager
    def _advisory_lock(self, invitation: Invitation) -> Iterator[None]:
        """The recipient and event's advisory lock, held by a connection of its own, not
        by a transaction, so none stays open through the send; let go by the server
        should the connection drop. It is taken in a short transaction whose own
        ``lock_timeout`` bounds the wait for another batch's claim, and which ends once
        the lock is held: the lock outlives it, the timeout does not."""
        key = {"space": _CLAIM_KEY_SPACE, "key": _claim_key(invitation)}
        wait = {"wait": f"{round(self._claim_wait * 1000)}ms"}
        connection: Connection | None = None
        try:
            connection = self._database.engine.connect()
            with connection.begin():
                connection.execute(text("SELECT set_config('lock_timeout', :wait, true)"), wait)
                connection.execute(text("SELECT pg_advisory_lock(:space, :key)"), key)
        except DBAPIError as error:
            if connection is not None:
                connection.close()
            if _sqlstate(error) == _LOCK_NOT_AVAILABLE:
                raise self._held_too_long(invitation) from error
            raise self._claim_refused(invitation, first_line(error)) from error
        except BaseException:
            if connection is not None:
                connection.close()
            raise
        try:
            yield
        finally:
            try:
                with connection.begin():
                    connection.execute(text("SELECT pg_advisory_unlock(:space, :key)"), key)
            except DBAPIError:
                # The connection was lost, and the lock with it: it goes back to no pool.
                connection.invalidate()
            finally:
                connection.close()

    @contextmanager
    def _file_lock(self, invitation: Invitation, beside: Path) -> Iterator[None]:
        """The write lock of the file beside the program, held through the send: other
        batches wait for it, the program's own file stays free for every save."""
        try:
            if self._beside is None:
                self._beside = sqlite3.connect(
                    beside, timeout=self._claim_wait, isolation_level=None
                )
            self._beside.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise self._held_too_long(invitation) from error
            raise self._claim_refused(invitation, f"{beside}: {error}") from error
        except sqlite3.Error as error:
            raise self._claim_refused(invitation, f"{beside}: {error}") from error
        try:
            yield
        finally:
            self._beside.execute("ROLLBACK")

    def close(self) -> None:
        if self._beside is not None:
            self._beside.close()
