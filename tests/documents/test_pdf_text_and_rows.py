"""What a printed PDF's text layer holds and where its table rows fall: the text drawn,
found by a search or a copy (not a Kangxi radical for 月, not the ligature ﬁ for "fi"),
and each row of a table whole on one page, its QR code with it."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from pdftext import squeezed
from test_printed_pdfs import cli_command, print_command

from cpp_scheduler.documents.pdf_text import (
    as_read,
    corrected_text_layer,
    operations,
    postscript_name,
    read_cmap,
    visible_text_only,
    write_cmap,
)
from cpp_scheduler.services.demo import PERU

NEPAL = "Nepal: Kathmandu Metropolitan City"
SHAPES = re.compile("[\u2f00-\u2fdf\ufb00-\ufb4f\u2027\u301c]")
"""Code points Qt's text layer wrote for characters drawn: radicals, ligatures, the
hyphenation point for ・ and the wave dash for ～."""


def raw_pages(path: Path) -> list[str]:
    """Each page's text exactly as the PDF's text layer gives it (no normalising)."""
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def printed(tmp_path: Path, demo: Path, name: str, *arguments: str) -> Path:
    output = tmp_path / name
    done = print_command(*arguments, "--db", str(demo), "-o", str(output))
    assert done.returncode == 0, done.stderr
    return output


def test_the_japanese_itinerary_reads_back_as_printed(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    output = printed(
        tmp_path, demo_sqlite_path, "ja.pdf", "itinerary", "--lang", "ja", "--delegation", PERU
    )
    text = "".join(re.sub(r"\s+", "", page) for page in raw_pages(output))
    assert "3月8日" in text
    assert "千代田区" in text
    assert "2027年2月15日(月)" in text
    assert not SHAPES.findall(text)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_document_has_shapes_in_its_text_layer(
    demo_sqlite_path: Path, tmp_path: Path, language: str
) -> None:
    outputs = [
        printed(
            tmp_path, demo_sqlite_path, "day.pdf", "day", "--lang", language, "--date", "2027-02-15"
        ),
        printed(
            tmp_path,
            demo_sqlite_path,
            "nepal.pdf",
            "itinerary",
            "--lang",
            language,
            "--delegation",
            NEPAL,
        ),
    ]
    report = tmp_path / "report.pdf"
    done = cli_command(
        "report",
        "--db",
        str(demo_sqlite_path),
        "--lang",
        language,
        "--from",
        "2027-02-01",
        "--to",
        "2027-03-31",
        "-o",
        str(report),
    )
    assert done.returncode == 0, done.stderr
    outputs.append(report)
    for output in outputs:
        text = "".join(raw_pages(output))
        assert not SHAPES.findall(text), output.name
    day = "".join(raw_pages(outputs[0]))
    if language == "en":
        assert "finance urban transit" in re.sub(r"\s+", " ", day)
        assert "conflict" in day


TITLES = (
    "Capturing land value to finance urban transit",
    "Compact city and transit: Toyama's light rail",
    "Water and waste services for growing cities",
    "Smart city platforms: the Yokohama Smart City Project",
)


@pytest.mark.parametrize(
    ("language", "kind", "paper"),
    [
        ("ja", "day", "a4"),
        ("en", "day", "a4"),
        ("en", "day", "letter"),
        ("ja", "itinerary", "a4"),
        ("en", "itinerary", "a4"),
    ],
)
def test_a_row_is_never_split_nor_drawn_twice(
    demo_sqlite_path: Path, tmp_path: Path, language: str, kind: str, paper: str
) -> None:
    which = ("--date", "2027-02-15") if kind == "day" else ("--delegation", PERU)
    output = printed(
        tmp_path, demo_sqlite_path, "doc.pdf", kind, "--lang", language, "--paper", paper, *which
    )
    pages = [squeezed(page) for page in raw_pages(output)]
    for title in TITLES:
        whole, start = squeezed(title), squeezed(title)[:12]
        for number, page in enumerate(pages, start=1):
            # A title's start without its end: a row split, or a line drawn again.
            assert page.count(start) == page.count(whole), f"{title} on page {number}"
    # The time of a row is on the page of its title (the meetings' table).
    if kind == "day":
        rows = [p for p in pages if squeezed(TITLES[2]) in p]
        assert rows
        assert all("15:30" in p for p in rows)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_qr_code_is_on_the_page_of_its_link(
    demo_sqlite_path: Path, tmp_path: Path, language: str
) -> None:
    output = printed(
        tmp_path,
        demo_sqlite_path,
        "nepal.pdf",
        "itinerary",
        "--lang",
        language,
        "--delegation",
        NEPAL,
    )
    reader = pypdf.PdfReader(output)
    codes = 0
    for page in reader.pages:
        links = set(
            re.findall(
                r"https://meet\.example\.org/[a-z0-9/-]+", squeezed(page.extract_text() or "")
            )
        )
        images = len(page.images)
        codes += images
        assert images == len(links), page.page_number
    assert codes >= 2


def test_a_cmap_is_read_and_written_back() -> None:
    cmap = (
        b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        b"2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0003> [<0066> <2F49> <FB01>]\n"
        b"endbfrange\n1 beginbfrange\n<0010> <0012> <0041>\nendbfrange\n"
        b"1 beginbfchar\n<0020> <D840DC0B>\nendbfchar\n"
    )
    mapping, width = read_cmap(cmap)
    assert width == 2
    assert mapping == {
        0: "\x00",
        1: "f",
        2: "\u2f49",
        3: "\ufb01",
        0x10: "A",
        0x11: "B",
        0x12: "C",
        0x20: "\U0002000b",
    }
    assert read_cmap(write_cmap(mapping, width)) == ({k: v for k, v in mapping.items()}, 2)
    assert as_read("\u2f49", {"\u2f49": "月"}) == "月"
    assert as_read("\ufb01", {}) == "fi"
    assert as_read("\u2f49", {}) == unicodedata.normalize("NFKC", "\u2f49")
    assert as_read("\u301c", {}) == "\u301c"


def test_a_pdf_whose_maps_need_nothing_is_left_as_it_was() -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    data = io.BytesIO()
    writer.write(data)
    assert corrected_text_layer(data.getvalue(), {}) == data.getvalue()


def test_a_postscript_name_is_read_from_a_name_table() -> None:
    name = "DejaVuSans-Bold".encode("utf-16-be")
    table = (
        (0).to_bytes(2, "big")
        + (1).to_bytes(2, "big")
        + (18).to_bytes(2, "big")
        + b"".join(v.to_bytes(2, "big") for v in (3, 1, 0x409, 6, len(name), 0))
        + name
    )
    assert postscript_name(table) == "DejaVuSans-Bold"
    assert postscript_name(b"") == ""


def test_text_drawn_outside_its_clip_is_taken_out_and_nothing_else() -> None:
    content = (
        b"q 0.24 0 0 -0.24 0 842 cm\n"
        b"q 100 300 m 2000 300 l 2000 3000 l 100 3000 l h W* n\n"
        b"q 1 0 0 1 100 -2600 cm\n"
        b"BT /F1 42 Tf 1 0 0 -1 0 0 Tm 16 -2850 Td <0004> Tj 28 0 Td <0005> Tj ET\n"
        b"BT /F1 42 Tf 1 0 0 -1 0 0 Tm 16 -2950 Td <0006> Tj ET\n"
        b"Q Q\n"
        b"BT /F1 33 Tf 1 0 0 -1 0 0 Tm 100 -200 Td <0007> Tj ET\n"
        b"Q\n"
    )
    visible = visible_text_only(content)
    # The line above the clip (at 2850 - 2600 = 250, the clip starting at 300) goes;
    # the one inside it and the header outside any clip stay, byte for byte.
    assert b"<0004>" not in visible
    assert b"<0005>" not in visible
    assert b"16 -2950 Td <0006> Tj" in visible
    assert b"100 -200 Td <0007> Tj" in visible
    assert visible.replace(b" ", b"") == content.replace(b"<0004> Tj", b"").replace(
        b"<0005> Tj", b""
    ).replace(b" ", b"")
    assert operations(b"BI /W 1 ID x EI") is None
    assert visible_text_only(b"(a (nested) string) Tj") == b"(a (nested) string) Tj"
