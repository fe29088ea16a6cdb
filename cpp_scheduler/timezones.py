"""The one time-zone database of CPP Scheduler, and wall-clock conversions that never guess.

All arithmetic uses :mod:`zoneinfo` over the pinned ``tzdata`` package, not whatever the
operating system carries: Windows carries none and a Linux one is often a release behind,
and two coordinators must see the same hour for the same event. pytz is used only for
its country-to-zones catalogue, pinned to the same IANA release (``TZDATA_RELEASE``).

A local time that does not exist (clocks spring forward) or that happens twice (clocks
fall back) raises a typed error carrying the candidate instants, so the caller can ask
the coordinator instead of picking one.
"""

from __future__ import annotations

import json
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from functools import cache

import pytz
import tzdata

from cpp_scheduler import i18n
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.i18n import _

# Read zones from the tzdata package only. Without this, zoneinfo prefers the system's
# /usr/share/zoneinfo, and two machines could disagree on a country's rules.
zoneinfo.reset_tzpath(to=())

TZDATA_RELEASE: str = tzdata.IANA_VERSION
"""The IANA release used for every conversion, e.g. ``2026f``."""

PYTZ_RELEASE: str = pytz.OLSON_VERSION  # type: ignore[attr-defined]
"""The IANA release of pytz's country catalogue; must equal :data:`TZDATA_RELEASE`."""

TOKYO = "Asia/Tokyo"
WASHINGTON = "America/New_York"

INSTANT_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
"""How an instant is written as text in the program file and the command line's JSON:
ISO 8601 in UTC, to the second (``2027-02-15T01:00:00Z``)."""


class TimeZoneError(SchedulerError, ValueError):
    """A zone name or a local time that cannot be used as given."""


class UnknownZoneError(TimeZoneError):
    def __init__(self, name: str) -> None:
        super().__init__(f"'{name}' is not a time zone of the IANA database {TZDATA_RELEASE}")
        self.name = name


@dataclass(frozen=True)
class LocalTimeProblem:
    """What is wrong with a wall-clock time in a zone, with the instants it could mean."""

    zone: str
    local: datetime
    candidates: tuple[datetime, ...]


class NonexistentLocalTimeError(TimeZoneError):
    """The wall-clock time is skipped when clocks spring forward in this zone.

    ``candidates`` holds the two instants the time could mean, read with the offset before
    and after the jump (02:30 skipped in New York: 01:30 EST or 03:30 EDT), in UTC.
    """

    def __init__(self, problem: LocalTimeProblem) -> None:
        before, after = problem.candidates
        super().__init__(
            _(
                "{local} does not exist in {zone}: clocks jump forward that day; "
                "choose {before} or {after}"
            ).format(
                local=f"{problem.local:%Y-%m-%d %H:%M}",
                zone=problem.zone,
                before=_describe(before, problem.zone, problem.local.date()),
                after=_describe(after, problem.zone, problem.local.date()),
            )
        )
        self.problem = problem


class AmbiguousLocalTimeError(TimeZoneError):
    """The wall-clock time happens twice when clocks fall back in this zone."""

    def __init__(self, problem: LocalTimeProblem) -> None:
        first, second = problem.candidates
        super().__init__(
            _(
                "{local} happens twice in {zone}: clocks fall back that day; "
                "choose {first} or {second}"
            ).format(
                local=f"{problem.local:%Y-%m-%d %H:%M}",
                zone=problem.zone,
                first=_describe(first, problem.zone, problem.local.date()),
                second=_describe(second, problem.zone, problem.local.date()),
            )
        )
        self.problem = problem


class Fold(Enum):
    """The coordinator's answer to an ambiguous or nonexistent local time."""

    EARLIER = 0
    """The first of two repeated times; for a skipped time, the earlier instant (01:30
    standard time for a skipped 02:30)."""
    LATER = 1
    """The second of two repeated times; for a skipped time, the later instant (03:30
    daylight time for a skipped 02:30)."""


def _describe(instant: datetime, zone_name: str, asked: date) -> str:
    local = instant.astimezone(zone(zone_name))
    on_local, on_utc = _clocks(local, instant.astimezone(UTC), asked)
    return f"{on_local} {local.tzname()} ({on_utc} UTC)"


