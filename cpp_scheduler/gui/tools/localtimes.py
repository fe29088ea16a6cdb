"""The local-times inspector: the selected meeting on every attendee's clock.

One row per attending delegation, per participant whose clock differs from their
delegation's, then Tokyo and Washington: local date and time, weekday, the day offset
against the event's own date and the UTC offset, coloured by working hours, acceptable
hours or night. A night the conflict check warns of, and a holiday at an attendee's
home (or in Japan, for the hosts), each add a warning row. The rows and the warnings are
exactly what
:func:`cpp_scheduler.services.localtimes.read_local_times` answers for that meeting (as
``cpp-scheduler times --occurrence`` prints them), read off the GUI thread. The dock
follows the main window's selected meeting and every change to events.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.tools import common
from cpp_scheduler.gui.tools.common import AnyIndex
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.scheduling.inputs import AttendeeKind
from cpp_scheduler.scheduling.localtimes import AttendeeTimes
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.localtimes import (
    MeetingLocalTimes,
    NoSuchMeetingError,
    clock_text,
    read_local_times,
)
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.services.slot_grid import HourState
from cpp_scheduler.services.snapshot import NotFoundError

NAME_ROOM = 24
"""Characters of an attendee's name the Who column shows whole; a longer one by its part
before the colon (``Nepal`` for ``Nepal: Kathmandu Metropolitan City``)."""


class Column(IntEnum):
    WHO = 0
    ZONE = 1
    DATE = 2
    TIME = 3
    DAY = 4
    OFFSET = 5
    HOURS = 6


HEADERS = (
    QT_TRANSLATE_NOOP("Headers", "Who"),
    QT_TRANSLATE_NOOP("Headers", "Clock"),
    QT_TRANSLATE_NOOP("Headers", "Local date"),
    QT_TRANSLATE_NOOP("Headers", "Time"),
    QT_TRANSLATE_NOOP("Headers", "Day ±"),
    QT_TRANSLATE_NOOP("Headers", "UTC"),
    QT_TRANSLATE_NOOP("Headers", "Hours"),
)
PART_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`DayPart` value, or "holiday" for a warning row."""


