"""The item models every calendar view follows: the events, and the filters over them.

:class:`EventTableModel` holds one :class:`~cpp_scheduler.services.rows.EventRow`
per occurrence and knows the zone times are shown in. :class:`EventFilterProxy` shows
the rows the sidebar's filters and search let through. The Day, Week, Month and Venue
views and the Agenda table all read the proxy and repaint on its signals, so an undo, an
edit or a new filter shows everywhere at once.
"""

from __future__ import annotations

import bisect
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from enum import IntEnum
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from cpp_scheduler import timezones
from cpp_scheduler.gui import style
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model import EventKind, EventMode, EventStatus
from cpp_scheduler.model.event_filter import EventFilter
from cpp_scheduler.services.meeting_words import listed_days, listed_times, meeting_lines
from cpp_scheduler.services.rows import EventRow, OccurrenceKey

AnyIndex = QModelIndex | QPersistentModelIndex


ROWS_CHANGED_IN_PLACE = 200
"""Above this many rows removed and added at once, the model is made anew instead."""


class Roles(IntEnum):
    """Named data roles: views ask for these instead of parsing display text."""

    EVENT_ID = Qt.ItemDataRole.UserRole + 1
    ROW = Qt.ItemDataRole.UserRole + 2
    """The whole :class:`EventRow`."""
    START_UTC = Qt.ItemDataRole.UserRole + 3
    END_UTC = Qt.ItemDataRole.UserRole + 4
    KIND = Qt.ItemDataRole.UserRole + 5
    STATUS = Qt.ItemDataRole.UserRole + 6
    MARKED = Qt.ItemDataRole.UserRole + 8
    """True when the meeting is in a conflict (the conflicts panel sets the marks)."""


class Column(IntEnum):
    START = 0
    END = 1
    TITLE = 2
    KIND = 3
    STATUS = 4
    MODE = 5
    VENUE = 6
    CITY = 7
    DELEGATIONS = 8


COLUMN_COUNT = len(Column)

SATURDAY_AND_SUNDAY = frozenset({5, 6})
"""The weekend the calendar shades before its clock's own is known."""

TIME_TEXTS_KEPT = 50_000
"""The start and end texts kept for repaints; past this many they are worked out anew."""

HEADERS = {
    Column.START: QT_TRANSLATE_NOOP("Headers", "Starts"),
    Column.END: QT_TRANSLATE_NOOP("Headers", "Ends"),
    Column.TITLE: QT_TRANSLATE_NOOP("Headers", "Title"),
    Column.KIND: QT_TRANSLATE_NOOP("Headers", "Kind"),
    Column.STATUS: QT_TRANSLATE_NOOP("Headers", "Status"),
    Column.MODE: QT_TRANSLATE_NOOP("Headers", "Mode"),
    Column.VENUE: QT_TRANSLATE_NOOP("Headers", "Venue"),
    Column.CITY: QT_TRANSLATE_NOOP("Headers", "Partner city"),
    Column.DELEGATIONS: QT_TRANSLATE_NOOP("Headers", "Delegations"),
}

_SORT_KEYS: dict[Column, Callable[[EventRow], Any]] = {
    Column.START: lambda row: meeting_order(row.start_utc, row.title, row.event_id),
    Column.END: lambda row: (row.end_utc, row.title.casefold()),
    Column.TITLE: lambda row: (row.title.casefold(), row.start_utc),
    Column.KIND: lambda row: (row.kind.label, row.start_utc),
    Column.STATUS: lambda row: (row.status.label, row.start_utc),
    Column.MODE: lambda row: (row.mode.label, row.start_utc),
    Column.VENUE: lambda row: (row.venue_order, row.start_utc),
    Column.CITY: lambda row: (row.city_order, row.start_utc),
    Column.DELEGATIONS: lambda row: (row.delegation_names.casefold(), row.start_utc),
}


_VOCABULARY_COLUMNS: dict[Column, tuple[str, type[EventKind | EventStatus | EventMode]]] = {
    Column.KIND: ("kind", EventKind),
    Column.STATUS: ("status", EventStatus),
    Column.MODE: ("mode", EventMode),
}


