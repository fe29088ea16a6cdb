"""A label whose wrapped text is never cut at the bottom: reasons, hints, warnings."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    """Text wrapped to the width it is given, never cut at the bottom.

    Layouts inside a tab widget ask a label for its plain size hint, not for its height
    at the width they give it; this label answers with the height its text takes at its
    present width, and asks for a new layout when a resize changes that height.
    """

    ASSUMED_WIDTH = 360

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._height = -1

    def _wrapped_height(self) -> int:
        width = self.width() if self.width() > 150 else self.ASSUMED_WIDTH
        return self.heightForWidth(width)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._wrapped_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._wrapped_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = self._wrapped_height()
        if height != self._height:
            self._height = height
            self.updateGeometry()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._height = self._wrapped_height()
        self.updateGeometry()
