"""How fast the slot finder ranks a month of 15-minute starts for twenty delegations.

    python benchmarks/bench_slots.py [--delegations 20] [--days 30] [--repeat 5]

The baseline, measured in the same run, scores every candidate the plain way: a local
datetime per candidate and delegation, classified and looked up in the holiday
calendar. Both must agree on every candidate's points. Also timed: a six-month series
(one five-day window a month). Target: the single search under 0.2 s.
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, time, timedelta

from _common import best_time, mebibytes, peak_memory, print_table

from benchmarks.generate import generate_program
from cpp_scheduler import timezones
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.inputs import JAPAN, Attendee, tdlc_host
from cpp_scheduler.scheduling.localtimes import classify
from cpp_scheduler.scheduling.slots import (
    DAY_OFF_POINTS,
    PART_POINTS,
    SlotRequest,
    busy_times,
    candidate_scores,
    find_slots,
    plan_series,
    series_windows,
)

FIRST_DAY = date(2027, 3, 1)  # a month with the US and European clock changes in it


def baseline_points(request: SlotRequest) -> list[tuple[int, int]]:
    """(start instant, total points) of every free candidate, one datetime at a time."""
    start = timezones.to_utc(datetime.combine(request.first_day, time()), request.zone)
    after = timezones.to_utc(
        datetime.combine(request.last_day + timedelta(days=1), time()), request.zone
    )
    busy = [(a, b) for a, b in request.busy]
    scored = []
    moment = start
    while moment + request.duration <= after:
        end = moment + request.duration
        if not any(a < end and moment < b for a, b in busy):
            total = 0
            tokyo_day = timezones.to_local(moment, timezones.TOKYO).date()
            for attendee in request.everyone:
                zone = attendee.zone_on(tokyo_day)  # a visiting delegation: Tokyo's clock
                country = JAPAN if zone != attendee.zone else attendee.country
                local_start = timezones.to_local(moment, zone)
                local_end = timezones.to_local(end, zone)
                points = PART_POINTS[classify(local_start, local_end, attendee.hours)]
                day = local_start.date()
                if holidays.holiday_name(country, day) or (
                    day.weekday() in holidays.weekend_days(country)
                ):
                    points += DAY_OFF_POINTS
                total += points
            scored.append((int(moment.timestamp()), total))
        moment += request.step
    scored.sort(key=lambda item: (item[1], item[0]))
    return scored


def pick_delegations(count: int) -> tuple[list[Attendee], tuple[tuple[datetime, datetime], ...]]:
    program = generate_program()
    chosen: list[Attendee] = []
    zones: set[str] = set()
    for delegation in program.delegations.values():
        if delegation.zone not in zones or len(zones) >= 30:
            chosen.append(delegation)
            zones.add(delegation.zone)
        if len(chosen) == count:
            break
    return chosen, busy_times(program, chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegations", type=int, default=20)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    attendees, busy = pick_delegations(args.delegations)
    request = SlotRequest(
        tuple(attendees),
        timedelta(minutes=90),
        FIRST_DAY,
        FIRST_DAY + timedelta(days=args.days - 1),
        busy=busy,
        host=tdlc_host(),
    )
    holidays._holidays_in.cache_clear()  # neither side gets the calendars for free
    baseline_time, baseline = best_time(lambda: baseline_points(request), 1)
    holidays._holidays_in.cache_clear()
    search_time, scores = best_time(lambda: candidate_scores(request), args.repeat)
    top_time, _ = best_time(lambda: find_slots(request, count=5), args.repeat)
    engine = sorted(
        ((int(start.timestamp()), total) for start, total, _ in scores),
        key=lambda item: (item[1], item[0]),
    )
    if engine != baseline:
        raise SystemExit("the slot finder and the baseline disagree on the candidates' points")
    windows = series_windows(FIRST_DAY, FIRST_DAY + timedelta(days=4), "FREQ=MONTHLY;COUNT=6")
    series_request = SlotRequest(
        tuple(attendees),
        timedelta(minutes=90),
        FIRST_DAY,
        FIRST_DAY + timedelta(days=4),
        busy=busy,
        host=tdlc_host(),
    )
    series_time, plan = best_time(lambda: plan_series(series_request, windows), args.repeat)

    candidates = len(baseline)
    print_table(
        f"Slot finder: {len(attendees)} delegations in {len({a.zone for a in attendees})} "
        f"zones, {args.days} days at 15-minute steps, 90-minute meeting "
        f"({candidates:,} free candidates); best of {args.repeat} (baseline: one run)",
        ["step", "CPU time (s)", "faster than baseline", "peak memory"],
        [
            ["baseline: a datetime per candidate", f"{baseline_time:.3f}", "1x", mebibytes(None)],
            [
                "find_slots, 5 best distinct",
                f"{top_time:.3f}",
                f"{baseline_time / top_time:,.0f}x",
                mebibytes(peak_memory(lambda: find_slots(request, count=5))),
            ],
            [
                "candidate_scores, every candidate scored",
                f"{search_time:.3f}",
                f"{baseline_time / search_time:,.0f}x",
                mebibytes(peak_memory(lambda: candidate_scores(request))),
            ],
            [
                "plan_series, 6 monthly 5-day windows",
                f"{series_time:.3f}",
                "-",
                mebibytes(peak_memory(lambda: plan_series(series_request, windows))),
            ],
        ],
    )
    print(
        f"(series fairness: spread {plan.fairness} points; target: a search < 0.2 s; "
        f"measured at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC)"
    )


if __name__ == "__main__":
    main()
