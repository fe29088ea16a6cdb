"""Roles on the team's PostgreSQL server: an editor changes the program and appends to
its history, a reader only reads and is told so, nobody rewrites the history."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.services import editing
from cpp_scheduler.services.access import read_only_reason
from cpp_scheduler.services.history import history_of
from cpp_scheduler.store import PermissionDeniedError, StoreError, open_database
from cpp_scheduler.store.roles import RoleError, grant_statement

pytestmark = pytest.mark.postgres
START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


@pytest.fixture
def logins(postgres_url: str) -> Iterator[dict[str, str]]:
    """An editor's and a reader's login on the server, with their URLs; dropped after."""
    names = {role: f"cpp_test_{role}_{uuid.uuid4().hex[:8]}" for role in ("editor", "reader")}
    owner = open_database(postgres_url)
    editing.create(
        owner,
        Event,
        {
            "title": "Kobe DRR workshop",
            "kind": EventKind.WORKSHOP,
            "start_utc": START,
            "end_utc": START + timedelta(hours=2),
            "zone": "Asia/Tokyo",
        },
    )
    owner.close()
    admin_url = postgres_url.split("?")[0]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        for name in names.values():
            admin.execute(f'CREATE ROLE "{name}" LOGIN')
    assert main(["--db", postgres_url, "admin", "roles", "--apply"]) == 0
    for role, name in names.items():
        assert main(["--db", postgres_url, "admin", "grant", name, "--role", role, "--apply"]) == 0
    yield {role: postgres_url.replace("postgres@", f"{name}@", 1) for role, name in names.items()}
    with psycopg.connect(admin_url, autocommit=True) as admin:
        for name in names.values():
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                (name,),
            )
            admin.execute(f'DROP OWNED BY "{name}"')
            admin.execute(f'DROP ROLE "{name}"')


def _event_id(url: str) -> str:
    database = open_database(url)
    try:
        with database.session() as session:
            return str(session.execute(text("SELECT id FROM events")).scalar_one())
    finally:
        database.close()


def test_an_editor_changes_the_program_and_appends_to_its_history(
    logins: dict[str, str],
) -> None:
    database = open_database(logins["editor"], author="Aiko Tanaka")
    try:
        assert read_only_reason(database) is None
        event_id = _event_id(logins["editor"])
        editing.change(database, Event, event_id, {"title": "Kobe DRR peer workshop"}, 1)
        assert history_of(database, event_id)[-1].author == "Aiko Tanaka"
        with pytest.raises(StoreError), database.transaction() as session:
            session.execute(text("DELETE FROM changes"))
    finally:
        database.close()


def test_a_reader_reads_and_is_told_why_it_cannot_change(logins: dict[str, str]) -> None:
    database = open_database(logins["reader"])
    try:
        event_id = _event_id(logins["reader"])
        reason = read_only_reason(database)
        assert reason is not None
        assert reason.startswith("Read-only: cpp_test_reader_")
        assert "cpp_scheduler_editor" in reason
        with pytest.raises(StoreError) as refused:
            editing.change(database, Event, event_id, {"title": "Renamed"}, 1)
        assert "\n" not in str(refused.value)
        assert editing.stored(database, Event, event_id).values["title"] == "Kobe DRR workshop"
    finally:
        database.close()


def test_the_sql_is_printed_for_an_administrator_to_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["admin", "grant", "aiko", "--role", "reader"]) == 0
    assert capsys.readouterr().out == 'GRANT cpp_scheduler_reader TO "aiko";\n'
    with pytest.raises(RoleError):
        grant_statement('aiko"; DROP TABLE events; --', "editor")


def test_sslmode_in_the_url_is_honoured(postgres_url: str) -> None:
    with pytest.raises(StoreError, match=r"(?i)ssl"):
        open_database(postgres_url + "&sslmode=require")
    open_database(postgres_url + "&sslmode=disable").close()


def test_a_role_revoked_while_the_program_is_open_is_told_in_one_line(
    logins: dict[str, str], postgres_url: str
) -> None:
    # An editor's window has the program open; the administrator takes the role back.
    database = open_database(logins["editor"], author="Aiko Tanaka")
    try:
        event_id = _event_id(logins["editor"])
        login = logins["editor"].split("://")[1].split("@")[0]
        with psycopg.connect(postgres_url.split("?")[0], autocommit=True) as admin:
            admin.execute(f'REVOKE cpp_scheduler_editor FROM "{login}"')
        # A read (the calendar's refresh, a dock) says why in one line, with no SQL. On a
        # connection that looks the program's schema up again, the server hides the
        # tables from the login rather than refusing them: the same line says so.
        for fresh_connection in (False, True):
            if fresh_connection:
                database.engine.dispose()
            with pytest.raises(PermissionDeniedError) as refused, database.reading() as session:
                session.execute(text("SELECT title FROM events")).all()
            message = str(refused.value)
            assert "\n" not in message
            assert "SELECT" not in message
            assert "does not let this login read the program" in message
            assert "ask the administrator for the reader or editor role" in message
        assert 'relation "events" does not exist' in message
        # So does a plain session's query, and a save.
        with pytest.raises(PermissionDeniedError), database.session() as session:
            session.execute(text("SELECT title FROM events")).all()
        with pytest.raises(PermissionDeniedError) as refused:
            editing.change(database, Event, event_id, {"title": "Kobe DRR peer workshop"}, 1)
        assert "nothing was saved, ask the administrator for the editor role" in str(refused.value)
    finally:
        database.close()


def test_a_login_name_longer_than_the_server_keeps_is_refused_not_cut_short(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """PostgreSQL keeps 63 bytes of a name and cuts a longer one short with a notice: a
    grant to such a name would make another login, the one it is cut to, an editor."""
    kept = f"cpp_test_{uuid.uuid4().hex}_" + "k" * 21
    assert len(kept) == 63
    open_database(postgres_url).close()  # the owner's program
    admin_url = postgres_url.split("?")[0]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{kept}" LOGIN')
    try:
        assert main(["--db", postgres_url, "admin", "roles", "--apply"]) == 0
        capsys.readouterr()

        status = main(
            ["--db", postgres_url, "admin", "grant", kept + "_typo", "--role", "editor", "--apply"]
        )

        assert status == 1
        assert capsys.readouterr().err == (
            f"cpp-scheduler: '{kept}_typo' is longer than the 63 bytes PostgreSQL keeps of a "
            "name; it would be cut short and name another\n"
        )
        with psycopg.connect(admin_url, autocommit=True) as admin:
            granted = admin.execute(
                "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
                "WHERE r.rolname = %s",
                (kept,),
            ).fetchone()
        assert granted == (0,)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP ROLE "{kept}"')


def test_roles_on_no_program_make_none_on_the_way_to_refusing(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`admin roles --apply` and `admin grant --apply` act on the program the owner
    made: pointed at an empty server database they refuse and leave it empty (no schema
    without reference data, which the window would then open as a program), and
    pointed at a SQLite path they refuse without making the file."""
    admin_url = postgres_url.split("?")[0]
    empty = f"cpp_test_empty_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{empty}"')
    empty_url = admin_url.rsplit("/", 1)[0] + f"/{empty}"
    try:
        for command in (["roles", "--apply"], ["grant", "aiko", "--role", "editor", "--apply"]):
            assert main(["--db", empty_url, "admin", *command]) == 1
            assert capsys.readouterr().err.startswith("cpp-scheduler: there is no program at ")
        with psycopg.connect(empty_url) as connection:
            tables = connection.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            ).fetchone()
        assert tables == (0,)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{empty}"')

    missing = tmp_path / "program.sqlite"
    assert main(["--db", str(missing), "admin", "roles", "--apply"]) == 2
    assert capsys.readouterr().err == (
        "cpp-scheduler: roles are a PostgreSQL server's: a SQLite file has none\n"
    )
    assert list(tmp_path.iterdir()) == []
