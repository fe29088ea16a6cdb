"""``cpp-scheduler slots`` with its host: TDLC Tokyo by default, a partner city's office
with ``--host``, nobody with ``--no-host``; the JSON says who hosted."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.model import PartnerCity
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

KENYA = "Kenya: Nairobi City County"
PERU = "Peru: Ministry of Housing, Construction and Sanitation"
ELEVEN_PM_TOKYO = "T14:00:00Z"


@pytest.fixture
def demo(sqlite_database: Database) -> str:
    load_demo(sqlite_database)
    return sqlite_database.url.render_as_string(hide_password=False)


def slots(capsys: pytest.CaptureFixture[str], demo: str, *extra: str) -> dict[str, Any]:
    argv = ["slots", "--with", KENYA, PERU, "--duration", "1h", "--from", "2027-01-18"]
    status = main([*argv, "--to", "2027-01-22", "--json", "--db", demo, *extra])
    assert status == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_tdlc_hosts_by_default_and_eleven_at_night_is_never_best(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    document = slots(capsys, demo)
    assert document["host"] == {"id": "tdlc", "name": "TDLC Tokyo", "zone": "Asia/Tokyo"}
    best = document["slots"][0]
    assert not best["start"].endswith(ELEVEN_PM_TOKYO)
    tdlc = best["attendees"][0]
    assert (tdlc["name"], tdlc["kind"]) == ("TDLC Tokyo", "host")
    assert tdlc["hours"] != "night"
    assert [a["name"] for a in best["attendees"]] == ["TDLC Tokyo", KENYA, PERU]
    assert best["inconvenience"] == sum(a["inconvenience"] for a in best["attendees"]) > 0


def test_without_the_host_the_old_answer_comes_back(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    document = slots(capsys, demo, "--no-host")
    assert document["host"] is None
    best = document["slots"][0]
    assert best["start"] == "2027-01-18" + ELEVEN_PM_TOKYO  # 17:00 Nairobi, 09:00 Lima
    assert best["inconvenience"] == 0
    assert [a["name"] for a in best["attendees"]] == [KENYA, PERU]


def test_a_partner_city_office_can_host(
    demo: str, sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    document = slots(capsys, demo, "--host", "kobe")
    with sqlite_database.session() as session:
        kobe = session.scalars(select(PartnerCity.id).where(PartnerCity.name == "Kobe")).one()
    assert document["host"] == {"id": kobe, "name": "Kobe city office", "zone": "Asia/Tokyo"}
    best = document["slots"][0]
    assert best["attendees"][0]["name"] == "Kobe city office"
    assert not best["start"].endswith(ELEVEN_PM_TOKYO)


def test_the_text_names_the_host_and_an_unknown_city_is_refused(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["slots", "--with", KENYA, "--duration", "1h", "--from", "2027-01-18", "--to"]
    argv += ["2027-01-18", "--db", demo]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hosted by TDLC Tokyo.\n")
    assert "     TDLC Tokyo: Mon 18 Jan" in out

    assert main([*argv, "--host", "Atlantis"]) != 0
    error = capsys.readouterr().err
    assert "No partner city is called 'Atlantis'" in error
    assert "Kobe" in error


def test_host_and_no_host_cannot_be_asked_together(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        slots(capsys, demo, "--host", "Kobe", "--no-host")
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


@pytest.mark.parametrize(
    "rule", ["FREQ=MONTHLY;COUNT=0", "FREQ=MONTHLY;COUNT=3;BYMONTH=2;BYMONTHDAY=30"]
)
def test_a_series_rule_that_gives_no_date_is_one_line(
    demo: str, rule: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["slots", "--with", KENYA, "--duration", "1h", "--from", "2027-01-18"]
    assert main([*argv, "--to", "2027-01-22", "--repeat", rule, "--db", demo]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "cpp-scheduler: --repeat: The series has no occurrence: its last date (UNTIL) is "
        "before its start, or its COUNT is 0.\n"
    )


PERU = "Peru: Ministry of Housing, Construction and Sanitation"


@pytest.mark.parametrize(
    ("at", "said"),
    [
        ("2027-03-09T10:00", f"{PERU}: Tue 09 Mar 10:00-11:00 JST, already booked"),
        ("2027-03-09T17:00", "Everyone is free then."),
        ("2027-03-09T01:00:00+00:00", f"{PERU}: Tue 09 Mar 10:00-11:00 JST, already booked"),
    ],
)
def test_at_says_who_is_booked_at_a_time_chosen_by_hand(
    demo: str, capsys: pytest.CaptureFixture[str], at: str, said: str
) -> None:
    """The Peru delegation meets Yokohama's climate team from 09:30 on 9 March (Tokyo)."""
    capsys.readouterr()
    arguments = ["--with", PERU, "--duration", "1h", "--from", "2027-03-09", "--to", "2027-03-09"]
    assert main(["--db", demo, "slots", *arguments, "--at", at]) == 0
    assert capsys.readouterr().out.strip() == said


@pytest.mark.parametrize("at", ["2027-03-14T02:30", "2027-11-07T01:30", "March 9"])
def test_at_a_time_the_clock_skips_or_repeats_or_no_time_is_one_line(
    demo: str, capsys: pytest.CaptureFixture[str], at: str
) -> None:
    capsys.readouterr()
    arguments = ["--with", PERU, "--duration", "1h", "--from", "2027-03-09", "--to", "2027-03-09"]
    code = main(["--db", demo, "slots", *arguments, "--zone", "America/New_York", "--at", at])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("cpp-scheduler: --at")
    assert err.count("\n") == 1
