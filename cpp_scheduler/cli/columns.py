"""Columns of text as a terminal shows them: a Japanese character takes two cells.

``len()`` counts characters, but a terminal gives a wide character (kanji, kana, the
full-width forms: East Asian width W or F) two columns, so a table padded by ``len()``
falls out of line as soon as a cell holds Japanese. Every table and clipped cell the
command line prints is measured here, with the standard library's ``unicodedata``.
"""

from __future__ import annotations

import unicodedata

from cpp_scheduler.errors import printable

_WIDE = frozenset({"W", "F"})


def _cell_width(character: str) -> int:
    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in _WIDE else 1


def width(text: str) -> int:
    """How many terminal columns ``text`` takes."""
    if text.isascii():
        return len(text)
    return sum(_cell_width(character) for character in text)


def pad(text: str, columns: int) -> str:
    """``text`` filled with spaces on the right to ``columns`` terminal columns."""
    return text + " " * max(0, columns - width(text))


def clip(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` terminal columns, an ellipsis for what is cut."""
    if width(text) <= columns:
        return text
    kept, used = [], 1  # the ellipsis takes one column
    for character in text:
        cells = _cell_width(character)
        if used + cells > columns:
            break
        kept.append(character)
        used += cells
    return "".join(kept) + "…"


def one_line(text: str) -> str:
    """``text`` as one table cell: a line break, tab or other control character typed in
    a title or an address shown escaped (``\\n``), never breaking the row in two."""
    return printable(text, limit=len(text) + 1)


def table(rows: list[list[str]], header: list[str], *, rule: bool = False) -> str:
    """Plain columns, each as wide as its widest cell on screen, two spaces apart; with
    ``rule``, a line of dashes under the header. Every cell is one line (:func:`one_line`)."""
    grid = [[one_line(cell) for cell in row] for row in [header, *rows]]
    widths = [max(width(row[i]) for row in grid) for i in range(len(header))]
    lines = [
        "  ".join(pad(cell, columns) for cell, columns in zip(row, widths, strict=True)).rstrip()
        for row in grid
    ]
    if rule:
        lines.insert(1, "  ".join("-" * columns for columns in widths))
    return "\n".join(lines)


# Japanese line-breaking rules (kinsoku): characters a line does not start with (closing
# brackets, commas, full stops, small kana marks), and those it does not end with (opening
# brackets), which stay with what they open.
_NO_LINE_START = frozenset("、。，．）」』】〕〉》｝］・：；！？ー々")
_NO_LINE_END = frozenset("（「『【〔〈《｛［")


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: at spaces, and around each wide character,
    a closing bracket or punctuation kept with what it closes and an opening bracket
    with what it opens."""
    pieces: list[str] = []
    word = ""
    opening = ""  # opening brackets waiting for what they open

    def add(piece: str) -> None:
        nonlocal opening
        pieces.append(opening + piece)
        opening = ""

    for character in text:
        if character == " " or _cell_width(character) == 2:
            if word:
                add(word)
                word = ""
            if character in _NO_LINE_END:
                opening += character
            elif pieces and pieces[-1] != " " and character in _NO_LINE_START and not opening:
                pieces[-1] += character
            elif character == " " and opening:
                add("")  # a bracket before a space opens nothing: a piece of its own
                pieces.append(character)
            else:
                add(character)
        else:
            word += character
    if word or opening:
        add(word)
    return pieces


def wrap(text: str, columns: int) -> list[str]:
    """``text`` as lines of at most ``columns`` terminal columns (a longer word alone on
    its line), broken at spaces and between Japanese characters."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        if piece == " ":
            line += " " if line else ""
            continue
        if line and width(line) + width(piece) > columns:
            lines.append(line.rstrip(" "))
            line = ""
        line += piece
    if line.strip():
        lines.append(line.rstrip(" "))
    return lines
