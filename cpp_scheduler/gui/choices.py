"""A small list model of records to choose from, for filters and the zone selector."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The chosen value (a record id, an enum value, a zone name); None for "any"."""
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2


class ChoiceListModel(QAbstractListModel):
    """Entries as (label, value, detail); the first may be an "any" entry with value None."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, Any, str]] = []

    def set_entries(self, entries: Sequence[tuple[str, Any, str]]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        label, value, detail = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return label
        if role == ID_ROLE:
            return value
        if role == DETAIL_ROLE:
            return detail
        if role == Qt.ItemDataRole.ToolTipRole:
            return detail or label
        return None

    def row_of(self, value: Any) -> int:
        for number, (_label, entry_value, _detail) in enumerate(self._entries):
            if entry_value == value:
                return number
        return -1

    def value_at(self, row: int) -> Any:
        return self._entries[row][1] if 0 <= row < len(self._entries) else None
