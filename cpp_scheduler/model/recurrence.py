"""Expanding a series (a monthly videoconference) into its occurrences.

A series keeps its local hour in the zone it was planned in: a 09:00 Lima session stays at
09:00 in Lima, and so moves for Tokyo or Washington when their clocks change. The rule is
an RFC 5545 RRULE expanded on wall-clock times, each converted to UTC afterwards, exactly
as calendar clients do with ``DTSTART;TZID=...``.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import MAXYEAR, UTC, datetime, timedelta
from threading import Lock
from typing import Protocol, TypeVar

from dateutil.rrule import rrule, rrulestr

from cpp_scheduler import limits, timezones
from cpp_scheduler.errors import SchedulerError, printable, quoted
from cpp_scheduler.i18n import N_, _

MAX_OCCURRENCES = limits.MAX_SERIES_OCCURRENCES
"""A series longer than this is refused: the program plans months, not decades."""


class RecurrenceError(SchedulerError, ValueError):
    """The rule cannot be used as a series: unreadable, unbounded or too long."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One meeting of a series (or the single meeting of a one-off event), in UTC.

    ``recurrence_id`` is the start the rule gave this occurrence; it stays the same when
    the occurrence is moved, so a calendar client can find the one it replaces.
    """

    start: datetime
    end: datetime
    recurrence_id: datetime | None = None
    moved: bool = False


@dataclass(frozen=True, slots=True)
class OccurrenceChange:
    """What the coordinator did to one occurrence: moved it, or cancelled it."""

    recurrence_id: datetime
    cancelled: bool = False
    start: datetime | None = None
    end: datetime | None = None


def rule_body(rule: str) -> str:
    """``rule``'s parts (``FREQ=WEEKLY;COUNT=6``), without the property's name a calendar
    writes before them: ``RRULE:`` in any case, as RFC 5545 compares names. The one way
    every reader of a stored or typed rule takes it."""
    text = rule.strip()
    return text[len(_PROPERTY) :] if text[: len(_PROPERTY)].upper() == _PROPERTY else text


_PROPERTY = "RRULE:"


def _rule_text(rule: str, zone_name: str | None) -> str:
    """The rule's text (an RRULE value, without the ``RRULE:`` prefix) once its parts are
    known to end the series within the program's dates.

    RFC 5545 writes UNTIL in UTC (``UNTIL=20261231T150000Z``) when the start has a zone;
    with ``zone_name`` such a value is written as the wall-clock time it is in that zone,
    the frame in which the rule is expanded.
    """
    # A last ";" some programs write ends no part: read as if it were not there.
    text = rule_body(rule).rstrip(";")
    wrong = _grammar_problem(text)
    if wrong is not None:
        raise RecurrenceError(
            _("{rule} is not a recurrence rule such as FREQ=MONTHLY;COUNT=6 ({reason})").format(
                rule=quoted(rule), reason=wrong
            )
        )
    parts = _parts(text)
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise RecurrenceError(
            _("A series needs an end: a number of occurrences (COUNT) or a last date (UNTIL).")
        )
    if {"COUNT", "UNTIL"} <= parts.keys():
        raise RecurrenceError(
            _(
                "A series ends either after a number of occurrences (COUNT) or on a last date "
                "(UNTIL), not both."
            )
        )
    if parts.get("FREQ") in _MORE_THAN_DAILY:
        raise RecurrenceError(
            _(
                "A series repeats at most daily; for several meetings a day, name their hours "
                "(FREQ=DAILY;BYHOUR=9,14)."
            )
        )
    misplaced = _misplaced_part(parts)
    if misplaced is not None:
        raise RecurrenceError(
            _("{rule}: {problem}").format(rule=quoted(rule), problem=_(misplaced))
        )
    if "BYEASTER" in parts:
        raise RecurrenceError(
            _("{rule} uses BYEASTER, which RFC 5545 does not know.").format(rule=quoted(rule))
        )
    until = _UNTIL.search(text)
    if until is not None and not (
        limits.EARLIEST_DAY.year <= int(until.group(1)) <= limits.LATEST_DAY.year
    ):
        raise RecurrenceError(
            _("A series' last date (UNTIL) must lie from {range}.").format(
                range=limits.describe_day_range()
            )
        )
    if zone_name is not None:
        text = _UTC_UNTIL.sub(lambda match: _local_until(match, zone_name), text)
    return text


_RULE_PARTS = frozenset(
    {
        "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
        "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST", "BYEASTER",
    }
)  # fmt: skip
"""The parts of RFC 5545's RECUR (3.3.10), and dateutil's BYEASTER, refused by name."""

_FREQUENCIES = frozenset({"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"})

_POSITIVE = re.compile(r"[0-9]{1,9}")


def _grammar_problem(text: str) -> str | None:
    """What keeps ``text`` from being a RECUR value as RFC 5545 (3.3.10) writes one,
    said so that a coordinator sees which part: a part that is not NAME=VALUE, a name
    RFC 5545 does not know, a part given twice ("MUST NOT occur more than once"), no
    FREQ, or an INTERVAL that is not a whole number of 1 or more. dateutil
    reads some of these its own way (INTERVAL=0 repeats one date; of two COUNTs it
    keeps the last) and words the rest in Python's terms."""
    seen: set[str] = set()
    for part in text.split(";"):
        name, equals, value = part.partition("=")
        name = name.upper()
        if not equals or not name or not value or not part.isprintable() or " " in part:
            return _("{part} is not a part NAME=VALUE").format(part=quoted(part))
        if name not in _RULE_PARTS:
            return _("{name} is not a part of a rule").format(name=quoted(name))
        if name in seen:
            return _("{name} is given twice").format(name=name)
        seen.add(name)
        if name == "INTERVAL" and (not _POSITIVE.fullmatch(value) or int(value) < 1):
            return _("{name}={value} must be a whole number of 1 or more").format(
                name=name, value=printable(value)
            )
        if name == "FREQ" and value.upper() not in _FREQUENCIES:
            return _("FREQ={value} is not a frequency (DAILY, WEEKLY, MONTHLY, YEARLY)").format(
                value=printable(value)
            )
    if "FREQ" not in seen:
        return _("it names no frequency (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)")
    return None


