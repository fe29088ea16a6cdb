"""The program's report for a period: what was held, for whom, on which themes and where.

Counting rules (docs/reports.md says the same for a reader of the report):

* **The unit is a meeting.** A one-off event is one meeting; a series is its meetings
  (each occurrence the rule gives, moved ones at their new time).
* **A meeting belongs to the period it starts in** (whole days in Tokyo, both ends
  included), so consecutive periods never count a meeting twice. An all-day meeting
  starts on its first date, the same on every clock: Kiritimati's New Year's Day is
  1 January, though it begins on 31 December in Tokyo.
* **Cancelled meetings are counted apart**: a cancelled event, and a cancelled
  occurrence of a series, add to the ``cancelled`` figures only; they add no hours,
  reach nobody and cover no theme or city.
* **A conference with sessions is one meeting whose hours are its sessions' hours**
  (those not cancelled), not its span, which holds nights and breaks; its sessions are
  not meetings of their own, and their themes, delegations, participants and knowledge
  products count as the conference's, in the period the conference starts in. A
  conference without sessions counts its span.
  (Sessions of a series are counted as meetings of their own.)
* **Hours** are elapsed hours between the UTC start and end. An all-day meeting has
  dates, not hours: it counts as a meeting and adds no hours.
* **Themes** are the six top-level thematic areas: a sub-theme counts for its area. A
  meeting counts once for each of its areas, each of its delegations and each of their
  countries, so the rows of those tables add up to more than the total. A meeting with
  none is counted in a "(none)" row.
* **Partner city**: the event's city, else its venue's city.
* **Participants reached**: distinct people linked to a held meeting, or members of a
  delegation that attends one.
* **Knowledge products linked**: distinct products linked to a held meeting (or to one
  of a held conference's sessions).
* **Left out**: a top-level theme or a partner city with no held meeting in the period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cpp_scheduler.i18n import (
    N_,
    _,
    list_text,
    name_order,
    ngettext,
    period_text,
    pgettext,
    shown_name,
)
from cpp_scheduler.model.enums import EventKind, EventMode
from cpp_scheduler.model.event_filter import conferences_above, meeting_days
from cpp_scheduler.reports.facts import Meeting, ProgramFacts
from cpp_scheduler.reports.tables import Cell, ColumnType, Table, table
from cpp_scheduler.timezones import TOKYO

NONE_KEY = ""
"""The key of the row for meetings without a theme, a city or a delegation."""


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    key: str
    """The id or vocabulary value counted (``""`` for none)."""
    label: str
    meetings: int
    hours: float
    cancelled: int
    label_ja: str = ""
    """The theme's or the partner city's name in Japanese, where the program has it."""

    @property
    def shown(self) -> str:
        """The row's name as the report shows it: its Japanese one in Japanese."""
        return shown_name(self.label, self.label_ja)


@dataclass(frozen=True, slots=True)
class Breakdown:
    name: str
    """``kind``, ``mode``, ``theme``, ``city``, ``delegation`` or ``country``."""
    heading: str
    rows: tuple[BreakdownRow, ...]

    @property
    def title(self) -> str:
        """``By kind``, ``By partner city``: the breakdown's table named as a sheet is."""
        return _(_TITLES[self.name]) if self.name in _TITLES else self.heading

    def row(self, key: str) -> BreakdownRow | None:
        return next((row for row in self.rows if row.key == key), None)

    def left_out(self) -> tuple[BreakdownRow, ...]:
        """The themes or partner cities (the other breakdowns leave nothing out) the
        period held no meeting on: what the report names as left out, and its table and
        chart mark."""
        if self.name not in LEFT_OUT_BREAKDOWNS:
            return ()
        return tuple(row for row in self.rows if row.key != NONE_KEY and row.meetings == 0)


LEFT_OUT_BREAKDOWNS = ("theme", "city")
"""The breakdowns whose rows a period may leave out: every theme and partner city is
listed, held or not; a kind or a delegation is listed only where it met."""


_TITLES = {
    "kind": N_("By kind"),
    "mode": N_("By mode"),
    "theme": N_("By theme"),
    "city": N_("By partner city"),
    "delegation": N_("By delegation"),
    "country": N_("By country"),
}


