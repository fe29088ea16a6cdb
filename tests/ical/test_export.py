"""What a calendar file says, read back as clients read it (values, not text snapshots)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import (
    ExportOptions,
    Method,
    Organizer,
    build_calendars,
    export_bytes,
    serialize,
)
from cpp_scheduler.model import EventStatus, OccurrenceOverride
from tests.ical.program import JAPANESE_AGENDA, Program, build_program, local

STAMP = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def program() -> Program:
    return build_program()


def publish(content: scopes.CalendarContent, **options: object) -> icalendar.Calendar:
    data = export_bytes(content, ExportOptions(stamp=STAMP, **options))  # type: ignore[arg-type]
    assert len(data) == 1
    return icalendar.Calendar.from_ical(data[0][1])


def vevent(calendar: icalendar.Calendar, uid: str) -> icalendar.Event:
    found = [
        e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid and "RECURRENCE-ID" not in e
    ]
    assert len(found) == 1
    return found[0]


def test_the_calendar_names_itself_and_its_method(program: Program) -> None:
    calendar = publish(scopes.program(program.events, [program.tour]))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//TDLC//CPP Scheduler")
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "CPP program"
    tzids = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    used = {
        str(e["DTSTART"].params["TZID"])
        for e in calendar.walk("VEVENT")
        if "TZID" in e["DTSTART"].params
    }
    assert used == tzids == {"Asia/Tokyo"}  # the fall-back hour event is in UTC


def test_an_event_carries_everything_a_participant_needs(program: Program) -> None:
    calendar = publish(scopes.participant_schedule(program.ana, program.events, [program.tour]))
    event = vevent(calendar, program.workshop.uid)
    assert event["DTSTART"].dt == datetime(2026, 6, 9, 9, 0, tzinfo=event["DTSTART"].dt.tzinfo)
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event["DTEND"].dt.astimezone(UTC) == program.workshop.end_utc
    assert event["DTSTAMP"].dt == STAMP
    assert int(event["SEQUENCE"]) == 0
    assert str(event["SUMMARY"]) == program.workshop.title
    description = str(event["DESCRIPTION"])
    assert description.startswith(JAPANESE_AGENDA)
    # Ana's delegation is in Japan from 8 to 12 June: her clock is Tokyo's that day.
    assert (
        "Your local time (in Japan, Asia/Tokyo): Tue 09 Jun 2026, 09:00-12:00 (UTC+09:00)"
    ) in description
    assert "Video link: https://meet.example.org/kobe-lima" in description
    assert "2-2-2 Uchisaiwaicho" in description
    assert str(event["LOCATION"]).startswith("TDLC Meeting Room A, 10th Floor")
    assert (event["GEO"].latitude, event["GEO"].longitude) == (35.6706, 139.757)
    assert str(event["URL"]) == "https://meet.example.org/kobe-lima"
    assert event.categories == [
        "Peer-to-peer workshop",
        "Hybrid",
        "Disaster risk management",
        "Kobe",
    ]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:gmiller@worldbank.org"
    assert event["ORGANIZER"].params["CN"] == "Grace Miller"
    assert "ATTENDEE" not in event  # RFC 5546: no attendees in PUBLISH


def test_an_invitation_sent_from_a_japanese_system_reads_in_english(
    program: Program, japanese_system_locale: str
) -> None:
    """The window runs with the system's locale (Qt sets it): an English invitation
    written on a Tokyo laptop says Tue, as the command line's does, not 火."""
    calendar = publish(scopes.participant_schedule(program.maya, program.events))
    description = str(vevent(calendar, program.workshop.uid)["DESCRIPTION"])
    assert (
        "Your local time (Asia/Kathmandu): Tue 09 Jun 2026, 05:45-08:45 (UTC+05:45)" in description
    )


def test_a_participant_at_home_reads_the_time_on_their_own_clock(program: Program) -> None:
    calendar = publish(scopes.participant_schedule(program.maya, program.events))
    description = str(vevent(calendar, program.workshop.uid)["DESCRIPTION"])
    # Kathmandu, +05:45: the same morning, 05:45.
    assert (
        "Your local time (Asia/Kathmandu): Tue 09 Jun 2026, 05:45-08:45 (UTC+05:45)" in description
    )
    series = str(vevent(calendar, program.series.uid)["DESCRIPTION"])
    assert "Your local time (Asia/Kathmandu):\n  Wed 18 Feb 2026, 05:45-07:15" in series
    assert "Thu 16 Apr 2026, 07:45-09:15 (UTC+05:45)" in series  # the moved session
    assert "18 Mar 2026" not in series  # the cancelled one