def _parts(text: str) -> dict[str, str]:
    """A rule's parts by name, names and values in upper case (``{"FREQ": "DAILY"}``)."""
    return dict(part.split("=", 1) for part in text.upper().split(";") if "=" in part)


_MORE_THAN_DAILY = frozenset({"HOURLY", "MINUTELY", "SECONDLY"})
"""Frequencies no calendar program offers a coordinator (Outlook, Google, Apple and
Thunderbird repeat daily at most) and whose search dateutil cannot bound: it tries a rule
such as ``FREQ=MINUTELY;BYWEEKNO=1;BYMONTH=6`` minute by minute for a day at a time."""


def _misplaced_part(parts: Mapping[str, str]) -> str | None:
    """What RFC 5545 (3.3.10) forbids of a rule part at the rule's frequency, if any:
    rules no calendar program writes, and which dateutil would search day by day."""
    frequency = parts.get("FREQ", "")
    if "BYWEEKNO" in parts and frequency != "YEARLY":
        return N_("RFC 5545 allows BYWEEKNO in a yearly rule only.")
    if "BYYEARDAY" in parts and frequency in ("DAILY", "WEEKLY", "MONTHLY"):
        return N_("RFC 5545 does not allow BYYEARDAY in a daily, weekly or monthly rule.")
    if "BYMONTHDAY" in parts and frequency == "WEEKLY":
        return N_("RFC 5545 does not allow BYMONTHDAY in a weekly rule.")
    numbered = any(day.strip()[:1] in "+-0123456789" for day in parts.get("BYDAY", "").split(","))
    if numbered and parts.get("BYDAY") and frequency not in ("MONTHLY", "YEARLY"):
        return N_("RFC 5545 numbers the days of BYDAY (2TU) in a monthly or yearly rule only.")
    return None


def _parsed(rule: str, text: str, local_start: datetime) -> rrule:
    try:
        parsed = rrulestr(text, dtstart=local_start)
    except (ValueError, TypeError) as error:
        raise _unreadable(rule, error) from error
    if not isinstance(parsed, rrule):
        raise RecurrenceError(_("{rule} must be a single RRULE").format(rule=quoted(rule)))
    return parsed


_YEARS_LATER = (MAXYEAR - limits.LATEST_DAY.year) // 400 * 400
"""How far ahead :func:`wall_clock_starts` searches a rule's dates: 7,600 years.

The Gregorian calendar repeats itself every 400 years to the weekday (146,097 days are
exactly 20,871 weeks, and the leap years fall alike), so a rule meets the same dates, the
same weekdays and week numbers, any multiple of 400 years later. dateutil searches for a
rule's next date until it finds one or reaches the year 9999: a rule that no date meets
(``BYMONTH=2;BYMONTHDAY=30``) is searched day by day to there, for seconds or a minute.
Searched 7,600 years ahead, the rule's search ends where the year 9999 falls: at
:data:`SEARCH_END` in the rule's own dates."""

