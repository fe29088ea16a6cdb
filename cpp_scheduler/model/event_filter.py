"""Which meetings a filter lets through: the one rule behind the window's sidebar, the
agenda spreadsheet and ``cpp-scheduler export xlsx agenda``, a person's meetings among
them (:func:`is_persons`); and which days a meeting is
on (:func:`meeting_days`), the one rule of what a range of days holds, for the calendar's
views, ``events list``, the agenda, the report's periods and the itinerary's days; and
whether a meeting is tentative, a session of a tentative conference too
(:func:`is_tentative`), for the printed documents. With them the partner city a meeting
is counted under (:func:`partner_city`: its own, else its venue's) and the words a text
search reads (:func:`searched_text`: the venue's and the city's names in English and in
Japanese, whatever the language), which the window's rows and the agenda's and the
report's meetings both take; the day of a study tour an activity is on
(:func:`tour_date`), for the tour builder's board and the tour's spreadsheet; and which
events are conferences and whose programme holds a meeting (:func:`is_conference`,
:func:`programme_of`), for the Print dialog, ``print programme`` and the calendar's rows.

It needs only the vocabularies and the time-zone module, so the window can hold it
before the database layer is loaded; what it filters is anything that says what a
meeting is (a calendar row, a report's meeting) and the words a search looks in.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cached_property
from typing import Any, Protocol

from cpp_scheduler import timezones
from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus


class Filtered(Protocol):
    """What a filter asks of a meeting."""

    @property
    def kind(self) -> EventKind: ...
    @property
    def mode(self) -> EventMode: ...
    @property
    def status(self) -> EventStatus: ...
    @property
    def city_id(self) -> str | None: ...
    @property
    def theme_ids(self) -> Collection[str]: ...
    @property
    def delegation_ids(self) -> Collection[str]:
        """The delegations the meeting is for, by the engine's rule of who attends
        (:func:`cpp_scheduler.scheduling.attendance.attending_delegations`): those it
        names, or for a session naming none, those of its conference, so that a
        delegation's agenda holds the sessions its conference's hours are made of. The
        agenda's reader and the calendar's rows
        (:class:`cpp_scheduler.services.rows.EventRow`) both give them so."""
        ...

    @property
    def participant_ids(self) -> Collection[str]:
        """The participants the meeting names itself."""
        ...

    @property
    def organiser_id(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Person:
    """A participant as a filter takes them: a meeting is theirs by their own id or by
    their delegation's (:func:`is_persons`)."""

    id: str
    delegation_id: str | None = None


def is_delegations(
    delegation_id: str,
    attending: Collection[str],
    named: Collection[str],
    members: frozenset[str],
) -> bool:
    """Whether a meeting is in a delegation's program: one it attends (``attending``:
    the delegations it names, or for a session naming none its conference's,
    :func:`delegations_attending`), or one naming a member of it (``named``: the
    participants it names; ``members``: the delegation's).

    The one rule of the sidebar's Delegation filter and the commands' ``--delegation``,
    and of the delegation's schedule and itinerary
    (:func:`cpp_scheduler.scheduling.attendance.delegation_meetings`), so that a talk
    naming one of Peru's officials is Peru's in the calendar filtered as on its paper."""
    return delegation_id in attending or not members.isdisjoint(named)


def is_persons(meeting: Filtered, person: Person) -> bool:
    """Whether a meeting is in a person's program: one that names them as a participant
    or as its organiser, or one their delegation attends (the meeting's
    :attr:`Filtered.delegation_ids`, by the engine's rule: a session naming no delegation
    is its conference's). A meeting naming another member of their delegation alone is
    the delegation's (:func:`is_delegations`) and that member's, not theirs.

    The one rule of the sidebar's Participant filter and of the commands' ``--participant``;
    a person's calendar file (:func:`cpp_scheduler.ical.scopes.involves_participant`)
    holds the same events, a conference's sessions among them."""
    return (
        person.id in meeting.participant_ids
        or meeting.organiser_id == person.id
        or (person.delegation_id is not None and person.delegation_id in meeting.delegation_ids)
    )


