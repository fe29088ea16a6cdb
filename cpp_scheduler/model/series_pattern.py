"""The series a coordinator picks in words (weekly on Monday and Wednesday, monthly on the
third Wednesday, ending after six meetings or on a last day), read from an RRULE and
written back as one.

The event dialog's series editor shows a rule this way. Reading it is a question about the
rule, so it is answered here, as the series expansion (:mod:`.recurrence`) reads the same
rule: a last day is the last day a meeting at the series' hour still falls on or before
the rule's UNTIL, whether that is written as a local time or, as RFC 5545 wants beside a
zoned start, in UTC. A rule these words cannot say (from an imported calendar) is kept as
it is.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from cpp_scheduler import limits, timezones
from cpp_scheduler.model.recurrence import rule_body, until_wall_clock

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""RFC 5545's names of the days, Monday first, as ``date.weekday()`` numbers them."""


MOST_PERIODS = 12
"""Every how many weeks or months a series in words repeats, at most."""
FEWEST_MEETINGS = 2
"""A series in words holds two meetings at least: one is an event of its own."""


class Repeats(StrEnum):
    """How a series repeats, in the words the editor offers."""

    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY_DATE = "monthly_date"
    MONTHLY_WEEKDAY = "monthly_weekday"
    MONTHLY_LAST_WEEKDAY = "monthly_last_weekday"
    CUSTOM = "custom"
    """A rule the words cannot say, kept as it is."""


@dataclass(frozen=True)
class SeriesPattern:
    """A series in words: how it repeats, every how many weeks or months, on which days
    of the week (Monday is 0; weekly series only), and its end: a number of meetings or
    the last day a meeting may fall on, one of the two."""

    repeats: Repeats
    interval: int = 1
    weekdays: frozenset[int] = frozenset()
    count: int | None = None
    last_day: date | None = None


def weekday_position(day: date) -> int:
    """Which occurrence of its weekday ``day`` is in its month (1 to 5)."""
    return (day.day - 1) // 7 + 1


def is_last_weekday(day: date) -> bool:
    """Whether ``day`` is the last of its weekday in its month."""
    return day.day + 7 > calendar.monthrange(day.year, day.month)[1]


def offered(first_day: date) -> tuple[Repeats, ...]:
    """The patterns a series starting on ``first_day`` can follow in words: "monthly on
    the fifth Tuesday" is not offered (most months have none), "on the last Tuesday" only
    from the month's last one."""
    found = [Repeats.NONE, Repeats.WEEKLY, Repeats.MONTHLY_DATE]
    if weekday_position(first_day) <= 4:
        found.append(Repeats.MONTHLY_WEEKDAY)
    if is_last_weekday(first_day):
        found.append(Repeats.MONTHLY_LAST_WEEKDAY)
    return tuple(found)


_SAID = frozenset({"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL"})
"""The parts of a rule the words can say."""


def read_pattern(rule: str | None, local_start: datetime, zone_name: str | None) -> SeriesPattern:
    """``rule`` in words, for a series whose first meeting is ``local_start`` (a wall-clock
    time in ``zone_name``, the event's zone, in which a UTC UNTIL is read)."""
    if not rule:
        return SeriesPattern(Repeats.NONE)
    parts = _parts(rule)
    custom = SeriesPattern(Repeats.CUSTOM)
    if set(parts) - _SAID or ("COUNT" in parts) == ("UNTIL" in parts):
        return custom
    try:
        interval = int(parts.get("INTERVAL") or "1")
        count = int(parts["COUNT"]) if "COUNT" in parts else None
        last_day = (
            last_meeting_day(parts["UNTIL"], local_start, zone_name) if "UNTIL" in parts else None
        )
    except (ValueError, timezones.TimeZoneError, OSError):
        return custom
    if not 1 <= interval <= MOST_PERIODS or (
        count is not None and not FEWEST_MEETINGS <= count <= limits.MAX_SERIES_OCCURRENCES
    ):
        return custom  # said in words, it would be said wrongly
    repeats = _repeats(parts, local_start.date())
    if repeats is Repeats.CUSTOM:
        return custom
    weekdays: frozenset[int] = frozenset()
    if repeats is Repeats.WEEKLY:
        # A weekly rule naming no day meets on its start's weekday (RFC 5545, 3.3.10).
        named = [code for code in parts.get("BYDAY", "").split(",") if code]
        codes = named or [WEEKDAY_CODES[local_start.weekday()]]
        weekdays = frozenset(WEEKDAY_CODES.index(code) for code in codes)
    return SeriesPattern(repeats, interval, weekdays, count, last_day)


