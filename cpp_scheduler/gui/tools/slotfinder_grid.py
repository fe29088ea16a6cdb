"""The slot finder's grid: attendees down, the hours of the range across, each hour
coloured by what it is for that attendee in their own local time.

The rows come whole from :func:`cpp_scheduler.services.slot_grid.plan_meeting` (the host
first, then the attendees, then the venue): this module only shows them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui.tools import common
from cpp_scheduler.gui.tools.common import AnyIndex
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.scheduling.inputs import AttendeeKind, zone_city
from cpp_scheduler.scheduling.localtimes import describe_span
from cpp_scheduler.services.slot_grid import GridRow, HourState, MeetingPlan

STATE_ROLE = Qt.ItemDataRole.UserRole + 1
START_ROLE = Qt.ItemDataRole.UserRole + 2
HOUR_ROLE = Qt.ItemDataRole.UserRole + 3
CHOSEN_ROLE = Qt.ItemDataRole.UserRole + 4
KIND_ROLE = Qt.ItemDataRole.UserRole + 5
"""On the vertical header: whose row it is (``host``, ``delegation``, ...)."""


NAME_ROOM = 28
"""Characters of a name a row's label shows whole; a longer one by its part before the
colon (:func:`~cpp_scheduler.gui.tools.common.short_name`)."""


def row_label(row: GridRow) -> str:
    """Two lines: who, and where their clock is (the host says it hosts)."""
    where = row.clock or zone_city(row.zone)
    if row.kind is AttendeeKind.HOST:
        return translate("SlotFinder", "{name}\nhost · {where}").format(
            name=common.short_name(row.name, NAME_ROOM), where=where
        )
    return f"{common.short_name(row.name, NAME_ROOM)}\n{where}"


class SlotGridModel(QAbstractTableModel):
    """Attendees down, hours across; each cell an attendee's hour."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._result: MeetingPlan | None = None
        self._chosen: tuple[datetime, datetime] | None = None

    def set_result(self, result: MeetingPlan | None) -> None:
        self.beginResetModel()
        self._result = result
        self._chosen = None
        self.endResetModel()

    @property
    def result(self) -> MeetingPlan | None:
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
                return row_label(row)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{row.name} ({row.zone})"
            if role == KIND_ROLE:
                return str(row.kind)
            return None
        if not 0 <= section < len(self._result.columns):
            return None
        hour, zone = self._result.columns[section], self._result.search.zone
        local = timezones.to_local(hour, zone)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{local:%H}"
        if role == Qt.ItemDataRole.ToolTipRole:  # as a range: an hour read twice told apart
            return describe_span(hour, hour + timedelta(hours=1), zone, i18n.day_text)
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
        state = HourState(index.data(STATE_ROLE))
        rect: QRect = option.rect
        painter.save()
        painter.fillRect(rect, common.background(state))
        if state is HourState.BUSY:
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
            zone = result.search.zone if result is not None else timezones.TOKYO
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
                i18n.short_day_text(local.date()),
            )
            painter.fillRect(QRect(rect.left(), rect.top(), 2, rect.height()), QColor("#5f6368"))
        painter.restore()
