"""A label that keeps to one line while it can (titles and captions beside each other)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget


class WrappingLabel(QLabel):
    """A label on one line where there is room, and wrapped where there is not.

    A word-wrapped QLabel asks for about half its text's width, and would wrap even on a
    wide window; this one asks for the narrowest width that keeps its text on one line,
    found with the label's own line breaking (style sheet padding and frame included).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._hint_for: tuple[object, ...] | None = None
        self._hint = QSize()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Show:
            # A style sheet (padding, weight, size) may reach the label after its layout
            # first asked for a size; once on screen, the layout asks again.
            self.updateGeometry()
        return handled

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()  # a style sheet's padding lands here
        key = (
            self.text(),
            self.font().key(),
            self.frameWidth(),
            margins.left(),
            margins.right(),
            margins.top(),
            margins.bottom(),
        )
        if key != self._hint_for:
            one_line = self.heightForWidth(1 << 20)
            narrow, wide = 1, 1 << 16  # wider than any line a window shows
            while narrow < wide:
                middle = (narrow + wide) // 2
                if self.heightForWidth(middle) <= one_line:
                    wide = middle
                else:
                    narrow = middle + 1
            self._hint_for, self._hint = key, QSize(narrow, one_line)
        return self._hint
