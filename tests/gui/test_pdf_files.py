"""A printed document saved as a PDF is saved like any other file: whole or not at all,
with the permissions of a normal save, keeping those of a file it replaces."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter, QTextTable
from pytestqt.qtbot import QtBot

from cpp_scheduler.documents.content import CancelledError, ChangeStamp, PrintDocument, Section
from cpp_scheduler.documents.markup import table
from cpp_scheduler.gui import printing
from tests.disks import fill_up

DAYS = tuple(
    Section(f"<h2>Day {number}</h2>" + "<p>Site visit in Kobe, 10:00 to 12:00.</p>" * 40)
    for number in range(1, 5)
)
ITINERARY = PrintDocument("Peru study tour", "Peru study tour", ChangeStamp(None, 7), DAYS)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_new_pdf_gets_the_permissions_of_a_normal_save(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "itinerary.pdf"
    pages = printing.write_pdf(ITINERARY, path)

    assert pages == len(pypdf.PdfReader(path).pages) > 1
    assert _mode(path) == 0o666 & ~_umask()
    assert sorted(p.name for p in folder.iterdir()) == ["itinerary.pdf"]


def test_a_pdf_written_over_a_private_file_keeps_it_private(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "itinerary.pdf"
    path.write_bytes(b"the old itinerary")
    path.chmod(0o600)

    printing.write_pdf(ITINERARY, path)

    assert _mode(path) == 0o600
    assert pypdf.PdfReader(path).metadata.title == "Peru study tour"


def test_a_pdf_cancelled_on_the_way_leaves_the_old_file_and_nothing_else(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "itinerary.pdf"
    path.write_bytes(b"the old itinerary")
    pages_drawn: list[int] = []

    def stop_after_the_first_page() -> bool:
        return bool(pages_drawn)

    with pytest.raises(CancelledError):
        printing.write_pdf(
            ITINERARY,
            path,
            progress=lambda done, _total: pages_drawn.append(done),
            should_stop=stop_after_the_first_page,
        )

    assert pages_drawn == [1]
    assert path.read_bytes() == b"the old itinerary"
    assert sorted(p.name for p in folder.iterdir()) == ["itinerary.pdf"]


@pytest.fixture
def small_disk(small_disk_of: Callable[[str], Path]) -> Path:
    """A real 64 KiB file system, filled by whatever the test writes to it."""
    return small_disk_of("64k")


def test_a_pdf_that_does_not_fit_on_the_disk_is_one_line_and_leaves_the_old_file(
    qtbot: QtBot, small_disk: Path
) -> None:
    path = small_disk / "itinerary.pdf"
    path.write_bytes(b"the old itinerary")
    fill_up(small_disk)

    with pytest.raises(printing.PrintingError) as refused:
        printing.write_pdf(ITINERARY, path)

    assert str(refused.value) == (
        f"cannot write {path}: the disk is full; the file there before is unchanged"
    )
    assert path.read_bytes() == b"the old itinerary"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "itinerary.pdf"]


def _short_row(hour: int) -> list[str]:
    lines = "<br>".join(f"note {hour}.{n} of a short row" for n in range(6))
    return [f"{hour:02d}:00", f"<b>Short row {hour}</b><br>{lines}", f"Room {hour}"]


def _text_lines(path: Path) -> list[list[str]]:
    return [
        [line.strip() for line in (page.extract_text() or "").splitlines()]
        for page in pypdf.PdfReader(path).pages
    ]


def test_a_row_that_fits_moves_whole_and_a_taller_one_splits_between_lines(
    qtbot: QtBot, tmp_path: Path
) -> None:
    rows = [_short_row(hour) for hour in range(12)]
    rows.insert(5, ["12:00", "<br>".join(f"tall line {n} of a long row" for n in range(150)), ""])
    section = Section("<h2>Day</h2>" + table(["Time", "What", "Where"], rows, (15, 60, 25)))
    path = tmp_path / "rows.pdf"
    printing.write_pdf(PrintDocument("Rows", "Rows", ChangeStamp(None, 1), (section,)), path)

    pages = _text_lines(path)
    assert len(pages) > 3
    for hour in range(12):
        holding = [n for n, lines in enumerate(pages) if f"Short row {hour}" in lines]
        assert len(holding) == 1, f"row {hour} printed once"
        page = pages[holding[0]]
        assert f"{hour:02d}:00" in " ".join(page)
        assert f"note {hour}.5 of a short row" in page, f"row {hour} whole on one page"
    for n in range(150):
        # Split between its lines, each line once: not again (clipped) on the next page.
        found = [page.count(f"tall line {n} of a long row") for page in pages]
        assert sum(found) == 1, f"tall line {n}: {found}"
    # The table's header row is repeated above the rows of each page.
    assert all("Time" in " ".join(lines) for lines in pages)


def test_a_paragraph_across_pages_is_read_once(qtbot: QtBot, tmp_path: Path) -> None:
    text = "<br>".join(f"paragraph line {n}" for n in range(140))
    document = PrintDocument(
        "Notes", "Notes", ChangeStamp(None, 1), (Section(f"<p>{text}</p>", keep_together=False),)
    )
    path = tmp_path / "notes.pdf"
    printing.write_pdf(document, path)

    pages = _text_lines(path)
    assert len(pages) > 1
    for n in range(140):
        assert sum(page.count(f"paragraph line {n}") for page in pages) == 1, n


class _RescanningRows(printing.TableRows):
    """The rows kept whole as before: after each row moved, every row of every table
    measured again from the document's top. The result to agree with."""

    def keep_whole(self) -> None:
        settled = -1.0
        while (split := self._first_split(settled)) is not None:
            table, row, top = split
            first = row == table.format().headerRowCount()
            if not (first and self._break_before(table, row)) and not self._spanned(table, row):
                self._fill_before(table, row, top)
            settled = top + 1

    def _first_split(self, settled: float) -> tuple[QTextTable, int, float] | None:
        first: tuple[QTextTable, int, float] | None = None
        for found in self._tables():
            for row in range(found.format().headerRowCount(), found.rows()):
                top, bottom = self.extent(found, row)
                if top <= settled or (first is not None and top >= first[2]):
                    continue
                if self._page(top) != self._page(bottom - 1):
                    first = (found, row, top)
                    break
        return first


