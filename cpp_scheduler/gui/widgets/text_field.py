"""A field of several lines (a description, notes, an address, an agenda) that takes no
paste beyond the most a text may hold."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QPlainTextEdit

from cpp_scheduler.limits import MAX_TEXT_LENGTH


class TextField(QPlainTextEdit):
    """Several lines of plain text, a paste (by the keys, the menu, a drop or the middle
    button) cut where the whole text would pass the most a text may hold, by the core's
    rule (:func:`~cpp_scheduler.model.validation.pasted_within`): what was typed before
    is kept, and what fits of the paste goes in.

    Signals:
        pasteCut(str): the line saying a paste was cut, for under the field.
    """

    pasteCut = Signal(str)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasText():
            super().insertFromMimeData(source)
            return
        pasted = source.text()
        document = self.document()
        # characterCount() counts UTF-16 units and one more: never fewer than the text's
        # characters, so a paste that fits by it fits, and the text is read only near
        # the limit.
        if document.characterCount() + len(pasted) <= MAX_TEXT_LENGTH:
            super().insertFromMimeData(source)
            return
        from cpp_scheduler.model.validation import pasted_within  # loaded with the editors

        length = len(self.toPlainText()) - len(self.textCursor().selectedText())
        kept, note = pasted_within(length, pasted)
        if note is None:
            super().insertFromMimeData(source)
            return
        cut = QMimeData()
        cut.setText(kept)
        super().insertFromMimeData(cut)
        self.pasteCut.emit(note)
