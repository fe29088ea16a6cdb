"""The Venue timeline: the rooms of every city down, the days and their hours across.

Shows at a glance which room is booked by what. Bookings that overlap in a room are
drawn in lanes; those the conflict check finds the room booked twice by have a red edge
(:meth:`VenueTimelineView.set_double_bookings`): a conference and its own sessions share
their room without a clash, as ``cpp-scheduler conflicts`` says. Rooms are grouped
under their city, with their Japanese names. A zoom shows one day, a week or two weeks;
the hour labels thin out as the days narrow, so they never run together, and a booking
carries its time and title wherever they fit (a tooltip tells the rest). Each day runs
from 07:00 to 22:00 of the clock shown, widened to take in every booking in view
(:func:`booking_hours`): a meeting the view counts is a meeting it draws.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui import style
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.gui.views.base import (
    CalendarView,
    drawn_length,
    paint_event_block,
    rows_on_days,
    show_event_tooltip,
)
from cpp_scheduler.services.rows import Choice, EventRow, OccurrenceKey
from cpp_scheduler.timezones import time_label

LABEL_WIDTH = 230
DAY_LINE = 24
"""Height of the day labels' line in the header."""
HOUR_LINE = 18
HEADER = DAY_LINE + HOUR_LINE + 2
ROW = 44
GROUP_ROW = 24
FIRST_HOUR = 7
"""The hour each day starts at, unless a booking in view starts earlier."""
LAST_HOUR = 22
"""The hour each day ends at, unless a booking in view ends later."""
HOURS = LAST_HOUR - FIRST_HOUR
"""The hours of a day no booking widens."""
MIN_BAR_WIDTH = 3.0
"""The narrowest a booking is drawn: a quarter of an hour on a fortnight's narrow days
is still a bar to see, hover over and click."""
DAY_EDGE = "#c4c7cc"
GROUP_FILL = "#eef1f5"

#: The zooms offered, in days shown, with their button text.
ZOOMS = {
    1: QT_TRANSLATE_NOOP("Venues", "Day"),
    7: QT_TRANSLATE_NOOP("Venues", "Week"),
    14: QT_TRANSLATE_NOOP("Venues", "2 weeks"),
}
#: The narrowest a day may be at each zoom before the timeline scrolls sideways.
MIN_DAY_WIDTH = {1: 480.0, 7: 120.0, 14: 84.0}
#: Hour label steps, finest first; a step is used when its labels are this far apart.
HOUR_STEPS = (1, 2, 3, 6)
LABEL_SPACING = 34.0
#: Day labels, longest first; the first that fits the day's width is shown.
DAY_FORMATS = ("%A %d %B", "%a %d %b", "%a %d", "%d")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the timeline: a city's heading, or a venue's row."""

    top: float
    height: float
    heading: str = ""
    venue: Choice | None = None


def lines_of(venues: list[Choice]) -> list[Line]:
    """The venues under a heading for each group (their city), in the order given."""
    lines: list[Line] = []
    top = float(HEADER)
    group: str | None = None
    for venue in venues:
        if venue.group and venue.group != group:
            group = venue.group
            lines.append(Line(top, GROUP_ROW, heading=group))
            top += GROUP_ROW
        lines.append(Line(top, ROW, venue=venue))
        top += ROW
    return lines


def hour_step(pixels_per_hour: float) -> int:
    """Every how many hours an hour is labelled; 0 when even the widest step crowds."""
    for step in HOUR_STEPS:
        if step * pixels_per_hour >= LABEL_SPACING:
            return step
    return 0


def day_label(day: date, metrics: QFontMetrics, room: float) -> str:
    """The longest of the day's labels that fits ``room`` pixels ("Monday 15 February"
    down to "15"), so neighbouring days never run into each other."""
    return day_labels([day], metrics, room)[0]


def day_labels(days: list[date], metrics: QFontMetrics, room: float) -> list[str]:
    """The days' labels in the longest form that fits ``room`` pixels for every one of
    them: one form across the header ("Mon 15 Feb" … "Sun 21 Feb"), never "Friday 19
    February" beside "Thu 18 Feb" because Friday's name is shorter."""
    forms = [_label_forms(day) for day in days]
    for form in range(len(forms[0]) if forms else 0):
        labels = [each[form] for each in forms]
        if all(metrics.horizontalAdvance(label) <= room for label in labels):
            return labels
    return ["" for _day in days]


