"""Domain rules, worded for a coordinator.

Each entity lists its own problems (``problems()``), so a dialog can show them beside the
fields before anything is saved; the session refuses to flush a record that still has
any (see :mod:`cpp_scheduler.model.integrity`). A message says what is wrong and what is
expected, never how the program works inside.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import DetachedInstanceError

from cpp_scheduler import limits, timezones
from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.model.base import HELD_ONCE


@dataclass(frozen=True)
class Problem:
    """One broken rule: the field it concerns (as the model names it) and why."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


class ValidationError(SchedulerError, ValueError):
    """A record breaks one or more domain rules; nothing was saved."""

    def __init__(self, record: str, problems: Iterable[Problem]) -> None:
        self.record = record
        self.problems = tuple(problems)
        reasons = " ".join(_said_once(self.problems))
        super().__init__(f"{record}: {reasons}")


def _said_once(problems: Iterable[Problem]) -> list[str]:
    """The messages a refusal says, one line of sentences: each once, and an end's
    problem left out when the start has one, since every editor moves the end with the
    start (a meeting dragged past the last day is refused for its start alone, not for
    its start and again for its end)."""
    problems = list(problems)
    start_refused = any(problem.field == "start_utc" for problem in problems)
    said: list[str] = []
    for problem in problems:
        if start_refused and problem.field == "end_utc":
            continue
        if problem.message not in said:
            said.append(problem.message)
    return said


# Deliberately simple: one @, a dot in the domain, no spaces. Mail servers are the judges
# of deliverability; this only catches typing mistakes.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_NOT_IN_ADDRESS = re.compile(r'[<>()\[\],;:\\"]')
"""What an address cannot hold outside quotes (RFC 5322 section 3.2.3): what a mail client
puts around an address copied from it (``<ana@example.org>``, ``ana@example.org;``,
``mailto:``). Written into To and ATTENDEE as it is, no calendar would match it with the
participant, who would get no Accept or Decline."""


def email_problem(field: str, value: str | None, *, required: bool = False) -> Problem | None:
    if not value:
        return Problem(field, _("An email address is required.")) if required else None
    if not _EMAIL.match(value):
        return Problem(
            field,
            _("{value} is not an email address (expected name@example.org).").format(
                value=quoted(value)
            ),
        )
    stray = _NOT_IN_ADDRESS.findall(value)
    if stray:
        return Problem(
            field,
            _(
                "{value} is not an email address: write one address alone, without "
                "{characters} (expected name@example.org)."
            ).format(value=quoted(value), characters=" ".join(dict.fromkeys(stray))),
        )
    return None


def country_problem(field: str, value: str | None) -> Problem | None:
    if not value:
        return Problem(field, _("Choose the country (ISO 3166 code such as PE, KE, NP)."))
    if not timezones.is_country(value):
        return Problem(
            field,
            _("{value} is not an ISO 3166 country code (such as PE, KE, NP).").format(
                value=quoted(value)
            ),
        )
    if value != value.upper():
        return Problem(
            field, _("Write the country code in capitals: {code}.").format(code=value.upper())
        )
    return None


def zone_problem(field: str, value: str | None, *, required: bool = True) -> Problem | None:
    if not value:
        return Problem(field, _("Choose a time zone.")) if required else None
    if not timezones.is_zone(value):
        return Problem(
            field,
            _(
                "{value} is not a time zone of the IANA database "
                "(such as Asia/Tokyo or America/Lima)."
            ).format(value=quoted(value)),
        )
    return None


def _country_label(country: str) -> str:
    return timezones.country_in_prose(country)


def _zone_choices(zones: tuple[str, ...]) -> str:
    shown = ", ".join(zones[:5])
    if len(zones) > 5:
        shown += _(" (or one of {count} more)").format(count=len(zones) - 5)
    return shown


def zone_in_country_problem(field: str, zone_name: str, country: str) -> Problem | None:
    zones = timezones.country_zones(country)
    if zones and zone_name not in zones:
        return Problem(
            field,
            _("{zone} is not a time zone of {country}; choose {choices}.").format(
                zone=zone_name, country=_country_label(country), choices=_zone_choices(zones)
            ),
        )
    return None


