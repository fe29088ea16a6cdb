"""The one time-zone database: tzdata for arithmetic, pytz's catalogue of the same release."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import pytz
import tzdata

from cpp_scheduler import i18n, timezones
from cpp_scheduler.scheduling.localtimes import HolidayWarning


def test_tzdata_and_pytz_carry_the_same_iana_release() -> None:
    assert timezones.TZDATA_RELEASE == timezones.PYTZ_RELEASE, (
        f"tzdata ships IANA {timezones.TZDATA_RELEASE} but pytz {timezones.PYTZ_RELEASE}: "
        "pin both packages to the same release in pyproject.toml"
    )


def test_the_releases_are_read_from_the_packages_themselves() -> None:
    assert timezones.TZDATA_RELEASE == tzdata.IANA_VERSION
    assert timezones.PYTZ_RELEASE == pytz.OLSON_VERSION  # type: ignore[attr-defined]


def test_zones_come_from_the_pinned_package_not_the_system() -> None:
    import zoneinfo

    assert zoneinfo.TZPATH == ()
    assert timezones.zone("Asia/Tokyo").key == "Asia/Tokyo"


@pytest.mark.parametrize("name", ["America", "Asia/", "", " Asia/Tokyo", "Mars/Olympus_Mons"])
def test_a_region_or_a_made_up_name_is_an_unknown_zone(name: str) -> None:
    assert not timezones.is_zone(name)
    with pytest.raises(timezones.UnknownZoneError, match="is not a time zone"):
        timezones.zone(name)


@pytest.mark.parametrize(
    ("zone", "first", "last", "days"),
    [
        ("Asia/Tokyo", date(2027, 4, 29), date(2027, 5, 5), 7),
        ("Europe/Berlin", date(2026, 3, 28), date(2026, 3, 30), 3),  # 71 hours
        ("America/Santiago", date(2026, 9, 6), date(2026, 9, 6), 1),  # midnight skipped
        ("Pacific/Kwajalein", date(1969, 9, 30), date(1969, 9, 30), 1),  # lived twice: 47 h
        ("Pacific/Apia", date(2011, 12, 29), date(2011, 12, 31), 2),  # the 30th skipped
        ("Pacific/Kiritimati", date(1994, 12, 30), date(1995, 1, 1), 2),  # the 31st skipped
    ],
)
def test_an_all_day_event_holds_the_days_its_zone_lived(
    zone: str, first: date, last: date, days: int
) -> None:
    start, end = timezones.local_days(first, last, zone)
    assert timezones.days_held(start, end, zone) == days


def test_a_reading_on_another_day_than_the_time_asked_gives_its_days() -> None:
    """Samoa's 10:00 on 30 December 2011, a day it skipped, is either 10:00 on the 29th
    or 10:00 on the 31st: without their days, the two readings looked alike."""
    asked = datetime(2011, 12, 30, 10)
    with pytest.raises(timezones.NonexistentLocalTimeError) as refused:
        timezones.to_utc(asked, "Pacific/Apia")
    before, after = refused.value.problem.candidates
    assert timezones.reading_text(before, "Pacific/Apia", asked.date()) == (
        "Thu 29 Dec 10:00 -10 (UTC-10:00) = Thu 29 Dec 20:00 UTC"
    )
    assert timezones.reading_text(after, "Pacific/Apia", asked.date()) == (
        "Sat 31 Dec 10:00 +14 (UTC+14:00) = Fri 30 Dec 20:00 UTC"
    )
    assert "choose Thu 29 Dec 10:00 -10 (Thu 29 Dec 20:00 UTC) or Sat 31 Dec" in str(refused.value)
    # On the day asked, on both clocks, a reading needs no day.
    with pytest.raises(timezones.NonexistentLocalTimeError) as skipped:
        timezones.to_utc(datetime(2027, 3, 14, 2, 30), "America/New_York")
    assert timezones.reading_text(
        skipped.value.problem.candidates[0], "America/New_York", date(2027, 3, 14)
    ) == ("01:30 EST (UTC-05:00) = 06:30 UTC")


@pytest.mark.parametrize(
    ("country", "city", "zone"),
    [
        ("BR", "São Paulo", "America/Sao_Paulo"),
        ("BR", "SAO PAULO", "America/Sao_Paulo"),
        ("US", "new york", "America/New_York"),
        ("ID", "Makassar", "Asia/Makassar"),
        ("PE", "Lima", "America/Lima"),
        ("JP", "Kobe", None),  # Japan's one zone is Tokyo's
        ("BR", "Lima", None),  # a zone of another country
        ("BR", "", None),
        ("XX", "Lima", None),  # no such country
    ],
)
def test_a_city_names_the_zone_of_its_country_that_bears_its_name(
    country: str, city: str, zone: str | None
) -> None:
    assert timezones.zone_of_city(country, city) == zone


@pytest.mark.parametrize(
    ("code", "english", "japanese"),
    [
        ("US", "the United States", "アメリカ合衆国"),
        ("PH", "the Philippines", "フィリピン"),
        ("GB", "the United Kingdom", "イギリス"),
        ("PE", "Peru", "ペルー"),
        ("KE", "Kenya", "ケニア"),
    ],
)
def test_a_sentence_names_a_country_as_its_language_says_it(
    code: str, english: str, japanese: str
) -> None:
    assert timezones.country_in_prose(code) == english
    assert timezones.country_name(code) == english.removeprefix("the ")
    i18n.use_language(i18n.JAPANESE)
    try:
        assert timezones.country_in_prose(code) == japanese
    finally:
        i18n.use_language(i18n.ENGLISH)


def test_a_holiday_in_washington_is_told_with_the_countrys_article() -> None:
    warning = HolidayWarning(date(2027, 5, 31), "US", "Memorial Day", "Bank economist")
    assert warning.text == (
        "Mon 31 May 2027 is Memorial Day, a public holiday in the United States (Bank economist)."
    )