def reading_text(instant: datetime, zone_name: str, asked: date) -> str:
    """``01:30 EST (UTC-05:00) = 06:30 UTC``: one reading of a wall-clock time of
    ``asked`` that the clocks skip or read twice, as the question between the two offers
    it. Either side on another day than ``asked`` gives its day: Samoa's 10:00 on 30
    December 2011, a day it skipped, reads ``Sat 31 Dec 10:00 +14 (UTC+14:00) = Fri 30
    Dec 20:00 UTC`` or ``Thu 29 Dec 10:00 -10 (UTC-10:00) = Thu 29 Dec 20:00 UTC``."""
    local = to_local(instant, zone_name)
    offset = utc_offset_label(instant, zone_name)
    on_local, on_utc = _clocks(local, instant.astimezone(UTC), asked)
    return f"{on_local} {local.tzname()} (UTC{offset}) = {on_utc} UTC"


def _clocks(local: datetime, utc: datetime, asked: date) -> tuple[str, str]:
    """``01:30`` and ``06:30``: the two clocks of a reading, each with its day where
    either is on another day than ``asked``."""
    if local.date() == utc.date() == asked:
        return f"{local:%H:%M}", f"{utc:%H:%M}"
    return (
        f"{i18n.short_day_text(local.date())} {local:%H:%M}",
        f"{i18n.short_day_text(utc.date())} {utc:%H:%M}",
    )


@cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone called ``name`` in the pinned database, or :class:`UnknownZoneError`."""
    if not name or name != name.strip():
        raise UnknownZoneError(name)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as error:
        # OSError: a region name such as "America" is a folder of the database, not a zone
        raise UnknownZoneError(name) from error


def is_zone(name: str) -> bool:
    try:
        zone(name)
    except UnknownZoneError:
        return False
    return True


@cache
def all_zones() -> tuple[str, ...]:
    """Every canonical zone a coordinator may pick, sorted (no legacy aliases).

    pytz's list of common zones, kept to those the pinned database holds; read from the
    two catalogues without loading each zone, as the window lists them while it starts.
    """
    return tuple(sorted(set(pytz.common_timezones) & zoneinfo.available_timezones()))


def zone_catalogue() -> tuple[str, ...]:
    """:func:`all_zones`, each zone read from the database: what a list of every zone
    with its offset now needs, which the window reads off its GUI thread beforehand."""
    names = all_zones()
    for name in names:
        zone(name)
    return names


def country_zones(country_code: str) -> tuple[str, ...]:
    """The IANA zones of a country (ISO 3166 alpha-2), in the order of pytz's catalogue."""
    try:
        return tuple(pytz.country_timezones[country_code.upper()])
    except KeyError:
        return ()


def zone_of_city(country_code: str, city: str) -> str | None:
    """The zone of a country that is named after ``city`` (São Paulo, Manaus, Jakarta,
    Makassar), compared as a search compares text: without case, accents or the
    underscores of the zone's name; None where no zone of the country bears its name.
    The delegation editor offers it for a home city typed, in a country of several
    zones, where no zone is chosen yet."""
    wanted = i18n.search_text(city).strip()
    if not wanted:
        return None
    for zone in country_zones(country_code):
        if i18n.search_text(zone.rsplit("/", 1)[-1].replace("_", " ")) == wanted:
            return zone
    return None


def country_name(country_code: str) -> str | None:
    """The country's name in the program's language, or None for a code the catalogue
    does not hold: the name CLDR gives (Samoa, United Kingdom; ペルー, ケニア), or where
    it gives none the time-zone database's own label, which is a label rather than a
    name ("Samoa (western)", "Britain (UK)"). The catalogue of codes stays pytz's alone."""
    code = country_code.upper()
    label = pytz.country_names.get(code)
    if label is None:
        return None
    english = _country_names(i18n.ENGLISH).get(code, label)
    if i18n.language() == i18n.ENGLISH:
        return english
    return _country_names(i18n.language()).get(code, english)


