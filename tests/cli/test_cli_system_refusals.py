"""A file or a folder the system refuses is said in the program's words, in the language
the command speaks: ``--lang ja`` once gave an otherwise Japanese line with the system's
English reason in it ("…を書き込めません: No such file or directory"). Each refusal here
is a real one: a file that is not there, a path through a file, a name too long for the
file system, a disk with no room left and a folder made read-only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from tests.hostile import REPO_ROOT

REASONS = {
    "en": {
        "missing": "no such file or folder",
        "through a file": "a part of the path is a file, not a folder",
        "too long": "the name is too long for this system",
        "full": "the disk is full",
        "denied": "permission denied",
    },
    "ja": {
        "missing": "そのファイルまたはフォルダーがありません",
        "through a file": "パスの途中にフォルダーではなくファイルがあります",
        "too long": "このシステムには名前が長すぎます",
        "full": "ディスクがいっぱいです",
        "denied": "アクセスする権限がありません",
    },
}
"""Why, as each language says it."""

SYSTEM_WORDS = (
    "No such file",
    "Not a directory",
    "File name too long",
    "No space left",
    "Permission denied",
    "Errno",
)


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """``main`` sets the language for the process; the next test starts in English."""
    yield
    i18n.use_language(i18n.ENGLISH)


@pytest.fixture
def program(demo_sqlite_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    return path


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    """A file where a folder is looked for."""
    path = tmp_path / "notes.txt"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


def refusal(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    """The one line a command that fails prints, which holds none of the system's
    English words."""
    status = main(list(arguments))
    captured = capsys.readouterr()
    assert status == 1, captured
    (line,) = captured.err.splitlines()
    assert not any(words in line for words in SYSTEM_WORDS), line
    return line


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_calendar_file_that_is_not_there_is_said_in_the_commands_language(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    missing = tmp_path / "replies" / "kobe.ics"
    line = refusal(capsys, "--lang", language, "--db", str(program), "import", str(missing))
    said = {"en": "cannot be read", "ja": "読み込めません"}[language]
    assert line == f"cpp-scheduler: {missing}: {said}: {REASONS[language]['missing']}"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_files_read_through_a_file_are_said_in_the_commands_language(
    program: Path, a_file: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    reason = REASONS[language]["through a file"]
    db = ["--lang", language, "--db", str(program)]
    calendar = a_file / "kobe.ics"
    line = refusal(capsys, *db, "import", str(calendar))
    assert line.startswith(f"cpp-scheduler: {calendar}: ")
    assert line.endswith(f": {reason}")
    program_file = a_file / "program.json"
    line = refusal(capsys, *db, "program", "import", str(program_file))
    assert line.endswith(f": {reason}")
    # A reply refused is one line among the answers recorded, the command going on.
    reply = a_file / "reply.eml"
    status = main([*db, "replies", "import", str(reply)])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.err.splitlines()[0].endswith(f"{reply}: {reply_unread(language, reason)}")


def reply_unread(language: str, reason: str) -> str:
    return {"en": f"cannot be read ({reason})", "ja": f"読み込めません（{reason}）"}[language]


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize(
    "command",
    [
        ["export", "ics", "--all", "-o", "{long}.ics"],
        ["export", "csv", "agenda", "-o", "{long}.csv"],
        ["print", "day", "--date", "2027-02-15", "-o", "{long}.pdf"],
    ],
    ids=["calendar", "CSV", "PDF"],
)
def test_a_name_too_long_for_the_file_system_is_said_in_the_commands_language(
    program: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    language: str,
    command: list[str],
    request: pytest.FixtureRequest,
) -> None:
    if command[0] == "print":
        # The PDF is laid out by Qt: in the application the test run shares, as a
        # command would make its own, so that no other application outlives the test.
        request.getfixturevalue("qapp")
    long = str(tmp_path / ("L" * 300))
    arguments = [part.format(long=long) for part in command]
    line = refusal(capsys, "--lang", language, "--db", str(program), *arguments)
    assert line.endswith(REASONS[language]["too long"])
    assert not list(tmp_path.glob("L*"))


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_database_folder_that_cannot_be_made_is_said_in_the_commands_language(
    tmp_path: Path,
    a_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    """No ``--db``: the program's database goes in the user's data folder, here under a
    file, where no folder can be made."""
    monkeypatch.delenv("CPP_SCHEDULER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(a_file / "data"))
    line = refusal(capsys, "--lang", language, "events", "list")
    assert REASONS[language]["through a file"] in line
    assert str(a_file / "data") in line


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_disk_without_room_for_the_folder_of_files_is_said_in_the_commands_language(
    program: Path,
    small_disk_of: Callable[[str], Path],
    capsys: pytest.CaptureFixture[str],
    language: str,
) -> None:
    """A disk with room for four files, all taken: the folder of one file per
    participant cannot be made there."""
    disk = small_disk_of("64k,nr_inodes=4")
    taken = 0
    while True:
        try:
            (disk / f"file-{taken}").touch()
        except OSError:
            break
        taken += 1
    people = disk / "people"
    arguments = ["export", "ics", "--each-participant", "--out-dir", str(people)]
    line = refusal(capsys, "--lang", language, "--db", str(program), *arguments)
    written = {"en": "cannot be written", "ja": "を書き込めません"}[language]
    assert f"'{people}'" in line
    assert written in line
    assert line.endswith(REASONS[language]["full"])
    assert not people.exists()


def run_without_write_permission(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The command run as a coordinator whom the system refuses a folder made
    read-only with chmod. Root may write there all the same, so as root the command
    runs without the capabilities that let it (``setpriv``), as any user would."""
    command = [sys.executable, "-m", "cpp_scheduler", *arguments]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv(1): a read-only folder is writable")
        dropped = "-dac_override,-dac_read_search,-fowner"
        command = ["setpriv", "--bounding-set", dropped, "--inh-caps", dropped, "--", *command]
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_read_only_folder_is_said_in_the_commands_language(
    program: Path, read_only_folder: Path, language: str
) -> None:
    reason = REASONS[language]["denied"]
    written = {"en": "cannot be written", "ja": "を書き込めません"}[language]
    db = ["--lang", language, "--db", str(program)]
    calendar = read_only_folder / "program.ics"
    done = run_without_write_permission(*db, "export", "ics", "--all", "-o", str(calendar))
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [f"cpp-scheduler: '{calendar}' {written}: {reason}"]
    people = read_only_folder / "people"
    arguments = ["export", "ics", "--each-participant", "--out-dir", str(people)]
    done = run_without_write_permission(*db, *arguments)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [f"cpp-scheduler: '{people}' {written}: {reason}"]
    assert list(read_only_folder.iterdir()) == []
