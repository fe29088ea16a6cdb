"""Where the database is: ``--db``, then ``CPP_SCHEDULER_DB``, then the user data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from cpp_scheduler.store import open_database, resolve_url
from cpp_scheduler.store.database import describe


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user whose data folder is below tmp_path and who has set no database."""
    monkeypatch.delenv("CPP_SCHEDULER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def test_by_default_the_database_lives_in_the_user_data_folder(home: Path) -> None:
    store = open_database()
    expected = home / "data" / "CPP Scheduler" / "program.sqlite"
    assert store.name == str(expected)
    store.close()
    assert expected.is_file()


def test_the_environment_variable_names_another(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CPP_SCHEDULER_DB", str(home / "team.sqlite"))
    assert describe(resolve_url()) == str(home / "team.sqlite")
    assert describe(resolve_url(home / "mine.sqlite")) == str(home / "mine.sqlite"), (
        "--db wins over the environment"
    )


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("~/program.sqlite", "{home}/program.sqlite"),
        ("program.sqlite", "{cwd}/program.sqlite"),
        ("sqlite:///relative.sqlite", "relative.sqlite"),
        ("sqlite:////srv/cpp/program.sqlite", "/srv/cpp/program.sqlite"),
        (
            "postgresql://planner:secret@db.tdlc.example/cpp",
            "postgresql://planner:***@db.tdlc.example/cpp",
        ),
        (
            "postgres://planner@db.tdlc.example:6543/cpp",
            "postgresql://planner@db.tdlc.example:6543/cpp",
        ),
        (
            "postgresql+psycopg2://planner@db.tdlc.example/cpp",
            "postgresql://planner@db.tdlc.example/cpp",
        ),
    ],
)
def test_paths_and_urls_are_understood(
    home: Path, monkeypatch: pytest.MonkeyPatch, given: str, shown: str
) -> None:
    monkeypatch.setenv("HOME", str(home))
    url = resolve_url(given)
    assert describe(url) == shown.format(home=home, cwd=Path.cwd())
    if url.get_backend_name() == "postgresql":
        assert url.drivername == "postgresql+psycopg"


@pytest.mark.postgres
def test_server_options_in_the_url_are_kept(postgres_url: str) -> None:
    """``?options=-csearch_path%3D...`` (a schema of one's own) survives the lock timeout."""
    schema = postgres_url.rsplit("%3D", 1)[1]
    store = open_database(postgres_url, timeout=0.5)
    with store.engine.connect() as connection:
        settings = connection.execute(
            text("SELECT current_schema(), current_setting('lock_timeout')")
        ).one()
    store.close()
    assert tuple(settings) == (schema, "500ms")
