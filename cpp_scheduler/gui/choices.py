"""The one list model of records to choose from: the sidebar's filters, the zone
selector, and the check lists of the editors (attendees, themes, cities, events)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QWidget

from cpp_scheduler.services.record_tables import found, search_words, searchable
from cpp_scheduler.services.rows import Choice

ModelIndex = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The chosen value (a record id, an enumeration's value, a zone name); None for "any"."""
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
"""The text a search looks in (:class:`ChoiceSearch`): the line's name and detail and
the record's row in its manager, folded as a search compares them."""

ANY = ""
"""The id of an "any" entry, which the id role gives as None."""


@dataclass(frozen=True, repr=False)
class SearchedChoices(Sequence[Choice]):
    """Choices with what a search looks in for each (:func:`choice_search_text`),
    worked out where the list is read, off the GUI thread: folding the words of ten
    thousand events takes a tenth of a second, which a list shown with them does not
    spend again (:meth:`ChoiceListModel.set_choices`). They are the choices to whoever
    reads them as such."""

    choices: Sequence[Choice]
    searched: Sequence[str]

    def __len__(self) -> int:
        return len(self.choices)

    def __iter__(self) -> Iterator[Choice]:
        return iter(self.choices)

    @overload
    def __getitem__(self, index: int) -> Choice: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Choice]: ...

    def __getitem__(self, index: int | slice) -> Choice | Sequence[Choice]:
        return self.choices[index]

    def __repr__(self) -> str:  # thousands of people are not written out whole
        return f"SearchedChoices({len(self.choices)} choices)"


def headed_by(first: Choice, choices: Sequence[Choice]) -> Sequence[Choice]:
    """``first`` (an "all" entry), then ``choices``, with the search texts prepared for
    them kept."""
    if isinstance(choices, SearchedChoices):
        return SearchedChoices(
            (first, *choices.choices), (choice_search_text(first), *choices.searched)
        )
    return [first, *choices]


def searched_choices(choices: Iterable[Choice]) -> SearchedChoices:
    """``choices`` with their search texts, for a worker to prepare (free of Qt)."""
    listed = tuple(choices)
    return SearchedChoices(listed, tuple(choice_search_text(choice) for choice in listed))


_CHOICE = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_CHECKABLE_CHOICE = _CHOICE | Qt.ItemFlag.ItemIsUserCheckable
"""A line's flags, made once: views ask each line's on every change of a search, and
the flags' enumeration combines slowly in Python (a tenth of a keystroke's time over
5,000 people)."""


