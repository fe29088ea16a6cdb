"""The Program menu's managers: a table of delegations (or venues, cities ...) with New,
Edit and Delete, each going through the same undoable commands as the calendar.

The table is read off the GUI thread through the window's task manager (participants
grow with the program): the manager is usable at once and its rows come when read, and
again after every change, with the record chosen still chosen when it is still there. A
record deleted here that comes back (its deletion undone) is chosen again, as the
coordinator left it before deleting it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.gui.choices import SEARCH_ROLE, ChoiceSearch
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.opening import once_painted
from cpp_scheduler.gui.readonly import follow_window_read_only
from cpp_scheduler.gui.recordkinds import RecordKind
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.services import choices, editing
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.record_tables import (
    cell_text,
    nothing_found,
    search_words,
    searchable,
    sort_key,
)

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 4
"""Past :data:`~cpp_scheduler.gui.choices.SEARCH_ROLE`, which the rows answer too."""
"""What a column is sorted by: dates by date, numbers by number, names by their
readings (:func:`cpp_scheduler.i18n.reading_key`), never by the text shown."""


class RecordTableModel(QAbstractTableModel):
    """The records of one kind, read through the services, with display text per column.

    :meth:`reload` reads them on the task manager, off the GUI thread, and the rows are
    swapped in when they come; a read that a later one overtook is dropped. The model
    starts empty: its first read is its owner's to ask for.

    Signals:
        rowsRead(): the rows of the latest read are in.
        readFailed(str): the latest read failed; why, in one line.
    """

    rowsRead = Signal()
    readFailed = Signal(str)

    def __init__(
        self,
        database: Database,
        kind: RecordKind,
        tasks: TaskManager,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._tasks = tasks
        self.kind = kind
        self._rows: list[tuple[str, str, list[str], list[Any], str]] = []
        self._reads = 0
        self._waiting = True
        """True until the latest read has answered (from the start: the first read is
        the owner's to ask for)."""

    @property
    def loading(self) -> bool:
        """True while the rows shown are not yet those of the latest read asked for."""
        return self._waiting

    def _read(self) -> list[editing.Listed]:
        table = self.kind.table
        return choices.manager_listing(
            self._database, table.model, table.attributes, table.order_by
        )

    def reload(self) -> None:
        """Read the records again, in the background."""
        self._reads += 1
        read = self._reads
        self._waiting = True
        self._tasks.run_in_background(
            self._read,
            lambda listed: self._arrived(read, listed),
            lambda error: self._failed(read, error),
        )

    def _arrived(self, read: int, listed: list[editing.Listed]) -> None:
        if read != self._reads or not shiboken6.isValid(self):
            return  # a later read is on its way, or the manager is gone
        self._waiting = False
        self._show(listed)

    def _failed(self, read: int, error: BaseException) -> None:
        if read != self._reads or not shiboken6.isValid(self):
            return
        self._waiting = False
        self.readFailed.emit(failure_line(error))  # a fault logged in full, told kindly

    def _show(self, listed: list[editing.Listed]) -> None:
        rows = []
        for record in listed:
            cells = [cell_text(value) for value in record.cells]
            keys = [sort_key(value) for value in record.cells]
            rows.append((record.record_id, record.title, cells, keys, searchable(cells)))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        self.rowsRead.emit()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.kind.table.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.kind.table.columns)
        ):
            return self.kind.table.headers()[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record_id, title, cells, keys, searched = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()] if 0 <= index.column() < len(cells) else None
        if role == SORT_ROLE:
            return keys[index.column()] if 0 <= index.column() < len(keys) else None
        if role == ID_ROLE:
            return record_id
        if role == TITLE_ROLE:
            return title
        if role == SEARCH_ROLE:
            return searched
        return None

    def row_of(self, record_id: str) -> int:
        for number, (row_id, *_rest) in enumerate(self._rows):
            if row_id == record_id:
                return number
        return -1


class RecordSearch(ChoiceSearch):
    """The rows a manager's search finds, as ``cpp-scheduler records KIND --search``
    finds them (:mod:`~cpp_scheduler.services.record_tables`: each row's cells as a
    search reads them), sorted as the list is."""

    def __init__(self, model: RecordTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)