def write_rule(pattern: SeriesPattern, local_start: datetime) -> str | None:
    """The RRULE value (without ``RRULE:``) of ``pattern`` for a series whose first
    meeting is ``local_start``; None for one that does not repeat. Its last day is
    written as the local end of that day, which the series expansion reads in the
    event's zone."""
    day = local_start.date()
    repeats = pattern.repeats
    if repeats is Repeats.NONE:
        return None
    if repeats is Repeats.CUSTOM:
        raise ValueError("a rule the words cannot say is kept as it is, not written")
    parts = ["FREQ=WEEKLY" if repeats is Repeats.WEEKLY else "FREQ=MONTHLY"]
    if pattern.interval > 1:
        parts.append(f"INTERVAL={pattern.interval}")
    code = WEEKDAY_CODES[day.weekday()]
    if repeats is Repeats.WEEKLY:
        chosen = [WEEKDAY_CODES[number] for number in sorted(pattern.weekdays)]
        parts.append("BYDAY=" + ",".join(chosen or [code]))
    elif repeats is Repeats.MONTHLY_DATE:
        parts.append(f"BYMONTHDAY={day.day}")
    elif repeats is Repeats.MONTHLY_WEEKDAY:
        parts.append(f"BYDAY={weekday_position(day)}{code}")
    else:
        parts.append(f"BYDAY=-1{code}")
    if pattern.last_day is not None:
        parts.append(f"UNTIL={pattern.last_day:%Y%m%d}T235959")
    else:
        parts.append(f"COUNT={pattern.count or 2}")
    return ";".join(parts)


def last_meeting_day(until: str, local_start: datetime, zone_name: str | None) -> date:
    """The last day a meeting of a series starting at ``local_start`` can fall on, by its
    UNTIL value: a date (inclusive, as for an all-day series), a local time, or a time in
    UTC read in ``zone_name``. A meeting is held at the series' hour, so an UNTIL before
    that hour ends the series the day before: a Tokyo series at 10:00 until 1 March 00:00
    UTC (09:00 in Tokyo) last meets on 28 February or before."""
    local_until = until_wall_clock(until, zone_name)
    if local_until.time() < local_start.replace(tzinfo=None).time():
        return local_until.date() - timedelta(days=1)
    return local_until.date()


def _parts(rule: str) -> dict[str, str]:
    """A rule's parts by name, names and values in upper case and trimmed."""
    parts: dict[str, str] = {}
    for part in rule_body(rule).split(";"):
        key, _, value = part.partition("=")
        if key.strip():
            parts[key.strip().upper()] = value.strip().upper()
    return parts


def _repeats(parts: dict[str, str], day: date) -> Repeats:
    """Which of the words a rule's parts say, for a series whose first day is ``day``."""
    code = WEEKDAY_CODES[day.weekday()]
    frequency, byday = parts.get("FREQ"), parts.get("BYDAY", "")
    if (
        frequency == "WEEKLY"
        and "BYMONTHDAY" not in parts
        and all(item in WEEKDAY_CODES for item in byday.split(",") if item)
    ):
        return Repeats.WEEKLY
    if frequency == "MONTHLY" and parts.get("BYMONTHDAY") == str(day.day) and not byday:
        return Repeats.MONTHLY_DATE
    if frequency == "MONTHLY" and "BYMONTHDAY" not in parts:
        if byday == f"{weekday_position(day)}{code}" and weekday_position(day) <= 4:
            return Repeats.MONTHLY_WEEKDAY
        if byday == f"-1{code}" and is_last_weekday(day):
            return Repeats.MONTHLY_LAST_WEEKDAY
    return Repeats.CUSTOM