def home_zone_problem(field: str, country: str | None, zone_name: str | None) -> Problem | None:
    """A delegation's home zone: given, real, and one of its country's.

    Never guessed, even where the country has one zone: Brazil, Mexico or Indonesia span
    several, and the slot finder reads working hours in this zone.
    """
    country_ok = country is not None and country_problem(field, country) is None
    if not zone_name and country_ok:
        assert country is not None
        zones = timezones.country_zones(country)
        if len(zones) > 1:
            name = _country_label(country)
            return Problem(
                field,
                _("{country} spans several time zones; choose the delegation's: {choices}.").format(
                    country=name[:1].upper() + name[1:], choices=_zone_choices(zones)
                ),
            )
        if zones:
            return Problem(
                field,
                _("Choose the delegation's time zone ({country}: {zone}).").format(
                    country=timezones.country_name(country) or country, zone=zones[0]
                ),
            )
    found = zone_problem(field, zone_name)
    if found is None and country_ok and zone_name:
        assert country is not None
        return zone_in_country_problem(field, zone_name, country)
    return found


def hours_problem(field: str, start: time | None, end: time | None, what: str) -> Problem | None:
    if start is None or end is None:
        return Problem(field, _("Give both ends of the {what}.").format(what=what))
    if end <= start:
        return Problem(
            field,
            _("The {what} must end after they start ({start}-{end}).").format(
                what=what, start=f"{start:%H:%M}", end=f"{end:%H:%M}"
            ),
        )
    return None


_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _hidden_character(value: str) -> str | None:
    """How a coordinator would call the first character of ``value`` that no web
    address may hold (RFC 3986: no spaces, no control characters), or None."""
    for character in value:
        if character in _BREAKS:
            return _("a line break")
        if character == "\t":
            return _("a tab")
        category = unicodedata.category(character)
        if category == "Zs":
            return _("a space")
        if category == "Cc":
            return _("a control character (U+{code})").format(code=f"{ord(character):04X}")
        if category in ("Cf", "Zl", "Zp"):
            return _("an invisible character (U+{code})").format(code=f"{ord(character):04X}")
    return None


def web_address_problem(field: str, value: str | None, what: str) -> Problem | None:
    """A link participants click: an http(s) address and nothing else, so that calendar
    files can carry it (a line break in it would end the line that holds it)."""
    if not value:
        return None
    # A scheme is read whatever its case (RFC 3986, 3.1): HTTPS://EXAMPLE.ORG is a link.
    if not value[:8].lower().startswith(("https://", "http://")):
        return Problem(field, _("The {what} must start with https://.").format(what=what))
    hidden = _hidden_character(value)
    if hidden is not None:
        return Problem(
            field,
            _(
                "The {what} holds {hidden}; give one web address, without spaces, line "
                "breaks or control characters."
            ).format(what=what, hidden=hidden),
        )
    try:
        server = urlsplit(value).hostname
    except ValueError:  # an unclosed [ of an IPv6 address, a port that is no number
        server = None
    if not server:
        return Problem(
            field,
            _(
                "The {what} names no web server: give one such as https://meet.example.org/room."
            ).format(what=what),
        )
    return None


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
"""Line breaks, tabs and the other control characters (Unicode's Cc), with the line and
paragraph separators U+2028 and U+2029: what a line of text cannot show as itself."""


def holds_control(text: str) -> bool:
    """Whether ``text`` holds a line break, a tab or another control character (what
    :func:`one_line` replaces): what no name, header or calendar line may carry. Unlike
    ``str.isprintable``, a full-width space (U+3000, common between a Japanese family
    and given name), a no-break space or a zero-width joiner is part of a name."""
    return _CONTROL.search(text) is not None


_HALF_PAIR = re.compile("[\ud800-\udfff]")


def holds_half_pair(text: str) -> bool:
    """Whether ``text`` holds half of a UTF-16 surrogate pair: what a file's ``\ud800``
    or bytes of no UTF-8 (kept by Python as lone surrogates) give, and no UTF-8 file,
    database or message can write."""
    return _HALF_PAIR.search(text) is not None


