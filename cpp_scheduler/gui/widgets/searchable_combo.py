"""A combo box the coordinator types into to find one item of a long list."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QListView, QWidget

from cpp_scheduler.gui.choices import SEARCH_ROLE, ChoiceListModel, ChoiceSearch


def offer_by_words(combo: QComboBox) -> ChoiceSearch:
    """Give the editable ``combo`` a popup of the items of its model holding every word
    typed, by the record managers' search rule; :func:`offer_found` shows it as words
    are typed. A combo given another model searches it through :func:`search_model`."""
    search = ChoiceSearch(combo, anew=True)
    completer = QCompleter(search, combo)
    # The search chooses the rows; the completer shows them all, as they are.
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    popup = completer.popup()
    if isinstance(popup, QListView):  # each line sized once, not each of thousands
        popup.setUniformItemSizes(True)
    combo.setCompleter(completer)
    search_model(combo, search)
    return search


def search_model(combo: QComboBox, search: ChoiceSearch) -> None:
    """Search ``combo``'s model, the one it was given last: Qt hands a new model to
    the combo's completer itself, which would then offer every item whatever is typed
    (all 433 zones for "lim")."""
    search.setSourceModel(combo.model())
    completer = combo.completer()
    if completer is not None and completer.model() is not search:
        completer.setModel(search)


def hide_offer(combo: QComboBox) -> None:
    """Close the offer of ``combo``'s words, where it is shown."""
    completer = combo.completer()
    popup = completer.popup() if completer is not None else None
    if popup is not None:
        popup.hide()


def offer_found(combo: QComboBox, search: ChoiceSearch, text: str) -> None:
    """Offer the items the words of ``text`` find, or hide the offer once nothing is.

    Qt makes current the first row that begins with the text, which Enter would then
    choose ("Maria" taking Maria García), and a current row puts its name in the field
    as the coordinator types: once Qt is done, only an item named exactly as typed stays
    current, so Enter keeps what was typed unless it names an item."""
    search.search_for(text)
    completer = combo.completer()
    if completer is None:
        return
    if text.strip() and search.rowCount() > 0:
        completer.complete()
        QTimer.singleShot(0, lambda: _offered(combo, text))
    else:
        hide_offer(combo)


OFFER_NAMES_MEASURED = 50
"""The offer is made as wide as the longest of its first names (a list of thousands is
not measured whole on each keystroke)."""


def _widen_to_names(combo: QComboBox, popup: QAbstractItemView) -> None:
    """An offer as wide as the names it lists, up to half the window, and on the
    screen: a narrow field (the sidebar's) would cut them where the words typed may be.
    The width is the offer's least, which Qt keeps as it sizes the offer as the field on
    each key typed (the offer does not narrow and widen again as the words grow)."""
    offered = popup.model()
    metrics = popup.fontMetrics()
    widest = max(
        (
            metrics.horizontalAdvance(str(offered.index(row, 0).data() or ""))
            for row in range(min(offered.rowCount(), OFFER_NAMES_MEASURED))
        ),
        default=0,
    )
    margins = 4 * popup.frameWidth() + 2 * metrics.averageCharWidth()
    scroll_bar = popup.verticalScrollBar().sizeHint().width()
    room = max(combo.width(), combo.window().width() // 2)
    popup.setMinimumWidth(min(widest + margins + scroll_bar, room))
    screen = combo.screen().availableGeometry()
    place = popup.geometry()
    if place.right() > screen.right():  # widened past the screen's edge: moved back
        place.moveRight(screen.right())
        place.moveLeft(max(place.left(), screen.left()))
        popup.setGeometry(place)


def _offered(combo: QComboBox, text: str) -> None:
    """Once Qt has shown the offer (and sized it as the field, each key typed): wide
    enough for its names, its current row only one named exactly as typed."""
    if not shiboken6.isValid(combo):
        return  # the field closed before Qt came back to it
    completer = combo.completer()
    popup = completer.popup() if completer is not None else None
    if completer is None or popup is None or not popup.isVisible():
        return
    _widen_to_names(combo, popup)
    offered = completer.completionModel()
    named = _offered_row_named(completer, text)
    popup.setCurrentIndex(offered.index(named, 0) if named >= 0 else QModelIndex())


def _offered_row_named(completer: QCompleter, text: str) -> int:
    """The offer's row of the item named ``text`` (whatever the case and the spaces
    around it), or -1. The offer lists the search's rows one for one; over a list of
    the program's choices, the list finds the name without asking each row."""
    search = completer.model()
    source = search.sourceModel() if isinstance(search, ChoiceSearch) else None
    if isinstance(search, ChoiceSearch) and isinstance(source, ChoiceListModel):
        row = source.row_named(text)
        return search.mapFromSource(source.index(row)).row() if row >= 0 else -1
    offered = completer.completionModel()
    wanted = text.strip().casefold()
    for row in range(offered.rowCount()):
        if str(offered.index(row, 0).data() or "").strip().casefold() == wanted:
            return row
    return -1


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
