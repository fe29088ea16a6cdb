"""The conflicts panel: every clash in the program, like an editor's problems list.

The check runs in the checking process after each change (debounced, so a burst of
undo steps costs one check) and for the whole program or the days the calendar shows, on
its clock (:meth:`ConflictsDock.days_clock`), as ``conflicts --days-in`` reads them;
the task manager follows its answer without a worker waiting for it. A result that
arrives after a newer request is dropped. The findings come in parcels; a parcel the
last check sent too is taken as it was unpacked then, so a check that finds what the
last one found leaves the panel as it is. Each row has a severity icon; kind and
severity filters work through a proxy; a double-click goes to the meeting and selects
it. The meetings involved (not every meeting of their series) are marked in every
calendar view through the event model
(:meth:`EventTableModel.set_marked_occurrences`), and the bookings of a room booked twice
are edged in the Venues view (:func:`venue_double_bookings`).
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import timezones
from cpp_scheduler.gui import collector
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.tools import common
from cpp_scheduler.gui.tools.common import AnyIndex
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.scheduling.conflicts import (
    TOUR_KINDS,
    Conflict,
    ConflictKind,
    Severity,
)
from cpp_scheduler.scheduling.inputs import zone_city
from cpp_scheduler.services.checking import (
    Parcel,
    ParcelledCheck,
    check_program_in_parcels,
    unpack,
)
from cpp_scheduler.services.conflict_words import summary_text, when_text
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.rows import OccurrenceKey

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2
EVENTS_ROLE = Qt.ItemDataRole.UserRole + 3
START_ROLE = Qt.ItemDataRole.UserRole + 4
MEETINGS_ROLE = Qt.ItemDataRole.UserRole + 5
"""The meetings involved, as :class:`OccurrenceKey`s."""

Follow = Callable[[Future[Any], Callable[[Any], None], Callable[[BaseException], None]], None]
"""Hands the outcome of a check to a callback on the GUI thread (``TaskManager.follow``)."""


def occurrence_keys(conflict: Conflict) -> list[OccurrenceKey]:
    """The meetings of a conflict, named as the calendar's rows name them."""
    return [OccurrenceKey(m.event_id, m.recurrence_id) for m in conflict.meetings]


def conflicting_occurrences(conflicts: list[Conflict]) -> frozenset[OccurrenceKey]:
    """The meetings in any of ``conflicts``: what the calendar marks."""
    return frozenset(key for conflict in conflicts for key in occurrence_keys(conflict))


def venue_double_bookings(
    conflicts: Iterable[Conflict],
) -> frozenset[tuple[OccurrenceKey, str]]:
    """The bookings of the "venue booked twice" findings, as (meeting, venue) pairs:
    what the Venues view edges in red."""
    return frozenset(
        (key, venue_id)
        for conflict in conflicts
        if conflict.kind is ConflictKind.VENUE_DOUBLE_BOOKED
        for key in occurrence_keys(conflict)
        for venue_id in conflict.record_ids
    )


Found = tuple[list[Conflict], frozenset[OccurrenceKey]]
"""A check's findings and the meetings they involve."""

UNPACK_SLICE = 0.004
"""Seconds of unpacking a check's findings between two turns of the event loop."""


class Column(IntEnum):
    SEVERITY = 0
    KIND = 1
    WHEN = 2
    MESSAGE = 3


HEADERS = (
    "",
    QT_TRANSLATE_NOOP("Headers", "Kind"),
    QT_TRANSLATE_NOOP("Headers", "When ({clock})"),
    QT_TRANSLATE_NOOP("Headers", "Problem"),
)

CELL_PADDING = 18
"""Room beside a column's widest text, in pixels (the columns are sized from texts)."""

SEVERITY_NAMES = {
    Severity.ERROR: QT_TRANSLATE_NOOP("Conflicts", "Error"),
    Severity.WARNING: QT_TRANSLATE_NOOP("Conflicts", "Warning"),
}
"""How a finding's tooltip names its severity, in the window's language."""


