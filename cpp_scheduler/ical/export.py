"""iCalendar files (RFC 5545, RFC 7986) from the program's events and study tours.

Built with the icalendar library, with these decisions on top of it:

* Each zone used gets a VTIMEZONE from :mod:`cpp_scheduler.ical.vtimezone` (one yearly
  rule per observance), never icalendar's RDATE-list generator that Outlook misreads.
* A local time that happens twice in its zone (the hour clocks fall back) is read an
  hour apart by different clients, so such an instant is written in UTC instead.
* icalendar quotes a comma-separated FEATURE parameter as one value and writes
  REFRESH-INTERVAL without ``VALUE=DURATION``; both are written as RFC 7986 says.
* A cancelled event keeps STATUS:CANCELLED; in request mode it goes into a separate
  METHOD:CANCEL calendar, which is what makes Outlook and Apple Calendar remove it.
* Attendees appear only in request-mode files, filtered by the scope's audience
  (:mod:`cpp_scheduler.ical.scopes`).
* The description holds the agenda, then a block of generated details after a
  separator line; the importer drops that block when it reads our own files back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

import icalendar
from icalendar.prop import vUri

from cpp_scheduler import __version__, i18n, timezones
from cpp_scheduler.i18n import N_, _, ngettext
from cpp_scheduler.ical import lines
from cpp_scheduler.ical.scopes import CalendarContent, Viewer
from cpp_scheduler.ical.text import (
    Text,
    calendar_address,
    categories,
    one_line,
    plain_text,
    uri_text,
)
from cpp_scheduler.ical.vtimezone import one_rule_caveat, vtimezone
from cpp_scheduler.model import (
    Event,
    EventMode,
    Participant,
    ParticipantRole,
    StudyTour,
    TravelLeg,
    recurrence,
)
from cpp_scheduler.model.event import UID_DOMAIN
from cpp_scheduler.scheduling import localtimes
from cpp_scheduler.scheduling.inputs import japan_day

PRODID = f"-//TDLC//CPP Scheduler {__version__}//EN"
PRODID_PREFIX = "-//TDLC//CPP Scheduler"
DETAILS_SEPARATOR = "----"
"""The line between the agenda and the generated details in DESCRIPTION."""
ITEM_PROPERTY = "X-CPP-SCHEDULER-ITEM"
"""Marks the study tour envelope and travel legs, which are not events of the program."""
ZONE_PROPERTY = "X-CPP-SCHEDULER-ZONE"
"""The event's zone, written when one of its times had to be written in UTC."""
TOUR_ITEM = "study-tour"
LEG_ITEM = "travel-leg"
MAX_LISTED_OCCURRENCES = 12
_UTC_NAMES = ("UTC", "Etc/UTC")