def _column_keys(column: Column, rows: list[EventRow]) -> list[Any]:
    """Each row's key of :data:`_SORT_KEYS` for ``column``, the same keys worked out for
    all rows at once: a vocabulary's labels are looked up once, not once a row (a label
    is a translation: 10,000 of them held a first sort by kind for tens of ms)."""
    vocabulary = _VOCABULARY_COLUMNS.get(column)
    if vocabulary is None:
        sort_key = _SORT_KEYS[column]
        return [sort_key(row) for row in rows]
    attribute, members = vocabulary
    labels = {member: member.label for member in members}
    value_of = operator.attrgetter(attribute)
    return [(labels[value_of(row)], row.start_utc) for row in rows]


class EventTableModel(QAbstractTableModel):
    """The program's event occurrences, one row each, with times in the display zone.

    Rows are kept in the order of the last :meth:`sort` (start time at first); the
    calendar views find the events of a period through :meth:`rows_between`, which uses
    an index by start time instead of scanning every row.

    Signals:
        displayZoneChanged(str): the zone times are shown in has changed.
        marksChanged(): other meetings are marked as in a conflict
            (:meth:`set_marked_occurrences`); the views repaint their badges.
    """

    displayZoneChanged = Signal(str)
    marksChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = []
        self._zone = timezones.TOKYO
        self._weekend = SATURDAY_AND_SUNDAY
        self._sort_column = Column.START
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._by_start: list[EventRow] | None = None
        """The rows by start (then title), whatever order the table shows them in."""
        self._starts: list[datetime] = []
        self._search_texts: list[str] | None = None
        self._search_texts_follow: list[EventRow] = []
        """The rows, in the order the search texts were last put in: a sort leaves the
        texts to be put in the new order when next asked for (a search), not at once."""
        self._longest = timedelta(0)
        self._leaving: frozenset[int] = frozenset()
        """Rows being removed (by ``id``): the proxy and the views ask before they are
        gone."""
        self._marked: frozenset[OccurrenceKey] = frozenset()
        self._orders: dict[Column, list[EventRow]] = {}
        """The rows in ascending order of each column sorted by since they last changed:
        sorting by a column again is taking its order (or its reverse)."""
        self._answers = self._role_answers()
        self._time_texts: dict[tuple[int, datetime, datetime, bool, str], str] = {}
        """The start and end texts shown, in the display zone."""

    # -- Qt's interface ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return translate("Headers", HEADERS[Column(section)])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked several times for every cell painted: one lookup of the role, and an
        # invalid index (row -1) falls out of the range check.
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        answer = self._answers.get(role)
        return None if answer is None else answer(self._rows[number], index.column())

    def answer(self, number: int, column: int, role: int) -> Any:
        """What :meth:`data` answers for row ``number`` (a valid one), without an index:
        the filter's table asks for the cells it shows."""
        answer = self._answers.get(role)
        return None if answer is None else answer(self._rows[number], column)

    def _role_answers(self) -> dict[int, Callable[[EventRow, int], Any]]:
        """What :meth:`data` answers, by role (the roles a view asks and this model does
        not answer are not there)."""
        answers: dict[Any, Callable[[EventRow, int], Any]] = {
            Qt.ItemDataRole.DisplayRole: self._display,
            Roles.EVENT_ID: lambda row, _column: row.event_id,
            Roles.ROW: lambda row, _column: row,
            Roles.START_UTC: lambda row, _column: row.start_utc,
            Roles.END_UTC: lambda row, _column: row.end_utc,
            Roles.KIND: lambda row, _column: row.kind.value,
            Roles.STATUS: lambda row, _column: row.status.value,
            Roles.MARKED: lambda row, _column: self.is_marked(row),
            Qt.ItemDataRole.DecorationRole: self._decoration,
            Qt.ItemDataRole.ForegroundRole: self._foreground,
            Qt.ItemDataRole.FontRole: self._font,
            Qt.ItemDataRole.ToolTipRole: lambda row, _column: self.tooltip(row),
        }
        # Keyed by plain numbers: the role Qt hands over is one.
        return {int(role): answer for role, answer in answers.items()}

    def _decoration(self, row: EventRow, column: int) -> QIcon | None:
        if column == Column.TITLE and self.is_marked(row):
            return _conflict_icon()
        return None

    def _foreground(self, row: EventRow, column: int) -> QBrush | None:
        if row.status is EventStatus.CANCELLED:
            return QBrush(QColor(style.MUTED_TEXT))
        if column == Column.KIND:
            return QBrush(style.kind_colour(row.kind))
        return None

    def _font(self, row: EventRow, column: int) -> QFont | None:
        if row.status is EventStatus.CANCELLED or (
            row.status is EventStatus.TENTATIVE and column == Column.TITLE
        ):
            font = QFont()
            font.setStrikeOut(row.status is EventStatus.CANCELLED)
            font.setItalic(row.status is EventStatus.TENTATIVE)
            return font
        return None

    def _display(self, row: EventRow, column: int) -> str | None:
        if column <= Column.END:
            # Worked out once per meeting and zone: the days and hours of the rows on
            # screen are asked again at every repaint.
            key = (column, row.start_utc, row.end_utc, row.all_day, row.zone)
            text = self._time_texts.get(key)
            if text is None:
                if len(self._time_texts) > TIME_TEXTS_KEPT:
                    self._time_texts.clear()
                text = self._time_texts[key] = self._time_text(row, column)
            return text
        if column == Column.TITLE:
            return row.shown_title
        if column == Column.KIND:
            return row.kind.label
        if column == Column.STATUS:
            return row.status.label
        if column == Column.MODE:
            return row.mode.label
        if column == Column.VENUE:
            return row.venue_name
        if column == Column.CITY:
            return row.city_name
        if column == Column.DELEGATIONS:
            return row.delegation_names
        return None

    def _time_text(self, row: EventRow, column: int) -> str:
        """When a meeting starts (``Column.START``) or ends, in the display zone."""
        if row.all_day:
            # Dates, the same in every display zone: an all-day event has no hours. In
            # the parts ``events list`` prints them from (listed_days).
            days = listed_days(row.first_date, row.last_date, year=True)
            return days.starts if column == Column.START else days.ends
        # The two columns are one range, in the parts ``events list`` prints it from
        # (listed_times): the clock named after the end, each end its own across a change.
        times = listed_times(row.start_utc, row.end_utc, self._zone, year=True)
        return times.starts if column == Column.START else times.ends

    def tooltip(self, row: EventRow) -> str:
        """All of a meeting, as a view's tooltip tells it, in the words ``events show``
        prints (:func:`~cpp_scheduler.services.meeting_words.meeting_lines`): its title
        in bold, then its times on the clock shown and the rest."""
        title, *rest = meeting_lines(row, self._zone)
        return "<br>".join([f"<b>{_escape(title)}</b>", *map(_escape, rest)])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows in Python: a sort of 10,000 rows takes milliseconds here,
        where a proxy comparing through ``data()`` would take most of a second.

        The rows are always in the order of the last sort (new rows go in their place),
        so asking for that order again changes nothing and costs nothing; each column's
        order is worked out once, until rows come or go."""
        if not 0 <= column < len(Column):
            return
        if Column(column) == self._sort_column and order == self._sort_order:
            return
        self._sort_column = Column(column)
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        rows = self._rows
        ascending = self._orders.get(self._sort_column)
        if ascending is None:
            keys = _column_keys(self._sort_column, rows)
            numbers = sorted(range(len(rows)), key=keys.__getitem__)
            ascending = self._orders[self._sort_column] = [rows[number] for number in numbers]
        self._rows = (
            ascending[::-1] if self._sort_order == Qt.SortOrder.DescendingOrder else ascending[:]
        )
        persistent = self.persistentIndexList()
        if persistent:
            # A selection follows its row (a few rows, each looked for where it went).
            moved_to: dict[int, int] = {}
            for index in persistent:
                number = index.row()
                if number not in moved_to:
                    moved_to[number] = self._rows.index(rows[number])
            self.changePersistentIndexList(
                persistent,
                [self.index(moved_to[index.row()], index.column()) for index in persistent],
            )
        self.layoutChanged.emit()

    # -- contents ------------------------------------------------------------------------
    def _sort_rows(self) -> None:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        self._rows.sort(key=_SORT_KEYS[self._sort_column], reverse=descending)
        self._by_start = None
        self._search_texts = None
        # In ascending order the rows are the column's order: the first click on its
        # header (turning it round) need not work it out again.
        self._orders = {} if descending else {self._sort_column: list(self._rows)}

    # -- conflict marks ------------------------------------------------------------------
    @property
    def marked_occurrences(self) -> frozenset[OccurrenceKey]:
        return self._marked

    def is_marked(self, row: EventRow) -> bool:
        """True when the conflicts panel marked this meeting (of a series, this one
        meeting: the others of the series are not in the conflict)."""
        return bool(self._marked) and row.occurrence_key in self._marked

    def set_marked_occurrences(self, keys: Iterable[OccurrenceKey]) -> None:
        """Mark the meetings that are in a conflict; every view paints a badge on them.

        A mark is a badge painted over a row, neither a value the filters read nor one
        a view lays its period out by: the change is told by ``marksChanged``, on which
        the views repaint, not as ``dataChanged``, on which the filter proxy would judge
        every row again and every view, hidden ones too, lay out its period anew: tens
        of milliseconds on the GUI thread each time a check's answer arrives."""
        marked = frozenset(keys)
        if marked == self._marked:
            return
        self._marked = marked
        self.marksChanged.emit()

    def set_rows(self, rows: Iterable[EventRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def replace_events(self, event_ids: Iterable[str], rows: Iterable[EventRow]) -> bool:
        """Swap the rows of the given events for ``rows`` (fewer, more or none); false
        when they are the rows shown already, and nothing changed.

        A few rows (an edit, a colleague's change) are removed and inserted in place, so
        the views keep their selection and scroll; many (an import of thousands) make the
        model anew in one sort, as row-by-row inserts would take the window for seconds."""
        wanted = set(event_ids)
        doomed = [number for number, row in enumerate(self._rows) if row.event_id in wanted]
        new_rows = list(rows)
        if len(doomed) == len(new_rows) and Counter(self._rows[n] for n in doomed) == Counter(
            new_rows
        ):
            # The rows shown are already those read (a drop shown where it landed, at
            # the version its save left): nothing changes, and nothing is laid out again.
            return False
        self._replace_rows(doomed, new_rows)
        return True

    def show_moved(
        self, key: OccurrenceKey, start: datetime, end: datetime, version: int | None = None
    ) -> None:
        """Show one meeting at the times it was just moved to, and its event's rows at
        the ``version`` the move left, until the read of the event
        (:meth:`replace_events`) brings what the store holds; nothing when ``key`` names
        more than one meeting."""
        rows, event_id = self._rows, key.event_id
        of_event = [number for number, row in enumerate(rows) if row.event_id == event_id]
        covered = [number for number in of_event if key.covers(rows[number])]
        if len(covered) != 1:
            return
        moved = rows[covered[0]]
        version = moved.version if version is None else version
        shown = {
            number: rows[number]._replace(version=version)
            for number in of_event
            if rows[number].version != version
        }
        # A meeting of a series moved by itself is a moved meeting, as the store will
        # hold it (the move records a change of that one meeting), and is marked so;
        # one dropped back on its own time and length is put back, unmarked.
        shown[covered[0]] = moved._replace(
            start_utc=start,
            end_utc=end,
            version=version,
            moved=moved.recurrence_id is not None
            and not self._put_back(moved, [rows[n] for n in of_event], start, end),
        )
        if shown[covered[0]] == moved:
            del shown[covered[0]]
        if not shown:
            return
        if all(self._stays_at(number, row) for number, row in shown.items()):
            self._swap_in_place(shown)
        else:
            self._replace_rows(sorted(shown), list(shown.values()))

    @staticmethod
    def _put_back(
        meeting: EventRow, of_event: list[EventRow], start: datetime, end: datetime
    ) -> bool:
        """Whether a meeting dropped at ``start``-``end`` is back on the time its rule
        gives it (its recurrence id) for the length its rule gives it, which a meeting of
        the series held as ruled shows: the store puts it back
        (:func:`~cpp_scheduler.model.recurrence.changes_nothing`), and the read after the
        save says so in any case."""
        if start != meeting.recurrence_id:
            return False
        ruled = next((row for row in of_event if not row.moved), None)
        return ruled is not None and ruled.end_utc - ruled.start_utc == end - start

    def put_back(self, row: EventRow) -> None:
        """Show ``row`` again, as it was before a move the store refused, until the read
        of its event says what the store holds (when it can be read at all: a program
        whose file went away leaves the meeting where it was, not where it was dropped)."""
        key = row.occurrence_key
        covered = [number for number, shown in enumerate(self._rows) if key.covers(shown)]
        if len(covered) != 1 or self._rows[covered[0]] == row:
            return
        number = covered[0]
        if self._stays_at(number, row):
            self._swap_in_place({number: row})
        else:
            self._replace_rows([number], [row])

    def _stays_at(self, number: int, row: EventRow) -> bool:
        """True when ``row``, put at ``number`` in place of the row there, keeps the
        order of the sort (between the rows either side of it)."""
        sort_key = _SORT_KEYS[self._sort_column]
        key = sort_key(row)
        rows = self._rows
        before = sort_key(rows[number - 1]) if number > 0 else None
        after = sort_key(rows[number + 1]) if number + 1 < len(rows) else None
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            before, after = after, before
        return (before is None or before <= key) and (after is None or key <= after)

    def _swap_in_place(self, shown: dict[int, EventRow]) -> None:
        """Put each row of ``shown`` at its number, where the sort keeps it, as one
        change of data: the views lay the period out once, not at a removal and again at
        an insertion. Only for new times and versions, which no filter looks at, so the
        filter's verdicts on these rows stand."""
        gone = [self._rows[number] for number in shown]
        for number, row in shown.items():
            self._rows[number] = row
        self._rows_moved(gone, list(shown.values()))
        self.dataChanged.emit(
            self.index(min(shown), 0), self.index(max(shown), self.columnCount() - 1)
        )

    def _replace_rows(self, doomed: list[int], new_rows: list[EventRow]) -> None:
        """Remove the rows numbered ``doomed`` (ascending) and put ``new_rows`` where
        the sort puts them; the index by start follows them, row by row."""
        if len(doomed) + len(new_rows) > ROWS_CHANGED_IN_PLACE:
            leaving = set(doomed)
            kept = [row for number, row in enumerate(self._rows) if number not in leaving]
            self.set_rows(kept + new_rows)
            return
        for first, last in reversed(list(_runs(doomed))):
            # The proxy announces a removal (and the views lay out again) before this
            # model lets the rows go: they are already gone for anyone who asks then.
            gone = self._rows[first : last + 1]
            self._leaving = frozenset(id(row) for row in gone)
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self._rows_moved(gone, [])
            self._leaving = frozenset()
            self.endRemoveRows()
        sort_key = _SORT_KEYS[self._sort_column]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        for row in new_rows:
            position = _place_of(self._rows, sort_key, sort_key(row), descending)
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, row)
            self._rows_moved([], [row])
            self.endInsertRows()

    def _rows_moved(self, gone: list[EventRow], added: list[EventRow]) -> None:
        """Rows came or went: the index by start takes them out or in; the rest of what
        was worked out for the rows is worked out anew when next asked."""
        self._search_texts = None
        self._orders = {}
        if self._by_start is None:
            return
        by_start, starts = self._by_start, self._starts
        for row in gone:
            number = bisect.bisect_left(starts, row.start_utc)
            while by_start[number] is not row:
                number += 1
            del by_start[number], starts[number]
        start_key = _SORT_KEYS[Column.START]
        for row in added:
            number = _place_of(by_start, start_key, start_key(row), descending=False)
            by_start.insert(number, row)
            starts.insert(number, row.start_utc)
            self._longest = max(self._longest, row.end_utc - row.start_utc)

    def first_day(self, clock: str) -> date | None:
        """The first day a meeting of the program is on, on the clock of ``clock``, as
        the calendar places it (an all-day event on its own date); None for an empty
        program."""
        return min((row.days_on(clock)[0] for row in self._rows), default=None)

    def row_at(self, number: int) -> EventRow:
        return self._rows[number]

    def rows(self) -> list[EventRow]:
        return self._rows

    def search_texts(self) -> list[str]:
        """The words a text search looks in, row by row: worked out once for the rows
        (10,000 of them take a noticeable moment), not at every change of the search."""
        rows = self._rows
        if self._search_texts is None or len(self._search_texts) != len(rows):
            self._search_texts = [row.search_text() for row in rows]
        elif self._search_texts_follow is not rows:  # sorted since: the texts follow
            texts = dict(zip(map(id, self._search_texts_follow), self._search_texts, strict=True))
            self._search_texts = [texts[id(row)] for row in rows]
        self._search_texts_follow = rows
        return self._search_texts

    def row_of(self, target: str | OccurrenceKey) -> int:
        """The row of a meeting (an :class:`OccurrenceKey`), or the first row of an
        event (its id); -1 when it is not there."""
        key = OccurrenceKey(target) if isinstance(target, str) else target
        event_id, recurrence_id = key
        # :meth:`OccurrenceKey.covers` written out: a call per row is most of a walk
        # through ten thousand rows, and a drop or a selection walks them.
        if recurrence_id is None:
            for number, row in enumerate(self._rows):
                if row.event_id == event_id:
                    return number
        else:
            for number, row in enumerate(self._rows):
                if row.event_id == event_id and row.recurrence_id == recurrence_id:
                    return number
        return -1

    def first_meeting_row(self, event_id: str) -> int:
        """The row of the event's earliest meeting (its only one, for a one-off event),
        whichever column the table is sorted by; -1 when none is there. The Agenda
        sorted newest first puts a series' last meeting in its first row."""
        first = -1
        for number, row in enumerate(self._rows):
            if row.event_id == event_id and (
                first < 0 or row.start_utc < self._rows[first].start_utc
            ):
                first = number
        return first

    def rows_between(self, start: datetime, end: datetime) -> list[EventRow]:
        """The occurrences that overlap ``[start, end)``, by start time (then title),
        in that order whichever column the table is sorted by."""
        if self._by_start is None:
            by_start = self._orders.get(Column.START)
            # Its own list: it follows the rows as they come and go.
            by_start = (
                list(by_start)
                if by_start is not None
                else sorted(self._rows, key=_SORT_KEYS[Column.START])
            )
            self._by_start = by_start
            self._starts = [row.start_utc for row in by_start]
            self._longest = max(
                (row.end_utc - row.start_utc for row in self._rows), default=timedelta(0)
            )
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_left(self._starts, end)
        leaving = self._leaving
        return [
            row
            for row in self._by_start[low:high]
            if row.end_utc > start and (not leaving or id(row) not in leaving)
        ]

    # -- display zone --------------------------------------------------------------------
    @property
    def sort_column(self) -> Column:
        return self._sort_column

    @property
    def display_zone(self) -> str:
        return self._zone

    def set_display_zone(self, zone_name: str) -> None:
        if not timezones.is_zone(zone_name) or zone_name == self._zone:
            return
        self._zone = zone_name
        self._time_texts.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.START),
                self.index(len(self._rows) - 1, Column.END),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )
        self.displayZoneChanged.emit(zone_name)

    @property
    def weekend(self) -> frozenset[int]:
        """The weekdays off on the display clock (``date.weekday()`` numbers), which the
        calendar shades: Saturday and Sunday until :meth:`set_weekend` says otherwise."""
        return self._weekend

    def set_weekend(self, zone_name: str, days: frozenset[int]) -> None:
        """The weekdays off on ``zone_name``'s clock, read off the GUI thread (the
        engine's :func:`~cpp_scheduler.scheduling.holidays.weekend_of_zone`); kept only
        while that is still the display clock."""
        if zone_name != self._zone or days == self._weekend:
            return
        self._weekend = days
        self.displayZoneChanged.emit(zone_name)

    def local(self, instant: datetime) -> datetime:
        return timezones.to_local(instant, self._zone)


