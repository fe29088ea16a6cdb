"""A Japanese date is printed whole on its line, in a sentence too.

Qt breaks Japanese text between a digit and a word, and the Japanese itinerary parted
the date in each conference session's video-link line after its first digit ("QR
コードは2" / "月15日(月) 09:00の欄）"); the run sheet parted a night-time finding's date
("2月14" / "日(日) 23:30"). The PDFs are printed by ``cpp-scheduler print`` and read back
line by line with pypdf."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pypdf
from pdftext import readable
from test_printed_pdfs import printed_pages

NEPAL = "Nepal: Kathmandu Metropolitan City"

_DATE_WORD = re.compile(r"^(?:年|月|日)")


def parted_dates(path: Path) -> list[tuple[str, str]]:
    """Each place a date's digits and its next word are drawn on two lines: the text
    pieces in the order the page draws them (each run of one font is a piece, so a
    date's digits and its words are pieces apart), a digit's piece and the word's after
    it at two heights."""
    found = []
    for page in pypdf.PdfReader(path).pages:
        pieces: list[tuple[float, str]] = []

        def seen(text: str, _cm: object, matrix: list[float], *_rest: object) -> None:
            if text.strip():
                pieces.append((matrix[5], readable(text).strip()))  # noqa: B023

        page.extract_text(visitor_text=seen)
        found += [
            (before, after)
            for (height, before), (next_height, after) in itertools.pairwise(pieces)
            if before[-1:].isdigit() and _DATE_WORD.match(after) and abs(height - next_height) > 1
        ]
    return found


def test_the_japanese_itinerary_and_run_sheet_keep_each_date_on_one_line(
    demo_copy: Path, tmp_path: Path
) -> None:
    itinerary = tmp_path / "nepal.pdf"
    pages = printed_pages(demo_copy, itinerary, "itinerary", "--delegation", NEPAL, "--lang", "ja")
    assert any("QRコードは2月15日(月)09:00の欄" in re.sub(r"\s", "", page) for page in pages)
    run_sheet = tmp_path / "day.pdf"
    printed_pages(demo_copy, run_sheet, "day", "--date", "2027-02-15", "--lang", "ja")

    assert parted_dates(itinerary) == []
    assert parted_dates(run_sheet) == []
    # What keeps them whole prints nothing, and is nothing a reader copies.
    assert not any("\u2060" in page for page in pages)