class LocalTimesModel(common.HeaderedTableModel):
    """The rows of one event's local times, then one row per holiday warning."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._times: tuple[AttendeeTimes, ...] = ()
        self._warnings: tuple[str, ...] = ()

    def set_times(self, times: MeetingLocalTimes | None) -> None:
        self.beginResetModel()
        self._times = times.rows if times else ()
        # Under the rows, as ``times`` prints them: the nights the conflict check warns
        # of (the rows coloured night that it judges), then the holidays.
        self._warnings = (
            (*times.night_warnings(dash="–"), *(warning.text for warning in times.warnings))
            if times
            else ()
        )
        self.endResetModel()

    @property
    def warning_count(self) -> int:
        return len(self._warnings)

    def is_warning(self, row: int) -> bool:
        return row >= len(self._times)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._times) + len(self._warnings)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if self.is_warning(index.row()):
            return self._warning_data(
                self._warnings[index.row() - len(self._times)], index.column(), role
            )
        times = self._times[index.row()]
        state = HourState.of_part(times.part)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(times, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(common.background(state))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(common.foreground(state))
        if role == PART_ROLE:
            return times.part.value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == Column.DAY:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.DAY:
            return common.offset_text(times.start.day_offset) + translate(
                "Tools", " against the event's own date"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            hours = times.attendee.hours
            return translate(
                "Tools", "{name} ({zone}): {span}\nWorking hours {work}, acceptable {acceptable}"
            ).format(
                name=times.attendee.name,
                zone=times.zone,
                span=timezones.span_text(
                    times.start.local, times.end.local, day=i18n.day_text, zone=True, dash="–"
                ),
                work=hours.describe_work(),
                acceptable=hours.describe_acceptable(),
            ) + (translate("Tools", "\nVisiting Japan: on Tokyo time") if times.in_japan else "")
        if (
            role == Qt.ItemDataRole.FontRole
            and index.column() == Column.WHO
            and (times.attendee.kind is AttendeeKind.REFERENCE)
        ):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    @staticmethod
    def _display(times: AttendeeTimes, column: int) -> str:
        start, end = times.start, times.end
        if column == Column.WHO:
            return common.short_name(times.attendee.name, NAME_ROOM)
        if column == Column.ZONE:
            return clock_text(times, times.attendee.clock_city(times.zone))
        if column == Column.DATE:
            return i18n.short_day_text(start.local)
        if column == Column.TIME:
            return timezones.span_text(start.local, end.local, zone=True, dash="–")
        if column == Column.DAY:
            return f"{start.day_offset:+d}" if start.day_offset else "0"
        if column == Column.OFFSET:
            return timezones.offsets_text(start.local, end.local)
        return times.part.label  # as ``cpp-scheduler times`` names it

    @staticmethod
    def _warning_data(text: str, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"⚠ {text}" if column == 0 else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(common.WARNING_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(common.WARNING_TEXT))
        if role == PART_ROLE:
            return "holiday"
        return None


class LocalTimesDock(QDockWidget):
    """A dock beside the calendar with the selected event on every attendee's clock."""

    PLACEHOLDER = QT_TRANSLATE_NOOP(
        "LocalTimesDock", "Select an event to see it on every attendee's clock."
    )

    def __init__(
        self,
        database: Database,
        run_in_background: Callable[..., None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Local times"), parent)
        self.setObjectName("localTimesDock")
        self.database = database
        self._run = run_in_background
        self._generation = 0
        self.occurrence: OccurrenceKey | None = None
        self.times: MeetingLocalTimes | None = None
        self.reading = False
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.setSpacing(3)
        self.heading = QLabel(self.tr(self.PLACEHOLDER), body)
        self.heading.setObjectName("localTimesHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.model = LocalTimesModel(self)
        self.table = QTableView(body)
        self.table.setObjectName("localTimesTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = self.table.verticalHeader()
        rows.hide()
        # One text line a row: the dock shares the space under the calendar.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.HOURS, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        self.table.setMinimumSize(60, 40)  # the window stays usable on a small screen
        layout.addWidget(self.table, 1)
        key = common.legend(body, (HourState.WORKING, HourState.EXTENDED, HourState.NIGHT))
        key.setWordWrap(True)
        layout.addWidget(key)
        body.setMinimumSize(110, 60)  # below its layout's wish: a small screen clips it
        self.setWidget(body)

    @property
    def event_id(self) -> str | None:
        """The event of the meeting shown (or being read)."""
        return self.occurrence.event_id if self.occurrence is not None else None

    def show_occurrence(self, key: OccurrenceKey | None) -> None:
        """Show the meeting ``key`` names (None clears the dock); read again when it is
        the same, as after a change."""
        self.occurrence = key
        self.refresh()

    def show_event(self, event_id: str | None) -> None:
        """Show an event's first meeting (None clears the dock)."""
        self.show_occurrence(None if event_id is None else OccurrenceKey(event_id))

    def refresh(self) -> None:
        """Read the shown meeting's local times again, off the GUI thread."""
        self._generation += 1
        key = self.occurrence
        if key is None:
            self.reading = False
            self._show(None)
            return
        generation = self._generation
        database = self.database
        self.reading = True
        self._run(
            lambda: read_local_times(database, key.event_id, key.recurrence_id),
            lambda times: self._arrived(generation, times),
            lambda error: self._failed(generation, error),
        )

    def stop(self) -> None:
        """Ignore the answer of a read under way (the window closes)."""
        self._generation += 1
        self.reading = False

    def _arrived(self, generation: int, times: MeetingLocalTimes) -> None:
        if generation != self._generation:
            return  # another meeting was chosen meanwhile: its answer is on its way
        self.reading = False
        self._show(times)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.reading = False
        self._show(None)
        if isinstance(error, NoSuchMeetingError):
            # A meeting cancelled, or a series moved away from it, is said so.
            self.occurrence = None
            self.heading.setText(_escape(str(error)))
        elif isinstance(error, NotFoundError):
            # The event was deleted (or its creation undone) meanwhile: nothing to show.
            self.occurrence = None
        else:
            # The meeting could not be read (the database locked, a fault): why, and the
            # meeting stays the one followed, read again at the next change.
            self.heading.setText(_escape(failure_line(error)))

    def _show(self, times: MeetingLocalTimes | None) -> None:
        self.times = times
        self.table.clearSpans()
        self.model.set_times(times)
        if times is None:
            self.heading.setText(self.tr(self.PLACEHOLDER))
            return
        # The line ``cpp-scheduler times`` prints after the title, with the window's dash.
        when = times.when_text(dash="–")
        self.heading.setText(f"<b>{_escape(times.event.title)}</b><br>{_escape(when)}")
        for row in range(len(times.rows), self.model.rowCount()):
            self.table.setSpan(row, 0, 1, len(HEADERS))

    def follow(self, changed_model: str, ids: list[str]) -> None:
        """After a command or a colleague's save: read the shown meeting again. Not only
        when its own event changed: a session naming no delegation is its conference's,
        so the conference's delegations and status are its answer too, and a
        conference's nights are judged by its sessions; anybody's hours and holidays are
        its rows. One meeting's read is cheap, and the dock then says what ``times``
        says."""
        del changed_model, ids  # whatever changed may change the answer
        if self.event_id is not None:
            self.refresh()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
