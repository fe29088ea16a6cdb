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
from hypothesis import given, settings
from hypothesis import strategies as st
from pdftext import squeezed
from test_printed_pdfs import cli_command, print_command

from cpp_scheduler.documents import pdf_text
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


# A content stream's operations, read by a tokenizer whose work grows with the stream
# alone: random streams read back operation by operation, and hostile ones (that took
# the regular expression before it minutes, or for ever) read in as many steps as they
# have tokens.

_SEPARATORS = st.sampled_from([b" ", b"\n", b"\r\n", b"\t ", b"\x00", b" % a comment\n"])
_NUMBERS = st.from_regex(rb"\A[+-]?(?:\d{1,7}(?:\.\d{0,7})?|\.\d{1,7})\Z")
_NAMES = st.from_regex(rb"\A/[A-Za-z0-9_.#+-]{0,8}\Z")
_HEX = st.from_regex(rb"\A<[0-9A-Fa-f \n]{0,12}>\Z")
_STRING_TEXT = st.lists(
    st.sampled_from([b"a", b"b c", b"\\(", b"\\)", b"\\\\", b"\\n", b"\\053", b"\\\n", b"%"]),
    max_size=4,
).map(b"".join)
_STRINGS = st.recursive(
    _STRING_TEXT.map(lambda text: b"(" + text + b")"),
    lambda inner: st.tuples(_STRING_TEXT, inner, _STRING_TEXT).map(
        lambda parts: b"(" + parts[0] + parts[1] + parts[2] + b")"
    ),
    max_leaves=4,
)
_FLAT = st.one_of(_NUMBERS, _NAMES, _HEX, _STRINGS, st.sampled_from([b"true", b"null"]))
_OPERANDS = st.recursive(
    _FLAT,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: b"[" + b" ".join(items) + b"]"),
        st.lists(st.tuples(_NAMES, inner), max_size=3).map(
            lambda pairs: b"<<" + b" ".join(key + b" " + value for key, value in pairs) + b">>"
        ),
    ),
    max_leaves=6,
)
_SHOWING = st.sampled_from([b"Tj", b"TJ", b"'", b'"', b"BT", b"ET", b"q", b"Q", b"T*", b"W*"])
_MORE = st.sampled_from([b"n", b"f*", b"Tf", b"gs", b"BDC", b"EMC", b"d0", b"Do", b"rg"])
_PLACING = {b"cm": 6, b"Tm": 6, b"Td": 2, b"TD": 2, b"TL": 1, b"m": 2, b"re": 4, b"c": 6}


@st.composite
def _operation(draw: st.DrawFn) -> tuple[bytes, bytes, list[float]]:
    """One operation's text, its operator and, for one that places things, its numbers."""
    if draw(st.booleans()):
        operator = draw(st.sampled_from(sorted(_PLACING)))
        numbers = draw(st.lists(_NUMBERS, min_size=_PLACING[operator], max_size=_PLACING[operator]))
        parts, values = [*numbers, operator], [float(number) for number in numbers]
    else:
        operator = draw(st.one_of(_SHOWING, _MORE))
        parts, values = [*draw(st.lists(_OPERANDS, max_size=4)), operator], []
    text = parts[0]
    for part in parts[1:]:
        text += draw(_SEPARATORS) + part
    return text, operator, values


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_SEPARATORS, _operation()), max_size=12), _SEPARATORS)
def test_a_content_stream_reads_back_operation_by_operation(
    stream: list[tuple[bytes, tuple[bytes, bytes, list[float]]]], tail: bytes
) -> None:
    content, expected = b"", []
    for separator, (text, operator, numbers) in stream:
        content += separator
        expected.append((numbers, operator, len(content), len(content) + len(text)))
        content += text
    content += tail
    assert operations(content) == expected
    if not any(operator in (b"W", b"W*") for _numbers, operator, _start, _end in expected):
        # Clipped nowhere, nothing is taken out: the stream as it was, byte for byte.
        assert visible_text_only(content) == content


def test_operands_need_no_space_where_a_delimiter_ends_them() -> None:
    content = b"/F1 12 Tf(a(b)c)Tj[(x)-3<0041>(y\\))]TJ<</MCID 0>>BDC EMC 1 2 3 4 re"
    found = operations(content)
    assert found is not None
    assert [operator for _numbers, operator, _start, _end in found] == [
        b"Tf",
        b"Tj",
        b"TJ",
        b"BDC",
        b"EMC",
        b"re",
    ]
    assert found[-1][0] == [1.0, 2.0, 3.0, 4.0]
    assert [content[start:end] for _n, _o, start, end in found][1:3] == [
        b"(a(b)c)Tj",
        b"[(x)-3<0041>(y\\))]TJ",
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"(never closed Tj",
        b"(a (b) Tj",
        b"[(a) Tj",
        b"(a)] Tj",
        b"<< /A [1 2>> BDC",
        b"<0041 Tj",
        b"1.2.3 0 Td",
        b"12Tf",
        b"1 2 3 re",  # an operator that places things with too few numbers
        b"/F1 2 3 4 5 6 cm",
        b"1 2",  # operands with no operator
        b"(a\\",
        b"{ } Tj",
    ],
)
def test_a_stream_this_reader_does_not_follow_is_left_as_it_was(content: bytes) -> None:
    assert operations(content) is None
    assert visible_text_only(content) == content


class _Counted:
    """A compiled pattern that counts its matches: the tokenizer's steps."""

    def __init__(self, pattern: re.Pattern[bytes]) -> None:
        self.pattern = pattern
        self.steps = 0

    def match(self, content: bytes, position: int) -> re.Match[bytes] | None:
        self.steps += 1
        return self.pattern.match(content, position)


def _hostile(size: int) -> list[tuple[bytes, bool]]:
    """Streams of about ``size`` tokens that took the old reader's regular expression
    time beyond measure (three numbers before a string with parentheses: 23 s; four:
    for ever), and whether they can be read."""
    numbers = b" ".join(b"123.4567" for _ in range(size))
    return [
        (b"BT\n" + numbers + b" (a(b)c) Tj\nET\n", True),
        (b"BT\n" + numbers + b" [(a(b))] TJ\nET\n", True),
        (b"BT\n" + numbers + b" [" + b"(a(b)) -12.5 " * size + b"] TJ\nET\n", True),
        (b"BT\n" + numbers + b" (a(b)c Tj\nET\n", False),  # a string never closed
        (b"BT\n" + numbers + b" 123.4567x Tj\nET\n", False),
        (b"[" * size + b"(a(b)) " + b"]" * (size - 1) + b" TJ", False),
        (b"(" * size + b"a" + b")" * size + b" Tj", True),
        (b"1" * size * 8 + b"x Tj", False),
        (b"<" + b"4" * size * 8 + b" Tj", False),
        (b"/F1 12 Tf " * size, True),
    ]


@pytest.mark.parametrize("size", [1, 3, 4, 10, 100, 1000])
def test_hostile_streams_are_read_in_as_many_steps_as_they_have_tokens(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    tokens = _Counted(pdf_text._TOKEN)
    pieces = _Counted(pdf_text._STRING_PIECE)
    monkeypatch.setattr(pdf_text, "_TOKEN", tokens)
    monkeypatch.setattr(pdf_text, "_STRING_PIECE", pieces)
    for content, readable in _hostile(size):
        before = tokens.steps + pieces.steps
        assert (operations(content) is not None) == readable, content[:40]
        # Each step reads a token, or a piece of a string, and goes on from its end,
        # never back: no more steps than bytes.
        assert tokens.steps + pieces.steps - before <= len(content) + 1, content[:40]
