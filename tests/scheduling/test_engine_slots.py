"""The slot finder: ranking, reasons, weekends and holidays, busy times, series, fairness."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from engine_builders import STUDIO, delegation, meeting, person, tokyo
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import i18n, timezones
from cpp_scheduler.scheduling.inputs import (
    AttendeeKind,
    Hours,
    ProgramSnapshot,
    city_office_host,
    tdlc_host,
)
from cpp_scheduler.scheduling.localtimes import DayPart, classify
from cpp_scheduler.scheduling.slots import (
    DAY_OFF_POINTS,
    FAIR_SPREAD,
    PART_POINTS,
    SeriesPlan,
    Sharing,
    SlotRequest,
    SlotRequestError,
    busy_times,
    find_slots,
    plan_series,
    series_windows,
)

KOBE = delegation("kobe", "Kobe city", "Asia/Tokyo", "JP")
MANILA = delegation("manila", "Manila", "Asia/Manila", "PH")
NAIROBI = delegation("nairobi", "Nairobi", "Africa/Nairobi", "KE")
LIMA = delegation("lima", "Lima", "America/Lima", "PE")
PARIS = delegation("paris", "Paris", "Europe/Paris", "FR")
BANK = person("bank", "Bank team", "America/New_York", "US")
HOUR = timedelta(hours=1)


def request(*attendees, first=date(2027, 1, 12), last=date(2027, 1, 13), **values):  # type: ignore[no-untyped-def]
    return SlotRequest(tuple(attendees), values.pop("duration", HOUR), first, last, **values)


def tokyo_start(slot) -> datetime:  # type: ignore[no-untyped-def]
    return timezones.to_local(slot.start, timezones.TOKYO).replace(tzinfo=None)


def test_the_best_slot_is_in_everybodys_working_hours() -> None:
    best = find_slots(request(KOBE, MANILA))[0]
    assert tokyo_start(best) == datetime(2027, 1, 12, 10, 0)  # 09:00 in Manila
    assert best.total == 0
    assert [fit.part for fit in best.fits] == [DayPart.WORKING, DayPart.WORKING]
    assert best.fit_for("manila").reason == (
        "Manila: Tue 12 Jan 09:00-10:00 PST, within working hours (09:00-18:00)"
    )


# -- the host ----------------------------------------------------------------------------


def test_with_tdlc_hosting_nairobi_and_lima_are_not_met_at_eleven_at_night_in_tokyo() -> None:
    monday_to_friday = {"first": date(2027, 1, 18), "last": date(2027, 1, 22)}
    left_out = find_slots(request(NAIROBI, LIMA, **monday_to_friday))
    # The old answer, without the host: 23:00 in Tokyo is 17:00 in Nairobi, 09:00 in Lima.
    assert tokyo_start(left_out[0]).time() == time(23, 0)
    assert left_out[0].total == 0

    hosted = find_slots(request(NAIROBI, LIMA, host=tdlc_host(), **monday_to_friday), count=5)
    for slot in hosted:
        assert tokyo_start(slot).time() != time(23, 0)
    best = hosted[0]
    tdlc = best.fits[0]  # the host is weighed first, like any attendee
    assert tdlc.attendee.kind is AttendeeKind.HOST
    assert tdlc.attendee.name == "TDLC Tokyo"
    assert tdlc.part is not DayPart.NIGHT
    assert best.total == sum(fit.inconvenience for fit in best.fits) > 0
    assert tdlc.reason.startswith("TDLC Tokyo: Mon 18 Jan 21:00-22:00 JST, outside working hours")


def test_the_host_at_eleven_at_night_costs_the_nights_points() -> None:
    late = find_slots(
        request(
            NAIROBI,
            LIMA,
            host=tdlc_host(),
            first=date(2027, 1, 18),
            last=date(2027, 1, 18),
            step=timedelta(hours=1),
        ),
        count=24,
        distinct=False,
    )
    eleven = next(slot for slot in late if tokyo_start(slot).time() == time(23, 0))
    assert eleven.fits[0].part is DayPart.NIGHT
    assert eleven.total == PART_POINTS[DayPart.NIGHT]


def test_a_partner_city_office_hosts_on_japans_calendar() -> None:
    kobe_office = city_office_host("kobe-city", "Kobe")
    # Monday 11 January 2027 is Coming of Age Day in Japan, a working day in Manila.
    on_the_holiday = find_slots(
        request(MANILA, host=kobe_office, first=date(2027, 1, 11), last=date(2027, 1, 11))
    )[0]
    office = on_the_holiday.fit_for("kobe-city")
    assert office.attendee.name == "Kobe city office"
    assert office.zone == "Asia/Tokyo"
    assert office.day_off == "Coming of Age Day"
    assert office.inconvenience == DAY_OFF_POINTS
    assert "Coming of Age Day, a public holiday in Japan" in office.reason
    assert on_the_holiday.fit_for("manila").inconvenience == 0
    # Given the next day too, the office's holiday is avoided.
    best = find_slots(
        request(MANILA, host=kobe_office, first=date(2027, 1, 11), last=date(2027, 1, 12))
    )[0]
    assert tokyo_start(best).date() == date(2027, 1, 12)
    assert best.total == 0


def test_a_series_shares_the_burden_with_the_host_too() -> None:
    windows = series_windows(date(2027, 1, 18), date(2027, 1, 22), "FREQ=MONTHLY;COUNT=3")
    plan = plan_series(
        request(NAIROBI, LIMA, host=tdlc_host(), first=windows[0][0], last=windows[0][1]),
        windows,
    )
    assert set(plan.totals) == {"tdlc", "nairobi", "lima"}
    for slot in plan.slots:
        assert slot is not None
        assert slot.fits[0].part is not DayPart.NIGHT


def test_a_delegation_visiting_japan_is_judged_on_tokyos_clock_during_its_stay() -> None:
    visiting = delegation(
        "lima-tour",
        "Lima on tour",
        "America/Lima",
        "PE",
        arrival=date(2027, 1, 11),
        departure=date(2027, 1, 15),
    )
    # In Japan: 10:00 in Tokyo is working hours for the host and for Lima's officials,
    # though it is 20:00 the evening before at home.
    during = find_slots(request(visiting, host=tdlc_host()))[0]
    assert tokyo_start(during).time() == time(9, 0)
    assert during.total == 0
    lima = during.fit_for("lima-tour")
    assert lima.zone == "Asia/Tokyo"
    assert lima.reason.startswith("Lima on tour: Tue 12 Jan 09:00-10:00 JST (in Japan), within")
    # Japan's holiday is theirs too while they are there: Coming of Age Day, 11 January.
    holiday = find_slots(request(visiting, first=date(2027, 1, 11), last=date(2027, 1, 11)))[0]
    assert holiday.fit_for("lima-tour").day_off == "Coming of Age Day"
    # Back home after the 15th, Lima's own clock again: 09:00 Tokyo is 19:00 there.
    after = find_slots(
        request(visiting, first=date(2027, 1, 19), last=date(2027, 1, 19), step=HOUR),
        count=24,
        distinct=False,
    )
    nine = next(slot for slot in after if tokyo_start(slot).time() == time(9, 0))
    assert nine.fit_for("lima-tour").zone == "America/Lima"
    assert nine.fit_for("lima-tour").part is DayPart.EXTENDED


def test_slots_are_ranked_and_distinct() -> None:
    slots = find_slots(request(KOBE, MANILA, NAIROBI, LIMA), count=5)
    assert len(slots) == 5
    keys = [(slot.total, slot.worst) for slot in slots]
    assert keys == sorted(keys)
    for one in slots:
        for other in slots:
            assert one is other or one.end <= other.start or other.end <= one.start


def test_each_reason_says_why_in_words() -> None:
    best = find_slots(request(KOBE, LIMA, NAIROBI))[0]
    reasons = {fit.attendee.id: fit.reason for fit in best.fits}
    lima = best.fit_for("lima")
    assert lima.part in (DayPart.EXTENDED, DayPart.NIGHT)
    if lima.part is DayPart.EXTENDED:
        assert "outside working hours (09:00-18:00) but within acceptable hours" in reasons["lima"]
    assert best.total == sum(fit.inconvenience for fit in best.fits)
    assert best.worst == max(fit.inconvenience for fit in best.fits)


def test_a_weekend_at_home_is_avoided_and_named() -> None:
    # Sat 16 to Mon 18 Jan 2027: the best slot is on Monday.
    best = find_slots(request(KOBE, MANILA, first=date(2027, 1, 16), last=date(2027, 1, 18)))[0]
    assert tokyo_start(best).date() == date(2027, 1, 18)
    forced = find_slots(request(KOBE, first=date(2027, 1, 16), last=date(2027, 1, 16)))[0]
    assert forced.fits[0].day_off == "Saturday"
    assert forced.total == DAY_OFF_POINTS
    assert forced.fits[0].reason.endswith("; a Saturday")


def test_a_public_holiday_in_a_delegations_own_country_is_avoided_and_named() -> None:
    # Tue 1 June 2027 is Madaraka Day in Kenya, an ordinary Tuesday in Japan.
    best = find_slots(request(KOBE, NAIROBI, first=date(2027, 6, 1), last=date(2027, 6, 2)))[0]
    assert timezones.to_local(best.start, "Africa/Nairobi").date() == date(2027, 6, 2)
    forced = find_slots(request(KOBE, NAIROBI, first=date(2027, 6, 1), last=date(2027, 6, 1)))
    nairobi = forced[0].fit_for("nairobi")
    assert nairobi.day_off == "Madaraka Day"
    assert "Madaraka Day, a public holiday in Kenya" in nairobi.reason
    assert forced[0].fit_for("kobe").day_off is None


def _fit_starting(attendee, first: date, when: str, minutes: int = 60):  # type: ignore[no-untyped-def]
    """The attendee's fit of the candidate starting at ``when`` (``Mon 23:30``) on their
    own clock, among every candidate of ``first`` and the day after."""
    found = find_slots(
        request(
            attendee,
            first=first,
            last=first + timedelta(days=1),
            duration=timedelta(minutes=minutes),
            zone=attendee.zone,
        ),
        count=10_000,
        distinct=False,
    )
    (fit,) = [
        slot.fits[0]
        for slot in found
        if f"{timezones.to_local(slot.start, attendee.zone):%a %H:%M}" == when
    ]
    return fit


def test_a_meeting_running_into_a_holiday_past_midnight_is_charged_it() -> None:
    """Madaraka Day, Tue 1 June 2027: a call from 23:30 on Monday in Nairobi runs into
    it, as the Local times and the conflict check say; the finder charged the Monday's
    date alone, a working day (and called a Friday-to-Saturday meeting a weekday's)."""
    late = _fit_starting(NAIROBI, date(2027, 5, 31), "Mon 23:30", minutes=90)
    assert late.day_off == "Madaraka Day"
    assert late.inconvenience == PART_POINTS[DayPart.NIGHT] + DAY_OFF_POINTS
    assert "Madaraka Day, a public holiday in Kenya" in late.reason


def test_a_meeting_ending_as_the_clocks_jump_at_midnight_is_not_on_the_next_date() -> None:
    """Cairo, Thu 24 Apr 2025: a call from 23:00 ends as Egypt's clocks jump from midnight
    to 01:00 on Friday, Sinai Liberation Day; its last second is Thursday's, as the
    conflict check reads it."""
    cairo = delegation("cairo", "Cairo", "Africa/Cairo", "EG")
    late = _fit_starting(cairo, date(2025, 4, 24), "Thu 23:00")
    assert late.day_off is None
    assert late.inconvenience == PART_POINTS[late.part]


def test_a_japanese_venue_brings_japans_holidays() -> None:
    # Mon 11 Jan 2027 is Coming of Age Day in Japan, a working Monday in Manila.
    days = {"first": date(2027, 1, 11), "last": date(2027, 1, 12)}
    without = find_slots(request(MANILA, **days))[0]
    assert tokyo_start(without).date() == date(2027, 1, 11)
    with_venue = find_slots(request(MANILA, venue=STUDIO, **days))[0]
    assert tokyo_start(with_venue).date() == date(2027, 1, 12)
    studio_fit = find_slots(
        request(MANILA, venue=STUDIO, first=date(2027, 1, 11), last=date(2027, 1, 11))
    )[0].fit_for(STUDIO.id)
    assert studio_fit.day_off == "Coming of Age Day"


def test_japanese_hosts_bring_japans_holidays() -> None:
    best = find_slots(request(KOBE, MANILA, first=date(2027, 1, 11), last=date(2027, 1, 12)))[0]
    assert tokyo_start(best).date() == date(2027, 1, 12)


def test_the_venue_must_be_open() -> None:
    for slot in find_slots(request(LIMA, venue=STUDIO), count=10, distinct=False):
        local = timezones.to_local(slot.start, STUDIO.zone)
        local_end = timezones.to_local(slot.end, STUDIO.zone)
        assert local.time() >= STUDIO.opens_at
        assert local_end.time() <= STUDIO.closes_at
        assert local.date() == local_end.date()


def test_busy_attendees_and_a_busy_venue_block_slots() -> None:
    taken = meeting(
        "e1",
        "Manila budget review",
        tokyo(2027, 1, 12, 10),
        180,
        delegation_ids=frozenset({"manila"}),
    )
    studio_taken = meeting("e2", "Other call", tokyo(2027, 1, 12, 13), 120, venue_id=STUDIO.id)
    elsewhere = meeting("e3", "Somebody else's meeting", tokyo(2027, 1, 12, 15), 60)
    program = ProgramSnapshot(intervals=(taken, studio_taken, elsewhere))
    busy = busy_times(program, [KOBE, MANILA], STUDIO)
    assert len(busy) == 2
    best = find_slots(request(KOBE, MANILA, venue=STUDIO, busy=busy), count=20, distinct=False)
    for slot in best:
        assert slot.end <= taken.start or slot.start >= taken.end
        assert slot.end <= studio_taken.start or slot.start >= studio_taken.end
    assert tokyo_start(best[0]) == datetime(2027, 1, 12, 15, 0)


def test_a_person_is_busy_when_their_delegation_is() -> None:
    ana = person("ana", "Ana", "Asia/Manila", "PH", delegation_id="manila")
    taken = meeting(
        "e1", "Delegation visit", tokyo(2027, 1, 12, 10), 60, delegation_ids=frozenset({"manila"})
    )
    assert busy_times(ProgramSnapshot(intervals=(taken,)), [ana]) == ((taken.start, taken.end),)


def test_bad_requests_say_what_is_wrong() -> None:
    with pytest.raises(SlotRequestError, match="at least one"):
        find_slots(request())
    with pytest.raises(SlotRequestError, match="before it starts"):
        find_slots(request(KOBE, first=date(2027, 1, 13), last=date(2027, 1, 12)))
    with pytest.raises(SlotRequestError, match="narrow the dates"):
        find_slots(request(KOBE, first=date(2027, 1, 1), last=date(2028, 1, 1)))


def test_a_japanese_coordinator_is_told_in_japanese_what_is_wrong() -> None:
    i18n.use_language(i18n.JAPANESE)
    try:
        with pytest.raises(SlotRequestError) as backwards:
            find_slots(request(KOBE, first=date(2027, 1, 13), last=date(2027, 1, 12)))
        with pytest.raises(SlotRequestError) as too_many:
            find_slots(request(KOBE, first=date(2027, 1, 1), last=date(2028, 1, 1)))
    finally:
        i18n.use_language(i18n.ENGLISH)
    assert str(backwards.value) == (
        "期間の終わり（2027年1月12日）が始まり（2027年1月13日）より前です。"
    )
    assert str(too_many.value) == (
        "検索する開始時刻が35,133件になります。期間を狭めるか、間隔を広げてください（上限20,000件）。"
    )


# -- the precomputed classification agrees with plain datetime conversions -----------------

ZONES = st.sampled_from(
    [
        "America/New_York",
        "Europe/Paris",
        "America/Santiago",
        "Asia/Kathmandu",
        "Australia/Lord_Howe",
        "America/Sao_Paulo",
        "Asia/Tokyo",
        "Pacific/Chatham",
    ]
)
# Ranges around daylight-saving weekends of both hemispheres, and plain weeks.
DAYS = st.sampled_from(
    [
        date(2027, 3, 13),
        date(2027, 3, 27),
        date(2027, 4, 3),
        date(2027, 9, 4),
        date(2027, 10, 2),
        date(2027, 10, 30),
        date(2027, 11, 6),
        date(2027, 7, 1),
    ]
)


@settings(max_examples=40, deadline=None)
@given(ZONES, DAYS, st.sampled_from([15, 60, 90, 150]))
def test_each_candidate_is_scored_as_its_local_datetime_says(
    zone: str, first: date, minutes: int
) -> None:
    attendee = delegation(
        "d", "Somewhere", zone, "XX", hours=Hours(time(9), time(18), time(7), time(22))
    )
    slots = find_slots(
        request(
            attendee,
            first=first,
            last=first + timedelta(days=2),
            duration=timedelta(minutes=minutes),
        ),
        count=10_000,
        distinct=False,
    )
    assert len(slots) > 250
    for slot in slots:
        local_start = timezones.to_local(slot.start, zone)
        local_end = timezones.to_local(slot.end, zone)
        [fit] = slot.fits
        assert fit.local_start == local_start
        assert fit.part is classify(local_start, local_end, attendee.hours)
        # A meeting is on every date it covers: one from Friday 23:30 runs into Saturday;
        # its last second read on the clock in force then (not the end's wall clock less
        # a second, which a change of clocks at midnight would move to the next date).
        last_day = timezones.to_local(slot.end - timedelta(seconds=1), zone).date()
        weekend = local_start.weekday() >= 5 or last_day.weekday() >= 5
        assert fit.inconvenience == PART_POINTS[fit.part] + (DAY_OFF_POINTS if weekend else 0)


# -- series ----------------------------------------------------------------------------------


def test_series_windows_repeat_the_range() -> None:
    windows = series_windows(date(2027, 1, 11), date(2027, 1, 15), "FREQ=MONTHLY;COUNT=6")
    assert windows[0] == (date(2027, 1, 11), date(2027, 1, 15))
    assert windows[-1] == (date(2027, 6, 11), date(2027, 6, 15))
    assert len(windows) == 6


def test_a_series_across_a_clock_change_moves_as_few_local_hours_as_it_can() -> None:
    # Weekly on Tuesdays across Europe's change on 28 March 2027. Before it, only
    # 17:00 Tokyo (16:00 Manila, 09:00 Paris) is in everybody's working hours; after it,
    # 17:00 Tokyo is 10:00 in Paris, and Tokyo and Manila keep their hour.
    windows = series_windows(date(2027, 3, 16), date(2027, 3, 16), "FREQ=WEEKLY;COUNT=4")
    plan = plan_series(request(KOBE, MANILA, PARIS), windows)
    assert [tokyo_start(slot).time() for slot in plan.slots] == [time(17)] * 4  # type: ignore[arg-type]
    paris = [slot.fit_for("paris").local_start.time() for slot in plan.slots]  # type: ignore[union-attr]
    assert paris == [time(9), time(9), time(10), time(10)]
    assert plan.moved == (0, 0, 1, 0)
    assert plan.fairness == 0


def test_a_series_rotates_the_inconvenience_among_delegations() -> None:
    # Tokyo and New York share no working hour: someone starts early or stays late.
    windows = series_windows(date(2027, 1, 11), date(2027, 1, 15), "FREQ=WEEKLY;COUNT=4")
    plan = plan_series(request(KOBE, BANK), windows)
    burdens = [
        (slot.fit_for("kobe").inconvenience, slot.fit_for("bank").inconvenience)  # type: ignore[union-attr]
        for slot in plan.slots
    ]
    assert all(kobe + bank > 0 for kobe, bank in burdens)
    assert {kobe for kobe, _ in burdens} == {0, 2}  # Tokyo takes some early mornings
    assert {bank for _, bank in burdens} == {0, 2}  # Washington some late evenings
    assert plan.totals == {"kobe": 4, "bank": 4}
    assert plan.fairness == 0


def test_the_fairness_measure_is_the_spread_of_totals() -> None:
    windows = series_windows(date(2027, 2, 8), date(2027, 2, 12), "FREQ=MONTHLY;COUNT=4")
    plan = plan_series(request(KOBE, BANK, LIMA), windows)
    assert plan.fairness == max(plan.totals.values()) - min(plan.totals.values())
    for attendee_id, total in plan.totals.items():
        assert total == sum(
            slot.fit_for(attendee_id).inconvenience  # type: ignore[union-attr]
            for slot in plan.slots
        )


def test_an_occurrence_with_no_free_time_is_reported_as_such() -> None:
    blocked = meeting(
        "all",
        "Retreat",
        datetime(2027, 2, 1, tzinfo=UTC),
        60 * 24 * 12,
        delegation_ids=frozenset({"kobe"}),
    )
    busy = busy_times(ProgramSnapshot(intervals=(blocked,)), [KOBE])
    windows = series_windows(date(2027, 1, 11), date(2027, 1, 12), "FREQ=MONTHLY;COUNT=3")
    plan = plan_series(request(KOBE, busy=busy), windows)
    assert plan.slots[0] is not None
    assert plan.slots[1] is None
    assert plan.slots[2] is not None


@pytest.mark.parametrize(
    ("spread", "sharing"),
    [(0, Sharing.EVEN), (1, Sharing.FAIR), (FAIR_SPREAD, Sharing.FAIR), (7, Sharing.UNEVEN)],
)
def test_a_series_is_fairly_shared_while_one_carries_one_night_more_at_most(
    spread: int, sharing: Sharing
) -> None:
    plan = SeriesPlan((), {"kobe": 0, "lima": spread}, spread, ())
    assert PART_POINTS[DayPart.NIGHT] == FAIR_SPREAD
    assert plan.sharing is sharing