def one_line(text: str) -> str:
    """``text`` as a single-line field takes it: each run of line breaks, tabs or other
    control characters becomes one space, as a title pasted from two lines of an e-mail
    reads. The editors apply it as the coordinator types; the stored record and the
    files keep what they are given, and every line that shows a text escapes it
    (:func:`cpp_scheduler.errors.printable`)."""
    return _CONTROL.sub(" ", text)


def text_length_problem(
    field: str, value: object, what: str, most: int = limits.MAX_TEXT_LENGTH
) -> Problem | None:
    """A text longer than it may be: ``most`` characters (the longest text the files
    carry, :data:`~cpp_scheduler.limits.MAX_TEXT_LENGTH`, or a column's length).

    Refused as entered, so every record the program saves is one its program file and
    calendar files carry and read back; the program file's reader refuses a longer text
    with this same line. Counting is free (``len``), whatever the length."""
    if not isinstance(value, str) or len(value) <= most:
        return None
    return Problem(
        field,
        _("{key}: {count} characters, more than the {largest} a text may hold").format(
            key=what, count=f"{len(value):,}", largest=f"{most:,}"
        ),
    )


def pasted_within(
    length: int, pasted: str, most: int = limits.MAX_TEXT_LENGTH
) -> tuple[str, str | None]:
    """Of ``pasted``, put into a text that holds ``length`` characters besides it, the part
    the text may take (up to ``most`` characters in all: the longest a text may hold,
    :func:`text_length_problem`), and the line that says the rest was left out (None
    where all of it fits). An editor takes what fits and keeps what was typed before:
    a million characters taken whole, to be refused at the save anyway, made every
    later key wait a third of a second."""
    room = max(most - length, 0)
    if len(pasted) <= room:
        return pasted, None
    left_out = len(pasted) - room
    return pasted[:room], ngettext(
        "The paste was cut at {largest} characters, the most a text may hold: "
        "{count} character was left out",
        "The paste was cut at {largest} characters, the most a text may hold: "
        "{count} characters were left out",
        left_out,
    ).format(largest=f"{most:,}", count=f"{left_out:,}")


def text_problems(record: Any, entity: Any, **what: str) -> list[Problem]:
    """The texts of ``record`` (an ``entity``, or the values of a new one) named in
    ``what`` (attribute name: how a message calls it, marked with ``N_`` and translated
    only for a text found wrong: an import checks thousands of records) longer than
    they may be (a column of a given length, a title's VARCHAR(300), up to that length,
    any other text up to :data:`~cpp_scheduler.limits.MAX_TEXT_LENGTH`), or holding a
    NUL."""
    found = []
    for name, called in what.items():
        value = getattr(record, name, None)
        if not isinstance(value, str):
            continue
        most = _longest_text(entity, name)
        if len(value) > most:
            problem = text_length_problem(name, value, _(called), most)
            if problem is not None:
                found.append(problem)
        elif "\x00" in value:
            # PostgreSQL refuses it and SQLite would keep it: refused on both, so that
            # what one program holds, its program file carries to the other.
            found.append(
                Problem(
                    name,
                    _("{key} holds a NUL character, which no database stores").format(
                        key=_(called)
                    ),
                )
            )
    return found


@cache
def _longest_text(entity: Any, name: str) -> int:
    """How many characters ``entity``'s column ``name`` may hold: its length, or the
    longest text the files carry for a column of unbounded text."""
    length = getattr(entity.__table__.columns[name].type, "length", None)
    return min(length or limits.MAX_TEXT_LENGTH, limits.MAX_TEXT_LENGTH)


