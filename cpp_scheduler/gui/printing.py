"""Turning a document of the core (:class:`~cpp_scheduler.documents.content.PrintDocument`)
into pages: a PDF file or a printer.

Qt's rich-text engine lays the HTML out page by page; this module adds what it lacks:
a section that fits on a page is never split (Qt ignores ``page-break-inside``, so a
section that would cross a page starts on the next one), nor a table row (Qt splits a
row between any two of its lines: :class:`TableRows` moves it whole to the next page,
under the table's repeated header row), and each page gets the document's header and a
footer with its number and the program's change stamp, drawn with a painter. The text
is set in Noto Sans CJK JP where it is installed, so Japanese names and addresses
print, and the PDF embeds the font. A PDF's text layer is then made the text drawn
(:mod:`cpp_scheduler.documents.pdf_text`, told by :class:`DrawnTexts` which characters
the pages drew).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextLayout,
    QTextTable,
    QTextTableCellFormat,
)

from cpp_scheduler.documents.content import PrintDocument, ShouldStop, stop_if_asked
from cpp_scheduler.documents.pdf_text import corrected_text_layer, postscript_name
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.files import FileWriteError, check_writable_target, write_atomically
from cpp_scheduler.gui.translations import translate

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 15.0
BAND_MM = 10.0
"""The header's and the footer's bands, inside the margins."""
RESOLUTION = 300
LATIN_FAMILIES = ("DejaVu Sans", "Noto Sans", "Liberation Sans")
JAPANESE_FAMILIES = ("Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", "IPAGothic")
_FIRST_TAG = re.compile(r"\s*<([a-zA-Z][a-zA-Z0-9]*)")
MAX_ROUNDS = 5
_DATA_IMAGE = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')

WORD_JOINER = "\u2060"
"""No line break here, and nothing printed."""
_JAPANESE_DATE = re.compile(r"(?:\d+年)?\d+月\d+日(?:\([^()<>\s]\))?")
"""A date as Japanese text writes it: ``2027年2月15日(月)``, ``2月15日``."""
_DIGITS_AND_WORDS = re.compile(r"(?<=\d)(?=\D)|(?<=\D)(?=\d)|(?<=日)(?=\()")
"""Where a Japanese date's digits meet its words, and its day its weekday."""

Progress = Callable[[int, int], None]
"""Told (pages done, pages in all) as pages are drawn."""


def _dates_kept_whole(html: str) -> str:
    """``html`` with each Japanese date in it kept on one line: Qt breaks Japanese text
    between a digit and a word, and parted a date in a sentence after its first digit
    (``QR コードは2`` / ``月15日(月)``). A word joiner where they meet prints nothing."""
    if "日" not in html:
        return html
    return _JAPANESE_DATE.sub(lambda found: _DIGITS_AND_WORDS.sub(WORD_JOINER, found.group()), html)


class PrintingError(SchedulerError):
    """The document could not be written (a folder that does not exist, a full disk)."""


def document_font() -> QFont:
    """The body font: one that carries Japanese glyphs, where the system has one."""
    installed = set(QFontDatabase.families())
    families = [
        next((name for name in group if name in installed), "")
        for group in (LATIN_FAMILIES, JAPANESE_FAMILIES)
    ]
    font = QFont()
    font.setFamilies([name for name in families if name])
    font.setPointSizeF(10)
    return font


