"""Choosing several records from a long list: attendees, themes, cities, events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from cpp_scheduler.gui.translations import translate
from cpp_scheduler.services.rows import Choice

ModelIndex = QModelIndex | QPersistentModelIndex


class ChoiceListModel(QAbstractListModel):
    """Records with a check box each; the checked ones are the chosen ones.

    Roles: the display role is the label, the tooltip role the detail, ``IdRole`` the
    record's id and ``SearchRole`` the text a filter matches (label and detail).

    Signals:
        checkedChanged: a record was chosen or left out.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    SearchRole = Qt.ItemDataRole.UserRole + 2

    checkedChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: list[Choice] = []
        self._checked: set[str] = set()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return None
        choice = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{choice.name}\n{choice.detail}" if choice.detail else choice.name
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = choice.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == self.IdRole:
            return choice.id
        if role == self.SearchRole:
            return f"{choice.name} {choice.detail}"
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._choices):
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        choice_id = self._choices[index.row()].id
        if state == Qt.CheckState.Checked.value:
            self._checked.add(choice_id)
        else:
            self._checked.discard(choice_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit()
        return True

    def setChoices(self, choices: Iterable[Choice]) -> None:
        self.beginResetModel()
        self._choices = list(choices)
        known = {choice.id for choice in self._choices}
        self._checked &= known
        self.endResetModel()
        self.checkedChanged.emit()

    def choices(self) -> Sequence[Choice]:
        return tuple(self._choices)

    def checkedIds(self) -> list[str]:
        """The chosen ids, in the order the list shows them."""
        return [choice.id for choice in self._choices if choice.id in self._checked]

    def setCheckedIds(self, ids: Iterable[str]) -> None:
        known = {choice.id for choice in self._choices}
        self._checked = {choice_id for choice_id in ids if choice_id in known}
        if self._choices:
            self.dataChanged.emit(
                self.index(0),
                self.index(len(self._choices) - 1),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.checkedChanged.emit()

    def labelOf(self, choice_id: str) -> str:
        for choice in self._choices:
            if choice.id == choice_id:
                return choice.name
        return choice_id


class MultiSelectList(QWidget):
    """A search field over a list of check boxes, and a line saying what is chosen.

    Typing in the search field narrows the list to records whose name or detail contains
    the text; chosen records stay chosen while hidden. Space or a click toggles one.

    Signals:
        checkedChanged: the set of chosen records changed.
    """

    checkedChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChoiceListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(ChoiceListModel.SearchRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(translate("MultiSelect", "Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView(self)
        self.view.setObjectName("choices")
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setMinimumHeight(110)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self.setFocusProxy(self.search)
        QWidget.setTabOrder(self.search, self.view)
        self.model.checkedChanged.connect(self._checked_changed)
        self._checked_changed()

    def _checked_changed(self) -> None:
        ids = self.model.checkedIds()
        if not ids:
            self.summary.setText(translate("MultiSelect", "None chosen."))
        else:
            names = [self.model.labelOf(choice_id) for choice_id in ids]
            shown = "; ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
            self.summary.setText(f"{len(ids)} chosen: {shown}")
        self.checkedChanged.emit()

    def setPlaceholderText(self, text: str) -> None:
        self.search.setPlaceholderText(text)

    def setChoices(self, choices: Iterable[Choice]) -> None:
        self.model.setChoices(choices)

    def checkedIds(self) -> list[str]:
        return self.model.checkedIds()

    def setCheckedIds(self, ids: Iterable[str]) -> None:
        self.model.setCheckedIds(ids)

    def markedWidgets(self) -> list[QWidget]:
        return [self.view]
