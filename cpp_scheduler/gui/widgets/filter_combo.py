"""A list to choose one item from, "All …" or one: the sidebar's filters and Export
calendar's choice of a record, the long lists found by typing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QListView, QWidget

from cpp_scheduler.gui.choices import ANY, ID_ROLE, ChoiceListModel, ChoiceSearch, headed_by
from cpp_scheduler.gui.widgets.word_offer import hide_offer, offer_by_words, offer_found
from cpp_scheduler.services.rows import Choice


class FilterComboBox(QComboBox):
    """A filter's list: "All …" first, then the items to filter by, one chosen.

    The filter is the current item: :attr:`currentIndexChanged` says it changed, and
    :meth:`chosenValue` gives its value (``None`` for "All …"), as ``currentData()``
    does. A list may have no "All …" (a record to choose for a file): its first item is
    chosen where nothing else is.

    A *searchable* filter is one whose list grows with the program (delegations, people:
    hundreds of names, where the keyboard of a plain list finds a name by its first
    letters only, each one applied as it is found). Its field takes words, and a popup
    lists the items holding them all, anywhere in the name or the detail beside it (a
    person's delegation or organisation, and address), in any order, whatever the case
    or accents: the record managers' search rule. The first key typed, or text pasted,
    replaces the name shown. Typing never filters the calendar by itself:

    - an item clicked in the popup, or picked with the arrow keys and Enter, is chosen;
    - Enter chooses the item the field names exactly ("All …" when it is empty), or the
      only item found; with several found it chooses none and the popup stays, to be
      narrowed or picked from (the arrow keys open it again where it was closed);
    - leaving the field for another of the window, or Escape, shows the filter in force
      again: words half typed never stand in the field for a filter the calendar does
      not apply, and leaving never applies one (Clear filters clicked with a name typed
      clears, and nothing else). Words typed wait in the field while another window is
      used.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = ChoiceListModel(self)
        self._has_all = False
        self._search: ChoiceSearch | None = None
        self.setModel(self._choices)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        view = self.view()
        if isinstance(view, QListView):  # its popup sizes one line, not each of thousands
            view.setUniformItemSizes(True)

    def setSearchable(self, searchable: bool) -> None:
        """Let the coordinator find an item by typing words of it (a list that grows
        with the program); a list made searchable stays so."""
        if not searchable or self._search is not None:
            return
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        search = offer_by_words(self)
        self._search = search
        editor = self.lineEdit()
        assert editor is not None
        editor.textEdited.connect(lambda text: offer_found(self, search, text))
        editor.returnPressed.connect(self._entered)
        self.currentIndexChanged.connect(lambda _row: self._show_chosen())

    def setChoices(
        self, entries: Sequence[Choice], chosen: Any = None, *, any_label: str | None = None
    ) -> None:
        """List ``entries`` (with their search texts where a worker prepared them:
        :class:`~cpp_scheduler.gui.choices.SearchedChoices`), after "all" named
        ``any_label`` where given, with ``chosen`` the current one where listed, else the
        first; no signal. Words being typed stay where the cursor left them: the lists
        come again with each read of the program, which a colleague's change may start
        while the coordinator types."""
        typing = self._typing()
        editor = self.lineEdit()
        cursor = editor.cursorPosition() if editor is not None else 0
        self._has_all = any_label is not None
        listed = entries if any_label is None else headed_by(Choice(ANY, any_label), entries)
        self.blockSignals(True)
        try:
            self._choices.set_choices(listed)
            self.setCurrentIndex(max(0, self._choices.row_of(chosen)) if listed else -1)
            if editor is not None:
                editor.setPlaceholderText(any_label or "")  # an emptied field means "all"
                if typing is not None:
                    editor.setText(typing)
                    editor.setCursorPosition(cursor)
                    completer = self.completer()
                    if completer is not None:  # which choosing an item set to its name
                        completer.setCompletionPrefix(typing)
                else:
                    editor.setCursorPosition(0)
        finally:
            self.blockSignals(False)

    def setChosenValue(self, value: Any) -> None:
        """Show ``value``'s item (``None``, or a value not listed: "all", else the
        first); no signal."""
        self.blockSignals(True)
        try:
            self.setCurrentIndex(max(0, self._choices.row_of(value)) if self.count() else -1)
        finally:
            self.blockSignals(False)
        self._show_chosen()

    def chosenValue(self) -> Any:
        """The value of the item chosen (an enumeration's, a record's id), or ``None``."""
        return self.currentData(ID_ROLE)

    # -- a searchable filter's field ---------------------------------------------------
    def _typing(self) -> str | None:
        """The words in the field, while they are not the name of the filter in force
        and the field holds its window's keyboard (while the window is active or not:
        words wait while another window is used)."""
        editor = self.lineEdit()
        if editor is None or self.window().focusWidget() not in (self, editor):
            return None
        text = editor.text()
        return None if text == self.itemText(self.currentIndex()) else text

    def _entered(self) -> None:
        editor = self.lineEdit()
        search = self._search
        if editor is None or search is None:
            return
        text = editor.text()
        if not text.strip() and not self._has_all:  # no "all" to mean: the choice stays
            self._show_chosen()
            editor.selectAll()
            return
        row = self._choices.row_named(text) if text.strip() else 0  # emptied: "All …"
        if row < 0 and search.rowCount() == 1:
            row = search.mapToSource(search.index(0, 0)).row()
        if row < 0:
            # Several found, or none: the words stay to be narrowed, picked from or
            # mended, and the offer, which Qt closes after Enter, is shown again then.
            QTimer.singleShot(0, self, lambda: offer_found(self, search, text))
            return
        hide_offer(self)
        self.setCurrentIndex(row)
        self._show_chosen()
        editor.selectAll()

    def _show_chosen(self) -> None:
        """The field shows the filter in force, from the beginning of its name."""
        editor = self.lineEdit()
        if editor is None:
            return
        shown = self.itemText(self.currentIndex())
        if editor.text() != shown:
            editor.setText(shown)
        if not editor.hasFocus():
            editor.setCursorPosition(0)

    # The field's focus and keys come to the combo box, which hands them to its field.
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        editor = self.lineEdit()
        returning = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
        if editor is not None and event.reason() not in returning:
            # Come to, the field's words are selected (once a click has placed the
            # cursor): typing replaces "All participants" rather than adds to it. Back
            # from a popup or another window, the words typed are as they were left.
            QTimer.singleShot(0, editor, editor.selectAll)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Qt's combo box chooses the item its field names exactly as the field is left
        # (its editingFinished): the field shows the filter in force first, so leaving
        # never applies one; left for another window, the words wait, their signals held.
        editor = self.lineEdit()
        reason = event.reason()
        if editor is None or reason == Qt.FocusReason.PopupFocusReason:
            super().focusOutEvent(event)
        elif reason == Qt.FocusReason.ActiveWindowFocusReason:
            held = editor.blockSignals(True)
            try:
                super().focusOutEvent(event)
            finally:
                editor.blockSignals(held)
        else:
            hide_offer(self)
            self._show_chosen()
            super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editor = self.lineEdit()
        if editor is None:
            super().keyPressEvent(event)
            return
        typing = self._typing() is not None
        if typing and event.key() == Qt.Key.Key_Escape:
            hide_offer(self)
            self._show_chosen()
            editor.selectAll()
            return
        if typing and self._search is not None and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            # The words' offer again (closed by Enter or a click), not the neighbour of
            # the filter in force, which would drop the words.
            offer_found(self, self._search, editor.text())
            return
        if (event.text() and event.text().isprintable()) or event.matches(
            QKeySequence.StandardKey.Paste
        ):
            self._type_over_chosen(editor)
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter chooses, or keeps the words: it is the field's, never passed on to a
            # dialog's default button (Export would write a file for the choice before).
            event.accept()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        editor = self.lineEdit()
        if editor is not None and (event.commitString() or event.preeditString()):
            self._type_over_chosen(editor)
        super().inputMethodEvent(event)

    def _type_over_chosen(self, editor: QLineEdit) -> None:
        """The first letter typed (or composed by an input method: Japanese) replaces
        the name of the filter in force, wherever the cursor was: words are typed to
        find another, never into the name shown."""
        if self._typing() is None:
            editor.selectAll()
