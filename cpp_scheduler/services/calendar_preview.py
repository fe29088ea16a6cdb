"""What a calendar file will show its reader: the export preview, for the CLI and the window.

The preview is not a second account of the program. It builds the very calendars the
export writes for a scope (:func:`calendar_export.select_content`, then
:func:`cpp_scheduler.ical.export.export_bytes`, request mode's cancellation file
included), reads those bytes back as RFC 5545 says a client reads them (the importer's
reading of zones, repeated and skipped local times; each series expanded by its RRULE on
the wall clock of its TZID, EXDATEs removed, RECURRENCE-ID sessions moved, with the
program's own recurrence code, the same the export writes the rule from), and gives each
meeting as the reader sees it: in the reader's zone, with both dates and the UTC offset
of that very meeting. A conference of 15-16 February in Tokyo is read in Lima as
Sunday 14 February 19:00 to Tuesday 16 February 01:30; a series at 17:00 in Tokyo moves
from 03:00 to 04:00 in Washington after the United States changes its clocks.

The reader is the person the file is for: a participant's own zone (a delegation
member's is the delegation's), a delegation's or its study tour's home zone, and
Tokyo's for a file of chosen events or of the whole program.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import _
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import (
    ExportOptions,
    Method,
    export_bytes,
    request_caveats,
    zone_caveats,
)
from cpp_scheduler.ical.importer import ParsedEvent, read_calendar
from cpp_scheduler.model import EventStatus, recurrence
from cpp_scheduler.scheduling.inputs import japan_day
from cpp_scheduler.services.calendar_export import Scope, select_content
from cpp_scheduler.store import Database


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One meeting of the file, as its reader's calendar shows it."""

    title: str
    start: datetime
    """Aware, in the reader's zone: its date, clock and offset are what the reader sees."""
    end: datetime
    status: EventStatus
    location: str
    video_link: str
    uid: str
    recurrence_id: datetime | None
    """The UTC start the series' rule gives this meeting; None for a one-off event."""
    event_id: str | None
    """The program's event of that UID (None only if the file named one it does not hold)."""
    all_day: bool = False
    """Dates in the file: ``start`` and ``end`` are the reader's midnights of the first
    day and of the day after the last, the same dates on every clock."""
    tour_part: bool = False
    """A study tour's outline (its days, as dates) or one of its travel legs: an entry the
    reader's calendar shows, not a meeting."""

    @property
    def cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED

    @property
    def start_text(self) -> str:
        if self.all_day:
            return _("{day} (all day)").format(day=i18n.day_text(self.start.date()))
        return describe_local(self.start)

    @property
    def end_text(self) -> str:
        if self.all_day:
            return _("{day} (all day)").format(
                day=i18n.day_text((self.end - timedelta(days=1)).date())
            )
        return describe_local(self.end)


@dataclass(frozen=True, slots=True)
class ExportPreview:
    """What a file of one scope holds, read back."""

    name: str
    """The calendar's name (X-WR-CALNAME)."""
    zone: str
    """The reader's zone, in which every row is given but those of a stay in Japan."""
    rows: tuple[PreviewRow, ...]
    """Every entry of the file as its reader sees it: each meeting, and each study tour's
    outline and travel legs (:attr:`PreviewRow.tour_part`)."""
    tours: int
    """Study tours in the file: their all-day outline and travel legs are not meetings."""
    files: tuple[Method, ...]
    """The files the export writes, by method: two in request mode when some events are
    cancelled (the second, METHOD:CANCEL, removes them)."""
    caveats: tuple[str, ...] = ()
    """Which clients may show some meetings an hour off, and when: zones whose clocks
    change by more than the one yearly rule Outlook can hold."""
    events: int = 0
    """How many events the file holds."""
    previewed: int = 0
    """How many of them the rows show: all, or the first ones by start when the preview
    was asked for at most a number of events."""
    in_japan: tuple[date, date] | None = None
    """The first and last day of the reader's stay in Japan where some rows fall in it:
    those rows are given on Tokyo's clock, as the reader lives on it there (and as the
    file's own text says their times)."""


