"""A calendar file's own time zone (VTIMEZONE) checked line by line before it is read.

icalendar builds a zone's clock with dateutil as its parser reaches ``END:VTIMEZONE``, and
a zone without the properties RFC 5545 (section 3.6.5) requires, or with a value neither
reads, fails there in their words ("mandatory DTSTART not found", "Expected time, got:
garbage", "unsupported RDATE parm: VALUE=PERIOD"), naming no zone, no line and no
property. The importer's line pass hands each VTIMEZONE's lines to
:func:`check_zone_lines` as its END comes, which refuses such a zone in one line naming
the zone (its TZID), the line and the property, in a coordinator's words; a zone that
passes is one icalendar and dateutil read, but for a rule dateutil alone refuses (the
13th month), which the importer then names by its zone and line as
:func:`zone_unreadable` words it.

The checks follow RFC 5545 where a reading would otherwise guess: the zone gives its
name (TZID) once and holds STANDARD and DAYLIGHT blocks alone, at least one; each block
gives its start (DTSTART) on the zone's own clock, its offsets before and after
(TZOFFSETFROM, TZOFFSETTO), each once, and its other changes (RDATE) as dates and times.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from dateutil.rrule import rrulestr
from icalendar import vDDDTypes, vRecur, vUTCOffset
from icalendar.parser.content_line import Contentline

from cpp_scheduler.errors import printable, quoted
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.ical.errors import CalendarFileError

_BLOCKS = ("STANDARD", "DAYLIGHT")
"""The components a VTIMEZONE holds: RFC 5545 calls them observances."""

_REQUIRED = ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO")
"""What every STANDARD and DAYLIGHT block gives, once."""

_EXPECTED = {
    "DTSTART": N_("a date and time such as 19701025T030000"),
    "TZOFFSETFROM": N_("an offset from UTC such as +0900 or -0500"),
    "TZOFFSETTO": N_("an offset from UTC such as +0900 or -0500"),
    "RRULE": N_("a yearly rule such as FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
    "RDATE": N_("a list of dates and times such as 19701025T030000"),
}
"""What each value a block gives must be, as a refusal says it."""


def _read_rdate(value: str) -> None:
    for part in value.split(","):
        vDDDTypes.from_ical(part)  # type: ignore[no-untyped-call]


def _read_rule(value: str) -> None:
    """A rule as icalendar reads it, then as dateutil builds it when the zone is used
    (without its UNTIL, whose date icalendar has read and dateutil compares with the
    zone's own times); an INTERVAL below 1, which dateutil takes and then searches for
    ever, is refused as RFC 5545 refuses it."""
    rule = vRecur.from_ical(value)
    interval = rule.get("INTERVAL")
    if interval and int(interval[0]) < 1:
        raise ValueError(value)
    rrulestr(
        ";".join(part for part in value.split(";") if not part.upper().startswith("UNTIL=")),
        dtstart=_SOME_START,
    )


_SOME_START = datetime(2000, 1, 1)
"""A start for dateutil to build a rule from: building one expands nothing."""

_READERS: dict[str, Callable[[str], Any]] = {
    "DTSTART": vDDDTypes.from_ical,
    "TZOFFSETFROM": vUTCOffset.from_ical,
    "TZOFFSETTO": vUTCOffset.from_ical,
    "RRULE": _read_rule,
    "RDATE": _read_rdate,
}
"""icalendar's own reading of each value a block gives, which its parser applies."""


@dataclass
class _Block:
    """A STANDARD or DAYLIGHT block being read: its name, its BEGIN line, and the lines
    of the properties it must give once."""

    name: str
    line: int
    given: dict[str, int] = field(default_factory=dict)


def _parts(line: str) -> tuple[str, Any, str]:
    """A content line's name (upper case), parameters and value, as icalendar splits it."""
    name, parameters, value = Contentline(line).parts()  # type: ignore[no-untyped-call]
    return str(name).upper(), parameters, str(value)


def zone_tzid(lines: Sequence[tuple[str, int]]) -> str:
    """The TZID a VTIMEZONE's lines (BEGIN to END) give it first, or "" for none."""
    depth = 0
    for line, _number in lines:
        key = line.partition(":")[0].split(";", 1)[0].upper()
        if key == "BEGIN":
            depth += 1
        elif key == "END":
            depth -= 1
        elif key == "TZID" and depth == 1:
            return line.partition(":")[2].strip()
    return ""


@cache
def _database_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _names_a_database_zone(tzid: str) -> bool:
    """Whether icalendar takes the zone of the database by ``tzid``'s name, as its
    zoneinfo provider does, instead of building the file's VTIMEZONE as it reads it."""
    return tzid.strip("/") in _database_zones()


def zone_shown(tzid: str) -> str:
    """The zone as a refusal names it: its TZID quoted, or words that say it has none."""
    return quoted(tzid) if tzid else _("without a name (TZID)")


def zone_unreadable(source: str, tzid: str, reason: str, line: int) -> CalendarFileError:
    """The refusal of a zone that icalendar or dateutil cannot read, in their words."""
    return CalendarFileError(
        source,
        _("the time zone {zone} cannot be read: {reason}").format(
            zone=zone_shown(tzid), reason=printable(reason, 120)
        ),
        line=line,
        component="VTIMEZONE",
    )


def check_zone_lines(source: str, lines: Sequence[tuple[str, int]]) -> None:
    """Refuse the VTIMEZONE whose content lines (unfolded, BEGIN to END, each with its
    number) are ``lines`` unless RFC 5545 defines a clock by them, naming the zone, the
    line and the property (see the module's words)."""
    tzid = zone_tzid(lines)
    zone = zone_shown(tzid)
    zone_line = lines[0][1]
    # What dateutil does not take is refused only where icalendar builds the zone's clock
    # with it as it reads the file, which then fails; a zone of the database's name is
    # read by that zone where its own rules cannot be (see the importer's _own_rules).
    built_as_read = not _names_a_database_zone(tzid)
    names_given = 0
    blocks = 0
    block: _Block | None = None

    def refuse(reason: str, line: int, component: str) -> CalendarFileError:
        return CalendarFileError(source, reason, line=line, component=component)

    for line, number in lines[1:-1]:
        try:
            key, parameters, value = _parts(line)
        except ValueError as error:
            raise refuse(
                _("the time zone {zone} has a line that cannot be read ({reason})").format(
                    zone=zone, reason=printable(str(error), 120)
                ),
                number,
                block.name if block else "VTIMEZONE",
            ) from None
        if key == "BEGIN":
            opened = value.strip().upper()
            if block is None and opened in _BLOCKS:
                block = _Block(opened, number)
                blocks += 1
                continue
            if block is not None:
                raise refuse(
                    _(
                        "the time zone {zone} has BEGIN:{name} inside its {block} block, "
                        "which holds no component"
                    ).format(zone=zone, name=printable(opened), block=block.name),
                    number,
                    opened,
                )
            raise refuse(
                _(
                    "the time zone {zone} holds BEGIN:{name}; a time zone holds STANDARD "
                    "and DAYLIGHT blocks alone"
                ).format(zone=zone, name=printable(opened)),
                number,
                opened,
            )
        if block is None:
            if built_as_read:
                _check_taken(source, zone, "VTIMEZONE", key, parameters, number)
            if key == "TZID":
                names_given += 1
                if names_given > 1:
                    raise refuse(
                        _("the time zone {zone} gives its name (TZID) more than once").format(
                            zone=zone
                        ),
                        number,
                        "VTIMEZONE",
                    )
            continue
        if key == "END":
            _check_complete(source, zone, block)
            block = None
            continue
        _check_property(source, zone, block, key, parameters, value, number, built_as_read)
    if blocks == 0:
        raise refuse(
            _(
                "the time zone {zone} holds no STANDARD or DAYLIGHT block, so it gives no "
                "offset from UTC"
            ).format(zone=zone),
            zone_line,
            "VTIMEZONE",
        )


def _check_property(
    source: str,
    zone: str,
    block: _Block,
    key: str,
    parameters: Any,
    value: str,
    number: int,
    built_as_read: bool,
) -> None:
    """Refuse a property of a STANDARD or DAYLIGHT block given twice, given on another
    zone's clock, or whose value icalendar cannot read; with ``built_as_read``, one
    dateutil does not take either (see :func:`_check_taken`)."""
    if key in _REQUIRED:
        if key in block.given:
            raise CalendarFileError(
                source,
                _("the time zone {zone} gives {name} more than once in one {block} block").format(
                    zone=zone, name=key, block=block.name
                ),
                line=number,
                component=block.name,
            )
        block.given[key] = number
    if key == "DTSTART" and parameters.get("TZID"):
        raise CalendarFileError(
            source,
            _(
                "the time zone {zone} gives the start of a {block} block on another zone's "
                "clock (TZID={tzid}); a time zone gives its changes on its own clock"
            ).format(zone=zone, block=block.name, tzid=printable(str(parameters["TZID"]))),
            line=number,
            component=block.name,
        )
    if key == "RDATE" and str(parameters.get("VALUE", "")).upper() == "PERIOD":
        raise CalendarFileError(
            source,
            _(
                "the time zone {zone} gives its changes of clocks as periods "
                "(RDATE;VALUE=PERIOD); a time zone gives them as dates and times"
            ).format(zone=zone),
            line=number,
            component=block.name,
        )
    if built_as_read:
        _check_taken(source, zone, block.name, key, parameters, number)
    reader = _READERS.get(key)
    if reader is None:
        return
    try:
        reader(value)
    except (ValueError, TypeError, IndexError, KeyError):
        raise CalendarFileError(
            source,
            _("the time zone {zone} gives {name} as {value}, which is not {expected}").format(
                zone=zone, name=key, value=quoted(value), expected=_(_EXPECTED[key])
            ),
            line=number,
            component=block.name,
        ) from None


_TAKEN = {
    "VTIMEZONE": frozenset(["TZID", "TZURL", "LAST-MODIFIED", "COMMENT"]),
    "STANDARD": frozenset(
        [
            "DTSTART",
            "RRULE",
            "RDATE",
            "EXRULE",
            "EXDATE",
            "TZOFFSETFROM",
            "TZOFFSETTO",
            "TZNAME",
            "COMMENT",
        ]
    ),
}
"""The properties dateutil builds a zone's clock from, where: it refuses any other
(icalendar leaves out the ``X-`` ones before it asks again, X-LIC-LOCATION among them)."""

_WITHOUT_PARAMETERS = frozenset({"TZID", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME"})
"""Properties dateutil refuses with any parameter (TZNAME;LANGUAGE=en among them)."""


def _check_taken(
    source: str, zone: str, component: str, key: str, parameters: Any, number: int
) -> None:
    """Refuse a property dateutil does not take where it stands, or with a parameter it
    does not take, in words that say so instead of dateutil's ("unsupported property")."""
    if key.startswith("X-"):
        return
    if key not in _TAKEN["VTIMEZONE" if component == "VTIMEZONE" else "STANDARD"]:
        raise CalendarFileError(
            source,
            _(
                "the time zone {zone} gives {name} in {where}, where the program cannot read it"
            ).format(zone=zone, name=printable(key), where=component),
            line=number,
            component=component,
        )
    shown = [
        f"{name}={value}"
        for name, value in parameters.items()
        if key in _WITHOUT_PARAMETERS or (key == "DTSTART" and str(name).upper() != "VALUE")
    ]
    if shown:
        raise CalendarFileError(
            source,
            _(
                "the time zone {zone} gives {name} with a parameter ({parameter}), which the "
                "program cannot read there"
            ).format(zone=zone, name=key, parameter=printable(shown[0])),
            line=number,
            component=component,
        )


def _check_complete(source: str, zone: str, block: _Block) -> None:
    """Refuse a STANDARD or DAYLIGHT block that lacks a property every block gives."""
    for name in _REQUIRED:
        if name not in block.given:
            raise CalendarFileError(
                source,
                _(
                    "the time zone {zone} has a {block} block without {name}; each STANDARD "
                    "and DAYLIGHT block gives its start (DTSTART) and the offsets from UTC "
                    "before and after it (TZOFFSETFROM, TZOFFSETTO)"
                ).format(zone=zone, block=block.name, name=name),
                line=block.line,
                component=block.name,
            )


__all__ = ["check_zone_lines", "zone_shown", "zone_tzid", "zone_unreadable"]