SEARCH_END = datetime(MAXYEAR - _YEARS_LATER, 12, 31, 23, 59, 59)
"""The last wall-clock time a rule's dates are searched to (2399-12-31 23:59:59): past the
program's last day, so a series that runs beyond it is seen to, and refused."""

_UNTIL = re.compile(r"UNTIL=(\d{4})", re.IGNORECASE)


def wall_clock_starts(
    rule: str, local_start: datetime, zone_name: str | None = None
) -> Iterator[datetime]:
    """The naive wall-clock starts the rule gives from ``local_start``, in order, the
    search for them bounded: a rule is judged in a fraction of a second, whatever it says.

    Raises :class:`RecurrenceError` for a rule that cannot be read, and, as the starts are
    taken, for a series that runs past the program's last day (a start after it, or fewer
    starts than its COUNT before the search ends).
    """
    naive = local_start.replace(tzinfo=None)
    if not limits.day_in_range(naive.date()):
        raise RecurrenceError(
            _("A series must start within the program's dates, {range}.").format(
                range=limits.describe_day_range()
            )
        )
    text = _rule_text(rule, zone_name)
    later = _parsed(
        rule,
        _UNTIL.sub(lambda match: f"UNTIL={int(match.group(1)) + _YEARS_LATER:04d}", text),
        naive.replace(year=naive.year + _YEARS_LATER),
    )
    if _no_date_meets(text, naive):
        return
    latest = datetime.combine(limits.LATEST_DAY, datetime.max.time())
    taken = 0
    dates = iter(later)
    while True:
        try:
            found = next(dates)
        except StopIteration:
            break
        except (IndexError, ValueError, OverflowError) as error:
            # dateutil trips over some rules it parsed (BYMONTH=1;BYDAY=53MO)
            raise _unreadable(rule, error) from error
        start = found.replace(year=found.year - _YEARS_LATER)
        if start > latest:
            raise _runs_past()
        taken += 1
        yield start
    wanted = _parts(text).get("COUNT", "")
    if wanted.isdigit() and 0 < taken < int(wanted):
        raise _runs_past()


_MONTH_LENGTHS = {
    leap: [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] for leap in (False, True)
}


def _no_date_meets(text: str, start: datetime) -> bool:
    """True when the rule can give no date at all, said at once rather than after the whole
    bounded search: its months, days of the month and days of the year never agree
    (February 30; the 100th day of the year in June), or its BYSETPOS picks a time beyond
    those a day holds (the fifth of one meeting a day). Days of the week and week numbers
    are not weighed here: every date falls on every weekday within 400 years, and the
    search bounds what is left."""
    parts = _parts(text)
    try:
        months = _numbers(parts.get("BYMONTH"))
        month_days = _numbers(parts.get("BYMONTHDAY"))
        year_days = _numbers(parts.get("BYYEARDAY"))
        positions = _numbers(parts.get("BYSETPOS"))
        times_a_day = _times_a_day(parts)
    except ValueError:
        return False  # the parser's own message says what is wrong
    # Every day of a daily rule holds the same times, so a position beyond them is never
    # met, and nothing ends the day-by-day search early.
    if (
        positions is not None
        and times_a_day is not None
        and not any(0 < abs(position) <= times_a_day for position in positions)
    ):
        return True
    derived = not ({"BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY"} & parts.keys())
    if derived and parts.get("FREQ") in ("YEARLY", "MONTHLY"):
        month_days = {start.day}  # RFC 5545: taken from the start, as dateutil does
        if parts.get("FREQ") == "YEARLY" and months is None:
            months = {start.month}
    if month_days is None and year_days is None and months is None:
        return False
    for leap, lengths in _MONTH_LENGTHS.items():
        year_length = 366 if leap else 365
        before = 0
        for month, length in enumerate(lengths, start=1):
            days = range(1, length + 1)
            if months is None or month in months:
                for day in days if month_days is None else _days_of(month_days, length):
                    year_day = before + day
                    if year_days is None or {year_day, year_day - year_length - 1} & year_days:
                        return False
            before += length
    return True


def _times_a_day(parts: Mapping[str, str]) -> int | None:
    """How many times a day of a DAILY rule holds (what its BYSETPOS picks from): the
    hours, minutes and seconds it names, one where it names none; None for the longer
    periods, whose days vary."""
    if parts.get("FREQ") != "DAILY":
        return None
    count = 1
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        count *= len(_numbers(parts.get(name)) or {0})
    return count


def _numbers(value: str | None) -> set[int] | None:
    return None if value is None else {int(number) for number in value.split(",")}


def _days_of(month_days: set[int], length: int) -> list[int]:
    """The days of a month of ``length`` days that BYMONTHDAY values (31, -1) name."""
    return [day if day > 0 else length + day + 1 for day in month_days if 0 < abs(day) <= length]


