"""The Month view: six weeks of day cells, each listing its events by start time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui import style
from cpp_scheduler.gui.readonly import window_read_only
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.views.base import (
    CalendarView,
    paint_conflict_badge,
    rows_on_days,
)
from cpp_scheduler.gui.views.timegrid import SPAN_THRESHOLD
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model import EventStatus
from cpp_scheduler.services.rows import EventRow, OccurrenceKey
from cpp_scheduler.timezones import time_label

WEEKS = 6
HEADER = 26
LINE = 19


def entry_label(row: EventRow, day: date, zone: str) -> str:
    """What a meeting's line in the cell of ``day`` says: its start and its title on the
    day it starts, its title alone where it continues or is drawn as a bar, "All day"
    before an all-day event's title on its first day; a moved meeting marked as
    ``events list`` marks it, beside its time (:attr:`EventRow.moved_note`), where a
    title cut short at the cell's edge never hides it."""
    local = timezones.to_local(row.start_utc, zone)
    as_bar = row.all_day or row.end_utc - row.start_utc >= SPAN_THRESHOLD
    if as_bar or local.date() != day:
        # An all-day event says so on its first day and continues by its title.
        if row.all_day and day == row.first_date:
            return translate("Month", "All day  {title}").format(title=row.shown_title)
        return row.shown_title
    return f"{time_label(local)}{row.moved_note}  {row.title}"


