"""Content lines written directly: a property's name, parameters and value, escaped
and folded byte for byte as icalendar writes them, without building its objects.

A calendar of ten thousand events is mostly VEVENTs; building each as an icalendar
component and serialising it costs several times the text it yields. :class:`Lines`
takes the same ``add(name, value)`` calls as an icalendar component and writes each
property at once, so one writer serves both (``export.py``); the tests compare the two
over hostile text in every field.

Every line is refused, with :class:`CalendarFileError`, if it holds a raw CR or LF
once escaped: no value can end its line and add a property or a component, with or
without Python's assertions (icalendar's own check is an ``assert``).

What icalendar does here, kept exactly:

* TEXT values through :func:`cpp_scheduler.ical.text.escape_text`; every value is
  decoded as ``utf-8-sig`` on its way to the line, so one leading U+FEFF is dropped;
* parameters sorted by name, TZID=UTC left out, a value quoted when it holds ``,``
  ``;`` ``:`` or ``’`` (a CN also for a space or an apostrophe), with the RFC 6868
  escapes (``^^``, ``^n``, ``^'``);
* DATE-TIME values with the TZID icalendar finds for their zone, or ``Z`` in UTC;
  DTSTAMP always in UTC;
* lines folded before the octet that would make them 75 long, never inside a UTF-8
  character nor between a backslash or caret and the character it escapes.

Values of other types (a rule, a duration, a status) are rare or repeat: icalendar
writes them, once per distinct value where the value can be remembered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache

import icalendar
from icalendar.timezone.tzid import tzid_from_tzinfo

from cpp_scheduler.i18n import N_, _
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.text import Text, escape_text

OUTPUT = N_("calendar export")
BROKEN_LINE = N_(
    "a value would have broken out of its line and changed the file; nothing was written"
)


def broken_line() -> CalendarFileError:
    """The refusal of an export in which a value would have ended its line, in the
    language the coordinator reads."""
    return CalendarFileError(_(OUTPUT), _(BROKEN_LINE))


FOLD_AT = 75
"""Octets at which a line is folded (RFC 5545 section 3.1), as icalendar counts them."""

_BOM = "\ufeff"
_UTC_STAMPED = frozenset({"DTSTAMP", "CREATED", "LAST-MODIFIED"})
"""Properties icalendar converts to UTC before writing (RFC 5545 requires it)."""
_ALWAYS_QUOTED = frozenset(icalendar.Parameters.always_quoted)
_QUOTE_ALSO: Mapping[str, str] = icalendar.Parameters.quote_also
_QUOTABLE = re.compile("[,;:’]")
"""What makes icalendar quote a parameter value (the typographic apostrophe too)."""
_RFC_6868 = re.compile(r'\^|\r\n|\r|\n|"')
_RFC_6868_ESCAPES = {"^": "^^", "\n": "^n", "\r": "^n", "\r\n": "^n", '"': "^'"}


def fold(line: str) -> str:
    """``line`` folded as icalendar folds it: before the character that would take a
    line to 75 octets, never right after a backslash or caret that begins an escape
    (``\\n`` stays whole). Lines of ASCII, nearly all of them, are cut by position."""
    if line.isascii():
        if len(line) < FOLD_AT:
            return line
        pieces: list[str] = []
        start = 0
        while len(line) - start > FOLD_AT - 1:
            end = start + FOLD_AT - 1
            if line[end - 1] in "\\^" and end - start > 1:
                end -= 1
            pieces.append(line[start:end])
            start = end
        pieces.append(line[start:])
        return "\r\n ".join(pieces)
    if len(line.encode("utf-8")) < FOLD_AT:
        return line
    return _fold_by_octets(line)


def _fold_by_octets(line: str) -> str:
    """:func:`fold` for a line that holds characters of more than one octet."""
    folded: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if current and count + size >= FOLD_AT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                folded.append("".join(current))
                current, count = [carried], 1
            else:
                folded.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        folded.append("".join(current))
    return "\r\n ".join(folded)


def content_line(name: str, parameters: str, value: str) -> str:
    """One property's line, folded: ``parameters`` as :func:`parameters` writes them
    (empty, or beginning with ``;``) and ``value`` already in its written form.

    Refused if it would hold a raw line break, which would end the line early."""
    line = f"{name}{parameters}:{value.removeprefix(_BOM)}"
    if "\n" in line or "\r" in line:
        raise broken_line()
    return fold(line)


def text_line(name: str, text: str) -> str:
    """A TEXT property's line (SUMMARY, DESCRIPTION, NAME ...), folded."""
    return content_line(name, "", escape_text(text))