def languages_problem(field: str, languages: object) -> Problem | None:
    """A delegation's list of languages that no coordinator would write: more than
    :data:`~cpp_scheduler.limits.MAX_LANGUAGES` of them, or one whose name is longer than
    :data:`~cpp_scheduler.limits.MAX_LANGUAGE_NAME_LENGTH` characters or holds a control
    character (a list of names that came in from a file is read whole, line breaks
    and all)."""
    if not isinstance(languages, list):
        return None
    if len(languages) > limits.MAX_LANGUAGES:
        return Problem(
            field,
            _("{count} languages listed, more than the {most} a delegation may list").format(
                count=f"{len(languages):,}", most=limits.MAX_LANGUAGES
            ),
        )
    for name in languages:
        if not isinstance(name, str):
            continue
        if len(name) > limits.MAX_LANGUAGE_NAME_LENGTH:
            return text_length_problem(
                field, name, _("a language's name"), limits.MAX_LANGUAGE_NAME_LENGTH
            )
        if _CONTROL.search(name):
            return Problem(
                field,
                _("The language {name} holds a line break or another control character.").format(
                    name=quoted(name)
                ),
            )
    return None


def required_text_problem(field: str, value: str | None, what: str) -> Problem | None:
    if not value or not value.strip():
        return Problem(field, _("The {what} is required.").format(what=what))
    return None


def _day_text(day: date) -> str:
    # Not strftime: it writes year 1 as "1", and these are exactly the years it may see.
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _out_of_range(what: str, shown: str) -> str:
    return _("The {what} ({shown}) is outside the dates the program plans for ({range}).").format(
        what=what, shown=shown, range=limits.describe_day_range()
    )


def instant_problem(field: str, value: datetime | None, what: str) -> Problem | None:
    """An instant outside the program's range (:mod:`cpp_scheduler.limits`).

    Refused when entered, so every file the program writes holds only instants it reads
    back: the program file writes four-digit years, and calendar clients expect them.
    """
    if not isinstance(value, datetime) or value.tzinfo is None:
        return None  # missing or naive instants are other rules' business
    if limits.instant_in_range(value):
        return None
    try:
        utc = value.astimezone(UTC)
    except OverflowError:  # the first or last day datetimes hold, off UTC
        utc = value
    shown = f"{_day_text(utc.date())} {utc.hour:02d}:{utc.minute:02d} UTC"
    return Problem(field, _out_of_range(what, shown))


def day_problem(field: str, value: date | None, what: str) -> Problem | None:
    """A day outside the program's range (:mod:`cpp_scheduler.limits`)."""
    if not isinstance(value, date) or limits.day_in_range(value):
        return None
    return Problem(field, _out_of_range(what, _day_text(value)))


def most_problem(field: str, value: int | None, what: str, most: int) -> Problem | None:
    """A number above its bound (:mod:`cpp_scheduler.limits`), refused as entered: beyond
    it the databases differ (PostgreSQL's integers end at 2**31-1, SQLite's do not) and
    the engine's arithmetic could overflow, so one rule answers for both in one line."""
    if value is None or value <= most:
        return None
    return Problem(
        field,
        _("The {what} is at most {most} (got {value}).").format(
            what=what, most=f"{most:,}", value=f"{value:,}"
        ),
    )


def collect(*problems: Problem | None) -> list[Problem]:
    return [problem for problem in problems if problem is not None]


def parent_loop(record: Any, link: str = "parent") -> list[Any] | None:
    """The records from ``record``'s parent up to ``record`` itself when filing it under
    that parent closes a loop (a theme under its own sub-theme, two events each the
    other's session); None when its chain of parents ends, or loops above it (the
    records of that loop report it).

    The database would hold such a loop, but nothing could show it as a tree, and the
    unit of work cannot order the rows; so it is refused as a rule, worded, before any
    save. The chain is followed through whatever stands for a parent (an entity, the
    values of a new record); anything without the link ends it.
    """
    chain: list[Any] = []
    seen = {id(record)}
    current = _parent_of(record, link)
    while current is not None:
        if current is record:
            return chain
        if id(current) in seen:
            return None
        seen.add(id(current))
        chain.append(current)
        current = _parent_of(current, link)
    return None


def _parent_of(record: Any, link: str) -> Any:
    """``record``'s parent, or None where it cannot be read: a record read in another
    session (a dialog's) whose parent was never loaded; the save checks it again."""
    try:
        return getattr(record, link, None)
    except DetachedInstanceError:
        return None


