"""``schedule`` and ``conflicts`` name a delegation's own clock by its home city, as its
itinerary does ("At home (New York)"), and keep "Washington" for the Bank's clock; the
schedule marks a moved meeting of a series as ``events list`` does."""

from __future__ import annotations

import json

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.services.demo import KENYA, PHILIPPINES
from cpp_scheduler.store import Database
from tests.parity.home_clock_support import (
    ECONOMIST,
    EVENING_CALL,
    MOVED_MEETING_DAY,
    NEW_YORK,
    store_new_york,
)


@pytest.fixture
def program(sqlite_database: Database) -> str:
    store_new_york(sqlite_database)
    return sqlite_database.url.render_as_string(hide_password=False)


def printed(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    capsys.readouterr()
    assert main(list(arguments)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("language", "new_york", "quezon_city"),
    [
        ("en", "THEIR TIME (New York)", "THEIR TIME (Quezon City)"),
        ("ja", "代表団の時刻（New York）", "代表団の時刻（Quezon City）"),
    ],
)
def test_the_schedule_heads_their_time_with_the_home_city(
    program: str,
    capsys: pytest.CaptureFixture[str],
    language: str,
    new_york: str,
    quezon_city: str,
) -> None:
    shown = printed(
        capsys, "--lang", language, "--db", program, "schedule", "--delegation", NEW_YORK
    )
    assert shown.splitlines()[0].startswith(new_york), shown
    assert "Washington" not in shown
    assert "ワシントン" not in shown
    shown = printed(
        capsys, "--lang", language, "--db", program, "schedule", "--delegation", PHILIPPINES
    )
    assert shown.splitlines()[0].startswith(quezon_city), shown
    assert "Manila" not in shown
    assert "マニラ" not in shown


def test_the_schedule_json_names_the_clock_by_the_home_city(
    program: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = json.loads(
        printed(capsys, "--db", program, "schedule", "--delegation", NEW_YORK, "--json")
    )
    assert answer["delegation"]["zone"] == "America/New_York"
    assert answer["delegation"]["clock_city"] == "New York"


@pytest.mark.parametrize(
    ("language", "new_york", "bank"),
    [
        (
            "en",
            f"{EVENING_CALL} is at night for {NEW_YORK}: Sat 13 Mar 22:00-23:00 (New York)",
            f"{EVENING_CALL} is at night for {ECONOMIST}: Sat 13 Mar 22:00-23:00 (Washington)",
        ),
        (
            "ja",
            f"「{EVENING_CALL}」は{NEW_YORK}にとって夜間です: 3月13日(土) 22:00-23:00（New York）",
            f"「{EVENING_CALL}」は{ECONOMIST}にとって夜間です: "
            "3月13日(土) 22:00-23:00（ワシントン）",
        ),
    ],
)
def test_a_night_warning_names_the_delegations_clock_by_its_home_city(
    program: str, capsys: pytest.CaptureFixture[str], language: str, new_york: str, bank: str
) -> None:
    """The delegation's night is New York's; the Bank economist on the same zone, with
    no delegation, is on the Bank's clock, Washington's."""
    shown = printed(
        capsys, "--lang", language, "--db", program, "conflicts", "--from", "2027-03-14"
    )
    assert new_york in shown, shown
    assert bank in shown, shown


@pytest.mark.parametrize(
    ("language", "day", "moved"),
    [("en", MOVED_MEETING_DAY, " (moved)"), ("ja", "2027年5月20日(木)", "（変更済み）")],
)
def test_the_schedule_marks_the_moved_meeting_of_the_series(
    program: str, capsys: pytest.CaptureFixture[str], language: str, day: str, moved: str
) -> None:
    shown = printed(capsys, "--lang", language, "--db", program, "schedule", "--delegation", KENYA)
    marked = [line for line in shown.splitlines() if line.rstrip().endswith(moved)]
    assert len(marked) == 1, shown
    assert marked[0].startswith(day)
    answer = json.loads(
        printed(capsys, "--db", program, "schedule", "--delegation", KENYA, "--json")
    )
    moved_rows = [m["local_start"][:10] for m in answer["meetings"] if m["moved"]]
    assert moved_rows == ["2027-05-20"]
