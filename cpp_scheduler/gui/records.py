"""The Program menu's managers: a table of delegations (or venues, cities ...) with New,
Edit and Delete, each going through the same undoable commands as the calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n
from cpp_scheduler.gui.recordkinds import RecordKind
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.services import editing
from cpp_scheduler.services.database import Database

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return translate("Records", "Yes") if value else ""
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, date):
        return i18n.day_month_year_text(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


class RecordTableModel(QAbstractTableModel):
    """The records of one kind, read through the services, with display text per column."""

    def __init__(self, database: Database, kind: RecordKind, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self.kind = kind
        self._rows: list[tuple[str, str, list[str]]] = []
        self.reload()

    def reload(self) -> None:
        listed = editing.list_records(
            self._database,
            self.kind.model,
            [attribute for attribute, _header in self.kind.columns],
            self.kind.order_by,
        )
        rows = [
            (record.record_id, record.title, [_text(value) for value in record.cells])
            for record in listed
        ]
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.kind.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.kind.columns)
        ):
            return translate("RecordKinds", self.kind.columns[section][1])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record_id, title, cells = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()] if 0 <= index.column() < len(cells) else None
        if role == ID_ROLE:
            return record_id
        if role == TITLE_ROLE:
            return title
        return None

    def row_of(self, record_id: str) -> int:
        for number, (row_id, _title, _cells) in enumerate(self._rows):
            if row_id == record_id:
                return number
        return -1


class RecordManager(QDialog):
    """A list of one kind of record with New, Edit and Delete.

    The window passes the three actions, so every change is an undoable command.

    Signals:
        recordSelected(str, str): a record was chosen in the list: its class name
            (``Delegation``) and id; the window's History panel follows it.
    """

    recordSelected = Signal(str, str)

    def __init__(
        self,
        database: Database,
        kind: RecordKind,
        create: Callable[[QWidget], None],
        edit: Callable[[str, QWidget], None],
        delete: Callable[[str, str, QWidget], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RecordKinds", kind.plural))
        self.setObjectName(f"{kind.key}Manager")
        self.kind = kind
        self.model = RecordTableModel(database, kind, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("RecordKinds", "Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(lambda _index: self._edit())
        self.new_button = QPushButton(translate("Records", "New…"), self)
        self.edit_button = QPushButton(translate("Records", "Edit…"), self)
        self.delete_button = QPushButton(translate("Records", "Delete"), self)
        self.new_button.clicked.connect(lambda: create(self))
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self._edit_action = edit
        self._delete_action = delete
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(760, 460)
        self._update_buttons()

    def selected(self) -> tuple[str, str] | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return index.data(ID_ROLE), index.data(TITLE_ROLE)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(chosen is not None)
        self.delete_button.setEnabled(chosen is not None)
        if chosen is not None:
            self.recordSelected.emit(self.kind.model.__name__, chosen[0])

    def _edit(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._edit_action(chosen[0], self)

    def _delete(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._delete_action(chosen[0], chosen[1], self)

    def reload(self) -> None:
        chosen = self.selected()
        self.model.reload()
        if chosen is not None:
            row = self.model.row_of(chosen[0])
            if row >= 0:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self._update_buttons()
