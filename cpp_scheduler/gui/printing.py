"""Turning a document of the core (:class:`~cpp_scheduler.documents.content.PrintDocument`)
into pages: a PDF file or a printer.

Qt's rich-text engine lays the HTML out page by page; this module adds what it lacks:
a section that fits on a page is never split (Qt ignores ``page-break-inside``, so a
section that would cross a page starts on the next one), and each page gets the
document's header and a footer with its number and the program's change stamp, drawn
with a painter. The text is set in Noto Sans CJK JP where it is installed, so Japanese
names and addresses print, and the PDF embeds the font.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from cpp_scheduler.documents.content import PrintDocument, ShouldStop, stop_if_asked
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
MAX_ROUNDS = 3
_DATA_IMAGE = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')

Progress = Callable[[int, int], None]
"""Told (pages done, pages in all) as pages are drawn."""


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

    def _new_text(self) -> QTextDocument:
        text = QTextDocument()
        text.documentLayout().setPaintDevice(self.device)
        text.setDefaultFont(self.font)
        text.setDefaultStyleSheet(self.document.stylesheet)
        text.setDocumentMargin(0)
        text.setPageSize(QSizeF(self.body.width(), self.body.height()))
        return text

    def _layout(self) -> QTextDocument:
        """Lay the whole document out at once, then again with a page break before each
        section that the first layout splits although it fits on a page (a few rounds
        at most: a break moves what follows it)."""
        breaks: set[int] = set()
        for _round in range(MAX_ROUNDS):
            stop_if_asked(self.should_stop)
            text = self._new_text()
            text.setHtml(self._html(text, breaks))
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
            html = self._with_images(text, section.html)
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

    def header_text(self, width: float) -> str:
        """The document's header as it fits on one line of the page: a long title (a
        conference's) ends in an ellipsis rather than at the paper's edge. The header's
        last words (a cancelled programme's mark) are kept."""
        small = QFont(self.font)
        small.setPointSizeF(8)
        metrics = QFontMetricsF(small, self.device)
        header = self.document.header
        if metrics.horizontalAdvance(header) <= width:
            return header
        return metrics.elidedText(header, Qt.TextElideMode.ElideMiddle, width)

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
        small = QFont(self.font)
        small.setPointSizeF(8)
        painter.save()
        painter.setFont(small)
        painter.setPen(Qt.GlobalColor.darkGray)
        width = self.page_width - 2 * self.margin
        header = QRectF(self.margin, self.margin, width, self.band * 0.8)
        painter.drawText(
            header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.header_text(width)
        )
        line_y = self.margin + self.band * 0.8
        painter.drawLine(QPointF(self.margin, line_y), QPointF(self.margin + width, line_y))
        bottom = self.page_height - self.margin - self.band * 0.8
        footer = QRectF(self.margin, bottom, width, self.band * 0.8)
        painter.drawLine(QPointF(self.margin, bottom), QPointF(self.margin + width, bottom))
        align = Qt.AlignmentFlag.AlignBottom
        painter.drawText(footer, align | Qt.AlignmentFlag.AlignLeft, self.document.footer)
        painter.drawText(
            footer,
            align | Qt.AlignmentFlag.AlignRight,
            translate("Printing", "Page {number} of {count}").format(
                number=number + 1, count=self.count
            ),
        )
        painter.restore()


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
    pages = Pages(document, device, should_stop)
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
    gives and a file written over keeps its mode.
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
    count = paint_pages(document, writer, progress, should_stop)
    del writer  # finishes the PDF in the buffer
    buffer.close()
    try:
        write_atomically(target, bytes(buffer.data().data()))
    except FileWriteError as error:
        raise PrintingError(
            translate("Printing", "cannot write {target}: {reason}").format(
                target=target, reason=error.reason
            )
        ) from None
    return count
