"""Values out of any sensible range on the command line: one line that names the option
and its limit, status 2 (a usage mistake) or 1, never a traceback, nothing written.

Each command runs in a process of its own, as a coordinator runs it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from tests.hostile import run_cli, state_of

KENYA = "Kenya: Nairobi City County"
SLOTS = ["slots", "--with", KENYA, "--from", "2027-01-18", "--to", "2027-01-20"]


@pytest.fixture
def demo(tmp_path: Path, demo_sqlite_path: Path) -> Path:
    """A copy of the demo program in a folder of its own, to see that nothing changes."""
    folder = tmp_path / "program"
    folder.mkdir()
    shutil.copyfile(demo_sqlite_path, folder / "program.sqlite")
    return folder / "program.sqlite"


def refusal(demo: Path, arguments: list[str], status: int) -> str:
    before = state_of(demo.parent)
    result = run_cli("--db", str(demo), *arguments)
    assert result.returncode == status, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert state_of(demo.parent) == before
    return result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    ("option", "value"),
    [("--duration", "99999999999h"), ("--duration", "8785h"), ("--step", "9" * 40)],
)
def test_a_length_past_a_year_is_refused_as_it_is_read(demo: Path, option: str, value: str) -> None:
    arguments = [*SLOTS, "--duration", "1h", option, value]
    line = refusal(demo, arguments, status=2)
    assert line == (
        f"cpp-scheduler slots: argument {option}: '{value}' is longer than the "
        "366 days the program plans for (see cpp-scheduler slots --help)"
    )


def test_a_search_over_ten_thousand_years_is_refused(demo: Path) -> None:
    arguments = ["slots", "--with", KENYA, "--duration", "1h", "--from", "2027-01-18"]
    line = refusal(demo, [*arguments, "--to", "12027-01-18"], status=2)
    assert line.startswith("cpp-scheduler: --to '12027-01-18'")


@pytest.mark.parametrize("hours", ["nan", "inf", "-inf", "1e300", "0", "8785"])
def test_a_feed_refresh_interval_must_be_a_real_number_of_hours(
    demo: Path, tmp_path: Path, hours: str
) -> None:
    out = tmp_path / "feed.ics"
    line = refusal(demo, ["export", "ics", "--all", f"--refresh-hours={hours}", "-o", str(out)], 2)
    assert line.startswith(f"cpp-scheduler: --refresh-hours '{float(hours)}' must be more than 0")
    assert line.endswith("at most 8784 (366 days)")
    assert not out.exists()


@pytest.mark.parametrize("minutes", ["-5", str(10**12), "40321"])
def test_a_reminder_rings_before_the_event_and_at_most_four_weeks_ahead(
    demo: Path, tmp_path: Path, minutes: str
) -> None:
    out = tmp_path / "feed.ics"
    line = refusal(demo, ["export", "ics", "--all", f"--reminder={minutes}", "-o", str(out)], 2)
    assert line == (
        f"cpp-scheduler: --reminder '{minutes}' must be a number of minutes before the event "
        "from 0 to 40320 (4 weeks)"
    )
    assert not out.exists()


@pytest.mark.parametrize("minutes", ["-1", "10000000000000", "527041"])
def test_a_travel_buffer_is_at_most_a_year(demo: Path, minutes: str) -> None:
    line = refusal(demo, ["conflicts", f"--buffer={minutes}"], status=2)
    assert line == (
        f"cpp-scheduler: --buffer '{minutes}' must be a number of minutes from 0 to 527040 "
        "(366 days)"
    )


def test_a_preview_of_each_participant_asks_for_one_in_a_whole_sentence(demo: Path) -> None:
    line = refusal(demo, ["export", "ics", "--each-participant", "--preview"], status=2)
    assert line == (
        "cpp-scheduler: --preview reads one file: give --participant EMAIL for one person's "
        "calendar"
    )


def test_a_schema_that_cannot_be_named_is_refused_as_a_schema(demo: Path) -> None:
    line = refusal(demo, ["admin", "roles", "--schema", "my schema"], status=1)
    assert line == (
        "cpp-scheduler: 'my schema' is not a schema name; use letters, digits, '_', '-' or '.'"
    )


def test_a_folder_as_the_calendar_file_is_refused(demo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    line = refusal(demo, ["export", "ics", "--all", "-o", str(folder)], status=1)
    assert line == (
        f"cpp-scheduler: '{folder}' cannot be written: it is a folder; "
        "give the name of a file to write"
    )
    assert list(folder.iterdir()) == []


def test_a_file_as_the_folder_for_each_participant_is_refused(demo: Path, tmp_path: Path) -> None:
    taken = tmp_path / "calendars"
    taken.write_bytes(b"a coordinator's notes")
    line = refusal(demo, ["export", "ics", "--each-participant", "--out-dir", str(taken)], status=1)
    assert line == (
        f"cpp-scheduler: '{taken}' cannot be written: it is a file; "
        "give a folder to put the files in"
    )
    assert taken.read_bytes() == b"a coordinator's notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calendars", "program"]


@pytest.mark.parametrize(
    ("arguments", "option"),
    [
        (
            ["export", "ics", "--all", "--method", "request", "-o", "x.ics", "--organizer"],
            "--organizer",
        ),
        (
            ["send", "invitations", "--event", "x@y", "--outbox", "out", "--dry-run", "--from"],
            "--from",
        ),
    ],
)
@pytest.mark.parametrize(
    "organiser",
    ["TDLC coordinators", "TDLC <cpp@tdlc.example.org\n>", "a@b.org\r\nATTENDEE:spy@evil.example"],
)
def test_an_organiser_without_a_plain_address_is_refused_naming_its_option(
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    option: str,
    organiser: str,
) -> None:
    assert main(["--db", str(sqlite_path), *arguments, organiser]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"cpp-scheduler: {option}: The organiser '")
    assert "needs an email address" in err
    assert "\n" not in err  # shown escaped, on one line
    assert "\r" not in err
