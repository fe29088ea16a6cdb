"""The slot finder: when can Manila, Lima and Kobe all meet?

A planner in the manner of the best meeting planners. The coordinator picks who must
attend, for how long, between which dates and optionally where; the grid shows one row
per attendee in their own local hours, one column per hour of the range (read in Tokyo
time), each cell coloured working, acceptable, night, holiday or busy; the ranked
suggestions sit beside it with their reasons. A suggestion or a column becomes an event
through the undo stack; a repeated meeting becomes one event per occurrence, each at the
time the fairness-aware planner chose, with the spread of the burden shown.

The search runs on the task manager's worker (:func:`plan_meeting` touches no widget);
a newer search makes an older answer stale, so the window never freezes nor shows the
answer to a question no longer asked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.commands import CreateRecord, Editor, RecordCommand
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools import common
from cpp_scheduler.gui.tools.commands import GroupCommand
from cpp_scheduler.gui.tools.common import AnyIndex
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    OccurrenceOverride,
    Participant,
    Venue,
    recurrence,
)
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.inputs import JAPAN, Attendee, AttendeeKind, Hours, zone_city
from cpp_scheduler.scheduling.localtimes import classify
from cpp_scheduler.scheduling.slots import (
    SeriesPlan,
    Slot,
    SlotRequest,
    busy_times,
    find_slots,
    plan_series,
    series_windows,
)
from cpp_scheduler.services.snapshot import load_snapshot, snapshot_for, venue_info
from cpp_scheduler.store import Database

MAX_GRID_DAYS = 21
"""The grid shows at most three weeks of hours; the search itself may cover more."""
SUGGESTIONS = 8
REPEATS = {
    "Once": None,
    "Every week": "FREQ=WEEKLY",
    "Every two weeks": "FREQ=WEEKLY;INTERVAL=2",
    "Every month": "FREQ=MONTHLY",
}


# -- the search, free of widgets ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlannerRequest:
    attendee_ids: tuple[str, ...]
    duration: timedelta
    first_day: date
    last_day: date
    venue_id: str | None = None
    zone: str = timezones.TOKYO
    repeat: str | None = None
    """An RRULE without COUNT (``FREQ=MONTHLY``) for a series, or None for one meeting."""
    occurrences: int = 6


@dataclass(frozen=True, slots=True)
class GridRow:
    """One attendee's hours across the grid's columns."""

    name: str
    zone: str
    cells: tuple[common.CellState, ...]
    local_hours: tuple[int, ...]
    notes: tuple[str, ...]
    """Why each cell is what it is, for its tooltip."""


@dataclass(frozen=True, slots=True)
class PlannerResult:
    request: PlannerRequest
    attendees: tuple[Attendee, ...]
    columns: tuple[datetime, ...]
    """The UTC start of each hour column."""
    rows: tuple[GridRow, ...]
    slots: tuple[Slot, ...]
    plan: SeriesPlan | None = None


def _attendees(database: Database, ids: Sequence[str]) -> list[Attendee]:
    from cpp_scheduler.services.snapshot import delegation_attendee, participant_attendee

    with database.session() as session:
        found: list[Attendee] = []
        for record_id in ids:
            delegation = session.get(Delegation, record_id)
            if delegation is not None:
                found.append(delegation_attendee(delegation))
                continue
            person = session.scalars(
                select(Participant)
                .options(selectinload(Participant.delegation))
                .where(Participant.id == record_id)
            ).first()
            if person is None:
                raise SchedulerError("An attendee you chose was deleted meanwhile.")
            found.append(participant_attendee(person))
        return found


def _cell(
    attendee: Attendee, hours: Hours, start: datetime, busy: Sequence[tuple[datetime, datetime]]
) -> tuple[common.CellState, int, str]:
    tokyo_day = timezones.to_local(start, timezones.TOKYO).date()
    zone_name = attendee.zone_on(tokyo_day)
    local = timezones.to_local(start, zone_name)
    local_end = timezones.to_local(start + timedelta(hours=1), zone_name)
    when = f"{attendee.name}: {local:%a %d %b %H:%M} {local.tzname()}"
    for begin, end in busy:
        if begin < start + timedelta(hours=1) and start < end:
            return common.CellState.BUSY, local.hour, f"{when}, already booked"
    country = JAPAN if zone_name != attendee.zone else attendee.country
    name = holidays.holiday_name(country, local.date())
    if name:
        return common.CellState.DAY_OFF, local.hour, f"{when}, {name}"
    if local.weekday() in holidays.weekend_days(country):
        return common.CellState.DAY_OFF, local.hour, f"{when}, weekend"
    part = classify(local, local_end, hours)
    state = common.CellState.of(part)
    return state, local.hour, f"{when}, {state.label}"


def plan_meeting(database: Database, request: PlannerRequest) -> PlannerResult:
    """The grid and the suggestions for ``request`` (run on a worker thread)."""
    attendees = tuple(_attendees(database, request.attendee_ids))
    slot_request_days = (request.first_day, request.last_day)
    with database.session() as session:
        venue = None
        if request.venue_id:
            record = session.get(Venue, request.venue_id)
            if record is None:
                raise SchedulerError("The venue you chose was deleted meanwhile.")
            venue = venue_info(record)
        if request.repeat:
            windows = series_windows(
                request.first_day,
                request.last_day,
                f"{request.repeat};COUNT={max(request.occurrences, 1)}",
            )
            begin, _ = _bounds(windows[0][0], request.zone)
            _, after = _bounds(windows[-1][1] + timedelta(days=1), request.zone)
            snapshot = load_snapshot(session, begin - timedelta(days=1), after + timedelta(days=1))
        else:
            windows = []
            snapshot = snapshot_for(session, *slot_request_days)
    busy = busy_times(snapshot, attendees, venue)
    slot_request = SlotRequest(
        attendees,
        request.duration,
        request.first_day,
        request.last_day,
        request.zone,
        venue=venue,
        busy=busy,
    )
    plan = None
    if request.repeat:
        plan = plan_series(slot_request, windows)
        slots: tuple[Slot, ...] = tuple(slot for slot in plan.slots if slot is not None)
    else:
        slots = tuple(find_slots(slot_request, SUGGESTIONS))
    last_shown = min(request.last_day, request.first_day + timedelta(days=MAX_GRID_DAYS - 1))
    first, after = (
        _bounds(request.first_day, request.zone)[0],
        _bounds(last_shown + timedelta(days=1), request.zone)[0],
    )
    columns = []
    moment = first
    while moment < after:
        columns.append(moment)
        moment += timedelta(hours=1)
    rows = []
    parties: list[tuple[Attendee, Hours, Sequence[tuple[datetime, datetime]]]] = [
        (attendee, attendee.hours, busy_times(snapshot, [attendee])) for attendee in attendees
    ]
    if venue is not None:
        venue_party = Attendee(
            venue.id,
            venue.name,
            AttendeeKind.REFERENCE,
            venue.zone,
            JAPAN,
            Hours(venue.opens_at, venue.closes_at, venue.opens_at, venue.closes_at),
        )
        parties.append((venue_party, venue_party.hours, busy_times(snapshot, [], venue)))
    for attendee, hours, taken in parties:
        cells = [_cell(attendee, hours, column, taken) for column in columns]
        rows.append(
            GridRow(
                attendee.name,
                attendee.zone,
                tuple(c[0] for c in cells),
                tuple(c[1] for c in cells),
                tuple(c[2] for c in cells),
            )
        )
    return PlannerResult(request, attendees, tuple(columns), tuple(rows), slots, plan)


def _bounds(day: date, zone_name: str) -> tuple[datetime, datetime]:
    start = timezones.to_utc(datetime.combine(day, time()), zone_name, timezones.Fold.EARLIER)
    end = timezones.to_utc(
        datetime.combine(day + timedelta(days=1), time()), zone_name, timezones.Fold.EARLIER
    )
    return start, end


def short_name(name: str) -> str:
    """``Peru`` for ``Peru: Ministry of Housing, ...``: what fits a row's label."""
    head, colon, _rest = name.partition(":")
    return head if colon and len(name) > 28 else name


