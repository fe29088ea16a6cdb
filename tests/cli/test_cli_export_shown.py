"""``export ics --shown``: the events the calendar shows on some days, through the
window's filters; the filters go with it alone."""

from __future__ import annotations

import json

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database


@pytest.fixture
def demo(sqlite_database: Database) -> str:
    load_demo(sqlite_database)
    return sqlite_database.url.render_as_string(hide_password=False)


def previewed(capsys: pytest.CaptureFixture[str], demo: str, *arguments: str) -> list[str]:
    capsys.readouterr()
    assert main(["--db", demo, "export", "ics", "--shown", *arguments, "--preview", "--json"]) == 0
    return [row["title"] for row in json.loads(capsys.readouterr().out)["events"]]


def test_a_weeks_site_visits_whole_even_past_the_week(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    week = ["--from", "2027-03-08", "--to", "2027-03-14"]
    visits = previewed(capsys, demo, *week, "--kind", "site_visit")
    assert len(visits) == 4
    assert all(title.startswith("Site visit") for title in visits)
    assert len(previewed(capsys, demo, *week)) > len(visits)
    # On Lima's clock the week's days start 14 hours later: Monday's morning visit in
    # Tokyo falls on Sunday 7 March there, before the week.
    lima = previewed(capsys, demo, *week, "--kind", "site_visit", "--days-in", "America/Lima")
    assert set(lima) <= set(visits)


@pytest.mark.parametrize(
    "arguments",
    [
        ["--all", "--kind", "site_visit"],
        ["--all", "--days-in", "America/Lima"],
        ["--all", "--in-venues"],
    ],
)
def test_the_filters_without_shown_are_refused_in_one_line(
    demo: str, capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", demo, "export", "ics", *arguments, "--preview"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == (
        "cpp-scheduler: the filters, --days-in and --in-venues go with --shown "
        "(the events the calendar shows)"
    )