def _label_forms(day: date) -> list[str]:
    """A day's labels, longest first."""
    if i18n.language() == i18n.JAPANESE:  # 2027年2月15日(月) down to 15日
        return [
            i18n.day_text(day),
            i18n.short_day_text(day),
            f"{day.day}日({i18n.weekday_heading(day)})",
            f"{day.day}日",
        ]
    return [i18n.in_english(day, form) for form in DAY_FORMATS]


def booking_hours(rows: Iterable[EventRow], zone: str, first: date, last: date) -> tuple[int, int]:
    """The hours the days from ``first`` to ``last`` are drawn over: 07:00 to 22:00 on
    the clock of ``zone``, widened to the hour of every timed booking's start and end on
    those days, as a calendar widens its day, so a booking the view counts is never off
    its edge (a videoconference at 22:00 in Tokyo, a breakfast at 06:30).

    A booking over several days widens them by its start and its end alone: the days
    between are wholly booked, which the hours shown already say. An all-day booking
    covers its dates whatever the hours, and widens nothing.
    """
    earliest, latest = FIRST_HOUR, LAST_HOUR
    for row in rows:
        if row.all_day:
            continue
        start = timezones.to_local(row.start_utc, zone)
        if first <= start.date() <= last:
            earliest = min(earliest, start.hour)
            latest = max(latest, start.hour + 1)
        # The hour its last instant is in, on that instant's day, as the calendar reads
        # a meeting's last day: one ending as a day begins takes the day before's last.
        last_moment = timezones.last_local(row.end_utc, zone)
        end_day, end_hour = last_moment.date(), last_moment.hour + 1
        if first <= end_day <= last:
            earliest = min(earliest, end_hour - 1)
            latest = max(latest, end_hour)
    return earliest, latest