def test_a_coordinators_file_shows_each_delegations_clock(program: Program) -> None:
    calendar = publish(scopes.program(program.events))
    description = str(vevent(calendar, program.workshop.uid)["DESCRIPTION"])
    assert (
        "Peru housing ministry (in Japan, Asia/Tokyo): Tue 09 Jun 2026 09:00 JST to 12:00"
        in description
    )
    assert (
        "Kathmandu metropolitan city (Asia/Kathmandu): Tue 09 Jun 2026 05:45 +0545 to 08:45"
    ) in description
    series = str(vevent(calendar, program.series.uid)["DESCRIPTION"])
    assert (
        "Santiago regional government (America/Santiago): Tue 17 Feb 2026 21:00 -03 "
        "(-1 day) to 22:30"
    ) in series


def test_conference_features_are_a_list_not_one_quoted_value(program: Program) -> None:
    data = export_bytes(scopes.one_event(program.workshop), ExportOptions())[0][1]
    unfolded = data.decode().replace("\r\n ", "")
    line = next(line for line in unfolded.splitlines() if line.startswith("CONFERENCE"))
    assert "FEATURE=AUDIO,VIDEO" in line
    assert '"AUDIO,VIDEO"' not in line
    conference = icalendar.Calendar.from_ical(data).walk("VEVENT")[0].conferences[0]
    assert conference.uri == "https://meet.example.org/kobe-lima"
    assert conference.feature in (["AUDIO", "VIDEO"], "AUDIO,VIDEO")
    assert "VALUE=URI" in line


def test_refresh_interval_says_it_is_a_duration(program: Program) -> None:
    data = export_bytes(
        scopes.program(program.events),
        ExportOptions(
            refresh_interval=timedelta(hours=6), source_url="https://tdlc.example.org/cpp.ics"
        ),
    )[0][1]
    lines = data.decode().replace("\r\n ", "").splitlines()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in lines
    assert "X-PUBLISHED-TTL:PT6H" in lines  # Outlook's older name for the same
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.refresh_interval == timedelta(hours=6)
    assert str(calendar["SOURCE"]) == "https://tdlc.example.org/cpp.ics"


def test_a_time_in_the_fall_back_hour_is_written_in_utc(program: Program) -> None:
    calendar = publish(scopes.one_event(program.fold_event))
    event = vevent(calendar, program.fold_event.uid)
    for name, instant in (
        ("DTSTART", program.fold_event.start_utc),
        ("DTEND", program.fold_event.end_utc),
    ):
        assert "TZID" not in event[name].params
        assert event[name].dt == instant
        assert event[name].dt.utcoffset() == timedelta(0)
    assert str(event["X-CPP-SCHEDULER-ZONE"]) == "America/New_York"


def test_an_unambiguous_time_keeps_its_zone(program: Program) -> None:
    program.fold_event.end_utc = program.fold_event.start_utc + timedelta(minutes=20)
    event = vevent(publish(scopes.one_event(program.fold_event)), program.fold_event.uid)
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event["DTEND"].params["TZID"] == "America/New_York"


def test_a_series_has_its_rule_exceptions_and_moved_occurrence(program: Program) -> None:
    calendar = publish(scopes.one_event(program.series))
    components = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == program.series.uid]
    master = next(e for e in components if "RECURRENCE-ID" not in e)
    moved = next(e for e in components if "RECURRENCE-ID" in e)
    rule = master["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"]
    assert rule["BYDAY"] == ["3WE"]
    # UNTIL in UTC (RFC 5545 with a TZID start): the last session, 15 July 09:00 Tokyo.
    assert rule["UNTIL"] == [datetime(2026, 7, 15, 0, 0, tzinfo=UTC)]
    exdates = [d.dt for d in master["EXDATE"].dts]
    assert [d.astimezone(UTC) for d in exdates] == [datetime(2026, 3, 18, 0, 0, tzinfo=UTC)]
    assert moved["RECURRENCE-ID"].dt.astimezone(UTC) == datetime(2026, 4, 15, 0, 0, tzinfo=UTC)
    assert moved["DTSTART"].dt.astimezone(UTC) == datetime(2026, 4, 16, 2, 0, tzinfo=UTC)
    assert int(moved["SEQUENCE"]) == int(master["SEQUENCE"])


def test_a_study_tour_has_an_all_day_envelope(program: Program) -> None:
    calendar = publish(scopes.tour_schedule(program.tour))
    envelope = vevent(calendar, f"tour-{program.tour.id}@cpp-scheduler.tdlc")
    assert envelope["DTSTART"].dt == date(2026, 6, 8)
    assert envelope["DTEND"].dt == date(2026, 6, 11)  # the day after the last day
    assert envelope["DTSTART"].params.get("VALUE") == "DATE"
    assert str(envelope["TRANSP"]) == "TRANSPARENT"
    assert "Hotel Okura Kobe" in str(envelope["DESCRIPTION"])
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert {program.opening.uid, program.workshop.uid, program.site_visit.uid} <= uids
    assert any(uid.startswith("leg-") for uid in uids)


