"""A team's roles on PostgreSQL: editors change the program, readers only read it.

Two group roles, given to each coordinator's login by the administrator
(``cpp-scheduler admin roles``, or the SQL of :func:`role_statements` run by hand, as
``docs/team.md`` shows). Editors may append to the history but never change or remove
what it holds; neither role may change the schema, which only the owner upgrades.

A database's password is never kept in the settings: libpq reads ``~/.pgpass`` (or
``PGPASSFILE``) for a URL without one, and failing that the system keyring is asked
(:func:`keyring_password`, service ``cpp-scheduler-db:HOST``, the user name as the
account).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import N_, _

EDITOR = "cpp_scheduler_editor"
READER = "cpp_scheduler_reader"
ROLES = {"editor": EDITOR, "reader": READER}
KEYRING_SERVICE = "cpp-scheduler-db"


class RoleError(SchedulerError):
    """A role, a login or a schema that cannot be named in the SQL."""


_LOGIN = N_("{name} is not a login name to grant; use letters, digits, '_', '-' or '.'")
_SCHEMA = N_("{name} is not a schema name; use letters, digits, '_', '-' or '.'")


MAX_NAME_BYTES = 63
"""The bytes of a name PostgreSQL keeps (NAMEDATALEN - 1); it cuts a longer one short
with no more than a notice, which would name another login or schema."""


def _identifier(name: str, refusal: str = _LOGIN) -> str:
    """``name`` quoted for SQL; ``refusal`` says what it should have named (a login, a
    schema) when it holds anything but letters, digits, '_', '-' or '.'. A name longer
    than PostgreSQL keeps is refused: the server would grant to the name cut short."""
    if not name or not name.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise RoleError(_(refusal).format(name=quoted(name)))
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise RoleError(
            _(
                "{name} is longer than the {most} bytes PostgreSQL keeps of a name; it "
                "would be cut short and name another"
            ).format(name=quoted(name, 2 * MAX_NAME_BYTES), most=MAX_NAME_BYTES)
        )
    return '"' + name + '"'


def role_statements(schema: str = "public") -> list[str]:
    """The SQL that creates both roles (if missing) and grants them the program's tables."""
    where = _identifier(schema, _SCHEMA)
    statements = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
        f"CREATE ROLE {role} NOLOGIN; END IF; END $$"
        for role in (EDITOR, READER)
    ]
    statements += [
        f"GRANT USAGE ON SCHEMA {where} TO {EDITOR}, {READER}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {where} TO {READER}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {where} TO {EDITOR}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {where} TO {EDITOR}",
        # The history is appended to, never rewritten.
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {where}.changes FROM {EDITOR}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {where}.alembic_version FROM {EDITOR}",
    ]
    return statements


def grant_statement(login: str, role: str) -> str:
    """The SQL that makes ``login`` an editor or a reader of the program."""
    if role not in ROLES:
        raise RoleError(
            _("{role} is not a role; choose editor or reader").format(role=quoted(role))
        )
    return f"GRANT {ROLES[role]} TO {_identifier(login)}"


def current_schema(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT current_schema()")).scalar_one())


def may_change(engine: Engine) -> bool:
    """Whether this connection's user may change the program (always, on SQLite: a
    read-only file is refused when it is opened)."""
    if engine.dialect.name != "postgresql":
        return True
    with engine.connect() as connection:
        allowed = connection.execute(
            text("SELECT has_table_privilege(current_user, 'events', 'UPDATE')")
        ).scalar_one()
    return bool(allowed)


def keyring_password(url: URL) -> str | None:
    """The password the system keyring keeps for ``url``'s user on its host, if any."""
    if url.password is not None or not url.username:
        return None
    try:
        import keyring  # the keyring backends load slowly: only a server without one asks
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        found: Any = keyring.get_password(f"{KEYRING_SERVICE}:{url.host}", url.username)
    except KeyringError:
        return None
    return found if isinstance(found, str) else None