_NAMED_WITH_THE = frozenset(
    {
        "BS",  # Bahamas
        "IO",  # British Indian Ocean Territory
        "VG",  # British Virgin Islands
        "BQ",  # Caribbean Netherlands
        "KY",  # Cayman Islands
        "CF",  # Central African Republic
        "CC",  # Cocos (Keeling) Islands
        "KM",  # Comoros
        "CK",  # Cook Islands
        "DO",  # Dominican Republic
        "FK",  # Falkland Islands
        "FO",  # Faroe Islands
        "TF",  # French Southern and Antarctic Lands
        "GM",  # Gambia
        "HM",  # Heard Island & McDonald Islands
        "IM",  # Isle of Man
        "MV",  # Maldives
        "MH",  # Marshall Islands
        "NL",  # Netherlands
        "MP",  # Northern Mariana Islands
        "PS",  # Palestinian Territories
        "PH",  # Philippines
        "PN",  # Pitcairn Islands
        "SC",  # Seychelles
        "SB",  # Solomon Islands
        "GS",  # South Georgia & South Sandwich Islands
        "TC",  # Turks & Caicos Islands
        "UM",  # U.S. Outlying Islands
        "VI",  # U.S. Virgin Islands
        "AE",  # United Arab Emirates
        "GB",  # United Kingdom
        "US",  # United States
        "AX",  # Åland Islands
    }
)
"""The countries whose English names take "the" in a sentence ("in the United States",
"of the Philippines"): the plurals, unions, republics and islands. CLDR's names are the
names alone, as a list shows them."""


def country_in_prose(country_code: str) -> str:
    """The country's name as a sentence says it after "in" or "of": "the United States",
    "the Philippines", "Peru" in English; the name alone in a language without articles
    (アメリカ合衆国). A code the catalogue does not hold is given as it is."""
    name = country_name(country_code) or country_code
    if i18n.language() == i18n.ENGLISH and country_code.upper() in _NAMED_WITH_THE:
        return f"the {name}"
    return name


def countries() -> list[tuple[str, str]]:
    """Every country of the catalogue as (code, name in the program's language), in the
    order of the English names, as every list of the program keeps its names."""
    english = _country_names(i18n.ENGLISH)
    ordered = sorted(
        ((code, english.get(code, label)) for code, label in pytz.country_names.items()),
        key=lambda item: i18n.reading_key(item[1]),
    )
    return [(code, country_name(code) or name) for code, name in ordered]


@cache
def _country_names(language: str) -> Mapping[str, str]:
    """A language's country names, as ``tools/build_translations.py`` takes them from
    Babel's CLDR data (a small file, read in a moment; none: the English names)."""
    try:
        text = (i18n.LOCALE_DIR / language / "countries.json").read_text("utf-8")
    except OSError:
        return {}
    names: dict[str, str] = json.loads(text)
    return names


def is_country(country_code: str) -> bool:
    return len(country_code) == 2 and country_code.upper() in pytz.country_names


def to_utc(local: datetime, zone_name: str, fold: Fold | None = None) -> datetime:
    """The UTC instant of a naive wall-clock time in ``zone_name``.

    Without ``fold``, a time that falls in a gap or an overlap raises
    :class:`NonexistentLocalTimeError` or :class:`AmbiguousLocalTimeError`. With it, the
    coordinator's choice is applied.
    """
    if local.tzinfo is not None:
        raise TimeZoneError("to_utc takes a wall-clock time without a zone")
    tz = zone(zone_name)
    early = local.replace(tzinfo=tz, fold=0)
    late = local.replace(tzinfo=tz, fold=1)
    early_utc = early.astimezone(UTC)
    late_utc = late.astimezone(UTC)
    if early_utc == late_utc:
        return early_utc
    exists = early_utc.astimezone(tz).replace(tzinfo=None) == local
    if exists:  # an overlap: both instants show this wall-clock time
        candidates = (early_utc, late_utc)
        if fold is None:
            raise AmbiguousLocalTimeError(LocalTimeProblem(zone_name, local, candidates))
        return candidates[fold.value]
    # A gap: the two readings of the skipped time, with the offset from before the jump
    # and with the offset after it, land an hour (or the gap's width) apart on either side.
    candidates = (min(early_utc, late_utc), max(early_utc, late_utc))
    if fold is None:
        raise NonexistentLocalTimeError(LocalTimeProblem(zone_name, local, candidates))
    return candidates[fold.value]


def to_local(instant: datetime, zone_name: str) -> datetime:
    """The aware local datetime of a UTC instant in ``zone_name``."""
    if instant.tzinfo is None:
        raise TimeZoneError("to_local takes an aware instant")
    return instant.astimezone(zone(zone_name))