ParameterValues = Mapping[str, str | Sequence[str]]
"""Parameters by name: a value, or a list of values."""


def uri_line(name: str, uri: str, values: ParameterValues | None = None) -> str:
    """A URI property's line: the URI as given (``text.uri_text`` makes it one)."""
    return content_line(name, parameters(values) if values else "", uri)


def categories_line(names: Sequence[str]) -> str:
    """CATEGORIES, each name escaped as TEXT and the names joined by commas."""
    return content_line("CATEGORIES", "", ",".join(escape_text(name) for name in names))


def parameters(values: ParameterValues) -> str:
    """The parameters as they follow a property's name: ``;NAME=value`` each, sorted
    by name, quoted and escaped as icalendar writes them."""
    written = []
    for key in sorted(values, key=str.upper):
        value = values[key]
        name = key.upper()
        if name == "TZID" and value == "UTC":
            continue  # a UTC time carries Z instead (RFC 5545 section 3.2.19)
        written.append(f";{name}={parameter_value(name, value)}")
    return "".join(written)


def parameter_value(name: str, value: str | Sequence[str]) -> str:
    """One parameter's value: RFC 6868 escapes, and double quotes where icalendar puts
    them (a list is written item by item, joined by commas)."""
    also = _QUOTE_ALSO.get(name)
    # For a list, icalendar looks for the characters among its items, as ``in`` does.
    always = name in _ALWAYS_QUOTED or bool(also and any(char in value for char in also))
    if isinstance(value, str):
        return _quoted(_rfc_6868(value), always=always)
    return ",".join(_quoted(_rfc_6868(item), always=always) for item in value)


def _rfc_6868(value: str) -> str:
    if not _RFC_6868.search(value):
        return value
    return _RFC_6868.sub(lambda match: _RFC_6868_ESCAPES[match.group()], value)


def _quoted(value: str, *, always: bool) -> str:
    value = value.replace('"', "'")
    return f'"{value}"' if always or _QUOTABLE.search(value) else value


# -- values ------------------------------------------------------------------------------
def date_time(name: str, value: datetime) -> tuple[str, str]:
    """A DATE-TIME value and its TZID parameter (none in UTC, where it ends in Z)."""
    if value.tzinfo is None:
        if name in _UTC_STAMPED:
            value = value.replace(tzinfo=UTC)
        else:
            return "", _date_time_text(value)  # a floating time
    elif name in _UTC_STAMPED:
        value = value.astimezone(UTC)
    zone = _zone_id(value.tzinfo) or value.tzname() or ""
    if zone == "UTC":
        return "", _date_time_text(value) + "Z"
    return _zone_parameter(zone), _date_time_text(value)


def date_times(name: str, values: Sequence[datetime]) -> tuple[str, str]:
    """A list of DATE-TIME values on one line (EXDATE), with the TZID of the last one
    that has one, as icalendar gives it."""
    written = [date_time(name, value) for value in values]
    zones = [zone for zone, _ in written if zone]
    return (zones[-1] if zones else ""), ",".join(text for _, text in written)


def _date_time_text(value: datetime) -> str:
    return (
        f"{value.year:04}{value.month:02}{value.day:02}"
        f"T{value.hour:02}{value.minute:02}{value.second:02}"
    )


@lru_cache(maxsize=1024)
def _zone_id(zone: tzinfo) -> str | None:
    """The TZID icalendar writes for a zone (``UTC`` for any name of UTC)."""
    return tzid_from_tzinfo(zone)


@lru_cache(maxsize=1024)
def _zone_parameter(zone_id: str) -> str:
    """``;TZID=...``: the same few zones on every line of a file."""
    return parameters({"TZID": zone_id})


def date_value(value: date) -> tuple[str, str]:
    return ";VALUE=DATE", f"{value.year:04}{value.month:02}{value.day:02}"


