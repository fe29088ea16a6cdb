"""Whether this coordinator may change the program, and if not, why (in one line).

The window asks once the program is open (:func:`read_only_reason`); the services that
write on the coordinator's behalf something no undo takes back (the ledger of messages
sent, the answers recorded) ask before they begin (:func:`refuse_read_only`), so a
reader's login sends nothing it could not record.
"""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.i18n import _
from cpp_scheduler.store import Database
from cpp_scheduler.store.roles import EDITOR, may_change


class ReadOnlyError(SchedulerError):
    """This login may read the program but not change it."""


def read_only_reason(database: Database) -> str | None:
    """None when the program may be changed; else the line the window shows."""
    try:
        allowed = may_change(database.engine)
    except SQLAlchemyError:
        return None  # the next save will say what is wrong with the connection
    if allowed:
        return None
    user = database.url.username or _("this login")
    return _(
        "Read-only: {user} may read {database} but not change it "
        "(ask the administrator for the {role} role)"
    ).format(user=user, database=database.name, role=EDITOR)


def refuse_read_only(database: Database) -> None:
    """Raise :class:`ReadOnlyError`, saying why, when this login may not change the
    program: asked before work that must be recorded once done (mail sent, replies)."""
    reason = read_only_reason(database)
    if reason is not None:
        raise ReadOnlyError(reason)
