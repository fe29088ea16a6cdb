"""What every calendar view shares: the model it follows and the signals it sends."""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from datetime import date, datetime, timedelta
from functools import partial
from typing import ClassVar

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QToolTip, QWidget

from cpp_scheduler import i18n, limits, timezones
from cpp_scheduler.gui import style
from cpp_scheduler.gui.eventmodel import EventFilterProxy
from cpp_scheduler.model import EventStatus
from cpp_scheduler.services.rows import EventRow, OccurrenceKey


class CalendarView(QWidget):
    """A view over the filtered events for a period around :attr:`anchor`.

    Signals:
        occurrenceSelected(object): the user picked a meeting (an
            :class:`~cpp_scheduler.services.rows.OccurrenceKey`).
        eventActivated(str): the user asked to edit an event (double-click).
        slotActivated(object, object): the user asked for a new event at start, end (UTC).
        dayActivated(object): the user asked to see a day (a :class:`datetime.date`).
        periodChanged(): the view changed the span it shows by itself (a zoom).
    """

    #: True for a view that lists every event the filters let through (the Agenda),
    #: whatever its period.
    lists_everything: ClassVar[bool] = False
    #: True for a view that draws the meetings held in a venue alone (the Venues view,
    #: a booking on a room's line): the agenda it exports holds those alone, as the
    #: services' ``in_venues`` and the commands' ``--in-venues`` take them.
    in_venues: ClassVar[bool] = False

    occurrenceSelected = Signal(object)
    eventActivated = Signal(str)
    slotActivated = Signal(object, object)
    dayActivated = Signal(object)
    periodChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: EventFilterProxy | None = None
        self._anchor = date.today()
        self._selected: OccurrenceKey | None = None

    # -- the model ----------------------------------------------------------------------
    def set_model(self, model: EventFilterProxy) -> None:
        self._model = model
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
        ):
            signal.connect(self._model_changed)
        model.event_model.displayZoneChanged.connect(self._model_changed)
        model.event_model.marksChanged.connect(self.repaint_badges)

    @property
    def model(self) -> EventFilterProxy:
        assert self._model is not None, "set_model() first"
        return self._model

    @property
    def zone(self) -> str:
        return self.model.event_model.display_zone

    def _model_changed(self, *_args: object) -> None:
        self.invalidate()

    def invalidate(self) -> None:
        """Drop the layout cache and repaint."""
        self.update()

    def repaint_badges(self) -> None:
        """Other meetings are in a conflict: paint them again, laid out as they are (a
        hidden view paints them when it is shown)."""
        self.update()

    def paint_now(self) -> None:
        """Paint what changed at once rather than at the window's next frame: a meeting
        dropped is seen where it landed before the work its change asked for is done."""
        self.repaint()

    # -- period -------------------------------------------------------------------------
    @property
    def anchor(self) -> date:
        return self._anchor

    def set_anchor(self, day: date) -> None:
        self._anchor = day
        self.invalidate()

    def period(self) -> tuple[date, date]:
        """First and last day shown."""
        return self._anchor, self._anchor

    def drawn_rows(self) -> list[EventRow]:
        """The meetings this view draws on the days its period is about
        (:meth:`days_covered`: a month's own days, not its neighbours' that fill its
        weeks), by start: by the views' one rule (:func:`rows_on_days`). The status bar
        counts their events, as ``events list`` lists them for those days."""
        first, last = self.days_covered()
        return [row for row, _first, _last in rows_on_days(self.model, first, last, self.zone)]

    def title(self) -> str:
        """What the toolbar says is shown ("Week of 12 Jan 2027")."""
        return i18n.long_day_text(self._anchor)

    def step(self, direction: int) -> date:
        """The anchor one period before (-1) or after (+1)."""
        raise NotImplementedError

    def days_covered(self) -> tuple[date, date]:
        """The first and last day the period is about: those shown, but a month's own
        days alone, not the days of its neighbours that fill its weeks."""
        return self.period()

    def step_within(self, direction: int) -> date | None:
        """The anchor one period before (-1) or after (+1), kept to the program's days;
        None where the period already reaches the program's first (or last) day, so
        Previous (or Next) has nowhere to go. The last step may be shorter than a
        period: it stops at the end, whose period then shows."""
        first, last = self.days_covered()
        if direction > 0 and last >= limits.LATEST_DAY:
            return None
        if direction < 0 and first <= limits.EARLIEST_DAY:
            return None
        return within_program_days(self.step(direction))

    def set_selected(self, key: OccurrenceKey | None) -> None:
        changed = key != self._selected
        self._selected = key
        if changed:
            # The highlight is painted over the meetings as they are laid out, as the
            # badges are; the same meeting chosen again (after its drop) paints nothing.
            self.repaint_badges()

    def is_selected(self, row: EventRow) -> bool:
        """True when ``row`` is the selected meeting: only that one is highlighted."""
        return self._selected is not None and self._selected.covers(row)

    def event_at(self, point: QPoint) -> OccurrenceKey | None:
        """The meeting shown at ``point`` (in this view's coordinates), if any: what a
        right-click there is about."""
        return None

    def at_instant(
        self,
        local: datetime,
        answered: Callable[[datetime], None],
        *,
        what: str = "start",
        title: str = "",
    ) -> None:
        """Call ``answered`` with the instant of the wall-clock time ``local`` (naive) in
        the display zone, the time a click or a drop points at: at once where the clock
        reads it once; where the clocks skip it or read it twice, once the coordinator
        has chosen which instant they mean, never guessed (nothing happens if they
        cancel)."""
        from cpp_scheduler.gui.widgets.local_time_choice import ask_instant

        ask_instant(self.window(), local, self.zone, answered, what=what, title=title)

    def now_utc(self) -> datetime:
        from datetime import UTC

        return datetime.now(UTC)


