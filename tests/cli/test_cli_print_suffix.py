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
    assert err.strip() == f"cpp-scheduler: -o {target}: a printed document is written as .pdf"
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
    assert err.strip() == f"cpp-scheduler: -o {spreadsheet}: the report is written as .pdf or .xlsx"