_CONFLICT_ICON: list[QIcon] = []


def _conflict_icon() -> QIcon:
    """A small red disc: the badge of an event in a conflict, in lists as in grids."""
    if not _CONFLICT_ICON:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(style.CONFLICT))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _CONFLICT_ICON.append(QIcon(pixmap))
    return _CONFLICT_ICON[0]


def _place_of(
    rows: list[EventRow], sort_key: Callable[[EventRow], Any], key: Any, descending: bool
) -> int:
    """Where a row of sort key ``key`` goes among ``rows`` sorted by ``sort_key``: after
    those that sort with it, as a stable sort of them all would put it (the keys of the
    rows looked at alone are worked out)."""
    if not descending:
        return bisect.bisect_right(rows, key, key=sort_key)
    low, high = 0, len(rows)
    while low < high:  # the first row that sorts after ``key`` in descending order
        middle = (low + high) // 2
        if sort_key(rows[middle]) >= key:
            low = middle + 1
        else:
            high = middle
    return low


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _runs(numbers: list[int]) -> Iterable[tuple[int, int]]:
    """Consecutive runs in sorted numbers, as (first, last) pairs."""
    if not numbers:
        return
    first = last = numbers[0]
    for number in numbers[1:]:
        if number == last + 1:
            last = number
            continue
        yield first, last
        first = last = number
    yield first, last


