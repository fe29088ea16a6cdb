"""``cpp-scheduler print`` writes PDFs only: an output named ``x.txt`` is refused before
anything is read or written, as ``report`` refuses a suffix it does not write, instead
of a PDF saved under a text file's name with a status of success."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpp_scheduler.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(
    "document",
    [
        ["day", "--date", "2027-02-15"],
        ["programme", "--event", "cpp-conference-2027@cpp-scheduler.tdlc"],
        ["itinerary", "--delegation", "Kenya"],
    ],
    ids=lambda document: document[0],
)
def test_print_refuses_a_file_name_it_would_not_write_as_report_does(
    demo_sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: list[str],
) -> None:
    target = tmp_path / "x.txt"
    status, out, err = run(
        capsys, "--db", str(demo_sqlite_path), "print", *document, "-o", str(target)
    )
    assert status == 2
    assert err.strip() == (
        f"cpp-scheduler: '{target}' cannot be written: a printed document is written as .pdf"
    )
    assert out == ""
    assert not target.exists()
    spreadsheet = tmp_path / "x.csv"
    status, _out, err = run(
        capsys,
        "--db",
        str(demo_sqlite_path),
        "report",
        "--from",
        "2027-02-01",
        "--to",
        "2027-02-28",
        "-o",
        str(spreadsheet),
    )
    assert status == 2, "refused alike"
    assert err.strip() == (
        f"cpp-scheduler: '{spreadsheet}' cannot be written: the report is written as .pdf or .xlsx"
    )


@pytest.mark.parametrize(
    ("sheet_format", "table", "named", "said"),
    [
        ("xlsx", "agenda", "agenda.csv", "an Excel workbook is written as .xlsx"),
        ("xlsx", "delegations", "delegations.ods", "an Excel workbook is written as .xlsx"),
        ("csv", "delegations", "delegations.xlsx", "a CSV table is written as .csv"),
        ("csv", "agenda", "agenda.txt", "a CSV table is written as .csv"),
    ],
)
def test_a_spreadsheet_export_refuses_a_file_name_it_would_not_write_as_print_does(
    demo_sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sheet_format: str,
    table: str,
    named: str,
    said: str,
) -> None:
    """``export xlsx agenda -o agenda.csv`` once wrote a workbook named as CSV, which
    Excel then refused to open, and ``export csv -o x.xlsx`` CSV text named as a
    workbook."""
    target = tmp_path / named
    status, out, err = run(
        capsys, "--db", str(demo_sqlite_path), "export", sheet_format, table, "-o", str(target)
    )
    assert status == 2
    assert err.strip() == f"cpp-scheduler: '{target}' cannot be written: {said}"
    assert out == ""
    assert list(tmp_path.iterdir()) == []


def test_a_spreadsheet_export_refuses_a_wrong_name_in_japanese_and_takes_its_own_in_any_case(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cpp_scheduler import i18n

    db = ["--db", str(demo_sqlite_path)]
    try:
        status, _out, err = run(
            capsys, "--lang", "ja", *db, "export", "csv", "agenda", "-o", str(tmp_path / "a.xlsx")
        )
    finally:
        i18n.use_language(i18n.ENGLISH)
    assert status == 2
    assert err.strip().startswith(f"cpp-scheduler: '{tmp_path / 'a.xlsx'}' を書き込めません: ")
    assert list(tmp_path.iterdir()) == []
    workbook = tmp_path / "Agenda.XLSX"
    status, _out, _err = run(capsys, *db, "export", "xlsx", "agenda", "-o", str(workbook))
    assert status == 0
    assert workbook.read_bytes().startswith(b"PK")  # a workbook: a zip file
    table = tmp_path / "Agenda.CSV"
    status, _out, _err = run(capsys, *db, "export", "csv", "agenda", "-o", str(table))
    assert status == 0
    assert table.read_bytes().startswith("\ufeff".encode())  # CSV text for Excel, marked UTF-8
