"""Whether this coordinator may change the program, and if not, why (in one line)."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from cpp_scheduler.i18n import _
from cpp_scheduler.store import Database
from cpp_scheduler.store.roles import EDITOR, may_change


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
