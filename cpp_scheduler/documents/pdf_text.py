"""The text layer of a printed PDF: what a search, a copy or a screen reader finds.

A PDF shows glyphs; each embedded font's ``/ToUnicode`` CMap says which text each glyph
stands for. Qt writes that map by reading the font's own character map backwards and
taking, for each glyph, the lowest code point that shows it. Where a font draws several
characters with one glyph, that is often not the character printed: Noto Sans CJK draws
the Kangxi radical ⽉ (U+2F49) and the ideograph 月 with one glyph, so a printed 月 is
found as ⽉ and a search for ``3月8日`` finds nothing; a ligature glyph (DejaVu's ``fi``)
reads back as its presentation form (U+FB01), so ``finance`` is not found either. And
Qt's layout draws the line just above a page's clip again on that page, clipped out of
sight, so a reader finds it twice.

:func:`corrected_text_layer` rewrites each font's map from what the document drew (the
renderer, which laid the text out, says per font which text each code point Qt wrote
stands for; a glyph it does not name that Qt wrote as a presentation form, a ligature or
a Kangxi radical, reads as its compatibility decomposition) and takes the text drawn
outside its clip out of the pages' content (:func:`visible_text_only`). What is seen
does not change, and the changed objects are appended as an incremental update: the
file Qt wrote stays as it was before them. No Qt here: bytes in, bytes out.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
from collections.abc import Mapping

import pypdf
from pypdf import PageObject
from pypdf.generic import DictionaryObject, StreamObject

DrawnTexts = Mapping[str, Mapping[str, str]]
"""Per font (its PostScript name), the text Qt wrote for a glyph -> the text drawn."""

PRESENTATION_FORMS = (
    (0x2F00, 0x2FDF),  # Kangxi radicals
    (0xFB00, 0xFB4F),  # alphabetic presentation forms: the ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
)
"""Code points that exist to name a shape of other characters: read as those."""

_ENTRIES_PER_BLOCK = 100
"""The most entries one ``beginbfchar`` block may hold (PDF 1.7, 9.10.3)."""

_HEX = rb"<([0-9A-Fa-f]*)>"
_RANGE_BLOCK = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
_CHAR_BLOCK = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_RANGE = re.compile(_HEX + rb"\s*" + _HEX + rb"\s*(?:" + _HEX + rb"|\[([^\]]*)\])")
_CHAR = re.compile(_HEX + rb"\s*" + _HEX)


def postscript_name(name_table: bytes) -> str:
    """A font's PostScript name (name ID 6) from its ``name`` table; empty if it has
    none that can be read."""
    if len(name_table) < 6:
        return ""
    _format, count, strings = struct.unpack_from(">HHH", name_table, 0)
    for record in range(count):
        offset = 6 + 12 * record
        if offset + 12 > len(name_table):
            break
        platform, _encoding, _language, name_id, length, start = struct.unpack_from(
            ">HHHHHH", name_table, offset
        )
        if name_id != 6:
            continue
        raw = name_table[strings + start : strings + start + length]
        if platform in (0, 3):
            return raw.decode("utf-16-be", "replace")
        if platform == 1:
            return raw.decode("latin-1")
    return ""


def _text(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode("ascii")).decode("utf-16-be", "surrogatepass")


def read_cmap(data: bytes) -> tuple[dict[int, str], int]:
    """A ToUnicode CMap's mapping (code -> text) and the width of its codes in bytes."""
    mapping: dict[int, str] = {}
    width = 2
    for block in _RANGE_BLOCK.finditer(data):
        for low, high, single, many in _RANGE.findall(block.group(1)):
            width = len(low) // 2
            first, last = int(low, 16), int(high, 16)
            if many:
                for code, target in zip(
                    range(first, last + 1), re.findall(_HEX, many), strict=False
                ):
                    mapping[code] = _text(target)
            else:
                base = bytes.fromhex(single.decode("ascii"))
                for step, code in enumerate(range(first, last + 1)):
                    # The last byte counts up over the range (PDF 1.7, 9.10.3).
                    moved = base[:-1] + bytes([(base[-1] + step) & 0xFF]) if base else base
                    mapping[code] = moved.decode("utf-16-be", "surrogatepass")
    for block in _CHAR_BLOCK.finditer(data):
        for source, target in _CHAR.findall(block.group(1)):
            width = len(source) // 2
            mapping[int(source, 16)] = _text(target)
    return mapping, width


