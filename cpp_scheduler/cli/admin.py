"""``cpp-scheduler admin``: the team's roles on a PostgreSQL server, for its administrator."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import shown_path
from cpp_scheduler.i18n import _
from cpp_scheduler.store import Database, resolve_url
from cpp_scheduler.store.errors import first_line
from cpp_scheduler.store.roles import (
    ROLES,
    current_schema,
    grant_statement,
    role_statements,
)


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "admin",
        parents=[common],
        help=_("create the editor and read-only roles on a PostgreSQL server, give them out"),
        description=_(
            "Print (or, with --apply, run as the program's owner) the SQL that "
            "creates the roles cpp_scheduler_editor (changes the program; appends to the "
            "history, never rewrites it) and cpp_scheduler_reader (reads only), or that "
            "gives one of them to a coordinator's login. See docs/team.md."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    roles = actions.add_parser("roles", parents=[common], help=_("create both roles"))
    roles.add_argument("--schema", default=None, help=_("the program's schema (default: current)"))
    roles.add_argument("--apply", action="store_true", help=_("run the SQL on --db"))
    roles.set_defaults(run=run_roles)
    grant = actions.add_parser("grant", parents=[common], help=_("give a login a role"))
    grant.add_argument("login", help=_("the coordinator's login on the server"))
    grant.add_argument("--role", choices=sorted(ROLES), required=True)
    grant.add_argument("--apply", action="store_true", help=_("run the SQL on --db"))
    grant.set_defaults(run=run_grant)
    access = actions.add_parser(
        "access",
        parents=[common],
        help=_("whether this login may change the program, and why not"),
        description=_(
            "Say whether the login of --db may change the program or only read it, in the "
            "words the window's status bar uses; exit 0 when it may change it, 3 when it "
            "may only read."
        ),
    )
    access.add_argument("--json", action="store_true", help=_("print JSON"))
    access.set_defaults(run=run_access)


def _server_program(args: argparse.Namespace) -> Database:
    """The program on the server ``--db`` names, which must hold one already: roles are
    given on a program the owner made, and a SQLite file has none. Neither a new file
    nor the schema in an empty server database is made on the way to a refusal."""
    if resolve_url(args.db).get_backend_name() == "sqlite":
        raise CliError(_("roles are a PostgreSQL server's: a SQLite file has none"), status=2)
    return open_program(args.db)


def _run(args: argparse.Namespace, statements: list[str]) -> int:
    if not args.apply:
        print(";\n".join(statements) + ";")
        return 0
    database = _server_program(args)
    try:
        with database.engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    except DBAPIError as error:
        raise CliError(_("the server refused: {reason}").format(reason=first_line(error))) from None
    finally:
        database.close()
    print(
        _("done: {count} statements on {database}").format(
            count=len(statements), database=shown_path(database.name)
        )
    )
    return 0


def run_roles(args: argparse.Namespace) -> int:
    schema = args.schema
    if schema is None and args.apply:
        database = _server_program(args)
        try:
            schema = current_schema(database.engine)
        finally:
            database.close()
    return _run(args, role_statements(schema or "public"))


def run_grant(args: argparse.Namespace) -> int:
    return _run(args, [grant_statement(args.login, args.role)])


READ_ONLY_STATUS = 3
"""The exit status of ``admin access`` for a login that may only read."""


def run_access(args: argparse.Namespace) -> int:
    from cpp_scheduler.services.access import read_only_reason

    database = open_program(args.db)
    try:
        reason = read_only_reason(database)
        name = database.name
    finally:
        database.close()
    if args.json:
        print(json.dumps({"may_change": reason is None, "reason": reason}, ensure_ascii=False))
    elif reason is None:
        print(_("This login may change {database}.").format(database=name))
    else:
        print(reason)
    return 0 if reason is None else READ_ONLY_STATUS