@dataclass(frozen=True, slots=True)
class ProductLine:
    id: str
    title: str
    kind: str
    published: date | None


@dataclass(frozen=True)
class ProgramReport:
    first: date
    last: date
    meetings: int
    hours: float
    cancelled: int
    participants_reached: int
    delegations_reached: int
    products: tuple[ProductLine, ...]
    breakdowns: tuple[Breakdown, ...]
    themes_left_out: tuple[str, ...]
    cities_left_out: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())

    def breakdown(self, name: str) -> Breakdown:
        return next(found for found in self.breakdowns if found.name == name)

    def left_out(self, name: str) -> list[str]:
        """The themes (``theme``) or partner cities (``city``) left out, as the report
        shows them: in Japanese where the program has their Japanese names and speaks it.
        (``themes_left_out`` and ``cities_left_out`` keep the names the JSON gives.)"""
        return [row.shown for row in self.breakdown(name).left_out()]

    def as_json(self) -> dict[str, Any]:
        """The report as ``cpp-scheduler report --json`` prints it; hours to 2 decimals."""
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "meetings": self.meetings,
            "hours": round(self.hours, 2),
            "cancelled": self.cancelled,
            "participants_reached": self.participants_reached,
            "delegations_reached": self.delegations_reached,
            "knowledge_products": [
                {
                    "id": product.id,
                    "title": product.title,
                    "kind": product.kind,
                    "published": product.published.isoformat() if product.published else None,
                }
                for product in self.products
            ],
            "breakdowns": {
                found.name: [
                    {
                        "key": row.key,
                        "label": row.label,
                        "meetings": row.meetings,
                        "hours": round(row.hours, 2),
                        "cancelled": row.cancelled,
                    }
                    for row in found.rows
                ]
                for found in self.breakdowns
            },
            "left_out": {
                "themes": list(self.themes_left_out),
                "cities": list(self.cities_left_out),
            },
        }


@dataclass
class _Unit:
    """A meeting as the report counts it: a conference carries its sessions."""

    meeting: Meeting
    sessions: list[Meeting] = field(default_factory=list)

    @property
    def hours(self) -> float:
        """Its held sessions' hours, each once: a session with sessions of its own (a
        workshop track of the conference) is counted by those, which it holds."""
        if self.sessions:
            holding = {session.parent_id for session in self.sessions}
            return sum(
                session.hours
                for session in self.sessions
                if not session.cancelled and session.event_id not in holding
            )
        return self.meeting.hours

    def union(self, attribute: str) -> set[str]:
        found: set[str] = set(getattr(self.meeting, attribute))
        for session in self.sessions:
            if not session.cancelled:
                found.update(getattr(session, attribute))
        return found


def _units(meetings: Iterable[Meeting]) -> list[_Unit]:
    """Each meeting, with the sessions of a one-off conference folded into it, at any
    depth: a session of a session goes with the outermost one-off conference above it."""
    meetings = list(meetings)
    per_event: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        per_event[meeting.event_id].append(meeting)
    parents = {meeting.event_id: meeting.parent_id for meeting in meetings}

    def one_off(event_id: str) -> bool:
        held = per_event.get(event_id)
        return held is not None and len(held) == 1 and held[0].recurrence_id is None

    units: dict[tuple[str, datetime | None], _Unit] = {}
    sessions: list[tuple[str, Meeting]] = []
    for meeting in meetings:
        outermost = None
        for above in conferences_above(meeting.event_id, parents):
            if not one_off(above):
                break
            outermost = above
        if outermost is None:
            units[(meeting.event_id, meeting.recurrence_id)] = _Unit(meeting)
        else:
            sessions.append((outermost, meeting))
    for conference, session in sessions:
        units[(conference, None)].sessions.append(session)
    return list(units.values())