def loop_text(record: Any, chain: Iterable[Any], name_of: Callable[[Any], str]) -> str:
    """A loop of parents as a message shows it: 'A' → 'B' → 'A', each named by
    ``name_of``."""
    names = [name_of(record), *(name_of(item) for item in chain), name_of(record)]
    return " → ".join(quoted(name) for name in names)


# -- values given once -------------------------------------------------------------------
Values = Mapping[str, Any]
"""A record's values by attribute name: an entity's, a dialog's, a program file's."""


def folded(text: object) -> str:
    """A name, code or address as the program tells one from another: without the spaces
    around it and without case, so "Lima housing ", "LIMA HOUSING" and "Lima housing",
    which every list shows alike, are one name."""
    return text.strip().casefold() if isinstance(text, str) else ""


@dataclass(frozen=True)
class Unique:
    """A value the program holds once among the records of one kind: a delegation's
    name, a participant's address, a theme's code, a route of the travel-time table.

    Two values are one when their ``key`` is, which folds them (:func:`folded`) as the
    lists and the conflict check read them. The rule is asked of a value given or
    changed, never of one left as it was: a record an older database holds beside its
    twin stays savable while that value is left alone (:func:`new_clashes`).
    """

    field: str
    """The field the problem is shown under."""
    attributes: tuple[str, ...]
    """The attributes that make the value; the database's own unique constraint holds
    them identical at most once."""
    key: Callable[[Values], Hashable | None]
    """The value as compared, from a record's values; None when there is none yet (the
    rule that requires it says so)."""
    clash: Callable[[Values, Values], str]
    """The problem, from this record's values and those of the one holding the value:
    it names that record."""
    named_by: tuple[str, ...] = ()
    """The other attributes ``clash`` names the other record by."""
    shown: Callable[[Values], str] | None = None
    """The value as a message quotes it, where its attributes joined by commas would
    not say it as the program does elsewhere (a route: "Kobe–Kitakyushu by rail")."""

    def quoted_value(self, values: Values) -> str:
        """The value of ``values`` as a message quotes it."""
        if self.shown is not None:
            return self.shown(values)
        return ", ".join(str(values[name]) for name in self.attributes if values.get(name))

    @property
    def columns(self) -> tuple[str, ...]:
        """Every attribute the rule reads of a record."""
        return tuple(dict.fromkeys((*self.attributes, *self.named_by)))

    def given(self, values: Values, stored: Values | None) -> Hashable | None:
        """The record's value when it is given or changed (``stored`` None: a new
        record), None when it is what was stored, or empty."""
        key = self.key(values)
        if key is None or (stored is not None and self.key(stored) == key):
            return None
        return key


@dataclass(frozen=True)
class AsGiven:
    """A rule on a value as a coordinator gives it (a theme's code has no spaces),
    judged when the value is given or changed: a record an older database holds, saved
    before the rule, stays savable while that value is left as it was."""

    attribute: str
    problem: Callable[[Any], Problem | None]


def unique_rules(entity: type) -> tuple[Unique, ...]:
    """The values ``entity``'s records hold once (its ``unique_values``)."""
    found: tuple[Unique, ...] = getattr(entity, "unique_values", ())
    return found


def as_given_rules(entity: type) -> tuple[AsGiven, ...]:
    """The rules on values as given of ``entity``'s records (its ``as_given``)."""
    found: tuple[AsGiven, ...] = getattr(entity, "as_given", ())
    return found


@cache
def given_value_columns(entity: type) -> tuple[str, ...]:
    """Every attribute the rules of values given read of ``entity``'s records (none for
    most kinds): worked out once per kind, as every flush asks it of each record."""
    columns = [column for rule in unique_rules(entity) for column in rule.columns]
    columns += [rule.attribute for rule in as_given_rules(entity)]
    return tuple(dict.fromkeys(columns))


def as_given_problems(entity: type, values: Values, stored: Values | None) -> list[Problem]:
    """The problems of the values ``values`` gives or changes, against ``stored`` (None
    for a new record), by ``entity``'s rules on values as given."""
    found = []
    for rule in as_given_rules(entity):
        value = values.get(rule.attribute)
        if stored is not None and stored.get(rule.attribute) == value:
            continue
        problem = rule.problem(value)
        if problem is not None:
            found.append(problem)
    return found


