"""Bad ``--db`` input: each is refused in one clear line, and nothing is written.

The messages are what the CLI prints after ``cpp-scheduler:`` and what the GUI shows in
its dialog, so each test pins the whole line and checks the disk (or server) is as it was.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.store import (
    DamagedDatabaseError,
    DatabaseLockedError,
    NotADatabaseError,
    ServerUnavailableError,
    StoreError,
    open_database,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


def refusal(database: str | Path, **options: float) -> StoreError:
    """Open ``database``, expecting a one-line refusal, and return it."""
    with pytest.raises(StoreError) as caught:
        open_database(database, **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message, f"not one line: {message!r}"
    assert "Traceback" not in message
    assert isinstance(caught.value, SchedulerError)
    return caught.value


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.fixture(scope="module")
def program_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real, closed program database to copy and damage."""
    path = tmp_path_factory.mktemp("original") / "program.sqlite"
    open_database(path).close()
    return path


def test_a_path_in_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "program.sqlite"
    error = refusal(target)
    assert str(error) == (
        f"cannot open {target}: the folder {tmp_path / 'no such folder'} does not exist"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_path_below_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("agenda")
    error = refusal(tmp_path / "notes.txt" / "program.sqlite")
    assert str(error) == (
        f"cannot open {tmp_path / 'notes.txt' / 'program.sqlite'}: the folder "
        f"{tmp_path / 'notes.txt'} is a file"
    )


def test_a_path_that_is_a_folder(tmp_path: Path) -> None:
    error = refusal(tmp_path)
    assert str(error) == f"cannot open {tmp_path}: it is a folder, not a database file"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Kobe 10:00 disaster-risk workshop\n", id="text"),
        pytest.param(random.Random(2016).randbytes(16384), id="random-bytes"),
        pytest.param(b"%PDF-1.7\n" + b"\x00" * 4000, id="another-format"),
    ],
)
def test_a_file_that_is_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "agenda.sqlite"
    path.write_bytes(content)
    error = refusal(path)
    assert isinstance(error, NotADatabaseError)
    assert str(error) == f"{path} is not a CPP Scheduler database: it is not a SQLite file"
    assert files_in(tmp_path) == {"agenda.sqlite": content}


