"""The Venue timeline: one row per venue, the week's days and working hours across.

Shows at a glance which rooms are free and where two events claim the same venue at
once (drawn stacked, with a red edge).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from cpp_scheduler import timezones
from cpp_scheduler.gui import style
from cpp_scheduler.gui.eventmodel import day_bounds
from cpp_scheduler.gui.views.base import CalendarView, paint_event_block, show_event_tooltip
from cpp_scheduler.services.calendar_rows import Choice, EventRow, OccurrenceKey

LABEL_WIDTH = 250
HEADER = 44
ROW = 40
FIRST_HOUR = 7
LAST_HOUR = 22
DAYS = 7


class VenueTimelineView(CalendarView):
    """A week of every venue's bookings, between 07:00 and 22:00 of the display zone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._venues: list[Choice] = []
        self._canvas = _Timeline(self)
        self._scroll = scroll = QScrollArea(self)
        scroll.setWidget(self._canvas)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._bars: list[tuple[QRectF, EventRow, bool]] | None = None

    def event_at(self, point: QPoint) -> OccurrenceKey | None:
        viewport = self._scroll.viewport()
        if not viewport.rect().contains(viewport.mapFrom(self, point)):
            return None
        row = self._canvas.row_at(QPointF(self._canvas.mapFrom(self, point)))
        return row.occurrence_key if row is not None else None

    def set_venues(self, venues: list[Choice]) -> None:
        self._venues = list(venues)
        self._canvas.setMinimumHeight(HEADER + ROW * max(1, len(self._venues)) + 1)
        self.invalidate()

    @property
    def venues(self) -> list[Choice]:
        return self._venues

    def first_day(self) -> date:
        return self.anchor - timedelta(days=self.anchor.weekday())

    def period(self) -> tuple[date, date]:
        first = self.first_day()
        return first, first + timedelta(days=DAYS - 1)

    def step(self, direction: int) -> date:
        return self.anchor + timedelta(days=7 * direction)

    def title(self) -> str:
        first, last = self.period()
        return f"Venues, {first:%d %b} – {last:%d %b %Y}"

    def invalidate(self) -> None:
        self._bars = None
        self._canvas.update()

    def day_width(self) -> float:
        return max(1.0, (self._canvas.width() - LABEL_WIDTH) / DAYS)

    def x_of(self, moment: datetime) -> float:
        """Horizontal position of a local time, clamped to the visible hours of its day."""
        index = (moment.date() - self.first_day()).days
        hours = moment.hour + moment.minute / 60
        hours = min(max(hours, FIRST_HOUR), LAST_HOUR)
        fraction = (hours - FIRST_HOUR) / (LAST_HOUR - FIRST_HOUR)
        return LABEL_WIDTH + (index + fraction) * self.day_width()

    def bars(self) -> list[tuple[QRectF, EventRow, bool]]:
        """Each booking's rectangle, and whether it clashes with another in its venue."""
        if self._bars is not None:
            return self._bars
        zone = self.zone
        first, last = self.period()
        start = day_bounds(first, zone)[0]
        end = day_bounds(last, zone)[1]
        line = {venue.id: number for number, venue in enumerate(self._venues)}
        by_venue: dict[str, list[EventRow]] = {}
        for row in self.model.rows_between(start, end):
            if row.venue_id in line:
                by_venue.setdefault(row.venue_id, []).append(row)
        bars: list[tuple[QRectF, EventRow, bool]] = []
        for venue_id, rows in by_venue.items():
            rows.sort(key=lambda row: row.start_utc)
            lanes: list[datetime] = []
            placed: list[tuple[EventRow, int]] = []
            for row in rows:
                for lane, lane_end in enumerate(lanes):
                    if lane_end <= row.start_utc:
                        lanes[lane] = row.end_utc
                        placed.append((row, lane))
                        break
                else:
                    lanes.append(row.end_utc)
                    placed.append((row, len(lanes) - 1))
            count = len(lanes)
            top = HEADER + line[venue_id] * ROW
            for row, lane in placed:
                clash = count > 1 and any(
                    other is not row
                    and other.start_utc < row.end_utc
                    and row.start_utc < other.end_utc
                    and "cancelled" not in (other.status.value, row.status.value)
                    for other in rows
                )
                for day_start, day_end in _days_of(row, zone, first, last):
                    left, right = self.x_of(day_start), self.x_of(day_end)
                    if right - left < 2:
                        continue
                    height = (ROW - 8) / count
                    bars.append(
                        (
                            QRectF(left, top + 4 + lane * height, right - left - 1, height - 1),
                            row,
                            clash,
                        )
                    )
        self._bars = bars
        return bars

    def sizeHint(self) -> QSize:
        return QSize(1000, 600)


