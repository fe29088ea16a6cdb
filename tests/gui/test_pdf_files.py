"""A printed document saved as a PDF is saved like any other file: whole or not at all,
with the permissions of a normal save, keeping those of a file it replaces."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.documents.content import CancelledError, ChangeStamp, PrintDocument, Section
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