def severity_icon(severity: Severity) -> QIcon:
    style = QApplication.style()
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity is Severity.ERROR
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return style.standardIcon(pixmap)


class ConflictModel(common.HeaderedTableModel):
    """The conflicts of the last check, in the engine's order (when, errors first), each
    when it happens on the clock whose days were checked."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.clock = timezones.TOKYO
        """The zone whose days the findings are of, and whose clock tells when."""
        self._conflicts: list[Conflict] = []
        self._occurrences: frozenset[OccurrenceKey] | None = frozenset()
        self._double_bookings: frozenset[tuple[OccurrenceKey, str]] | None = frozenset()
        self._icons: dict[Severity, QIcon] = {}

    def set_conflicts(
        self,
        conflicts: list[Conflict],
        occurrences: frozenset[OccurrenceKey] | None = None,
        clock: str = timezones.TOKYO,
    ) -> None:
        """Show ``conflicts``, found on the days of ``clock``; ``occurrences``, the
        meetings they involve, when known."""
        self.beginResetModel()
        self.clock = clock
        self._conflicts = list(conflicts)
        self._occurrences = occurrences
        self._double_bookings = None
        self.endResetModel()

    @property
    def occurrences(self) -> frozenset[OccurrenceKey]:
        """The meetings in a conflict."""
        if self._occurrences is None:
            self._occurrences = conflicting_occurrences(self._conflicts)
        return self._occurrences

    @property
    def double_bookings(self) -> frozenset[tuple[OccurrenceKey, str]]:
        """The meetings a venue is booked twice by, each with the venue."""
        if self._double_bookings is None:
            self._double_bookings = venue_double_bookings(self._conflicts)
        return self._double_bookings

    @property
    def conflicts(self) -> list[Conflict]:
        return list(self._conflicts)

    def conflict_at(self, row: int) -> Conflict:
        return self._conflicts[row]

    def rows_of(self, severities: frozenset[Severity], kind: ConflictKind | None) -> list[int]:
        """The rows of the findings of ``severities`` and, unless None, of ``kind``."""
        return [
            number
            for number, conflict in enumerate(self._conflicts)
            if conflict.severity in severities and (kind is None or conflict.kind is kind)
        ]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._conflicts)

    def header_text(self, section: int) -> str:
        text = super().header_text(section)
        return text.format(clock=zone_city(self.clock)) if section == Column.WHEN else text

    def _icon(self, severity: Severity) -> QIcon:
        if severity not in self._icons:
            self._icons[severity] = severity_icon(severity)
        return self._icons[severity]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._conflicts):
            return None
        conflict = self._conflicts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.KIND:
                return conflict.kind.label
            if column == Column.WHEN:
                return when_text(conflict, self.clock)
            if column == Column.MESSAGE:
                return conflict.message
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.SEVERITY:
            return self._icon(conflict.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("Conflicts", "{severity}: {problem}").format(
                severity=translate("Conflicts", SEVERITY_NAMES[conflict.severity]),
                problem=conflict.message,
            )
        if role == KIND_ROLE:
            return conflict.kind.value
        if role == SEVERITY_ROLE:
            return conflict.severity.value
        if role == EVENTS_ROLE:
            return list(conflict.event_ids)
        if role == MEETINGS_ROLE:
            return occurrence_keys(conflict)
        if role == START_ROLE:
            return conflict.start
        return None


_LAYOUT_SIGNATURE = "QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint"
"""The layout signals that carry a hint (Python's plain ``emit()`` carries none)."""
_ROWS_ONLY = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
"""A change of rows alone, their columns unchanged."""


class ConflictFilter(QAbstractTableModel):
    """Lets through the chosen severities and, when one is chosen, a single kind: a
    table of the model's rows the choice lets through, in the model's order, its rows
    mapped to the model's in Python.

    Not a :class:`QSortFilterProxyModel`: that one maps its rows anew, one by one, at
    every change of the choice (asking Python for each finding's severity and kind
    when one is left out), which held the GUI thread for half a second over the
    90,000 findings of a large program with weekly series. Here the findings that pass
    are worked out in one pass, a new choice is one ``layoutChanged`` (the finding
    chosen stays chosen while it still shows), and a cell is one call of :meth:`data`.
    """

    def __init__(self, source: ConflictModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._severities: frozenset[Severity] = frozenset(Severity)
        self._kind: ConflictKind | None = None
        self._shown: Sequence[int] = range(source.rowCount())
        """The model's row numbers shown, ascending: row ``n`` here is the model's row
        ``_shown[n]``; a ``range`` while every finding shows."""
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._source_reset)
        source.headerDataChanged.connect(self.headerDataChanged)

    # -- Qt's interface ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._source.columnCount()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return self._source.headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        source = self.mapToSource(index)
        return self._source.data(source, role) if source.isValid() else None

    # -- mapping -------------------------------------------------------------------------
    def mapToSource(self, index: AnyIndex) -> QModelIndex:
        """The model's index of the finding at ``index`` here."""
        number = index.row()
        if not index.isValid() or not 0 <= number < len(self._shown):
            return QModelIndex()
        return self._source.index(self._shown[number], index.column())

    def mapFromSource(self, index: AnyIndex) -> QModelIndex:
        """This table's index of the model's ``index``: invalid where it does not show."""
        if not index.isValid():
            return QModelIndex()
        shown = self._shown
        number = bisect.bisect_left(shown, index.row())
        if number < len(shown) and shown[number] == index.row():
            return self.index(number, index.column())
        return QModelIndex()

    # -- the choice ----------------------------------------------------------------------
    def set_severities(self, severities: set[Severity]) -> None:
        self._apply(frozenset(severities), self._kind)

    def set_kind(self, kind: ConflictKind | None) -> None:
        self._apply(self._severities, kind)

    def _apply(self, severities: frozenset[Severity], kind: ConflictKind | None) -> None:
        """Show the findings of ``severities`` (and of ``kind``, when one is chosen), as
        one change of layout that keeps the chosen finding chosen while it passes."""
        if (severities, kind) == (self._severities, self._kind):
            return
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], _ROWS_ONLY)  # type: ignore[index]
        held = [(index, self._shown[index.row()]) for index in self.persistentIndexList()]
        self._severities, self._kind = severities, kind
        self._shown = self._passing()
        moved = []
        for index, source_row in held:
            found = self.mapFromSource(self._source.index(source_row, index.column()))
            moved.append(found)
        if held:
            self.changePersistentIndexList([index for index, _ in held], moved)
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], _ROWS_ONLY)  # type: ignore[index]

    def _passing(self) -> Sequence[int]:
        """The model's rows the choice lets through, in one pass over the findings."""
        if self._kind is None and self._severities == frozenset(Severity):
            return range(self._source.rowCount())
        return self._source.rows_of(self._severities, self._kind)

    def _source_reset(self) -> None:
        self._shown = self._passing()
        self.endResetModel()


