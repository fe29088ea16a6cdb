"""Public holidays, from the ``holidays`` package: Japan's and each delegation's country's.

Building a country's calendar for a year costs milliseconds, and the slot finder and the
conflict check ask about thousands of days; calendars are therefore built once per
country, year and language and kept. Names are in the program's language where the
package has it (Japan's holidays in Japanese: 成人の日), else in English, since they end
up in messages for the coordinator.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache

import holidays as holiday_calendars

from cpp_scheduler import i18n


@cache
def _supported() -> frozenset[str]:
    return frozenset(holiday_calendars.list_supported_countries())


@cache
def _languages() -> Mapping[str, list[str]]:
    """The languages the package names each country's holidays in."""
    return holiday_calendars.list_localized_countries()


def holidays_in(country: str, year: int) -> Mapping[date, str]:
    """The public holidays of ``country`` (ISO 3166 alpha-2) in ``year``, by date, named
    in the program's language where the package has it.

    A country the package does not know has none, rather than failing the whole check.
    """
    return _holidays_in(country.upper(), year, i18n.language())


@cache
def _holidays_in(code: str, year: int, language: str) -> Mapping[date, str]:
    if code not in _supported():
        return {}
    if language == i18n.ENGLISH or language not in _languages().get(code, ()):
        language = "en_US"
    calendar = holiday_calendars.country_holidays(code, years=year, language=language)
    return {day: str(name) for day, name in sorted(calendar.items())}


def holiday_name(country: str | None, day: date) -> str | None:
    """The holiday's name if ``day`` is a public holiday in ``country``, else None."""
    if not country:
        return None
    return holidays_in(country, day.year).get(day)


def is_supported(country: str) -> bool:
    return country.upper() in _supported()


DEFAULT_WEEKEND = frozenset({5, 6})
"""Saturday and Sunday (``date.weekday()`` numbers), for countries the package lacks."""


WEEKENDS_THE_PACKAGE_LACKS: Mapping[str, frozenset[int]] = {
    "NP": frozenset({5}),
}
"""Weekends the ``holidays`` package gives wrongly (it falls back to Saturday and Sunday
where a country's calendar sets none): Nepal works Sunday to Friday, its weekend back to
Saturday alone since June 2022, after a trial of two days."""


@cache
def weekend_days(country: str | None) -> frozenset[int]:
    """The weekdays off in ``country``: Friday and Saturday in Saudi Arabia, Friday
    alone in Iran, Saturday alone in Nepal, Saturday and Sunday in most places; from the
    ``holidays`` package, but for :data:`WEEKENDS_THE_PACKAGE_LACKS`."""
    if not country:
        return DEFAULT_WEEKEND
    code = country.upper()
    if code in WEEKENDS_THE_PACKAGE_LACKS:
        return WEEKENDS_THE_PACKAGE_LACKS[code]
    if code not in _supported():
        return DEFAULT_WEEKEND
    calendar = holiday_calendars.country_holidays(code)
    return frozenset(int(day) for day in calendar.weekend)


def weekend_of_zone(zone_name: str) -> frozenset[int]:
    """The weekdays off on a clock: those of the country the zone belongs to (Friday and
    Saturday on Riyadh's, Saturday alone on Kathmandu's), as the slot finder judges an
    attendee's day; Saturday and Sunday on a clock of no country (UTC)."""
    from cpp_scheduler.scheduling.inputs import country_of_zone

    return weekend_days(country_of_zone(zone_name))
