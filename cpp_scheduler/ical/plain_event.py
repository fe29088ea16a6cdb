"""A VEVENT of plain lines read straight from its text, as icalendar reads it.

Most of the time icalendar takes to read an event goes into its parser, not its value
types: each line is walked character by character for quotes and escapes, and each
gets a dictionary of parameters, most of them empty. An event whose lines are plain (no
component inside it, line ends CR LF or LF, no parameter but an unquoted ``TZID`` or
``VALUE``, no ``RDATE`` or ``FREEBUSY``) is read here instead: the lines unfolded and
split as icalendar does, each value read by icalendar's own type for the property, with
its own unescaping. The event comes back as a mapping of property names to the same
values icalendar's component holds (a property given twice: a list of them).

Anything else, and any value icalendar's type does not read, gives ``None``: the event
is then read by icalendar's parser as before, which reads it, or names its error, in the
words it always did. So no file is read differently, and none refused differently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType
from typing import Any

from icalendar import Parameters, vDate, vDatetime, vDDDTypes, vText
from icalendar.parser.content_line import UFOLD, Contentline
from icalendar.parser.ical.component import ComponentIcalParser
from icalendar.parser.property import split_on_unescaped_comma, unescape_backslash
from icalendar.prop import TypesFactory

_TYPES = TypesFactory.instance()
_TIMED_TYPES = (vDDDTypes, vDate, vDatetime)
_ZONED_NAMES = frozenset(ComponentIcalParser.datetime_names)
"""Properties whose TZID icalendar hands its value type."""

_LEFT_TO_ICALENDAR = frozenset({"BEGIN", "END", "RDATE", "FREEBUSY"})
"""A component inside the event, and the properties icalendar reads its own way."""

_PARAMETERS = re.compile(r"(?:;[A-Za-z-]+=[^\";:,=\\^\s](?:[^\";:,=\\^]*[^\";:,=\\^\s])?)+")
_PARAMETER = re.compile(r";([A-Za-z-]+)=([^;]*)")
_KNOWN_PARAMETERS = frozenset({"TZID", "VALUE"})
_LONE_CR = re.compile(r"\r(?!\n)")

_NO_PARAMETERS: Mapping[str, str] = MappingProxyType({})


class Timed:
    """A date, date-time or duration property: its value and its parameters, what the
    importer reads of icalendar's date and time types."""

    __slots__ = ("dt", "params")

    def __init__(self, dt: Any, params: Mapping[str, Any]) -> None:
        self.dt = dt
        self.params = params


@cache
def _type_of(name: str, value_type: str | None) -> Any:
    return _TYPES.for_property(name, value_type)


def read_plain_event(text: str) -> dict[str, Any] | None:
    """The properties of the VEVENT ``text`` (BEGIN to END line), by upper-case name, or
    None when its lines are not all plain or icalendar's types do not read a value."""
    if _LONE_CR.search(text):
        return None  # icalendar ends lines at LF alone, the outline at CR too
    if "\n " in text or "\n\t" in text:  # every fold icalendar undoes holds one of them
        text = UFOLD.sub("", text)
    # Every CR ends a line with the LF after it (no lone CR above), as icalendar splits.
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line]
    if len(lines) < 2:
        return None
    properties: dict[str, Any] = {}
    for line in lines[1:-1]:
        found = _property(line)
        if found is None:
            return None
        name, value = found
        held = properties.get(name)
        if held is None:
            properties[name] = value
        elif isinstance(held, list):
            held.append(value)
        else:
            properties[name] = [held, value]
    return properties


def _property(line: str) -> tuple[str, Any] | None:
    """One content line as icalendar's parser reads it into a component, or None."""
    colon = line.find(":")
    if colon < 0:
        return None
    semicolon = line.find(";", 0, colon)
    parameters: Mapping[str, str] | None
    if semicolon < 0:
        name, parameters = line[:colon].upper(), _NO_PARAMETERS
    else:
        name, parameters = line[:semicolon].upper(), _parameters(line[semicolon:colon])
        if parameters is None:
            return _split_by_icalendar(line)
    if name in _LEFT_TO_ICALENDAR:
        return None
    raw = line[colon + 1 :]
    value_type = parameters.get("VALUE")
    return _value(name, parameters, value_type.upper() if value_type else None, raw, raw)


def _split_by_icalendar(line: str) -> tuple[str, Any] | None:
    """A line with other parameters (a quoted CN, a list), split by icalendar's own
    content line: the few lines that have them pay for its care, not every line."""
    content = Contentline(line)  # type: ignore[no-untyped-call]
    try:
        name, parameters, raw = content.raw_parts()
    except ValueError:
        return None
    name = name.upper()
    if name in _LEFT_TO_ICALENDAR:
        return None
    listed = line[content.value_separator_index() + 1 :]
    return _value(name, parameters, parameters.value, raw, listed)


def _value(
    name: str, parameters: Mapping[str, Any], value_type: str | None, raw: str, listed: str
) -> tuple[str, Any] | None:
    """The property as icalendar's parser adds it to the component: ``raw`` is the
    value as written, ``listed`` the text icalendar splits CATEGORIES from."""
    kind = _type_of(name, value_type)
    try:
        if name == "CATEGORIES":
            return name, _with_parameters(kind(split_on_unescaped_comma(listed)), parameters)
        if kind is vText and not parameters:
            return name, unescape_backslash(raw)  # the str a vText of it is equal to
        verbatim = getattr(kind, "get_value_from_content_line", None) is not None
        value = raw if verbatim else unescape_backslash(raw)
        zone = parameters.get("TZID") if name in _ZONED_NAMES else None
        parsed = kind.from_ical(value, zone) if zone else kind.from_ical(value)
        if kind in _TIMED_TYPES:
            if not isinstance(parsed, (date, timedelta)):
                return None  # a period: icalendar's own type holds it
            return name, Timed(parsed, parameters)
        return name, _with_parameters(kind(parsed), parameters)
    except Exception:  # icalendar's parser reads the event again and says what is wrong
        return None


def _parameters(section: str) -> Mapping[str, str] | None:
    """``;TZID=Asia/Tokyo`` as {"TZID": "Asia/Tokyo"}; None for anything but TZID and
    VALUE given once each, unquoted, without escapes or spaces at their ends."""
    if not _PARAMETERS.fullmatch(section):
        return None
    found: dict[str, str] = {}
    for match in _PARAMETER.finditer(section):
        key = match.group(1).upper()
        if key not in _KNOWN_PARAMETERS or key in found:
            return None
        found[key] = match.group(2)
    return found


def _with_parameters(value: Any, parameters: Mapping[str, Any]) -> Any:
    """The value with the line's parameters (none: empty), as icalendar's parser sets
    them over whatever the type's constructor guessed."""
    value.params = parameters if isinstance(parameters, Parameters) else Parameters(parameters)
    return value


__all__ = ["Timed", "read_plain_event"]