# -- the grid -------------------------------------------------------------------------------
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
START_ROLE = Qt.ItemDataRole.UserRole + 2
HOUR_ROLE = Qt.ItemDataRole.UserRole + 3
CHOSEN_ROLE = Qt.ItemDataRole.UserRole + 4


class SlotGridModel(QAbstractTableModel):
    """Attendees down, hours across; each cell an attendee's hour."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._result: PlannerResult | None = None
        self._chosen: tuple[datetime, datetime] | None = None

    def set_result(self, result: PlannerResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._chosen = None
        self.endResetModel()

    @property
    def result(self) -> PlannerResult | None:
        return self._result

    def column_start(self, column: int) -> datetime:
        assert self._result is not None
        return self._result.columns[column]

    def column_of(self, instant: datetime) -> int:
        if self._result is None:
            return -1
        for number, start in enumerate(self._result.columns):
            if start <= instant < start + timedelta(hours=1):
                return number
        return -1

    def set_chosen(self, span: tuple[datetime, datetime] | None) -> None:
        """Outline the hours of a chosen meeting."""
        self._chosen = span
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
                [CHOSEN_ROLE],
            )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._result is None else len(self._result.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._result is None else len(self._result.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._result is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._result.rows):
                return None
            row = self._result.rows[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{short_name(row.name)}\n{zone_city(row.zone)}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{row.name} ({row.zone})"
            return None
        if not 0 <= section < len(self._result.columns):
            return None
        local = timezones.to_local(self._result.columns[section], self._result.request.zone)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{local:%H}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{local:%a %d %b %Y %H:%M} {zone_city(self._result.request.zone)}"
        if role == START_ROLE:
            return self._result.columns[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._result is None or not index.isValid():
            return None
        if not (
            0 <= index.row() < len(self._result.rows)
            and 0 <= index.column() < len(self._result.columns)
        ):
            return None
        row = self._result.rows[index.row()]
        state = row.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.local_hours[index.column()]:02d}"
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(common.background(state))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(common.foreground(state))
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.notes[index.column()]
        if role == STATE_ROLE:
            return state.value
        if role == HOUR_ROLE:
            return row.local_hours[index.column()]
        if role == START_ROLE:
            return self._result.columns[index.column()]
        if role == CHOSEN_ROLE:
            if self._chosen is None:
                return False
            start = self._result.columns[index.column()]
            return self._chosen[0] < start + timedelta(hours=1) and start < self._chosen[1]
        return None


class SlotCellDelegate(QStyledItemDelegate):
    """Paints an hour as a coloured tile with the local hour; busy hours hatched, the
    attendee's local midnight as a darker line, a chosen meeting outlined."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        state = common.CellState(index.data(STATE_ROLE))
        rect: QRect = option.rect
        painter.save()
        painter.fillRect(rect, common.background(state))
        if state is common.CellState.BUSY:
            painter.fillRect(rect, QBrush(QColor("#8d939b"), Qt.BrushStyle.BDiagPattern))
        hour = index.data(HOUR_ROLE)
        if hour == 0:
            painter.fillRect(QRect(rect.left(), rect.top(), 2, rect.height()), QColor("#5f6368"))
        painter.setPen(common.foreground(state))
        font = QFont(option.font)
        font.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
        font.setBold(hour == 0)
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), f"{hour:02d}")
        if index.data(CHOSEN_ROLE):
            painter.setPen(QPen(QColor("#1a73e8"), 2))
            painter.drawLine(rect.topLeft(), rect.topRight())
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(26, 34)