class VenueTimelineView(CalendarView):
    """Every venue's bookings over one day, one week or two weeks, from 07:00 to 22:00 of
    the display zone or wider, to take in every booking in view (:meth:`hours`); a
    change of zoom is a change of period."""

    in_venues = True  # a meeting held in no venue has no line to be drawn on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._venues: list[Choice] = []
        self._lines: list[Line] = lines_of([])
        self._days = 7
        self._bars: list[tuple[QRectF, EventRow, bool]] | None = None
        self._hours: tuple[int, int] | None = None
        self._double_bookings: frozenset[tuple[OccurrenceKey, str]] = frozenset()
        self._canvas = _Timeline(self)
        self._scroll = scroll = QScrollArea(self)
        scroll.setWidget(self._canvas)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # The header and the labels are painted where the viewport is: repaint on scroll.
        for bar in (scroll.horizontalScrollBar(), scroll.verticalScrollBar()):
            bar.valueChanged.connect(lambda _value: self._canvas.update())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self._zoom_bar())
        layout.addWidget(scroll)

    def _zoom_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 0)
        bar.addWidget(QLabel(translate("Venues", "Show"), self))
        self.zoom_buttons = QButtonGroup(self)
        for days, text in ZOOMS.items():
            button = QToolButton(self)
            button.setText(translate("Venues", text))
            button.setObjectName(f"zoom{days}")
            button.setCheckable(True)
            button.setChecked(days == self._days)
            button.setToolTip(
                translate("Venues", "Show {span} of bookings").format(
                    span=translate("Venues", text).lower()
                )
            )
            self.zoom_buttons.addButton(button, days)
            bar.addWidget(button)
        self.zoom_buttons.idClicked.connect(self.set_zoom)
        bar.addStretch(1)
        return bar

    # -- what is shown ------------------------------------------------------------------
    @property
    def days(self) -> int:
        return self._days

    def set_zoom(self, days: int) -> None:
        """Show ``days`` days (1, 7 or 14) from the period's first day."""
        if days not in ZOOMS or days == self._days:
            return
        self._days = days
        button = self.zoom_buttons.button(days)
        if button is not None:
            button.setChecked(True)
        self._fit_canvas()
        self.invalidate()
        self.periodChanged.emit()

    def set_venues(self, venues: list[Choice]) -> None:
        self._venues = list(venues)
        self._lines = lines_of(self._venues)
        self._fit_canvas()
        self.invalidate()

    @property
    def venues(self) -> list[Choice]:
        return self._venues

    @property
    def lines(self) -> list[Line]:
        return self._lines

    def first_day(self) -> date:
        if self._days == 1:
            return self.anchor
        return self.anchor - timedelta(days=i18n.days_into_week(self.anchor))

    def period(self) -> tuple[date, date]:
        first = self.first_day()
        return first, first + timedelta(days=self._days - 1)

    def step(self, direction: int) -> date:
        return self.anchor + timedelta(days=self._days * direction)

    def title(self) -> str:
        first, last = self.period()
        if first == last:
            return translate("Venues", "Venues, {period}").format(period=i18n.long_day_text(first))
        if i18n.language() == i18n.ENGLISH:
            return translate("Venues", "Venues, {first} – {last}").format(
                first=i18n.day_month_text(first), last=i18n.day_month_year_text(last)
            )
        return translate("Venues", "Venues, {period}").format(period=i18n.period_text(first, last))

    def event_at(self, point: QPoint) -> OccurrenceKey | None:
        viewport = self._scroll.viewport()
        if not viewport.rect().contains(viewport.mapFrom(self, point)):
            return None
        row = self._canvas.row_at(QPointF(self._canvas.mapFrom(self, point)))
        return row.occurrence_key if row is not None else None

    def invalidate(self) -> None:
        self._bars = None
        self._hours = None
        self._canvas.update()

    def set_double_bookings(self, bookings: Iterable[tuple[OccurrenceKey, str]]) -> None:
        """The bookings the conflict check found a venue booked twice by, as (meeting,
        venue) pairs of its "venue booked twice" findings: they are edged in red, and
        no others (the view judges no overlap itself)."""
        found = frozenset(bookings)
        if found != self._double_bookings:
            self._double_bookings = found
            self.invalidate()

    def repaint_badges(self) -> None:
        self._canvas.update()

    # -- geometry -----------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_canvas()

    def _fit_canvas(self) -> None:
        """Days share the width, but never narrower than the zoom's minimum: beyond
        that the timeline scrolls sideways instead of crushing its bookings."""
        available = self._scroll.viewport().width() - LABEL_WIDTH
        day_width = max(MIN_DAY_WIDTH[self._days], available / self._days)
        bottom = self._lines[-1].top + self._lines[-1].height if self._lines else HEADER + ROW
        self._canvas.setMinimumSize(int(LABEL_WIDTH + day_width * self._days), int(bottom) + 1)
        self._bars = None

    def day_width(self) -> float:
        return max(1.0, (self._canvas.width() - LABEL_WIDTH) / self._days)

    def hours(self) -> tuple[int, int]:
        """The hour each day starts and ends at (24 for midnight): 07 and 22, or wider
        to take in the bookings drawn (:func:`booking_hours`)."""
        if self._hours is None:
            self._hours = booking_hours(self.drawn_rows(), self.zone, *self.period())
        return self._hours

    def hour_step(self) -> int:
        first_hour, last_hour = self.hours()
        return hour_step(self.day_width() / (last_hour - first_hour))

    def x_of(self, moment: datetime) -> float:
        """Horizontal position of a local time, clamped to the visible hours of its day."""
        first_hour, last_hour = self.hours()
        index = (moment.date() - self.first_day()).days
        hours = moment.hour + moment.minute / 60
        hours = min(max(hours, first_hour), last_hour)
        fraction = (hours - first_hour) / (last_hour - first_hour)
        return LABEL_WIDTH + (index + fraction) * self.day_width()

    def drawn_rows(self) -> list[EventRow]:
        """The bookings drawn in the period shown: meetings on its days (by the views'
        one rule, :func:`rows_on_days`) in a venue that has a line here."""
        first, last = self.period()
        lines = {line.venue.id for line in self._lines if line.venue is not None}
        return [
            row
            for row, _first, _last in rows_on_days(self.model, first, last, self.zone)
            if row.venue_id in lines
        ]

    def bars(self) -> list[tuple[QRectF, EventRow, bool]]:
        """Each booking's rectangle, and whether the conflict check found its venue
        booked twice by it (:meth:`set_double_bookings`): a timed meeting over its
        hours, an all-day one over the whole of each of its own dates (the same dates on
        every clock, as the other views draw it); bookings that overlap share the row in
        lanes."""
        if self._bars is not None:
            return self._bars
        zone = self.zone
        first, last = self.period()
        line = {line.venue.id: line for line in self._lines if line.venue is not None}
        by_venue: dict[str, list[tuple[EventRow, tuple[datetime, datetime]]]] = {}
        for row in self.drawn_rows():
            assert row.venue_id is not None
            by_venue.setdefault(row.venue_id, []).append((row, _drawn_span(row, zone)))
        bars: list[tuple[QRectF, EventRow, bool]] = []
        double_bookings = self._double_bookings
        for venue_id, spans in by_venue.items():
            placed, lanes = _lanes(spans)
            top = line[venue_id].top
            height = (ROW - 8) / lanes
            for (row, span), lane in placed:
                clash = (row.occurrence_key, venue_id) in double_bookings
                for day_start, day_end in _days_of(span, zone, first, last):
                    # The hours take in its start and end (:meth:`hours`): every piece
                    # has a place, the shortest drawn as a narrow bar.
                    left, right = self.x_of(day_start), self.x_of(day_end)
                    width = max(right - left - 1, MIN_BAR_WIDTH)
                    rect = QRectF(left, top + 4 + lane * height, width, height - 1)
                    bars.append((rect, row, clash))
        self._bars = bars
        return bars

    def sizeHint(self) -> QSize:
        return QSize(1000, 600)