def wall_clock_end(local_start: datetime, length: timedelta, zone_name: str) -> datetime:
    """The aware local end of a meeting that starts at the wall-clock time ``local_start``
    in ``zone_name`` and lasts ``length``: a meeting's length is the time that passes, as
    the program keeps it when a meeting is moved, so two hours from 00:30 EDT on 7
    November 2027 in New York end at 01:30 EST. Raises as :func:`to_utc` does for a
    start the clocks skip or read twice."""
    return to_local(to_utc(local_start, zone_name) + length, zone_name)


def utc_offset_label(instant: datetime, zone_name: str) -> str:
    """``+09:00``, ``-04:00``, ``+05:45`` at that instant."""
    return _offset_text(to_local(instant, zone_name).utcoffset())


def _offset_text(offset: timedelta | None) -> str:
    offset = offset or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


# -- a local time range, as every list, table and sentence writes it ---------------------
# A range is read off its two ends' wall clocks. Where the clock changes between them
# (New York on 7 November 2027 reads 01:30 EDT, then 02:30 EST two hours later), the
# start's zone alone would make two hours look like one, or a half hour end before it
# begins (01:30-01:00); where the clock is set back, the same hour is read twice, and
# only its zone tells the two apart. So each end carries its own clock whenever the
# two differ, and a time of the repeated hour always says which reading it is.


def clock_label(local: datetime) -> str:
    """EDT, CEST, JST, Lima's -05: the abbreviation of the clock an aware local time is
    read on, as the zone database names it (its UTC offset where it names none)."""
    return local.tzname() or _utc_text(local)


def _utc_text(local: datetime) -> str:
    return f"UTC{_offset_text(local.utcoffset())}"


def _repeated(local: datetime) -> bool:
    """The wall-clock time is read twice that day (clocks go back over it)."""
    return local.tzinfo is not None and (
        local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
    )


def repeated_clock(local: datetime) -> str:
    """The clock an aware local time is read on (:func:`clock_label`) where its wall-clock
    time is read twice that day, which alone tells the two apart (01:30 EDT, then 01:30
    EST); empty for any other time."""
    return clock_label(local) if _repeated(local) else ""


def span_labels(start: datetime, end: datetime, *, zone: bool = False) -> tuple[str, str]:
    """The clocks a range from ``start`` to ``end`` (aware local times of one zone)
    names after each end; empty where none is due.

    Where the offset changes within the range, each end names its own: ``EDT`` and
    ``EST``; ``UTC-03:00`` and ``UTC-04:00`` where an abbreviation is only a number
    (Santiago's -03, which would read as part of the range's dash) or where both share
    one (Moscow's MSK at +04:00 and at +03:00). Otherwise the clock is named once, after
    the end, when ``zone`` asks for it or when an end falls in an hour read twice, so
    the first 01:00-01:30 (EDT) and the second (EST) are told apart.
    """
    if start.utcoffset() != end.utcoffset():
        first, last = clock_label(start), clock_label(end)
        if first != last and first.isalpha() and last.isalpha():
            return first, last
        return _utc_text(start), _utc_text(end)
    for local in (start, end):
        if _repeated(local):
            other = local.replace(fold=1 - local.fold)
            named = clock_label(local)
            return "", named if named != clock_label(other) else _utc_text(local)
    return "", clock_label(start) if zone else ""


def time_label(local: datetime) -> str:
    """A start shown alone, before a title: ``01:15``, or in an hour the clocks read
    twice ``01:15 EDT`` and then ``01:15 EST``, named as :func:`span_labels` names the
    clock of a range's end there, so the two readings differ."""
    clock = span_labels(local, local)[1]
    text = i18n.time_text(local)
    return f"{text} {clock}" if clock else text