def _address(value: icalendar.vCalAddress) -> tuple[str, str]:
    """A calendar address (ORGANIZER, ATTENDEE), with the parameters it carries."""
    params = value.params
    return (parameters(params) if params else ""), str(value)


def _geo(value: tuple[float, float]) -> tuple[str, str]:
    return "", f"{float(value[0])};{float(value[1])}"


@lru_cache(maxsize=256)
def _remembered_line(name: str, value: object) -> str:
    return _library_line(name, value)


def _library_line(name: str, value: object) -> str:
    """The line icalendar writes for ``name`` and ``value``, as a VEVENT would hold it."""
    component = icalendar.Event()
    component.add(name, value)
    try:
        line = str(component.content_line(name, component[name]))
    except AssertionError as error:  # icalendar's own check, where assertions run
        raise broken_line() from error
    if "\n" in line or "\r" in line:
        raise broken_line()
    return fold(line)


def property_line(name: str, value: object) -> str:
    """The folded line for ``component.add(name, value)``, as icalendar would write it."""
    if isinstance(value, Text):
        return text_line(name, value)
    if isinstance(value, datetime):
        return content_line(name, *date_time(name, value))
    if isinstance(value, date):
        return content_line(name, *date_value(value))
    if type(value) is int:
        return f"{name}:{value}"
    if isinstance(value, icalendar.vCalAddress):
        return content_line(name, *_address(value))
    if isinstance(value, tuple) and name == "GEO":
        return content_line(name, *_geo(value))
    if isinstance(value, list) and all(isinstance(item, datetime) for item in value):
        return content_line(name, *date_times(name, value))
    try:
        return _remembered_line(name, value)
    except TypeError:  # a value that cannot be remembered, such as a rule (a dict)
        return _library_line(name, value)


class Lines:
    """A component (VEVENT, VALARM) written line by line as properties are added:
    the same calls as an icalendar component, the same bytes from :meth:`to_ical`."""

    def __init__(self, name: str, order: Sequence[str] = ()) -> None:
        self.name = name
        self._order = order
        self._lines: dict[str, list[str]] = {}
        self.subcomponents: list[Lines] = []

    def add(self, name: str, value: object) -> None:
        self._put(name, property_line(name.upper(), value))

    def add_text(self, name: str, text: str) -> None:
        """A TEXT property, as icalendar writes ``add(name, Text(text))``."""
        self._put(name, text_line(name, text))

    def add_uri(self, name: str, uri: str, parameters: ParameterValues | None = None) -> None:
        """A URI property (URL, CONFERENCE), as icalendar writes ``vUri(uri, params=...)``."""
        self._put(name, uri_line(name, uri, parameters))

    def add_categories(self, names: Sequence[str]) -> None:
        """CATEGORIES, each name escaped as TEXT (a comma inside a name stays in it)."""
        self._put("CATEGORIES", categories_line(names))

    def _put(self, name: str, line: str) -> None:
        self._lines.setdefault(name.upper(), []).append(line)

    def add_component(self, component: Lines) -> None:
        self.subcomponents.append(component)

    def line(self, name: str) -> str:
        """The (first) line of the property ``name``, folded as written."""
        return self._lines[name.upper()][0]

    def lines(self) -> list[str]:
        """Its lines as icalendar orders them: the class's canonical properties first,
        the others by name, then the subcomponents."""
        found = [f"BEGIN:{self.name}"]
        known = self._lines
        ordered = [name for name in self._order if name in known]
        ordered += sorted(name for name in known if name not in self._order)
        for name in ordered:
            found.extend(known[name])
        for component in self.subcomponents:
            found.extend(component.lines())
        found.append(f"END:{self.name}")
        return found

    def to_ical(self) -> bytes:
        return ("\r\n".join(self.lines()) + "\r\n").encode("utf-8")


def vevent() -> Lines:
    return Lines("VEVENT", icalendar.Event.canonical_order)


def valarm() -> Lines:
    return Lines("VALARM", icalendar.Alarm.canonical_order or ())


__all__ = [
    "BROKEN_LINE",
    "OUTPUT",
    "Lines",
    "ParameterValues",
    "broken_line",
    "categories_line",
    "content_line",
    "fold",
    "parameter_value",
    "parameters",
    "property_line",
    "text_line",
    "uri_line",
    "valarm",
    "vevent",
]