def describe_local(moment: datetime) -> str:
    """``Sun 14 Feb 2027 19:00 (UTC-05:00)``: always the date, the clock and the offset."""
    return f"{i18n.day_text(moment.date())} {moment:%H:%M} (UTC{offset_label(moment)})"


def offset_label(moment: datetime) -> str:
    """``-05:00``, ``+05:45``: the offset of an aware local time, as ISO 8601 writes it."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def reader_zone(content: scopes.CalendarContent) -> str:
    """Whose clock the file is read on: the person or delegation it is for, else Tokyo."""
    return content.viewer.zone if content.viewer is not None else timezones.TOKYO


def reader_clock(content: scopes.CalendarContent) -> Callable[[date], str]:
    """The zone the reader reads a meeting on, by its day in Japan: their own, Tokyo's
    while their delegation is in Japan (:meth:`~cpp_scheduler.ical.scopes.Viewer.zone_on`,
    the rule of the file's own text)."""
    viewer = content.viewer
    if viewer is None:
        return lambda _day: timezones.TOKYO
    return viewer.zone_on


def preview_export(
    database: Database,
    scope: Scope,
    options: ExportOptions | None = None,
    *,
    dates: scopes.DateRange | None = None,
    with_attendees: bool = False,
    most_events: int | None = None,
) -> ExportPreview:
    """The meetings the export of ``scope`` writes, read back in the reader's zone.

    With ``most_events``, only the first events by start are written and read back: the
    window asks for a bounded preview, so that a year of events never holds its worker
    for the seconds a whole file takes; the command line previews everything.

    Raises :class:`~cpp_scheduler.services.snapshot.NotFoundError` for a scope
    naming nothing the program holds, as the export does.
    """
    options = options or ExportOptions()
    with database.reading() as session:
        content = select_content(session, scope, dates, with_attendees=with_attendees)
        total = len(content.events)
        noted = request_caveats(content, options)  # of the whole file, not its preview
        if most_events is not None and total > most_events:
            first = sorted(content.events, key=lambda event: (event.start_utc, event.id))
            content = replace(content, events=first[:most_events])
        documents = export_bytes(content, options)
        caveats = (*noted, *zone_caveats(content, options))
        event_ids = {event.uid: event.id for event in content.events}
        zone = reader_zone(content)
        clock = reader_clock(content)
        stay = content.viewer.japan_days if content.viewer is not None else None
        tours = len(content.tours)
    rows: list[PreviewRow] = []
    for number, (_method, data) in enumerate(documents, start=1):
        parsed = read_calendar(data, f"{content.name} (file {number})", tour_parts=True)
        for event in parsed.events:
            rows.extend(_meetings(event, clock, event_ids.get(event.uid)))
    rows.sort(key=lambda row: (row.start, row.end, row.title, row.uid))
    held_there = stay is not None and any(
        stay[0] <= japan_day(row.start) <= stay[1] for row in rows if not row.tour_part
    )
    in_japan = stay if held_there else None
    return ExportPreview(
        content.name,
        zone,
        tuple(rows),
        tours,
        tuple(method for method, _ in documents),
        caveats,
        events=total,
        previewed=len(content.events),
        in_japan=in_japan,
    )


def export_caveats(
    database: Database,
    scope: Scope,
    options: ExportOptions | None = None,
    *,
    dates: scopes.DateRange | None = None,
    with_attendees: bool = False,
) -> list[str]:
    """The report's caveats on the export of ``scope``: a request clients will not take
    as invitations, and the zones (see :func:`cpp_scheduler.ical.export.zone_caveats`),
    for the CLI after it writes."""
    options = options or ExportOptions()
    with database.reading() as session:
        content = select_content(session, scope, dates, with_attendees=with_attendees)
        return [*request_caveats(content, options), *zone_caveats(content, options)]


def _meetings(
    event: ParsedEvent, clock: Callable[[date], str], event_id: str | None
) -> Sequence[PreviewRow]:
    """Each meeting of one VEVENT and its RECURRENCE-ID sessions, on the reader's
    ``clock`` of its day in Japan."""
    if event.all_day:
        first, last = event.dates
        zone_name = clock(first)
        reader_start, reader_end = timezones.local_days(first, last, zone_name)
        local = timezones.zone(zone_name)
        return [
            PreviewRow(
                title=event.title,
                start=reader_start.astimezone(local),
                end=reader_end.astimezone(local),
                status=event.status,
                location=event.location,
                video_link=event.video_link,
                uid=event.uid,
                recurrence_id=None,
                event_id=event_id,
                all_day=True,
                tour_part=event.tour_part,
            )
        ]
    changes = [
        recurrence.OccurrenceChange(
            change.recurrence_id, change.cancelled, change.start, change.end
        )
        for change in event.changes
    ]
    occurrences = recurrence.expand(
        event.start_utc, event.end_utc, event.zone, event.recurrence_rule, changes
    )
    rows = []
    for occurrence in occurrences:
        reader = timezones.zone(clock(japan_day(occurrence.start)))
        rows.append(
            PreviewRow(
                title=event.title,
                start=occurrence.start.astimezone(reader),
                end=occurrence.end.astimezone(reader),
                status=event.status,
                location=event.location,
                video_link=event.video_link,
                uid=event.uid,
                recurrence_id=occurrence.recurrence_id,
                event_id=event_id,
                tour_part=event.tour_part,
            )
        )
    return rows


__all__ = [
    "ExportPreview",
    "PreviewRow",
    "describe_local",
    "export_caveats",
    "preview_export",
    "reader_zone",
]


def summary_text(preview: ExportPreview) -> str:
    """'10 meetings, read in America/Lima, and 1 study tour', as the export dialog and
    ``export ics --preview`` head the preview (with the days of a stay in Japan, whose
    meetings are read on Tokyo's clock): the second file of request mode is named,
    since it is a file to send too, and each caveat follows on a line of its own. A
    preview of the first events alone (the dialog's, for a large file) says its counts
    are of those: the file holds more."""
    count = sum(1 for row in preview.rows if not row.tour_part)
    if preview.previewed < preview.events:  # the counts are the preview's, and say so
        text = _(
            "{count} meetings in the first {previewed} of the file's {events} events (the "
            "file holds them all), read in {zone}",
        ).format(
            count=f"{count:,}",
            previewed=f"{preview.previewed:,}",
            events=f"{preview.events:,}",
            zone=preview.zone,
        )
    else:
        text = (
            _("{count} meeting, read in {zone}")
            if count == 1
            else _("{count} meetings, read in {zone}")
        ).format(count=f"{count:,}", zone=preview.zone)
    if preview.in_japan is not None:
        first, last = preview.in_japan
        text += _(" (in {zone} while in Japan, {first} to {last})").format(
            first=i18n.day_text(first), last=i18n.day_text(last), zone=timezones.TOKYO
        )
    if preview.tours:
        text += (
            _(", and {tours} study tour") if preview.tours == 1 else _(", and {tours} study tours")
        ).format(tours=preview.tours)
    if Method.CANCEL in preview.files:
        cancelled = f"{sum(1 for row in preview.rows if row.cancelled):,}"
        if Method.REQUEST in preview.files:
            text += _("; {cancelled} cancelled, in the second file that removes them").format(
                cancelled=cancelled
            )
        else:  # nothing left to invite to: the file itself is the cancellation
            text += _("; {cancelled} cancelled: the file removes them").format(cancelled=cancelled)
    for caveat in preview.caveats:
        text += "\n" + _("Note: {caveat}").format(caveat=caveat)
    return text
