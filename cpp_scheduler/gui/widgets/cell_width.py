"""The width a view's cell needs to show a text whole, on one line."""

from __future__ import annotations

import math

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QAbstractItemView, QStyle, QTableView


def one_line_width(view: QAbstractItemView, text: str) -> int:
    """The column width at which ``view`` draws ``text`` unelided: the text's advance,
    rounded up, and the margins the style's item delegate keeps either side (and a
    table's grid line).

    Rounded up, not to the nearest pixel: the delegate elides a text whose advance
    exceeds its room by a fraction of a pixel, as a label mixing Latin and Japanese
    ("RFC 5545 に従って解釈", 133.1 pixels) does."""
    advance = math.ceil(QFontMetricsF(view.font()).horizontalAdvance(text))
    frame = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
    grid = 1 if isinstance(view, QTableView) and view.showGrid() else 0
    return advance + 2 * (frame + 1) + grid