def within_program_days(day: date) -> date:
    """``day``, or the program's first or last day where it lies beyond them.

    The calendar goes no further than the days the program plans for
    (:mod:`cpp_scheduler.limits`): a period reaching toward year 1 or 9999 has no date
    arithmetic, no time-zone reading and no title that holds, and no event is there.
    """
    return min(max(day, limits.EARLIEST_DAY), limits.LATEST_DAY)


def instants_holding(first: date, last: date, zone: str) -> tuple[datetime, datetime]:
    """The instants within which every meeting shown on the days ``first`` to ``last`` of
    ``zone`` lies: an all-day event is on its own dates in any zone, so its instants may
    lie up to a day either side of the period's (Kiritimati's Monday is Pago Pago's
    Sunday)."""
    start, end = timezones.local_days(first, last, zone)
    return start - _ALL_DAY_REACH, end + _ALL_DAY_REACH


_ALL_DAY_REACH = timedelta(days=1)


def rows_on_days(
    model: EventFilterProxy, first: date, last: date, zone: str
) -> list[tuple[EventRow, date, date]]:
    """The meetings the calendar draws on the days ``first`` to ``last`` (by
    :meth:`EventRow.days_on`), by start, each with the first and last of those days it is on.

    The one rule of the Day, Week and Month views and of the count of events in view
    the status bar gives for them: what is counted is what is drawn."""
    found: list[tuple[EventRow, date, date]] = []
    for row in model.rows_between(*instants_holding(first, last, zone)):
        row_first, row_last = row.days_on(zone)
        if row_last < first or row_first > last:
            continue
        found.append((row, max(row_first, first), min(row_last, last)))
    return found


def drawn_length(reads: timedelta, lasts: timedelta) -> timedelta:
    """How long a meeting's piece of one day is drawn on a wall-clock grid: as far as
    its clock readings are apart (``reads``), or for as long as it really lasts there
    (``lasts``) where that is longer: the clocks went back within it, and the grid holds
    the hour read twice once. 01:30 EDT to 01:30 EST is drawn for its hour, not as
    nothing, and 01:30 EDT to 02:00 EST for its hour and a half. The Day and Week views'
    blocks and the Venues view's bars are drawn so, and each meeting counted in view is
    drawn as long as it is."""
    return max(reads, lasts)


LINE_ALIGNMENT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def paint_event_block(
    painter: QPainter,
    rect: object,
    row: EventRow,
    lines: list[str],
    selected: bool,
    font: QFont,
    radius: float = 4.0,
    marked: bool = False,
    bold_lines: Collection[int] = (0,),
) -> None:
    """An event as a rounded block: filled when confirmed, tinted with a dashed border
    when tentative, grey and struck through when cancelled; a red badge in its corner
    when it is in a conflict (``marked``). The lines numbered in ``bold_lines`` (the
    title's) are bold; lines that do not fit are left out, the first always shown."""
    assert isinstance(rect, QRectF)
    fill, border, text = style.event_colours(row.kind, row.status)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(border, 1.0)
    if row.status is EventStatus.TENTATIVE:
        pen.setStyle(Qt.PenStyle.DashLine)
    if selected:
        pen = QPen(QColor(style.TEXT), 2.0)
    if _on_whole_pixels(rect):
        # Blocks of a size and a look share one drawing of their shape.
        ratio = painter.device().devicePixelRatioF()
        key = (radius, pen.color().rgba(), pen.widthF(), pen.style(), fill.rgba())
        painter.drawPixmap(
            rect.topLeft(),
            _SHAPES.image(key, rect.size(), ratio, partial(_shape, pen, fill, radius)),
        )
    else:
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    if row.status is EventStatus.TENTATIVE:
        painter.fillRect(QRectF(rect.left() + 1, rect.top() + 1, 3, rect.height() - 2), border)
    painter.setPen(text)
    plain = QFont(font)
    plain.setStrikeOut(row.status is EventStatus.CANCELLED)
    bold = QFont(plain)
    bold.setBold(True)
    painter.setFont(bold)
    bold_metrics = painter.fontMetrics()  # the metrics of the device painted on
    painter.setFont(plain)
    plain_metrics = painter.fontMetrics()
    line_height = plain_metrics.height()
    inner = rect.adjusted(6, 2, -12 if marked else -4, -2)
    left, width = inner.left(), inner.width()
    y = inner.top()
    for number, line in enumerate(lines):
        if y + line_height > inner.bottom() + 2 and number > 0:
            break
        is_bold = number in bold_lines
        painter.setFont(bold if is_bold else plain)
        metrics = bold_metrics if is_bold else plain_metrics
        painter.drawText(
            QRectF(left, y, width, line_height),
            LINE_ALIGNMENT,
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(width)),
        )
        y += line_height
    if marked:
        paint_conflict_badge(painter, rect)
    painter.restore()