class _Tally:
    """Meetings, hours and cancellations per key of one breakdown."""

    def __init__(self) -> None:
        self.meetings: dict[str, int] = defaultdict(int)
        self.hours: dict[str, float] = defaultdict(float)
        self.cancelled: dict[str, int] = defaultdict(int)

    def add(self, keys: Iterable[str], unit: _Unit, hours: float) -> None:
        for key in set(keys) or {NONE_KEY}:
            if unit.meeting.cancelled:
                self.cancelled[key] += 1
            else:
                self.meetings[key] += 1
                self.hours[key] += hours

    def rows(
        self,
        labels: dict[str, str],
        keep_all: bool,
        none: str = "(none)",
        japanese: dict[str, str] | None = None,
    ) -> list[BreakdownRow]:
        keys = set(self.meetings) | set(self.cancelled)
        if keep_all:
            keys |= set(labels)
        return [
            BreakdownRow(
                key,
                labels.get(key, none if key == NONE_KEY else key),
                self.meetings.get(key, 0),
                self.hours.get(key, 0.0),
                self.cancelled.get(key, 0),
                (japanese or {}).get(key, ""),
            )
            for key in keys
        ]


def _by_name(rows: list[BreakdownRow]) -> tuple[BreakdownRow, ...]:
    return tuple(
        sorted(rows, key=lambda row: (row.key == NONE_KEY, name_order(row.label, row.label_ja)))
    )


def _by_size(rows: list[BreakdownRow]) -> tuple[BreakdownRow, ...]:
    return tuple(
        sorted(
            rows,
            key=lambda row: (row.key == NONE_KEY, -row.meetings, -row.hours, row.label.casefold()),
        )
    )


def _in_order(rows: list[BreakdownRow], order: list[str]) -> tuple[BreakdownRow, ...]:
    return tuple(sorted(rows, key=lambda row: order.index(row.key)))


def first_day(meeting: Meeting, clock: str) -> date:
    """The day a meeting starts on, on the clock of ``clock``: an all-day event's first
    date, whatever the clock (:func:`~cpp_scheduler.model.event_filter.meeting_days`)."""
    return meeting_days(
        meeting.start_utc, meeting.end_utc, meeting.zone, all_day=meeting.all_day, clock=clock
    )[0]


def starts_within(meeting: Meeting, first: date | None, last: date | None, clock: str) -> bool:
    """Whether the meeting belongs to the days ``first`` to ``last`` of ``clock`` (both
    included, None an open end): the period it starts in, the report's one rule."""
    day = first_day(meeting, clock)
    return (first is None or first <= day) and (last is None or day <= last)


MeetingKey = tuple[str, datetime | None]
"""A meeting as the report names it: its event, and the rule's start in a series."""


def meeting_key(meeting: Meeting) -> MeetingKey:
    return (meeting.event_id, meeting.recurrence_id)


@dataclass(frozen=True)
class CountedHours:
    """The hours the report counts in a period, by the meeting that carries them, for
    the agenda's Hours column, which reads them here so that the two cannot differ."""

    hours: dict[MeetingKey, float]
    """By meeting (event id, and the rule's start for a meeting of a series): a held
    meeting that starts in the period, a conference with sessions carrying its held
    sessions' hours."""
    folded: dict[MeetingKey, MeetingKey]
    """The sessions counted as part of their conference, not as meetings of their own
    (their hours are the conference's), each with its conference."""
    carriers: frozenset[MeetingKey]
    """The conferences that carry their sessions' hours."""


def counted_hours(
    facts: ProgramFacts, first: date | None, last: date | None, clock: str = TOKYO
) -> CountedHours:
    """The hours the report counts on the days ``first`` to ``last`` of ``clock``."""
    units = _units(facts.meetings)
    folded = {
        meeting_key(session): meeting_key(unit.meeting)
        for unit in units
        for session in unit.sessions
    }
    return CountedHours(
        {
            meeting_key(unit.meeting): unit.hours
            for unit in units
            if not unit.meeting.cancelled and starts_within(unit.meeting, first, last, clock)
        },
        folded,
        frozenset(folded.values()),
    )


