"""The Agenda: every filtered event in a sortable table, scrolled to the chosen day.

A plain :class:`QTableView` over the filter proxy with uniform row heights, so 10,000
events scroll and sort without delay (sorting happens in the source model, in Python).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n
from cpp_scheduler.gui.eventmodel import Column, EventFilterProxy, Roles
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.views.base import CalendarView, instants_holding
from cpp_scheduler.model import EventKind, EventMode, EventStatus
from cpp_scheduler.services.meeting_words import listed_days, listed_times
from cpp_scheduler.services.rows import OccurrenceKey

HIDEABLE = (
    Column.END,
    Column.KIND,
    Column.STATUS,
    Column.MODE,
    Column.VENUE,
    Column.CITY,
    Column.DELEGATIONS,
)
"""The columns the header's menu may hide: a meeting is always named by when it starts
and what it is."""

NATURAL_WIDTHS = {Column.TITLE: 280, Column.VENUE: 190, Column.DELEGATIONS: 160}
"""The widths of the columns of free text, where the table has room for them."""

NARROWEST = {Column.TITLE: 220, Column.VENUE: 120, Column.CITY: 100, Column.DELEGATIONS: 110}
"""The columns that give way on a narrow table, and how far: each still reads a short
title, a venue's first words, a city, a delegation."""


