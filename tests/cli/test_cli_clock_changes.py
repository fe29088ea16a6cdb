"""A meeting across New York's clock changes, as the command line shows it.

On 7 November 2027 New York's clocks go back from 02:00 EDT to 01:00 EST, so 01:00-02:00
happens twice; on 14 March 2027 they jump from 02:00 EST to 03:00 EDT. A range across a
change names each end's clock (two hours from 01:30 EDT to 02:30 EST, not
``01:30-02:30 EDT``), and a range in the repeated hour says which reading it is, in
``events list``, ``times``, ``conflicts`` and ``slots`` alike.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cpp_scheduler.cli import main

DELEGATION_ID = "0b5e8f3c-6a61-5d2e-9a4e-1f0a2c3d4e5f"
NEW_YORK = "USA: New York City"
FALL_BACK_ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//CPP Scheduler tests//EN\r
BEGIN:VEVENT\r
UID:fall-back@cpp-scheduler.test\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Fall back call\r
DTSTART;TZID=America/New_York:20271107T013000\r
DTEND;TZID=America/New_York:20271107T023000\r
END:VEVENT\r
END:VCALENDAR\r
"""
PROGRAM = {
    "format": "cpp-scheduler-program",
    "version": 1,
    "delegations": [
        {"id": DELEGATION_ID, "name": NEW_YORK, "country": "US", "zone": "America/New_York"}
    ],
    "events": [
        {
            "id": "1b5e8f3c-6a61-5d2e-9a4e-1f0a2c3d4e5f",
            "title": "Night call",
            "start": "2027-11-07T05:30:00Z",
            "end": "2027-11-07T07:30:00Z",
            "zone": "America/New_York",
            "kind": "videoconference",
            "mode": "virtual",
            "video_link": "https://meet.example.org/cpp",
            "delegations": [DELEGATION_ID],
        }
    ],
}


@pytest.fixture
def program(tmp_path: Path, sqlite_template: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A program with New York's delegation at the night call, and the fall-back call
    imported from a calendar file as the fault was found."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    (tmp_path / "program.json").write_text(json.dumps(PROGRAM), "utf-8")
    (tmp_path / "fall-back.ics").write_bytes(FALL_BACK_ICS.encode())
    assert main(["--db", str(path), "program", "import", str(tmp_path / "program.json")]) == 0
    assert main(["--db", str(path), "import", str(tmp_path / "fall-back.ics")]) == 0
    capsys.readouterr()
    return path


def run(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> str:
    status = main(["--db", str(path), *argv])
    captured = capsys.readouterr()
    assert (status, captured.err) == (0, ""), captured.err
    return captured.out


def test_events_list_names_the_end_by_its_own_clock(
    capsys: pytest.CaptureFixture[str], program: Path
) -> None:
    out = run(capsys, program, "events", "list")
    assert "Sun 07 Nov 01:30 EDT - 02:30 EST" in out
    assert "01:30-02:30 EDT" not in out
    # The JSON was right all along, and stays so.
    [listed, _night] = json.loads(run(capsys, program, "events", "list", "--json"))
    assert (listed["local_start"], listed["local_end"]) == (
        "2027-11-07T01:30:00-04:00",
        "2027-11-07T02:30:00-05:00",
    )


def test_times_names_both_clocks_in_its_heading_its_rows_and_their_offsets(
    capsys: pytest.CaptureFixture[str], program: Path
) -> None:
    out = run(capsys, program, "times", "fall-back@cpp-scheduler.test")
    heading, _header, tokyo, washington = out.splitlines()
    assert heading == "Fall back call: Sun 07 Nov 2027 01:30 EDT - 02:30 EST (Washington)"
    assert "Sun 07 Nov 2027 14:30-16:30 " in tokyo  # Tokyo keeps its clock: nothing added
    assert "Sun 07 Nov 2027 01:30 EDT - 02:30 EST" in washington
    assert "-04:00 EDT, -05:00 EST" in washington


def test_conflicts_name_both_clocks(capsys: pytest.CaptureFixture[str], program: Path) -> None:
    out = run(capsys, program, "conflicts")
    assert "Night call is at night for USA: New York City: " in out
    assert "Sun 07 Nov 01:30 EDT - 02:30 EST (Washington)" in out
    assert "01:30-02:30 (Washington)" not in out


def slots_out(capsys: pytest.CaptureFixture[str], program: Path, day: str) -> list[str]:
    """The ``slots`` lines of one night in New York, half hour by half hour."""
    out = run(
        capsys,
        program,
        "slots",
        "--with",
        NEW_YORK,
        "--duration",
        "30m",
        "--from",
        day,
        "--to",
        day,
        "--zone",
        "America/New_York",
        "--no-host",
        "--step",
        "30m",
        "--count",
        "60",
    )
    return out.splitlines()


def test_slots_across_the_fall_back_read_forwards_and_apart(
    capsys: pytest.CaptureFixture[str], program: Path
) -> None:
    # 1 November 2026: the delegation's own night call of 2027 is out of the way.
    lines = slots_out(capsys, program, "2026-11-01")
    headings = [line.split(". ", 1)[1].split(": incon")[0] for line in lines if line[:1].isdigit()]
    assert len(headings) == 50  # 24 hours and the repeated one, by half hours
    night = [h for h in headings if h.startswith(("Sun 01 Nov 2026 00:", "Sun 01 Nov 2026 01:"))]
    assert sorted(night) == sorted(
        [
            "Sun 01 Nov 2026 00:00-00:30 (Washington)",
            "Sun 01 Nov 2026 00:30-01:00 EDT (Washington)",
            "Sun 01 Nov 2026 01:00-01:30 EDT (Washington)",
            "Sun 01 Nov 2026 01:30 EDT - 01:00 EST (Washington)",
            "Sun 01 Nov 2026 01:00-01:30 EST (Washington)",
            "Sun 01 Nov 2026 01:30-02:00 EST (Washington)",
        ]
    )
    assert len(set(headings)) == len(headings), "two suggestions read alike"
    reasons = "\n".join(lines)
    assert "USA: New York City: Sun 01 Nov 01:30 EDT - 01:00 EST, at night" in reasons
    assert "01:30-01:00" not in reasons


def test_slots_across_the_spring_forward_say_it_is_half_an_hour(
    capsys: pytest.CaptureFixture[str], program: Path
) -> None:
    reasons = "\n".join(slots_out(capsys, program, "2027-03-14"))
    assert "Sun 14 Mar 2027 01:30 EST - 03:00 EDT (Washington)" in reasons
    assert "USA: New York City: Sun 14 Mar 01:30 EST - 03:00 EDT, at night" in reasons
    assert "01:30-03:00 EST" not in reasons


@pytest.mark.usefixtures("japanese")
def test_japanese_names_the_same_clocks(capsys: pytest.CaptureFixture[str], program: Path) -> None:
    out = run(capsys, program, "--lang", "ja", "times", "fall-back@cpp-scheduler.test")
    assert "11月7日(日) 01:30 EDT - 02:30 EST（ワシントン）" in out
    assert "2027年11月7日(日) 01:30 EDT - 02:30 EST" in out
