"""A delegation's whole schedule as a list, in its own local time and in Tokyo time.

What a coordinator sends to a delegation's focal point, or reads on the phone with them:
each meeting (each occurrence of a series) with the delegation's date and hours beside
Tokyo's, coloured by where it falls in the delegation's day. While the delegation is in
Japan its clock is Tokyo's, and the list says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from cpp_scheduler import timezones
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.tools import common
from cpp_scheduler.gui.tools.common import AnyIndex
from cpp_scheduler.model import Delegation, Event, EventStatus, Participant
from cpp_scheduler.scheduling.inputs import zone_city
from cpp_scheduler.scheduling.localtimes import DayPart, classify
from cpp_scheduler.services.snapshot import delegation_attendee, event_intervals
from cpp_scheduler.store import Database


@dataclass(frozen=True, slots=True)
class ScheduleLine:
    event_id: str
    title: str
    kind: str
    status: EventStatus
    start: datetime
    end: datetime
    zone: str
    """The delegation's clock for this meeting (Tokyo during its stay in Japan)."""
    part: DayPart


def read_schedule(database: Database, delegation_id: str) -> tuple[str, str, list[ScheduleLine]]:
    """The delegation's name, home zone and every meeting it attends, by start."""
    with database.session() as session:
        delegation = session.get(Delegation, delegation_id)
        if delegation is None:
            return "", timezones.TOKYO, []
        attendee = delegation_attendee(delegation)
        events = session.scalars(
            select(Event)
            .options(
                selectinload(Event.changes),
                selectinload(Event.delegations),
                selectinload(Event.participants),
                selectinload(Event.venue),
                selectinload(Event.city),
            )
            .where(
                or_(
                    Event.delegations.any(Delegation.id == delegation_id),
                    Event.participants.any(Participant.delegation_id == delegation_id),
                )
            )
        ).all()
        lines = []
        for event in events:
            for interval in event_intervals(event):
                tokyo_day = timezones.to_local(interval.start, timezones.TOKYO).date()
                zone = attendee.zone_on(tokyo_day)
                local_start = timezones.to_local(interval.start, zone)
                local_end = timezones.to_local(interval.end, zone)
                lines.append(
                    ScheduleLine(
                        event.id,
                        event.title,
                        event.kind.label,
                        event.status,
                        interval.start,
                        interval.end,
                        zone,
                        classify(local_start, local_end, attendee.hours),
                    )
                )
        lines.sort(key=lambda line: (line.start, line.title))
        return delegation.name, delegation.zone, lines


class Column(IntEnum):
    EVENT = 0
    LOCAL_DATE = 1
    LOCAL_TIME = 2
    TOKYO_DATE = 3
    TOKYO_TIME = 4
    HOURS = 5


HEADERS = ("Event", "Their date", "Their time", "Tokyo date", "Tokyo time", "In their day")
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DelegationScheduleModel(common.HeaderedTableModel):
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[ScheduleLine] = []
        self.home_zone = timezones.TOKYO

    def set_lines(self, lines: list[ScheduleLine], home_zone: str) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.home_zone = home_zone
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def header_text(self, section: int) -> str:
        if section in (Column.LOCAL_DATE, Column.LOCAL_TIME):
            return f"{HEADERS[section]} ({zone_city(self.home_zone)})"
        return HEADERS[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        state = common.CellState.of(line.part)
        if role == Qt.ItemDataRole.DisplayRole:
            local_start = timezones.to_local(line.start, line.zone)
            local_end = timezones.to_local(line.end, line.zone)
            tokyo_start = timezones.to_local(line.start, timezones.TOKYO)
            tokyo_end = timezones.to_local(line.end, timezones.TOKYO)
            if column == Column.EVENT:
                return line.title
            if column == Column.LOCAL_DATE:
                return f"{local_start:%a %d %b %Y}"
            if column == Column.LOCAL_TIME:
                text = f"{span_text(local_start, local_end)} {local_start.tzname()}"
                return text + (" (in Japan)" if line.zone != self.home_zone else "")
            if column == Column.TOKYO_DATE:
                return f"{tokyo_start:%a %d %b %Y}"
            if column == Column.TOKYO_TIME:
                return f"{span_text(tokyo_start, tokyo_end)} JST"
            return common.PART_LABELS[line.part]
        if role == Qt.ItemDataRole.BackgroundRole and column in (
            Column.LOCAL_DATE,
            Column.LOCAL_TIME,
            Column.HOURS,
        ):
            return QBrush(common.background(state))
        if role == Qt.ItemDataRole.ForegroundRole and column in (
            Column.LOCAL_DATE,
            Column.LOCAL_TIME,
            Column.HOURS,
        ):
            return QBrush(common.foreground(state))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{line.title} ({line.kind}, {line.status.label})"
        if role == EVENT_ID_ROLE:
            return line.event_id
        return None


def span_text(start: datetime, end: datetime) -> str:
    """``09:00–11:00``, or ``19:00–Tue 01:30`` when the meeting ends another day."""
    if end.date() == start.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%H:%M}–{end:%a %H:%M}"


class DelegationScheduleDialog(QDialog):
    """Choose a delegation; see its schedule in its time and Tokyo's, side by side."""

    def __init__(
        self, database: Database, editor: Editor | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("delegationSchedule")
        self.setWindowTitle("Delegation schedule")
        self.database = database
        self.delegation = QComboBox(self)
        self.delegation.setObjectName("delegationChoice")
        self.delegation.currentIndexChanged.connect(lambda _index: self.reload())
        self.summary = QLabel("", self)
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.EVENT, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel("Delegation", self))
        top.addWidget(self.delegation, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            common.legend(
                self, (common.CellState.WORKING, common.CellState.EXTENDED, common.CellState.NIGHT)
            )
        )
        self.resize(1160, 560)
        if editor is not None:
            editor.changed.connect(self._changed)
        self.refresh_choices()

    def refresh_choices(self) -> None:
        """Read the delegations again, keeping the one shown, and its schedule."""
        shown = self.delegation.currentData()
        self.delegation.blockSignals(True)
        self.delegation.clear()
        with self.database.session() as session:
            for record in session.scalars(select(Delegation).order_by(Delegation.name)):
                self.delegation.addItem(f"{record.name} · {zone_city(record.zone)}", record.id)
        self.delegation.setCurrentIndex(max(self.delegation.findData(shown), 0))
        self.delegation.blockSignals(False)
        self.reload()

    def _changed(self, model: str, _ids: list[str]) -> None:
        if model == "Delegation":
            self.refresh_choices()
        else:
            self.reload()

    def show_delegation(self, delegation_id: str) -> None:
        index = self.delegation.findData(delegation_id)
        if index >= 0:
            self.delegation.setCurrentIndex(index)

    def reload(self) -> None:
        delegation_id = self.delegation.currentData()
        if delegation_id is None:
            self.model.set_lines([], timezones.TOKYO)
            self.summary.setText("No delegations in the program yet.")
            return
        name, zone, lines = read_schedule(self.database, delegation_id)
        self.model.set_lines(lines, zone)
        nights = sum(1 for line in lines if line.part is DayPart.NIGHT)
        self.summary.setText(
            f"{len(lines)} meetings for {name}; their home time is "
            f"{zone_city(zone)}" + (f"; {nights} at night for them" if nights else "")
        )