class ChoiceListModel(QAbstractListModel):
    """Choices in the order given; a choice whose id is empty stands for "any".

    A checkable model gives each choice a check box: the checked ones are the chosen.

    Signals:
        checkedChanged: a choice was checked or unchecked (checkable models only).
    """

    checkedChanged = Signal()

    def __init__(self, parent: QWidget | None = None, *, checkable: bool = False) -> None:
        super().__init__(parent)
        self._checkable = checkable
        self._choices: list[Choice] = []
        self._searched: list[str] | None = []
        self._rows_by_name: dict[str, int] | None = None
        self._checked: set[str] = set()
        self.listing = 0
        """Counts the lists given (:meth:`set_choices`): what was worked out over an
        earlier one is not taken for this one's."""

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return None
        choice = self._choices[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return choice.name
        if role in (ID_ROLE, Qt.ItemDataRole.UserRole):  # a combo box's currentData()
            return choice.id or None
        if role == DETAIL_ROLE:
            return choice.detail
        if role == SEARCH_ROLE:
            return self._search_texts()[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{choice.name}\n{choice.detail}" if choice.detail else choice.name
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable:
            checked = choice.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _CHECKABLE_CHOICE if self._checkable else _CHOICE

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._checkable or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
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

    def set_choices(self, choices: Iterable[Choice] | SearchedChoices) -> None:
        """List ``choices`` (with their search texts where a worker prepared them:
        :func:`searched_choices`); the checked ones still listed stay checked."""
        self.beginResetModel()
        self.listing += 1
        if isinstance(choices, SearchedChoices):
            self._choices = list(choices.choices)
            self._searched = list(choices.searched)
        else:
            self._choices = list(choices)
            self._searched = None  # worded when a search first asks (a filter's list never)
        self._rows_by_name = None
        self._checked &= {choice.id for choice in self._choices}
        self.endResetModel()
        if self._checkable:
            self.checkedChanged.emit()

    def _search_texts(self) -> list[str]:
        """Each choice's search text, worded once for them all when first asked: a list
        of thousands of people that no search reads (the sidebar's) costs nothing."""
        if self._searched is None:
            self._searched = [choice_search_text(choice) for choice in self._choices]
        return self._searched

    def rows_found(self, words: Sequence[str]) -> frozenset[int]:
        """The rows holding every one of ``words`` (:func:`search_words`), found in one
        pass over the list's own texts: a search of thousands asks no row through Qt."""
        return frozenset(row for row, text in enumerate(self._search_texts()) if found(text, words))

    def row_named(self, text: str) -> int:
        """The first row whose name is ``text``, whatever the case and the spaces
        around it, or -1."""
        if self._rows_by_name is None:
            self._rows_by_name = {}
            for row, choice in enumerate(self._choices):
                self._rows_by_name.setdefault(choice.name.strip().casefold(), row)
        return self._rows_by_name.get(text.strip().casefold(), -1)

    def choices(self) -> Sequence[Choice]:
        return tuple(self._choices)

    def row_of(self, value: str | None) -> int:
        """The row of the choice whose id is ``value`` (None: the "any" entry), or -1."""
        wanted = ANY if value is None else value
        for number, choice in enumerate(self._choices):
            if choice.id == wanted:
                return number
        return -1

    def value_at(self, row: int) -> str | None:
        return (self._choices[row].id or None) if 0 <= row < len(self._choices) else None

    def label_of(self, choice_id: str) -> str:
        number = self.row_of(choice_id)
        return self._choices[number].name if number >= 0 else choice_id

    def checked_ids(self) -> list[str]:
        """The chosen ids, in the order the list shows them."""
        return [choice.id for choice in self._choices if choice.id in self._checked]

    def set_checked_ids(self, ids: Iterable[str]) -> None:
        known = {choice.id for choice in self._choices}
        self._checked = {choice_id for choice_id in ids if choice_id in known}
        if self._choices:
            self.dataChanged.emit(
                self.index(0),
                self.index(len(self._choices) - 1),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.checkedChanged.emit()


def choice_search_text(choice: Choice) -> str:
    """What a search looks in for ``choice``: its line (name, detail) and its record's
    row in its manager (:attr:`Choice.searched`, folded already)."""
    return f"{searchable((choice.name, choice.detail))}\n{choice.searched}"


class ChoiceSearch(QSortFilterProxyModel):
    """The rows of a list that hold every word typed, each in any order and whatever
    the case, accents, full-width forms or kana: the record managers' search rule
    (``records KIND --search``), over each row's :data:`SEARCH_ROLE` (its display text
    where it has none).

    A search made ``anew`` lists its rows afresh at each change of words, in one
    signal: a completer's offer reads every row again at each signal, and rows taken
    away one run at a time (thousands of runs among 5,000 people) cost it seconds a
    key. Lists whose chosen row should stay chosen (a manager's, a check list's) are
    narrowed row by row.
    """

    def __init__(self, parent: QObject | None = None, *, anew: bool = False) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._anew = anew
        self._found: tuple[ChoiceListModel, int, tuple[str, ...], frozenset[int]] | None = None
        """Over a :class:`ChoiceListModel`: the rows the words find, with the list, its
        listing and the words they were found for."""

    def search_for(self, text: str) -> None:
        words = search_words(text)
        if words == self._words:
            return
        if self._anew:
            self.beginResetModel()
            self._words = words
            self.endResetModel()
        else:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        if isinstance(model, ChoiceListModel):
            return source_row in self._rows_found(model)
        index = model.index(source_row, 0, source_parent)
        text = index.data(SEARCH_ROLE)
        if not isinstance(text, str):
            text = searchable((str(index.data() or ""),))
        return found(text, self._words)

    def _rows_found(self, model: ChoiceListModel) -> frozenset[int]:
        found = self._found
        if found is None or found[:3] != (model, model.listing, self._words):
            found = (model, model.listing, self._words, model.rows_found(self._words))
            self._found = found
        return found[3]