def _unreadable(rule: str, error: Exception) -> RecurrenceError:
    return RecurrenceError(
        _("{rule} is not a recurrence rule such as FREQ=MONTHLY;COUNT=6 ({reason})").format(
            rule=quoted(rule), reason=printable(str(error))
        )
    )


def _runs_past() -> RecurrenceError:
    return RecurrenceError(
        _("The series runs past {day}, the program's last day; shorten it.").format(
            day=limits.LATEST_DAY.isoformat()
        )
    )


_UTC_UNTIL = re.compile(r"UNTIL=(\d{8}T\d{6})Z", re.IGNORECASE)


def _local_until(match: re.Match[str], zone_name: str) -> str:
    return f"UNTIL={until_wall_clock(match.group(1) + 'Z', zone_name):%Y%m%dT%H%M%S}"


def until_wall_clock(until: str, zone_name: str | None) -> datetime:
    """An UNTIL value as the wall-clock time of the series' zone the expansion compares
    its meetings with: a date is its first moment, a local time is taken as it is, and a
    time in UTC (``...Z``) is read in ``zone_name`` (kept in UTC without one).

    Raises ValueError for a value RFC 5545 would not write, TimeZoneError for an unknown
    zone."""
    text = until.strip().upper()
    if len(text) == 8:
        return datetime.strptime(text, "%Y%m%d")
    if len(text) == 16 and text.endswith("Z"):
        instant = datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        if zone_name is None:
            return instant.replace(tzinfo=None)
        return timezones.to_local(instant, zone_name).replace(tzinfo=None)
    return datetime.strptime(text, "%Y%m%dT%H%M%S")


def local_starts(rule: str, start: datetime, zone_name: str) -> list[datetime]:
    """The naive wall-clock starts the rule produces, in ``zone_name``."""
    key = (rule, start, zone_name)
    starts = _RECENT.get(key)
    if starts is None:
        starts = _expanded(rule, start, zone_name)
        _RECENT.put(key, starts)
    return list(starts)


def _expanded(rule: str, start: datetime, zone_name: str) -> tuple[datetime, ...]:
    local_start = timezones.to_local(start, zone_name).replace(tzinfo=None)
    starts: list[datetime] = []
    for occurrence in wall_clock_starts(rule, local_start, zone_name):
        starts.append(occurrence)
        if len(starts) > MAX_OCCURRENCES:
            raise RecurrenceError(
                _("The series has more than {count} occurrences; shorten it.").format(
                    count=MAX_OCCURRENCES
                )
            )
    return tuple(starts)


class _RecentStarts:
    """The starts of the series expanded last, kept up to a number of starts in all.

    One series is read several times in a row (its rule, its unplaced starts, its
    meetings; an import checks its whole file before it writes any event, then checks each
    event again by its entity's rules), and expanding a rule costs far more than keeping
    its starts. Counting starts rather than series bounds the memory whatever the series
    hold: 200,000 starts take about 11 MB.
    """

    def __init__(self, most_starts: int) -> None:
        self._most = most_starts
        self._held: OrderedDict[tuple[str, datetime, str], tuple[datetime, ...]] = OrderedDict()
        self._count = 0
        self._lock = Lock()  # the window's background work expands series too

    def get(self, key: tuple[str, datetime, str]) -> tuple[datetime, ...] | None:
        with self._lock:
            starts = self._held.get(key)
            if starts is not None:
                self._held.move_to_end(key)
            return starts

    def put(self, key: tuple[str, datetime, str], starts: tuple[datetime, ...]) -> None:
        with self._lock:
            if key in self._held:
                return
            self._held[key] = starts
            self._count += len(starts) + 1
            while self._count > self._most:
                _old_key, old = self._held.popitem(last=False)
                self._count -= len(old) + 1


_RECENT = _RecentStarts(most_starts=200_000)


Unplaced = timezones.NonexistentLocalTimeError | timezones.AmbiguousLocalTimeError


def problem_starts(rule: str, start: datetime, zone_name: str) -> list[Unplaced]:
    """The occurrences whose local start does not exist or happens twice in the zone,
    each as the error that says so (its ``problem`` holds the two instants it could mean).

    Raises :class:`RecurrenceError` for a rule that cannot be a series: unreadable,
    unbounded, too long, or with no occurrence at all.
    """
    problems: list[Unplaced] = []
    starts = local_starts(rule, start, zone_name)
    if not starts:
        raise RecurrenceError(
            _(
                "The series has no occurrence: its last date (UNTIL) is before its start, "
                "or its COUNT is 0."
            )
        )
    for local in starts:
        try:
            timezones.to_utc(local, zone_name)
        except (timezones.NonexistentLocalTimeError, timezones.AmbiguousLocalTimeError) as error:
            problems.append(error)
    return problems


