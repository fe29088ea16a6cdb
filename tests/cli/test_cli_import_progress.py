"""``cpp-scheduler import`` shows how far it has got on a terminal, and only there.

The command runs as a coordinator runs it, its stderr a pseudo-terminal: the line of
progress counts the events read and the new events written, is drawn over itself, and
is erased before the report. With stderr a pipe (a script, a log), nothing is added.
"""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cpp_scheduler.cli.progress import REFRESH_SECONDS, TerminalProgress
from tests.hostile import REPO_ROOT

ERASE = "\r\x1b[K"
EVENTS = 2_500


def calendar_file(path: Path, events: int) -> Path:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Partner city//EN"]
    for number in range(events):
        day, hour = divmod(number, 8)
        lines += [
            "BEGIN:VEVENT",
            f"UID:progress-{number}@example.org",
            "DTSTAMP:20270101T000000Z",
            f"SUMMARY:Working session {number}",
            f"DTSTART;TZID=Asia/Tokyo:2027{1 + day // 28:02d}{1 + day % 28:02d}T{9 + hour:02d}0000",
            "DURATION:PT45M",
            "END:VEVENT",
        ]
    path.write_text("\r\n".join([*lines, "END:VCALENDAR", ""]), encoding="utf-8")
    return path


def run_import(arguments: list[str], *, terminal: bool) -> tuple[int, str, str]:
    """Status, stdout and what stderr showed, stderr a pseudo-terminal or a pipe."""
    command = [sys.executable, "-m", "cpp_scheduler", "import", *arguments]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "LANGUAGE": "en"}
    if not terminal:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=300, env=env, check=False
        )
        return done.returncode, done.stdout, done.stderr
    controller, terminal_end = pty.openpty()
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as stdout,
        subprocess.Popen(command, stdout=stdout, stderr=terminal_end, env=env) as process,
    ):
        os.close(terminal_end)
        shown = bytearray()
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal's other end is closed: the command is done
                break
            if not chunk:
                break
            shown += chunk
        status = process.wait(timeout=300)
        stdout.seek(0)
        out = stdout.read()
    os.close(controller)
    return status, out, shown.decode()


def test_import_on_a_terminal_counts_events_read_and_written(
    tmp_path: Path, sqlite_template: Path
) -> None:
    source = calendar_file(tmp_path / "partner.ics", EVENTS)
    for name in ("shown.sqlite", "piped.sqlite"):
        shutil.copyfile(sqlite_template, tmp_path / name)

    status, out, shown = run_import(
        [str(source), "--db", str(tmp_path / "shown.sqlite")], terminal=True
    )
    assert status == 0, shown
    drawings = shown.split(ERASE)
    assert drawings[0] == ""  # every drawing starts at the start of the line, erased
    assert drawings[-1] == ""  # and the line is erased before the report
    assert all("\n" not in text for text in drawings)  # the line never scrolls
    assert f"0 of {EVENTS:,} events read" in drawings
    assert f"{EVENTS:,} of {EVENTS:,} events read" in drawings
    assert f"{EVENTS:,} of {EVENTS:,} new events written" in drawings
    assert out.splitlines()[-1].endswith(
        f"{EVENTS:,} created, 0 updated, 0 left as they are, 0 skipped"
    )

    piped_status, piped_out, piped_err = run_import(
        [str(source), "--db", str(tmp_path / "piped.sqlite")], terminal=False
    )
    assert (piped_status, piped_err) == (0, "")  # a script reads exactly what it did
    assert piped_out == out


def test_a_dry_run_on_a_terminal_counts_the_events_read(tmp_path: Path) -> None:
    source = calendar_file(tmp_path / "partner.ics", 600)
    status, out, shown = run_import(
        [str(source), "--dry-run", "--db", str(tmp_path / "none.sqlite")], terminal=True
    )
    assert status == 0
    assert "600 of 600 events read" in shown.split(ERASE)
    assert "written" not in shown
    assert "600 would be created" in out
    assert not (tmp_path / "none.sqlite").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_is_drawn_a_few_times_a_second_however_fast_the_work() -> None:
    now = [0.0]
    stream = Terminal()
    progress = TerminalProgress(stream, clock=lambda: now[0])
    for done in range(0, 100_001, 100):  # a thousand reports over two seconds
        progress.events_read(done, 100_000)
        now[0] += 0.002
    drawings = [text for text in stream.getvalue().split(ERASE) if text]
    assert len(drawings) <= 2 / REFRESH_SECONDS + 2
    assert drawings[0] == "0 of 100,000 events read"
    assert drawings[-1] == "100,000 of 100,000 events read"
    progress.erase()
    assert stream.getvalue().endswith(ERASE)


def test_nothing_is_drawn_on_a_stream_that_is_no_terminal() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress.events_read(0, 10)
    progress.events_written(10, 10)
    progress.erase()
    assert stream.getvalue() == ""