class BlockImages:
    """Event blocks drawn once and then copied, until what they show changes.

    A week of a large program holds a couple of hundred blocks, and drawing each (a
    rounded, antialiased shape, a badge, its title wrapped and elided) takes most of a
    repaint. Nothing in a block changes when the view is shown again, scrolled, or
    filtered back to what it was, so a block is drawn into an image the first time and
    copied after that. The key names everything the block shows (the occurrence, the
    zone its times are in, its size, whether it is selected or in a conflict, the font),
    so a change of any of them draws it anew: the cache never shows an old answer.
    """

    BUDGET = 8_000_000
    """Pixels kept (about 32 MB): a few weeks of blocks in a few layouts."""

    def __init__(self) -> None:
        self._images: dict[Hashable, QPixmap] = {}
        self._pixels = 0

    def image(
        self,
        key: Hashable,
        size: QSizeF,
        ratio: float,
        draw: Callable[[QPainter, QRectF], None],
    ) -> QPixmap:
        """The image of a block of ``size`` (device-independent pixels, whole ones) for
        a screen of device pixel ``ratio``, drawn by ``draw(painter, rect)`` when it is
        not kept yet."""
        key = (key, size.width(), size.height(), ratio)
        images = self._images
        found = images.pop(key, None)
        if found is None:
            found = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            found.setDevicePixelRatio(ratio)
            found.fill(Qt.GlobalColor.transparent)
            painter = QPainter(found)
            draw(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            self._pixels += found.width() * found.height()
            while self._pixels > self.BUDGET and images:
                oldest = images.pop(next(iter(images)))
                self._pixels -= oldest.width() * oldest.height()
        images[key] = found  # the most recently used last
        return found

    def clear(self) -> None:
        self._images.clear()
        self._pixels = 0


def _on_whole_pixels(rect: QRectF) -> bool:
    return all(value == int(value) for value in (rect.x(), rect.y(), rect.width(), rect.height()))


def _shape(pen: QPen, fill: QColor, radius: float, painter: QPainter, rect: QRectF) -> None:
    """A block's rounded shape, its fill and its border."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)


_SHAPES = BlockImages()
"""The rounded shapes of blocks, by size, colours and border: the antialiased outline
is most of what drawing a block costs, and blocks of a week share a few sizes."""


def wrap_words(text: str, metrics: QFontMetrics, width: float, most: int) -> list[str]:
    """``text`` broken at spaces into at most ``most`` lines of ``width`` pixels, the
    last elided: how a narrow block shows more of a title than one elided line."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if len(lines) == most - 1 and words:
            line = f"{line} {' '.join(words)}"
            words = []
        lines.append(metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(width)))
    return lines


def paint_conflict_badge(painter: QPainter, rect: object) -> None:
    """A red dot with a white ring in the top-right corner of an event's ``rect``."""
    assert isinstance(rect, QRectF)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor("#ffffff"), 1.5))
    painter.setBrush(QColor(style.CONFLICT))
    radius = min(4.5, rect.height() / 2 - 1)
    painter.drawEllipse(QPointF(rect.right() - radius - 2, rect.top() + radius + 2), radius, radius)
    painter.restore()


def show_event_tooltip(
    widget: QWidget,
    event: QEvent,
    row_at: Callable[[QPointF], EventRow | None],
    tooltip: Callable[[EventRow], str],
) -> bool:
    """Answer a tooltip request over a painted calendar with the event under the pointer.

    True when ``event`` was a tooltip request (handled here), so the caller returns at once.
    """
    if not (isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip):
        return False
    row = row_at(QPointF(event.pos()))
    if row is not None:
        QToolTip.showText(event.globalPos(), tooltip(row), widget)
    else:
        QToolTip.hideText()
    return True
