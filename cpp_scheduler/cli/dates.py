"""The days a command's ``--from`` and ``--to`` name.

Every command reads them alike: YYYY-MM-DD, both ends included, within the days the
program plans for (:mod:`cpp_scheduler.limits`), a mistake said in one line with exit
status 2. Ranges of the program (``events list``, ``conflicts``, the agenda of ``export
xlsx|csv``) are whole days in Tokyo, TDLC's home, so the commands and the window agree on
what "15 February" holds; ``--days-in ZONE`` reads them on another clock, as the window
reads its days once its zone selector shows the calendar on that clock.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from cpp_scheduler import limits, timezones
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.errors import printable, quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.scheduling.inputs import zone_city

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(option: str, text: str | None) -> date | None:
    """The date written after ``option``, or None when the option was not given."""
    if text is None:
        return None
    try:
        if not _DATE.match(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise CliError(
            _("{option} {text} is not a date; write it as YYYY-MM-DD (such as 2027-02-15)").format(
                option=option, text=quoted(text)
            ),
            status=2,
        ) from None
    refuse_outside_program(option, text, day)
    return day


def refuse_outside_program(option: str, text: str, day: date) -> None:
    """Refuse a date or a time written as ``text`` whose ``day`` falls outside the days
    the program plans for: no zone can read the year 1 or 9999 safely, and no record
    holds such a day."""
    if not limits.day_in_range(day):
        raise CliError(
            _("{option} {day} is outside the days the program plans for ({days})").format(
                option=option, day=printable(text), days=limits.describe_day_range()
            ),
            status=2,
        )


def parse_moment(option: str, text: str) -> datetime:
    """The time written after ``option``: an instant with its offset, or a naive time
    (YYYY-MM-DDTHH:MM) that the caller reads on a zone's wall clock, never guessed
    where the clocks skip or repeat it (:func:`in_zone`)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(
            _("{option} {text} is not a time (YYYY-MM-DDTHH:MM)").format(
                option=option, text=quoted(text)
            ),
            status=2,
        ) from None
    refuse_outside_program(option, text, moment.date())
    return moment


def in_zone(option: str, moment: datetime, zone: str) -> datetime:
    """``moment`` (from :func:`parse_moment`) as an instant in UTC: a naive time read on
    ``zone``'s wall clock, refused in one line where the clocks skip or repeat it."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    try:
        return timezones.to_utc(moment, zone)
    except timezones.TimeZoneError as error:
        raise CliError(f"{option}: {error}", status=2) from None


def days_in_note() -> str:
    """The sentence a command's description ends with where it takes ``--days-in``."""
    return _(
        "With --days-in ZONE, --from and --to are whole days in that zone instead, as "
        "the window's days are once it shows the calendar on that clock."
    )


def add_day_options(
    parser: argparse.ArgumentParser, what: str, *, required: bool = False, days_in: bool = False
) -> None:
    """``--from`` and ``--to``, kept as text until :func:`day_range` reads them; with
    ``days_in``, ``--days-in ZONE`` too, the clock whose days they name (for the
    commands whose question the window answers for the days it shows on its clock)."""
    parser.add_argument(
        "--from",
        dest="first",
        metavar="DATE",
        required=required,
        help=_("first day {what} (YYYY-MM-DD)").format(what=what),
    )
    parser.add_argument(
        "--to",
        dest="last",
        metavar="DATE",
        required=required,
        help=_("last day, included (YYYY-MM-DD)"),
    )
    if days_in:
        parser.add_argument(
            "--days-in",
            dest="days_in",
            default=None,
            metavar="ZONE",
            help=_(
                "read --from and --to as whole days in this IANA zone, as the window does "
                "when it shows the calendar on that clock (default: Asia/Tokyo)"
            ),
        )


@dataclass(frozen=True)
class DayRange:
    """Whole days from ``first`` to ``last`` (both included) in ``zone``; open ends allowed."""

    first: date | None
    last: date | None
    zone: str = timezones.TOKYO

    @property
    def start(self) -> datetime | None:
        """The instant the first day begins."""
        if self.first is None:
            return None
        return timezones.local_days(self.first, self.first, self.zone)[0]

    @property
    def end(self) -> datetime | None:
        """The instant the day after the last day begins."""
        if self.last is None:
            return None
        return timezones.local_days(self.last, self.last, self.zone)[1]

    def describe(self) -> str:
        """``from 2027-02-15 to 2027-02-16 (Tokyo)``, as a summary line says it."""
        where = zone_city(self.zone)
        if self.first and self.last:
            return _("from {first} to {last} ({where})").format(
                first=self.first, last=self.last, where=where
            )
        if self.first:
            return _("from {first} on ({where})").format(first=self.first, where=where)
        if self.last:
            return _("up to {last} ({where})").format(last=self.last, where=where)
        return _("in the whole program")


def day_range(args: argparse.Namespace, zone: str | None = None) -> DayRange:
    """The range ``--from`` and ``--to`` give, checked: real dates, in order; whole days
    in ``zone``, else in ``--days-in``'s zone where the command takes it, else in Tokyo."""
    if zone is None:
        zone = days_zone(args)
    first = parse_day("--from", args.first)
    last = parse_day("--to", args.last)
    if first and last and last < first:
        raise CliError(
            _("--to {last} is before --from {first}; give the earlier day first").format(
                last=last, first=first
            ),
            status=2,
        )
    return DayRange(first, last, zone)


def days_zone(args: argparse.Namespace) -> str:
    """The zone ``--days-in`` names, checked (Tokyo where the command has no such option)."""
    zone: str = getattr(args, "days_in", None) or timezones.TOKYO
    if not timezones.is_zone(zone):
        raise CliError(
            _(
                "--days-in {zone} is not a time zone; give an IANA name such as "
                "America/Lima or Asia/Kathmandu"
            ).format(zone=quoted(zone)),
            status=2,
        )
    return zone