def rfc_reading(problem: Unplaced) -> datetime:
    """The instant RFC 5545 reads an unplaced start as (see :func:`rfc_instant`): the
    first of a repeated time's two, the later of a skipped time's."""
    early, late = problem.problem.candidates
    return early if isinstance(problem, timezones.AmbiguousLocalTimeError) else late


def rfc_instant(local: datetime, zone_name: str) -> datetime:
    """RFC 5545 section 3.3.5's reading of a wall-clock time: a time skipped by a
    change of clocks moves forward by the gap (02:30 in New York on the day clocks
    spring forward is 03:30 EDT), a repeated time is its first instant."""
    try:
        return timezones.to_utc(local, zone_name)
    except timezones.AmbiguousLocalTimeError:
        return timezones.to_utc(local, zone_name, timezones.Fold.EARLIER)
    except timezones.NonexistentLocalTimeError:
        return timezones.to_utc(local, zone_name, timezones.Fold.LATER)


def unplaced_starts(rule: str, start: datetime, zone_name: str) -> list[tuple[datetime, datetime]]:
    """The wall-clock starts of a series that fall in a gap or a fold, each with the
    instant RFC 5545 reads it as (:func:`rfc_instant`)."""
    found: list[tuple[datetime, datetime]] = []
    for local in local_starts(rule, start, zone_name):
        try:
            timezones.to_utc(local, zone_name)
        except (timezones.NonexistentLocalTimeError, timezones.AmbiguousLocalTimeError) as error:
            found.append((local, rfc_reading(error)))
    return found


def expand(
    start: datetime,
    end: datetime,
    zone_name: str,
    rule: str | None,
    changes: Iterable[OccurrenceChange] = (),
) -> list[Occurrence]:
    """Every occurrence of an event, moved ones at their new time, cancelled ones left out.

    An occurrence whose local time falls in a daylight-saving gap or fold takes RFC
    5545's reading (:func:`rfc_instant`), as every calendar client does; a series is
    saved with such an occurrence only when it holds an explicit change for it (the
    calendar import writes one for each, see :meth:`Event.problems`).
    """
    if not rule:
        return [Occurrence(start, end)]
    duration = end - start
    by_id: Mapping[datetime, OccurrenceChange] = {c.recurrence_id: c for c in changes}
    occurrences: list[Occurrence] = []
    for local in local_starts(rule, start, zone_name):
        original = rfc_instant(local, zone_name)
        change = by_id.get(original)
        if change is None:
            occurrences.append(Occurrence(original, original + duration, original))
        elif not change.cancelled:
            moved_start = change.start or original
            moved_end = change.end or moved_start + duration
            placed = placed_reading(change, readings(local, zone_name), duration) is not None
            moved = not placed and not held_as_ruled(change, duration)
            occurrences.append(Occurrence(moved_start, moved_end, original, moved=moved))
    return occurrences


def cancelled_alone(
    start: datetime,
    end: datetime,
    zone_name: str,
    rule: str | None,
    changes: Iterable[OccurrenceChange],
) -> list[Occurrence]:
    """The meetings of a series its changes cancel one by one, each at the time its rule
    gives it, in order: what :func:`expand` leaves out, and a printed schedule lists
    struck through, so that whoever holds an earlier printout finds the meeting called
    off rather than missing. A change naming no meeting the rule gives is applied
    nowhere, as :func:`expand` applies it nowhere."""
    if not rule:
        return []
    given = meeting_ids(start, zone_name, rule)
    duration = end - start
    return sorted(
        (
            Occurrence(change.recurrence_id, change.recurrence_id + duration, change.recurrence_id)
            for change in changes
            if change.cancelled and change.recurrence_id in given
        ),
        key=lambda meeting: meeting.start,
    )


def readings(local: datetime, zone_name: str) -> tuple[datetime, ...]:
    """The instants a wall-clock start can mean in the zone: its one instant, or the two
    (earlier first) of a time the clocks skip or pass twice."""
    try:
        return (timezones.to_utc(local, zone_name),)
    except (timezones.NonexistentLocalTimeError, timezones.AmbiguousLocalTimeError) as error:
        return error.problem.candidates


