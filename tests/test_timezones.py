"""The one time-zone database: tzdata for arithmetic, pytz's catalogue of the same release."""

from __future__ import annotations

import pytz
import tzdata

from cpp_scheduler import timezones


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