def build_report(facts: ProgramFacts, first: date, last: date, clock: str = TOKYO) -> ProgramReport:
    """The report of the meetings that start on the days ``first`` to ``last`` of
    ``clock`` (Tokyo for the program): an all-day meeting on its first date."""
    units = [
        unit for unit in _units(facts.meetings) if starts_within(unit.meeting, first, last, clock)
    ]
    tallies = {
        name: _Tally() for name in ("kind", "mode", "theme", "city", "delegation", "country")
    }
    members: dict[str, set[str]] = defaultdict(set)
    for person in facts.participants.values():
        if person.delegation_id:
            members[person.delegation_id].add(person.id)
    reached: set[str] = set()
    delegations_reached: set[str] = set()
    products: set[str] = set()
    held = cancelled = 0
    total_hours = 0.0
    for unit in units:
        meeting = unit.meeting
        hours = unit.hours
        themes = {facts.top_theme(theme) for theme in unit.union("theme_ids")}
        delegations = unit.union("delegation_ids")
        countries = {facts.delegations[d].country for d in delegations if d in facts.delegations}
        tallies["kind"].add([meeting.kind.value], unit, hours)
        tallies["mode"].add([meeting.mode.value], unit, hours)
        tallies["theme"].add(themes, unit, hours)
        tallies["city"].add([meeting.city_id] if meeting.city_id else [], unit, hours)
        tallies["delegation"].add(delegations, unit, hours)
        tallies["country"].add(countries, unit, hours)
        if meeting.cancelled:
            cancelled += 1
            continue
        held += 1
        total_hours += hours
        reached |= unit.union("participant_ids")
        for delegation in delegations:
            reached |= members.get(delegation, set())
        delegations_reached |= delegations
        products |= unit.union("product_ids")

    areas = {theme.id: theme.name for theme in facts.themes.values() if theme.parent_id is None}
    cities = {city.id: city.name for city in facts.cities.values()}
    japanese = {theme.id: theme.name_ja for theme in facts.themes.values()}
    japanese |= {city.id: city.name_ja for city in facts.cities.values()}
    delegation_names = {d.id: d.name for d in facts.delegations.values()}
    country_names = {d.country: d.country_name for d in facts.delegations.values()}
    kinds = [kind.value for kind in EventKind]
    modes = [mode.value for mode in EventMode]
    breakdowns = (
        Breakdown(
            "kind",
            _("Kind"),
            _in_order(tallies["kind"].rows({k.value: k.label for k in EventKind}, True), kinds),
        ),
        Breakdown(
            "mode",
            _("Mode"),
            _in_order(tallies["mode"].rows({m.value: m.label for m in EventMode}, True), modes),
        ),
        Breakdown(
            "theme",
            _("Theme"),
            _by_name(tallies["theme"].rows(areas, True, _("(no theme)"), japanese)),
        ),
        Breakdown(
            "city",
            _("Partner city"),
            _by_name(tallies["city"].rows(cities, True, _("(no partner city)"), japanese)),
        ),
        Breakdown(
            "delegation",
            _("Delegation"),
            _by_size(tallies["delegation"].rows(delegation_names, False, _("(no delegation)"))),
        ),
        Breakdown(
            "country",
            _("Country"),
            _by_size(tallies["country"].rows(country_names, False, _("(no delegation)"))),
        ),
    )
    left_out_themes = breakdowns[2].left_out()
    left_out_cities = breakdowns[3].left_out()
    lines = sorted(
        (
            ProductLine(p.id, p.title, p.kind.label, p.published)
            for p in (facts.products[i] for i in products if i in facts.products)
        ),
        key=lambda line: (line.kind, line.title.casefold()),
    )
    return ProgramReport(
        first=first,
        last=last,
        meetings=held,
        hours=total_hours,
        cancelled=cancelled,
        participants_reached=len(reached),
        delegations_reached=len(delegations_reached),
        products=tuple(lines),
        breakdowns=breakdowns,
        themes_left_out=tuple(row.label for row in left_out_themes),
        cities_left_out=tuple(row.label for row in left_out_cities),
    )


# -- as words -------------------------------------------------------------------------------
def hours_text(hours: float) -> str:
    """Hours as people read them in every report (the window, the printed report, the
    command's text): rounded as the JSON rounds them, two decimals, thousands grouped
    (``1,234.50``). A file for other programs (CSV, a spreadsheet) keeps the number."""
    return f"{round(hours, 2):,.2f}"


