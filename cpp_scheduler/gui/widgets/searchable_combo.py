"""A combo box the coordinator types into to find one item of a long list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget


class SearchableComboBox(QComboBox):
    """Pick one record, zone or country by typing any part of its name.

    The popup of suggestions matches anywhere in the text, ignoring case ("lim" finds
    "America/Lima" and "Lima housing ministry"). Only items of the list are values: text
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
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.currentTextChanged.connect(self._text_changed)

    def _text_changed(self, _text: str) -> None:
        self.selectionChanged.emit()

    def setNoneLabel(self, label: str | None) -> None:
        """Offer an empty choice shown as ``label`` ("No venue"); ``None`` removes it."""
        self._none_label = label
        editor = self.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(label or "")

    def setChoices(self, choices: Iterable[tuple[str, Any]]) -> None:
        """Replace the items by ``(text, data)`` pairs, keeping the current choice if
        listed, and text typed that names no item, where the cursor left it: a list read
        in the background may come while the coordinator types, and the text may name
        one of its items."""
        kept = self.selectedData()
        editor = self.lineEdit()
        typed = self.currentText() if kept is None else ""
        cursor = editor.cursorPosition() if editor is not None else 0
        self.blockSignals(True)
        try:
            self.clear()
            if self._none_label is not None:
                self.addItem(self._none_label, None)
            for text, data in choices:
                self.addItem(text, data)
            self._select(kept)
            if typed:
                self.setEditText(typed)
                if editor is not None:
                    editor.setCursorPosition(cursor)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()

    def selectedData(self) -> Any:
        """The data of the item whose text is in the field, or ``None``."""
        text = self.currentText().strip()
        if not text:
            return None
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