GROWING = {Column.TITLE: 3, Column.DELEGATIONS: 2, Column.VENUE: 1}
"""Where a wide table's room goes, in shares: to the titles first."""


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
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sectionResized.connect(self._column_resized)
        self._natural_widths: dict[Column, int] = {}
        self._fitting = False
        self._sized_by_hand = False
        self._hidden_names: set[str] = set()
        self.table.doubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def set_model(self, model: EventFilterProxy) -> None:
        super().set_model(model)
        self.table.setModel(model)
        header = self.table.horizontalHeader()
        with self._laying_out():
            # Where an event takes place, and who takes part, matter more at a glance
            # than how it is held: on a narrow screen the mode is the column past the edge.
            header.moveSection(header.visualIndex(Column.MODE), header.count() - 1)
            if header.visualIndex(Column.CITY) > header.visualIndex(Column.VENUE):
                header.moveSection(
                    header.visualIndex(Column.CITY), header.visualIndex(Column.VENUE)
                )
        self._hide_columns()
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
            self._natural_widths = self._measure_columns()
            self._fit_columns()
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._columns_sized and not self._sized_by_hand:
            self._fit_columns()

    # -- columns ------------------------------------------------------------------------
    def hidden_columns(self) -> list[str]:
        """The columns the coordinator hid, by name (kept in the settings)."""
        return [column.name for column in HIDEABLE if self.table.isColumnHidden(column)]

    def set_hidden_columns(self, names: Iterable[str]) -> None:
        """Hide the columns named (a name no column has is passed over: settings of
        another version), show the others."""
        self._hidden_names = set(names)
        self._hide_columns()

    def _hide_columns(self) -> None:
        """Hide the columns named hidden: again when a model is set, whose new header
        shows every column."""
        with self._laying_out():
            for column in HIDEABLE:
                self.table.setColumnHidden(column, column.name in self._hidden_names)
        self._refit()

    def show_column(self, column: Column, shown: bool) -> None:
        if column in HIDEABLE:
            self._hidden_names.discard(column.name)
            if not shown:
                self._hidden_names.add(column.name)
            self._hide_columns()

    def fit_columns_to_window(self) -> None:
        """Give the columns the widths they take by themselves again, fitted to the
        table, after the coordinator widened or narrowed some by hand."""
        self._sized_by_hand = False
        self._refit()

    def _refit(self) -> None:
        if self._columns_sized and not self._sized_by_hand:
            self._fit_columns()

    def _column_menu(self, point: QPoint) -> None:
        """The header's menu: which columns the table shows, and a way back to widths
        that fit the window."""
        menu = QMenu(self)
        menu.setObjectName("agendaColumnMenu")
        menu.aboutToHide.connect(menu.deleteLater)  # made again at each right-click
        self.fill_column_menu(menu)
        menu.popup(self.table.horizontalHeader().mapToGlobal(point))

    def fill_column_menu(self, menu: QMenu) -> None:
        """Fill ``menu`` with the columns, in their order, each ticked while shown (the
        start and the title always are), and "Fit columns to the window": the header's
        right-click menu, and View > Agenda columns for the keyboard."""
        menu.clear()
        header = self.table.horizontalHeader()
        for visual in range(header.count()):
            column = Column(header.logicalIndex(visual))
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setEnabled(column in HIDEABLE)  # a meeting is named by when and what
            action.toggled.connect(lambda shown, column=column: self.show_column(column, shown))
        menu.addSeparator()
        fit = menu.addAction(translate("Agenda", "Fit columns to the window"))
        fit.triggered.connect(self.fit_columns_to_window)

    @contextmanager
    def _laying_out(self) -> Iterator[None]:
        """The columns are being moved, hidden or sized by the view itself: what Qt says
        of their widths meanwhile is no coordinator's doing."""
        self._fitting = True
        try:
            yield
        finally:
            self._fitting = False

    def _column_resized(self, column: int, old: int, new: int) -> None:
        """A column the coordinator widened or narrowed keeps its width: the columns are
        no longer fitted to the window. The last column fills what is left, whoever sizes
        the others, so its width says nothing; a column hidden or shown goes to or from
        no width at all."""
        header = self.table.horizontalHeader()
        last = max(
            (header.visualIndex(c) for c in Column if not header.isSectionHidden(c)),
            default=-1,
        )
        if self._fitting or 0 in (old, new):
            return
        if header.visualIndex(column) != last:
            self._sized_by_hand = True

    def _measure_columns(self) -> dict[Column, int]:
        """Each column's width for its widest text in the language spoken: the days and
        times as the model words them, the longest label of a vocabulary."""
        metrics = self.table.fontMetrics()
        padding = 18
        # Every weekday of every month, on two-digit days: the widest day of the
        # language's own form (2027年12月22日(水) as 22 Dec).
        days = [date(2027, month, day) for month in range(1, 13) for day in range(22, 29)]
        # Room for a clock after each time: every end names the clock it is read on,
        # and a meeting across a clock change its start's too (01:30 EDT, 02:30 EST).
        clock = metrics.horizontalAdvance(" CEST")
        # Each day's texts as the model words them (listed_times), for a meeting ending
        # the next day, whose end gives its day: the widest end; and an all-day event's
        # of a week from that day (listed_days).
        spans = [
            listed_times(start, start + timedelta(days=1), "UTC", year=True)
            for start in (datetime.combine(day, time(), UTC) for day in days)
        ]
        dated = [listed_days(day, day + timedelta(days=6), year=True) for day in days]
        starts = max(
            max(
                metrics.horizontalAdvance(span.starts) + clock,
                metrics.horizontalAdvance(listed.starts),
            )
            for span, listed in zip(spans, dated, strict=True)
        )
        ends = max(
            max(
                metrics.horizontalAdvance(span.end) + clock,
                metrics.horizontalAdvance(listed.ends),
            )
            for span, listed in zip(spans, dated, strict=True)
        )
        return {
            Column.START: starts + padding,
            Column.END: ends + padding,
            Column.TITLE: NATURAL_WIDTHS[Column.TITLE],
            Column.KIND: self._widest_label(Column.KIND, EventKind, padding),
            Column.STATUS: self._widest_label(Column.STATUS, EventStatus, padding),
            Column.MODE: self._widest_label(Column.MODE, EventMode, padding),
            Column.VENUE: NATURAL_WIDTHS[Column.VENUE],
            Column.CITY: metrics.horizontalAdvance("Kitakyushu 北九州市") + padding,
            Column.DELEGATIONS: NATURAL_WIDTHS[Column.DELEGATIONS],
        }

    def _fit_columns(self) -> None:
        """Lay the columns out across the table: each at its own width where they all
        fit, the room left to the title, the delegations and the venue; on a narrower
        table (a laptop's) the title, the venue, the partner city and the delegations give
        way, each in proportion, down to a width that still reads; past that the table
        scrolls sideways."""
        shown = [c for c in Column if not self.table.isColumnHidden(c)]
        widths = {c: self._natural_widths[c] for c in shown}
        giving = [c for c in shown if c in NARROWEST]
        room = self.table.viewport().width() - sum(widths[c] for c in shown if c not in NARROWEST)
        wished = sum(widths[c] for c in giving)
        least = sum(NARROWEST[c] for c in giving)
        if room < wished:
            # 0 at the narrowest widths, 1 at the natural ones.
            share = max(0.0, (room - least) / (wished - least)) if wished > least else 0.0
            for column in giving:
                narrowest = NARROWEST[column]
                widths[column] = narrowest + int((widths[column] - narrowest) * share)
        else:
            # A wide screen gives its room to the texts that are cut first.
            growing = {c: weight for c, weight in GROWING.items() if c in widths}
            weights = sum(growing.values())
            for column, weight in growing.items():
                widths[column] += (room - wished) * weight // weights
        with self._laying_out():
            for column, width in widths.items():
                self.table.setColumnWidth(column, width)

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