Span = tuple[datetime, datetime]
"""Where a booking is drawn, from and to (UTC)."""


def _drawn_span(row: EventRow, zone: str) -> Span:
    """A timed meeting's own instants; an all-day one's dates as whole days of the clock
    shown, which is where it is drawn."""
    if row.all_day:
        return timezones.local_days(row.first_date, row.last_date, zone)
    return row.start_utc, row.end_utc


def _lanes(
    spans: list[tuple[EventRow, Span]],
) -> tuple[list[tuple[tuple[EventRow, Span], int]], int]:
    """Each booking's lane, the first free one in the order they are drawn from; and the
    number of lanes."""
    spans.sort(key=lambda booking: booking[1][0])
    ends: list[datetime] = []
    placed: list[tuple[tuple[EventRow, Span], int]] = []
    for booking in spans:
        start, end = booking[1]
        for lane, lane_end in enumerate(ends):
            if lane_end <= start:
                ends[lane] = end
                placed.append((booking, lane))
                break
        else:
            ends.append(end)
            placed.append((booking, len(ends) - 1))
    return placed, max(1, len(ends))


def _days_of(span: Span, zone: str, first: date, last: date) -> list[tuple[datetime, datetime]]:
    """The local pieces of a booking, one per day it touches within the period, as wall
    clock readings from and to.

    Whether a day holds a piece is judged by instants, not by the clock: a booking the
    clocks go back within stands at its start for as long as it really lasts on the day
    (:func:`~cpp_scheduler.gui.views.base.drawn_length`), as the Day and Week views draw
    it, so every booking counted in view is drawn as long as it is.
    """
    start = timezones.to_local(span[0], zone).replace(tzinfo=None)
    end = timezones.to_local(span[1], zone).replace(tzinfo=None)
    pieces = []
    day = max(start.date(), first)
    while day <= min(end.date(), last):
        day_start, day_end = timezones.local_days(day, day, zone)
        lasts = min(span[1], day_end) - max(span[0], day_start)
        if lasts > timedelta(0):
            midnight = datetime.combine(day, datetime.min.time())
            last_minute = midnight + timedelta(hours=23, minutes=59)
            piece_start = start if start.date() == day else midnight
            piece_end = end if end.date() == day else last_minute
            piece_end = min(piece_start + drawn_length(piece_end - piece_start, lasts), last_minute)
            pieces.append((piece_start, piece_end))
        day += timedelta(days=1)
    return pieces