class ExactDuration(icalendar.vDuration):
    """A length written in hours, minutes and seconds, never in days or weeks.

    RFC 5545 (sections 3.3.6 and 3.8.5.3) reads a DURATION's days as nominal: the same
    wall-clock time that many days later, 23 or 25 hours across a change of clocks. A
    meeting's length is exact, so 25 hours are PT25H, not P1DT1H (icalendar's form),
    which readers end an hour off on the night the clocks change."""

    def to_ical(self) -> bytes:
        seconds = int(self.td.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        parts = f"{hours}H" if hours else ""
        parts += f"{minutes}M" if minutes or (hours and seconds) else ""
        parts += f"{seconds}S" if seconds or not parts else ""
        return f"{sign}PT{parts}".encode("ascii")


class Method(StrEnum):
    """The iTIP method (RFC 5546) of a file."""

    PUBLISH = "PUBLISH"
    """A calendar to import or subscribe to; clients keep no link with an organiser."""
    REQUEST = "REQUEST"
    """An invitation or its update, sent by email; clients replace their copy by UID."""
    CANCEL = "CANCEL"
    """Removes the events it names from the recipients' calendars."""


@dataclass(frozen=True)
class Organizer:
    name: str
    email: str


@dataclass(frozen=True)
class ExportOptions:
    method: Method = Method.PUBLISH
    reminder: timedelta | None = None
    """A display alarm this long before each event, or none."""
    stamp: datetime | None = None
    """DTSTAMP; the time of export when not given."""
    organizer: Organizer | None = None
    """Who sends invitations for events that have no organiser of their own."""
    refresh_interval: timedelta | None = None
    """For a subscribed feed: how often clients should fetch it again."""
    source_url: str | None = None
    """For a subscribed feed: where it is published."""


@dataclass
class _Zones:
    """The instants written in each zone, so each VTIMEZONE covers exactly the file."""

    spans: dict[str, tuple[datetime, datetime]] = field(default_factory=dict)

    def note(self, zone_name: str, instant: datetime) -> None:
        span = self.spans.get(zone_name)
        if span is None:
            self.spans[zone_name] = (instant, instant)
        elif instant < span[0]:
            self.spans[zone_name] = (instant, span[1])
        elif instant > span[1]:
            self.spans[zone_name] = (span[0], instant)


def is_repeated_local_time(instant: datetime, zone_name: str) -> bool:
    """Whether the wall-clock time of ``instant`` in the zone happens twice."""
    return _repeated(instant.astimezone(timezones.zone(zone_name)))


def crosses_offset_change(start: datetime, end: datetime, zone_name: str) -> bool:
    """Whether the zone's UTC offset at ``end`` differs from the one at ``start``: the
    meetings whose wall-clock length differs from their real length."""
    if zone_name in _UTC_NAMES:
        return False
    tz = timezones.zone(zone_name)
    return start.astimezone(tz).utcoffset() != end.astimezone(tz).utcoffset()


def _repeated(local: datetime) -> bool:
    return local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset()


class _Component(Protocol):
    """What the writer adds properties to: an icalendar component (:class:`_Built`),
    or the same component written line by line as it is built (:class:`lines.Lines`).
    TEXT values, URIs and categories have calls of their own, so that the lines need
    no icalendar object for them."""

    def add(self, name: str, value: Any) -> None: ...

    def add_text(self, name: str, text: str) -> None: ...

    def add_uri(
        self, name: str, uri: str, parameters: lines.ParameterValues | None = None
    ) -> None: ...

    def add_categories(self, names: Sequence[str]) -> None: ...

    def add_component(self, component: Any) -> None: ...


class _Built:
    """An icalendar component behind the writer's calls, for :func:`build_calendars`."""

    def __init__(self, component: icalendar.cal.component.Component) -> None:
        self.component = component

    def add(self, name: str, value: Any) -> None:
        self.component.add(name, value)

    def add_text(self, name: str, text: str) -> None:
        self.component.add(name, Text(text))

    def add_uri(self, name: str, uri: str, parameters: lines.ParameterValues | None = None) -> None:
        params = {
            key: value if isinstance(value, str) else list(value)
            for key, value in (parameters or {}).items()
        }
        self.component.add(name, vUri(uri, params=params))

    def add_categories(self, names: Sequence[str]) -> None:
        self.component.add("CATEGORIES", categories(list(names)))

    def add_component(self, component: _Built) -> None:
        self.component.add_component(component.component)


def _icalendar_component(name: str) -> _Component:
    """A VEVENT or a VALARM as icalendar builds it, for :func:`build_calendars`."""
    return _Built(icalendar.Event() if name == "VEVENT" else icalendar.Alarm())


def _built(component: _Component) -> icalendar.Event:
    """The icalendar VEVENT behind a component of :func:`_icalendar_component`."""
    if not isinstance(component, _Built) or not isinstance(component.component, icalendar.Event):
        raise TypeError(f"not an icalendar VEVENT: {component!r}")
    return component.component


_CONFERENCE: lines.ParameterValues = {
    "VALUE": "URI",
    "FEATURE": ("AUDIO", "VIDEO"),
    "LABEL": "Video link",
}
"""The parameters of the video link as a CONFERENCE property (RFC 7986 section 5.11)."""


def _lines_component(name: str) -> _Component:
    """A VEVENT or a VALARM written line by line, for the files' bytes."""
    return lines.vevent() if name == "VEVENT" else lines.valarm()


_Meeting = tuple[datetime, datetime]
"""The UTC start and end of one meeting."""


class _Writer:
    """The components of a calendar's events and tours, from model objects.

    ``make`` gives each new VEVENT or VALARM: icalendar's own components (what
    :func:`build_calendars` returns), or components written line by line as they are
    built (what :func:`export_bytes` writes); the same calls fill either.
    """

    def __init__(
        self,
        content: CalendarContent,
        options: ExportOptions,
        make: Callable[[str], _Component] = _icalendar_component,
    ) -> None:
        self.content = content
        self.options = options
        self.stamp = options.stamp or datetime.now(UTC).replace(microsecond=0)
        self.zones = _Zones()
        self.make = make

    # -- times ------------------------------------------------------------------------
    def local(self, instant: datetime, zone_name: str) -> datetime:
        """The zone's wall clock with its TZID: a series' start, its RECURRENCE-IDs and
        EXDATEs, which must all share one form."""
        self.zones.note(zone_name, instant)
        return instant.astimezone(timezones.zone(zone_name))

    # -- events -----------------------------------------------------------------------
    def event_components(self, event: Event, method: Method) -> list[_Component]:
        return [component for component, _ in self.event_parts(event, method)]

    def event_parts(self, event: Event, method: Method) -> list[tuple[_Component, _Meeting | None]]:
        """The event's VEVENTs, each with the one meeting it describes (None for the
        event or the series as a whole)."""
        master = self.base_component(event, method)
        if event.all_day:
            # Dates, as RFC 5545 keeps them: no zone, no VTIMEZONE, an exclusive end. The
            # zone the dates belong to rides along for this program's own import.
            master.add("DTSTART", event.first_date)
            master.add("DTEND", event.last_date + timedelta(days=1))
            master.add(ZONE_PROPERTY, event.zone)
            return [(master, None)]
        rule_text = event.recurrence_rule
        self.add_times(master, event.zone, *_first_meeting(event), series=bool(rule_text))
        parts: list[tuple[_Component, _Meeting | None]] = [(master, None)]
        if not rule_text:
            return parts
        master.add("RRULE", self.rule(event))
        # A meeting on a wall-clock time that clocks skip is named by that time, as the
        # rule gives it (02:30), not by the instant it is read as (03:30).
        skipped = {
            instant: local.replace(tzinfo=timezones.zone(event.zone))
            for local, instant in recurrence.unplaced_starts(rule_text, event.start_utc, event.zone)
            if timezones.to_local(instant, event.zone).replace(tzinfo=None) != local
        }

        def occurrence_id(instant: datetime) -> datetime:
            return skipped.get(instant) or self.local(instant, event.zone)

        changes = event.applied_changes()
        cancelled = [change for change in changes if change.cancelled]
        if cancelled:
            master.add("EXDATE", [occurrence_id(c.recurrence_id) for c in cancelled])
        written: set[datetime] = set()
        for change in changes:
            if change.cancelled or change.start_utc is None or change.end_utc is None:
                continue
            # A moved meeting, or one placed on a skipped or repeated time: RECURRENCE-ID
            # the start RFC 5545 reads the rule's time as, DTSTART the instant it holds.
            meeting = (change.start_utc, change.end_utc)
            moved = self.base_component(event, method, moved=meeting)
            moved.add("RECURRENCE-ID", occurrence_id(change.recurrence_id))
            self.add_times(moved, event.zone, change.start_utc, change.end_utc)
            parts.append((moved, meeting))
            written.add(change.recurrence_id)
        for occurrence in event.occurrences():
            if occurrence.recurrence_id is None or occurrence.recurrence_id in written:
                continue
            if not crosses_offset_change(occurrence.start, occurrence.end, event.zone):
                continue
            # RFC 5545 gives each member the exact length of the first, but ical.js,
            # vobject, ical and recurring-ical-events keep the wall-clock end: an
            # explicit end for this one meeting leaves none of them a choice.
            meeting = (occurrence.start, occurrence.end)
            pinned = self.base_component(event, method, moved=meeting)
            pinned.add("RECURRENCE-ID", occurrence_id(occurrence.recurrence_id))
            self.add_times(pinned, event.zone, occurrence.start, occurrence.end)
            parts.append((pinned, meeting))
        return parts

    def add_times(
        self,
        component: _Component,
        zone_name: str,
        start: datetime,
        end: datetime,
        *,
        series: bool = False,
    ) -> None:
        """DTSTART and DTEND in the zone, unless one of them falls in a repeated hour or
        the meeting spans a change of the zone's offset.

        Then a one-off event is written wholly in UTC (a TZID start with a UTC end is
        itself read differently: recurring-ical-events shifts such an end by an hour;
        ical.js ends a meeting whose TZID start and end straddle a change an hour off),
        and a series, whose rule must expand on the zone's wall clock, keeps its start
        and gives its length as DURATION (the length every member has).
        """
        if zone_name in _UTC_NAMES:
            component.add("DTSTART", start.astimezone(UTC))
            component.add("DTEND", end.astimezone(UTC))
            return
        tz = timezones.zone(zone_name)
        local_start = start.astimezone(tz)
        local_end = end.astimezone(tz)
        if not (
            _repeated(local_start)
            or _repeated(local_end)
            or local_start.utcoffset() != local_end.utcoffset()
        ):
            self.zones.note(zone_name, start)
            self.zones.note(zone_name, end)
            component.add("DTSTART", local_start)
            component.add("DTEND", local_end)
            return
        if series:
            component.add("DTSTART", self.local(start, zone_name))
            component.add("DURATION", ExactDuration(end - start))
        else:
            component.add("DTSTART", start.astimezone(UTC))
            component.add("DTEND", end.astimezone(UTC))
        component.add(ZONE_PROPERTY, zone_name)

    def rule(self, event: Event) -> icalendar.vRecur:
        """The stored rule, with UNTIL made the UTC start of the last occurrence.

        RFC 5545 wants UNTIL in UTC when DTSTART has a TZID; stored rules keep it as a
        local date or time, which clients would read differently.
        """
        rule_text = event.recurrence_rule or ""
        rule: icalendar.vRecur = icalendar.vRecur.from_ical(recurrence.rule_body(rule_text))
        starts = recurrence.local_starts(rule_text, event.start_utc, event.zone)
        if starts:
            last = recurrence.rfc_instant(starts[-1], event.zone)
            self.zones.note(event.zone, last)
            if "UNTIL" in rule:
                rule["UNTIL"] = [last]
        return rule

    def base_component(
        self,
        event: Event,
        method: Method,
        moved: tuple[datetime, datetime] | None = None,
    ) -> _Component:
        component = self.make("VEVENT")
        component.add_text("UID", event.uid)
        component.add("DTSTAMP", self.stamp)
        component.add("SEQUENCE", event.sequence or 0)
        component.add_text("SUMMARY", event.title)
        component.add_text("DESCRIPTION", self.description(event, moved))
        location = event_location(event)
        if location:
            component.add_text("LOCATION", location)
        geo = event_geo(event)
        if geo is not None:
            component.add("GEO", geo)
        if event.video_link:
            link = uri_text(event.video_link)
            component.add_uri("URL", link)
            component.add_uri("CONFERENCE", link, _CONFERENCE)
        component.add_categories(event_categories(event))
        component.add("STATUS", event.held_status.value.upper())
        component.add("TRANSP", "OPAQUE")
        organiser = self.organizer(event)
        if organiser is not None:
            component.add("ORGANIZER", organiser)
        if method is not Method.PUBLISH:
            for person in event.invitees:
                if self.content.audience.allows(person):
                    component.add("ATTENDEE", attendee(person, method))
        reminder = self.options.reminder
        if reminder and method is not Method.CANCEL and not event.is_cancelled:
            component.add_component(self.alarm(event.title, reminder))
        return component

    def organizer(self, event: Event) -> icalendar.vCalAddress | None:
        person = event.organiser
        if person is not None:
            return calendar_address(person.email, person.name)
        if self.options.organizer is not None:
            return calendar_address(self.options.organizer.email, self.options.organizer.name)
        return None

    def alarm(self, title: str, reminder: timedelta) -> _Component:
        alarm = self.make("VALARM")
        alarm.add("ACTION", "DISPLAY")
        alarm.add_text("DESCRIPTION", title)
        alarm.add("TRIGGER", -reminder)
        return alarm

    def words(self) -> Callable[[str], str]:
        """The file's words: a reader's own file speaks the reader's language, whoever
        writes it; a coordinator's, the program's."""
        viewer = self.content.viewer
        return i18n.catalogue(viewer.language).gettext if viewer is not None else i18n._

    def description(self, event: Event, moved: tuple[datetime, datetime] | None) -> str:
        details: list[str] = []
        viewer = self.content.viewer
        if moved is not None:
            meetings = [moved]
        elif viewer is None and not event.applied_changes():
            meetings = [(event.start_utc, event.end_utc)]  # only the first is shown
        else:
            meetings = [(o.start, o.end) for o in event.occurrences()]
        text = self.words()
        if event.all_day:
            language = viewer.language if viewer is not None else None
            details.append(all_day_line(event.first_date, event.last_date, language))
        elif viewer is not None:
            details.extend(local_time_lines(viewer, meetings))
        else:
            for delegation in event.delegations:
                viewer_of = Viewer.of_delegation(delegation, delegation.name)
                details.append(delegation_time_line(viewer_of, event.zone, *meetings[0]))
        conference = event.parent
        if conference is not None:  # a session's title alone does not say of what
            details.append(text(N_("Conference: {conference}")).format(conference=conference.title))
        venue = event.venue
        if venue is not None and event.mode is not EventMode.VIRTUAL:
            # Named in the reader's language, where the venue has a Japanese name.
            japanese = viewer is not None and viewer.language == i18n.JAPANESE
            name = (venue.name_ja if japanese else "") or venue.name
            place = f"{name}, {venue.address}" if venue.address else name
            details.append(text(N_("Venue: {venue}")).format(venue=place))
        if event.video_link:
            details.append(text(N_("Video link: {link}")).format(link=event.video_link))
        if event.is_cancelled:
            details.insert(0, text(N_("This event is cancelled.")))
        # One line per detail, so that no value can end the block early and the
        # importer always finds where the agenda ends.
        details = [one_line(detail) for detail in details]
        agenda = plain_text(event.description or "")
        block = "\n".join([DETAILS_SEPARATOR, *details])
        return f"{agenda}\n\n{block}" if agenda else block

    # -- study tours ------------------------------------------------------------------
    def tour_components(self, tour: StudyTour) -> list[_Component]:
        envelope = self.make("VEVENT")
        envelope.add_text("UID", f"tour-{tour.id}@{UID_DOMAIN}")
        envelope.add("DTSTAMP", self.stamp)
        envelope.add("SEQUENCE", max((tour.version or 1) - 1, 0))
        envelope.add_text("SUMMARY", tour.title)
        envelope.add("DTSTART", tour.start_date)
        envelope.add("DTEND", tour.end_date + timedelta(days=1))
        envelope.add_text("DESCRIPTION", tour_description(tour))
        route = tour.route()
        if route:
            envelope.add_text("LOCATION", " → ".join(route))
        envelope.add_categories(["Study tour"])
        envelope.add("STATUS", "CONFIRMED")
        envelope.add("TRANSP", "TRANSPARENT")
        envelope.add(ITEM_PROPERTY, TOUR_ITEM)
        components = [envelope]
        for leg in tour.legs:
            components.append(self.leg_component(leg))
        return components

    def leg_component(self, leg: TravelLeg) -> _Component:
        component = self.make("VEVENT")
        component.add_text("UID", f"leg-{leg.id}@{UID_DOMAIN}")
        component.add("DTSTAMP", self.stamp)
        component.add("SEQUENCE", max((leg.version or 1) - 1, 0))
        mode = self.words()(leg.mode.english)  # "Rail", in the file's language
        component.add_text("SUMMARY", f"{mode}: {leg.origin} → {leg.destination}")
        self.add_times(component, leg.zone, leg.departure_utc, leg.arrival_utc)
        if leg.notes:
            component.add_text("DESCRIPTION", leg.notes)
        component.add_text("LOCATION", leg.origin)
        component.add_categories(["Travel"])
        component.add("STATUS", "CONFIRMED")
        component.add(ITEM_PROPERTY, LEG_ITEM)
        return component

    # -- the calendar -----------------------------------------------------------------
    def calendar(self, method: Method, components: Iterable[icalendar.Event]) -> icalendar.Calendar:
        cal = icalendar.Calendar()
        cal.add("PRODID", PRODID)
        cal.add("VERSION", "2.0")
        cal.add("CALSCALE", "GREGORIAN")
        cal.add("METHOD", method.value)
        # icalendar writes NAME and X-WR-CALNAME verbatim; both are TEXT (RFC 7986
        # section 5.1; X- properties default to TEXT, RFC 5545 section 3.8.8.2).
        cal.add("X-WR-CALNAME", Text(self.content.name))
        cal.add("NAME", Text(self.content.name))
        if self.options.refresh_interval is not None:
            cal.add(
                "REFRESH-INTERVAL", self.options.refresh_interval, parameters={"VALUE": "DURATION"}
            )
            cal.add("X-PUBLISHED-TTL", icalendar.vDuration(self.options.refresh_interval))
        if self.options.source_url:
            cal.add("SOURCE", vUri(uri_text(self.options.source_url), params={"VALUE": "URI"}))
        body = list(components)
        for zone_name in sorted(self.zones.spans):
            first, last = self.zones.spans[zone_name]
            cal.add_component(vtimezone(zone_name, first, last))
        for component in body:
            cal.add_component(component)
        return cal


def build_calendars(content: CalendarContent, options: ExportOptions) -> list[icalendar.Calendar]:
    """The calendars for ``content`` as icalendar components: one in publish mode; in
    request mode one REQUEST calendar for live events and one CANCEL calendar for
    cancelled ones (either may be left out when it would be empty, but never both).

    :func:`export_bytes` writes the same calendars without building them; serialised
    (:func:`serialize`), these are its bytes exactly (the tests compare them)."""
    options = _request_for_cancel(options)
    calendars: list[icalendar.Calendar] = []
    for method, events, tours in _files(content, options):
        writer = _Writer(content, options)
        body: list[_Component] = []
        for event in events:
            body.extend(writer.event_components(event, method))
        for tour in tours:
            body.extend(writer.tour_components(tour))
        calendars.append(writer.calendar(method, [_built(component) for component in body]))
    return calendars


def zone_caveats(content: CalendarContent, options: ExportOptions) -> list[str]:
    """What the export's report says of its zones: for each zone whose clocks change
    by more than one yearly rule over the instants written, which clients may be an
    hour off and when (:func:`cpp_scheduler.ical.vtimezone.one_rule_caveat`)."""
    spans: dict[str, tuple[datetime, datetime]] = {}
    for _method, zones in _zones_of_files(content, options):
        for zone_name, (first, last) in zones.spans.items():
            known = spans.get(zone_name, (first, last))
            spans[zone_name] = (min(first, known[0]), max(last, known[1]))
    found = [one_rule_caveat(zone_name, *span) for zone_name, span in sorted(spans.items())]
    return [caveat for caveat in found if caveat is not None]


def request_caveats(content: CalendarContent, options: ExportOptions) -> list[str]:
    """What the export's report says of a request-mode export that clients will not take
    as invitations: RFC 5546 has a request name whom it invites, and Outlook and Gmail
    act on the first event of a request or cancellation file only (one invitation per
    message, as ``send invitations`` sends them)."""
    if options.method is Method.PUBLISH:
        return []
    found: list[str] = []
    for method, events, tours in _files(content, _request_for_cancel(options)):
        if method is Method.REQUEST:
            unnamed = sum(1 for event in events if not content.audience.invites(event))
            if unnamed:
                found.append(
                    ngettext(
                        "{count} event of the request names nobody invited, so clients "
                        "read it as a plain appointment: export for a participant or a "
                        "delegation, or name every attendee.",
                        "{count} events of the request name nobody invited, so clients "
                        "read them as plain appointments: export for a participant or a "
                        "delegation, or name every attendee.",
                        unnamed,
                    ).format(count=f"{unnamed:,}")
                )
        held = len(events) + sum(1 + len(tour.legs) for tour in tours)
        if held > 1:
            found.append(
                (
                    # The preview counts meetings and tours: say what makes up the count.
                    _(
                        "The {method} file holds {count} events (the meetings, and each "
                        "study tour and its travel legs), but Outlook and Gmail act on the "
                        "first event of such a file only: send each as an invitation of its "
                        "own, or publish the file to show them all."
                    )
                    if tours
                    else _(
                        "The {method} file holds {count} events, but Outlook and Gmail act "
                        "on the first event of such a file only: send each as an invitation "
                        "of its own, or publish the file to show them all."
                    )
                ).format(method=method.value, count=f"{held:,}")
            )
    return found


def _files(
    content: CalendarContent, options: ExportOptions
) -> list[tuple[Method, Sequence[Event], Sequence[StudyTour]]]:
    """What each file for ``content`` holds: in publish mode everything in one; in request
    mode live events and tours in a REQUEST file and cancelled events in a CANCEL file
    (either may be left out when it would be empty, but never both)."""
    if options.method is Method.PUBLISH:
        return [(Method.PUBLISH, content.events, content.tours)]
    live = [event for event in content.events if not event.is_cancelled]
    gone = [event for event in content.events if event.is_cancelled]
    files: list[tuple[Method, Sequence[Event], Sequence[StudyTour]]] = []
    if live or content.tours or not gone:
        files.append((Method.REQUEST, live, content.tours))
    if gone:
        files.append((Method.CANCEL, gone, ()))
    return files


def _request_for_cancel(options: ExportOptions) -> ExportOptions:
    return replace(options, method=Method.REQUEST) if options.method is Method.CANCEL else options


def _zones_of_files(
    content: CalendarContent, options: ExportOptions
) -> list[tuple[Method, _Zones]]:
    """The zones each file of :func:`_files` writes instants in, and their spans."""
    options = _request_for_cancel(options)
    found: list[tuple[Method, _Zones]] = []
    for method, events, tours in _files(content, options):
        writer = _Writer(content, options, _lines_component)
        for event in events:
            writer.event_parts(event, method)
        for tour in tours:
            writer.tour_components(tour)
        found.append((method, writer.zones))
    return found


_END = b"END:VCALENDAR\r\n"

_Spans = dict[str, tuple[datetime, datetime]]
_Core = tuple[
    list[bytes],
    list[_Meeting | None],
    list[bytes],
    _Spans,
]
"""An event's VEVENTs for one reader: their bytes, the meeting each describes (None for
the series as a whole), their DESCRIPTION lines, and the zones' spans."""
_Rendered = tuple[bytes, _Spans]
"""An event's VEVENTs as bytes, and the span of instants they write in each zone."""


class EventRenderings:
    """Calendar files written line by line (:mod:`cpp_scheduler.ical.lines`) rather
    than built as icalendar components, for one file or for many readers at once (one
    file per participant), each event rendered once.

    An event's VEVENTs depend only on the event, the file's method, whose clock the
    description shows and which attendees may be named; for one set of options and one
    DTSTAMP they are the same bytes in every file that holds them. So each is written
    the first time a file needs it and copied into the next; every file comes out byte
    for byte as :func:`serialize` writes the calendars of :func:`build_calendars` (the
    tests compare them).
    """

    def __init__(self, options: ExportOptions) -> None:
        stamp = options.stamp or datetime.now(UTC).replace(microsecond=0)
        self.options = _request_for_cancel(replace(options, stamp=stamp))
        self._rendered: dict[tuple[object, ...], _Rendered] = {}
        self._zones: dict[tuple[str, int, int], bytes] = {}
        self._heads: dict[Method, tuple[bytes, list[bytes]]] = {}
        self._cores: dict[tuple[object, ...], _Core] = {}
        """Each event's VEVENTs for one reader, by what they share with every reader: the
        event, the method, the attendees named."""

    def export_bytes(self, content: CalendarContent) -> list[tuple[Method, bytes]]:
        """The files for ``content``, as :func:`export_bytes` gives them."""
        documents: list[tuple[Method, bytes]] = []
        for method, events, tours in _files(content, self.options):
            writer = _Writer(content, self.options, _lines_component)
            pieces: list[bytes] = []
            for event in events:
                data, spans = self._event(content, event, method)
                for zone_name, (first, last) in spans.items():
                    writer.zones.note(zone_name, first)
                    writer.zones.note(zone_name, last)
                pieces.append(data)
            for tour in tours:
                pieces.extend(_bytes(component) for component in writer.tour_components(tour))
            spans, writer.zones.spans = writer.zones.spans, {}
            head = self._head(writer, method)
            zones = [self._zone(name, *spans[name]) for name in sorted(spans)]
            documents.append((method, head + b"".join(zones) + b"".join(pieces) + _END))
        return documents

    def _head(self, writer: _Writer, method: Method) -> bytes:
        """The calendar's own properties: those of the first file of this method with
        only the two lines naming the calendar (X-WR-CALNAME, NAME) written anew."""
        name = writer.content.name
        known = self._heads.get(method)
        if known is not None:
            head, old_lines = known
            for old, new in zip(old_lines, _name_lines(name), strict=True):
                head = head.replace(old, new, 1)
            return head
        head = serialize(writer.calendar(method, []))[: -len(_END)]
        lines = _name_lines(name)
        if all(head.count(line) == 1 for line in lines):
            self._heads[method] = (head, lines)
        return head

    def _zone(self, zone_name: str, first: datetime, last: datetime) -> bytes:
        """A VTIMEZONE's bytes, serialised once: the component depends only on the zone
        and the years of the span's ends (:func:`cpp_scheduler.ical.vtimezone.vtimezone`)."""
        key = (zone_name, first.astimezone(UTC).year, last.astimezone(UTC).year)
        known = self._zones.get(key)
        if known is None:
            known = self._zones[key] = serialize(vtimezone(zone_name, first, last))
        return known

    def _event(self, content: CalendarContent, event: Event, method: Method) -> _Rendered:
        named = (
            ()
            if method is Method.PUBLISH
            else tuple(p.id for p in event.invitees if content.audience.allows(p))
        )
        key = (event.id, method, content.viewer, named)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._rendered[key] = self._render(content, event, method, named)
        return rendered

    def _render(
        self, content: CalendarContent, event: Event, method: Method, named: tuple[str, ...]
    ) -> _Rendered:
        """The event's bytes for this reader: from the bytes already made for another
        reader with only the DESCRIPTION lines (the reader's clock) written anew, or
        rendered whole the first time."""
        writer = _Writer(content, self.options, _lines_component)
        core = (event.id, method, named)
        known = self._cores.get(core)
        if known is not None:
            pieces, described, old_lines, spans = known
            lines = [_description_line(writer.description(event, moved)) for moved in described]
            data = b"".join(
                piece.replace(old, new, 1)
                for piece, old, new in zip(pieces, old_lines, lines, strict=True)
            )
            return data, spans
        parts = writer.event_parts(event, method)
        pieces = [_bytes(component) for component, _ in parts]
        spans = dict(writer.zones.spans)
        # The series (or the single event) tells its whole story; each VEVENT after it
        # is one meeting, described at its own time.
        meetings = [meeting for _, meeting in parts]
        lines = [_written_description(component) for component, _ in parts]
        if all(piece.count(line) == 1 for piece, line in zip(pieces, lines, strict=True)):
            self._cores[core] = (pieces, meetings, lines, spans)
        return b"".join(pieces), spans


def _bytes(component: _Component) -> bytes:
    """A component the writer made with :func:`_lines_component`, as bytes."""
    if not isinstance(component, lines.Lines):
        raise TypeError(f"not written line by line: {component!r}")
    return component.to_ical()


def _written_description(component: _Component) -> bytes:
    """The DESCRIPTION line a VEVENT written line by line holds, as
    :func:`_description_line` gives it."""
    if not isinstance(component, lines.Lines):
        raise TypeError(f"not written line by line: {component!r}")
    return (component.line("DESCRIPTION") + "\r\n").encode("utf-8")


def _name_lines(name: str) -> list[bytes]:
    """The X-WR-CALNAME and NAME lines for ``name``, folded, each with the line ends
    around it (so NAME never matches the end of X-WR-CALNAME)."""
    return [f"\r\n{lines.text_line(key, name)}\r\n".encode() for key in ("NAME", "X-WR-CALNAME")]


def _description_line(text: str) -> bytes:
    """The DESCRIPTION content line, folded, exactly as it is written inside a VEVENT."""
    return (lines.text_line("DESCRIPTION", text) + "\r\n").encode("utf-8")


def serialize(calendar: icalendar.cal.component.Component) -> bytes:
    """The file's bytes: CRLF line ends, lines folded at 75 octets between characters;
    byte for byte what icalendar's ``to_ical`` writes, its content lines folded here
    (:func:`cpp_scheduler.ical.lines.fold`) at a fraction of the cost.

    Every value is escaped before icalendar sees it (:mod:`cpp_scheduler.ical.text`);
    a raw line break is refused, and the file is then counted, line by line, against
    the properties and components built, so that no value can add a line to it, with
    or without Python's assertions (icalendar's own check is an ``assert``, gone under
    ``python -O``).
    """
    written: list[str] = []
    for name, value in calendar.property_items(sorted=True):
        try:
            line = str(calendar.content_line(name, value, sorted=True))
        except AssertionError as error:  # icalendar's own check, where assertions run
            raise lines.broken_line() from error
        if "\n" in line:
            raise lines.broken_line()
        if line:
            written.append(lines.fold(line))
    data = ("\r\n".join(written) + "\r\n").encode("utf-8")
    if not _holds_only(calendar, data):
        raise lines.broken_line()
    return data


def _content_lines(component: icalendar.cal.component.Component) -> int:
    """How many content lines icalendar writes for the component: BEGIN, END, one per
    value of each property, and those of its subcomponents."""
    count = 2
    for value in component.values():
        count += len(value) if isinstance(value, list) else 1
    return count + sum(_content_lines(sub) for sub in component.subcomponents)


def _holds_only(calendar: icalendar.cal.component.Component, data: bytes) -> bool:
    """Whether ``data`` has exactly the calendar's content lines, each ended by CRLF and
    continued only by folding (CRLF and a space), with no bare CR or LF anywhere."""
    line_ends = data.count(b"\r\n")
    if data.count(b"\r") != line_ends or data.count(b"\n") != line_ends:
        return False
    folds = data.count(b"\r\n ") + data.count(b"\r\n\t")
    return line_ends - folds == _content_lines(calendar)


def export_bytes(content: CalendarContent, options: ExportOptions) -> list[tuple[Method, bytes]]:
    """Each file's method and bytes: the calendars of :func:`build_calendars`, written
    line by line without building them (:class:`EventRenderings`)."""
    return EventRenderings(options).export_bytes(content)


# -- pieces shared with the tests and the importer ----------------------------------------
ONLINE = "Online"
"""The LOCATION of a virtual event, in every reader's calendar."""


def event_location(event: Event) -> str:
    """The event's LOCATION (:func:`location_text`)."""
    venue, city = event.venue, event.city
    return location_text(
        event.mode,
        venue.name if venue is not None else None,
        venue.address if venue is not None else None,
        city.name if city is not None else None,
    )


def location_text(mode: EventMode, venue: str | None, address: str | None, city: str | None) -> str:
    """Where a calendar says an event is: a virtual one online, whatever venue its
    organisers sit in (its description, its invitation's text and its GEO name no venue
    either, and its video link is where one attends); another at its venue with the
    venue's address, else in its partner city. The change report compares and words
    this same place (``services/changes.py``), from the columns it reads."""
    if mode is EventMode.VIRTUAL:
        return ONLINE
    if venue:
        return f"{venue}, {address}" if address else venue
    return city or ""


def event_geo(event: Event) -> tuple[float, float] | None:
    if event.mode is EventMode.VIRTUAL:
        return None
    for place in (event.venue, event.city):
        if place is not None and place.latitude is not None and place.longitude is not None:
            return (place.latitude, place.longitude)
    return None


def event_categories(event: Event) -> list[str]:
    names = [event.kind.english, event.mode.english]
    names.extend(theme.name for theme in event.themes)
    if event.city is not None:
        names.append(event.city.name)
    return names


_ROLES = {
    ParticipantRole.BANK_STAFF: "OPT-PARTICIPANT",
}


def attendee(person: Participant, method: Method) -> icalendar.vCalAddress:
    address = calendar_address(person.email, person.name)
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = _ROLES.get(person.role, "REQ-PARTICIPANT")
    address.params["PARTSTAT"] = "NEEDS-ACTION"
    if method is Method.REQUEST:
        address.params["RSVP"] = "TRUE"
    return address


def _where(viewer: Viewer, zone_name: str) -> str:
    if zone_name == viewer.zone:
        return zone_name
    return i18n.catalogue(viewer.language).gettext(N_("in Japan, {zone}")).format(zone=zone_name)


def local_time_lines(viewer: Viewer, meetings: Sequence[tuple[datetime, datetime]]) -> list[str]:
    """'Your local time (America/Lima): Tue 09 Jun 2026, 19:00-21:00 (UTC-05:00)', one
    line per meeting of a series, in the order they are held (a meeting moved past the
    next one is read where it now is); a delegation visiting Japan reads Tokyo's clock."""
    if not meetings:
        return []
    shown = sorted(meetings)[:MAX_LISTED_OCCURRENCES]
    zones = [viewer.zone_on(japan_day(start)) for start, _ in shown]
    text = i18n.catalogue(viewer.language).gettext
    label = text(viewer.label)  # "Your local time"; a delegation's name stays as written
    language = viewer.language
    if len(set(zones)) == 1:
        lines = [f"{label} ({_where(viewer, zones[0])}):"]
        lines.extend(
            "  " + describe_meeting(start, end, zones[0], language) for start, end in shown
        )
    else:
        lines = [f"{label}:"]
        lines.extend(
            f"  {describe_meeting(start, end, zone, language)} ({_where(viewer, zone)})"
            for (start, end), zone in zip(shown, zones, strict=True)
        )
    if len(meetings) > MAX_LISTED_OCCURRENCES:
        more = text(N_("and {count} more")).format(count=len(meetings) - MAX_LISTED_OCCURRENCES)
        lines.append(f"  {more}")
    if len(lines) == 2:
        return [f"{lines[0]} {lines[1].strip()}"]
    return lines


def all_day_line(first: date, last: date, language: str | None = None) -> str:
    """'All day on Thu 29 Apr 2027': an all-day event's dates are the same on every
    clock, so no reader is given hours for it. In the reader's ``language``; without
    one (a coordinator's file), in the program's."""
    text = i18n._ if language is None else i18n.catalogue(language).gettext
    if first == last:
        return text(N_("All day on {day}")).format(day=i18n.day_text(first, language))
    return text(N_("All day from {first} to {last}")).format(
        first=i18n.day_text(first, language), last=i18n.day_text(last, language)
    )


def delegation_time_line(viewer: Viewer, event_zone: str, start: datetime, end: datetime) -> str:
    """'Peru housing ministry (America/Lima): Mon 08 Jun 2026 19:00 -05 (-1 day) to
    22:00', the engine's reading of a delegation's clock, for coordinators' files: in the
    program's language, as the rest of such a file's description. An end on another
    clock than the start's names it (``01:30 EDT to 02:30 EST``), by the rule every
    range of the program follows (:func:`timezones.span_labels`)."""
    zone_name = viewer.zone_on(japan_day(start))
    first = localtimes.LocalTime.of(start, zone_name, event_zone)
    last = timezones.to_local(end, zone_name)
    if last.date() == first.local.date():
        start_clock, end_clock = timezones.span_labels(first.local, last)
        until = f"{last:%H:%M} {end_clock}" if start_clock else f"{last:%H:%M}"
    else:
        until = localtimes.LocalTime.of(end, zone_name, event_zone).describe()
    span = i18n._("{first} to {last}").format(first=first.describe(), last=until)
    return f"{viewer.label} ({_where(viewer, zone_name)}): {span}"


def _first_meeting(event: Event) -> tuple[datetime, datetime]:
    """The start and end of the event's first meeting, the DTSTART and DTEND of its file.

    A series dragged to a day its rule does not give (a Monday-Wednesday-Friday series
    to a Thursday) starts on the first day the rule does give, as the program shows it.
    RFC 5545 leaves a series whose DTSTART its rule does not give undefined, and clients
    differ on it (recurring-ical-events adds the Thursday as a meeting, ical drops it),
    so the file never holds one."""
    if not event.recurrence_rule:
        return event.start_utc, event.end_utc
    starts = recurrence.local_starts(event.recurrence_rule, event.start_utc, event.zone)
    try:
        first = timezones.to_utc(starts[0], event.zone) if starts else event.start_utc
    except (timezones.NonexistentLocalTimeError, timezones.AmbiguousLocalTimeError):
        first = event.start_utc  # a first meeting in a change of clocks: as stored
    return first, first + (event.end_utc - event.start_utc)


def describe_meeting(
    start: datetime, end: datetime, zone_name: str, language: str = i18n.ENGLISH
) -> str:
    """A meeting on a reader's clock, in the reader's ``language`` (a calendar file's
    description and an invitation go out in each participant's): ``Tue 09 Jun 2026,
    05:45-08:45 (UTC+05:45)``, ``Mon 08 Jun 2026 23:00 - Tue 09 Jun 2026 01:00
    (UTC-04:00)``.

    Where the clock changes within the meeting each end names its own, and an hour read
    twice says which reading it is, by the rule of every range the program writes
    (:func:`timezones.span_labels`): ``Sun 07 Nov 2027, 01:30 EDT - 02:30 EST (UTC-04:00,
    -05:00)``, not a meeting that seems to last an hour less. The dates carry their year
    and the reader's language, which the command line's ranges
    (:func:`timezones.span_text`) leave out.
    """
    tz = timezones.zone(zone_name)
    local_start = start.astimezone(tz)
    local_end = end.astimezone(tz)
    offsets = f"(UTC{timezones.offsets_text(local_start, local_end)})"
    first, last = i18n.time_text(local_start), i18n.time_text(local_end)
    start_clock, end_clock = timezones.span_labels(local_start, local_end)
    if start_clock:
        first, last = f"{first} {start_clock}", f"{last} {end_clock}"
    elif end_clock:
        last = f"{last} {end_clock}"
    day = i18n.day_text(local_start.date(), language)
    if local_start.date() == local_end.date():
        dash = " - " if start_clock else "-"
        before = f"{day}, " if language == i18n.ENGLISH else f"{day} "
        return f"{before}{first}{dash}{last} {offsets}"
    until = i18n.day_text(local_end.date(), language)
    return f"{day} {first} - {until} {last} {offsets}"


def tour_description(tour: StudyTour) -> str:
    """A study tour's days, nights and legs, in English whatever the language of the
    window or of the reader (as the envelope's other words): a file written again by
    another coordinator, or for another member, says it alike."""
    first, last = (
        i18n.in_english(tour.start_date, "%d %b"),
        i18n.in_english(tour.end_date, "%d %b %Y"),
    )
    lines = [f"{tour.delegation.name}: {first} to {last}"]
    headings = {day.day: day.title for day in tour.days}
    nights = {night.night_of: night for night in tour.nights}
    for day in tour.dates():
        named = i18n.in_english(day, "%a %d %b")
        line = f"{named}: {headings.get(day) or ''}".rstrip(": ").rstrip()
        night = nights.get(day)
        if night is not None:
            line += f" (night: {night.hotel}, {night.locality})"
        lines.append(line)
    for leg in tour.legs:
        # Both ends on the clock the leg was planned on, which is named: a flight from
        # Auckland arrives in Tokyo at 23:00 NZDT, not at 23:00 on Tokyo's clock.
        departure = leg.departure_utc.astimezone(timezones.zone(leg.zone))
        arrival = leg.arrival_utc.astimezone(timezones.zone(leg.zone))
        arrives = "%d %b %H:%M" if arrival.date() != departure.date() else "%H:%M"
        lines.append(
            f"{leg.mode.english} {leg.origin} {i18n.in_english(departure, '%d %b %H:%M')} "
            f"{timezones.clock_label(departure)} → {leg.destination} "
            f"{i18n.in_english(arrival, arrives)} {timezones.clock_label(arrival)}"
        )
    return "\n".join(lines)


__all__ = [
    "DETAILS_SEPARATOR",
    "PRODID",
    "ExportOptions",
    "Method",
    "Organizer",
    "build_calendars",
    "export_bytes",
    "serialize",
    "zone_caveats",
]