def page_layout(paper: str) -> QPageLayout:
    if paper not in PAPERS:
        raise PrintingError(
            translate("Printing", "paper '{paper}' is not known (choose {papers})").format(
                paper=paper, papers=" or ".join(PAPERS)
            )
        )
    return QPageLayout(
        QPageSize(PAPERS[paper]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


class Pages:
    """A document laid out for one paint device: its pages, ready to draw."""

    def __init__(
        self,
        document: PrintDocument,
        device: QPagedPaintDevice,
        should_stop: ShouldStop | None = None,
    ) -> None:
        self.document = document
        self.should_stop = should_stop
        self.device = device
        per_mm = device.logicalDpiX() / 25.4
        self.page_width = device.width()
        self.page_height = device.height()
        self.margin = MARGIN_MM * per_mm
        self.band = BAND_MM * per_mm
        self.body = QRectF(
            self.margin,
            self.margin + self.band,
            self.page_width - 2 * self.margin,
            self.page_height - 2 * (self.margin + self.band),
        )
        self.font = document_font()
        self.text = self._layout()
        self._tops = self._section_tops(self.text)
        """Where each section starts on the pages laid out, by its number."""

    def _new_text(self) -> QTextDocument:
        text = QTextDocument()
        text.documentLayout().setPaintDevice(self.device)
        text.setDefaultFont(self.font)
        text.setDefaultStyleSheet(self.document.stylesheet)
        text.setDocumentMargin(0)
        text.setPageSize(QSizeF(self.body.width(), self.body.height()))
        return text

    def _layout(self) -> QTextDocument:
        """Lay the whole document out at once, keep each table row whole on its page,
        then lay it out again with a page break before each section that the first
        layout splits although it fits on a page (a few rounds at most: a break moves
        what follows it)."""
        breaks: set[int] = set()
        for _round in range(MAX_ROUNDS):
            stop_if_asked(self.should_stop)
            text = self._new_text()
            text.setHtml(self._html(text, breaks))
            TableRows(text, self.body.height(), self.should_stop).keep_whole()
            wanted = self._breaks_wanted(text, breaks)
            if wanted <= breaks:
                break
            breaks |= wanted
        return text

    def _html(self, text: QTextDocument, breaks: set[int]) -> str:
        """The sections as one HTML text: each section's first block carries its number
        as its user state, and starts a page where ``breaks`` says.

        A section starts with an element of its own (a heading) without a style of its
        own."""
        parts = []
        for number, section in enumerate(self.document.sections):
            html = _dates_kept_whole(self._with_images(text, section.html))
            opening = _FIRST_TAG.match(html)
            if opening is None:
                html = f"<p>{html}</p>"
                opening = _FIRST_TAG.match(html)
                assert opening is not None
            end = opening.end(1)
            style = f"-qt-user-state: {number}"
            if number in breaks:
                style += "; page-break-before: always"
            html = f'{html[:end]} style="{style}"{html[end:]}'
            parts.append(html)
        return "\n".join(parts)

    @staticmethod
    def _with_images(text: QTextDocument, html: str) -> str:
        """Hand the document its ``data:`` images as resources, by a name of their own."""

        def register(match: re.Match[str]) -> str:
            data = base64.b64decode(match.group(1))
            name = f"image-{hashlib.sha1(data).hexdigest()}.png"
            image = QImage.fromData(data)
            text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
            return f'src="{name}"'

        return _DATA_IMAGE.sub(register, html)

    def _section_tops(self, text: QTextDocument) -> dict[int, float]:
        """Where each section starts on the laid-out pages, found by its user state."""
        layout = text.documentLayout()
        count = len(self.document.sections)
        tops: dict[int, float] = {}
        block = text.begin()
        while block.isValid():
            state = block.userState()
            if 0 <= state < count and state not in tops:
                tops[state] = layout.blockBoundingRect(block).top()
            block = block.next()
        return tops

    def _breaks_wanted(self, text: QTextDocument, breaks: set[int]) -> set[int]:
        """The sections to start on a new page: those asked to, and each one that the
        layout splits though it fits on one page.

        Going down the document, a break moves everything after it to the next page
        top; the sections after it are judged where they will then be.
        """
        page = self.body.height()
        tops = self._section_tops(text)
        ordered = sorted(tops)
        bottoms = [tops[n] for n in ordered[1:]] + [text.documentLayout().documentSize().height()]
        wanted = set(breaks)
        shift = 0.0
        for number, bottom in zip(ordered, bottoms, strict=True):
            section = self.document.sections[number]
            top, height = tops[number] + shift, bottom - tops[number]
            if number == 0 or number in breaks:
                continue
            split = int(top // page) != int((top + height - 1) // page)
            if section.new_page or (section.keep_together and split and height <= page):
                wanted.add(number)
                shift += (int(top // page) + 1) * page - top
        return wanted

    @property
    def count(self) -> int:
        return max(1, self.text.pageCount())

    def _room_left(self, continued: str) -> float:
        """The header's width beside a page's ``continued`` label, a gap between them."""
        width = self.page_width - 2 * self.margin
        if not continued:
            return width
        metrics = QFontMetricsF(self.small_font(), self.device)
        return width - metrics.horizontalAdvance(continued) - 4 * metrics.averageCharWidth()

    def continued_text(self, number: int) -> str:
        """What the header says of page ``number`` (from 0) where it goes on with a
        section begun on an earlier page (:attr:`Section.continued`); empty where a
        section starts at its top, or the one it goes on with says nothing."""
        top = number * self.body.height()
        begun = [
            (start, section)
            for section, start in self._tops.items()
            if start < top + 1  # a section starting at the very top is not continued
        ]
        if not begun:
            return ""
        start, section = max(begun)
        if start >= top - 1:
            return ""
        return self.document.sections[section].continued

    def header_text(self, width: float) -> str:
        """The document's header as it fits on one line of the page: a long title (a
        conference's) ends in an ellipsis rather than at the paper's edge. The header's
        last words (a cancelled programme's mark) are kept."""
        metrics = QFontMetricsF(self.small_font(), self.device)
        header = self.document.header
        if metrics.horizontalAdvance(header) <= width:
            return header
        return metrics.elidedText(header, Qt.TextElideMode.ElideMiddle, width)

    def small_font(self) -> QFont:
        """The header's and the footer's font."""
        small = QFont(self.font)
        small.setPointSizeF(8)
        return small

    def page_number_text(self, number: int) -> str:
        return translate("Printing", "Page {number} of {count}").format(
            number=number + 1, count=self.count
        )

    def drawn_texts(self) -> dict[str, dict[str, str]]:
        """Per font, the text each glyph drawn stands for, where Qt's PDF writer would
        name it otherwise (:class:`DrawnTexts`)."""
        drawn = DrawnTexts()
        drawn.add_document(self.text)
        small = self.small_font()
        width = self.page_width - 2 * self.margin
        for line in (self.header_text(width), self.document.footer):
            drawn.add_text(line, small, self.device)
        for number in range(self.count):
            drawn.add_text(self.page_number_text(number), small, self.device)
            continued = self.continued_text(number)
            drawn.add_text(continued, small, self.device)
            drawn.add_text(self.header_text(self._room_left(continued)), small, self.device)
        return drawn.as_written()

    def draw(self, painter: QPainter, number: int) -> None:
        """Draw page ``number`` (from 0) with its header and footer."""
        painter.save()
        painter.translate(self.body.left(), self.body.top() - number * self.body.height())
        # A block starting exactly at the next page's top counts as inside a clip that
        # ends there, and its text would go into this page's text layer (clipped from
        # sight): the clip stops a device pixel short.
        clip = QRectF(0, number * self.body.height(), self.body.width(), self.body.height() - 1)
        self.text.drawContents(painter, clip)
        painter.restore()
        painter.save()
        painter.setFont(self.small_font())
        painter.setPen(Qt.GlobalColor.darkGray)
        width = self.page_width - 2 * self.margin
        header = QRectF(self.margin, self.margin, width, self.band * 0.8)
        top = Qt.AlignmentFlag.AlignTop
        continued = self.continued_text(number)
        painter.drawText(
            header, Qt.AlignmentFlag.AlignLeft | top, self.header_text(self._room_left(continued))
        )
        if continued:
            painter.setPen(Qt.GlobalColor.black)  # the day read on, as dark as the day's heading
            painter.drawText(header, Qt.AlignmentFlag.AlignRight | top, continued)
            painter.setPen(Qt.GlobalColor.darkGray)
        line_y = self.margin + self.band * 0.8
        painter.drawLine(QPointF(self.margin, line_y), QPointF(self.margin + width, line_y))
        bottom = self.page_height - self.margin - self.band * 0.8
        footer = QRectF(self.margin, bottom, width, self.band * 0.8)
        painter.drawLine(QPointF(self.margin, bottom), QPointF(self.margin + width, bottom))
        align = Qt.AlignmentFlag.AlignBottom
        painter.drawText(footer, align | Qt.AlignmentFlag.AlignLeft, self.document.footer)
        painter.drawText(footer, align | Qt.AlignmentFlag.AlignRight, self.page_number_text(number))
        painter.restore()


class TableRows:
    """Keeps the rows of a laid-out document's tables whole.

    Qt's layout splits a table row at a page's foot, line by line, whatever its size (a
    row's last lines alone on the next page, a QR code cut off from its text). Going
    down the document, each row that crosses a page's foot although it fits on a page
    is moved whole to the next page: a row with no border or padding is put before it,
    tall enough to fill the page (Qt repeats a table's header rows above it there), or
    a page break before its table where it is the table's first row (before the table's
    heading, which then goes with it). A row taller than a page is left to split
    between its lines.
    """

    TRIES = 4
    """Rounds of measuring a filling row (the device's scale for padding is Qt's)."""

    def __init__(self, text: QTextDocument, page: float, should_stop: ShouldStop | None) -> None:
        self.text = text
        self.layout = text.documentLayout()
        self.page = page
        self.should_stop = should_stop

    def keep_whole(self) -> None:
        """Move each row that crosses a page's foot, from the top of the document down
        (a move only pushes what follows it further down: the rows above it stay where
        they are, and the search goes on from the row moved, each row measured once
        more at most after each move)."""
        # The whole document laid out first: Qt lays it out lazily, and a table it has
        # not laid out yet when a row above is moved is shifted later, not laid out
        # again at its new place (its rows' page breaks those of the old one).
        self.layout.documentSize()
        settled = -1.0
        cursor = (0, 0)
        tables = self._tables()
        while (split := self._next_split(tables, cursor, settled)) is not None:
            stop_if_asked(self.should_stop)
            number, row, top = split
            table = tables[number]
            first = row == table.format().headerRowCount()
            if not (first and self._break_before(table, row)) and not self._spanned(table, row):
                self._fill_before(table, row, top)
            settled = top + 1
            cursor = (number, row)

    @staticmethod
    def _spanned(table: QTextTable, row: int) -> bool:
        """Whether a cell spanning rows covers the row or the one above it: a row put
        between would become part of that cell."""
        for column in range(table.columns()):
            for neighbour in (row - 1, row):
                cell = table.cellAt(neighbour, column) if neighbour >= 0 else None
                if cell is not None and cell.isValid() and cell.rowSpan() > 1:
                    return True
        return False

    def _page(self, y: float) -> int:
        return int(y // self.page)

    def _tables(self) -> list[QTextTable]:
        """The document's tables, but those inside another table's cell (kept whole with
        their row)."""
        found: list[QTextTable] = []

        def visit(frame: QTextFrame) -> None:
            for child in frame.childFrames():
                if isinstance(child, QTextTable):
                    found.append(child)
                else:
                    visit(child)

        visit(self.text.rootFrame())
        return found

    def extent(self, table: QTextTable, row: int) -> tuple[float, float]:
        """The top of a row's first line and the foot of its last, over its cells."""
        top, bottom = float("inf"), float("-inf")
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            block = cell.firstCursorPosition().block()
            last = cell.lastCursorPosition().block().blockNumber()
            while block.isValid() and block.blockNumber() <= last:
                rect = self.layout.blockBoundingRect(block)
                top, bottom = min(top, rect.top()), max(bottom, rect.bottom())
                block = block.next()
        return top, bottom

    def _next_split(
        self, tables: list[QTextTable], cursor: tuple[int, int], settled: float
    ) -> tuple[int, int, float] | None:
        """The first row from ``cursor`` (a table's number and a row), in the
        document's order, that lies below ``settled`` and crosses a page's foot: the
        table's number, the row and its top. A table's header rows are not looked at."""
        first, row = cursor
        for number in range(first, len(tables)):
            table = tables[number]
            row = max(row, table.format().headerRowCount())
            while row < table.rows():
                top, bottom = self.extent(table, row)
                if top > settled and self._page(top) != self._page(bottom - 1):
                    return number, row, top
                row += 1
            row = 0
        return None

    def _splits(self, table: QTextTable, row: int) -> bool:
        top, bottom = self.extent(table, row)
        return self._page(top) != self._page(bottom - 1)

    def _break_before(self, table: QTextTable, row: int) -> bool:
        """A page break before the table (before its heading, where one leads it) when
        its first row crosses a page's foot; false where that does not help."""
        cursor = QTextCursor(self.text)
        cursor.setPosition(table.firstPosition() - 1)
        heading = cursor.block()
        if heading.isValid() and heading.blockFormat().headingLevel() > 0:
            undo = heading.blockFormat()
            breaking = heading.blockFormat()
            breaking.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(heading).setBlockFormat(breaking)
            if self._splits(table, row):
                QTextCursor(heading).setBlockFormat(undo)
                return False
            return True
        table_format = table.format()
        table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(table_format)
        if self._splits(table, row):
            table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
            table.setFormat(table_format)
            return False
        return True

    def _fill_before(self, table: QTextTable, row: int, top: float) -> None:
        """Move the row to the next page with a filling row before it; leave it where
        it is when it would not fit there either."""
        page = self._page(top)
        edit = QTextCursor(self.text)
        edit.beginEditBlock()  # laid out again once, at its end
        table.insertRows(row, 1)
        # Built on the cell's own format: a new one has no border style, and Qt then
        # draws the table's borders around it.
        filler = table.cellAt(row, 0).format().toTableCellFormat()
        filler.setBorder(0)
        for side in (filler.setTopBorder, filler.setBottomBorder):
            side(0)
        for side in (filler.setLeftBorder, filler.setRightBorder):
            side(0)
        filler.setPadding(0)
        filler.setBackground(QBrush())
        self._set_row_format(table, row, filler)
        edit.endEditBlock()
        # Padding is in points and Qt scales it to the device by its own rule: measured
        # again after each try rather than trusted.
        scale = self.layout.paintDevice().logicalDpiY() / 96
        padding = 0.0
        for _try in range(self.TRIES):
            moved_top, _bottom = self.extent(table, row + 1)
            if self._page(moved_top) > page:
                break
            padding += ((page + 1) * self.page - moved_top + 2) / scale
            filler.setBottomPadding(padding)
            edit.beginEditBlock()
            self._set_row_format(table, row, filler)
            edit.endEditBlock()
        if self._splits(table, row + 1) or self._page(self.extent(table, row)[0]) > page:
            table.removeRows(row, 1)

    @staticmethod
    def _set_row_format(table: QTextTable, row: int, cell_format: QTextTableCellFormat) -> None:
        for column in range(table.columns()):
            table.cellAt(row, column).setFormat(cell_format)


_BMP = "".join(chr(code) for code in range(1, 0x10000) if not 0xD800 <= code <= 0xDFFF)
"""Every character of the Basic Multilingual Plane, which Qt searches for a glyph's
character when it writes a PDF's text layer."""


class DrawnTexts:
    """Which character each glyph on the pages stands for, per font.

    Qt's PDF writer names each glyph by the lowest code point that shows it (see
    :mod:`cpp_scheduler.documents.pdf_text`); where that is not a character the
    document drew, the character drawn that the font shows with the same glyph is the
    one meant (月, not the radical ⽉ that Noto Sans CJK draws alike). The fonts are
    those the layout's glyph runs used. (The runs' own indexes into the text are not
    read: Qt gives wrong ones for a run of a fallback font.)
    """

    def __init__(self) -> None:
        self.fonts: dict[str, QRawFont] = {}
        self.characters: Counter[str] = Counter()
        self._names: dict[tuple[str, str, int], str] = {}

    def _name(self, font: QRawFont) -> str:
        key = (font.familyName(), font.styleName(), int(font.weight()))
        if key not in self._names:
            # The table's tag as text: PySide refuses it as bytes.
            self._names[key] = postscript_name(bytes(font.fontTable("name").data()))
        return self._names[key]

    def add_layout(self, layout: QTextLayout, text: str) -> None:
        """The characters and fonts of one laid-out paragraph (``text``)."""
        self.characters.update(text)
        units = len(text.encode("utf-16-le", "surrogatepass")) // 2
        for run in layout.glyphRuns(0, units):
            font = run.rawFont()
            name = self._name(font)
            if name:
                self.fonts.setdefault(name, font)

    def add_text(self, text: str, font: QFont, device: QPagedPaintDevice) -> None:
        """A line the painter draws (a header, a footer), shaped as it draws it."""
        layout = QTextLayout(text, font, device)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        self.add_layout(layout, text)

    def add_document(self, text: QTextDocument) -> None:
        block = text.begin()
        while block.isValid():
            layout = block.layout()
            if layout is not None:
                self.add_layout(layout, block.text())
            block = block.next()

    def as_written(self) -> dict[str, dict[str, str]]:
        """Per font, the code point Qt writes for a glyph -> the character drawn with
        it, where they differ (the character drawn most, where several share it)."""
        drawn = [
            character
            for character, _count in self.characters.most_common()
            if ord(character) < 0x10000 and not 0xD800 <= ord(character) <= 0xDFFF
        ]
        known = set(drawn)
        found: dict[str, dict[str, str]] = {}
        for name, font in self.fonts.items():
            lowest: dict[int, str] = {}
            for character, glyph in zip(_BMP, font.glyphIndexesForString(_BMP), strict=True):
                if glyph and glyph not in lowest:
                    lowest[glyph] = character
            texts: dict[str, str] = {}
            glyphs = font.glyphIndexesForString("".join(drawn))
            for character, glyph in zip(drawn, glyphs, strict=True):
                written = lowest.get(glyph, character)
                if written != character and written not in texts and written not in known:
                    texts[written] = character
            found[name] = texts
        return found


def paint_pages(
    document: PrintDocument,
    device: QPagedPaintDevice,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> int:
    """Lay the document out for ``device`` (a PDF writer, a printer) and draw every
    page on it; returns the number of pages.

    ``should_stop`` is asked between the layout's rounds and between pages: when it
    says yes, :class:`~cpp_scheduler.documents.content.CancelledError` is raised."""
    return _paint(Pages(document, device, should_stop), progress, should_stop)


def _paint(pages: Pages, progress: Progress | None, should_stop: ShouldStop | None) -> int:
    device = pages.device
    painter = QPainter()
    if not painter.begin(device):
        raise PrintingError(translate("Printing", "cannot draw on the printer or the file"))
    try:
        for number in range(pages.count):
            stop_if_asked(should_stop)
            if number:
                device.newPage()
            pages.draw(painter, number)
            if progress is not None:
                progress(number + 1, pages.count)
    finally:
        painter.end()
    return pages.count


def write_pdf(
    document: PrintDocument,
    path: Path,
    paper: str = "a4",
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> int:
    """Write the document to ``path`` as a PDF, whole or not at all; returns its pages.

    The pages are drawn into memory and the finished PDF saved through the program's one
    writer of files (:func:`cpp_scheduler.files.write_atomically`): a reader never sees
    half a file, a document that fails or is cancelled on the way (``should_stop``)
    leaves the file there before as it was, a new file gets the permissions the umask
    gives and a file written over keeps its mode. Its text layer is the text printed
    (:mod:`cpp_scheduler.documents.pdf_text`), found once, by a search or a copy.
    """
    target = Path(path)
    try:
        check_writable_target(target)
    except FileWriteError as error:
        raise PrintingError(
            translate("Printing", "cannot write {target}: {reason}").format(
                target=target, reason=error.reason
            )
        ) from None
    buffer = QBuffer()
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise PrintingError(
            translate("Printing", "cannot write {target}: no memory for the document").format(
                target=target
            )
        )
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(document.title)
    writer.setCreator("CPP Scheduler")
    pages = Pages(document, writer, should_stop)
    count = _paint(pages, progress, should_stop)
    drawn = pages.drawn_texts()
    del pages
    del writer  # finishes the PDF in the buffer
    buffer.close()
    # Qt's text layer names some glyphs by other characters, and has lines it clipped.
    pdf = corrected_text_layer(bytes(buffer.data().data()), drawn)
    try:
        write_atomically(target, pdf)
    except FileWriteError as error:
        raise PrintingError(
            translate("Printing", "cannot write {target}: {reason}").format(
                target=target, reason=error.reason
            )
        ) from None
    return count
