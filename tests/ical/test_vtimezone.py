"""VTIMEZONEs give each zone's real offsets, in the one-rule shape Outlook reads."""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.ical.vtimezone import transitions, vtimezone

SPAN = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC))


def offsets_from_component(component: icalendar.Timezone) -> list[tuple[datetime, timedelta]]:
    """A reference reading of a VTIMEZONE, written from RFC 5545 alone: every onset of
    every observance (DTSTART and its RRULE, local time in TZOFFSETFROM), sorted."""
    onsets: list[tuple[datetime, timedelta]] = []
    for block in component.subcomponents:
        start = block["DTSTART"].dt
        before = block["TZOFFSETFROM"].td
        after = block["TZOFFSETTO"].td
        locals_ = [start]
        if "RRULE" in block:
            rule = block["RRULE"]
            until = rule.get("UNTIL")
            parts = [
                part for part in rule.to_ical().decode().split(";") if not part.startswith("UNTIL=")
            ]
            if until:  # in UTC; onsets are local times in the offset before them
                parts.append(f"UNTIL={(until[0] + before).replace(tzinfo=None):%Y%m%dT%H%M%S}")
            else:
                parts.append("UNTIL=20320101T000000")
            locals_ = list(rrulestr(";".join(parts), dtstart=start, ignoretz=True))
        for local in locals_:
            onsets.append(((local - before).replace(tzinfo=UTC), after))
    return sorted(onsets)


def offset_at(onsets: list[tuple[datetime, timedelta]], instant: datetime) -> timedelta:
    index = bisect_right([at for at, _ in onsets], instant)
    assert index > 0, f"no observance covers {instant}"
    return onsets[index - 1][1]


def every(first: datetime, last: datetime, step: timedelta) -> list[datetime]:
    moments = []
    moment = first
    while moment <= last:
        moments.append(moment)
        moment += step
    return moments


def assert_matches_zone(zone_name: str, first: datetime, last: datetime) -> None:
    """Every six hours, and a second either side of each of the zone's real changes."""
    component = icalendar.Timezone.from_ical(vtimezone(zone_name, first, last).to_ical())
    onsets = offsets_from_component(component)
    tz = timezones.zone(zone_name)
    moments = every(first, last, timedelta(hours=6))
    for change in transitions(zone_name, first, last):
        moments.extend([change.at - timedelta(seconds=1), change.at])
    for instant in moments:
        assert offset_at(onsets, instant) == instant.astimezone(tz).utcoffset(), (
            zone_name,
            instant,
        )


@pytest.mark.parametrize("zone_name", ["Asia/Tokyo", "Asia/Kolkata", "Asia/Kathmandu"])
def test_a_zone_without_daylight_saving_is_one_standard_block(zone_name: str) -> None:
    component = vtimezone(zone_name, *SPAN)
    assert [block.name for block in component.subcomponents] == ["STANDARD"]
    block = component.subcomponents[0]
    offset = datetime(2026, 6, 1, tzinfo=UTC).astimezone(timezones.zone(zone_name)).utcoffset()
    assert block["TZOFFSETFROM"].td == block["TZOFFSETTO"].td == offset
    assert_matches_zone(zone_name, *SPAN)