def placed_reading(
    change: OccurrenceChange, meeting_readings: tuple[datetime, ...], length: timedelta
) -> timezones.Fold | None:
    """The reading ``change`` places its meeting at, when it only places it; None when
    it moves or cancels it.

    A meeting on a wall-clock time the clocks skip or pass twice holds an explicit change
    saying which of its two instants (``meeting_readings``) it starts at: the calendar
    import's, or the coordinator's answer. Such a change, at one of the two and as long
    as the series' meetings (``length``), is where the rule puts the meeting once the
    question is answered: the meeting is not moved, and it follows the series as every
    other meeting does (:func:`follow_changes`). Any other start or length is a move."""
    if change.cancelled or change.start is None or len(meeting_readings) != 2:
        return None
    if change.start not in meeting_readings:
        return None
    end = change.end if change.end is not None else change.start + length
    if end - change.start != length:
        return None
    return timezones.Fold(meeting_readings.index(change.start))


def meeting_ids(start: datetime, zone_name: str, rule: str | None) -> frozenset[datetime]:
    """The start the rule gives each meeting of a series (each meeting's recurrence id);
    none for a one-off event."""
    if not rule:
        return frozenset()
    starts = local_starts(rule, start, zone_name)
    return frozenset(rfc_instant(local, zone_name) for local in starts)


Named = TypeVar("Named")
"""Anything that names a meeting by its recurrence id (a stored change, a change read
from a file)."""


def applied(
    start: datetime,
    zone_name: str,
    rule: str | None,
    changes: Iterable[Named],
    recurrence_id: Callable[[Named], datetime],
) -> list[Named]:
    """The changes that name a meeting the rule gives, as :func:`expand` applies them.

    A change whose meeting the series no longer has (its rule was shortened, or it moved
    to days where no meeting stood before) is kept but applied nowhere: every reader
    (the views, the calendar files, the change report) then tells the same meetings, and
    the series moved back finds it again."""
    if not rule:
        return []
    given = meeting_ids(start, zone_name, rule)
    return [change for change in changes if recurrence_id(change) in given]


@dataclass(frozen=True, slots=True)
class SeriesTimes:
    """What places the meetings of a series: its first start, its zone and its rule."""

    start: datetime
    zone: str
    rule: str | None
    length: timedelta | None = None
    """How long each meeting lasts (the first one's end less its start), which tells a
    meeting placed on a skipped or repeated time from one moved (:func:`placed_reading`);
    None where only which meetings the series holds matters."""


@dataclass(frozen=True, slots=True)
class FollowedChange:
    """What becomes of one moved or cancelled meeting when its series takes new times."""

    change: OccurrenceChange
    """The change as stored, naming the meeting of the series as it was."""
    meeting: datetime | None
    """The meeting of the new series it applies to (its recurrence id), or None: it
    applies to none, and the coordinator is told it is dropped."""
    reading: timezones.Fold | None = None
    """The reading the change placed its meeting at, when it only placed it on a time
    the clocks skip or pass twice (:func:`placed_reading`); None for a move or a
    cancellation, and wherever the series' lengths are not known."""
    kept: OccurrenceChange | None = None
    """The change as the new series holds it: naming :attr:`meeting` (as stored when it
    applies to none); a placement placed at the same reading of its meeting's new time,
    as long as the new series' meetings. None only for a placement whose meeting's new
    time is an ordinary one: nothing is left to choose, and the save drops it."""
    as_ruled: bool = False
    """A move that holds its new meeting at the very time and length the new series
    gives it (the third Wednesday's meeting moved to Thursday, once the series meets on
    third Thursdays): kept, so that reverting the rule finds it again, and no move any
    more (:func:`expand` marks no meeting moved that is held where its rule puts it)."""

    @property
    def dropped(self) -> bool:
        """A placement the save removes: its meeting's new time is an ordinary one."""
        return self.reading is not None and self.meeting is not None and self.kept is None