def test_a_truncated_database(tmp_path: Path, program_file: Path) -> None:
    path = tmp_path / "program.sqlite"
    content = program_file.read_bytes()[: program_file.stat().st_size // 2]
    path.write_bytes(content)
    error = refusal(path)
    assert isinstance(error, DamagedDatabaseError)
    assert str(error).startswith(f"{path} is damaged (")
    assert str(error).endswith("); restore a copy from a backup")
    assert files_in(tmp_path) == {"program.sqlite": content}


def test_a_database_with_a_damaged_page(tmp_path: Path, program_file: Path) -> None:
    path = tmp_path / "program.sqlite"
    content = bytearray(program_file.read_bytes())
    page_size = int.from_bytes(content[16:18], "big")
    last_page = len(content) - page_size
    content[last_page : last_page + 64] = b"\xff" * 64  # a table page, scribbled over
    path.write_bytes(bytes(content))
    error = refusal(path)
    assert isinstance(error, DamagedDatabaseError)
    assert str(error).startswith(f"{path} is damaged")
    assert files_in(tmp_path) == {"program.sqlite": bytes(content)}


def test_a_database_another_program_holds_exclusively(tmp_path: Path, program_file: Path) -> None:
    path = tmp_path / "program.sqlite"
    shutil.copy(program_file, path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("UPDATE venues SET notes = 'booked for the conference'")
        error = refusal(path, timeout=0.1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert isinstance(error, DatabaseLockedError)
    assert str(error) == (
        f"{path} is locked by another program (waited 0.1 s); close it or wait until it is "
        "done, then try again"
    )
    open_database(path).close()  # usable again once the other program lets go


def _read_only_attempts(folder: Path) -> list[str]:
    """Open a new and an existing database in ``folder`` made read-only; the messages.

    Root ignores file permissions, so as root the folder is made read-only the way a
    write-protected share is: a read-only bind mount, in a mount namespace of a child
    process so that nothing outlives the test.
    """
    script = (
        "import sys\n"
        "from cpp_scheduler.store import StoreError, open_database\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        open_database(name).close()\n"
        "        print('OPENED', name)\n"
        "    except StoreError as error:\n"
        "        print(error)\n"
    )
    targets = [str(folder / "new.sqlite"), str(folder / "program.sqlite")]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            command = [sys.executable, "-c", script, *targets]
            done = subprocess.run(
                command, cwd=REPO_ROOT, capture_output=True, text=True, check=True
            )
        finally:
            folder.chmod(0o755)
        return done.stdout.splitlines()
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare(1): cannot make a read-only folder")
    mount = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    command = [
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "--",
        "sh",
        "-c",
        mount,
        "sh",
        str(folder),
        sys.executable,
        "-c",
        script,
        *targets,
    ]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0 and "mount" in done.stderr:
        pytest.skip(f"running as root and cannot mount read-only here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_read_only_folder(tmp_path: Path, program_file: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    shutil.copy(program_file, folder / "program.sqlite")
    before = files_in(folder)

    new, existing = _read_only_attempts(folder)

    assert new == f"cannot create {folder / 'new.sqlite'}: the folder {folder} is read-only"
    assert existing == (
        f"cannot open {folder / 'program.sqlite'}: {folder / 'program.sqlite'} is read-only, "
        "and the program must be able to save to it"
    ) or existing == (
        f"cannot open {folder / 'program.sqlite'}: {folder} is read-only, "
        "and the program must be able to save to it"
    )
    assert files_in(folder) == before


@pytest.fixture
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_a_postgresql_url_where_nothing_listens(free_port: int) -> None:
    url = f"postgresql://planner:secret@127.0.0.1:{free_port}/cpp"
    started = time.monotonic()
    error = refusal(url)
    assert time.monotonic() - started < 3
    assert isinstance(error, ServerUnavailableError)
    assert str(error) == (
        f"no database server answers at postgresql://planner:***@127.0.0.1:{free_port}/cpp "
        "(Connection refused)"
    )
    assert "secret" not in str(error)


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that takes TCP connections and never says a word, like a wrong firewall."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def test_a_postgresql_url_where_nothing_answers(silent_server: int) -> None:
    url = f"postgresql://planner@127.0.0.1:{silent_server}/cpp"
    started = time.monotonic()
    error = refusal(url, timeout=1)
    waited = time.monotonic() - started
    assert waited < 5, f"waited {waited:.1f} s for a silent server"
    assert isinstance(error, ServerUnavailableError)
    assert str(error).startswith(
        f"no database server answers at postgresql://planner@127.0.0.1:{silent_server}/cpp ("
    )
    assert "timeout" in str(error)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "postgresql://planner@127.0.0.1:port/cpp",
            "'postgresql://planner@127.0.0.1:port/cpp' is not a valid database URL; give a "
            "SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DATABASE",
        ),
        (
            "postgresql://planner@127.0.0.1:99999/cpp",
            "'postgresql://planner@127.0.0.1:99999/cpp' is not a valid database URL: the port "
            "must be a number from 1 to 65535",
        ),
        (
            "postgresql:///cpp",
            "'postgresql:///cpp' names no server; give a SQLite file path, sqlite:///PATH or "
            "postgresql://USER@HOST/DATABASE",
        ),
        (
            "mysql://planner:secret@db.tdlc.example/cpp",
            "'mysql://planner:***@db.tdlc.example/cpp': mysql databases are not supported; "
            "give a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DATABASE",
        ),
        (
            "https://tdlc.example/program",
            "'https://tdlc.example/program': https databases are not supported; give a SQLite "
            "file path, sqlite:///PATH or postgresql://USER@HOST/DATABASE",
        ),
        (
            "sqlite://",
            "'sqlite://' names no database file: a program in memory is lost when the command "
            "or the window closes; give a SQLite file path, sqlite:///PATH or "
            "postgresql://USER@HOST/DATABASE",
        ),
        (
            "sqlite:///:memory:",
            "'sqlite:///:memory:' names no database file: a program in memory is lost when the "
            "command or the window closes; give a SQLite file path, sqlite:///PATH or "
            "postgresql://USER@HOST/DATABASE",
        ),
        (
            "sqlite:///file:cpp?mode=memory&uri=true",
            "'sqlite:///file:cpp?mode=memory&uri=true' names no database file: a program in "
            "memory is lost when the command or the window closes; give a SQLite file path, "
            "sqlite:///PATH or postgresql://USER@HOST/DATABASE",
        ),
        (
            "sqlite:///file::memory:?uri=true",
            "'sqlite:///file::memory:?uri=true' names no database file: a program in memory "
            "is lost when the command or the window closes; give a SQLite file path, "
            "sqlite:///PATH or postgresql://USER@HOST/DATABASE",
        ),
        (
            "sqlite:///file::memory:?cache=shared&uri=True",
            "'sqlite:///file::memory:?cache=shared&uri=True' names no database file: a "
            "program in memory is lost when the command or the window closes; give a SQLite "
            "file path, sqlite:///PATH or postgresql://USER@HOST/DATABASE",
        ),
        (
            "sqlite:///file:?uri=1",
            "'sqlite:///file:?uri=1' names no database file: a program in memory is lost when "
            "the command or the window closes; give a SQLite file path, sqlite:///PATH or "
            "postgresql://USER@HOST/DATABASE",
        ),
    ],
    ids=[
        "malformed",
        "port-out-of-range",
        "no-server",
        "mysql",
        "web-address",
        "no-path",
        "in-memory",
        "memory-uri",
        "memory-uri-filename",
        "memory-uri-filename-shared",
        "temporary-uri-filename",
    ],
)
def test_urls_the_program_cannot_use(given: str, message: str) -> None:
    assert str(refusal(given)) == message


def test_a_data_folder_that_cannot_be_made_is_named_on_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No database given: it goes in the user's data folder, here under a file whose
    name holds a line break, where no folder can be made. The folder was named raw, the
    message two lines."""
    blocking = tmp_path / "notes\nold"
    blocking.write_text("a file where the data folder would go\n", encoding="utf-8")
    monkeypatch.delenv("CPP_SCHEDULER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(blocking / "data"))
    message = str(refusal(None))  # type: ignore[arg-type]
    assert message.startswith(f"cannot create the folder {tmp_path}/notes\\nold/data/")
    assert message.endswith("; give another place with --db")


def test_the_environment_variable_is_checked_the_same_way(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CPP_SCHEDULER_DB", str(tmp_path / "gone" / "program.sqlite"))
    with pytest.raises(StoreError, match=r"the folder .*gone does not exist"):
        open_database()


def test_a_sqlite_file_asked_with_options_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    """``?mode=ro`` on a program's file: SQLAlchemy warned of an option it does not take,
    quoting a line of the program, and the file was then opened to be written."""
    path = tmp_path / "program.sqlite"
    open_database(path).close()
    before = path.read_bytes()
    url = f"sqlite:///{path}?mode=ro"

    assert str(refusal(url)) == (
        f"{path} gives options (mode) a SQLite file takes none of; name the file alone"
    )
    assert path.read_bytes() == before