@dataclass(frozen=True, slots=True)
class Span:
    """A local time range in its parts, as :func:`span` words it: a sentence or a
    column writes it whole (:meth:`text`), a table of starts and ends in two columns
    (:attr:`starts`, :attr:`ends`), a table with a column of dates the hours alone
    (:meth:`hours`). Every form comes from the same parts, so no two name its clocks
    apart."""

    day: str
    """The start's day (``Sun 07 Nov``), or empty where none was asked."""
    start: str
    """The start's time: ``01:30``."""
    start_clock: str
    """The start's own clock (``EDT``) where the clock changes within the range, else
    empty."""
    end: str
    """The end's time, with its day where it falls on a later one (``Mon 08 Nov 00:30``
    after a day, ``Mon 00:30`` without)."""
    end_clock: str
    """The clock named after the end (``EST``), or empty where none is due."""

    def text(self, dash: str = "-") -> str:
        """The range whole: ``Sun 07 Nov 01:30-02:30 EST``, ``01:30 EDT - 02:30 EST``."""
        first = f"{self.day} {self.start}" if self.day else self.start
        return self._joined(first, dash)

    def hours(self, dash: str = "-") -> str:
        """The range without the start's day, for a table that gives the date in a
        column of its own: ``01:30-02:30 EST``."""
        return self._joined(self.start, dash)

    def _joined(self, first: str, dash: str) -> str:
        if self.start_clock:
            return f"{first} {self.start_clock} {dash} {self.end} {self.end_clock}"
        last = f"{self.end} {self.end_clock}" if self.end_clock else self.end
        return f"{first}{dash}{last}"

    @property
    def starts(self) -> str:
        """The start in a column of starts: its day two spaces before its time, as the
        window's lists set a day and a time apart (``Sun 07 Nov 2027  01:30``), and its
        own clock where the range has one for each end (``01:30 EDT``)."""
        first = f"{self.day}  {self.start}" if self.day else self.start
        return f"{first} {self.start_clock}" if self.start_clock else first

    @property
    def ends(self) -> str:
        """The end in a column of ends beside :attr:`starts`: ``02:30 EST``."""
        return f"{self.end} {self.end_clock}" if self.end_clock else self.end


def span(
    start: datetime,
    end: datetime,
    *,
    day: Callable[[date], str] | None = None,
    zone: bool = False,
) -> Span:
    """A local time range in the parts every form of it is written from
    (:class:`Span`); ``day`` and ``zone`` as :func:`span_text` takes them."""
    last = i18n.time_text(end)
    if end.date() != start.date():
        last = (
            f"{i18n.short_day_text(end.date())} {last}"
            if day is not None
            else i18n.weekday_time_text(end)
        )
    start_clock, end_clock = span_labels(start, end, zone=zone)
    return Span(
        day(start.date()) if day is not None else "",
        i18n.time_text(start),
        start_clock,
        last,
        end_clock,
    )


def span_text(
    start: datetime,
    end: datetime,
    *,
    day: Callable[[date], str] | None = None,
    zone: bool = False,
    dash: str = "-",
) -> str:
    """A local time range, the one way the program writes it: ``01:30-02:30``; with
    ``day``, the start's day first (``Sun 07 Nov 01:30-02:30``); with ``zone``, the clock
    named after it (``01:30-02:30 EST``).

    Where the clock changes within the range each end names its own, set apart by a
    spaced ``dash``: ``01:30 EDT - 02:30 EST``, ``01:30 EST - 03:00 EDT``; a range in an
    hour read twice names its clock even without ``zone`` (``01:00-01:30 EDT``, then
    ``01:00-01:30 EST``). An end on a later day gives that day: ``Mon 08 Nov 00:30``
    after a ``day``, ``Mon 00:30`` (``(月) 00:30``) in a column of times. ``dash`` is the
    command line's ``-`` or the window's ``–``. The same range in two columns, or after
    a column of dates: :func:`span`.
    """
    return span(start, end, day=day, zone=zone).text(dash)


def period_offsets(zone_name: str, first: date, last: date) -> list[tuple[str, date | None]]:
    """The UTC offsets the clock of ``zone_name`` reads from ``first`` to ``last``, in
    turn: the first with None, then each that follows a change with the first day the
    clock reads it on (New York's week of 1-7 November 2027: ``-04:00``, then ``-05:00``
    from the 7th). A day the zone skipped whole has no clock to read: Samoa's week of
    26 December 2011 reads ``-10:00``, then ``+14:00`` from the 31st."""
    offsets: list[tuple[str, date | None]] = []
    day = first
    while day <= last:
        start, end = local_days(day, day, zone_name)
        for instant in (start, end - timedelta(seconds=1)) if end > start else ():
            offset = utc_offset_label(instant, zone_name)
            if not offsets or offsets[-1][0] != offset:
                offsets.append((offset, day if offsets else None))
        day += timedelta(days=1)
    return offsets or [(utc_offset_label(day_start(first, zone_name), zone_name), None)]