@dataclass(frozen=True)
class EventFilter:
    """What the coordinator filters by: ``None`` or an empty text means "any"."""

    city_id: str | None = None
    theme_id: str | None = None
    kind: EventKind | None = None
    mode: EventMode | None = None
    status: EventStatus | None = None
    delegation_id: str | None = None
    delegation_members: frozenset[str] = frozenset()
    """The chosen delegation's members, whose meetings are the delegation's too
    (:func:`is_delegations`): given by whoever names the delegation (the sidebar from
    the lists it shows, the commands from the database). Kept in the settings with the
    delegation, so that the week first painted at start-up holds the meetings naming
    them; the sidebar reads them again with the program's lists."""
    participant: Person | None = None
    text: str = ""

    def accepts(self, meeting: Filtered, search_text: Callable[[], str]) -> bool:
        """Whether ``meeting`` passes; ``search_text`` gives the casefolded words a text
        search looks in (titles, venues, cities, delegations, kinds), asked only when
        there is a text to look for."""
        for check in self._checks:
            if not check(meeting):
                return False
        if self._words:
            haystack = search_text()
            return all(word in haystack for word in self._words)
        return True

    def passing(
        self, meetings: Sequence[Filtered], search_texts: Callable[[], Sequence[str]]
    ) -> list[int]:
        """The numbers of the ``meetings`` that pass, in order: :meth:`accepts` for many
        at once, each check a pass over the meetings still in (10,000 of them, one call
        each, held the window's table for tens of milliseconds). ``search_texts`` gives
        each meeting's words, in the same order, asked only when there is a text."""
        numbers: Sequence[int] = range(len(meetings))
        for check in self._checks:
            numbers = [number for number in numbers if check(meetings[number])]
        if self._words:
            texts = search_texts()
            for word in self._words:
                numbers = [number for number in numbers if word in texts[number]]
        return list(numbers)

    @cached_property
    def _checks(self) -> tuple[Callable[[Filtered], bool], ...]:
        """The tests of a meeting's values this filter sets, the text aside."""
        checks: list[Callable[[Filtered], bool]] = []
        city_id, theme_id, delegation_id = self.city_id, self.theme_id, self.delegation_id
        members = self.delegation_members
        kind, mode, status = self.kind, self.mode, self.status
        if city_id is not None:
            checks.append(lambda meeting: meeting.city_id == city_id)
        if theme_id is not None:
            checks.append(lambda meeting: theme_id in meeting.theme_ids)
        if kind is not None:
            checks.append(lambda meeting: meeting.kind is kind)
        if mode is not None:
            checks.append(lambda meeting: meeting.mode is mode)
        if status is not None:
            checks.append(lambda meeting: meeting.status is status)
        if delegation_id is not None:
            checks.append(
                lambda meeting: is_delegations(
                    delegation_id, meeting.delegation_ids, meeting.participant_ids, members
                )
            )
        if (person := self.participant) is not None:
            checks.append(lambda meeting: is_persons(meeting, person))
        return tuple(checks)

    @cached_property
    def _words(self) -> list[str]:
        """The words of the text, each to be found (in any case) for a meeting to pass."""
        return self.text.casefold().split()

    def __getstate__(self) -> dict[str, Any]:
        """The fields alone: the checks worked out from them are made again when asked
        (functions made here cannot be pickled or copied)."""
        return {item.name: getattr(self, item.name) for item in fields(self)}

    @property
    def asks_who_attends(self) -> bool:
        """Whether it filters by who attends (a delegation or a participant), which asks
        of a session naming no delegation its conference's (:func:`delegations_attending`)."""
        return self.delegation_id is not None or self.participant is not None

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()

    def as_settings(self) -> dict[str, str]:
        """The filter as the window's settings keep it: only what is set, as text."""
        saved: dict[str, str] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name == "delegation_members":
                if value:
                    saved[item.name] = " ".join(sorted(value))
            elif isinstance(value, Person):
                saved["participant_id"] = value.id
                if value.delegation_id is not None:
                    saved["participant_delegation_id"] = value.delegation_id
            elif value:
                saved[item.name] = str(value.value if hasattr(value, "value") else value)
        return saved

    @classmethod
    def from_settings(cls, saved: dict[str, Any]) -> EventFilter:
        """The filter kept in settings; a value no longer known means "any"."""

        def enum(enum_cls: Any, value: Any) -> Any:
            try:
                return enum_cls(value) if value else None
            except ValueError:
                return None

        return cls(
            city_id=saved.get("city_id") or None,
            theme_id=saved.get("theme_id") or None,
            kind=enum(EventKind, saved.get("kind")),
            mode=enum(EventMode, saved.get("mode")),
            status=enum(EventStatus, saved.get("status")),
            delegation_id=saved.get("delegation_id") or None,
            delegation_members=frozenset(str(saved.get("delegation_members") or "").split()),
            participant=(
                Person(str(person_id), saved.get("participant_delegation_id") or None)
                if (person_id := saved.get("participant_id"))
                else None
            ),
            text=str(saved.get("text") or ""),
        )


def meeting_days(
    start_utc: datetime, end_utc: datetime, zone: str, *, all_day: bool, clock: str
) -> tuple[date, date]:
    """The first and last day a meeting is on, read on the clock of ``clock``.

    An all-day event is on its own dates in ``zone``, whatever the clock (its dates are
    the same on every clock: the arrival day in Honolulu on 31 December is not
    1 January in Tokyo); a timed meeting runs from the day it starts to the day its last
    minute is in. The calendar places a meeting on these days (the Day, Week and Month
    views), ``events list`` lists it on them, and a report counts it in the period
    holding the first of them, so a day means the same everywhere.
    """
    if all_day:
        return timezones.all_day_dates(start_utc, end_utc, zone)
    first = timezones.to_local(start_utc, clock).date()
    last = timezones.last_local(end_utc, clock).date()
    return first, max(first, last)


