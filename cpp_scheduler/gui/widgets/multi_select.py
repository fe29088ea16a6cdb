"""Choosing several records from a long list: attendees, themes, cities, events."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from cpp_scheduler.gui.choices import ChoiceListModel, ChoiceSearch, SearchedChoices
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.services.rows import Choice


class MultiSelectList(QWidget):
    """A search field over a list of check boxes, and a line saying what is chosen.

    Typing in the search field narrows the list to the records that hold every word
    typed, on their line or in their row of the record managers, by the managers' rule
    (:class:`~cpp_scheduler.gui.choices.ChoiceSearch`); chosen records stay chosen
    while hidden. Space or a click toggles one.

    Signals:
        checkedChanged: the set of chosen records changed.
    """

    checkedChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChoiceListModel(self, checkable=True)
        self.proxy = ChoiceSearch(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(translate("MultiSelect", "Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.search_for)
        self.view = QListView(self)
        self.view.setObjectName("choices")
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A long name keeps its beginning, as one reads it; its tooltip holds it whole.
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
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
        ids = self.model.checked_ids()
        if not ids:
            self.summary.setText(translate("MultiSelect", "None chosen."))
        else:
            # Four named, the rest counted: a list of thousands chosen names no more.
            shown = "; ".join(self.model.label_of(choice_id) for choice_id in ids[:4])
            if len(ids) > 4:
                shown += translate("MultiSelect", " and {count} more").format(count=len(ids) - 4)
            self.summary.setText(
                translate("MultiSelect", "{count} chosen: {names}").format(
                    count=len(ids), names=shown
                )
            )
        self.checkedChanged.emit()

    def setPlaceholderText(self, text: str) -> None:
        self.search.setPlaceholderText(text)

    def setChoices(self, choices: Iterable[Choice] | SearchedChoices) -> None:
        """List ``choices``: a long list with the search texts a worker prepared
        (:func:`~cpp_scheduler.gui.choices.searched_choices`)."""
        self.model.set_choices(choices)

    def checkedIds(self) -> list[str]:
        return self.model.checked_ids()

    def setCheckedIds(self, ids: Iterable[str]) -> None:
        self.model.set_checked_ids(ids)

    def markedWidgets(self) -> list[QWidget]:
        return [self.view]
