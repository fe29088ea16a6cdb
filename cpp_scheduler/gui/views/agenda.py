"""The Agenda: every filtered event in a sortable table, scrolled to the chosen day.

A plain :class:`QTableView` over the filter proxy with uniform row heights, so 10,000
events scroll and sort without delay (sorting happens in the source model, in Python).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from cpp_scheduler.gui.eventmodel import Column, EventFilterProxy, Roles, day_bounds
from cpp_scheduler.gui.views.base import CalendarView


class AgendaView(CalendarView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableView(self)
        self.table.setObjectName("agendaTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def set_model(self, model: EventFilterProxy) -> None:
        super().set_model(model)
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(Column.START,
                                                      Qt.SortOrder.AscendingOrder)
        widths = {Column.START: 170, Column.END: 110, Column.TITLE: 300, Column.KIND: 150,
                  Column.STATUS: 90, Column.MODE: 100, Column.VENUE: 200, Column.CITY: 110}
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.eventSelected.emit(current.data(Roles.EVENT_ID))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.eventActivated.emit(index.data(Roles.EVENT_ID))

    def set_anchor(self, day: date) -> None:
        super().set_anchor(day)
        self.scroll_to_anchor()

    def scroll_to_anchor(self) -> None:
        """Bring the first event of the anchor day (or after it) to the top."""
        model = self.model
        if model.rowCount() == 0 or model.event_model.sort_column != Column.START:
            return
        start = day_bounds(self.anchor, self.zone)[0]
        low, high = 0, model.rowCount()
        while low < high:  # rows are in start order: bisect through the proxy
            middle = (low + high) // 2
            if model.index(middle, 0).data(Roles.START_UTC) < start:
                low = middle + 1
            else:
                high = middle
        target = model.index(min(low, model.rowCount() - 1), 0)
        self.table.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtTop)

    def step(self, direction: int) -> date:
        return self.anchor + timedelta(days=7 * direction)

    def title(self) -> str:
        return f"Agenda from {self.anchor:%d %B %Y}"

    def set_selected(self, event_id: str | None) -> None:
        super().set_selected(event_id)
        if event_id is None:
            return
        current = self.table.currentIndex()
        if current.isValid() and current.data(Roles.EVENT_ID) == event_id:
            return
        row = self.model.proxy_row_of(event_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
