"""Fixtures shared by the whole suite: real databases, on SQLite files and PostgreSQL.

``database`` runs a test once per backend; the PostgreSQL run gets a new, empty database
on the local server and is skipped, with the reason, when no server answers. With
``CPP_SCHEDULER_REQUIRE_POSTGRES=1`` (set by CI once its server is up) a missing server
fails those tests instead, so a broken server cannot pass for a green run.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from cpp_scheduler.store import Database, open_database
from tests.backends import EACH_BACKEND, backend_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

POSTGRES_ADMIN_URL = os.environ.get(
    "CPP_SCHEDULER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what the run has made so far (the modules, the tests collected): it lives
    as long as the run, and the full passes of the cycle collector, which each test that
    ran a window ends with, need not walk it again."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def cycle_collection_given_back() -> Iterator[None]:
    """A test that ran a window leaves Python's cycle collection as it found it: the
    window moves it to the GUI thread (``cpp_scheduler.gui.collector``), and the tests
    that follow in this process expect Python's own.

    The window's own freezing of what it loaded is off: its letting go at its close
    would thaw the whole run. What outlives the test's last full pass lives on, and is
    frozen instead."""
    gui_collector = sys.modules.get("cpp_scheduler.gui.collector")
    if gui_collector is not None:
        gui_collector.stop_freezing()
    yield
    gui_collector = sys.modules.get("cpp_scheduler.gui.collector")
    if gui_collector is not None and gui_collector.installed() is not None:
        gui_collector.uninstall()  # a full pass, on this thread
        gc.freeze()


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """Every test starts in English: a command run in this process with ``--lang ja``
    sets the language for the whole process, and a test that follows in the same
    worker would read Japanese where it expects English."""
    yield
    from cpp_scheduler import i18n

    if i18n.language() != i18n.ENGLISH:
        i18n.use_language(i18n.ENGLISH)


def _postgres_unavailable() -> str | None:
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return None
    except psycopg.Error as error:
        return f"no PostgreSQL server at {POSTGRES_ADMIN_URL}: {str(error).strip()[:120]}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The admin URL of a reachable PostgreSQL server; else the test is skipped, or fails
    when CPP_SCHEDULER_REQUIRE_POSTGRES=1."""
    reason = _postgres_unavailable()
    if reason and os.environ.get("CPP_SCHEDULER_REQUIRE_POSTGRES", "") == "1":
        pytest.fail(f"{reason} (CPP_SCHEDULER_REQUIRE_POSTGRES=1 requires one)", pytrace=False)
    if reason:
        pytest.skip(reason)
    return POSTGRES_ADMIN_URL


