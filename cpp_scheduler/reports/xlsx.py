"""Tables as an Excel workbook (openpyxl): one sheet per table, typed cells, a frozen
header row, fitted columns, and bar charts Excel draws itself.

Excel has no time zones: a table's times are naive wall-clock times in a column named
with their zone, and written as Excel dates with a date-and-time format, so they sort,
filter and add up. Text is always text: a title that starts with ``=`` is stored as a
string with Excel's quote prefix (as if typed after an apostrophe), never as a formula;
a text of several lines (an address in English and in Japanese) wraps at its line
breaks, at the top of its row.
"""

from __future__ import annotations

import contextlib
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from cpp_scheduler.files import write_atomically
from cpp_scheduler.reports.files import is_formula_like
from cpp_scheduler.reports.tables import Cell, Table

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
HOURS_FORMAT = "0.00"
INTEGER_FORMAT = "0"
MAX_WIDTH = 60
WRAPPED = Alignment(wrap_text=True, vertical="top")
"""A cell of several lines: Excel shows its line breaks only when the cell wraps (else
it runs the lines together), and the column is as wide as its longest line."""
SAMPLED_ROWS = 2000
"""Rows read to fit a column's width: enough to see its longest values, few enough to
keep a large agenda quick."""


@dataclass(frozen=True, slots=True)
class BarChartSpec:
    """A bar chart of one numeric column of a table, by its first column."""

    table: str
    column: str
    title: str


def display_width(text: str) -> int:
    """Characters as wide as Latin ones: a Japanese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _shown(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return "2027-03-08 09:30"
    if isinstance(cell, date):
        return "2027-03-08"
    if isinstance(cell, float):
        return f"{cell:.2f}"
    return str(cell)


def _widths(table: Table) -> list[int]:
    widths: list[int] = []
    for index, column in enumerate(table.columns):
        longest = display_width(column.name)
        for row in table.rows[:SAMPLED_ROWS]:
            text = _shown(row[index])
            longest = max(
                longest, max((display_width(line) for line in text.splitlines()), default=0)
            )
        widths.append(min(longest + 2, MAX_WIDTH))
    return widths


def _storable(text: str) -> str:
    """``text`` as a worksheet can hold it: the vertical tab and form feed that word
    processors put for line breaks become line breaks, and the other control characters
    XML cannot carry (which would stop the whole export) are left out."""
    text = text.replace("\v", "\n").replace("\f", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _cell(sheet: WriteOnlyWorksheet, value: Cell) -> XlsxCell:
    if isinstance(value, str):
        value = _storable(value)
    cell: XlsxCell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]  # dates too
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if is_formula_like(value):
            cell.quotePrefix = True
        if "\n" in value or "\r" in value:
            cell.alignment = WRAPPED
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, float):
        # Hours, in a summary's column of figures too: "0.##" shows 24 hours as "24."
        # and 25.5 as "25.5" beside the breakdowns' "25.50".
        cell.number_format = HOURS_FORMAT
    elif isinstance(value, int):
        cell.number_format = INTEGER_FORMAT
    return cell


def _sheet_title(title: str, taken: set[str]) -> str:
    """A sheet name Excel takes: at most 31 characters, none of ``[]:*?/\\``, unique."""
    cleaned = "".join("-" if char in "[]:*?/\\" else char for char in title).strip("'")[:31]
    cleaned = cleaned or "Sheet"
    name, number = cleaned, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = cleaned[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def workbook(tables: Sequence[Table], charts: Sequence[BarChartSpec] = ()) -> Workbook:
    """A workbook with one sheet per table, in order, and the charts asked for."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, taken))
        sheet.freeze_panes = "A2"
        for index, width in enumerate(_widths(table), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        header = []
        for column in table.columns:
            cell = _cell(sheet, column.name)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([_cell(sheet, value) for value in row])
        for spec in charts:
            if spec.table == table.title and table.rows:
                sheet.add_chart(_bar_chart(sheet, table, spec), _chart_anchor(table))
    return book


def _chart_anchor(table: Table) -> str:
    return f"{get_column_letter(len(table.columns) + 2)}2"


def _bar_chart(sheet: WriteOnlyWorksheet, table: Table, spec: BarChartSpec) -> BarChart:
    column = table.header.index(spec.column) + 1
    last = len(table.rows) + 1
    chart = BarChart()
    chart.type = "bar"  # horizontal: long theme and city names stay readable
    chart.style = 10
    chart.title = spec.title
    chart.y_axis.title = spec.column
    chart.legend = None
    chart.x_axis.delete = False  # shown: openpyxl 3.1 otherwise hides both axes
    chart.y_axis.delete = False
    chart.add_data(Reference(sheet, min_col=column, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"  # the first row at the top, as in the table
    chart.height = max(7.5, 0.6 * len(table.rows) + 3)
    chart.width = 18
    return chart


def write_xlsx(tables: Sequence[Table], path: Path, charts: Sequence[BarChartSpec] = ()) -> Path:
    """Write the workbook of ``tables`` to ``path`` whole, or leave the file there was."""

    def write(stream: BinaryIO) -> None:
        # Made once the file can be written: a write-only workbook holds each sheet's
        # rows in a temporary file until it is saved, and one never saved complains
        # when Python takes it away. Saved in memory first: a zip archive that fails
        # half-way through a file (a full disk) complains again when Python takes it
        # away, while bytes in memory are written or refused as any file's are.
        book = workbook(tables, charts)
        saved = io.BytesIO()
        try:
            book.save(saved)
        except BaseException:
            _close_unsaved(book)
            raise
        stream.write(saved.getbuffer())

    write_atomically(path, write)
    return path


def _close_unsaved(book: Workbook) -> None:
    """Close the sheets a failed save left open, so their temporary files go quietly."""
    for sheet in book.worksheets:
        if isinstance(sheet, WriteOnlyWorksheet) and not sheet.closed:
            with contextlib.suppress(Exception):
                sheet.close()