class MonthView(CalendarView):
    """Six weeks around the anchor's month; a click selects, a double-click edits or
    (on free space) creates an event that day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: dict[date, list[EventRow]] | None = None
        self._hits: list[tuple[QRectF, EventRow]] = []
        self.setMouseTracking(True)

    def first_day(self) -> date:
        first_of_month = self.anchor.replace(day=1)
        return first_of_month - timedelta(days=i18n.days_into_week(first_of_month))

    def period(self) -> tuple[date, date]:
        first = self.first_day()
        return first, first + timedelta(days=7 * WEEKS - 1)

    def days_covered(self) -> tuple[date, date]:
        first = self.anchor.replace(day=1)
        following = (first + timedelta(days=31)).replace(day=1)
        return first, following - timedelta(days=1)

    def step(self, direction: int) -> date:
        month = self.anchor.month - 1 + direction
        year = self.anchor.year + month // 12
        return date(year, month % 12 + 1, 1)

    def title(self) -> str:
        return i18n.month_year_text(self.anchor)

    def invalidate(self) -> None:
        self._days = None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, 700)

    def events_by_day(self) -> dict[date, list[EventRow]]:
        """Each day's meetings, by the views' one rule (:func:`rows_on_days`): an
        all-day event on its own dates in any display zone, a timed one on every day
        it runs on the display zone's clock."""
        if self._days is not None:
            return self._days
        first, last = self.period()
        days: dict[date, list[EventRow]] = {}
        for row, row_first, row_last in rows_on_days(self.model, first, last, self.zone):
            day = row_first
            while day <= row_last:
                days.setdefault(day, []).append(row)
                day += timedelta(days=1)
        self._days = days
        return days

    def _cell(self, index: int) -> QRectF:
        width = self.width() / 7
        height = (self.height() - HEADER) / WEEKS
        return QRectF((index % 7) * width, HEADER + (index // 7) * height, width, height)

    def _day_at(self, point: QPointF) -> date | None:
        if point.y() < HEADER:
            return None
        for index in range(7 * WEEKS):
            if self._cell(index).contains(point):
                return self.first_day() + timedelta(days=index)
        return None

    def event_at(self, point: QPoint) -> OccurrenceKey | None:
        row = self._row_at(QPointF(point))
        return row.occurrence_key if row is not None else None

    def _row_at(self, point: QPointF) -> EventRow | None:
        for rect, row in self._hits:
            if rect.contains(point):
                return row
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position())
        if row is not None:
            self.occurrenceSelected.emit(row.occurrence_key)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position())
        if row is not None:
            self.eventActivated.emit(row.event_id)
            return
        day = self._day_at(event.position())
        if day is None or window_read_only(self) is not None:
            return  # no new event over a program this login may only read
        self.at_instant(
            datetime.combine(day, datetime.min.time()).replace(hour=9),
            lambda start: self.slotActivated.emit(start, start + timedelta(hours=1)),
            title=translate("Month", "New event"),
        )

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            row = self._row_at(QPointF(event.pos()))
            if row is not None:
                QToolTip.showText(event.globalPos(), self.model.event_model.tooltip(row), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        width = self.width() / 7
        painter.setFont(small)
        painter.setPen(QColor(style.MUTED_TEXT))
        for index, name in enumerate(i18n.weekday_headings()):
            painter.drawText(
                QRectF(index * width, 0, width, HEADER), int(Qt.AlignmentFlag.AlignCenter), name
            )
        today = datetime.now(timezones.zone(self.zone)).date()
        days = self.events_by_day()
        self._hits = []
        first = self.first_day()
        for index in range(7 * WEEKS):
            day = first + timedelta(days=index)
            cell = self._cell(index)
            if day.month != self.anchor.month:
                painter.fillRect(cell, QColor(style.WEEKEND))
            painter.setPen(QPen(QColor(style.GRID_LINE), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(cell)
            painter.setFont(small)
            number_rect = QRectF(cell.left() + 4, cell.top() + 3, 24, 20)
            if day == today:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setBrush(QColor(style.TODAY))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(number_rect.adjusted(1, 0, -1, 0))
                painter.setPen(QColor("#ffffff"))
            else:
                painter.setPen(
                    QColor(style.TEXT if day.month == self.anchor.month else style.MUTED_TEXT)
                )
            label = f"{day.day}" if day.day != 1 else i18n.day_month_text(day)
            painter.drawText(
                number_rect if day.day != 1 else number_rect.adjusted(0, 0, 30, 0),
                int(
                    Qt.AlignmentFlag.AlignCenter
                    if day.day != 1
                    else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                ),
                label,
            )
            self._paint_day(painter, cell, day, days.get(day, []), small)
        painter.end()

    def _paint_day(
        self, painter: QPainter, cell: QRectF, day: date, rows: list[EventRow], font: QFont
    ) -> None:
        top = cell.top() + 24
        room = int((cell.bottom() - top - 2) // LINE)
        if room <= 0:
            return
        rows = sorted(rows, key=lambda row: meeting_order(row.start_utc, row.title, row.event_id))
        shown = rows if len(rows) <= room else rows[: max(0, room - 1)]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for number, row in enumerate(shown):
            rect = QRectF(cell.left() + 3, top + number * LINE, cell.width() - 6, LINE - 2)
            self._hits.append((rect, row))
            colour = style.kind_colour(row.kind)
            selected = self.is_selected(row)
            local = timezones.to_local(row.start_utc, self.zone)
            starts_today = local.date() == day
            as_bar = row.all_day or row.end_utc - row.start_utc >= SPAN_THRESHOLD
            line_font = QFont(font)
            line_font.setStrikeOut(row.status is EventStatus.CANCELLED)
            painter.setFont(line_font)
            if as_bar or not starts_today:
                fill, border, text = style.event_colours(row.kind, row.status)
                painter.setPen(QPen(QColor(style.TEXT), 1.5) if selected else border)
                painter.setBrush(fill)
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(text)
            else:
                if selected:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(QColor(style.TODAY_TINT))
                    painter.drawRoundedRect(rect, 3, 3)
                dot = QColor(style.MUTED_TEXT) if row.status is EventStatus.CANCELLED else colour
                painter.setPen(dot)
                painter.setBrush(
                    dot if row.status is not EventStatus.TENTATIVE else Qt.BrushStyle.NoBrush
                )
                painter.drawEllipse(QPointF(rect.left() + 6, rect.center().y()), 3.2, 3.2)
                painter.setPen(
                    QColor(style.MUTED_TEXT if row.status is EventStatus.CANCELLED else style.TEXT)
                )
            label = entry_label(row, day, self.zone)
            marked = self.model.event_model.is_marked(row)
            text_rect = rect.adjusted(
                13 if starts_today and not as_bar else 5,
                0,
                -13 if marked else -3,
                0,
            )
            painter.drawText(
                text_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                painter.fontMetrics().elidedText(
                    label, Qt.TextElideMode.ElideRight, int(text_rect.width())
                ),
            )
            if marked:
                paint_conflict_badge(painter, rect)
        if len(shown) < len(rows):
            painter.setPen(QColor(style.MUTED_TEXT))
            painter.setFont(font)
            painter.drawText(
                QRectF(cell.left() + 8, top + len(shown) * LINE, cell.width() - 10, LINE - 2),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                translate("Month", "{count} more").format(count=len(rows) - len(shown)),
            )