def offsets_text(start: datetime, end: datetime, *, named: bool = False) -> str:
    """``-04:00`` (``-04:00 EDT`` when ``named``): the UTC offset of a local range from
    ``start`` to ``end``; the start's, then the end's, where the clock changes within
    it (``-04:00, -05:00``), as :func:`span_text` then names both clocks."""
    ends = (start,) if start.utcoffset() == end.utcoffset() else (start, end)
    return ", ".join(
        _offset_text(local.utcoffset()) + (f" {local.tzname()}" if named else "") for local in ends
    )


def day_offset(instant: datetime, zone_name: str, reference_zone: str) -> int:
    """How many calendar days the local date in ``zone_name`` lies after the reference's."""
    here: date = to_local(instant, zone_name).date()
    there: date = to_local(instant, reference_zone).date()
    return (here - there).days


def day_start(day: date, zone_name: str) -> datetime:
    """The first instant of ``day`` in ``zone_name`` (UTC): its midnight as it occurs.

    Where midnight is repeated (clocks go back from 01:00 to 00:00), the day begins at
    the first midnight. Where it is skipped (Santiago on 6 September 2026 goes from
    23:59:59 to 01:00), the day begins at the clock change, the first instant whose wall
    clock reads that day: neither the evening before nor a later hour belongs to it.
    """
    local = datetime.combine(day, datetime.min.time())
    try:
        return to_utc(local, zone_name)
    except AmbiguousLocalTimeError as error:
        return error.problem.candidates[0]
    except NonexistentLocalTimeError as error:
        before, after = error.problem.candidates  # both readings of the skipped midnight
    tz = zone(zone_name)
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:  # the wall clock reads the day before at low, the day at high
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, tz).replace(tzinfo=None) >= local:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def local_days(first: date, last: date, zone_name: str) -> tuple[datetime, datetime]:
    """The instants at which ``first`` begins and the day after ``last`` begins, locally
    (each by :func:`day_start`), so the span holds every instant of those days and no
    other."""
    return day_start(first, zone_name), day_start(last + timedelta(days=1), zone_name)


def all_day_dates(start_utc: datetime, end_utc: datetime, zone_name: str) -> tuple[date, date]:
    """The first and last day of whole days of ``zone_name`` from ``start_utc`` to
    ``end_utc`` (as :func:`local_days` gives them): an all-day event's dates, read from its
    instants. The last day is the one its last instant is in, not the day before its end's
    date: where a zone skipped a whole day (Kiritimati went from 30 December 1994 to 1
    January 1995), a day of 30 December ends as 1 January begins, and is still one day."""
    first = to_local(start_utc, zone_name).date()
    last = last_local(end_utc, zone_name).date()
    return first, max(first, last)


def last_local(end_utc: datetime, zone_name: str) -> datetime:
    """The aware local time of the last instant a span ending at ``end_utc`` holds, in
    ``zone_name``: the day it is on is the span's last day, so one ending as a day begins
    (at midnight, or at 01:00 in Santiago on 6 September 2026, whose midnight the clocks
    skip) ends on the day before."""
    return to_local(end_utc - _LAST_INSTANT, zone_name)


_LAST_INSTANT = timedelta(microseconds=1)
"""How far before an end the last instant it holds lies."""


def days_held(start_utc: datetime, end_utc: datetime, zone_name: str) -> int:
    """How many days of ``zone_name`` an all-day event from ``start_utc`` to ``end_utc``
    holds: its dates (:func:`all_day_dates`), less any the zone skipped whole. Counted by
    dates, not hours: Kwajalein lived 30 September 1969 twice, and an event of that day
    alone is one day of 47 hours; one from 29 to 31 December 2011 in Samoa is two days."""
    first, last = all_day_dates(start_utc, end_utc, zone_name)
    return sum(
        not skipped_day(first + timedelta(days=offset), zone_name)
        for offset in range((last - first).days + 1)
    )


def skipped_day(day: date, zone_name: str) -> bool:
    """Whether ``zone_name`` skipped ``day`` whole: its clocks went from the day before
    straight to the day after (Kiritimati on 31 December 1994, Samoa and Tokelau on 30
    December 2011), so no instant of it exists there."""
    return to_local(day_start(day, zone_name), zone_name).date() != day


def ensure_utc(instant: datetime) -> datetime:
    """An aware datetime in UTC; a naive one is refused rather than assumed."""
    if instant.tzinfo is None:
        raise TimeZoneError("an instant must carry its zone; naive datetimes are not instants")
    return instant.astimezone(UTC)
