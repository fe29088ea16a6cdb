"""A delegation's whole schedule as a list, in its own local time and in Tokyo time.

What a coordinator sends to a delegation's focal point, or reads on the phone with them:
each meeting (each session of a conference, each occurrence of a series) with the
delegation's date and hours beside Tokyo's, coloured by where it falls in the
delegation's day. While the delegation is in Japan its clock is Tokyo's, and the list
says so. The window shows exactly what
:func:`cpp_scheduler.services.delegation_schedule.read_schedule` answers (the answer
``cpp-scheduler schedule`` prints), read off the GUI thread.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools import common
from cpp_scheduler.gui.tools.common import AnyIndex
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.delegation_schedule import (
    DelegationChoice,
    DelegationSchedule,
    ScheduledMeeting,
    delegation_choices,
    read_schedule,
    schedule_cells,
    summary_text,
)
from cpp_scheduler.services.slot_grid import HourState


class Column(IntEnum):
    EVENT = 0
    LOCAL_DATE = 1
    LOCAL_TIME = 2
    TOKYO_DATE = 3
    TOKYO_TIME = 4
    HOURS = 5


HEADERS = (
    QT_TRANSLATE_NOOP("Headers", "Event"),
    QT_TRANSLATE_NOOP("Headers", "Their date"),
    QT_TRANSLATE_NOOP("Headers", "Their time"),
    QT_TRANSLATE_NOOP("Headers", "Tokyo date"),
    QT_TRANSLATE_NOOP("Headers", "Tokyo time"),
    QT_TRANSLATE_NOOP("Headers", "In their day"),
)
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
START_ROLE = Qt.ItemDataRole.UserRole + 2
_COLOURED = (Column.LOCAL_DATE, Column.LOCAL_TIME, Column.HOURS)
CELL_PADDING = 18
"""Room beside a column's widest text, in pixels."""


def cells(meeting: ScheduledMeeting) -> tuple[str, str, str, str, str, str]:
    """The row's texts, column by column, as ``cpp-scheduler schedule`` words them
    (:func:`~cpp_scheduler.services.delegation_schedule.schedule_cells`)."""
    words = schedule_cells(meeting, dash="–")
    return (
        words.title,
        words.their_date,
        words.their_time,
        words.tokyo_date,
        words.tokyo_time,
        words.hours,
    )