class DayHeader(QHeaderView):
    """The grid's hours along the top, each day's date above its first hour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultSectionSize(26)
        self.setMinimumSectionSize(20)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHighlightSections(False)

    def sizeHint(self) -> QSize:
        base = super().sizeHint()
        return QSize(base.width(), self.fontMetrics().height() * 2 + 10)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        model = self.model()
        if model is None:
            return
        painter.save()
        half = rect.height() // 2
        lower = QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half)
        painter.fillRect(lower, QColor("#f1f3f4"))
        painter.setPen(QColor("#dadce0"))
        painter.drawLine(lower.topRight(), lower.bottomRight())
        text = str(model.headerData(logical, Qt.Orientation.Horizontal) or "")
        painter.setPen(QColor("#3c4043"))
        painter.drawText(lower, int(Qt.AlignmentFlag.AlignCenter), text)
        start = model.headerData(logical, Qt.Orientation.Horizontal, START_ROLE)
        first_visible = logical == self.logicalIndexAt(0)
        if isinstance(start, datetime) and (text == "00" or first_visible):
            result = getattr(model, "result", None)
            zone = result.request.zone if result is not None else timezones.TOKYO
            local = timezones.to_local(start, zone)
            band = QRect(rect.left() + 3, rect.top(), rect.width() * 12, half)
            painter.setClipping(False)
            font = QFont(painter.font())
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#202124"))
            painter.drawText(
                band,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                f"{local:%a %d %b}",
            )
            painter.fillRect(QRect(rect.left(), rect.top(), 2, rect.height()), QColor("#5f6368"))
        painter.restore()


# -- the dialog -----------------------------------------------------------------------------
class SlotFinderDialog(QDialog):
    """The planner.

    Attributes:
        search_result: the last search's answer, or None.
    """

    def __init__(
        self,
        database: Database,
        editor: Editor,
        tasks: TaskManager,
        parent: QWidget | None = None,
        on_created: Callable[[str], None] | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("slotFinder")
        self.setWindowTitle("Find a time")
        self.database = database
        self.editor = editor
        self.tasks = tasks
        self.on_created = on_created
        self.search_result: PlannerResult | None = None
        self.searching = False
        self._generation = 0
        self.created: list[str] = []
        start = today or date.today()
        start += timedelta(days=(7 - start.weekday()) % 7 or 7)  # next Monday

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter delegations and people")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_attendees)
        self.attendee_list = QListWidget(self)
        self.attendee_list.setObjectName("attendeeList")
        self.attendee_list.itemChanged.connect(lambda _item: self.schedule_search())
        self.attendee_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attendee_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.duration = QSpinBox(self)
        self.duration.setObjectName("duration")
        self.duration.setRange(15, 480)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)
        self.duration.setSuffix(" min")
        self.first_day = QDateEdit(QDate(start.year, start.month, start.day), self)
        self.last_day = QDateEdit(QDate(start.year, start.month, start.day).addDays(4), self)
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.dateChanged.connect(lambda _day: self.schedule_search())
        self.venue = QComboBox(self)
        self.venue.setObjectName("venue")
        self.venue.addItem("None: online", None)
        self.repeat = QComboBox(self)
        self.repeat.setObjectName("repeat")
        self.repeat.addItems(list(REPEATS))
        self.occurrences = QSpinBox(self)
        self.occurrences.setRange(2, 24)
        self.occurrences.setValue(6)
        self.occurrences.setSuffix(" meetings")
        self.occurrences.setEnabled(False)
        self.repeat.currentIndexChanged.connect(self._repeat_changed)
        for widget in (self.duration, self.occurrences):
            widget.valueChanged.connect(lambda _value: self.schedule_search())
        self.venue.currentIndexChanged.connect(lambda _index: self.schedule_search())
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("title")
        self.title_edit.setPlaceholderText("Title of the meeting")
        self.link_edit = QLineEdit(self)
        self.link_edit.setObjectName("videoLink")
        self.link_edit.setPlaceholderText("https://… (for an online meeting)")

        inputs = QWidget(self)
        form = QFormLayout(inputs)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(QLabel("<b>Who must attend</b>", inputs))
        form.addRow(self.filter)
        form.addRow(self.attendee_list)
        form.addRow("Duration", self.duration)
        form.addRow("From", self.first_day)
        form.addRow("To", self.last_day)
        form.addRow("Venue", self.venue)
        repeat_row = QHBoxLayout()
        repeat_row.addWidget(self.repeat, 1)
        repeat_row.addWidget(self.occurrences)
        form.addRow("Repeat", repeat_row)
        form.addRow(QLabel("<b>The event</b>", inputs))
        form.addRow("Title", self.title_edit)
        form.addRow("Video link", self.link_edit)
        inputs.setMinimumWidth(300)
        inputs.setMaximumWidth(360)

        self.grid_model = SlotGridModel(self)
        self.grid = QTableView(self)
        self.grid.setObjectName("slotGrid")
        self.grid.setHorizontalHeader(DayHeader(self.grid))
        self.grid.setModel(self.grid_model)
        self.grid.setItemDelegate(SlotCellDelegate(self.grid))
        self.grid.setShowGrid(False)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().setDefaultSectionSize(38)
        self.grid.verticalHeader().setMaximumWidth(210)
        self.grid.horizontalScrollBar().valueChanged.connect(
            lambda _value: self.grid.horizontalHeader().viewport().update()
        )
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.clicked.connect(self._column_clicked)
        self.grid.doubleClicked.connect(lambda index: self.create_at_column(index.column()))
        grid_box = QWidget(self)
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        self.grid_title = QLabel("Choose who must attend.", grid_box)
        self.grid_title.setObjectName("gridTitle")
        grid_layout.addWidget(self.grid_title)
        grid_layout.addWidget(self.grid, 1)
        grid_layout.addWidget(common.legend(grid_box))

        self.suggestions = QTreeWidget(self)
        self.suggestions.setObjectName("suggestions")
        self.suggestions.setHeaderLabels(["Suggestion (Tokyo)", "Points"])
        self.suggestions.setWordWrap(True)
        self.suggestions.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.suggestions.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.suggestions.header().setStretchLastSection(False)
        self.suggestions.currentItemChanged.connect(self._suggestion_chosen)
        self.suggestions.itemDoubleClicked.connect(lambda _item, _col: self.create_chosen())
        self.reasons = QLabel("", self)
        self.reasons.setObjectName("reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setStyleSheet(
            "background:#f8f9fa; border:1px solid #dadce0; border-radius:6px; padding:6px;"
        )
        self.fairness = QLabel("", self)
        self.fairness.setObjectName("fairness")
        self.fairness.setWordWrap(True)
        self.create_button = QPushButton("Create the event", self)
        self.create_button.setObjectName("createButton")
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.create_chosen)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("<b>Best times</b> (fewest points first)", side))
        side_layout.addWidget(self.suggestions, 1)
        side_layout.addWidget(self.reasons)
        side_layout.addWidget(self.fairness)
        side_layout.addWidget(self.create_button)

        splitter = QSplitter(self)
        splitter.addWidget(grid_box)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 440])
        splitter.setChildrenCollapsible(False)

        self.busy = QProgressBar(self)
        self.busy.setObjectName("busyIndicator")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel("", self)
        self.status.setObjectName("slotStatus")
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.busy)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        bottom.addWidget(close)

        body = QHBoxLayout()
        body.addWidget(inputs)
        body.addWidget(splitter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)
        self.resize(1320, 720)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.search)
        self._chosen_column: int | None = None
        self.refresh_choices()

    # -- choices ------------------------------------------------------------------------
    def refresh_choices(self) -> None:
        """Read the delegations, people and venues again, keeping what was chosen."""
        ticked = set(self.chosen_ids())
        venue = self.venue.currentData()
        self.attendee_list.blockSignals(True)
        self.venue.blockSignals(True)
        self.attendee_list.clear()
        while self.venue.count() > 1:
            self.venue.removeItem(1)
        with self.database.session() as session:
            for delegation in session.scalars(select(Delegation).order_by(Delegation.name)):
                item = QListWidgetItem(f"{delegation.name} · {zone_city(delegation.zone)}")
                item.setToolTip(delegation.name)
                item.setData(Qt.ItemDataRole.UserRole, delegation.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                self.attendee_list.addItem(item)
            for person in session.scalars(
                select(Participant)
                .options(selectinload(Participant.delegation))
                .order_by(Participant.name)
            ):
                item = QListWidgetItem(f"{person.name} · {zone_city(person.effective_zone)}")
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                item.setToolTip(person.email)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.attendee_list.addItem(item)
            for venue in session.scalars(select(Venue).order_by(Venue.name)):
                japanese = f" · {venue.name_ja}" if venue.name_ja else ""
                self.venue.addItem(f"{venue.name}{japanese} ({venue.locality})", venue.id)
        for number in range(self.attendee_list.count()):
            item = self.attendee_list.item(number)
            if item.data(Qt.ItemDataRole.UserRole) in ticked:
                item.setCheckState(Qt.CheckState.Checked)
        self.venue.setCurrentIndex(max(self.venue.findData(venue), 0))
        self.venue.blockSignals(False)
        self.attendee_list.blockSignals(False)
        self._filter_attendees(self.filter.text())

    def _filter_attendees(self, text: str) -> None:
        wanted = text.casefold()
        for number in range(self.attendee_list.count()):
            item = self.attendee_list.item(number)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())

    def choose(self, record_ids: Sequence[str]) -> None:
        """Tick these delegations or participants (and untick the others)."""
        wanted = set(record_ids)
        self.attendee_list.blockSignals(True)
        for number in range(self.attendee_list.count()):
            item = self.attendee_list.item(number)
            chosen = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.attendee_list.blockSignals(False)
        self.schedule_search()

    def set_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.first_day, first), (self.last_day, last)):
            edit.setDate(QDate(day.year, day.month, day.day))

    def chosen_ids(self) -> list[str]:
        return [
            str(self.attendee_list.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.attendee_list.count())
            if self.attendee_list.item(n).checkState() == Qt.CheckState.Checked
        ]

    def _repeat_changed(self, _index: int) -> None:
        self.occurrences.setEnabled(REPEATS[self.repeat.currentText()] is not None)
        self.create_button.setText("Create the series" if self.is_series else "Create the event")
        self.schedule_search()

    @property
    def is_series(self) -> bool:
        return REPEATS[self.repeat.currentText()] is not None

    def request(self) -> PlannerRequest:
        first = self.first_day.date().toPython()
        last = self.last_day.date().toPython()
        assert isinstance(first, date)
        assert isinstance(last, date)
        return PlannerRequest(
            attendee_ids=tuple(self.chosen_ids()),
            duration=timedelta(minutes=self.duration.value()),
            first_day=first,
            last_day=last,
            venue_id=self.venue.currentData(),
            repeat=REPEATS[self.repeat.currentText()],
            occurrences=self.occurrences.value(),
        )

    # -- searching ----------------------------------------------------------------------
    @property
    def search_pending(self) -> bool:
        """A search was asked for and has not started yet."""
        return self._timer.isActive()

    def stop(self) -> None:
        """Cancel a pending search and ignore the answer of one under way."""
        self._timer.stop()
        self._generation += 1
        self.searching = False
        self.busy.hide()

    def schedule_search(self) -> None:
        self._timer.start()

    def search(self) -> None:
        """Start a search on the worker; an answer to an older request is dropped."""
        self._timer.stop()
        request = self.request()
        self._generation += 1
        generation = self._generation
        if not request.attendee_ids:
            self._show(None)
            self.grid_title.setText("Choose who must attend.")
            return
        if request.last_day < request.first_day:
            self._show(None)
            self.status.setText("The range ends before it starts.")
            return
        self.searching = True
        self.busy.show()
        self.status.setText("Weighing every start time…")
        database = self.database
        self.tasks.run_in_background(
            lambda: plan_meeting(database, request),
            lambda result: self._arrived(generation, result),
            lambda error: self._failed(generation, error),
        )

    def _arrived(self, generation: int, result: PlannerResult) -> None:
        if generation != self._generation:
            return
        self.searching = False
        self.busy.hide()
        self._show(result)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.searching = False
        self.busy.hide()
        self._show(None)
        if isinstance(error, SchedulerError):
            self.status.setText(str(error))
        else:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)

    def _show(self, result: PlannerResult | None) -> None:
        self.search_result = result
        self.grid_model.set_result(result)
        self.suggestions.clear()
        self.reasons.clear()
        self.reasons.hide()
        self.fairness.clear()
        self._chosen_column = None
        self.create_button.setEnabled(False)
        if result is None:
            return
        request = result.request
        shown_last = min(request.last_day, request.first_day + timedelta(days=MAX_GRID_DAYS - 1))
        self.grid_title.setText(
            f"Each row in its own local hours; columns are hours in Tokyo, "
            f"{request.first_day:%d %b} to {shown_last:%d %b %Y}."
        )
        if result.plan is not None:
            self._show_plan(result)
        else:
            for rank, slot in enumerate(result.slots, start=1):
                self._add_suggestion(f"{rank}. ", slot)
        first = self.suggestions.topLevelItem(0)
        if first is not None:
            self.suggestions.setCurrentItem(first)
            self.status.setText(
                f"{len(result.slots)} suggestions; double-click one, or an "
                "hour in the grid, to create the event."
            )
        else:
            self.status.setText(
                "No free time in this range: widen the dates or shorten the meeting."
            )
        self.grid.resizeColumnsToContents()
        for column in range(self.grid_model.columnCount()):
            self.grid.setColumnWidth(column, 26)

    def _add_suggestion(self, prefix: str, slot: Slot) -> QTreeWidgetItem:
        start = timezones.to_local(slot.start, timezones.TOKYO)
        end = timezones.to_local(slot.end, timezones.TOKYO)
        item = QTreeWidgetItem([f"{prefix}{start:%a %d %b %H:%M}–{end:%H:%M}", str(slot.total)])
        item.setData(0, Qt.ItemDataRole.UserRole, (slot.start, slot.end))
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        worst = max((fit.inconvenience for fit in slot.fits), default=0)
        colour = (
            common.CellState.WORKING
            if worst == 0
            else common.CellState.EXTENDED
            if worst <= 2
            else common.CellState.NIGHT
        )
        item.setBackground(0, common.background(colour))
        item.setForeground(0, common.foreground(colour))
        for fit in slot.fits:
            child = QTreeWidgetItem([fit.reason, str(fit.inconvenience)])
            child.setToolTip(0, fit.reason)
            child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.addChild(child)
        self.suggestions.addTopLevelItem(item)
        return item

    def _show_plan(self, result: PlannerResult) -> None:
        plan = result.plan
        assert plan is not None
        for number, slot in enumerate(plan.slots, start=1):
            if slot is None:
                missing = QTreeWidgetItem([f"{number}. nothing free in this window", ""])
                self.suggestions.addTopLevelItem(missing)
                continue
            item = self._add_suggestion(f"{number}. ", slot)
            moved = plan.moved[number - 1]
            if moved:
                item.setToolTip(
                    0, f"{moved} attendees' local time differs from the previous meeting"
                )
        names = {a.id: short_name(a.name) for a in result.attendees}
        shares = ", ".join(
            f"{names.get(key, key)} {value}"
            for key, value in sorted(plan.totals.items(), key=lambda kv: -kv[1])
        )
        verdict = (
            "shared evenly"
            if plan.fairness == 0
            else ("fairly shared" if plan.fairness <= 6 else "unevenly shared")
        )
        self.fairness.setText(
            f"<b>Fairness:</b> the burden is {verdict} (spread {plan.fairness} points "
            f"between the most and least burdened). Points over the series: {shares}."
        )

    # -- choosing and creating ----------------------------------------------------------
    def _suggestion_chosen(
        self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        while item is not None and item.parent() is not None:
            item = item.parent()
        span = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        children = [item.child(n) for n in range(item.childCount())] if item else []
        reasons = [child.text(0) for child in children if child is not None]
        self.reasons.setText(
            "<b>Why:</b><br>" + "<br>".join(_escape(r) for r in reasons) if reasons else ""
        )
        self.reasons.setVisible(bool(reasons))
        self.grid_model.set_chosen(span)
        self.create_button.setEnabled(span is not None or self.is_series)
        if span is not None:
            column = self.grid_model.column_of(span[0])
            if column >= 0:
                self.grid.scrollTo(
                    self.grid_model.index(0, column), QAbstractItemView.ScrollHint.PositionAtCenter
                )

    def _column_clicked(self, index: QModelIndex) -> None:
        start = self.grid_model.column_start(index.column())
        end = start + timedelta(minutes=self.duration.value())
        self._chosen_column = index.column()
        self.suggestions.blockSignals(True)
        self.suggestions.setCurrentIndex(QModelIndex())
        self.suggestions.blockSignals(False)
        self.grid_model.set_chosen((start, end))
        local = timezones.to_local(start, timezones.TOKYO)
        self.create_button.setEnabled(True)
        self.status.setText(
            f"Chosen: {local:%a %d %b %H:%M} Tokyo. Double-click the hour "
            "or press the button to create the event."
        )

    def chosen_span(self) -> tuple[datetime, datetime] | None:
        item = self.suggestions.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
            span = item.data(0, Qt.ItemDataRole.UserRole)
            return span[0], span[1]
        if self._chosen_column is not None and self.search_result is not None:
            start = self.grid_model.column_start(self._chosen_column)
            return start, start + timedelta(minutes=self.duration.value())
        return None

    def create_chosen(self) -> list[str]:
        plan = self.search_result.plan if self.search_result is not None else None
        if self.is_series and plan is not None:
            return self.create_series(plan)
        span = self.chosen_span()
        return self.create_events([span]) if span is not None else []

    def create_at_column(self, column: int) -> list[str]:
        if self.search_result is None or not 0 <= column < len(self.search_result.columns):
            return []
        start = self.grid_model.column_start(column)
        return self.create_events([(start, start + timedelta(minutes=self.duration.value()))])

    def event_values(self, start: datetime, end: datetime) -> dict[str, Any]:
        assert self.search_result is not None
        attendees = self.search_result.attendees
        venue_id = self.search_result.request.venue_id
        online = venue_id is None
        title = self.title_edit.text().strip() or "Meeting of " + ", ".join(
            a.name for a in attendees[:3]
        )
        return {
            "title": title,
            "kind": EventKind.VIDEOCONFERENCE if online else EventKind.WORKSHOP,
            "mode": EventMode.VIRTUAL if online else EventMode.FACE_TO_FACE,
            "status": EventStatus.TENTATIVE,
            "start_utc": start.astimezone(UTC),
            "end_utc": end.astimezone(UTC),
            "zone": self.search_result.request.zone,
            "venue_id": venue_id,
            "video_link": self.link_edit.text().strip(),
            "delegation_ids": [a.id for a in attendees if a.kind is AttendeeKind.DELEGATION],
            "participant_ids": [a.id for a in attendees if a.kind is AttendeeKind.PARTICIPANT],
        }

    def create_events(self, spans: Sequence[tuple[datetime, datetime]]) -> list[str]:
        """Create one event per span as one undo step; the ids, or none if refused."""
        if self.search_result is None or not spans:
            return []
        commands = [
            CreateRecord(
                self.editor,
                Event,
                self.event_values(start, end),
                self.event_values(start, end)["title"],
            )
            for start, end in spans
        ]
        title = commands[0].values["title"]
        command = (
            commands[0]
            if len(commands) == 1
            else GroupCommand(
                self.editor, f"Create series '{title}' ({len(commands)} meetings)", commands
            )
        )
        try:
            self.editor.execute(command)
        except SchedulerError as error:
            self.report_error(str(error))
            return []
        ids = [c.record_id for c in commands]
        self.created.extend(ids)
        first = timezones.to_local(spans[0][0], timezones.TOKYO)
        self.status.setText(
            f"Created '{title}' on {first:%a %d %b %H:%M} Tokyo"
            + (f" and {len(ids) - 1} more meetings" if len(ids) > 1 else "")
            + ". Undo with Ctrl+Z."
        )
        if self.on_created is not None:
            self.on_created(ids[0])
        self.schedule_search()  # the new meeting makes those hours busy
        return ids

    def series_command(self, plan: SeriesPlan) -> tuple[CreateRecord, RecordCommand] | None:
        """One series event whose rule gives every window an occurrence, and one changed
        occurrence per window where the planner chose another time (or nothing was free).

        None when the rule's occurrences do not line up with the windows (a monthly rule
        on the 31st skips months); the caller then creates one event per meeting.
        """
        assert self.search_result is not None
        request = self.search_result.request
        chosen = [slot for slot in plan.slots if slot is not None]
        if not chosen or request.repeat is None:
            return None
        zone = request.zone
        count = len(plan.slots)
        first_window = series_windows(
            request.first_day, request.last_day, f"{request.repeat};COUNT={count}"
        )[0][0]
        clock = timezones.to_local(chosen[0].start, zone).time()
        anchor = (
            chosen[0].start
            if plan.slots[0] is not None
            else timezones.to_utc(
                datetime.combine(first_window, clock), zone, timezones.Fold.EARLIER
            )
        )
        rule = f"{request.repeat};COUNT={count}"
        originals = [
            timezones.to_utc(local, zone, timezones.Fold.EARLIER)
            for local in recurrence.local_starts(rule, anchor, zone)
        ]
        if len(originals) != count:
            return None
        duration = chosen[0].end - chosen[0].start
        values = self.event_values(anchor, anchor + duration)
        values["recurrence_rule"] = rule
        series = CreateRecord(self.editor, Event, values, values["title"])
        commands: list[RecordCommand] = [series]
        for original, slot in zip(originals, plan.slots, strict=True):
            if slot is not None and slot.start == original:
                continue
            change: dict[str, Any] = {
                "event_id": series.record_id,
                "recurrence_id": original,
                "cancelled": slot is None,
            }
            if slot is not None:
                change.update(start_utc=slot.start, end_utc=slot.end)
            commands.append(
                CreateRecord(self.editor, OccurrenceOverride, change, f"{original:%d %b}")
            )
        if len(commands) == 1:
            return series, series
        return series, GroupCommand(
            self.editor, f"Create series '{values['title']}' ({len(chosen)} meetings)", commands
        )

    def create_series(self, plan: SeriesPlan) -> list[str]:
        """Create the planned series as one event with a rule; its id, or none."""
        made = self.series_command(plan)
        if made is None:
            return self.create_events(
                [(slot.start, slot.end) for slot in plan.slots if slot is not None]
            )
        series, command = made
        try:
            self.editor.execute(command)
        except SchedulerError as error:
            self.report_error(str(error))
            return []
        self.created.append(series.record_id)
        meetings = sum(1 for slot in plan.slots if slot is not None)
        self.status.setText(
            f"Created the series '{series.values['title']}': {meetings} "
            f"meetings, each at its planned time. Undo with Ctrl+Z."
        )
        if self.on_created is not None:
            self.on_created(series.record_id)
        self.schedule_search()
        return [series.record_id]

    def report_error(self, message: str) -> None:
        QMessageBox.warning(self, "Cannot create the event", message)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
