"""The program's report on paper: ``cpp-scheduler report -o FILE.pdf`` read back with
pypdf holds every figure ``cpp-scheduler report --json`` gives for the same period, names
what the period left out, and shows the partner cities' Japanese names."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pdftext import page_texts, squeezed
from sqlalchemy import select
from test_printed_pdfs import A4_POINTS, LETTER_POINTS, cli_command, page_size

from cpp_scheduler.cli import main
from cpp_scheduler.documents.content import ChangeStamp
from cpp_scheduler.documents.report import report_document
from cpp_scheduler.model import PartnerCity
from cpp_scheduler.services.reports import program_report
from cpp_scheduler.store import open_database

FEBRUARY = ("2027-02-01", "2027-02-28")
JANUARY = ("2027-01-01", "2027-01-31")


def report_json(
    database: Path, period: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    status = main(
        ["report", "--db", str(database), "--from", period[0], "--to", period[1], "--json"]
    )
    assert status == 0
    found: dict[str, Any] = json.loads(capsys.readouterr().out)
    return found


def report_pdf(database: Path, period: tuple[str, str], output: Path, *more: str) -> list[str]:
    """``cpp-scheduler report -o FILE.pdf`` for the period, the PDF's pages read back."""
    arguments = ["--db", str(database), "--from", period[0], "--to", period[1], "-o", str(output)]
    done = cli_command("report", *arguments, *more)
    assert done.returncode == 0, done.stderr
    pages = page_texts(output)
    assert done.stdout == f"Saved {output}: {len(pages)} pages\n"
    return pages


def breakdown_row(row: dict[str, Any]) -> str:
    """A breakdown's row as its table prints it, without white space: the label (its
    Japanese name and "(left out)" may follow), meetings, hours, cancelled."""
    return (
        re.escape(squeezed(row["label"]))
        + r"[^0-9]*"
        + re.escape(f"{row['meetings']:,}{row['hours']:,.2f}{row['cancelled']:,}")
    )


@pytest.mark.parametrize("period", [FEBRUARY, JANUARY])
def test_every_figure_of_the_pdf_is_the_jsons(
    demo_sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    period: tuple[str, str],
) -> None:
    expected = report_json(demo_sqlite_path, period, capsys)
    output = tmp_path / "report.pdf"
    pages = report_pdf(demo_sqlite_path, period, output)
    assert page_size(output) == A4_POINTS
    text = " ".join(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Program report — " in page
    assert f"Meetings held {expected['meetings']:,}" in text
    assert f"Hours {expected['hours']:,.2f}" in text
    assert f"Cancelled meetings (counted apart) {expected['cancelled']:,}" in text
    assert f"Participants reached {expected['participants_reached']:,}" in text
    assert f"Delegations reached {expected['delegations_reached']:,}" in text
    products = expected["knowledge_products"]
    assert f"Knowledge products linked {len(products):,}" in text
    for product in products:
        assert squeezed(product["title"]) in squeezed(text)

    tables = squeezed(text[text.index("By kind") :])
    for name, rows in expected["breakdowns"].items():
        heading = {"city": "partner city"}.get(name, name)
        section = tables[tables.index(squeezed(f"By {heading}")) :]
        for row in rows:
            assert re.search(breakdown_row(row), section), (name, row)

    left = squeezed(text[text.index("Left out") : text.index("Hours by theme")])
    themes, cities = expected["left_out"]["themes"], expected["left_out"]["cities"]
    assert cities, "the period leaves partner cities out"
    for name in themes + cities:
        assert squeezed(name) in left
    if not themes:
        assert "Themesnone" in left


def test_the_left_out_themes_and_the_cities_japanese_names_are_shown(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = report_json(demo_sqlite_path, JANUARY, capsys)
    output = tmp_path / "report.pdf"
    pages = report_pdf(demo_sqlite_path, JANUARY, output, "--paper", "letter")
    assert page_size(output) == LETTER_POINTS
    first = squeezed(pages[0])
    assert expected["left_out"]["themes"] == [
        "Municipal finance",
        "Social development",
        "Urban management",
        "Urban planning",
        "Urban service provision",
    ]
    left = first[first.index("Leftout") : first.index("Hoursbytheme")]
    assert "Themes" + squeezed("Municipal finance") in left
    for theme in expected["left_out"]["themes"]:
        assert squeezed(theme) in left
    database = open_database(demo_sqlite_path)
    with database.session() as session:
        cities = session.execute(select(PartnerCity.name, PartnerCity.name_ja)).all()
    database.close()
    assert cities
    assert all(japanese for _name, japanese in cities)
    chart = first[first.index("Hoursbypartnercity") :]
    for name, japanese in cities:
        assert squeezed(f"{name} {japanese}") in chart, "each city with its Japanese name"
    assert squeezed("Kitakyushu 北九州市 left out") in chart


def test_the_report_document_is_built_without_qt_from_the_report(
    demo_sqlite_path: Path,
) -> None:
    database = open_database(demo_sqlite_path)
    report = program_report(database, date(2027, 2, 1), date(2027, 2, 28))
    database.close()
    document = report_document(report, ChangeStamp(None, 7))
    page = document.html()
    assert document.header == "Program report — meetings starting 01–28 February 2027 (Tokyo)"
    assert document.title == "Program report: 01–28 February 2027"
    assert "As of an empty program, change 7" in page
    theme = report.breakdown("theme")
    longest = max(row.hours for row in theme.rows)
    assert 'width="100%" bgcolor="#2f6f9f"' in page, "the longest bar spans the column"
    for row in theme.rows:
        if row.meetings:
            width = max(1, round(100 * row.hours / longest))
            assert f'width="{width}%" bgcolor="#2f6f9f"' in page, "a bar as long as its hours"


def test_a_report_file_of_another_kind_is_refused(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.docx"
    period = ["--from", FEBRUARY[0], "--to", FEBRUARY[1]]
    status = main(["report", "--db", str(demo_sqlite_path), *period, "-o", str(output)])
    assert status == 2
    assert capsys.readouterr().err == (
        f"cpp-scheduler: '{output}' cannot be written: the report is written as .pdf or .xlsx\n"
    )
    assert not output.exists()


HEADED_PERIODS = (
    ("2027-01-01", "2027-12-31"),
    ("2027-02-01", "2027-02-28"),
    ("2027-03-08", "2027-03-08"),
)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_page_of_the_pdf_is_headed_with_the_line_report_heads_its_text_with(
    demo_sqlite_path: Path, tmp_path: Path, language: str
) -> None:
    """The running header names the period in the words ``report`` prints first (and the
    report window says its count is of), for a year, a month and a single day, in
    English and in Japanese."""
    for first, last in HEADED_PERIODS:
        arguments = ["--db", str(demo_sqlite_path), "--lang", language, "report"]
        arguments += ["--from", first, "--to", last]
        printed = cli_command(*arguments)
        assert printed.returncode == 0, printed.stderr
        heading = printed.stdout.splitlines()[0]
        output = tmp_path / f"report-{first}.pdf"
        done = cli_command(*arguments, "-o", str(output))
        assert done.returncode == 0, done.stderr
        pages = page_texts(output)
        assert len(pages) > 1
        for number, page in enumerate(pages, start=1):
            assert squeezed(heading) in squeezed(page), (first, last, number, heading, page)