_PERIOD_ORDER = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def follow_changes(
    before: SeriesTimes, after: SeriesTimes, changes: Iterable[OccurrenceChange]
) -> list[FollowedChange]:
    """Where each change that applies to a meeting of ``before`` goes in ``after``.

    The one policy of every save (the dialog, the command line, a program file): a
    change keeps its meeting when the new rule still gives it; else it follows the one
    meeting of the new rule on the same day (the series moved by an hour), else the one
    in the same period of the rules' coarser frequency (the same week of two weekly
    rules, the same month of monthly ones: the third Wednesday becoming the third
    Thursday). A cancelled meeting stays cancelled there, a moved one keeps its moved
    time. A period holding several meetings of either rule, or two changes meeting at
    one meeting, is no obvious counterpart: such a change is reported as dropped rather
    than guessed. A meeting placed on a skipped or repeated time (:func:`placed_reading`,
    told when both series' lengths are known) moves with the series instead: it keeps
    the same reading of its new time, or its placement is dropped when that time is an
    ordinary one (:attr:`FollowedChange.kept`). Changes that applied to no meeting of
    ``before`` are left out.

    Raises :class:`RecurrenceError` (and what a zone raises) for a rule that cannot be
    expanded, as the event's rules do."""
    if not before.rule:
        return []
    old = meeting_ids(before.start, before.zone, before.rule)
    applying = [change for change in changes if change.recurrence_id in old]
    if not applying:
        return []
    if not after.rule:
        return [FollowedChange(change, None) for change in applying]
    new = meeting_ids(after.start, after.zone, after.rule)
    by_day = _follow_by(before, after, _day_of)
    by_period = _follow_by(before, after, _period_of(before.rule, after.rule))
    kept = {change.recurrence_id for change in changes} - (old - new)
    wanted = {
        change.recurrence_id: by_day.get(change.recurrence_id, by_period.get(change.recurrence_id))
        for change in applying
        if change.recurrence_id not in new
    }
    claims = Counter(meeting for meeting in wanted.values() if meeting is not None)
    targets = {change.recurrence_id: _target(change, wanted, claims, kept) for change in applying}
    placings = _placings(before, after, applying, targets)
    return [
        _followed(
            change, targets[change.recurrence_id], placings.get(change.recurrence_id), after.length
        )
        for change in applying
    ]


@dataclass(frozen=True, slots=True)
class _Placing:
    """A change that places its meeting, and where it places the meeting in the new
    series (None: its meeting's new time is an ordinary one)."""

    reading: timezones.Fold
    kept: OccurrenceChange | None


def _placings(
    before: SeriesTimes,
    after: SeriesTimes,
    applying: list[OccurrenceChange],
    targets: Mapping[datetime, datetime | None],
) -> dict[datetime, _Placing]:
    """The changes among ``applying`` that place their meeting on a skipped or repeated
    time of ``before`` (by their recurrence id), each with what the new series holds of
    it: the same reading of its meeting's new wall-clock time, when that is skipped or
    repeated too, as long as the new series' meetings; the series' first meeting takes
    the instant of the new start itself, its reading chosen where the start is typed."""
    if before.length is None or after.length is None or not after.rule:
        return {}
    old_clock = _wall_clocks(before, {change.recurrence_id for change in applying})
    new_clock = _wall_clocks(after, {meeting for meeting in targets.values() if meeting})
    first = timezones.to_local(after.start, after.zone).replace(tzinfo=None)
    found: dict[datetime, _Placing] = {}
    for change in applying:
        local = old_clock.get(change.recurrence_id)
        if local is None:
            continue
        reading = placed_reading(change, readings(local, before.zone), before.length)
        if reading is None:
            continue
        meeting = targets[change.recurrence_id]
        kept: OccurrenceChange | None = change
        if meeting is not None:
            new_local = new_clock[meeting]
            instants = readings(new_local, after.zone)
            if len(instants) != 2:
                kept = None
            else:
                at = instants[reading.value]
                if new_local == first and after.start in instants:
                    at = after.start
                kept = OccurrenceChange(meeting, False, at, at + after.length)
        found[change.recurrence_id] = _Placing(reading, kept)
    return found


def _wall_clocks(series: SeriesTimes, meetings: set[datetime]) -> dict[datetime, datetime]:
    """The wall-clock start of each of ``meetings`` (recurrence ids) the series gives."""
    found: dict[datetime, datetime] = {}
    if series.rule is None:
        return found  # a one-off event has no meetings of its own
    for local in local_starts(series.rule, series.start, series.zone):
        instant = rfc_instant(local, series.zone)
        if instant in meetings:
            found[instant] = local
    return found


def _followed(
    change: OccurrenceChange,
    meeting: datetime | None,
    placing: _Placing | None,
    length: timedelta | None,
) -> FollowedChange:
    if placing is not None:
        return FollowedChange(change, meeting, placing.reading, placing.kept)
    if meeting is None:
        return FollowedChange(change, None, None, change)
    kept = replace(change, recurrence_id=meeting)
    as_ruled = length is not None and held_as_ruled(kept, length)
    return FollowedChange(change, meeting, None, kept, as_ruled)


class MeetingChange(Protocol):
    """A change of one meeting as any reader holds it: the model's, or a calendar
    file's RECURRENCE-ID component."""

    @property
    def recurrence_id(self) -> datetime: ...

    @property
    def cancelled(self) -> bool: ...

    @property
    def start(self) -> datetime | None: ...

    @property
    def end(self) -> datetime | None: ...


def held_as_ruled(change: MeetingChange, length: timedelta) -> bool:
    """Whether a change holds its meeting at the very time and length the series gives
    it (its recurrence id, for ``length``; no end: that length): a move that moves
    nothing, which no view marks moved and an import need not keep."""
    if change.cancelled or change.start != change.recurrence_id:
        return False
    return (change.end or change.recurrence_id + length) == change.recurrence_id + length


