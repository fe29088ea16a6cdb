"""A server's database that holds no program is not given one by a command that reads:
``events list`` on the empty database an administrator made says there is no program
there, as it says of a SQLite file that is not there, and leaves it empty; a URL that
names no database is refused before the server's own is used for a program."""

from __future__ import annotations

import psycopg
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.store import missing_program, open_database
from cpp_scheduler.store.errors import StoreError


def tables_in(url: str) -> int:
    """How many tables the program's schema (the URL's search path) holds."""
    plain, _options = url.split("?", 1)
    schema = url.rsplit("%3D", 1)[1]
    with psycopg.connect(plain) as connection:
        found = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s", (schema,)
        ).fetchone()
    assert found is not None
    return int(found[0])


def test_a_command_that_reads_an_empty_server_database_makes_no_program_there(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert missing_program(postgres_url) is not None
    assert main(["--db", postgres_url, "events", "list"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("cpp-scheduler: there is no program at postgresql://")
    assert error.count("\n") == 1
    assert tables_in(postgres_url) == 0
    # Bringing a program in makes it, as on SQLite; then it is there to read.
    assert main(["--db", postgres_url, "demo"]) == 0
    capsys.readouterr()
    assert missing_program(postgres_url) is None
    assert main(["--db", postgres_url, "events", "list"]) == 0
    assert tables_in(postgres_url) > 10


def test_a_server_url_naming_no_database_is_refused(
    postgres_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    without = postgres_server.rsplit("/", 1)[0] + "/"
    for command in (["events", "list"], ["demo"]):
        assert main(["--db", without, *command]) == 1
        error = capsys.readouterr().err
        assert "names no database; add its name after the server" in error
        assert error.count("\n") == 1
    with pytest.raises(StoreError, match="names no database"):
        open_database(without)


def test_a_server_database_named_by_dbname_or_pgdatabase_is_named(
    postgres_test_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libpq takes the database from ``?dbname=`` or ``PGDATABASE`` as from the path."""
    server, name = postgres_test_database.rsplit("/", 1)
    assert missing_program(f"{server}/?dbname={name}") is not None  # there, holding none
    monkeypatch.setenv("PGDATABASE", name)
    assert missing_program(f"{server}/") is not None
