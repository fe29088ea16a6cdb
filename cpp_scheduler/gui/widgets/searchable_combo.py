"""A combo box the coordinator types into to find one item of a long list."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from cpp_scheduler.gui.choices import SEARCH_ROLE
from cpp_scheduler.gui.widgets.word_offer import offer_by_words, offer_found, search_model


class SearchableComboBox(QComboBox):
    """Pick one record, zone or country by typing words of its name.

    The popup of suggestions lists the items that hold every word typed, by the record
    managers' search rule (:class:`~cpp_scheduler.gui.choices.ChoiceSearch`: anywhere,
    in any order, whatever the case or accents: "lim" finds "America/Lima", "huaman"
    finds Huamán, "housing peru" finds "Peru: Ministry of Housing"); a record given with
    its manager's row is found by it too (a person by their address). Only items of the
    list are values: text
    that matches none leaves :meth:`selectedData` at ``None`` and :meth:`hasUnknownText`
    true, so the dialog can say so beside the field instead of guessing.

    With :meth:`setNoneLabel`, an empty choice is offered first and empty text means it.

    Signals:
        selectionChanged: the chosen item or the typed text changed.
    """

    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._none_label: str | None = None
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.setMaxVisibleItems(15)
        self._search = offer_by_words(self)
        self.currentTextChanged.connect(self._text_changed)
        editor = self.lineEdit()
        assert editor is not None
        editor.textEdited.connect(self._typed)

    def _text_changed(self, _text: str) -> None:
        self.selectionChanged.emit()

    def _typed(self, text: str) -> None:
        offer_found(self, self._search, text)

    def searchedCount(self) -> int:
        """How many items the words typed last find."""
        return self._search.rowCount()

    def setNoneLabel(self, label: str | None) -> None:
        """Offer an empty choice shown as ``label`` ("No venue"); ``None`` removes it."""
        self._none_label = label
        editor = self.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(label or "")

    def setChoices(self, choices: Iterable[tuple[str, Any] | tuple[str, Any, str]]) -> None:
        """Replace the items by ``(text, data)`` pairs, or ``(text, data, searched)``
        triples whose third is what else a search finds the item by (folded as a search
        compares it: :func:`~cpp_scheduler.gui.choices.choice_search_text`), keeping the
        current choice if
        listed, and text typed that names no item, where the cursor left it: a list read
        in the background may come while the coordinator types, and the text may name
        one of its items."""
        with self._choice_kept():
            self.clear()
            if self._none_label is not None:
                self.addItem(self._none_label, None)
            for text, data, *searched in choices:
                self.addItem(text, data)
                if searched:
                    self.setItemData(self.count() - 1, searched[0], SEARCH_ROLE)

    def setListModel(self, model: QAbstractItemModel) -> None:
        """Offer the items of ``model`` (one column, the display text and the data of
        each item as :meth:`setChoices` gives them), which other combo boxes may share:
        a long list built once (every zone) rather than for each editor. The current
        choice and text typed are kept as :meth:`setChoices` keeps them."""
        if model is self.model():
            return
        with self._choice_kept():
            self.setModel(model)
            search_model(self, self._search)

    @contextmanager
    def _choice_kept(self) -> Iterator[None]:
        """Change the items within, keeping the current choice where it is still listed
        and text typed that names no item, where the cursor left it; the change is said
        once, after (:attr:`selectionChanged`), not item by item."""
        kept = self.selectedData()
        editor = self.lineEdit()
        typed = self.currentText() if kept is None else ""
        cursor = editor.cursorPosition() if editor is not None else 0
        self.blockSignals(True)
        try:
            yield
            self._select(kept)
            if typed:
                self.setEditText(typed)
                if editor is not None:
                    editor.setCursorPosition(cursor)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()

    def selectedData(self) -> Any:
        """The data of the item whose text is in the field, or ``None``: the item
        chosen, where two items have the same text (two people of one name, told apart
        by their address), else the first of that text."""
        text = self.currentText().strip()
        if not text:
            return None
        current = self.currentIndex()
        if current >= 0 and self.itemText(current).strip().casefold() == text.casefold():
            return self.itemData(current)
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.itemData(index) if index >= 0 else None

    def hasUnknownText(self) -> bool:
        """True when the field holds text that names no item of the list."""
        text = self.currentText().strip()
        return bool(text) and self.findText(text, Qt.MatchFlag.MatchFixedString) < 0

    def setSelectedData(self, data: Any) -> None:
        """Choose the item carrying ``data``; ``None`` or unknown data empties the field."""
        self._select(data)

    def setSelectedDataUnlessTyped(self, data: Any) -> None:
        """Choose the item carrying ``data``, unless the field holds text. An editor
        shows its stored choice this way once the list is in: a list read in the
        background may come after the coordinator began to type, and what they typed is
        theirs to finish."""
        if not self.currentText().strip():
            self._select(data)

    def _select(self, data: Any) -> None:
        index = self.findData(data) if data is not None else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText("")
        editor = self.lineEdit()
        if editor is not None and not self.hasFocus():
            # A name longer than the field shows its beginning ("Peru: Ministry of ..."),
            # not its end, which the cursor left after the text would scroll to.
            editor.setCursorPosition(0)