def write_cmap(mapping: Mapping[int, str], width: int = 2) -> bytes:
    """A ToUnicode CMap of ``mapping`` (code -> text), codes ``width`` bytes wide."""
    entries = [
        f"<{code:0{2 * width}X}> <{text.encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for code, text in sorted(mapping.items())
        if text
    ]
    blocks = []
    for start in range(0, len(entries), _ENTRIES_PER_BLOCK):
        chunk = entries[start : start + _ENTRIES_PER_BLOCK]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n")
    return (
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n"
        f"<{0:0{2 * width}X}> <{(1 << (8 * width)) - 1:0{2 * width}X}>\n"
        "endcodespacerange\n" + "".join(blocks) + "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n"
    ).encode("ascii")


def as_read(written: str, drawn: Mapping[str, str]) -> str:
    """The text a glyph Qt wrote as ``written`` stands for: the text drawn with it,
    else, for a presentation form, its compatibility decomposition."""
    if written in drawn:
        return drawn[written]
    if len(written) == 1 and any(low <= ord(written) <= high for low, high in PRESENTATION_FORMS):
        return unicodedata.normalize("NFKC", written)
    return written


def _font_name(font: DictionaryObject) -> str:
    """``NotoSansCJKjp-Regular`` from ``/ABCDEF+NotoSansCJKjp-Regular``."""
    return str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]


Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
"""Left, bottom, right, top, in the page's space."""

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
NO_CLIP: Box = (float("-inf"), float("-inf"), float("inf"), float("inf"))
CLIP_TOLERANCE = 1.0
"""How far (in points) a line's start may lie outside its clip and still be shown."""
_PATH = {b"m", b"l", b"c", b"v", b"y", b"re", b"h"}
_PAINT = {b"n", b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*"}
_SHOW = {b"Tj", b"TJ", b"'", b'"'}


def _times(first: Matrix, second: Matrix) -> Matrix:
    """``first`` then ``second``, as PDF multiplies its matrices."""
    a, b, c, d, e, f = first
    g, h, i, j, k, m = second
    return (
        a * g + b * i,
        a * h + b * j,
        c * g + d * i,
        c * h + d * j,
        e * g + f * i + k,
        e * h + f * j + m,
    )


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _path_points(operator: bytes, operands: list[float]) -> list[tuple[float, float]]:
    if operator == b"re":
        x, y, width, height = operands
        return [(x, y), (x + width, y + height)]
    return [(operands[n], operands[n + 1]) for n in range(0, len(operands) - 1, 2)]


def _inside(point: tuple[float, float], clip: Box) -> bool:
    x, y = point
    left, bottom, right, top = clip
    return (
        left - CLIP_TOLERANCE <= x <= right + CLIP_TOLERANCE
        and bottom - CLIP_TOLERANCE <= y <= top + CLIP_TOLERANCE
    )


_WHITE = rb"\x00\t\n\f\r "
_DELIMITER = rb"()<>\[\]{}/%"
_TOKEN = re.compile(
    # The space and comments before a token, then the token: each kind told by its
    # first byte and read without giving any back (possessive quantifiers), so a token
    # costs its own length whatever follows it.
    rb"(?:[" + _WHITE + rb"]++|%[^\r\n]*+)*+"
    rb"(?:(?P<end>\Z)"
    rb"|(?P<number>[+-]?+(?:\d++(?:\.\d*+)?+|\.\d++)(?![^" + _WHITE + _DELIMITER + rb"]))"
    rb"|(?P<word>[^" + _WHITE + _DELIMITER + rb"]++)"  # an operator, true, false, null
    rb"|(?P<name>/[^" + _WHITE + _DELIMITER + rb"]*+)"
    rb"|(?P<open><<|\[)"
    rb"|(?P<close>>>|\])"
    rb"|(?P<hex><[0-9A-Fa-f" + _WHITE + rb"]*+>)"
    rb"|(?P<string>\((?:[^\\()]++|\\.)*+\))"  # a string without parentheses inside
    rb"|(?P<nested>\())",  # one with them, read by _string_end
    re.DOTALL,
)
_STRING_PIECE = re.compile(rb"[^\\()]++|\\.|[()]", re.DOTALL)
_KEYWORDS = {b"true", b"false", b"null"}
_CLOSING = {b"<<": b">>", b"[": b"]"}
_NUMERIC = {b"cm": 6, b"Tm": 6, b"Td": 2, b"TD": 2, b"TL": 1}
_NUMERIC |= {b"m": 2, b"l": 2, b"c": 6, b"v": 4, b"y": 4, b"re": 4}
"""The operators that place things, and how many numbers each takes."""
_MOST = max(_NUMERIC.values())

Operation = tuple[list[float], bytes, int, int]
"""An operation of a content stream: its numeric operands (for the operators that
place things), its operator, and where it starts and ends in the stream."""


def _string_end(content: bytes, position: int) -> int | None:
    """Where the literal string opening at ``position`` ends (after its closing
    parenthesis, balanced parentheses and escapes inside it); None if it never does."""
    depth = 0
    while (piece := _STRING_PIECE.match(content, position)) is not None:
        position = piece.end()
        if piece.group() == b"(":
            depth += 1
        elif piece.group() == b")":
            depth -= 1
            if depth == 0:
                return position
    return None


def operations(content: bytes) -> list[Operation] | None:
    """A content stream's operations; None for one this reader does not follow (an
    inline image, an operand that is not PDF's, an unbalanced string or array, an
    operator that places things with other operands than its numbers, anything else it
    cannot read).

    The stream is read token by token (PDF 1.7, 7.2 and 7.8.2), each read once: the
    time taken grows with the stream's length alone."""
    found: list[Operation] = []
    position, start = 0, -1
    numbers: list[float] = []
    plain = True  # every operand so far a number
    nesting: list[bytes] = []  # the arrays and dictionaries open, innermost last
    while (token := _TOKEN.match(content, position)) is not None:
        kind, top = token.lastgroup, not nesting
        if kind is None or kind == "end":
            break
        at, position = token.start(kind), token.end()
        if kind == "number":
            if top and len(numbers) <= _MOST:  # more is too many, kept no further
                numbers.append(float(token.group(kind)))
        elif kind == "word":
            word = token.group(kind)
            if word[0] in b"+-.0123456789":
                return None  # neither a number nor an operator
            if word not in _KEYWORDS:
                if not top or word in (b"BI", b"ID", b"EI"):
                    return None
                if word in _NUMERIC and (not plain or len(numbers) != _NUMERIC[word]):
                    return None
                placing = numbers if word in _NUMERIC else []
                found.append((placing, word, at if start < 0 else start, position))
                start, numbers, plain = -1, [], True
                continue
        elif kind == "nested":
            end = _string_end(content, at)
            if end is None:
                return None
            position = end
        elif kind == "open":
            nesting.append(_CLOSING[token.group(kind)])
        elif kind == "close" and (not nesting or nesting.pop() != token.group(kind)):
            return None
        if start < 0:
            start = at
        if top and kind != "number":
            plain = False
    if token is None or start >= 0 or nesting:
        return None  # a byte that starts no token, or operands with no operator
    return found


def visible_text_only(content: bytes) -> bytes:
    """A page's content stream without the text it shows outside its clip.

    Qt's layout draws the line just above a page's clip again on that page (unseen,
    clipped: the last line of a paragraph or a table cell that goes on from the page
    before), so a reader of the text layer would find it twice. Each run of text whose
    start lies outside the clip (the bounding box of the clipping paths in force) is
    taken out; a run is placed by its own text matrix, so the others stay where they
    were, and everything else is kept byte for byte. A stream this reader does not
    follow is returned as it was.
    """
    found = operations(content)
    if found is None:
        return content
    dropped: list[tuple[int, int]] = []
    ctm, clip = IDENTITY, NO_CLIP
    saved: list[tuple[Matrix, Box]] = []
    path: list[tuple[float, float]] = []
    clipping = False
    line = text = IDENTITY
    leading = 0.0
    for numbers, operator, start, end in found:
        if operator == b"q":
            saved.append((ctm, clip))
        elif operator == b"Q" and saved:
            ctm, clip = saved.pop()
        elif operator == b"cm" and len(numbers) == 6:
            ctm = _times(_matrix(numbers), ctm)
        elif operator in _PATH:
            path.extend(_apply(ctm, x, y) for x, y in _path_points(operator, numbers))
        elif operator in (b"W", b"W*"):
            clipping = True
        elif operator in _PAINT:
            if clipping and path:
                xs, ys = [x for x, _y in path], [y for _x, y in path]
                left, bottom, right, top = clip
                clip = (
                    max(left, min(xs)),
                    max(bottom, min(ys)),
                    min(right, max(xs)),
                    min(top, max(ys)),
                )
            path, clipping = [], False
        elif operator == b"BT":
            line = text = IDENTITY
        elif operator == b"Tm" and len(numbers) == 6:
            line = text = _matrix(numbers)
        elif operator in (b"Td", b"TD") and len(numbers) == 2:
            if operator == b"TD":
                leading = -numbers[1]
            line = text = _times((1.0, 0.0, 0.0, 1.0, numbers[0], numbers[1]), line)
        elif operator == b"TL" and numbers:
            leading = numbers[0]
        elif operator in (b"T*", b"'", b'"'):
            line = text = _times((1.0, 0.0, 0.0, 1.0, 0.0, -leading), line)
        if operator in _SHOW and not _inside(_apply(_times(text, ctm), 0.0, 0.0), clip):
            dropped.append((start, end))
    if not dropped:
        return content
    kept, position = [], 0
    for start, end in dropped:
        kept.append(content[position:start])
        position = end
    kept.append(content[position:])
    return b"".join(kept)


def _matrix(numbers: list[float]) -> Matrix:
    a, b, c, d, e, f = numbers
    return (a, b, c, d, e, f)


def _without_hidden_text(page: PageObject) -> bool:
    """Take the page's text drawn outside its clip out; whether there was any."""
    contents = page.get("/Contents")
    stream = contents.get_object() if contents is not None else None
    if not isinstance(stream, StreamObject):
        return False
    data = stream.get_data()
    visible = visible_text_only(data)
    if visible == data:
        return False
    stream.set_data(visible)
    return True


def corrected_text_layer(pdf: bytes, drawn: DrawnTexts) -> bytes:
    """``pdf`` with the text layer of what its pages show: each font's ToUnicode map
    gives the text drawn (see the module's description), and text drawn outside its
    clip is gone (:func:`visible_text_only`); the file as it was where nothing changes."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    writer = pypdf.PdfWriter(reader, incremental=True)
    changed = False
    seen: set[int] = set()
    for page in writer.pages:
        changed = _without_hidden_text(page) or changed
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for reference in fonts.get_object().values():
            font = reference.get_object()
            stream = font.get("/ToUnicode")
            if stream is None or id(stream.get_object()) in seen:
                continue
            cmap = stream.get_object()
            seen.add(id(cmap))
            if not isinstance(cmap, StreamObject):
                continue
            mapping, width = read_cmap(cmap.get_data())
            texts = drawn.get(_font_name(font), {})
            corrected = {code: as_read(text, texts) for code, text in mapping.items()}
            if corrected != mapping:
                cmap.set_data(write_cmap(corrected, width))
                changed = True
    if not changed:
        return pdf
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