def changes_nothing(change: MeetingChange, series: SeriesTimes) -> bool:
    """Whether storing ``change`` would change nothing: it holds its meeting at the very
    time and length the series gives it (:func:`held_as_ruled`), on a wall-clock time
    the clocks pass once, so the meeting is put back rather than stored as moved (a
    meeting dragged away and back, a move undone by hand). On a time the clocks skip or
    pass twice the same change is the answer to which instant is meant
    (:func:`placed_reading`), which the series needs: it is no such change."""
    if series.rule is None or series.length is None or not held_as_ruled(change, series.length):
        return False
    for local in local_starts(series.rule, series.start, series.zone):
        if rfc_instant(local, series.zone) == change.recurrence_id:
            return len(readings(local, series.zone)) == 1
    return False


def carried_changes(
    changes: Iterable[OccurrenceChange], followed: Iterable[FollowedChange]
) -> list[OccurrenceChange]:
    """The changes as the series keeps them once saved with new times, given what
    :func:`follow_changes` said of them: each that follows a meeting of the new series
    names it (a placement placed anew there, or dropped where nothing is left to
    choose), every other stays as it was (one with no meeting is kept, applied nowhere,
    as :meth:`Event.keep_changed_meetings` keeps it), so expanding the new series with
    them gives the meetings the save will hold."""
    kept = {item.change.recurrence_id: item.kept for item in followed}
    carried: list[OccurrenceChange] = []
    for change in changes:
        if change.recurrence_id not in kept:
            carried.append(change)
            continue
        held = kept[change.recurrence_id]
        if held is not None:
            carried.append(held)
    return carried


def followed_meetings(followed: Iterable[FollowedChange]) -> dict[datetime, datetime]:
    """The meeting each change that follows names in the new series, by the meeting it
    named before: the one renaming the save and the dialog's preview both apply."""
    return {
        item.change.recurrence_id: item.meeting for item in followed if item.meeting is not None
    }


def _target(
    change: OccurrenceChange,
    wanted: Mapping[datetime, datetime | None],
    claims: Counter[datetime],
    kept: set[datetime],
) -> datetime | None:
    """The meeting ``change`` goes to: its own while the new rule gives it; else its
    counterpart, unless another change already names it or claims it too."""
    if change.recurrence_id not in wanted:
        return change.recurrence_id
    meeting = wanted[change.recurrence_id]
    if meeting is None or meeting in kept or claims[meeting] > 1:
        return None
    return meeting


def _day_of(local: datetime) -> object:
    return local.date()


def _period_of(*rules: str) -> Callable[[datetime], object]:
    """The period of the coarser of the rules' frequencies (a week begins on the
    coarser rule's WKST, Monday unless it says otherwise), as a key of a local start."""
    parts = [_parts(rule_body(rule)) for rule in rules]
    coarsest = max(parts, key=lambda part: _PERIOD_ORDER.index(part.get("FREQ", "DAILY")))
    frequency = coarsest.get("FREQ", "DAILY")
    if frequency == "YEARLY":
        return lambda local: local.year
    if frequency == "MONTHLY":
        return lambda local: (local.year, local.month)
    if frequency == "WEEKLY":
        week_start = coarsest.get("WKST", "MO")
        first = _WEEKDAYS.index(week_start) if week_start in _WEEKDAYS else 0
        return lambda local: local.date() - timedelta(days=(local.weekday() - first) % 7)
    return _day_of


def _follow_by(
    before: SeriesTimes, after: SeriesTimes, key: Callable[[datetime], object]
) -> dict[datetime, datetime]:
    """Old recurrence id -> new, for each period (by ``key``) that holds exactly one
    meeting of each series."""
    old = _one_per(before, key)
    new = _one_per(after, key)
    return {meeting: new[period] for period, meeting in old.items() if period in new}


def _one_per(series: SeriesTimes, key: Callable[[datetime], object]) -> dict[object, datetime]:
    assert series.rule is not None
    by_period: dict[object, datetime | None] = {}
    for local in local_starts(series.rule, series.start, series.zone):
        period = key(local)
        by_period[period] = rfc_instant(local, series.zone) if period not in by_period else None
    return {period: meeting for period, meeting in by_period.items() if meeting is not None}


def span(occurrences: Iterable[Occurrence]) -> tuple[datetime, datetime] | None:
    """The first start and the last end of a set of occurrences."""
    items = list(occurrences)
    if not items:
        return None
    return min(o.start for o in items), max(o.end for o in items)
