"""``export ics --feed-url`` takes one web address, by the rule the export dialog shows:
a line break, a space or a ``javascript:`` address is refused in one line, and no file
is written; the export service applies the same rule to whoever calls it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.ical.export import ExportOptions
from cpp_scheduler.services import calendar_export
from cpp_scheduler.store import open_database

HOLDS = (
    "The feed address holds {hidden}; give one web address, without spaces, line breaks "
    "or control characters."
)


@pytest.fixture
def program(tmp_path: Path) -> Path:
    path = tmp_path / "program.sqlite"
    open_database(path).close()
    return path


@pytest.mark.parametrize(
    ("given", "shown", "problem"),
    [
        (
            "https://cal.example.org/cpp.ics\nX-EVIL:1",
            r"'https://cal.example.org/cpp.ics\nX-EVIL:1'",
            HOLDS.format(hidden="a line break"),
        ),
        (
            "https://cal.example.org/cpp\u2028.ics",
            r"'https://cal.example.org/cpp\u2028.ics'",
            HOLDS.format(hidden="a line break"),
        ),
        (
            "https://cal.example.org/c\x01pp.ics",
            r"'https://cal.example.org/c\x01pp.ics'",
            HOLDS.format(hidden="a control character (U+0001)"),
        ),
        (
            "javascript:alert(1)",
            "'javascript:alert(1)'",
            "The feed address must start with https://.",
        ),
        (
            "http://[",
            "'http://['",
            "The feed address names no web server: give one such as https://meet.example.org/room.",
        ),
        (
            "https:///cpp.ics",
            "'https:///cpp.ics'",
            "The feed address names no web server: give one such as https://meet.example.org/room.",
        ),
    ],
)
def test_a_feed_address_that_is_not_one_web_address_is_refused_in_one_line(
    program: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    given: str,
    shown: str,
    problem: str,
) -> None:
    out = tmp_path / "feed.ics"
    status = main(
        ["export", "ics", "--all", "--feed-url", given, "-o", str(out), "--db", str(program)]
    )
    output = capsys.readouterr()
    assert status == 2
    assert output.out == ""
    assert output.err == f"cpp-scheduler: --feed-url {shown}: {problem}\n"
    assert not out.exists()


def test_the_export_service_refuses_such_an_address_whoever_calls_it(
    program: Path, tmp_path: Path
) -> None:
    database = open_database(program)
    out = tmp_path / "feed.ics"
    try:
        with pytest.raises(calendar_export.FeedAddressError, match="must start with https"):
            calendar_export.export_calendar(
                database,
                calendar_export.ProgramScope(),
                out,
                ExportOptions(source_url="javascript:alert(1)"),
            )
        with pytest.raises(calendar_export.FeedAddressError, match="a line break"):
            calendar_export.export_each_participant(
                database,
                tmp_path / "people",
                ExportOptions(source_url="https://cal.example.org/a\nb.ics"),
            )
    finally:
        database.close()
    assert not out.exists()
    assert not (tmp_path / "people").exists()


def test_a_feed_address_is_read_whatever_the_case_of_its_scheme(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RFC 3986 reads a scheme whatever its case: HTTPS://CAL.EXAMPLE.ORG is a link."""
    out = tmp_path / "feed.ics"
    address = "HTTPS://CAL.EXAMPLE.ORG/cpp.ics"
    arguments = ["export", "ics", "--all", "--feed-url", address, "-o", str(out)]
    assert main([*arguments, "--db", str(program)]) == 0
    capsys.readouterr()
    assert address.encode() in out.read_bytes()
