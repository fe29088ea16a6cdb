"""Reading a PDF back as a person would: its pages' text, in order."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf

# NFKC takes the Kangxi radical ⼾ to 戶, the traditional form; the glyph printed is
# Japanese 戸 (Kobe, 神戸).
# The CJK radicals supplement has no compatibility mapping at all: ⻄ is 西 as printed.
_JAPANESE_FORMS = str.maketrans(
    {"戶": "戸", "⻄": "西", "⻑": "長", "⻘": "青", "⻝": "食", "⻩": "黄", "⻨": "麦", "⻲": "亀"}
)


def readable(text: str) -> str:
    """Text as a reader sees it, compatibility forms folded (NFKC).

    The text layer holds the characters printed (``test_pdf_text_and_rows.py`` reads it
    as it is); the fold lets a test match full-width forms with the ASCII it writes.
    """
    return unicodedata.normalize("NFKC", text).translate(_JAPANESE_FORMS)


def page_texts(path: Path) -> list[str]:
    """Each page's text as a reader sees it, runs of white space made one space."""
    reader = pypdf.PdfReader(path)
    return [re.sub(r"\s+", " ", readable(page.extract_text() or "")) for page in reader.pages]


def squeezed(text: str) -> str:
    """The text without white space: Japanese has none, and the PDF breaks it freely."""
    return re.sub(r"\s+", "", readable(text))
