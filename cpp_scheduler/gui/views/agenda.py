"""The Agenda: every filtered event in a sortable table, scrolled to the chosen day.

A plain :class:`QTableView` over the filter proxy with uniform row heights, so 10,000
events scroll and sort without delay (sorting happens in the source model, in Python).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from cpp_scheduler import i18n
from cpp_scheduler.gui.eventmodel import Column, EventFilterProxy, Roles
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.views.base import CalendarView, instants_holding
from cpp_scheduler.model import EventKind, EventMode, EventStatus
from cpp_scheduler.services.rows import OccurrenceKey


class AgendaView(CalendarView):
    lists_everything = True  # scrolled to the anchor, but every filtered event is there

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._following_model = False
        self._columns_sized = False
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
        self.table.horizontalHeader().setSortIndicator(Column.START, Qt.SortOrder.AscendingOrder)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)
        # Qt moves the current row when rows go away; that is not the user choosing. The
        # source model announces a change before the proxy and the selection hear of it,
        # and reports it done after they have followed.
        source = model.event_model
        for about in (
            source.rowsAboutToBeRemoved,
            source.modelAboutToBeReset,
            source.layoutAboutToBeChanged,
            model.layoutAboutToBeChanged,
        ):
            about.connect(self._model_changing)
        for done in (
            source.rowsRemoved,
            source.modelReset,
            source.layoutChanged,
            model.layoutChanged,
        ):
            done.connect(self._model_settled)
        for changed in (model.layoutChanged, model.modelReset):
            changed.connect(self._lay_out_now)
        self._columns_sized = False

    def repaint_badges(self) -> None:
        self.table.viewport().update()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._columns_sized:  # when first seen, not while the window starts
            self._columns_sized = True
            self._size_columns()
        super().showEvent(event)

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        padding = 18
        # Room for a clock after each time: a meeting across a clock change names the
        # clocks of its start and its end (01:30 EDT, 02:30 EST).
        clock = metrics.horizontalAdvance(" CEST")
        widths = {
            Column.START: max(
                metrics.horizontalAdvance("Wed 28 Sep 2027  00:00"),
                metrics.horizontalAdvance("2027年9月28日(水)  00:00"),
            )
            + clock
            + padding,
            Column.END: max(
                metrics.horizontalAdvance("28 Sep 00:00"),
                metrics.horizontalAdvance("12月28日 00:00"),
            )
            + clock
            + padding,
            Column.TITLE: 280,
            Column.KIND: self._widest_label(Column.KIND, EventKind, padding),
            Column.STATUS: self._widest_label(Column.STATUS, EventStatus, padding),
            Column.MODE: self._widest_label(Column.MODE, EventMode, padding),
            Column.VENUE: 190,
            Column.CITY: metrics.horizontalAdvance("Kitakyushu 北九州市") + padding,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        # Where an event takes place matters more at a glance than how it is held.
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(Column.CITY), header.visualIndex(Column.MODE))
        header.moveSection(header.visualIndex(Column.VENUE), header.visualIndex(Column.MODE))

    def _widest_label(
        self,
        column: Column,
        vocabulary: type[EventKind] | type[EventStatus] | type[EventMode],
        padding: int,
    ) -> int:
        """The width of ``column`` for the widest label of its ``vocabulary`` in the
        language spoken, as the model shows it ("ピア・ツー・ピア・ワークショップ" is wider
        than "Peer-to-peer workshop"), and never narrower than its header with the sort
        arrow (状態 over 仮 and 確定)."""
        metrics = self.table.fontMetrics()
        widest = max(metrics.horizontalAdvance(member.label) for member in vocabulary)
        return max(widest + padding, self.table.horizontalHeader().sectionSizeHint(column))

    def _model_changing(self, *_args: object) -> None:
        self._following_model = True

    def _model_settled(self, *_args: object) -> None:
        self._following_model = False

    def _lay_out_now(self, *_args: object) -> None:
        """Lay the table out for its new rows at once, not when Qt's timer comes round:
        after the first paint, with the scroll bar's new range, the table would be
        painted a second time (thousands of rows come back when filters are cleared)."""
        if self.table.isVisible():
            self.table.executeDelayedItemsLayout()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._following_model and self.table.isVisible():
            self.occurrenceSelected.emit(current.data(Roles.ROW).occurrence_key)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.eventActivated.emit(index.data(Roles.EVENT_ID))

    def set_anchor(self, day: date) -> None:
        super().set_anchor(day)
        self.scroll_to_anchor()

    def scroll_to_anchor(self) -> None:
        """Bring the first event on the anchor day (or after it) to the top: the first
        in start order whose first day, as the calendar places it, is that day or later,
        so an all-day event on its own date is found on that date whatever the clock."""
        model = self.model
        count = model.rowCount()
        if count == 0 or model.event_model.sort_column != Column.START:
            return
        earliest = instants_holding(self.anchor, self.anchor, self.zone)[0]
        low, high = 0, count
        while low < high:  # rows are in start order: bisect through the proxy
            middle = (low + high) // 2
            if model.index(middle, 0).data(Roles.START_UTC) < earliest:
                low = middle + 1
            else:
                high = middle
        # From there, past the few rows of the day before: no row further on starts
        # before the anchor day's all-day events, which are on it on every clock.
        while low < count and model.index(low, 0).data(Roles.ROW).days_on(self.zone)[0] < (
            self.anchor
        ):
            low += 1
        target = model.index(min(low, count - 1), 0)
        self.table.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtTop)

    def step(self, direction: int) -> date:
        return self.anchor + timedelta(days=7 * direction)

    def title(self) -> str:
        return translate("Agenda", "Agenda from {day}").format(
            day=i18n.day_month_year_text(self.anchor)
            if i18n.language() != i18n.ENGLISH
            else i18n.in_english(self.anchor, "%d %B %Y")
        )

    def event_at(self, point: QPoint) -> OccurrenceKey | None:
        viewport = self.table.viewport()
        index = self.table.indexAt(viewport.mapFrom(self, point))
        return index.data(Roles.ROW).occurrence_key if index.isValid() else None

    def set_selected(self, key: OccurrenceKey | None) -> None:
        super().set_selected(key)
        if key is None:
            return
        current = self.table.currentIndex()
        if current.isValid() and key.covers(current.data(Roles.ROW)):
            return
        row = self.model.proxy_row_of(key)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
