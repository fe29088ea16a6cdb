"""Export calendar's preview as a table model: the file's entries as its reader sees
them, one row per meeting, study tour outline and travel leg
(:class:`~cpp_scheduler.services.calendar_preview.PreviewRow`), worded by the services
off the GUI thread; the view asks only for the rows it draws."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from cpp_scheduler.gui.tools.common import AnyIndex, HeaderedTableModel
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP
from cpp_scheduler.services.calendar_preview import PreviewRow

CANCELLED_TEXT = QColor("#8a8a8a")
"""A cancelled meeting's row: still in the file (its cancellation), greyed."""


class ExportPreviewModel(HeaderedTableModel):
    """The rows of one preview, read only."""

    headers: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("Headers", "Event"),
        QT_TRANSLATE_NOOP("Headers", "Starts (reader's clock)"),
        QT_TRANSLATE_NOOP("Headers", "Ends"),
        QT_TRANSLATE_NOOP("Headers", "Status"),
        QT_TRANSLATE_NOOP("Headers", "Location"),
        QT_TRANSLATE_NOOP("Headers", "Video link"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[PreviewRow] = ()

    def show_rows(self, rows: Sequence[PreviewRow]) -> None:
        """Show ``rows`` instead of those shown (none, while a preview is read)."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def texts(self, row: int) -> tuple[str, ...]:
        """What the row says in each column."""
        shown = self.rows[row]
        return (
            shown.title,
            shown.start_text,
            shown.end_text,
            shown.status.label,
            shown.location,
            shown.video_link,
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        text = self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            # A place on two lines (its English address, then its Japanese one, as the
            # reader's calendar shows them) on one: a row is a line high.
            return " · ".join(text.splitlines())
        if role == Qt.ItemDataRole.ToolTipRole:  # whatever is wider than its column
            return text
        if role == Qt.ItemDataRole.ForegroundRole and self.rows[index.row()].cancelled:
            return CANCELLED_TEXT
        return None