class HeldValues:
    """The values the other records of a kind hold, by each of its unique rules' key:
    what a dialog reads once, in the background, to say at every keystroke whether the
    value typed is another record's (:meth:`problems`)."""

    def __init__(self, entity: type, others: Iterable[Values]) -> None:
        self.entity = entity
        self._held: list[dict[Hashable, Values]] = [{} for _rule in unique_rules(entity)]
        for values in others:
            for rule, held in zip(unique_rules(entity), self._held, strict=True):
                key = rule.key(values)
                if key is not None:
                    held.setdefault(key, values)

    def problems(self, values: Values, stored: Values | None) -> list[Problem]:
        """The rules of values given, for a record as edited (``stored``: as it was read,
        None for a new one): a value given or changed that breaks its form, or is
        another record's already, naming that record."""
        found = as_given_problems(self.entity, values, stored)
        for rule, held in zip(unique_rules(self.entity), self._held, strict=True):
            key = rule.given(values, stored)
            other = None if key is None else held.get(key)
            if other is not None:
                found.append(Problem(rule.field, rule.clash(values, other)))
        return found


@dataclass(frozen=True)
class Standing:
    """A record as a save leaves the program: its values, and those stored before it
    (None for a new record; its values again for one left as it is)."""

    values: Values
    stored: Values | None


@dataclass(frozen=True)
class Clash:
    """A record whose value given breaks a rule: the problem, and the record (by its
    place in the records judged) holding the value already, for a rule of one value."""

    record: int
    problem: Problem
    other: int | None
    rule: Unique | None


def new_clashes(entity: type, records: Sequence[Standing]) -> list[Clash]:
    """What ``records`` (all the records of ``entity``'s kind a save leaves) break by
    the rules of values given: a value given or changed that breaks its form, or that
    another record holds too, once the save is done.

    Asked of all the records at once, a set of each value, as an import of thousands
    needs: a value held before by a record left as it is names that one; two records
    given the same value, the first of them. A clash a database held before the save
    (two records stored alike) is no one's to answer for, and is left as it is.
    """
    found = [
        Clash(index, problem, None, None)
        for index, record in enumerate(records)
        for problem in as_given_problems(entity, record.values, record.stored)
    ]
    for rule in unique_rules(entity):
        keys = [rule.key(record.values) for record in records]
        holders: dict[Hashable, list[int]] = defaultdict(list)
        for index, key in enumerate(keys):
            if key is not None:
                holders[key].append(index)
        given = [rule.given(record.values, record.stored) for record in records]
        for index, record in enumerate(records):
            key = keys[index]
            if key is None or given[index] is None or len(holders[key]) < 2:
                continue
            others = [other for other in holders[key] if other != index]
            settled = [other for other in others if given[other] is None]
            earlier = settled or [other for other in others if other < index]
            if earlier:
                problem = Problem(rule.field, rule.clash(record.values, records[earlier[0]].values))
                found.append(Clash(index, problem, earlier[0], rule))
    return found


def new_clashes_in(session: Session, written: Iterable[Any]) -> dict[int, list[Problem]]:
    """The problems of values given of the records ``written`` (new or changed in
    ``session``, about to be flushed), by ``id()`` of the record: the rules of
    :func:`new_clashes`, against every record of each kind the database holds.

    A kind is read (one query of the columns the rules read) only when a record of it
    gives a value such a rule judges. Two values identical to the letter are left to
    the database's own unique constraint, which refuses them in the same step as it
    writes, even against a colleague's save at that moment, naming the database.
    """
    by_kind: dict[type, list[Any]] = defaultdict(list)
    for record in written:
        kind: type = type(record)
        if given_value_columns(kind):
            by_kind[kind].append(record)
    found: dict[int, list[Problem]] = defaultdict(list)
    for entity, records in by_kind.items():
        columns = given_value_columns(entity)
        standing = [_standing(record, columns) for record in records]
        if all(item.stored is not None and item.stored == item.values for item in standing):
            continue  # nothing the rules judge was given
        in_session = {record.id for record in records if record.id is not None}
        in_session |= {getattr(record, "id", None) for record in session.deleted}
        stored = [
            dict(row)
            for row in session.execute(
                select(entity.id, *(getattr(entity, name) for name in columns))  # type: ignore[attr-defined]
            ).mappings()
            if row["id"] not in in_session
        ]
        judged = standing + [Standing(values, values) for values in stored]
        for clash in new_clashes(entity, judged):
            if (
                clash.rule is not None
                and clash.other is not None
                and _identical(clash.rule, judged[clash.record].values, judged[clash.other].values)
            ):
                continue
            found[id(records[clash.record])].append(clash.problem)
    return found