@pytest.fixture(scope="session")
def postgres_test_database(postgres_server: str) -> Iterator[str]:
    """One database on the server for this run, dropped at its end; tests get schemas."""
    name = f"cpp_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server.rsplit('/', 1)[0]}/{name}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(postgres_test_database: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards.

    It is a schema of its own in the run's database, made the connection's search path
    through the URL: to the program it is an empty database, and making and dropping a
    schema costs a fraction of making and dropping a database.
    """
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_test_database, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    yield f"{postgres_test_database}?options=-csearch_path%3D{schema}"
    with psycopg.connect(postgres_test_database, autocommit=True) as admin:
        # A connection the test left open could hold locks that DROP SCHEMA waits for.
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "program.sqlite"


@pytest.fixture(params=EACH_BACKEND)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database location for each backend: a SQLite file path, then a PostgreSQL URL."""
    return backend_url(request, tmp_path)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new program database (schema and reference data), built once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "program.sqlite"
    open_database(path).close()  # closing checkpoints the WAL: one self-contained file
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_test_database: str) -> str | None:
    """The SQL that makes a new program database (schema and reference data) in an empty
    schema of the run's PostgreSQL database, read once with ``pg_dump`` from a database
    the program opened for real; ``{schema}`` stands for the schema's name. None where
    ``pg_dump`` is missing or fails: each database is then opened for real."""
    schema = f"cpp_template_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_test_database, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    open_database(f"{postgres_test_database}?options=-csearch_path%3D{schema}").close()
    try:
        dumped = subprocess.run(
            ["pg_dump", "--dbname", postgres_test_database, "--schema", schema, "--no-owner",
             "--no-privileges", "--inserts", "--rows-per-insert=1000"],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    kept = [
        line
        for line in dumped.splitlines()
        # The schema is made by the test's fixture; psql's own commands are not SQL.
        if not line.startswith(("CREATE SCHEMA", "ALTER SCHEMA", "\\"))
        and "set_config('search_path'" not in line
    ]
    script = "\n".join(kept).replace("{", "{{").replace("}", "}}")
    return script.replace(f'"{schema}".', '"{schema}".').replace(f"{schema}.", '"{schema}".')


def _fill_from_template(request: pytest.FixtureRequest, location: str) -> None:
    """Make ``location`` a new program database without migrating it again: a SQLite
    file a copy of the run's template, a PostgreSQL schema filled by the template's SQL
    (where ``pg_dump`` could read it)."""
    if "://" not in location:
        shutil.copyfile(request.getfixturevalue("sqlite_template"), location)
        return
    script = request.getfixturevalue("postgres_template")
    schema = re.search(r"search_path%3D(\w+)", location)
    if script is None or schema is None:
        return
    with psycopg.connect(location.split("?")[0], autocommit=True) as admin, admin.transaction():
        admin.execute(script.format(schema=schema.group(1)).encode())


NewProgram = Callable[[Path], Database]


@pytest.fixture
def new_program(sqlite_template: Path) -> NewProgram:
    """Opens a new program database on a SQLite file at the path given (to be closed by
    the test): a copy of the run's template, the same as a file ``open_database`` makes."""

    def make(path: Path) -> Database:
        shutil.copyfile(sqlite_template, path)
        return open_database(path)

    return make


@pytest.fixture
def database(request: pytest.FixtureRequest, database_url: str) -> Iterator[Database]:
    """An opened database with the reference data, on each backend in turn.

    It is the database at ``database_url``, made from a template built once per run: on
    SQLite a copy of its file, on PostgreSQL its SQL run in the test's schema (the same as
    a newly opened one: tests/store/test_open.py opens new ones for real, and
    tests/store/test_migrations.py migrates them).
    """
    _fill_from_template(request, database_url)
    store = open_database(database_url)
    yield store
    store.close()


@pytest.fixture
def sqlite_database(request: pytest.FixtureRequest, sqlite_path: Path) -> Iterator[Database]:
    """An opened SQLite database with the reference data: for tests about one backend."""
    _fill_from_template(request, str(sqlite_path))
    store = open_database(sqlite_path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_sqlite_path(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """A SQLite file holding the demo program, built once per run: only for tests that
    read it (a test that writes loads the demo into its own ``sqlite_database``)."""
    from cpp_scheduler.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    load_demo(database)
    database.close()
    return path


@pytest.fixture
def japanese() -> Iterator[None]:
    """The program speaks Japanese for one test, and English again after it."""
    from cpp_scheduler import i18n

    i18n.use_language(i18n.JAPANESE)
    try:
        yield
    finally:
        i18n.use_language(i18n.ENGLISH)


@pytest.fixture
def japanese_system_locale() -> Iterator[str]:
    """The C library's time locale of a Japanese laptop, which the window's toolkit
    switches to on starting (Qt calls ``setlocale(LC_ALL, "")``), for one test."""
    import locale

    before = locale.setlocale(locale.LC_TIME)
    for name in ("ja_JP.UTF-8", "ja_JP.utf8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            yield name
        finally:
            locale.setlocale(locale.LC_TIME, before)
        return
    pytest.skip("this system has no Japanese locale (make one: localedef -i ja_JP -f UTF-8)")


@pytest.fixture
def small_disk_of(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Makes a real file system of a given size (``"64k"``), filled by whatever the test
    writes to it: a full disk as a coordinator meets it. Skips where mounting is not
    permitted (it needs root); unmounted after the test."""
    mounted: list[Path] = []

    def make(size: str) -> Path:
        folder = tmp_path / f"disk-{len(mounted)}"
        folder.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip("mounting a small file system needs root")
        mounted.append(folder)
        return folder

    yield make
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=True)
