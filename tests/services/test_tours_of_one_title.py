"""Two delegations' study tours of one title: the tour builder's list showed two lines
alike, ``tours TITLE`` and ``export ics --tour TITLE`` took one of them unsaid (the
first by a random id), and the tour's spreadsheet refused. Every command refuses now in
the same words, naming each tour's delegation and id, and the list names the delegation
of each."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Delegation, StudyTour
from cpp_scheduler.services import tours
from cpp_scheduler.store import Database
from tests.tour_day import PERU_TOUR_START, add_record, peru_study_tour

TITLE = "Peru study tour"


def test_a_title_two_tours_share_names_neither_and_the_list_tells_them_apart(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _lima, lima_tour = peru_study_tour(sqlite_database)
    nairobi = add_record(
        sqlite_database, Delegation, name="Nairobi", country="KE", zone="Africa/Nairobi"
    )
    nairobi_tour = add_record(
        sqlite_database,
        StudyTour,
        title=TITLE,
        delegation_id=nairobi,
        start_date=PERU_TOUR_START,
        end_date=PERU_TOUR_START + timedelta(days=2),
    )
    listed = dict(tours.list_tours(sqlite_database))
    assert listed[lima_tour] == f"{TITLE} (08–10 March 2027; Lima)"
    assert listed[nairobi_tour] == f"{TITLE} (08–10 March 2027; Nairobi)"

    url = sqlite_database.url.render_as_string(hide_password=False)
    refusals = set()
    for command in (
        ["tours", TITLE],
        ["export", "csv", "tour", "--tour", TITLE, "-o", str(tmp_path / "t.csv")],
        ["export", "ics", "--tour", TITLE, "-o", str(tmp_path / "t.ics")],
    ):
        capsys.readouterr()
        assert main(["--db", url, *command]) != 0
        refusals.add(capsys.readouterr().err.strip().splitlines()[-1])
    (refusal,) = refusals
    assert f"2 study tours are called '{TITLE}'" in refusal
    assert f"Lima: {lima_tour}" in refusal
    assert f"Nairobi: {nairobi_tour}" in refusal
    assert not (tmp_path / "t.csv").exists()
    assert not (tmp_path / "t.ics").exists()

    capsys.readouterr()
    assert main(["--db", url, "tours", nairobi_tour]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"{TITLE} — Nairobi"