class _Renumbered(Sequence[int]):
    """The numbers ``0 .. length - 1``, those from ``start`` on moved by ``step``: every
    row of the source shown while a few of them come or go (for the moment between the
    source's change and the proxy's announcement of it)."""

    def __init__(self, length: int, start: int, step: int) -> None:
        self._length, self._start, self._step = length, start, step

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, number: int) -> int: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[int]: ...
    def __getitem__(self, number: int | slice) -> int | Sequence[int]:
        if isinstance(number, slice):
            return [self[item] for item in range(*number.indices(self._length))]
        if number < 0:
            number += self._length
        if not 0 <= number < self._length:
            raise IndexError(number)
        return number if number < self._start else number + self._step


_LAYOUT_SIGNATURE = "QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint"
"""The layout signals that carry a hint (Python's plain ``emit()`` carries none)."""
_ROWS_ONLY = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
"""A change of rows alone, their columns unchanged."""


class EventFilterProxy(QAbstractTableModel):
    """The events the sidebar's filters let through, in the source's order: a table of
    the source's rows that the filter accepts, its rows mapped to the source's in Python.

    Not a :class:`QSortFilterProxyModel`: that one asks ``filterAcceptsRow`` of Python
    once per source row each time it maps the rows anew (every sort, every filter), and
    asks the source's ``rowCount`` and ``columnCount`` for each cell it shows; with
    10,000 rows that held the GUI thread for tens of milliseconds. Here the verdicts are
    worked out in one pass, a filter or a sort is one ``layoutChanged`` (the selected
    row stays selected while it still shows), and a cell is one call of :meth:`data`.

    Signals:
        filterChanged(): a new filter was applied (the rows shown may differ).
    """

    filterChanged = Signal()

    def __init__(self, source: EventTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._filter = EventFilter()
        self._source = source
        self._shown: Sequence[int] = range(source.rowCount())
        """The source's row numbers shown, ascending: row ``n`` here is the source's
        row ``_shown[n]``; a ``range`` while every row shows (no filter), so rows that
        come or go renumber nothing here."""
        self._held: list[tuple[QModelIndex, EventRow]] = []
        """While the source reorders its rows: the rows the persistent indexes were on."""
        self._shown_before: set[int] = set()
        """While the source reorders its rows: the rows shown (by ``id``)."""
        # Connected before any view is: the rows here follow the source's before a view
        # that listens to the source asks for them.
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._source_reset)
        source.layoutAboutToBeChanged.connect(self._source_reordering)
        source.layoutChanged.connect(self._source_reordered)
        source.rowsAboutToBeRemoved.connect(self._source_rows_leaving)
        source.rowsRemoved.connect(self._source_rows_removed)
        source.rowsInserted.connect(self._source_rows_inserted)
        source.dataChanged.connect(self._source_data_changed)

    # -- Qt's interface ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return self._source.headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        number = index.row()
        shown = self._shown
        if not 0 <= number < len(shown):
            return None
        return self._source.answer(shown[number], index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source (fast, in Python) and show its order, instead of comparing here."""
        self._source.sort(column, order)

    # -- the filter ----------------------------------------------------------------------
    @property
    def event_model(self) -> EventTableModel:
        return self._source

    @property
    def event_filter(self) -> EventFilter:
        return self._filter

    def set_event_filter(self, event_filter: EventFilter) -> None:
        """Apply a new filter: the rows that pass are worked out in one pass and shown as
        one change of layout, the selected meeting kept selected while it passes."""
        if event_filter == self._filter:
            return
        self._rows_about_to_change()
        held = [(index, self._shown[index.row()]) for index in self.persistentIndexList()]
        self._filter = event_filter
        self._shown = self._accepted_rows()
        self._move_persistent(held)
        self._rows_changed()
        self.filterChanged.emit()

    def _accepted_rows(self) -> Sequence[int]:
        """The source's rows the filter lets through, by number, in its order (each
        row's words for a text search as the source worked them out once)."""
        if self._filter.is_empty:
            return range(self._source.rowCount())
        return self._filter.passing(self._source.rows(), self._source.search_texts)

    def _move_persistent(self, held: list[tuple[QModelIndex, int]]) -> None:
        """Move the persistent indexes (a selection, the current row) to where their
        source rows (``held``) show now; those no longer shown become invalid."""
        if not held:
            return
        shown = self._shown
        moved = []
        for index, source_row in held:
            number = bisect.bisect_left(shown, source_row)
            found = number < len(shown) and shown[number] == source_row
            moved.append(self.index(number, index.column()) if found else QModelIndex())
        self.changePersistentIndexList([index for index, _ in held], moved)

    def _rows_about_to_change(self) -> None:
        """Announce a new order or choice of rows, the columns as they are: the table's
        header keeps its sections without following them, and a selection is followed
        by its rows alone."""
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], _ROWS_ONLY)  # type: ignore[index]

    def _rows_changed(self) -> None:
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], _ROWS_ONLY)  # type: ignore[index]

    # -- following the source ------------------------------------------------------------
    def _source_reset(self) -> None:
        self._shown = self._accepted_rows()
        self.endResetModel()

    def _source_reordering(self, *_args: object) -> None:
        """The source is about to sort its rows: keep which rows show and which the
        persistent indexes are on (by the rows themselves, as their numbers change)."""
        self._rows_about_to_change()
        rows = self._source.rows()
        self._held = [
            (index, rows[self._shown[index.row()]]) for index in self.persistentIndexList()
        ]
        self._shown_before = (
            set() if self._filter.is_empty else {id(rows[number]) for number in self._shown}
        )

    def _source_reordered(self, *_args: object) -> None:
        rows = self._source.rows()
        if self._filter.is_empty:
            self._shown = range(len(rows))
        else:
            before = self._shown_before
            self._shown = [number for number, row in enumerate(rows) if id(row) in before]
        held, self._held, self._shown_before = self._held, [], set()
        if held:
            # A few rows (the current one, a selection): each looked for where it went.
            where: dict[int, int] = {}
            for _index, row in held:
                if id(row) not in where:
                    where[id(row)] = rows.index(row)
            self._move_persistent([(index, where[id(row)]) for index, row in held])
        self._rows_changed()

    def _source_rows_leaving(self, _parent: AnyIndex, first: int, last: int) -> None:
        """Rows of the source are about to go: those shown go from here at once (the
        views lay out again before the source lets them go, asking it for rows by start,
        which leaves them out)."""
        shown = self._shown
        low = bisect.bisect_left(shown, first)
        high = bisect.bisect_right(shown, last)
        if low >= high:
            return
        self.beginRemoveRows(QModelIndex(), low, high - 1)
        if isinstance(shown, list):
            del shown[low:high]
        else:  # until the source lets them go, the rows after them keep their numbers
            self._shown = _Renumbered(len(shown) - (high - low), low, high - low)
        self.endRemoveRows()

    def _source_rows_removed(self, _parent: AnyIndex, first: int, last: int) -> None:
        shown = self._shown
        if isinstance(shown, list):
            position = bisect.bisect_left(shown, first)
            shown[position:] = [number - (last - first + 1) for number in shown[position:]]
        else:
            self._shown = range(self._source.rowCount())

    def _source_rows_inserted(self, _parent: AnyIndex, first: int, last: int) -> None:
        count = last - first + 1
        shown = self._shown
        low = bisect.bisect_left(shown, first)
        if not isinstance(shown, list):  # every row shows: these too, in their places
            self._shown = _Renumbered(len(shown), first, count)
            self.beginInsertRows(QModelIndex(), first, last)
            self._shown = range(len(shown) + count)
            self.endInsertRows()
            return
        shown[low:] = [number + count for number in shown[low:]]
        rows = self._source.rows()
        accepts = self._filter.accepts
        passing = [
            number
            for number in range(first, last + 1)
            if accepts(rows[number], rows[number].search_text)
        ]
        if passing:
            self.beginInsertRows(QModelIndex(), low, low + len(passing) - 1)
            shown[low:low] = passing
            self.endInsertRows()

    def _source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list[int]
    ) -> None:
        shown = self._shown
        low = bisect.bisect_left(shown, top_left.row())
        high = bisect.bisect_right(shown, bottom_right.row()) - 1
        if low <= high:
            self.dataChanged.emit(
                self.index(low, top_left.column()), self.index(high, bottom_right.column()), roles
            )

    # -- the calendar views' questions ---------------------------------------------------
    def events_shown(self) -> int:
        """How many events the rows shown are meetings of."""
        rows = self._source.rows()
        return len({rows[number].event_id for number in self._shown})

    def rows_between(self, start: datetime, end: datetime) -> list[EventRow]:
        """The filtered occurrences overlapping ``[start, end)``, by start time."""
        source = self._source
        accepts = self._filter.accepts
        everything = self._filter.is_empty
        found = []
        for row in source.rows_between(start, end):
            if everything or accepts(row, row.search_text):
                found.append(row)
        return found

    def source_row(self, proxy_row: int) -> int:
        """The source's row shown as row ``proxy_row`` here."""
        return self._shown[proxy_row]

    def proxy_row_of(self, target: str | OccurrenceKey) -> int:
        """The row here of a meeting (or of an event's first row), -1 when not shown."""
        number = self._source.row_of(target)
        if number < 0:
            return -1
        shown = self._shown
        position = bisect.bisect_left(shown, number)
        return position if position < len(shown) and shown[position] == number else -1


def day_bounds(day: date, zone_name: str) -> tuple[datetime, datetime]:
    """The UTC instants of a local day's midnight and the next one."""
    return timezones.local_days(day, day, zone_name)