def test_a_cancelled_event_says_so_when_published(program: Program) -> None:
    calendar = publish(scopes.one_event(program.cancelled))
    event = vevent(calendar, program.cancelled.uid)
    assert str(event["STATUS"]) == "CANCELLED"


def test_in_request_mode_cancelled_events_go_into_a_cancel_calendar(program: Program) -> None:
    content = scopes.delegation_schedule(program.lima, program.events, [program.tour])
    options = ExportOptions(
        method=Method.REQUEST,
        stamp=STAMP,
        organizer=Organizer("TDLC coordinators", "cpp@tdlc.example.org"),
    )
    request, cancel = build_calendars(content, options)
    assert str(request["METHOD"]) == "REQUEST"
    assert str(cancel["METHOD"]) == "CANCEL"
    assert program.cancelled.uid not in {str(e["UID"]) for e in request.walk("VEVENT")}
    (removed,) = cancel.walk("VEVENT")
    assert str(removed["UID"]) == program.cancelled.uid
    assert str(removed["STATUS"]) == "CANCELLED"
    assert str(removed["ORGANIZER"]) == "mailto:cpp@tdlc.example.org"
    attendees = (
        removed["ATTENDEE"] if isinstance(removed["ATTENDEE"], list) else [removed["ATTENDEE"]]
    )
    assert {str(a) for a in attendees} == {
        "mailto:ana.quispe@vivienda.gob.pe",
        "mailto:bruno.salas@vivienda.gob.pe",
    }


def test_request_mode_invites_with_role_partstat_and_rsvp(program: Program) -> None:
    content = scopes.participant_schedule(program.ana, program.events)
    (calendar,) = [
        c
        for c in build_calendars(content, ExportOptions(method=Method.REQUEST))
        if str(c["METHOD"]) == "REQUEST"
    ]
    event = vevent(calendar, program.workshop.uid)
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:ana.quispe@vivienda.gob.pe"
    assert attendee.params["CN"] == "Ana Quispe"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["RSVP"] == "TRUE"


def test_a_reminder_is_an_alarm_before_the_event(program: Program) -> None:
    calendar = publish(scopes.one_event(program.workshop), reminder=timedelta(minutes=30))
    (alarm,) = vevent(calendar, program.workshop.uid).walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-30)


def test_the_uid_stays_and_the_sequence_is_the_events(program: Program) -> None:
    first = vevent(publish(scopes.one_event(program.workshop)), program.workshop.uid)
    program.workshop.sequence = 3
    program.workshop.start_utc += timedelta(hours=1)
    second = vevent(publish(scopes.one_event(program.workshop)), program.workshop.uid)
    assert str(first["UID"]) == str(second["UID"]) == program.workshop.uid
    assert int(second["SEQUENCE"]) == 3


def test_long_japanese_lines_fold_at_75_octets_between_characters(program: Program) -> None:
    program.workshop.description = JAPANESE_AGENDA * 4
    data = serialize(build_calendars(scopes.one_event(program.workshop), ExportOptions())[0])
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # a split character would not decode
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]).startswith(JAPANESE_AGENDA * 4)


def test_cancelled_status_follows_the_model(program: Program) -> None:
    program.workshop.status = EventStatus.CANCELLED
    event = vevent(publish(scopes.one_event(program.workshop)), program.workshop.uid)
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_participant_reads_their_file_in_their_own_language(program: Program) -> None:
    program.maya.language = "ja"
    calendar = publish(scopes.participant_schedule(program.maya, program.events))
    workshop = vevent(calendar, program.workshop.uid)
    description = str(workshop["DESCRIPTION"])
    assert (
        "あなたの現地時刻 (Asia/Kathmandu): 2026年6月9日(火) 05:45-08:45 (UTC+05:45)" in description
    )
    assert str(workshop["SUMMARY"]) == program.workshop.title  # titles stay as written
    series = str(vevent(calendar, program.series.uid)["DESCRIPTION"])
    assert "2026年4月16日(木) 07:45-09:15 (UTC+05:45)" in series  # the moved session


def test_a_members_travel_legs_are_named_in_her_language_whoever_writes_the_file(
    program: Program, japanese: None
) -> None:
    """Written from a Japanese window, an English reader's legs say "Rail" (they said
    鉄道 among English lines), a Japanese reader's 鉄道; the tour's own description is
    English for both, as it was from an English window."""
    tours = [program.tour]
    english = publish(scopes.participant_schedule(program.ana, program.events, tours))
    program.ana.language = "ja"
    japanese = publish(scopes.participant_schedule(program.ana, program.events, tours))

    def legs(calendar: icalendar.Calendar) -> list[str]:
        return [
            str(event["SUMMARY"])
            for event in calendar.walk("VEVENT")
            if str(event["UID"]).startswith("leg-")
        ]

    assert legs(english)
    assert all(summary.startswith("Rail: ") for summary in legs(english))
    assert all(summary.startswith("鉄道: ") for summary in legs(japanese))
    for calendar in (english, japanese):
        envelope = vevent(calendar, f"tour-{program.tour.id}@cpp-scheduler.tdlc")
        assert "Rail Tokyo 08 Jun 14:00 JST → Kobe 17:00 JST" in str(envelope["DESCRIPTION"])