KIND_CHARACTERS = 22
"""Characters of a conflict's kind its column shows before eliding it: the common kinds
whole ("Night-time session", "Not enough travel time")."""


class ConflictsDock(QDockWidget):
    """The problems list of the program.

    Signals:
        countChanged(int, int): conflicts found, of which errors (after a check).
        countLost(): a check found no answer (the database could not be read): no
            count stands, and no meeting is marked as conflicting.
        occurrenceRequested(object, object): go to this meeting (an
            :class:`OccurrenceKey`), which starts at this instant (UTC).
        toursRequested(list): show these study tours (a conflict of a tour, no event).
    """

    countChanged = Signal(int, int)
    countLost = Signal()
    occurrenceRequested = Signal(object, object)
    toursRequested = Signal(list)

    WHOLE_PROGRAM = QT_TRANSLATE_NOOP("Tools", "Whole program")
    VISIBLE_RANGE = QT_TRANSLATE_NOOP("Tools", "Dates shown")

    def __init__(
        self,
        database: Database,
        follow: Follow,
        visible_range: Callable[[], tuple[datetime, datetime] | None] | None = None,
        parent: QWidget | None = None,
        clock: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(self.tr("Conflicts"), parent)
        self.setObjectName("conflictsDock")
        self.database = database
        self._follow = follow
        self._visible_range = visible_range
        self._clock = clock
        self._generation = 0
        self._checked_clock = timezones.TOKYO
        """The clock whose days the latest check was asked for."""
        self.checking = False
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        bar = QHBoxLayout()
        self.scope = QComboBox(body)
        self.scope.setObjectName("conflictScope")
        self.scope.addItem(translate("Tools", self.WHOLE_PROGRAM))
        if visible_range is not None:
            self.scope.addItem(translate("Tools", self.VISIBLE_RANGE))
        self.scope.currentIndexChanged.connect(lambda _index: self.recheck())
        bar.addWidget(self.scope)
        self.errors_box = QCheckBox(translate("Conflicts", "Errors"), body)
        self.errors_box.setObjectName("showErrors")
        self.warnings_box = QCheckBox(translate("Conflicts", "Warnings"), body)
        self.warnings_box.setObjectName("showWarnings")
        for box, severity in (
            (self.errors_box, Severity.ERROR),
            (self.warnings_box, Severity.WARNING),
        ):
            box.setChecked(True)
            box.setIcon(severity_icon(severity))
            box.toggled.connect(self._severities_changed)
            bar.addWidget(box)
        self.kind = QComboBox(body)
        self.kind.setObjectName("conflictKind")
        self.kind.addItem(translate("Conflicts", "All kinds"), None)
        for kind in ConflictKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(10)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        bar.addWidget(self.kind, 1)
        layout.addLayout(bar)
        self.model = ConflictModel(self)
        self.proxy = ConflictFilter(self.model, self)
        self.table = QTableView(body)
        self.table.setObjectName("conflictTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.SEVERITY, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.SEVERITY, 28)
        # Widths from the longest possible texts, not from the rows: sizing to contents
        # reads every row, and a large program has thousands of conflicts.
        # The longest kind ("Session outside the conference's dates") would take half a
        # laptop's panel from the problem, which says who and what: past a common
        # kind's width, a kind is elided (the coordinator may widen the column).
        metrics = self.table.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(text)
            for text in (
                translate("Headers", HEADERS[Column.KIND]),
                *(kind.label for kind in ConflictKind),
            )
        )
        header.resizeSection(
            Column.KIND,
            CELL_PADDING + min(widest, metrics.averageCharWidth() * KIND_CHARACTERS),
        )
        self._fit_when_column()
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(24)  # the window stays usable on a small screen
        self.table.doubleClicked.connect(self._activated)
        layout.addWidget(self.table, 1)
        # The chosen finding's sentence, whole: on a laptop's panel the list cuts it
        # before the delegation or the venue it ends with.
        self.detail = QLabel("", body)
        self.detail.setObjectName("conflictDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        # A new check resets the list, and Qt drops the current row without a word.
        for changed in (self.proxy.modelReset, self.proxy.layoutChanged):
            changed.connect(self._refresh_detail)
        layout.addWidget(self.detail)
        # Under the list, on a line of its own: beside the filters a laptop's narrow
        # panel cut the count ("8 conflicts (0 errors"), and a reason the check failed
        # is read whole.
        self.summary = QLabel("", body)
        self.summary.setObjectName("conflictSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        body.setMinimumSize(160, 16)  # below its layout's wish: a small screen clips it
        self.setWidget(body)
        self._collector_paused = False
        self._checked_meetings = 0
        """How many meetings are on the days the last check read."""
        self.counted = ""
        """What the last check found, as ``conflicts`` sums it up ("0 errors, 8 warnings
        in 28 meetings"): the line under the list, and the status bar's count."""
        self._last_parcels: dict[bytes, Found] = {}
        """The last check's findings by the parcel they came in: a parcel the next check
        sends again is not unpacked again (see :meth:`_unpack`)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._start_check)

    # -- checking -----------------------------------------------------------------------
    def recheck(self) -> None:
        """Ask for a new check; several requests in a burst make one check."""
        self._timer.start()

    def stop(self) -> None:
        """Cancel a pending check and ignore the answer of one under way."""
        self._timer.stop()
        self._generation += 1
        self.checking = False
        self._resume_collector(keep=False)

    @property
    def checks_dates_shown(self) -> bool:
        """Whether the check is of the dates the calendar shows, not the whole program."""
        return self.scope.currentText() == translate("Tools", self.VISIBLE_RANGE)

    def range_changed(self) -> None:
        """The calendar shows other dates: check again if only those dates count, or if
        they are on another clock, which tells when each finding happens."""
        if self.checks_dates_shown or self.days_clock() != self._checked_clock:
            self.recheck()

    def _start_check(self) -> None:
        self._generation += 1
        generation = self._generation
        database = self.database
        start = end = None
        if self.checks_dates_shown and self._visible_range is not None:
            start, end = self._visible_range() or (None, None)
        self.checking = True
        self.summary.setText(translate("Conflicts", "Checking…"))
        self._checked_clock = clock = self.days_clock()
        self._follow(
            check_program_in_parcels(database, start, end, clock),
            lambda checked: self._unpack_check(generation, checked),
            lambda error: self._failed(generation, error),
        )

    def _fit_when_column(self) -> None:
        """Wide enough for its heading, which names the clock, and for any time."""
        metrics = self.table.fontMetrics()
        self.table.horizontalHeader().resizeSection(
            Column.WHEN,
            CELL_PADDING
            + max(
                metrics.horizontalAdvance(self.model.header_text(Column.WHEN)),
                metrics.horizontalAdvance("Wed 28 Sep 23:00"),
            ),
        )

    def days_clock(self) -> str:
        """The clock whose days the dates shown are (the zone the window shows its
        calendar in; Tokyo's without one). The findings of those days are those the
        calendar draws meetings of on them, as ``conflicts --days-in`` lists them."""
        return self._clock() if self._clock is not None else timezones.TOKYO

    def _unpack_check(self, generation: int, checked: ParcelledCheck) -> None:
        if generation == self._generation:
            self._checked_meetings = checked.meetings
        self._unpack(generation, list(reversed(checked.parcels)), [], set(), {})

    def _unpack(
        self,
        generation: int,
        parcels: list[Parcel],
        conflicts: list[Conflict],
        occurrences: set[OccurrenceKey],
        received: dict[bytes, Found],
    ) -> None:
        """Unpack the findings (``parcels``, last first) a few at a time, between the
        window's events, so that no frame waits for more than a few milliseconds.

        A parcel the last check sent too holds the same findings, already unpacked:
        after an edit most of the program's findings come back as they were, and a
        check that finds what the last one found costs the window almost nothing."""
        if generation != self._generation:
            self._resume_collector(keep=False)
            return  # a newer check is on its way
        self._pause_collector()
        deadline = time.perf_counter() + UNPACK_SLICE
        last = self._last_parcels
        while parcels and time.perf_counter() < deadline:
            parcel = parcels.pop()
            known = last.get(parcel) if isinstance(parcel, bytes) else None
            if known is None:
                found = unpack(parcel)
                known = found, conflicting_occurrences(found)
            if isinstance(parcel, bytes):
                received[parcel] = known
            conflicts.extend(known[0])
            occurrences.update(known[1])
        if parcels:
            QTimer.singleShot(
                0,
                self,
                lambda: self._unpack(generation, parcels, conflicts, occurrences, received),
            )
            return
        # The same parcels in the same order, and the panel shows what they hold.
        unchanged = list(received) == list(last) and len(conflicts) == self.model.rowCount()
        self._last_parcels = received
        self._arrived(generation, (conflicts, frozenset(occurrences)), unchanged)

    def _arrived(self, generation: int, found: Found, unchanged: bool = False) -> None:
        """Show a check's findings; ``unchanged``: the very findings shown already, in
        the same order, which stay as they are (their row chosen in the panel too)."""
        if generation != self._generation:
            self._resume_collector(keep=False)
            return  # a newer check is on its way
        self.checking = False
        conflicts, occurrences = found
        clock = self._checked_clock
        if clock != self.model.clock:  # its heading names another clock
            self.model.set_conflicts(conflicts, occurrences, clock)
            self._fit_when_column()
        elif not unchanged:
            self.model.set_conflicts(conflicts, occurrences, clock)
        self._resume_collector(keep=True)
        errors = sum(1 for c in conflicts if c.severity is Severity.ERROR)
        # As ``conflicts`` says it on its last line, under the list and in the status bar.
        self.counted = summary_text(conflicts, self._checked_meetings)
        self.summary.setText(self.counted)
        self.countChanged.emit(len(conflicts), errors)

    def _failed(self, generation: int, error: BaseException) -> None:
        """The check found no answer: the findings of the check before, about the
        program as it was, are no longer listed as if they were this one's, and the
        summary says why."""
        if generation != self._generation:
            return
        self.checking = False
        self._resume_collector(keep=False)
        self._last_parcels = {}
        self.model.set_conflicts([], frozenset(), self.model.clock)
        self.summary.setText(
            translate("Tools", "Cannot check: {error}").format(error=failure_line(error))
        )
        self.countLost.emit()

    def _pause_collector(self) -> None:
        """Hold the cycle collection while the findings are unpacked: thousands of new
        objects would start its full passes over everything not frozen, each a pause of
        tens of milliseconds in the middle of whatever the coordinator does."""
        if not self._collector_paused:
            collector.hold()
            self._collector_paused = True

    def _resume_collector(self, keep: bool) -> None:
        """Let the collection run again; with ``keep``, the findings just shown live
        until the next check, so they join what the collector no longer walks (see
        the window's loading), as the program's rows do."""
        if self._collector_paused:
            self._collector_paused = False
            collector.release(keep)

    @property
    def check_pending(self) -> bool:
        """A check was asked for and has not started yet."""
        return self._timer.isActive()

    @property
    def conflicting_occurrences(self) -> frozenset[OccurrenceKey]:
        """The meetings in a conflict: what the calendar marks."""
        return self.model.occurrences

    @property
    def double_bookings(self) -> frozenset[tuple[OccurrenceKey, str]]:
        """The meetings a venue is booked twice by, with the venue: what the Venues
        view edges in red."""
        return self.model.double_bookings

    # -- filters and navigation ---------------------------------------------------------
    def _severities_changed(self) -> None:
        chosen = set()
        if self.errors_box.isChecked():
            chosen.add(Severity.ERROR)
        if self.warnings_box.isChecked():
            chosen.add(Severity.WARNING)
        self.proxy.set_severities(chosen)

    def _kind_changed(self, _index: int) -> None:
        value = self.kind.currentData()
        self.proxy.set_kind(ConflictKind(value) if value else None)

    def _refresh_detail(self, *_args: object) -> None:
        self._show_detail(self.table.currentIndex(), QModelIndex())

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Say the current finding whole under the list, as its tooltip does."""
        text = current.data(Qt.ItemDataRole.ToolTipRole) if current.isValid() else None
        self.detail.setText(text or "")
        self.detail.setVisible(bool(text))

    def _activated(self, index: QModelIndex) -> None:
        conflict = self.model.conflict_at(self.proxy.mapToSource(index).row())
        if conflict.meetings:
            first = conflict.meetings[0]
            self.occurrenceRequested.emit(
                OccurrenceKey(first.event_id, first.recurrence_id),
                first.day if first.day is not None else first.start,
            )
            return
        if conflict.kind in TOUR_KINDS and conflict.record_ids:
            self.toursRequested.emit(list(conflict.record_ids))


def count_text(counted: str, *, dates_shown: bool = False) -> str:
    """The status bar's count of the last check: ``counted``, what it found in the
    core's words (:func:`~cpp_scheduler.services.conflict_words.summary_text`, the line
    under the panel's list and the last line of ``conflicts``); ``dates_shown``: of the
    dates the calendar shows alone, said so, which the whole program's count would
    otherwise be taken for."""
    if dates_shown:
        return translate("Tools", "{count} in the dates shown").format(count=counted)
    return counted
