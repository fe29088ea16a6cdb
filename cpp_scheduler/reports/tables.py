"""A table as a spreadsheet holds it: named columns of one type each, rows of typed cells.

A cell is a Python value of its column's type (a ``datetime`` for a time, an ``int`` for
a count), never text that looks like one, so a writer can give Excel real dates and
numbers. Times in a table are wall-clock times without a zone (Excel has none): the
column's name says which zone (``Start (Asia/Tokyo)``), and a UTC column beside them
holds the instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

Cell = str | int | float | date | datetime | None
"""One value of a table; ``None`` is an empty cell. A ``datetime`` is naive wall time."""


class ColumnType(StrEnum):
    """What a column holds, which decides how a writer shows it."""

    TEXT = "text"
    INTEGER = "integer"
    HOURS = "hours"
    """A number of hours, shown with two decimals."""
    NUMBER = "number"
    """Figures of several kinds in one column (a summary's values): each cell as it is."""
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType = ColumnType.TEXT


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet of a workbook, or one CSV file; ``title`` names the sheet."""

    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        width = len(self.columns)
        for number, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(
                    f"table {self.title!r}: row {number + 1} has {len(row)} cells, not {width}"
                )

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> list[Cell]:
        """Every cell of the column called ``name``, top to bottom."""
        index = self.header.index(name)
        return [row[index] for row in self.rows]


def table(
    title: str, columns: Sequence[tuple[str, ColumnType]], rows: list[tuple[Cell, ...]]
) -> Table:
    """A table from (name, type) pairs: the builders' shorthand."""
    return Table(title, tuple(Column(name, kind) for name, kind in columns), rows)