def _rows_document(rows: int, seed: int = 0) -> PrintDocument:
    """Tables of rows of a few lines each, some under a heading, one with a row taller
    than a page and one whose first row falls at a page's foot."""
    sizes = [2 + (seed * 7 + n * 5) % 9 for n in range(rows)]
    body = [
        [f"{n:04d}", "<br>".join(f"line {k} of row {n}" for k in range(size)), "x"]
        for n, size in enumerate(sizes)
    ]
    tall = [["tall", "<br>".join(f"tall line {k}" for k in range(120)), ""]]
    sections = (
        Section("<h2>Long</h2>" + table(["n", "What", "Where"], body, (15, 60, 25))),
        Section("<p>between</p>" * (10 + seed) + table(["n", "What", "Where"], body[:30] + tall)),
        Section("<h2>After</h2>" + table(["n", "What", "Where"], body[: rows // 2])),
    )
    return PrintDocument("Rows", "Rows", ChangeStamp(None, 1), sections)


def _laid_out(document: PrintDocument, rows_class: type[printing.TableRows]) -> str:
    """The document laid out with ``rows_class`` keeping its rows whole, as HTML."""
    buffer = QBuffer()
    assert buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(printing.RESOLUTION)
    writer.setPageLayout(printing.page_layout("a4"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(printing, "TableRows", rows_class)
        pages = printing.Pages(document, writer)
    return f"{pages.count} pages\n" + pages.text.toHtml()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rows_are_kept_whole_as_they_were_by_measuring_every_row_again(
    qtbot: QtBot, seed: int
) -> None:
    document = _rows_document(60, seed)
    assert _laid_out(document, printing.TableRows) == _laid_out(document, _RescanningRows)


@pytest.mark.parametrize("rows", [40, 80, 120])
def test_keeping_rows_whole_measures_each_row_a_few_times_however_long_the_table(
    qtbot: QtBot, rows: int
) -> None:
    """Each row is measured once on the way down, a row moved again with the move's
    own measures: work that grows with the rows, where measuring every row again from
    the top after each move grew with their square (100 rows: 3,933 measures)."""
    measured: list[int] = []

    class Counted(printing.TableRows):
        def keep_whole(self) -> None:
            self.count = 0
            super().keep_whole()
            measured.append(self.count)

        def extent(self, table: QTextTable, row: int) -> tuple[float, float]:
            self.count += 1
            return super().extent(table, row)

    _laid_out(_rows_document(rows), Counted)
    tables_rows = rows + 31 + rows // 2
    assert measured
    # Per layout round: every row once, the moves' own measures (a handful each, one
    # move a page at most) besides.
    pages = tables_rows // 8
    assert all(count <= tables_rows + 8 * pages for count in measured), (measured, tables_rows)