def on_days(days: tuple[date, date], first: date | None, last: date | None) -> bool:
    """Whether a meeting on ``days`` (from :func:`meeting_days`) is on any day from
    ``first`` to ``last`` (both included; None leaves that end open)."""
    return (last is None or days[0] <= last) and (first is None or days[1] >= first)


def partner_city(
    city_id: str | None, venue_id: str | None, venue_cities: Mapping[str, str | None]
) -> str | None:
    """The partner city a meeting is counted under: its own, else its venue's
    (``venue_cities``: each venue's partner city, by id), so that a meeting at Kobe City
    Hall filed under no partner city is Kobe's. The one rule of the window's Partner city
    column and filter, the agenda spreadsheet's and the report's partner cities."""
    if city_id is not None or venue_id is None:
        return city_id
    return venue_cities.get(venue_id)


def searched_names(name: str, name_ja: str | None) -> str:
    """A venue's or a partner city's names as a text search reads them: the English and
    the Japanese one, whichever language the program speaks, so that 市役所 and City Hall
    both find the meetings at Kobe City Hall (神戸市役所), in English as in Japanese."""
    return f"{name} {name_ja or ''}".strip()


def searched_text(title: str, places: Iterable[str], delegations: str, kind: EventKind) -> str:
    """The casefolded words a text search looks in (:meth:`EventFilter.accepts`): the
    title, the names of the venue and of the partner city (``places``, each as
    :func:`searched_names` gives them), the delegations it names and its kind. The one
    rule of the window's search and of ``export xlsx|csv agenda --search``."""
    return " ".join((title, *places, delegations, kind.label)).casefold()


def tour_date(instant: datetime) -> date:
    """The day of a study tour something is on: the date in Tokyo (the tour is in Japan)
    of ``instant``, an activity's start or a leg's departure, whichever of the tour's day
    records the activity is filed under (one moved to the next day is on the next day).
    The tour builder's board and the tour's spreadsheet place them so, as the conflict
    check and the itinerary do."""
    return timezones.to_local(instant, timezones.TOKYO).date()


def delegations_attending(
    named: frozenset[str],
    conference_ids: Iterable[str],
    conferences: Mapping[str, Collection[str]],
) -> frozenset[str]:
    """The delegations a meeting is for: those it names, or, for a session naming none,
    those its conferences name (``conferences``: each one's own delegations).

    The one rule of who attends a session, which the engine follows
    (:func:`cpp_scheduler.scheduling.attendance.attending_delegations`) and the
    sidebar's and the agenda's delegation filter too; kept here, with no engine to
    load, because the calendar's rows take it as the window first paints."""
    if named:
        return named
    return frozenset().union(*(conferences.get(a, ()) for a in conference_ids))


def conferences_above(event_id: str, conference_of: Mapping[str, str | None]) -> list[str]:
    """The conferences ``event_id`` is a session of (``conference_of``: each event's
    conference), its own first, then that one's; a loop a damaged database could hold
    ends where it closes."""
    found: list[str] = []
    above = conference_of.get(event_id)
    while above is not None and above not in found:
        found.append(above)
        above = conference_of.get(above)
    return found


def is_conference(
    event_id: str,
    kind: EventKind,
    conference_of: Mapping[str, str | None],
    holding_sessions: Collection[str],
) -> bool:
    """Whether an event is a conference, whose programme can be printed and under which
    an event can be filed: it holds sessions (``holding_sessions``), whatever its kind,
    or it is of the conference kind and a session of none (``conference_of``: each
    session's conference); a session of the conference kind is none of its own until it
    holds sessions. The one rule of the Print dialog's list, ``print programme`` and the
    calendar's right-click."""
    return event_id in holding_sessions or (
        kind is EventKind.CONFERENCE and conference_of.get(event_id) is None
    )


def programme_of(
    event_id: str,
    kind: EventKind,
    conference_of: Mapping[str, str | None],
    holding_sessions: Collection[str],
) -> str | None:
    """The conference whose programme holds ``event_id``: the event itself when it is
    one (:func:`is_conference`), else the conference it is a session of (which holds
    it, so is one); None when it is in no programme."""
    if is_conference(event_id, kind, conference_of, holding_sessions):
        return event_id
    return conference_of.get(event_id)


def is_tentative(event_id: str, above: Iterable[str], status_of: Mapping[str, EventStatus]) -> bool:
    """Whether a meeting is not confirmed yet: it is tentative itself, or a conference
    it is a session of is, at any depth (``above``: those conferences, as
    :func:`conferences_above` gives them; ``status_of``: each event's own status).

    A session confirmed within a tentative conference is no surer than the conference,
    so whoever reads it must not book travel around it: the itinerary, the run sheet and
    the programme say "Tentative" by this one rule."""
    return any(status_of.get(event) is EventStatus.TENTATIVE for event in (event_id, *above))