class DelegationScheduleModel(common.HeaderedTableModel):
    """The rows of one :class:`DelegationSchedule`, nothing added."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._meetings: tuple[ScheduledMeeting, ...] = ()
        self._texts: list[tuple[str, ...]] = []
        self.home = ""
        """How the delegation's own clock is named (its home city, else its zone's)."""

    def set_schedule(
        self,
        schedule: DelegationSchedule | None,
        texts: list[tuple[str, ...]] | None = None,
    ) -> None:
        """Show ``schedule``, its rows worded as ``texts`` (:func:`cells` of each
        meeting, worked out off the GUI thread with the schedule), else worded here."""
        self.beginResetModel()
        self._meetings = schedule.meetings if schedule is not None else ()
        self._texts = texts if texts is not None else [cells(m) for m in self._meetings]
        self.home = schedule.delegation.clock_city if schedule is not None else ""
        self.endResetModel()

    def meeting(self, row: int) -> ScheduledMeeting:
        return self._meetings[row]

    @property
    def texts(self) -> list[tuple[str, ...]]:
        """The rows' texts, column by column."""
        return self._texts

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._meetings)

    def header_text(self, section: int) -> str:
        if self.home and section in (Column.LOCAL_DATE, Column.LOCAL_TIME):
            return f"{translate('Headers', HEADERS[section])} ({self.home})"
        return translate("Headers", HEADERS[section])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._meetings):
            return None
        meeting = self._meetings[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if column not in _COLOURED or meeting.part is None:
                return None  # an all-day block has dates, not hours to colour
            state = HourState.of_part(meeting.part)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(common.background(state))
            return QBrush(common.foreground(state))
        if role == Qt.ItemDataRole.ToolTipRole:
            where = (
                translate("DelegationView", ", a session of {conference}").format(
                    conference=meeting.conference
                )
                if meeting.conference
                else ""
            )
            return f"{meeting.title} ({meeting.kind.label}{where})"
        if role == EVENT_ID_ROLE:
            return meeting.event_id
        if role == START_ROLE:
            return meeting.start
        return None


class DelegationScheduleDialog(QDialog):
    """Choose a delegation; see its schedule in its time and Tokyo's, side by side.

    Signals:
        eventRequested(str, object): the coordinator double-clicked a meeting; its
            event id and its start (UTC).
        itineraryRequested(str): the coordinator asked to print the delegation's
            itinerary; its name.
    """

    eventRequested = Signal(str, object)
    itineraryRequested = Signal(str)

    def __init__(
        self,
        database: Database,
        tasks: TaskManager,
        editor: Editor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("delegationSchedule")
        self.setWindowTitle(translate("DelegationView", "Delegation schedule"))
        self.database = database
        self.tasks = tasks
        self.schedule: DelegationSchedule | None = None
        """The answer shown, as the service gave it."""
        self._wanted: str | None = None
        self._asked = 0  # numbers the questions, so a late answer to an old one is dropped
        self.delegation = QComboBox(self)
        self.delegation.setObjectName("delegationChoice")
        self.delegation.currentIndexChanged.connect(lambda _index: self.reload())
        self.summary = QLabel(translate("DelegationView", "Reading the delegations…"), self)
        self.summary.setObjectName("scheduleSummary")
        self.model = DelegationScheduleModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("scheduleTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.doubleClicked.connect(self._double_clicked)
        header = self.table.horizontalHeader()
        # Sized from the rows' texts (:meth:`_fit_columns`), not to contents, which asks
        # Python for every cell of the first thousand rows (a third of a second).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.EVENT, QHeaderView.ResizeMode.Stretch)
        self.print_button = QPushButton(translate("DelegationView", "Print itinerary…"), self)
        self.print_button.setObjectName("printItinerary")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self._print_itinerary)
        self._names: dict[str, str] = {}
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("DelegationView", "Delegation"), self))
        top.addWidget(self.delegation, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            common.legend(self, (HourState.WORKING, HourState.EXTENDED, HourState.NIGHT))
        )
        self.resize(1160, 560)
        if editor is not None:
            editor.changed.connect(self._changed)
        self.refresh_choices()

    def _print_itinerary(self) -> None:
        name = self._names.get(str(self.delegation.currentData()))
        if name is not None:
            self.itineraryRequested.emit(name)

    # -- reading ------------------------------------------------------------------------
    def refresh_choices(self) -> None:
        """Read the delegations again, keeping the one shown, and its schedule."""
        database = self.database
        self._asked += 1  # the schedule shown is read again once the list is in
        question = self._asked
        self.tasks.run_in_background(
            lambda: delegation_choices(database),
            self._choices_read,
            lambda error: self._failed(question, error),
        )

    def _choices_read(self, choices: list[DelegationChoice]) -> None:
        if not shiboken6.isValid(self):
            return
        shown = self._wanted or self.delegation.currentData()
        self._wanted = None
        self._names = {choice.id: choice.name for choice in choices}
        self.print_button.setEnabled(bool(choices))
        self.delegation.blockSignals(True)
        self.delegation.clear()
        for choice in choices:
            self.delegation.addItem(f"{choice.name} · {choice.clock_city}", choice.id)
        self.delegation.setCurrentIndex(max(self.delegation.findData(shown), 0))
        self.delegation.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """Ask the service for the chosen delegation's schedule; show it when it comes."""
        self._asked += 1
        question = self._asked
        delegation_id = self.delegation.currentData()
        if delegation_id is None:
            self._show(None)
            self.summary.setText(translate("DelegationView", "No delegations in the program yet."))
            return
        database = self.database

        def read() -> tuple[DelegationSchedule, list[tuple[str, ...]]]:
            # Worded here too: a delegation at every meeting of a busy year has
            # thousands of rows, whose words held the GUI thread for a third of a second.
            schedule = read_schedule(database, delegation_id)
            return schedule, [cells(meeting) for meeting in schedule.meetings]

        self.tasks.run_in_background(
            read,
            lambda answer: self._answered(question, *answer),
            lambda error: self._failed(question, error),
        )

    def _answered(
        self, question: int, schedule: DelegationSchedule, texts: list[tuple[str, ...]]
    ) -> None:
        if question == self._asked and shiboken6.isValid(self):
            self._show(schedule, texts)

    def _show(
        self, schedule: DelegationSchedule | None, texts: list[tuple[str, ...]] | None = None
    ) -> None:
        self.schedule = schedule
        self.model.set_schedule(schedule, texts)
        self._fit_columns()
        if schedule is None:
            return
        # As ``schedule`` says it; the table's headings name the delegation's clock.
        self.summary.setText(summary_text(schedule))

    def _fit_columns(self) -> None:
        """Each column but the event's as wide as its heading and its widest text, every
        row's: each text measured once, however many rows read it."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column in Column:
            if column == Column.EVENT:
                continue
            texts = {words[column] for words in self.model.texts}
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            header.resizeSection(column, max(header.sectionSizeHint(column), widest + CELL_PADDING))

    def _failed(self, question: int, error: BaseException) -> None:
        """The latest question found no answer: no other delegation's schedule stays
        under the name chosen, and the summary says why. The answer to an earlier
        question, asked again since, is dropped."""
        if question != self._asked or not shiboken6.isValid(self):
            return
        self._show(None)
        self.summary.setText(
            translate("DelegationView", "The schedule could not be read: {error}").format(
                error=failure_line(error)
            )
        )

    # -- the coordinator ----------------------------------------------------------------
    def _changed(self, model: str, _ids: list[str]) -> None:
        if model == "Delegation":
            self.refresh_choices()
        else:
            self.reload()

    def show_delegation(self, delegation_id: str) -> None:
        """Show this delegation's schedule (once the list of delegations is read)."""
        index = self.delegation.findData(delegation_id)
        if index >= 0:
            self.delegation.setCurrentIndex(index)
        else:
            self._wanted = delegation_id

    def _double_clicked(self, index: QModelIndex) -> None:
        meeting = self.model.meeting(index.row())
        self.eventRequested.emit(meeting.event_id, meeting.start)
