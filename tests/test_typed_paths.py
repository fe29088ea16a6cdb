"""Every path typed or pasted enters through one rule (``files.typed_path``), and every
file written is named by one rule (``files.named_as``), in the window and on the
command line alike.

Before, a path pasted with a line break in its middle wrote a file with a line break in
its name; ``x.txt`` or a name without a suffix was written as given by Export calendar
and ``export ics -o``, while the report windows added their suffix and ``print``
refused a wrong one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpp_scheduler import limits
from cpp_scheduler.files import (
    AGENDA_FILE,
    CALENDAR_FILE,
    PDF_FILE,
    REPORT_FILE,
    FileOpenError,
    FileWriteError,
    TypedPathError,
    named_as,
    typed_location,
    typed_path,
)
from cpp_scheduler.model.validation import pasted_within


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("/home/keiko/cal\nendar.ics", "'/home/keiko/cal\\nendar.ics'"),
        ("/home/keiko/cal\rendar.ics", "'/home/keiko/cal\\rendar.ics'"),
        ("/home/keiko/a\tb.ics", "'/home/keiko/a\\tb.ics'"),
        ("/home/keiko/a\x00b.ics", "'/home/keiko/a\\x00b.ics'"),
        ("/home/keiko/a\u2028b.ics", "'/home/keiko/a\\u2028b.ics'"),
    ],
)
@pytest.mark.parametrize("working_folder", [False, True])
def test_a_path_holding_a_control_character_is_refused_in_one_line(
    typed: str, shown: str, working_folder: bool
) -> None:
    with pytest.raises(TypedPathError) as refused:
        typed_path(typed, working_folder=working_folder)
    said = str(refused.value)
    assert said.startswith(f"{shown} holds a line break or another control character (")
    assert said.endswith("); give the path on one line")
    assert said.isprintable()


def test_a_long_path_is_quoted_shortened() -> None:
    typed = "/srv/" + "x" * 10_000 + "\n.ics"
    with pytest.raises(TypedPathError) as refused:
        typed_path(typed)
    assert len(str(refused.value)) < 300
    assert str(refused.value).isprintable()


def test_a_paste_s_last_line_break_and_spaces_around_are_taken_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert typed_path(f"  {tmp_path}/program.ics\n") == tmp_path / "program.ics"
    assert typed_path("/srv/東京 会議/program.ics") == Path("/srv/東京 会議/program.ics")
    with pytest.raises(TypedPathError):
        typed_path(" \n ")


def test_a_bare_name_is_read_in_the_working_folder_on_the_command_line_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert typed_path("program.ics", working_folder=True) == tmp_path / "program.ics"
    with pytest.raises(FileWriteError):
        typed_path("program.ics")
    assert typed_location("program.sqlite", working_folder=True) == str(tmp_path / "program.sqlite")
    with pytest.raises(FileOpenError):
        typed_location("program.sqlite")
    url = "postgresql://cpp@db.example.org/program"
    assert typed_location(url) == url


def test_a_file_written_is_named_as_its_kind() -> None:
    assert named_as(Path("/srv/kobe"), CALENDAR_FILE) == Path("/srv/kobe.ics")
    assert named_as(Path("/srv/Kobe.ICS"), CALENDAR_FILE) == Path("/srv/Kobe.ICS")
    assert named_as(Path("/srv/day"), PDF_FILE) == Path("/srv/day.pdf")
    assert named_as(Path("/srv/report"), REPORT_FILE) == Path("/srv/report.pdf")
    assert named_as(Path("/srv/report.xlsx"), REPORT_FILE) == Path("/srv/report.xlsx")
    assert named_as(Path("/srv/agenda"), AGENDA_FILE.preferring(".csv")) == Path("/srv/agenda.csv")
    with pytest.raises(FileWriteError) as refused:
        named_as(Path("/srv/kobe.txt"), CALENDAR_FILE)
    assert str(refused.value) == (
        "'/srv/kobe.txt' cannot be written: a calendar file is written as .ics"
    )


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("/srv/J. Smith itinerary", "/srv/J. Smith itinerary.pdf"),
        ("/srv/Agenda 15.03.2027", "/srv/Agenda 15.03.2027.pdf"),
        ("/srv/Kobe v2.0", "/srv/Kobe v2.0.pdf"),
        ("/srv/東京.会議", "/srv/東京.会議.pdf"),
    ],
)
def test_a_dot_within_a_name_is_part_of_it_and_the_kinds_suffix_follows(
    typed: str, written: str
) -> None:
    """Before, every name with a dot was refused as one of another kind: "J. Smith
    itinerary" could not be printed."""
    assert named_as(Path(typed), PDF_FILE) == Path(written)


def test_a_database_address_pasted_with_a_line_break_is_refused_in_one_line() -> None:
    assert typed_location(" postgresql://db.example.org/cpp\n") == (
        "postgresql://db.example.org/cpp"
    )
    with pytest.raises(TypedPathError) as refused:
        typed_location("postgresql://db.example.org/c\npp")
    assert str(refused.value) == (
        "'postgresql://db.example.org/c\\npp' holds a line break or another control "
        "character (\\n); give the path on one line"
    )


def test_a_paste_is_cut_at_the_most_a_text_may_hold() -> None:
    most = limits.MAX_TEXT_LENGTH
    assert pasted_within(10, "abc") == ("abc", None)
    kept, said = pasted_within(most - 5, "x" * 1_000_000)
    assert kept == "x" * 5
    assert said == (
        "The paste was cut at 100,000 characters, the most a text may hold: "
        "999,995 characters were left out"
    )
    assert pasted_within(most, "y") == (
        "",
        "The paste was cut at 100,000 characters, the most a text may hold: "
        "1 character was left out",
    )


def test_a_bare_name_is_refused_as_a_file_to_open_or_to_write_as_the_case_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Open database… refuses a bare name as a database to open, not as a file to write
    (before, it said "cannot be written" of a program the coordinator meant to open);
    an export's file is refused as one to write, as before."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    with pytest.raises(FileOpenError) as opening:
        typed_location("program.sqlite")
    assert str(opening.value) == (
        "'program.sqlite' cannot be opened: it names no folder; give its whole path, "
        f"such as '{home}/program.sqlite'"
    )
    with pytest.raises(FileWriteError) as writing:
        typed_path("program.ics")
    assert str(writing.value) == (
        "'program.ics' cannot be written: it names no folder; give its whole path, "
        f"such as '{home}/program.ics'"
    )
    assert typed_path("~/outbox") == home / "outbox"
    assert typed_location("~/program.sqlite") == str(home / "program.sqlite")
