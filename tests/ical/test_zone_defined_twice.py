"""A TZID names one time zone in a calendar file (RFC 5545 section 3.2.19): a file that
defines it twice, otherwise the second time, is refused in one line naming the zone and
both lines, by the calendar import and the reply reader alike; before, the second
definition was taken in silence, and an event read nine hours off. Two copies of the same
definition, as a file put together from others holds, are one zone, and read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.services import replies
from tests.hostile import assert_one_line


def _zone(offset: str) -> list[str]:
    """Outlook's way of writing a zone of one offset all year, under Outlook's name."""
    return ["BEGIN:VTIMEZONE", "TZID:Kobe office", "BEGIN:STANDARD",
            "DTSTART:16010101T000000", f"TZOFFSETFROM:{offset}", f"TZOFFSETTO:{offset}",
            "END:STANDARD", "END:VTIMEZONE"]  # fmt: skip


def _file(*zones: list[str], method: str = "PUBLISH") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Partner city//EN", f"METHOD:{method}"]
    for zone in zones:
        lines += zone
    if method == "REPLY":
        when = "RECURRENCE-ID;TZID=Kobe office:20270215T100000"
        what = ["DTSTAMP:20260501T000000Z", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@example.org"]
    else:
        when = "DTSTART;TZID=Kobe office:20270215T100000"
        what = ["SUMMARY:Kobe workshop", "DURATION:PT1H"]
    lines += ["BEGIN:VEVENT", "UID:kobe-workshop@example.org", when, *what, "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


REFUSAL = (
    "line 13 (VTIMEZONE): the time zone 'Kobe office' is defined again, otherwise than on "
    "line 5; a TZID names one time zone in a calendar file (RFC 5545)"
)


def test_a_zone_defined_twice_otherwise_is_refused_naming_it_and_both_lines() -> None:
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(_file(_zone("+0900"), _zone("-0000")), "partner.ics")
    assert_one_line(caught.value)
    assert str(caught.value) == f"partner.ics, {REFUSAL}"


def test_a_zone_defined_twice_alike_is_read_as_one() -> None:
    (read,) = read_calendar(_file(_zone("+0900"), _zone("+0900")), "partner.ics").events
    assert read.start_utc == datetime(2027, 2, 15, 1, tzinfo=UTC)


def test_a_reply_defining_its_zone_twice_otherwise_is_refused_as_the_import_refuses_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ana.ics"
    path.write_bytes(_file(_zone("+0900"), _zone("-0000"), method="REPLY"))
    with pytest.raises(replies.ReplyFileError) as caught:
        replies.read_replies(path)
    assert str(caught.value) == f"{path}, {REFUSAL}"


def test_a_reply_defining_its_zone_twice_alike_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ana.ics"
    path.write_bytes(_file(_zone("+0900"), _zone("+0900"), method="REPLY"))
    (answer,) = replies.read_replies(path)
    assert answer.recurrence_id == datetime(2027, 2, 15, 1, tzinfo=UTC)