@pytest.mark.parametrize(
    ("zone_name", "daylight_rule", "standard_rule"),
    [
        ("America/New_York", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"),
        ("Europe/London", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
        ("America/Santiago", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=9", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4"),
        ("Australia/Sydney", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4"),
    ],
)
def test_a_daylight_saving_zone_is_one_yearly_rule_per_observance(
    zone_name: str, daylight_rule: str, standard_rule: str
) -> None:
    component = vtimezone(zone_name, *SPAN)
    text = component.to_ical().decode()
    assert "RDATE" not in text
    blocks = {block.name: block for block in component.subcomponents}
    assert sorted(block.name for block in component.subcomponents) == ["DAYLIGHT", "STANDARD"]
    assert blocks["DAYLIGHT"]["RRULE"].to_ical().decode() == daylight_rule
    assert blocks["STANDARD"]["RRULE"].to_ical().decode() == standard_rule
    assert_matches_zone(zone_name, *SPAN)


def test_santiago_changes_clocks_in_the_southern_seasons() -> None:
    component = vtimezone("America/Santiago", *SPAN)
    blocks = {block.name: block for block in component.subcomponents}
    assert blocks["DAYLIGHT"]["TZOFFSETTO"].td == timedelta(hours=-3)
    assert blocks["STANDARD"]["TZOFFSETTO"].td == timedelta(hours=-4)
    assert blocks["DAYLIGHT"]["DTSTART"].dt.month == 9  # spring in September


def test_every_observance_starts_before_the_first_event() -> None:
    component = vtimezone("America/New_York", *SPAN)
    for block in component.subcomponents:
        assert block["DTSTART"].dt < datetime(2026, 1, 1)


def test_icalendar_reads_the_component_as_the_zone() -> None:
    component = vtimezone("America/Santiago", *SPAN)
    tz = component.to_tz(lookup_tzid=False)
    real = timezones.zone("America/Santiago")
    for instant in every(*SPAN, timedelta(hours=7)):
        assert instant.astimezone(tz).utcoffset() == instant.astimezone(real).utcoffset()


@settings(max_examples=30, deadline=None)
@given(
    zone_name=st.sampled_from(
        [
            "America/New_York",
            "America/Santiago",
            "America/Sao_Paulo",
            "America/Mexico_City",
            "Europe/Dublin",
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "Pacific/Auckland",
            "Pacific/Chatham",
            "Asia/Tehran",
            "Africa/Casablanca",
            "Asia/Gaza",
            "America/Asuncion",
            "Pacific/Apia",
            "Africa/Cairo",
            "America/Havana",
            "Asia/Jerusalem",
            "Europe/Chisinau",
        ]
    ),
    year=st.integers(min_value=2016, max_value=2030),
)
def test_offsets_match_the_zone_every_hour_of_the_span(zone_name: str, year: int) -> None:
    first = datetime(year, 1, 1, tzinfo=UTC)
    assert_matches_zone(zone_name, first, first + timedelta(days=364))


def test_icalendars_own_generator_writes_the_form_outlook_misreads() -> None:
    """The reason for this module: the library's VTIMEZONE is RDATE lists in several
    STANDARD blocks, which Outlook reduces to one rule and so shifts events."""
    from datetime import date

    library = (
        icalendar.Timezone.from_tzinfo(
            timezones.zone("America/New_York"),
            first_date=date(2025, 1, 1),
            last_date=date(2027, 1, 1),
        )
        .to_ical()
        .decode()
    )
    assert library.count("BEGIN:STANDARD") > 1 or "RDATE" in library
    ours = vtimezone("America/New_York", *SPAN).to_ical().decode()
    assert ours.count("BEGIN:STANDARD") == 1
    assert ours.count("BEGIN:DAYLIGHT") == 1
    assert "RDATE" not in ours


def test_every_zone_of_an_export_has_one_rule_per_observance() -> None:
    from cpp_scheduler.ical import scopes
    from cpp_scheduler.ical.export import ExportOptions, export_bytes
    from tests.ical.program import build_program

    program = build_program()
    program.workshop.zone = "America/Santiago"
    ((_, data),) = export_bytes(scopes.program(program.events, [program.tour]), ExportOptions())
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk("VTIMEZONE"):
        names = [block.name for block in component.subcomponents]
        assert names.count("STANDARD") == 1
        assert names.count("DAYLIGHT") <= 1
        assert all("RDATE" not in block for block in component.subcomponents)
        assert all("RRULE" in block for block in component.subcomponents) or names == ["STANDARD"]


@pytest.mark.parametrize(
    ("zone_name", "rule_began"),
    [
        ("Europe/London", 1996),
        ("America/New_York", 2007),
        ("Australia/Lord_Howe", 2008),
        ("Asia/Kathmandu", 1986),
    ],
)
def test_observances_start_where_the_rule_in_force_began(zone_name: str, rule_began: int) -> None:
    """Not in the file's year: vobject ignores such a VTIMEZONE and uses its own data."""
    component = vtimezone(zone_name, datetime(2027, 5, 1, tzinfo=UTC), SPAN[1].replace(year=2028))
    onsets = [block["DTSTART"].dt for block in component.subcomponents]
    if len(onsets) == 1:  # a zone without daylight saving: one offset since 1970 at most
        assert onsets[0].year <= rule_began
    else:
        assert min(onsets).year == rule_began
        assert len(onsets) == 2
    assert_matches_zone(
        zone_name, datetime(2026, 1, 1, tzinfo=UTC), datetime(2029, 1, 1, tzinfo=UTC)
    )


def test_vobject_reads_london_by_the_files_vtimezone() -> None:
    """vobject builds the zone from the VTIMEZONE when the TZID is unknown to it."""
    import vobject

    from cpp_scheduler.ical import scopes
    from cpp_scheduler.ical.export import ExportOptions, export_bytes
    from cpp_scheduler.model import Event

    for start in (datetime(2027, 7, 1, 11, tzinfo=UTC), datetime(2027, 12, 1, 11, tzinfo=UTC)):
        event = Event(
            title="Call", start_utc=start, end_utc=start + timedelta(hours=1), zone="Europe/London"
        )
        ((_, data),) = export_bytes(scopes.one_event(event), ExportOptions())
        renamed = data.replace(b"Europe/London", b"CPP London")
        read = vobject.readOne(renamed.decode())
        assert read.vevent.dtstart.value.astimezone(UTC) == start
        assert read.vevent.dtend.value.astimezone(UTC) == start + timedelta(hours=1)


def test_the_report_names_zones_whose_rule_changes_within_the_file() -> None:
    """Cairo's autumn change falls in November in 2030, Santiago's on the second
    Sunday in 2029 and 2030: one-rule clients (Outlook) may be an hour off then."""
    from cpp_scheduler.ical.vtimezone import one_rule_caveat

    first, last = datetime(2027, 1, 1, tzinfo=UTC), datetime(2030, 12, 1, tzinfo=UTC)
    cairo = one_rule_caveat("Africa/Cairo", first, last)
    assert cairo is not None
    assert "Outlook" in cairo
    assert "2030-11-01" in cairo
    santiago = one_rule_caveat("America/Santiago", first, last)
    assert santiago is not None
    assert "2029-04-08" in santiago
    for steady in ("Europe/London", "America/New_York", "Asia/Kathmandu", "Pacific/Chatham"):
        assert one_rule_caveat(steady, first, last) is None
