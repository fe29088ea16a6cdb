"""Tables as CSV for Excel: UTF-8 with a byte-order mark (without it, Excel reads the
file in the system's legacy code page and Japanese names turn to noise), a header row,
ISO dates (``2027-03-08``, ``2027-03-08 09:30``) that Excel and every other program
read as dates, and text that never runs as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from cpp_scheduler.files import write_atomically, write_together
from cpp_scheduler.reports.files import defused
from cpp_scheduler.reports.tables import Cell, Table

BOM = "\ufeff"


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M") if not cell.second else cell.isoformat(" ")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float):
        return f"{cell:.2f}"
    if isinstance(cell, int):
        return str(cell)
    return defused(cell)


def csv_text(table: Table) -> str:
    """The CSV of ``table``, starting with the byte-order mark, lines ending CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([defused(name) for name in table.header])
    for row in table.rows:
        writer.writerow([_text(cell) for cell in row])
    return BOM + buffer.getvalue()


def write_csv(table: Table, path: Path) -> Path:
    """Write ``table`` to ``path`` whole, or leave the file that was there."""
    data = csv_text(table).encode("utf-8")

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    write_atomically(path, write)
    return path


def csv_paths(path: Path, tables: list[Table]) -> list[Path]:
    """Where each of several tables goes: the first to ``path``, each next one beside it
    named after its table (``delegations.csv``, ``delegations-members.csv``)."""
    paths = [path]
    for extra in tables[1:]:
        slug = "-".join(extra.title.lower().split())
        paths.append(path.with_name(f"{path.stem}-{slug}{path.suffix or '.csv'}"))
    return paths


def write_csv_files(tables: list[Table], path: Path) -> list[Path]:
    """One CSV file per table (see :func:`csv_paths`), all written or none."""
    return write_csv_together(list(zip(tables, csv_paths(path, tables), strict=True)))


def write_csv_together(tables: Sequence[tuple[Table, Path]]) -> list[Path]:
    """Each table to its path, the files written all whole or none of them
    (:func:`~cpp_scheduler.files.write_together`): the delegations beside their members
    are read together, and a members' file of before beside delegations of now would
    not match them."""
    write_together([(path, csv_text(table).encode("utf-8")) for table, path in tables])
    return [path for _table, path in tables]
