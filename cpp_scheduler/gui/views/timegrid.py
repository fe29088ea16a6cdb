"""The Day and Week views: an hour grid with events laid out side by side where they overlap.

Events are drawn at their wall-clock time in the display zone. Dragging a block moves it,
dragging its lower edge changes its end; both snap to 15 minutes and are handed to the
window as one request, which validates and records them as one undo step. A meeting
drawn in pieces (it runs past midnight) moves by any of its pieces and changes its end
by its last piece's lower edge only: the other pieces end at midnight, not where it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui import style
from cpp_scheduler.gui.eventmodel import EventFilterProxy, day_bounds
from cpp_scheduler.gui.readonly import window_read_only
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.views.base import (
    BlockImages,
    CalendarView,
    drawn_length,
    paint_event_block,
    rows_on_days,
    show_event_tooltip,
    wrap_words,
)
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model import recurrence
from cpp_scheduler.model.event_filter import meeting_days
from cpp_scheduler.services.meeting_words import listed_days, listed_times
from cpp_scheduler.services.rows import EventRow, OccurrenceKey
from cpp_scheduler.timezones import time_label

SNAP_MINUTES = 15
HOUR_HEIGHT = 48
GUTTER = 56
HEADER_HEIGHT = 44
ALL_DAY_LINE = 22
EDGE = 6
"""How close to a block's lower edge (pixels) a press starts a resize, on a tall block;
on a short one the handle is a third of its height at most (:func:`resize_handle`)."""
MIN_EDGE = 2.0
"""The least handle a block's lower edge has, however short the block."""
SPAN_THRESHOLD = timedelta(hours=24)
"""Timed events at least this long (a conference's whole span) join the all-day events
in the strip above the grid, with their times, instead of a column-high block."""


NARROW_BLOCK = 110.0
"""Below this width a block leads with its start time and wraps its title."""