def test_a_participant_without_a_language_writes_in_the_delegations(program: Program) -> None:
    program.kathmandu.languages = ["ne", "ja"]
    assert program.maya.effective_language == "ja"
    program.kathmandu.languages = ["ne", "en"]
    assert program.maya.effective_language == "en"
    program.maya.language = "ja"
    assert program.maya.effective_language == "ja"


def test_a_cancelled_event_says_so_in_the_readers_language(program: Program) -> None:
    program.maya.language = "ja"
    program.workshop.status = EventStatus.CANCELLED
    calendar = publish(scopes.participant_schedule(program.maya, program.events))
    description = str(vevent(calendar, program.workshop.uid)["DESCRIPTION"])
    assert "このイベントは中止されました。" in description
    assert "This event is cancelled." not in description


def test_an_all_day_event_says_all_day_in_the_readers_language(program: Program) -> None:
    program.maya.language = "ja"
    program.workshop.set_dates(date(2027, 4, 29), date(2027, 5, 5))
    calendar = publish(scopes.participant_schedule(program.maya, program.events))
    description = str(vevent(calendar, program.workshop.uid)["DESCRIPTION"])
    assert "2027年4月29日(木)～2027年5月5日(水) 終日" in description
    assert "All day" not in description
    program.maya.language = "en"
    calendar = publish(scopes.participant_schedule(program.maya, program.events))
    description = str(vevent(calendar, program.workshop.uid)["DESCRIPTION"])
    assert "All day from Thu 29 Apr 2027 to Wed 05 May 2027" in description


@pytest.mark.parametrize("prefix", ["", "RRULE:", "rrule:", "Rrule:"])
def test_a_rule_named_in_any_case_is_written_once_as_its_parts(
    program: Program, prefix: str
) -> None:
    """RFC 5545 compares property names without case: a rule pasted as ``rrule:…``
    repeats as one written ``RRULE:…`` does, and the file names the property once."""
    program.workshop.recurrence_rule = prefix + "FREQ=WEEKLY;COUNT=3"
    assert program.workshop.problems() == []
    assert len(program.workshop.occurrences()) == 3
    data = serialize(build_calendars(scopes.one_event(program.workshop), ExportOptions())[0])
    assert [line for line in data.split(b"\r\n") if b"RRULE" in line.upper()] == [
        b"RRULE:FREQ=WEEKLY;COUNT=3"
    ]


def test_a_japanese_readers_file_names_the_venue_by_its_japanese_name(program: Program) -> None:
    """Her file's details are in Japanese: so is the room's name, as her itinerary and
    the programme give it (会場: TDLC 会議室A); the English reader keeps the English one."""
    english = str(
        vevent(
            publish(scopes.participant_schedule(program.ana, program.events)), program.workshop.uid
        )["DESCRIPTION"]
    )
    program.ana.language = "ja"
    japanese = str(
        vevent(
            publish(scopes.participant_schedule(program.ana, program.events)), program.workshop.uid
        )["DESCRIPTION"]
    )
    assert "Venue: TDLC Meeting Room A, 10th Floor" in english
    assert "会場: TDLC 会議室A, 10th Floor" in japanese


def test_a_series_meetings_are_listed_in_the_order_they_are_held(program: Program) -> None:
    """May's meeting moved to the day after June's: Maya's file lists June's first, then
    May's on its new day, as her calendar shows them (it listed them in the rule's order,
    a later day before an earlier one)."""
    may = local("Asia/Tokyo", 2026, 5, 20, 9, 0)
    program.series.changes.append(
        OccurrenceOverride(
            recurrence_id=may,
            start_utc=local("Asia/Tokyo", 2026, 6, 18, 9, 0),
            end_utc=local("Asia/Tokyo", 2026, 6, 18, 10, 30),
        )
    )
    text = str(
        vevent(
            publish(scopes.participant_schedule(program.maya, program.events)), program.series.uid
        )["DESCRIPTION"]
    )
    listed = [line.strip()[:15] for line in text.splitlines() if line.startswith("  ")]
    assert listed == [
        "Wed 18 Feb 2026",
        "Thu 16 Apr 2026",
        "Wed 17 Jun 2026",
        "Thu 18 Jun 2026",
        "Wed 15 Jul 2026",
    ]