def _days_of(row: EventRow, zone: str, first: date, last: date) -> list[tuple[datetime, datetime]]:
    """The local pieces of an event, one per day it touches within the period."""
    start = timezones.to_local(row.start_utc, zone)
    end = timezones.to_local(row.end_utc, zone)
    pieces = []
    day = max(start.date(), first)
    while day <= min(end.date(), last):
        midnight = datetime.combine(day, datetime.min.time(), tzinfo=start.tzinfo)
        piece_start = max(start, midnight)
        piece_end = min(end, midnight + timedelta(hours=23, minutes=59))
        if piece_end > piece_start:
            pieces.append((piece_start, piece_end))
        day += timedelta(days=1)
    return pieces


class _Timeline(QWidget):
    def __init__(self, view: VenueTimelineView) -> None:
        super().__init__(view)
        self._view = view
        self.setMouseTracking(True)

    def row_at(self, point: QPointF) -> EventRow | None:
        for rect, row, _clash in self._view.bars():
            if rect.contains(point):
                return row
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position())
        if row is not None:
            self._view.occurrenceSelected.emit(row.occurrence_key)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position())
        if row is not None:
            self._view.eventActivated.emit(row.event_id)

    def _tooltip(self, row: EventRow) -> str:
        return self._view.model.event_model.tooltip(row)

    def event(self, event: QEvent) -> bool:
        if show_event_tooltip(self, event, self.row_at, self._tooltip):
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.8)
        width = view.day_width()
        first = view.first_day()
        today = datetime.now(timezones.zone(view.zone)).date()
        for index in range(DAYS):
            day = first + timedelta(days=index)
            left = LABEL_WIDTH + index * width
            if day.weekday() >= 5:
                painter.fillRect(
                    QRectF(left, HEADER, width, self.height() - HEADER), QColor(style.WEEKEND)
                )
            painter.setFont(base)
            painter.setPen(QColor(style.TODAY if day == today else style.TEXT))
            painter.drawText(
                QRectF(left, 4, width, 18), int(Qt.AlignmentFlag.AlignCenter), f"{day:%a %d %b}"
            )
            painter.setFont(small)
            painter.setPen(QColor(style.MUTED_TEXT))
            for hour in range(FIRST_HOUR, LAST_HOUR, 3):
                x = left + (hour - FIRST_HOUR) / (LAST_HOUR - FIRST_HOUR) * width
                painter.drawText(
                    QRectF(x - 2, 24, 30, 16),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    f"{hour:02d}",
                )
                painter.setPen(QPen(QColor(style.HALF_HOUR_LINE), 1))
                painter.drawLine(QPointF(x, HEADER), QPointF(x, self.height()))
                painter.setPen(QColor(style.MUTED_TEXT))
            painter.setPen(QPen(QColor(style.GRID_LINE), 1))
            painter.drawLine(QPointF(left, 0), QPointF(left, self.height()))
        painter.setPen(QPen(QColor(style.GRID_LINE), 1))
        painter.drawLine(0, HEADER, self.width(), HEADER)
        for number, venue in enumerate(view.venues):
            top = HEADER + number * ROW
            painter.setPen(QPen(QColor(style.GRID_LINE), 1))
            painter.drawLine(0, top + ROW, self.width(), top + ROW)
            painter.setFont(base)
            painter.setPen(QColor(style.TEXT))
            metrics = painter.fontMetrics()
            painter.drawText(
                QRectF(10, top + 3, LABEL_WIDTH - 16, ROW / 2),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(venue.name, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 16),
            )
            painter.setFont(small)
            painter.setPen(QColor(style.MUTED_TEXT))
            painter.drawText(
                QRectF(10, top + ROW / 2, LABEL_WIDTH - 16, ROW / 2 - 3),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                painter.fontMetrics().elidedText(
                    venue.detail, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 16
                ),
            )
        if not view.venues:
            painter.setPen(QColor(style.MUTED_TEXT))
            painter.drawText(
                QRectF(0, HEADER, self.width(), 60),
                int(Qt.AlignmentFlag.AlignCenter),
                "No venues yet.",
            )
        for rect, row, clash in view.bars():
            label = [f"{timezones.to_local(row.start_utc, view.zone):%H:%M} {row.title}"]
            paint_event_block(
                painter,
                rect,
                row,
                label,
                view.is_selected(row),
                small,
                3.0,
                view.model.event_model.is_marked(row),
            )
            if clash:
                painter.setPen(QPen(QColor(style.CONFLICT), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect, 3, 3)
        painter.end()