def block_lines(
    row: EventRow, start: datetime, end: datetime, rect: QRectF, font: QFont
) -> tuple[list[str], range]:
    """What an event's block says, and which of its lines are the title's.

    A short block keeps one line: start and title. A wide one shows the title, the
    times and the place. A narrow one (parallel sessions side by side) shows its start
    time first, then as much of its title as fits, wrapped, then the place: the
    start and the first words of the title are always there. A moved meeting says so
    beside its time (:attr:`EventRow.moved_note`), which a long title never pushes out.
    """
    place = [row.venue_name or row.city_name] if (row.venue_name or row.city_name) else []
    moved = row.moved_note
    if rect.height() < 34:
        return [f"{time_label(start)}{moved} {row.title}"], range(1)
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    fit = max(1, int((rect.height() - 4) // metrics.height()))
    width = rect.width() - 12
    if rect.width() >= NARROW_BLOCK:
        title = wrap_words(row.title, metrics, width, max(1, min(2, fit - 1 - len(place))))
        times = timezones.span_text(start, end, dash="–") + moved
        return [*title, times, *place], range(len(title))
    title = wrap_words(row.title, metrics, width, max(1, fit - 1))
    return [time_label(start) + moved, *title, *place], range(1, 1 + len(title))


@dataclass
class Block:
    """An event's piece on one day of the grid, with its place among overlapping ones."""

    row: EventRow
    day: int
    start_minute: float
    end_minute: float
    column: int = 0
    columns: int = 1
    ends_event: bool = True
    """Whether its lower edge is the meeting's end: not for a piece that ends at midnight
    while the meeting runs on into the next day."""
    drawn_for_its_length: bool = False
    """Whether it is drawn from its start for the time it lasts, not to its end's
    wall-clock reading: one the clocks go back within (01:30 EDT to 01:30 EST)."""


def resize_handle(rect: QRectF) -> float:
    """How high the band at a block's lower edge is that resizes instead of moving: a
    third of a short block at most, so that its middle is always there to move it."""
    return min(float(EDGE), max(MIN_EDGE, rect.height() / 3))


def _first_pieces(blocks: list[Block]) -> list[Block]:
    """Each meeting's first piece in the period: a meeting from 22:00 to 01:00 is shown
    at its start, not at the midnight its next day's piece begins at."""
    first: dict[int, Block] = {}
    for block in blocks:
        held = first.get(id(block.row))
        if held is None or block.day < held.day:
            first[id(block.row)] = block
    return list(first.values())


def snap(minutes: float) -> int:
    return round(minutes / SNAP_MINUTES) * SNAP_MINUTES


def lay_out(blocks: list[Block]) -> None:
    """Give overlapping blocks of one day columns side by side (greedy, per cluster)."""
    blocks.sort(key=lambda block: (block.start_minute, -block.end_minute))
    cluster: list[Block] = []
    cluster_end = -1.0
    ends: list[float] = []

    def close() -> None:
        for block in cluster:
            block.columns = len(ends)

    for block in blocks:
        if cluster and block.start_minute >= cluster_end:
            close()
            cluster, ends = [], []
        for column, end in enumerate(ends):
            if end <= block.start_minute:
                block.column = column
                ends[column] = block.end_minute
                break
        else:
            block.column = len(ends)
            ends.append(block.end_minute)
        cluster.append(block)
        cluster_end = max(cluster_end, block.end_minute)
    if cluster:
        close()


class TimeGridView(CalendarView):
    """One day or a week of the hour grid.

    Signals:
        moveRequested(str, object, object, object): move or resize an event (its id,
            and for one meeting of a series its recurrence id, else None) to new start
            and end instants (UTC); the window validates and applies it.
    """

    moveRequested = Signal(str, object, object, object)

    def __init__(self, days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = days
        self._header = _Header(self)
        self._canvas = _Canvas(self)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self._canvas)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header)
        layout.addWidget(self._scroll, 1)
        self._blocks: list[Block] | None = None
        self._all_day: list[tuple[EventRow, int, int]] | None = None
        self._header_stale = False
        self.images = BlockImages()
        QTimer.singleShot(0, self.scroll_to_morning)

    # -- period -------------------------------------------------------------------------
    def first_day(self) -> date:
        if self.days == 7:
            return self.anchor - timedelta(days=i18n.days_into_week(self.anchor))
        return self.anchor

    def period(self) -> tuple[date, date]:
        first = self.first_day()
        return first, first + timedelta(days=self.days - 1)

    def step(self, direction: int) -> date:
        return self.anchor + timedelta(days=direction * self.days)

    def title(self) -> str:
        first, last = self.period()
        if self.days == 1:
            return i18n.long_day_text(first)
        return i18n.period_text(first, last)

    def scroll_to_morning(self) -> None:
        self._scroll.verticalScrollBar().setValue(7 * HOUR_HEIGHT + HOUR_HEIGHT // 2)

    # -- going where the events are -----------------------------------------------------
    def set_model(self, model: EventFilterProxy) -> None:
        super().set_model(model)
        model.event_model.displayZoneChanged.connect(lambda _zone: self._show_events_later())

    def set_anchor(self, day: date) -> None:
        if self._model is not None and self._blocks is not None:
            shown = self.first_day()
            self._anchor = day
            if self.first_day() == shown:
                # Another day of the same period (or the view shown again): the blocks
                # laid out stand.
                self._show_events_later()
                return
        super().set_anchor(day)
        self._show_events_later()

    def set_selected(self, key: OccurrenceKey | None) -> None:
        super().set_selected(key)
        if key is not None:
            self._show_events_later()

    def _show_events_later(self) -> None:
        # Once the views have laid out what the change brought.
        QTimer.singleShot(0, self.show_events)

    def show_events(self) -> None:
        """Scroll the hours to the selected meeting, or else to the period's first events,
        unless they are already in sight: after a jump to another week, a change of zone
        (Lima's evening is Tokyo's morning) or a jump to a conflict or a search result,
        the events are on screen, not below the visible hours. A period without timed
        events (a week of all-day ones) opens on the working morning, not on the hours
        the period before was scrolled to."""
        blocks = self.blocks()
        chosen = [block for block in blocks if self.is_selected(block.row)] or blocks
        if not chosen:
            self.scroll_to_morning()
            return
        top = min(block.start_minute for block in _first_pieces(chosen)) * HOUR_HEIGHT / 60
        bar = self._scroll.verticalScrollBar()
        shown = self._scroll.viewport().height()
        if bar.value() <= top <= bar.value() + shown - HOUR_HEIGHT:
            return
        bar.setValue(int(max(0, top - HOUR_HEIGHT / 2)))

    # -- layout -------------------------------------------------------------------------
    def invalidate(self) -> None:
        self._blocks = None
        self._all_day = None
        if self.isVisible():
            self._header.update_height()
        else:
            # Laid out when shown: a hidden view does not read its period at each change.
            self._header_stale = True
        # The header and the grid paint all there is (the view itself paints nothing):
        # only they are painted again, not the window beneath them.
        self._header.update()
        self._canvas.update()

    def repaint_badges(self) -> None:
        self._header.update()
        self._canvas.update()

    def paint_now(self) -> None:
        self._canvas.repaint()  # with the header, when it waits to be painted too

    def showEvent(self, event: QShowEvent) -> None:
        if self._header_stale:
            self._header_stale = False
            self._header.update_height()
        super().showEvent(event)

    def blocks(self) -> list[Block]:
        """The blocks of the period's timed meetings (cached until the model or the
        period changes); those of a day or longer are in the strip (:meth:`all_day`).

        A block stands at its start's wall-clock time and ends at its end's; one the
        clocks go back within stands at its start for as long as it lasts, since the grid
        holds the hour read twice once: 01:30 EDT to 01:30 EST is drawn for its hour, not
        as nothing, so every meeting of the period is drawn, as the count in view says;
        01:30 EDT to 02:00 EST for its hour and a half, not the half hour its clock
        readings are apart, and as the outline of the drag that lengthened it showed."""
        if self._blocks is not None:
            return self._blocks
        zone = self.zone
        first, last = self.period()
        blocks: list[Block] = []
        per_day: dict[int, list[Block]] = {}
        bounds = self._day_bounds()
        for row, row_first, row_last in rows_on_days(self.model, first, last, zone):
            if row.all_day or row.end_utc - row.start_utc >= SPAN_THRESHOLD:
                continue
            for piece in _day_pieces(
                row.start_utc, row.end_utc, zone, first, bounds, (row_first, row_last)
            ):
                block = Block(
                    row,
                    piece.day,
                    piece.start_minute,
                    piece.end_minute,
                    ends_event=piece.ends_event,
                    drawn_for_its_length=piece.drawn_for_its_length,
                )
                per_day.setdefault(piece.day, []).append(block)
                blocks.append(block)
        for day_blocks in per_day.values():
            lay_out(day_blocks)
        self._blocks = blocks
        return blocks

    def _day_bounds(self) -> list[tuple[datetime, datetime]]:
        """Each day's first instant and the next day's, in the zone shown."""
        first = self.first_day()
        return [day_bounds(first + timedelta(days=index), self.zone) for index in range(self.days)]

    def all_day(self) -> list[tuple[EventRow, int, int]]:
        """The strip's spans: all-day events (on their own dates, whatever the display
        zone), then meetings of a day or longer, each with the first and last of the
        period's days it covers (cached as :meth:`blocks`).

        Worked out apart from the blocks: the strip's height follows every change of
        the rows at once, and these few spans are cheap, while the blocks of the whole
        period are laid out once, when the grid paints."""
        if self._all_day is not None:
            return self._all_day
        first, last = self.period()
        spans = [
            (row, (row_first - first).days, (row_last - first).days)
            for row, row_first, row_last in rows_on_days(self.model, first, last, self.zone)
            if row.all_day or row.end_utc - row.start_utc >= SPAN_THRESHOLD
        ]
        self._all_day = _stack_all_day(spans)
        return self._all_day

    def column_width(self) -> float:
        return max(1.0, (self._canvas.width() - GUTTER) / self.days)

    def block_rect(self, block: Block) -> QRectF:
        """Where a block is drawn, on whole pixels: its image is then copied as drawn."""
        width = self.column_width()
        share = (width - 6) / block.columns
        left = round(GUTTER + block.day * width + 1 + block.column * share)
        right = round(GUTTER + block.day * width + 1 + (block.column + 1) * share - 1)
        top = round(block.start_minute * HOUR_HEIGHT / 60)
        height = max(HOUR_HEIGHT / 4, (block.end_minute - block.start_minute) * HOUR_HEIGHT / 60)
        return QRectF(left, top, max(1, right - left), max(1, round(height - 1)))

    def event_at(self, point: QPoint) -> OccurrenceKey | None:
        in_header = self._header.mapFrom(self, point)
        if self._header.rect().contains(in_header):
            row = self._header.span_at(QPointF(in_header))
            return row.occurrence_key if row is not None else None
        viewport = self._scroll.viewport()
        if not viewport.rect().contains(viewport.mapFrom(self, point)):
            return None
        block = self.block_at(QPointF(self._canvas.mapFrom(self, point)))
        return block.row.occurrence_key if block is not None else None

    def block_at(self, point: QPointF) -> Block | None:
        for block in reversed(self.blocks()):
            if self.block_rect(block).contains(point):
                return block
        return None

    def slot_at(self, point: QPointF) -> tuple[date, int] | None:
        """The day and the snapped minute of the day under ``point``."""
        if point.x() < GUTTER:
            return None
        index = int((point.x() - GUTTER) // self.column_width())
        if not 0 <= index < self.days:
            return None
        minute = max(0, min(24 * 60 - SNAP_MINUTES, int(point.y() * 60 / HOUR_HEIGHT)))
        minute -= minute % SNAP_MINUTES
        return self.first_day() + timedelta(days=index), minute

    def local_time(self, day: date, minute: int) -> datetime:
        """The wall-clock time (naive) a minute of ``day`` reads in the display zone."""
        return datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute)

    def readings(self, local: datetime) -> tuple[datetime, ...]:
        """The instants (UTC) a wall-clock time (naive) of the display zone may mean:
        the one it reads, or, where the clocks skip it or read it twice, the two a drop
        there asks between (:meth:`at_instant`), so a drag shows both, guessing none."""
        return recurrence.readings(local, self.zone)

    def either_text(self, texts: list[str]) -> str:
        """One reading's text, or the two a drop will ask between: ``01:45 EDT or 01:45
        EST``."""
        first, *other = texts
        if not other:
            return first
        return translate("TimeGrid", "{first} or {second}").format(first=first, second=other[0])

    def sizeHint(self) -> QSize:
        return QSize(900, 700)

    # -- direct manipulation, called by the canvas ----------------------------------------
    # A drop, a resize or a double-click points at a wall-clock time; one the clocks skip
    # or read twice is asked about (:meth:`at_instant`) before anything is requested.
    def request_new(self, day: date, minute: int) -> None:
        """Ask for a new event of an hour at a minute of ``day`` (none over a program
        this login may only read)."""
        if window_read_only(self) is not None:
            return
        self.at_instant(
            self.local_time(day, minute),
            lambda start: self.slotActivated.emit(start, start + timedelta(hours=1)),
            title=translate("TimeGrid", "New event"),
        )

    def start_offset(self, block: Block) -> float:
        """Where ``block``'s meeting starts, in wall-clock minutes from the midnight its
        piece's day begins with: the piece's start for a first piece, less than 0 for one
        the meeting continues in (-180 for a meeting from 21:00 the evening before).

        A drag of any piece moves the meeting's start: this is what it moves."""
        day = datetime.combine(self.first_day() + timedelta(days=block.day), time())
        local = timezones.to_local(block.row.start_utc, self.zone).replace(tzinfo=None)
        return (local - day).total_seconds() / 60

    def moved_start(self, block: Block, day_delta: int, minute_delta: int) -> datetime:
        """The wall-clock time (naive) a drag of ``block`` moves its meeting's start to."""
        local = timezones.to_local(block.row.start_utc, self.zone).replace(tzinfo=None)
        return local + timedelta(days=day_delta, minutes=minute_delta)

    def moved_pieces(
        self, block: Block, day_delta: int, minute_delta: int
    ) -> list[tuple[int, float, float]]:
        """Where ``block``'s meeting would be drawn once moved (each day of the period it
        would be on, and its first and last minute there): what a drag shows before the
        drop, drawn as the meeting's blocks would be after it, its length kept as the
        time that passes, as the move keeps it. A start the clocks skip or read twice is
        drawn at the first of the readings the drop asks between."""
        start = self.readings(self.moved_start(block, day_delta, minute_delta))[0]
        end = start + (block.row.end_utc - block.row.start_utc)
        first, last = self.period()
        days = meeting_days(start, end, self.zone, all_day=False, clock=self.zone)
        shown = (max(days[0], first), min(days[1], last))
        if shown[0] > shown[1]:
            return []
        bounds = self._day_bounds()
        return [
            (piece.day, piece.start_minute, piece.end_minute)
            for piece in _day_pieces(start, end, self.zone, first, bounds, shown)
        ]

    def request_move(self, block: Block, day_delta: int, minute_delta: int) -> None:
        """Ask for ``block``'s meeting moved by a drag: its start (whichever piece was
        dragged) ``day_delta`` days and ``minute_delta`` minutes of the wall clock later,
        asked about where that time is skipped or read twice; its length kept."""
        if (day_delta == 0 and minute_delta == 0) or window_read_only(self) is not None:
            return
        row = block.row
        moved = self.moved_start(block, day_delta, minute_delta)
        length = row.end_utc - row.start_utc
        self.at_instant(
            moved,
            lambda start: self.moveRequested.emit(
                row.event_id, row.recurrence_id, start, start + length
            ),
            title=translate("TimeGrid", "Move '{title}'").format(title=row.title),
        )

    def resized_end(self, block: Block, minutes: int) -> datetime | None:
        """The end a drag of ``block``'s lower edge ``minutes`` down gives, where no
        question is needed: a block drawn for its length (the clocks go back within it)
        is drawn in elapsed time, so its end moves by as much elapsed time; one dragged to
        its day's midnight ends then. None where the end is the wall-clock time the edge
        now stands at (:meth:`resized_local_end`), which may be skipped or read twice."""
        if block.drawn_for_its_length:
            return block.row.end_utc + timedelta(minutes=minutes)
        if block.end_minute + minutes >= 24 * 60:
            return day_bounds(self.first_day() + timedelta(days=block.day), self.zone)[1]
        return None

    def resized_local_end(self, block: Block, minutes: int) -> datetime:
        """The wall-clock time (naive) ``block``'s lower edge stands at once dragged
        ``minutes`` down: its meeting's end as the grid draws it, moved as far."""
        local = timezones.to_local(block.row.end_utc, self.zone).replace(tzinfo=None)
        return local + timedelta(minutes=minutes)

    def resized_ends(self, block: Block, minutes: int) -> tuple[datetime, ...]:
        """The ends (UTC) a drop of ``block``'s lower edge dragged ``minutes`` down may
        give its meeting: the one it gives, or, where the edge stands at a wall-clock
        time the clocks skip or read twice, the two the coordinator is asked between."""
        end = self.resized_end(block, minutes)
        if end is not None:
            return (end,)
        return self.readings(self.resized_local_end(block, minutes))

    def resized_span_text(self, block: Block, minutes: int) -> str:
        """The times ``block``'s meeting would have once its lower edge is dropped
        ``minutes`` further down, as the drag shows them before the drop: written by
        :func:`timezones.span_text`, as the block, the Undo text and ``events list``
        write them, so an end after the clocks go back names its clock (``01:30 EDT –
        02:00 EST``), as the Undo text's ``02:00 EST`` does; both readings where the drop
        will ask which one is meant."""
        start = timezones.to_local(block.row.start_utc, self.zone)
        return self.either_text(
            [
                timezones.span_text(start, timezones.to_local(end, self.zone), dash="–")
                for end in self.resized_ends(block, minutes)
            ]
        )

    def request_resize(self, block: Block, minutes: int) -> None:
        """Ask for ``block``'s meeting to end ``minutes`` later (earlier where negative),
        its lower edge dragged as far: from its real end, whatever its block is drawn to,
        and nothing at all for no change or for a piece whose lower edge is midnight, not
        the meeting's end. Where the new end is a wall-clock time the clocks skip or read
        twice, the coordinator is asked which one they mean."""
        if minutes == 0 or not block.ends_event or window_read_only(self) is not None:
            return
        row = block.row

        def resized(end: datetime) -> None:
            end = max(end, row.start_utc + timedelta(minutes=SNAP_MINUTES))
            if end != row.end_utc:
                self.moveRequested.emit(row.event_id, row.recurrence_id, row.start_utc, end)

        end = self.resized_end(block, minutes)
        if end is not None:
            resized(end)
            return
        self.at_instant(
            self.resized_local_end(block, minutes),
            resized,
            what="end",
            title=translate("TimeGrid", "Change the end of '{title}'").format(title=row.title),
        )


def span_label(row: EventRow, zone: str) -> str:
    """When a strip's event holds, in the words ``events list`` gives it (its LOCAL TIME,
    and its column on ``zone``'s clock with ``--days-in``), the window's dash between
    times: an all-day event's dates (``Thu 29 Apr all day to Wed 05 May``,
    :func:`~cpp_scheduler.services.meeting_words.listed_days`), the same on every clock;
    a timed one's times on ``zone``'s clock, named after them, each end with its day
    where the times run into another (``Mon 15 Feb 09:00–Tue 16 Feb 15:30 JST``,
    :func:`~cpp_scheduler.services.meeting_words.listed_times`)."""
    if row.all_day:
        return listed_days(row.first_date, row.last_date).text()
    return listed_times(row.start_utc, row.end_utc, zone).text("–")


class _Piece(NamedTuple):
    """A meeting's piece on one day of the grid: the fields of a :class:`Block` that say
    where it is drawn."""

    day: int
    start_minute: float
    end_minute: float
    ends_event: bool
    drawn_for_its_length: bool


def _day_pieces(
    start_utc: datetime,
    end_utc: datetime,
    zone: str,
    first: date,
    bounds: list[tuple[datetime, datetime]],
    days: tuple[date, date],
) -> Iterator[_Piece]:
    """The pieces of a meeting from ``start_utc`` to ``end_utc`` on ``days`` of the grid
    whose first day is ``first`` (``bounds``: each day's first instant and the next
    day's, in ``zone``): from its start's wall-clock time to its end's, or for as long
    as it lasts where the clocks go back within it (:func:`drawn_length`)."""
    local_start = timezones.to_local(start_utc, zone)
    local_end = timezones.to_local(end_utc, zone)
    for index in range((days[0] - first).days, (days[1] - first).days + 1):
        day = first + timedelta(days=index)
        day_start, day_end = bounds[index]
        start_minute = _minutes(local_start) if local_start.date() == day else 0.0
        end_minute = _minutes(local_end) if local_end.date() == day else 24 * 60.0
        lasts = min(end_utc, day_end) - max(start_utc, day_start)
        reads = timedelta(minutes=end_minute - start_minute)
        drawn = drawn_length(reads, lasts)
        for_its_length = drawn > reads
        if for_its_length:
            end_minute = min(24 * 60.0, start_minute + drawn.total_seconds() / 60)
        yield _Piece(index, start_minute, end_minute, end_utc <= day_end, for_its_length)


def _minutes(moment: datetime) -> float:
    return moment.hour * 60 + moment.minute + moment.second / 60


def _stack_all_day(
    spans: list[tuple[EventRow, int, int]],
) -> list[tuple[EventRow, int, int]]:
    """Sort multi-day events so that the strip draws them one line each: by first
    column, the longest first, then in the one order of meetings (:func:`meeting_order`),
    as the Month view and the Agenda list them. The strip has room for four lines, so
    this order also decides which are drawn."""
    return sorted(
        spans,
        key=lambda item: (
            item[1],
            -(item[2] - item[1]),
            meeting_order(item[0].start_utc, item[0].title, item[0].event_id),
        ),
    )


class _Header(QWidget):
    """Day names above the grid, and the strip of long events."""

    def __init__(self, view: TimeGridView) -> None:
        super().__init__(view)
        self._view = view
        self.setFixedHeight(HEADER_HEIGHT)
        self.setMouseTracking(True)
        # It fills all of itself: what lies beneath is not painted first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def update_height(self) -> None:
        lines = len(self._view.all_day()) if self._view._model is not None else 0
        self.setFixedHeight(HEADER_HEIGHT + min(lines, 4) * ALL_DAY_LINE + (4 if lines else 0))

    def _span_rect(self, number: int, first: int, last: int) -> QRectF:
        width = self._view.column_width()
        return QRectF(
            GUTTER + first * width + 2,
            HEADER_HEIGHT + number * ALL_DAY_LINE,
            (last - first + 1) * width - 5,
            ALL_DAY_LINE - 3,
        )

    def span_at(self, point: QPointF) -> EventRow | None:
        for number, (row, first, last) in enumerate(self._view.all_day()[:4]):
            if self._span_rect(number, first, last).contains(point):
                return row
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.span_at(event.position())
        if row is not None:
            self._view.occurrenceSelected.emit(row.occurrence_key)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self.span_at(event.position())
        if row is not None:
            self._view.eventActivated.emit(row.event_id)
            return
        if event.position().x() > GUTTER:
            index = int((event.position().x() - GUTTER) // self._view.column_width())
            self._view.dayActivated.emit(self._view.first_day() + timedelta(days=index))

    def _tooltip(self, row: EventRow) -> str:
        return self._view.model.event_model.tooltip(row)

    def event(self, event: QEvent) -> bool:
        if show_event_tooltip(self, event, self.span_at, self._tooltip):
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(style.HEADER_BACKGROUND))
        width = view.column_width()
        today = datetime.now(timezones.zone(view.zone)).date()
        base = QFont(self.font())
        for index in range(view.days):
            day = view.first_day() + timedelta(days=index)
            left = GUTTER + index * width
            is_today = day == today
            painter.setPen(QColor(style.TODAY if is_today else style.MUTED_TEXT))
            small = QFont(base)
            small.setPointSizeF(base.pointSizeF() * 0.85)
            painter.setFont(small)
            painter.drawText(
                QRectF(left, 4, width, 14),
                int(Qt.AlignmentFlag.AlignCenter),
                i18n.weekday_heading(day),
            )
            big = QFont(base)
            big.setPointSizeF(base.pointSizeF() * 1.35)
            painter.setFont(big)
            label_rect = QRectF(left, 18, width, 22)
            if is_today:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setBrush(QColor(style.TODAY))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(QRectF(left + width / 2 - 13, 16, 26, 26))
                painter.setPen(QColor("#ffffff"))
            else:
                painter.setPen(QColor(style.TEXT))
            text = f"{day.day}" if view.days == 7 else i18n.day_and_month_name(day)
            if view.days == 1 and is_today:
                painter.setPen(QColor(style.TODAY))
                text = i18n.day_and_month_name(day)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawText(label_rect, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.setFont(base)
        for number, (row, first, last) in enumerate(view.all_day()[:4]):
            rect = self._span_rect(number, first, last)
            label = f"{row.shown_title}  ·  {span_label(row, view.zone)}"
            paint_event_block(
                painter,
                rect,
                row,
                [label],
                view.is_selected(row),
                base,
                3.0,
                view.model.event_model.is_marked(row),
            )
        extra = len(view.all_day()) - 4
        if extra > 0:
            painter.setPen(QColor(style.MUTED_TEXT))
            painter.drawText(
                QRectF(0, HEADER_HEIGHT, GUTTER - 4, ALL_DAY_LINE),
                int(Qt.AlignmentFlag.AlignRight),
                f"+{extra}",
            )
        painter.setPen(QPen(QColor(style.GRID_LINE), 1))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        zone_label = QFont(base)
        zone_label.setPointSizeF(base.pointSizeF() * 0.75)
        painter.setFont(zone_label)
        painter.setPen(QColor(style.MUTED_TEXT))
        # The offsets of the days shown, as the zone's label gives them: each where the
        # clocks change within them.
        offsets = dict.fromkeys(
            _short_offset(offset)
            for offset, _day in timezones.period_offsets(view.zone, *view.period())
        )
        first_offset, *later = offsets
        metrics = painter.fontMetrics()
        # On one line where it fits, else one above the other (Chatham's +13:45/+12:45).
        *wide, narrowest = (
            ["UTC" + "/".join(offsets)],
            ["UTC" + first_offset, *later],
            ["UTC", first_offset, *later],
        )
        lines = next(
            (
                lines
                for lines in wide
                if all(metrics.horizontalAdvance(line) <= GUTTER - 4 for line in lines)
            ),
            narrowest,
        )
        for number, line in enumerate(reversed(lines)):
            painter.drawText(
                QRectF(0, HEADER_HEIGHT - 16 - 12 * number, GUTTER - 4, 14),
                int(Qt.AlignmentFlag.AlignRight),
                line,
            )
        painter.end()


def _short_offset(offset: str) -> str:
    """``-4`` for ``-04:00``, ``+5:45`` for ``+05:45``: an offset in the grid's corner."""
    offset = offset.removesuffix(":00")
    return offset[0] + offset[2:] if offset.startswith(("+0", "-0")) else offset


def paint_block(
    painter: QPainter,
    rect: QRectF,
    *,
    row: EventRow,
    zone: str,
    font: QFont,
    selected: bool,
    marked: bool,
) -> None:
    """An event's block of the hour grid: what it says depends on its size."""
    local_start = timezones.to_local(row.start_utc, zone)
    local_end = timezones.to_local(row.end_utc, zone)
    lines, bold = block_lines(row, local_start, local_end, rect, font)
    paint_event_block(painter, rect, row, lines, selected, font, marked=marked, bold_lines=bold)


class _Canvas(QWidget):
    """The scrolling hour grid; handles selection, double-clicks and drags."""

    def __init__(self, view: TimeGridView) -> None:
        super().__init__(view)
        self._view = view
        self.setMinimumHeight(24 * HOUR_HEIGHT + 1)
        self.setMouseTracking(True)
        # It fills all of itself: what lies beneath is not painted first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._pressed: Block | None = None
        self._press_point = QPointF()
        self._resizing = False
        self._dragging = False
        self._ghost: list[QRectF] = []
        """Where the dragged meeting would be drawn if dropped now (a piece a day)."""
        self._ghost_label = ""

    def sizeHint(self) -> QSize:
        return QSize(800, 24 * HOUR_HEIGHT + 1)

    # -- mouse --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = event.position()
        block = self._view.block_at(point)
        # Over a program this login may only read, a press selects and starts no drag.
        self._pressed = block if window_read_only(self) is None else None
        self._press_point = point
        self._dragging = False
        if block is not None:
            self._resizing = self._on_resize_handle(block, point)
            self._view.occurrenceSelected.emit(block.row.occurrence_key)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        if self._pressed is None:
            block = self._view.block_at(point)
            near_edge = (
                block is not None
                and self._on_resize_handle(block, point)
                and window_read_only(self) is None
            )
            self.setCursor(
                Qt.CursorShape.SizeVerCursor if near_edge else Qt.CursorShape.ArrowCursor
            )
            return
        if not self._dragging and (point - self._press_point).manhattanLength() < 4:
            return
        self._dragging = True
        block = self._pressed
        rect = self._view.block_rect(block)
        if self._resizing:
            minutes = self._resize_change(point)
            top = rect.top()
            edge = (block.end_minute + minutes) * HOUR_HEIGHT / 60
            self._ghost = [QRectF(rect.left(), top, rect.width(), max(HOUR_HEIGHT / 4, edge - top))]
            self._ghost_label = self._view.resized_span_text(block, minutes)
        else:
            day_delta, minute_delta = self._move_delta(point)
            self._show_moved(block, day_delta, minute_delta)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.update()

    def _show_moved(self, block: Block, day_delta: int, minute_delta: int) -> None:
        """Outline where the drop would put ``block``'s meeting, each of its pieces, and
        label its first piece with the start it would have (with its weekday where that
        start is on another day than the piece: a meeting from 23:00 seen the next day),
        named as a block names its start (:func:`time_label`); both readings of one the
        clocks read twice or skip, which the drop asks between (``01:45 EDT or 01:45
        EST``)."""
        view = self._view
        width = view.column_width()
        pieces = view.moved_pieces(block, day_delta, minute_delta)
        self._ghost = [
            QRectF(
                GUTTER + index * width + 1,
                first * HOUR_HEIGHT / 60,
                width - 6,
                max(HOUR_HEIGHT / 4, (last - first) * HOUR_HEIGHT / 60) - 1,
            )
            for index, first, last in pieces
        ]
        start = view.moved_start(block, day_delta, minute_delta)
        labelled_day = view.first_day() + timedelta(days=pieces[0][0]) if pieces else None
        readings = [timezones.to_local(instant, view.zone) for instant in view.readings(start)]
        self._ghost_label = view.either_text(
            [
                time_label(local)
                if local.date() == labelled_day
                else f"{i18n.weekday_text(local)} {time_label(local)}"
                for local in readings
            ]
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        block, dragging, resizing = self._pressed, self._dragging, self._resizing
        if block is not None and dragging:
            if resizing:
                minutes = self._resize_change(event.position())
            else:
                day_delta, minute_delta = self._move_delta(event.position())
        self._pressed = None
        self._dragging = False
        self._ghost = []
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.update()
        if block is None or not dragging:
            return
        if resizing:
            self._view.request_resize(block, minutes)
        else:
            self._view.request_move(block, day_delta, minute_delta)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        block = self._view.block_at(point)
        if block is not None:
            self._view.eventActivated.emit(block.row.event_id)
            return
        slot = self._view.slot_at(point)
        if slot is None:
            return
        day, minute = slot
        self._view.request_new(day, minute - minute % 30)

    def _on_resize_handle(self, block: Block, point: QPointF) -> bool:
        """Whether ``point`` is on the band at ``block``'s lower edge that changes its
        meeting's end: only where that edge is the end (the last of its pieces)."""
        rect = self._view.block_rect(block)
        return block.ends_event and point.y() >= rect.bottom() - resize_handle(rect)

    def _move_delta(self, point: QPointF) -> tuple[int, int]:
        """The days and minutes the drag to ``point`` moves the pressed block's meeting
        by: its start, whichever piece is dragged, snapped to the quarter hour, and kept
        where the meeting stays at least partly on the day it is dropped on (it may start
        the evening before, as one continuing past midnight does)."""
        width = self._view.column_width()
        pressed = self._pressed
        assert pressed is not None
        day_delta = int((point.x() - GUTTER) // width) - int(
            (self._press_point.x() - GUTTER) // width
        )
        day_delta = max(-pressed.day, min(self._view.days - 1 - pressed.day, day_delta))
        minutes = (point.y() - self._press_point.y()) * 60 / HOUR_HEIGHT
        start = self._view.start_offset(pressed)
        length = (pressed.row.end_utc - pressed.row.start_utc).total_seconds() / 60
        target = snap(start + minutes)
        target = max(min(0, snap(SNAP_MINUTES - length)), min(24 * 60 - SNAP_MINUTES, target))
        return day_delta, int(target - start)

    def _resize_change(self, point: QPointF) -> int:
        """The minutes the drag to ``point`` moves the pressed block's lower edge by:
        to the nearest quarter hour, none for a touch of less than half of one, never
        to less than a quarter hour after the block's start nor past its midnight."""
        pressed = self._pressed
        assert pressed is not None
        minutes = (point.y() - self._press_point.y()) * 60 / HOUR_HEIGHT
        if abs(minutes) < SNAP_MINUTES / 2:
            return 0
        edge = pressed.end_minute
        shortest = min(edge, pressed.start_minute + SNAP_MINUTES)
        target = max(shortest, min(24 * 60, snap(edge + minutes)))
        return round(target - edge)

    def event(self, event: object) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QHelpEvent
        from PySide6.QtWidgets import QToolTip

        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            block = self._view.block_at(QPointF(event.pos()))
            if block is not None:
                QToolTip.showText(
                    event.globalPos(), self._view.model.event_model.tooltip(block.row), self
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]

    # -- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        width = view.column_width()
        first = view.first_day()
        weekend = view.model.event_model.weekend  # the display clock's days off
        for index in range(view.days):
            if (first + timedelta(days=index)).weekday() in weekend:
                painter.fillRect(
                    QRectF(GUTTER + index * width, 0, width, self.height()), QColor(style.WEEKEND)
                )
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.82)
        painter.setFont(small)
        exposed = event.rect()
        for hour in range(25):
            y = hour * HOUR_HEIGHT
            if y < exposed.top() - HOUR_HEIGHT or y > exposed.bottom() + HOUR_HEIGHT:
                continue
            painter.setPen(QPen(QColor(style.GRID_LINE), 1))
            painter.drawLine(GUTTER - 6, y, self.width(), y)
            painter.setPen(QPen(QColor(style.HALF_HOUR_LINE), 1, Qt.PenStyle.DotLine))
            painter.drawLine(GUTTER, y + HOUR_HEIGHT // 2, self.width(), y + HOUR_HEIGHT // 2)
            if 0 < hour < 24:
                painter.setPen(QColor(style.MUTED_TEXT))
                painter.drawText(
                    QRectF(0, y - 8, GUTTER - 10, 16),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    f"{hour:02d}:00",
                )
        painter.setPen(QPen(QColor(style.GRID_LINE), 1))
        for index in range(view.days + 1):
            x = int(GUTTER + index * width)
            painter.drawLine(x, 0, x, self.height())
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 0.9)
        font_key = font.key()
        zone = view.zone
        is_marked = view.model.event_model.is_marked
        ratio = self.devicePixelRatioF()
        shown = QRectF(exposed)
        for block in view.blocks():
            rect = view.block_rect(block)
            if not rect.intersects(shown):
                continue
            row = block.row
            selected = view.is_selected(row)
            marked = is_marked(row)
            image = view.images.image(
                (row, zone, selected, marked, font_key),
                rect.size(),
                ratio,
                partial(
                    paint_block, row=row, zone=zone, font=font, selected=selected, marked=marked
                ),
            )
            painter.drawPixmap(rect.topLeft(), image)
        self._paint_now(painter)
        if self._ghost:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(QColor(style.TEXT), 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(32, 33, 36, 30))
            for ghost in self._ghost:
                painter.drawRoundedRect(ghost, 4, 4)
            # On a ground of its own: the outline often starts where the dragged block
            # does, over the block's own first line. Wrapped in a narrow column of the
            # week, where a range naming both clocks would otherwise lose its end.
            where = self._ghost[0].adjusted(6, 2, -2, -2)
            flags = int(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            )
            ground = painter.boundingRect(where, flags, self._ghost_label).adjusted(-3, 0, 3, 0)
            painter.fillRect(ground.intersected(where.adjusted(-4, 0, 0, 0)), QColor("#ffffff"))
            painter.setPen(QColor(style.TEXT))
            painter.drawText(where, flags, self._ghost_label)
        painter.end()

    def _paint_now(self, painter: QPainter) -> None:
        view = self._view
        now = timezones.to_local(view.now_utc(), view.zone)
        index = (now.date() - view.first_day()).days
        if not 0 <= index < view.days:
            return
        width = view.column_width()
        y = _minutes(now) * HOUR_HEIGHT / 60
        left = GUTTER + index * width
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(style.NOW_LINE), 2))
        painter.drawLine(QPointF(left, y), QPointF(left + width, y))
        painter.setBrush(QColor(style.NOW_LINE))
        painter.drawEllipse(QPointF(left, y), 4, 4)