def booking_label(row: EventRow, zone: str, rect: QRectF, line_height: float) -> list[str]:
    """What a booking's bar says: title and times on two lines where the bar is tall
    enough, else the start and the title on one; nothing where not even that fits. A
    moved meeting says so beside its time, which a title cut short never hides."""
    if rect.width() < 28:
        return []
    if row.all_day:
        all_day = translate("Venues", "All day")
        if rect.height() >= 2 * line_height + 4:
            return [row.shown_title, all_day]
        return [f"{all_day} {row.shown_title}"]
    start = timezones.to_local(row.start_utc, zone)
    end = timezones.to_local(row.end_utc, zone)
    if rect.height() >= 2 * line_height + 4:
        return [row.title, timezones.span_text(start, end, dash="–") + row.moved_note]
    return [f"{time_label(start)}{row.moved_note} {row.title}"]


class _Timeline(QWidget):
    def __init__(self, view: VenueTimelineView) -> None:
        super().__init__(view)
        self._view = view
        self.setMouseTracking(True)

    def row_at(self, point: QPointF) -> EventRow | None:
        corner = self.visible_corner()
        if point.x() < corner.x() + LABEL_WIDTH or point.y() < corner.y() + HEADER:
            return None  # under the venue labels or the day header drawn over the bookings
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

    def visible_corner(self) -> QPointF:
        """The canvas point at the viewport's top left: where the day header and the
        venue labels are drawn, so both stay in sight while the timeline scrolls."""
        shown = self.visibleRegion().boundingRect()
        return QPointF(shown.left(), shown.top())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        corner = self.visible_corner()
        self._paint_grid(painter)
        self._paint_bookings(painter, small)
        self._paint_now(painter)
        self._paint_labels(painter, base, small, corner.x())
        self._paint_header(painter, base, small, corner)
        painter.end()

    def _day_left(self, index: int) -> float:
        return LABEL_WIDTH + index * self._view.day_width()

    def _paint_grid(self, painter: QPainter) -> None:
        view = self._view
        width = view.day_width()
        step = view.hour_step()
        first_hour, last_hour = view.hours()
        weekend = view.model.event_model.weekend  # the display clock's days off
        for index in range(view.days):
            day = view.first_day() + timedelta(days=index)
            left = self._day_left(index)
            if day.weekday() in weekend:
                painter.fillRect(QRectF(left, 0, width, self.height()), QColor(style.WEEKEND))
            for hour in range(first_hour + 1, last_hour):
                x = left + (hour - first_hour) / (last_hour - first_hour) * width
                labelled = step and (hour - first_hour) % step == 0
                colour = style.GRID_LINE if labelled else style.HALF_HOUR_LINE
                painter.setPen(QPen(QColor(colour), 1))
                painter.drawLine(QPointF(x, HEADER), QPointF(x, self.height()))
            painter.setPen(QPen(QColor(DAY_EDGE), 1))
            painter.drawLine(QPointF(left, 0), QPointF(left, self.height()))
        for line in view.lines:
            if line.venue is None:
                painter.fillRect(QRectF(0, line.top, self.width(), line.height), QColor(GROUP_FILL))
            else:
                bottom = line.top + line.height
                painter.setPen(QPen(QColor(style.GRID_LINE), 1))
                painter.drawLine(QPointF(0, bottom), QPointF(self.width(), bottom))

    def _paint_header(self, painter: QPainter, base: QFont, small: QFont, corner: QPointF) -> None:
        """Day names and hour labels, at the top of whatever part is scrolled into view."""
        view = self._view
        width = view.day_width()
        step = view.hour_step()
        first_hour, last_hour = view.hours()
        top = corner.y()
        today = datetime.now(timezones.zone(view.zone)).date()
        painter.fillRect(QRectF(0, top, self.width(), HEADER), QColor(style.HEADER_BACKGROUND))
        bold = QFont(base)
        bold.setBold(True)
        days = [view.first_day() + timedelta(days=index) for index in range(view.days)]
        labels = day_labels(days, QFontMetrics(bold), width - 8)  # today's is bold
        for index, (day, label) in enumerate(zip(days, labels, strict=True)):
            left = self._day_left(index)
            if day == today:
                painter.fillRect(QRectF(left, top, width, HEADER), QColor(style.TODAY_TINT))
            painter.setFont(bold if day == today else base)
            painter.setPen(QColor(style.TODAY if day == today else style.TEXT))
            painter.drawText(
                QRectF(left, top + 2, width, DAY_LINE), int(Qt.AlignmentFlag.AlignCenter), label
            )
            painter.setFont(small)
            painter.setPen(QColor(style.MUTED_TEXT))
            for hour in range(first_hour, last_hour, step or last_hour - first_hour + 1):
                x = left + (hour - first_hour) / (last_hour - first_hour) * width
                painter.drawText(
                    QRectF(x + 2, top + DAY_LINE, LABEL_SPACING, HOUR_LINE),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    f"{hour:02d}",
                )
            painter.setPen(QPen(QColor(DAY_EDGE), 1))
            painter.drawLine(QPointF(left, top), QPointF(left, top + HEADER))
        painter.fillRect(
            QRectF(corner.x(), top, LABEL_WIDTH, HEADER), QColor(style.HEADER_BACKGROUND)
        )
        painter.setPen(QPen(QColor(DAY_EDGE), 1))
        painter.drawLine(QPointF(0, top + HEADER), QPointF(self.width(), top + HEADER))
        painter.drawLine(
            QPointF(corner.x() + LABEL_WIDTH, top), QPointF(corner.x() + LABEL_WIDTH, top + HEADER)
        )

    def _paint_labels(self, painter: QPainter, base: QFont, small: QFont, left: float) -> None:
        """The city headings and the venues' names, at the left of what is in view."""
        view = self._view
        heading_font = QFont(base)
        heading_font.setBold(True)
        width = LABEL_WIDTH - 18
        painter.fillRect(QRectF(left, 0, LABEL_WIDTH, self.height()), QColor("#ffffff"))
        for line in view.lines:
            box = QRectF(left + 10, line.top, width, line.height)
            if line.venue is None:
                painter.fillRect(
                    QRectF(left, line.top, LABEL_WIDTH, line.height), QColor(GROUP_FILL)
                )
                painter.setFont(heading_font)
                painter.setPen(QColor(style.TEXT))
                painter.drawText(
                    box,
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    line.heading,
                )
                continue
            bottom = line.top + line.height
            painter.setPen(QPen(QColor(style.GRID_LINE), 1))
            painter.drawLine(QPointF(left, bottom), QPointF(left + LABEL_WIDTH, bottom))
            for text, font, colour, upper in (
                (line.venue.name, base, style.TEXT, True),
                (line.venue.detail, small, style.MUTED_TEXT, False),
            ):
                painter.setFont(font)
                painter.setPen(QColor(colour))
                half = QRectF(
                    box.left(),
                    box.top() + (3 if upper else line.height / 2),
                    width,
                    line.height / 2 - 3,
                )
                painter.drawText(
                    half,
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width),
                )
        painter.setPen(QPen(QColor(DAY_EDGE), 1))
        painter.drawLine(QPointF(left + LABEL_WIDTH, 0), QPointF(left + LABEL_WIDTH, self.height()))
        if not view.venues:
            painter.setPen(QColor(style.MUTED_TEXT))
            painter.drawText(
                QRectF(left, HEADER, self.width(), 60),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                translate("Venues", "  No venues yet: add them with Program > Venues."),
            )

    def _paint_bookings(self, painter: QPainter, small: QFont) -> None:
        view = self._view
        line_height = float(painter.fontMetrics().height())
        for rect, row, clash in view.bars():
            paint_event_block(
                painter,
                rect,
                row,
                booking_label(row, view.zone, rect, line_height),
                view.is_selected(row),
                small,
                3.0,
                view.model.event_model.is_marked(row),
            )
            if clash:
                painter.setPen(QPen(QColor(style.CONFLICT), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect, 3, 3)

    def _paint_now(self, painter: QPainter) -> None:
        """A red line at the present moment, when it is on screen."""
        view = self._view
        now = timezones.to_local(view.now_utc(), view.zone)
        first, last = view.period()
        first_hour, last_hour = view.hours()
        if not first <= now.date() <= last or not first_hour <= now.hour < last_hour:
            return
        x = view.x_of(now)
        painter.setPen(QPen(QColor(style.NOW_LINE), 2))
        painter.drawLine(QPointF(x, HEADER), QPointF(x, self.height()))
