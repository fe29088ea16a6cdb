"""Writing the documents' HTML: every piece of program text escaped, one stylesheet.

Names, titles, notes and addresses are typed by coordinators or imported from files;
``escape`` makes each one text, never markup. The stylesheet keeps to what both a
browser and Qt's rich-text engine read (Qt ignores ``page-break-inside``; its renderer
keeps a section together itself).
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

import segno

from cpp_scheduler import timezones
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.model.enums import EventStatus

ZERO_WIDTH_SPACE = "\u200b"
"""Where a line may break, with nothing printed."""
DASH = "–"
"""The dash of a range of times in a document, as in the window."""

FONT_FAMILY = '"DejaVu Sans", "Noto Sans", "Noto Sans CJK JP", "Noto Sans JP", sans-serif'

STYLESHEET = f"""
body {{ font-family: {FONT_FAMILY}; font-size: 10pt; color: #111; }}
h1 {{ font-size: 20pt; margin-top: 0; margin-bottom: 6pt; }}
h2 {{ font-size: 14pt; margin-top: 16pt; margin-bottom: 4pt; color: #1f3f66; }}
h3 {{ font-size: 11pt; margin-top: 6pt; margin-bottom: 2pt; }}
p {{ margin-top: 1pt; margin-bottom: 2pt; }}
table {{ border-collapse: collapse; }}
th {{ background-color: #e6ecf3; text-align: left; font-weight: bold; }}
td, th {{ border: 1px solid #8a97a8; padding: 3px; vertical-align: top; }}
table.plain td {{ border: none; padding: 1px 4px 1px 0; }}
.muted {{ color: #555; }}
.ja {{ font-size: 11pt; }}
.warning {{ color: #8a1c1c; }}
.cover {{ font-size: 12pt; }}
.running {{ color: #555; font-size: 8pt; }}
.keep {{ page-break-inside: avoid; }}
.newpage {{ page-break-before: always; }}
@page {{ size: A4; margin: 18mm 15mm; }}
"""


def escape(text: object) -> str:
    """Program text as HTML text: ``<``, ``>``, ``&`` and quotes can never be markup,
    and a change of writing direction it opens ends with it (:func:`_directions_closed`)."""
    return _escaped(_directions_closed(str(text)))


def _escaped(text: str) -> str:
    """``text`` as HTML text, its directions left as they are: a part of a text whose
    directions were closed whole."""
    return html.escape(text, quote=True)


_OPENS_EMBEDDING = frozenset("\u202a\u202b\u202d\u202e")
"""LRE, RLE, LRO and RLO: closed by PDF (U+202C)."""
_OPENS_ISOLATE = frozenset("\u2066\u2067\u2068")
"""LRI, RLI and FSI: closed by PDI (U+2069)."""
_CLOSES_EMBEDDING = "\u202c"
_CLOSES_ISOLATE = "\u2069"


def _directions_closed(text: str) -> str:
    """``text`` with each change of writing direction it leaves open closed at its end.

    A title from a partner's calendar may hold a right-to-left override (U+202E) with no
    end: the renderer then wrote the rest of its cell backwards, the meeting's kind and
    times too ("-ot-ecaF ,pohskrow"). Closed, it turns what it was given alone. What is
    open is read as Unicode's bidirectional algorithm reads it (UAX #9, X6a and X7): a
    PDF closes the latest embedding within its isolate alone, a PDI the latest isolate
    and every embedding opened inside it."""
    if not any(character in _OPENS_EMBEDDING or character in _OPENS_ISOLATE for character in text):
        return text
    open_now: list[str] = []
    for character in text:
        if character in _OPENS_EMBEDDING:
            open_now.append(_CLOSES_EMBEDDING)
        elif character in _OPENS_ISOLATE:
            open_now.append(_CLOSES_ISOLATE)
        elif character == _CLOSES_EMBEDDING and open_now and open_now[-1] == _CLOSES_EMBEDDING:
            open_now.pop()
        elif character == _CLOSES_ISOLATE and _CLOSES_ISOLATE in open_now:
            while open_now.pop() != _CLOSES_ISOLATE:
                pass
    return text + "".join(reversed(open_now))


def with_address_breaks(text: str) -> str:
    """Text escaped, each email address in it free to break before its ``@`` and after
    each of its dots.

    Qt breaks a line at neither. An address wider than its column then makes the whole
    table break every cell's words anywhere (``keiko.tana`` / ``ka@exam`` / ``ple.org``),
    Qt's answer to a table whose words cannot fit. The breaks are zero-width spaces,
    which print nothing."""
    return " ".join(
        _escaped(word.replace(".", "." + ZERO_WIDTH_SPACE).replace("@", ZERO_WIDTH_SPACE + "@"))
        if "@" in word
        else _escaped(word)
        for word in _directions_closed(text).split(" ")
    )


def lines(text: str) -> str:
    """Text of several lines, escaped, its line breaks kept."""
    return "<br>".join(_escaped(line) for line in _directions_closed(text).splitlines())


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths: Sequence[int] = (),
    css_class: str = "",
) -> str:
    """A table whose cells are already HTML (escape the text that goes in them);
    ``widths`` in percent of the page, one per column."""
    sizes = [f' width="{w}%"' for w in widths] or [""] * len(header)
    head = "".join(
        f"<th{size}>{escape(cell)}</th>" for cell, size in zip(header, sizes, strict=False)
    )
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    attributes = f' class="{css_class}"' if css_class else ""
    head_row = f"<thead><tr>{head}</tr></thead>" if header else ""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="3" border="1"{attributes}>'
        f"{head_row}<tbody>{body}</tbody></table>"
    )


def element(name: str, text: str, attributes: str = "") -> str:
    """``<h2>Meetings</h2>``: ``text`` escaped inside one element (``attributes`` as
    written, such as `` class="muted"``)."""
    return f"<{name}{attributes}>{escape(text)}</{name}>"


def time_span(start: datetime, end: datetime, day: Callable[[date], str] | None = None) -> str:
    """``09:00–10:15`` (local times, written by :func:`timezones.span_text`) kept on one
    line; with ``day``, the start's day first (``Mon 15 Feb 09:00–Tue 16 Feb 15:30``).

    A range that names a day puts each end on a line of its own: kept on one line it
    would widen a narrow column until the table no longer fits the page, and Qt then
    breaks the words of every cell anywhere; left free, a line would part a Japanese
    date after its first digit (``09:00–2`` / ``月16日``)."""
    span = timezones.span_text(start, end, day=day, dash=DASH)
    if day is None and start.date() == end.date():
        return f'<p style="white-space: nowrap">{escape(span)}</p>'
    first, dash, last = span.partition(DASH)
    return f"<p>{escape(first + dash)}</p><p>{escape(last.strip())}</p>"


def moved_marker() -> str:
    """ "(moved)", the words ``events list`` and the calendar put beside a meeting moved
    off its series' time (:attr:`cpp_scheduler.services.rows.EventRow.moved_note`,
    their very msgid), printed on a line of its own under the time."""
    return _(" (moved)").strip()


def cancelled_label() -> str:
    """The word "Cancelled" (中止) in bold, in the warning's colour: what a document
    puts over a meeting called off, as ``events list`` says it."""
    return f'<b class="warning">{escape(EventStatus.CANCELLED.label)}</b>'


def marked_cancelled(text: str) -> str:
    """A meeting called off as every document prints it where it was to be held:
    :func:`cancelled_label` over its text (HTML, already escaped) struck through, so
    that whoever holds an earlier printout finds it cancelled rather than gone."""
    return f"{cancelled_label()}<br><s>{text}</s>"


def struck(text: str) -> str:
    """Text (HTML, already escaped) struck through: the other cells of a row
    :func:`marked_cancelled` marks."""
    return f"<s>{text}</s>"


def cancelled_note(count: int) -> str:
    """The line a document's first page gives of the meetings it lists called off, as
    a programme's cover says it of its cancelled sessions."""
    return ngettext(
        "{count} cancelled meeting is listed where it was, marked Cancelled.",
        "{count} cancelled meetings are listed where they were, marked Cancelled.",
        count,
    ).format(count=count)


def breakable_span(span: str) -> str:
    """A range of times (``10:00-11:30``) escaped, free to break after its dash alone.

    Qt reads ``10:00-11:30`` as one word (no line may break between a hyphen and a
    digit), and in a column narrower than it breaks it anywhere (``10:00-11:`` /
    ``30``). A zero-width space after the dash gives it a place to break, so each
    time stays whole; where the column is wide enough the range stays on one line."""
    for dash in (f" {DASH} ", " - ", DASH, "-"):
        if dash in span:
            first, _, last = span.partition(dash)
            return escape(first + dash) + ZERO_WIDTH_SPACE + escape(last)
    return escape(span)


def qr_data_uri(text: str) -> str:
    """A QR code of ``text`` as a PNG ``data:`` URI, big enough to scan from paper."""
    code = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=4, border=2)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def is_japanese(text: str) -> bool:
    """Whether the text holds kana, kanji or full-width forms."""
    return any(
        "\u3000" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
        for ch in text
    )


def split_address(address: str) -> tuple[str, str]:
    """An address as (English, Japanese).

    A venue's or a hotel's address is one text; the lines written in Japanese are its
    Japanese address (for a taxi driver), the others its English one.
    """
    english = [line.strip() for line in address.splitlines() if line.strip()]
    japanese = [line for line in english if is_japanese(line)]
    return ", ".join(line for line in english if line not in japanese), " ".join(japanese)
