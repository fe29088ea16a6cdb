"""Outlook's zones: Windows names through CLDR's mapping, and its 'Customized Time
Zone' by its offsets, preferring the zone CLDR gives each Windows zone and asking for
the zone when several that Outlook tells apart fit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cpp_scheduler.ical.importer import AmbiguousZoneError, read_calendar, resolve_zone

OUTLOOK_ZONE = """BEGIN:VTIMEZONE\r
TZID:Customized Time Zone\r
BEGIN:STANDARD\r
DTSTART:16010101T{back}00\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZOFFSETFROM:{summer}\r
TZOFFSETTO:{winter}\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010101T{forward}00\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZOFFSETFROM:{winter}\r
TZOFFSETTO:{summer}\r
END:DAYLIGHT\r
END:VTIMEZONE\r
"""


def outlook_file(winter: str, summer: str, forward: str, back: str) -> bytes:
    zone = OUTLOOK_ZONE.format(winter=winter, summer=summer, forward=forward, back=back)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:Microsoft Exchange Server 2010\r\n"
        + zone
        + "BEGIN:VEVENT\r\nUID:outlook-1\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Call\r\n"
        "DTSTART;TZID=Customized Time Zone:20270710T090000\r\n"
        "DTEND;TZID=Customized Time Zone:20270710T100000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_windows_zone_names_map_through_cldr() -> None:
    assert resolve_zone("GMT Standard Time") == "Europe/London"
    assert resolve_zone("Eastern Standard Time") == "America/New_York"
    assert resolve_zone("Pacific SA Standard Time") == "America/Santiago"
    assert resolve_zone("Nepal Standard Time") == "Asia/Kathmandu"


def test_a_customised_london_zone_is_stored_as_london_not_the_canaries() -> None:
    data = outlook_file("+0000", "+0100", "0100", "0200")
    (event,) = read_calendar(data, "outlook.ics").events
    assert event.zone == "Europe/London"
    assert event.start_utc == datetime(2027, 7, 10, 8, tzinfo=UTC)


def test_a_customised_zone_several_outlook_zones_fit_asks_which() -> None:
    """Berlin, Paris, Warsaw, Budapest ... share every offset: Outlook tells them apart."""
    data = outlook_file("+0100", "+0200", "0200", "0300")
    with pytest.raises(AmbiguousZoneError) as refused:
        read_calendar(data, "outlook.ics")
    assert "Europe/Berlin" in str(refused.value)
    assert "Europe/Paris" in str(refused.value)
    assert "--zone" in str(refused.value)
    (event,) = read_calendar(data, "outlook.ics", "Europe/Paris").events
    assert event.zone == "Europe/Paris"
    assert event.start_utc == datetime(2027, 7, 10, 7, tzinfo=UTC)


def test_a_zone_locating_itself_where_its_offsets_are_not_is_read_by_its_offsets() -> None:
    """X-LIC-LOCATION is a name; the offsets are what the VTIMEZONE defines, and what the
    sender's calendar shows. London's offsets under Kolkata's name: 09:00 is 08:00 UTC in
    July, not 03:30, and the preview says why the zone is not the one named."""
    data = outlook_file("+0000", "+0100", "0100", "0200").replace(
        b"TZID:Customized Time Zone\r\n",
        b"TZID:Customized Time Zone\r\nX-LIC-LOCATION:Asia/Kolkata\r\n",
    )
    (event,) = read_calendar(data, "outlook.ics").events
    assert (event.zone, event.start_utc) == ("Europe/London", datetime(2027, 7, 10, 8, tzinfo=UTC))
    assert event.notes == (
        "the time zone 'Customized Time Zone' names Asia/Kolkata (X-LIC-LOCATION), whose "
        "offsets from UTC it does not give: read by its own offsets, as RFC 5545 says",
    )