def held_rule(entity: type) -> Unique | None:
    """The rule whose value the database holds once for ``entity``'s records (its first
    ``unique_values`` rule, in its :class:`~cpp_scheduler.model.base.HeldOnce` column);
    None for a kind without one."""
    found = unique_rules(entity)
    return found[0] if found and hasattr(entity, HELD_ONCE) else None


def held_text(key: Hashable | None) -> str | None:
    """A value held once as the database holds it, from its rule's ``key``: a text as
    it is ("lima housing"), anything else (a route's two ends, either way round, and its
    mode) written in one order as JSON; None for none."""
    if key is None or isinstance(key, str):
        return key
    return json.dumps(_in_one_order(key), ensure_ascii=False)


def _in_one_order(key: object) -> object:
    if isinstance(key, frozenset | set):
        return sorted((_in_one_order(part) for part in key), key=json.dumps)
    if isinstance(key, tuple | list):
        return [_in_one_order(part) for part in key]
    return key if isinstance(key, str | int | float | bool) else str(key)


def hold_values_once(session: Session, written: Iterable[Any], deleted: Iterable[Any]) -> None:
    """Write into the :class:`~cpp_scheduler.model.base.HeldOnce` column of each record
    ``written`` (new or changed in ``session``, its rules already asked) the value its
    rule holds once, where the flush gives it or changes it as the rule compares it:
    the database's unique index then refuses a colleague's save of the same value at
    the same moment, which the rule's check, reading before either wrote, let through.
    A value left as it was keeps what the column held (nothing, for a record stored
    beside its twin before the database held the values).

    A value passed from one record to another in the flush (two names swapped, a record
    deleted and its twin made) is let go by the one that held it first, so the row
    written first does not meet it in the other's row."""
    changing: list[tuple[Any, str | None]] = []
    for record in written:
        rule = held_rule(type(record))
        if rule is None:
            continue
        standing = _standing(record, rule.columns)
        now = held_text(rule.key(standing.values))
        if standing.stored is not None and held_text(rule.key(standing.stored)) == now:
            continue
        changing.append((record, now))
    given = {now for _record, now in changing if now is not None}
    letting_go: dict[Any, list[str]] = defaultdict(list)
    held_before = [record for record, _now in changing if inspect(record).key is not None]
    held_before += [record for record in deleted if held_rule(type(record)) is not None]
    for record in held_before:
        if getattr(record, HELD_ONCE) in given:
            letting_go[type(record).__table__].append(record.id)
    for table, ids in letting_go.items():
        session.execute(update(table).where(table.c.id.in_(ids)).values({HELD_ONCE: None}))
    for record, now in changing:
        setattr(record, HELD_ONCE, now)


def _identical(rule: Unique, values: Values, other: Values) -> bool:
    return all(values.get(name) == other.get(name) for name in rule.attributes)


def _standing(record: Any, columns: tuple[str, ...]) -> Standing:
    """A record of a session as a flush leaves it, with its values as loaded."""
    values = {name: getattr(record, name) for name in columns}
    state = inspect(record)
    if state.key is None:
        return Standing(values, None)
    stored = {}
    for name in columns:
        history = state.attrs[name].history
        if history.deleted:
            stored[name] = history.deleted[0]
        elif history.unchanged:
            stored[name] = history.unchanged[0]
        else:  # set without the stored value ever read: judged as given
            stored[name] = None
    return Standing(values, stored)