class RecordManager(QDialog):
    """A list of one kind of record with New, Edit and Delete.

    The window passes the three actions, so every change is an undoable command, and
    its task manager, through which the list is read: the manager shows at once, its
    New button usable, and the rows fill in once its first paint is done. Edit and
    Delete are enabled while a row is chosen; Enter in the list edits the chosen record
    and the Delete key deletes it, as the buttons do.

    Over a program this login may only read, New, Edit, Delete and the Delete key are
    off, the reason their tooltip, and Enter or a double-click opens the chosen record
    to read (its editor lets nothing be changed): nobody is asked about a deletion, or
    left to fill in a form, that the save would refuse.

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
        tasks: TaskManager,
        parent: QWidget | None = None,
    ) -> None:
        """``tasks``: the window's task manager, which reads the list once the dialog is
        shown."""
        super().__init__(parent)
        self.setWindowTitle(translate("RecordKinds", kind.plural))
        self.setObjectName(f"{kind.key}Manager")
        self.kind = kind
        self._kept: str | None = None
        """The record chosen when the rows were last swapped, chosen again after."""
        self._deleted_here: dict[str, bool] = {}
        """The records the coordinator asked to delete here, by id, oldest first: True
        while the last read no longer listed them. One listed again (its deletion undone)
        is chosen again, so the coordinator sees what came back where they left it."""
        self._columns_fitted = False
        self.read_only: str | None = None
        """Why this program may not be changed here, or None."""
        self.model = RecordTableModel(database, kind, tasks, self)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.rowsRead.connect(self._rows_read)
        self.model.readFailed.connect(self._read_failed)
        self.proxy = RecordSearch(self.model, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("RecordKinds", "Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.search_for)
        self.search.textChanged.connect(self._say_if_nothing_found)
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
        self.problem = QLabel(self)
        self.problem.setObjectName("readProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.nothing_found = QLabel(self)
        self.nothing_found.setObjectName("nothingFound")
        self.nothing_found.setWordWrap(True)
        self.nothing_found.hide()
        # Enter on a chosen row edits it, as a double click does and as Enter does in
        # the calendar; no button is the dialog's default, which Enter would press.
        self.table.activated.connect(lambda _index: self._edit())
        self.new_button = QPushButton(translate("Records", "New…"), self)
        self.edit_button = QPushButton(translate("Records", "Edit…"), self)
        self.delete_button = QPushButton(translate("Records", "Delete"), self)
        self.new_button.clicked.connect(lambda: create(self))
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self._edit_action = edit
        self._delete_action = delete
        # The Delete key does what the button does, only while the list has the keyboard:
        # in the search box it deletes characters.
        self.delete_key = QAction(translate("Records", "Delete"), self.table)
        self.delete_key.setShortcuts(QKeySequence.StandardKey.Delete)
        self.delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_key.setAutoRepeat(False)  # a key held down asks once
        self.delete_key.triggered.connect(self._delete)
        self.table.addAction(self.delete_key)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.nothing_found)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        self.resize(760, 460)
        self._update_buttons()
        follow_window_read_only(self, self.set_read_only)
        once_painted(self, self.model.reload)

    def selected(self) -> tuple[str, str] | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return index.data(ID_ROLE), index.data(TITLE_ROLE)

    def set_read_only(self, reason: str) -> None:
        """Turn New, Edit and Delete off for good, with ``reason`` as their tooltip."""
        self.read_only = reason
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected()
        editable = self.read_only is None
        self.new_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and chosen is not None)
        self.delete_button.setEnabled(editable and chosen is not None)
        self.delete_key.setEnabled(editable and chosen is not None)
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setToolTip(self.read_only or "")
        if chosen is not None:
            self.recordSelected.emit(self.kind.model.__name__, chosen[0])

    def _edit(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._edit_action(chosen[0], self)

    def _delete(self) -> None:
        chosen = self.selected()
        if chosen is not None and self.read_only is None:
            self._deleted_here.pop(chosen[0], None)  # the latest request last
            self._deleted_here[chosen[0]] = False
            self._delete_action(chosen[0], chosen[1], self)

    def reload(self) -> None:
        """Read the list again (after a change): the rows are swapped when read."""
        self.model.reload()

    def lists_ready(self) -> bool:
        """True once the rows of the latest read are shown."""
        return not self.model.loading

    def _keep_selection(self) -> None:
        chosen = self.selected()
        self._kept = chosen[0] if chosen is not None else None

    def _say_if_nothing_found(self, *_args: object) -> None:
        """Under a list the search has emptied, what ``records KIND --search`` says in
        its place (:func:`nothing_found`); nothing while the rows are still coming."""
        text = self.search.text()
        empty = (
            bool(search_words(text))
            and not self.model.loading
            and self.problem.isHidden()
            and not self.proxy.rowCount()
        )
        self.nothing_found.setText(nothing_found(text) if empty else "")
        self.nothing_found.setVisible(empty)

    def _rows_read(self) -> None:
        self.problem.hide()
        self._say_if_nothing_found()
        if not self._columns_fitted and self.model.rowCount():
            self._columns_fitted = True
            self.table.resizeColumnsToContents()
            self._widen_to_columns()
        kept, self._kept = self._kept, None
        for record_id in (self._returned(), kept):
            if record_id is not None and self._choose(record_id):
                return  # the selection changed, and the buttons followed it
        self._update_buttons()

    def _widen_to_columns(self) -> None:
        """Widen the window, once its columns are fitted to what they hold, so that every
        column is seen whole (a venue's city, a delegation's departure), as far as the
        screen allows; a list wider than that scrolls sideways."""
        header = self.table.horizontalHeader()
        shown = [column for column in range(header.count()) if not header.isSectionHidden(column)]
        # The last column stretches to the edge, and never below the header's default.
        needed = sum(header.sectionSize(column) for column in shown[:-1])
        if shown:
            needed += max(header.sectionSize(shown[-1]), header.defaultSectionSize())
        needed += 2 * self.table.frameWidth()
        needed += self.table.verticalScrollBar().sizeHint().width()
        layout = self.layout()
        if layout is not None:
            margins = layout.contentsMargins()
            needed += margins.left() + margins.right()
        screen = self.screen()
        wanted = needed
        if screen is not None:
            wanted = min(needed, int(screen.availableGeometry().width() * 0.9))
        if wanted > self.width():
            self.resize(wanted, self.height())

    def _returned(self) -> str | None:
        """The record deleted here that this read lists again after one that did not (an
        undo brought it back), or None. Of several, the one deleted first: undo brings
        the records back last deleted first, so it is the one the last undo restored."""
        returned = None
        for record_id, gone in self._deleted_here.items():
            listed = self.model.row_of(record_id) >= 0
            if gone and listed and returned is None:
                returned = record_id
            self._deleted_here[record_id] = not listed
        return returned

    def _choose(self, record_id: str) -> bool:
        """Choose the record in the list and scroll to it; False when it is not shown
        (not read, or hidden by the search)."""
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _read_failed(self, reason: str) -> None:
        # The words the calendar files' tool says when the program cannot be read.
        self.problem.setText(
            translate("CalendarFiles", "Cannot read the program: {error}").format(error=reason)
        )
        self.problem.show()
        self._say_if_nothing_found()  # the list was not read: nothing was searched