def cell_text(cell: Cell) -> str:
    """A cell of the report's tables as people read it, in the window's tables and the
    command's text alike: hours by :func:`hours_text`, a date in ISO form (a knowledge
    product's Published), nothing for an empty cell."""
    if cell is None:
        return ""
    if isinstance(cell, float):  # the tables' only numbers with decimals: hours
        return hours_text(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def period_line(report: ProgramReport) -> str:
    """What a report counts, in one line: the meetings that start on its days in Tokyo,
    as ``report`` heads its text and the report window says it under its tables
    (``Program report — meetings starting 01 Jan – 31 Dec 2027 (Tokyo)``)."""
    return _("Program report — meetings starting {period} (Tokyo)").format(
        period=period_text(report.first, report.last)
    )


def summary_lines(report: ProgramReport) -> tuple[str, str]:
    """The report's figures in two lines, as ``report`` prints them under its title and
    the report window shows them over its tables: meetings and hours, then whom they
    reached."""
    meetings, people = report.meetings, report.participants_reached
    delegations, products = report.delegations_reached, len(report.products)
    return (
        _("{meetings} held, {hours} hours; {cancelled} cancelled").format(
            meetings=ngettext("{count} meeting", "{count} meetings", meetings).format(
                count=meetings
            ),
            hours=hours_text(report.hours),
            cancelled=report.cancelled,
        ),
        _("{participants} reached, {delegations}, {products} linked").format(
            participants=ngettext("{count} participant", "{count} participants", people).format(
                count=people
            ),
            delegations=ngettext("{count} delegation", "{count} delegations", delegations).format(
                count=delegations
            ),
            products=ngettext(
                "{count} knowledge product", "{count} knowledge products", products
            ).format(count=products),
        ),
    )


def left_out_lines(report: ProgramReport) -> tuple[str, str]:
    """The themes and the partner cities the period held no meeting on, a line each."""
    return (
        _("Themes left out: {names}").format(
            names=list_text(report.left_out("theme")) or _("none")
        ),
        _("Partner cities left out: {names}").format(
            names=list_text(report.left_out("city")) or _("none")
        ),
    )


# -- as tables ------------------------------------------------------------------------------
def summary_table(report: ProgramReport) -> Table:
    """The report's figures, one per row, and what it left out."""
    rows: list[tuple[Any, ...]] = [
        (pgettext("period", "From"), report.first),
        (pgettext("period", "To"), report.last),
        (_("Meetings held"), report.meetings),
        (_("Hours"), round(report.hours, 2)),
        (_("Cancelled meetings"), report.cancelled),
        (_("Participants reached"), report.participants_reached),
        (_("Delegations reached"), report.delegations_reached),
        (_("Knowledge products linked"), len(report.products)),
        (_("Themes left out"), list_text(report.left_out("theme")) or _("none")),
        (_("Partner cities left out"), list_text(report.left_out("city")) or _("none")),
    ]
    return table(
        _("Summary"), [(_("Figure"), ColumnType.TEXT), (_("Value"), ColumnType.NUMBER)], rows
    )


def breakdown_table(found: Breakdown) -> Table:
    return table(
        found.title,
        [
            (found.heading, ColumnType.TEXT),
            (_("Meetings"), ColumnType.INTEGER),
            (_("Hours"), ColumnType.HOURS),
            (_("Cancelled"), ColumnType.INTEGER),
        ],
        [(row.shown, row.meetings, row.hours, row.cancelled) for row in found.rows],
    )


def products_table(report: ProgramReport) -> Table:
    return table(
        _("Knowledge products"),
        [
            (_("Title"), ColumnType.TEXT),
            (_("Kind"), ColumnType.TEXT),
            (_("Published"), ColumnType.DATE),
        ],
        [(line.title, line.kind, line.published) for line in report.products],
    )


def report_tables(report: ProgramReport) -> list[Table]:
    """The report's sheets: the summary, one per breakdown, the products."""
    return [
        summary_table(report),
        *(breakdown_table(found) for found in report.breakdowns),
        products_table(report),
    ]
