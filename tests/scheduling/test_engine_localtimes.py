"""Every delegation's local time of an event, across daylight saving and odd offsets."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from engine_builders import at, delegation, meeting, person, tokyo
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import i18n, timezones
from cpp_scheduler.model.enums import EventMode
from cpp_scheduler.scheduling.inputs import AttendeeKind, Hours
from cpp_scheduler.scheduling.localtimes import DayPart, classify, local_times, meeting_times
from cpp_scheduler.timezones import (
    AmbiguousLocalTimeError,
    Fold,
    NonexistentLocalTimeError,
    to_local,
    to_utc,
)

NEW_YORK = "America/New_York"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


# -- wall clocks that do not exist or happen twice -----------------------------------------


def test_us_spring_forward_skips_half_past_two() -> None:
    with pytest.raises(NonexistentLocalTimeError) as caught:
        to_utc(datetime(2027, 3, 14, 2, 30), NEW_YORK)
    assert caught.value.problem.zone == NEW_YORK
    assert caught.value.problem.candidates == (utc(2027, 3, 14, 6, 30), utc(2027, 3, 14, 7, 30))
    assert "America/New_York" in str(caught.value)
    assert "01:30 EST (06:30 UTC) or 03:30 EDT (07:30 UTC)" in str(caught.value)
    assert to_utc(datetime(2027, 3, 14, 2, 30), NEW_YORK, Fold.LATER) == utc(2027, 3, 14, 7, 30)


def test_us_fall_back_repeats_half_past_one() -> None:
    with pytest.raises(AmbiguousLocalTimeError) as caught:
        to_utc(datetime(2027, 11, 7, 1, 30), NEW_YORK)
    assert caught.value.problem.candidates == (utc(2027, 11, 7, 5, 30), utc(2027, 11, 7, 6, 30))
    assert "happens twice in America/New_York" in str(caught.value)
    assert to_utc(datetime(2027, 11, 7, 1, 30), NEW_YORK, Fold.EARLIER) == utc(2027, 11, 7, 5, 30)


def test_europe_changes_on_the_last_sundays_of_march_and_october() -> None:
    with pytest.raises(NonexistentLocalTimeError) as skipped:
        to_utc(datetime(2027, 3, 28, 2, 30), "Europe/Paris")
    assert skipped.value.problem.candidates == (utc(2027, 3, 28, 0, 30), utc(2027, 3, 28, 1, 30))
    with pytest.raises(AmbiguousLocalTimeError) as repeated:
        to_utc(datetime(2027, 10, 31, 2, 30), "Europe/Berlin")
    assert repeated.value.problem.candidates == (utc(2027, 10, 31, 0, 30), utc(2027, 10, 31, 1, 30))
    # The US changed two weeks earlier: for those weeks Paris is 5 hours ahead, not 6.
    assert timezones.utc_offset_label(utc(2027, 3, 20, 12), "Europe/Paris") == "+01:00"
    assert timezones.utc_offset_label(utc(2027, 3, 20, 12), NEW_YORK) == "-04:00"


def test_santiago_keeps_summer_time_from_september_to_april() -> None:
    zone = "America/Santiago"
    assert timezones.utc_offset_label(utc(2027, 1, 15, 12), zone) == "-03:00"
    assert timezones.utc_offset_label(utc(2027, 7, 15, 12), zone) == "-04:00"
    with pytest.raises(AmbiguousLocalTimeError):
        to_utc(datetime(2027, 4, 3, 23, 30), zone)  # clocks fall back at midnight
    with pytest.raises(NonexistentLocalTimeError):
        to_utc(datetime(2027, 9, 5, 0, 30), zone)  # and spring forward at midnight


def test_sao_paulo_has_had_no_daylight_saving_since_2019() -> None:
    zone = "America/Sao_Paulo"
    with pytest.raises(NonexistentLocalTimeError):
        to_utc(datetime(2018, 11, 4, 0, 30), zone)  # the last change, in 2018
    for month in range(1, 13):
        assert timezones.utc_offset_label(utc(2027, month, 15, 12), zone) == "-03:00"
    assert to_utc(datetime(2027, 11, 7, 0, 30), zone) == utc(2027, 11, 7, 3, 30)


def test_mexico_city_stays_on_standard_time_after_2022() -> None:
    zone = "America/Mexico_City"
    assert timezones.utc_offset_label(utc(2022, 7, 1, 12), zone) == "-05:00"
    for month in (1, 4, 7, 10):
        assert timezones.utc_offset_label(utc(2027, month, 15, 12), zone) == "-06:00"
    assert to_utc(datetime(2027, 4, 4, 2, 30), zone) == utc(2027, 4, 4, 8, 30)


def test_kathmandu_and_kolkata_sit_on_quarter_and_half_hours() -> None:
    workshop = meeting("e", "Kobe DRR workshop", tokyo(2027, 1, 12, 15), 90)
    rows = local_times(
        workshop,
        [
            delegation("ktm", "Kathmandu", "Asia/Kathmandu", "NP"),
            delegation("ccu", "Kolkata", "Asia/Kolkata", "IN"),
        ],
    )
    kathmandu, kolkata = rows[0], rows[1]
    assert (kathmandu.start.local.hour, kathmandu.start.local.minute) == (11, 45)
    assert kathmandu.start.utc_offset == "+05:45"
    assert kathmandu.end.local.time() == time(13, 15)
    assert (kolkata.start.local.hour, kolkata.start.local.minute) == (11, 30)
    assert kolkata.start.utc_offset == "+05:30"
    assert kolkata.start.abbreviation == "IST"
    assert kathmandu.part is kolkata.part is DayPart.WORKING


def test_a_country_with_several_zones_shows_each_delegations_own_clock() -> None:
    assert {"Asia/Jakarta", "Asia/Jayapura"} <= set(timezones.country_zones("ID"))
    call = meeting("e", "Coastal resilience call", tokyo(2027, 1, 12, 9), 60)
    jakarta, jayapura = local_times(
        call,
        [
            delegation("jkt", "Jakarta", "Asia/Jakarta", "ID"),
            delegation("jap", "Jayapura", "Asia/Jayapura", "ID"),
        ],
        references=(),
    )
    assert jakarta.start.local.hour == 7
    assert jakarta.start.abbreviation == "WIB"
    assert jayapura.start.local.hour == 9
    assert jayapura.start.abbreviation == "WIT"
    assert jakarta.part is DayPart.EXTENDED
    assert jayapura.part is DayPart.WORKING


# -- the local-times table ---------------------------------------------------------------


def test_every_row_has_date_weekday_offset_abbreviation_and_part_of_day() -> None:
    workshop = meeting("e", "Kobe DRR workshop", tokyo(2027, 1, 12, 9), 90)
    lima = delegation("lima", "Lima", "America/Lima", "PE")
    rows = local_times(workshop, [lima])
    assert [row.attendee.name for row in rows] == ["Lima", "Tokyo", "Washington"]
    assert rows[1].attendee.kind is AttendeeKind.REFERENCE
    lima_row, tokyo_row, washington = rows
    assert lima_row.start.local.replace(tzinfo=None) == datetime(2027, 1, 11, 19, 0)
    assert lima_row.start.weekday == "Mon"
    assert lima_row.start.day_offset == -1
    assert lima_row.start.utc_offset == "-05:00"
    assert lima_row.start.abbreviation == "-05"
    assert lima_row.part is DayPart.EXTENDED
    assert tokyo_row.start.day_offset == 0
    assert tokyo_row.start.abbreviation == "JST"
    assert tokyo_row.part is DayPart.WORKING
    assert washington.start.local.replace(tzinfo=None) == datetime(2027, 1, 11, 19, 0)
    assert washington.start.abbreviation == "EST"


def test_an_evening_in_lima_is_the_next_day_in_tokyo() -> None:
    seminar = meeting(
        "e", "Lima evening seminar", at("America/Lima", 2027, 1, 12, 20), 60, zone="America/Lima"
    )
    lima_row, tokyo_row, _ = local_times(seminar, [delegation("l", "Lima", "America/Lima", "PE")])
    assert lima_row.start.day_offset == 0
    assert tokyo_row.start.day_offset == 1
    assert tokyo_row.start.describe() == "Wed 13 Jan 2027 10:00 JST (+1 day)"


def test_washington_moves_an_hour_for_a_tokyo_event_when_the_us_changes_clocks() -> None:
    before = meeting("e", "Monthly call", tokyo(2027, 3, 12, 9), 60)
    after = meeting("e", "Monthly call", tokyo(2027, 3, 15, 9), 60)
    washington_before = local_times(before, [])[1]
    washington_after = local_times(after, [])[1]
    assert washington_before.start.local.hour == 19
    assert washington_before.start.abbreviation == "EST"
    assert washington_after.start.local.hour == 20
    assert washington_after.start.abbreviation == "EDT"
    assert local_times(after, [])[0].start.local.hour == 9  # Tokyo keeps its hour


def test_night_and_extended_hours_follow_each_attendees_own_hours() -> None:
    early_bird = person(
        "p", "Early bird", "Asia/Tokyo", hours=Hours(time(6), time(15), time(5), time(16))
    )
    evening = meeting("e", "Evening session", tokyo(2027, 1, 12, 17), 60)
    [row] = local_times(evening, [early_bird], references=())
    assert row.part is DayPart.NIGHT
    assert local_times(evening, [], None)[0].part is DayPart.WORKING


def test_a_delegation_in_japan_reads_the_event_on_tokyo_time() -> None:
    visiting = delegation(
        "lima", "Lima", "America/Lima", "PE", arrival=date(2027, 1, 10), departure=date(2027, 1, 16)
    )
    [row] = local_times(meeting("e", "Visit", tokyo(2027, 1, 12, 10)), [visiting], references=())
    assert row.in_japan
    assert row.zone == "Asia/Tokyo"
    assert row.start.local.hour == 10


def test_a_meeting_past_midnight_is_at_night() -> None:
    hours = Hours()
    start = datetime(2027, 1, 12, 21, 30, tzinfo=timezones.zone("Asia/Tokyo"))
    assert classify(start, start + timedelta(minutes=30), hours) is DayPart.EXTENDED
    assert classify(start, start + timedelta(hours=3), hours) is DayPart.NIGHT


# -- round trips ---------------------------------------------------------------------------

ZONES = st.sampled_from(
    [
        "Asia/Tokyo",
        "America/New_York",
        "Europe/Paris",
        "Europe/London",
        "America/Santiago",
        "America/Sao_Paulo",
        "Asia/Kathmandu",
        "Asia/Kolkata",
        "America/Mexico_City",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "America/Asuncion",
        "Africa/Casablanca",
        "Asia/Jayapura",
        "America/St_Johns",
        "Pacific/Apia",
    ]
)


@settings(max_examples=400, deadline=None)
@given(ZONES, st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2037, 12, 31)))
def test_local_to_utc_round_trips_wherever_the_local_time_exists(
    zone: str, local: datetime
) -> None:
    local = local.replace(second=0, microsecond=0)
    try:
        instant = to_utc(local, zone)
    except NonexistentLocalTimeError as error:
        for candidate in error.problem.candidates:
            assert to_local(candidate, zone).replace(tzinfo=None) != local
        return
    except AmbiguousLocalTimeError as error:
        first, second = error.problem.candidates
        assert first < second
        for candidate in (first, second):
            assert to_local(candidate, zone).replace(tzinfo=None) == local
        return
    assert instant.tzinfo is UTC
    assert to_local(instant, zone).replace(tzinfo=None) == local


def test_a_series_crossing_a_clock_change_keeps_its_own_hour_and_moves_for_others() -> None:
    from cpp_scheduler.model import recurrence

    # A weekly 09:00 Washington briefing across the US change of 14 March 2027.
    first = to_utc(datetime(2027, 3, 3, 9), NEW_YORK)
    occurrences = recurrence.expand(
        first, first + timedelta(hours=1), NEW_YORK, "FREQ=WEEKLY;COUNT=3"
    )
    rows = [
        local_times(meeting("e", "Briefing", o.start, 60, zone=NEW_YORK), []) for o in occurrences
    ]
    tokyo_rows = [r[0] for r in rows]
    washington_rows = [r[1] for r in rows]
    assert [r.start.local.hour for r in washington_rows] == [9, 9, 9]
    assert [r.start.abbreviation for r in washington_rows] == ["EST", "EST", "EDT"]
    assert [r.start.local.hour for r in tokyo_rows] == [23, 23, 22]
    assert [r.start.day_offset for r in tokyo_rows] == [0, 0, 0]
    assert [r.part for r in tokyo_rows] == [DayPart.NIGHT] * 3


# -- one meeting as the inspector and ``times`` show it ---------------------------------


def test_a_participant_on_their_delegations_clock_adds_no_row() -> None:
    lima = delegation("lima", "Lima", "America/Lima", "PE")
    at_home = person("ana", "Ana", "America/Lima", "PE", delegation_id="lima")
    abroad = person("luis", "Luis", NEW_YORK, "PE", delegation_id="lima")
    alone = person("kenji", "Kenji", "Asia/Tokyo", "JP")
    times = meeting_times(
        meeting("e", "Clinic", tokyo(2027, 1, 12, 10)), [lima, at_home, abroad, alone]
    )
    assert [row.attendee.name for row in times.rows] == [
        "Lima",
        "Luis",
        "Kenji",
        "Tokyo",
        "Washington",
    ]


def test_a_holiday_at_home_warns_once_for_the_first_attendee_it_concerns() -> None:
    lima = delegation("lima", "Lima", "America/Lima", "PE")
    cusco = delegation("cusco", "Cusco", "America/Lima", "PE")
    # Wednesday 28 July 2027, 10:00 in Lima: Peru's Independence Day.
    call = meeting(
        "e",
        "Call",
        at("America/Lima", 2027, 7, 28, 10),
        zone="America/Lima",
        mode=EventMode.VIRTUAL,
    )
    [warning] = meeting_times(call, [lima, cusco]).warnings
    assert (warning.day, warning.country, warning.holiday, warning.who) == (
        date(2027, 7, 28),
        "PE",
        "Independence Day",
        "Lima",
    )
    assert warning.text == ("Wed 28 Jul 2027 is Independence Day, a public holiday in Peru (Lima).")


def test_japans_holidays_count_for_the_hosts_unless_it_is_held_in_person_abroad() -> None:
    """TDLC is always in the room: a call is hosted from Tokyo or a partner city's office
    whatever clock the coordinator typed it on, so Constitution Day concerns its hosts
    (a call typed on Lima's clock was not said to, while the slot finder charged TDLC the
    holiday and the conflict check warned of the same call typed on Tokyo's). Only a
    meeting held in person abroad has no hosts in Japan."""
    # Monday 3 May 2027 is Constitution Day: 10:00 in Tokyo is 20:00 on Sunday in Lima.
    lima = delegation("lima", "Lima", "America/Lima", "PE")
    hosted = meeting("e", "Workshop", tokyo(2027, 5, 3, 10), mode=EventMode.VIRTUAL)
    [warning] = meeting_times(hosted, [lima]).warnings
    assert (warning.holiday, warning.who) == ("Constitution Day", "the hosts in Tokyo")
    from_lima = meeting(
        "e", "Call", tokyo(2027, 5, 3, 10), zone="America/Lima", mode=EventMode.VIRTUAL
    )
    assert meeting_times(from_lima, [lima]).warnings == meeting_times(hosted, [lima]).warnings
    in_lima = meeting(
        "e", "Site visit", tokyo(2027, 5, 3, 10), zone="America/Lima", mode=EventMode.FACE_TO_FACE
    )
    assert meeting_times(in_lima, [lima]).warnings == ()
    at_kobe_hall = meeting(
        "e", "Visit", tokyo(2027, 5, 3, 10), zone="America/Lima", mode=EventMode.FACE_TO_FACE
    )
    [at_kobe] = meeting_times(at_kobe_hall, [lima], venue_zone="Asia/Tokyo").warnings
    assert at_kobe.who == "the hosts in Tokyo"


def test_in_japanese_japans_holidays_and_the_countries_have_japanese_names() -> None:
    """The same Constitution Day warning, as a Japanese coordinator reads it: 憲法記念日
    (the holiday calendar's own Japanese name) and Peru as ペルー (CLDR's)."""
    lima = delegation("lima", "Lima", "America/Lima", "PE")
    hosted = meeting("e", "Workshop", tokyo(2027, 5, 3, 10), mode=EventMode.VIRTUAL)
    independence = meeting(
        "e",
        "Call",
        at("America/Lima", 2027, 7, 28, 10),
        zone="America/Lima",
        mode=EventMode.VIRTUAL,
    )
    i18n.use_language(i18n.JAPANESE)
    try:
        [japan] = meeting_times(hosted, [lima]).warnings
        [peru] = meeting_times(independence, [lima]).warnings
        peru_text = peru.text
    finally:
        i18n.use_language(i18n.ENGLISH)
    assert japan.holiday == "憲法記念日"
    assert "ペルーの祝日" in peru_text
    assert meeting_times(hosted, [lima]).warnings[0].holiday == "Constitution Day"


def test_a_delegation_in_japan_keeps_japans_holidays_during_its_stay() -> None:
    visiting = delegation(
        "lima", "Lima", "America/Lima", "PE", arrival=date(2027, 7, 25), departure=date(2027, 8, 1)
    )
    call = meeting(
        "e",
        "Call",
        at("America/Lima", 2027, 7, 28, 10),
        zone="America/Lima",
        mode=EventMode.VIRTUAL,
    )
    times = meeting_times(call, [visiting])
    assert times.rows[0].in_japan
    assert times.warnings == ()  # Peru's Independence Day is not theirs in Tokyo


@pytest.mark.parametrize(("minutes", "on_the_holiday"), [(60, False), (90, True)])
def test_a_meeting_ending_at_midnight_is_not_on_the_next_dates_holiday(
    minutes: int, on_the_holiday: bool
) -> None:
    """Madaraka Day, Tue 1 June 2027: a call from 23:00 on Monday in Nairobi ending at
    midnight is Monday's alone, as the conflict check and the slot finder read it; the
    Local times named the holiday of the date its end instant opens. One running on to
    00:30 is on Tuesday too."""
    from cpp_scheduler.scheduling.conflicts import ConflictKind, find_conflicts
    from cpp_scheduler.scheduling.inputs import ProgramSnapshot

    nairobi = delegation("nairobi", "Nairobi", "Africa/Nairobi", "KE")
    call = meeting(
        "e",
        "Evening call",
        at("Africa/Nairobi", 2027, 5, 31, 23),
        minutes,
        zone="Africa/Nairobi",
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({nairobi.id}),
    )
    named = [w.holiday for w in meeting_times(call, [nairobi]).warnings if w.country == "KE"]
    found = find_conflicts(ProgramSnapshot(intervals=(call,), delegations={nairobi.id: nairobi}))
    warned = [c for c in found if c.kind is ConflictKind.DELEGATION_HOLIDAY]
    assert (named == ["Madaraka Day"]) is on_the_holiday
    assert bool(warned) is on_the_holiday
