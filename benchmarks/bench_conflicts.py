"""How fast the conflict check runs on a big program, against the brute-force oracle.

    python benchmarks/bench_conflicts.py [--events 10000] [--delegations 500]
                                         [--participants 20000] [--repeat 5]
                                         [--oracle-repeat 3] [--ranges]

Times the double-booking sweep and the whole check (rooms, people, travel, capacity,
opening hours, holidays, night sessions, study tours), the pairwise oracle of the tests
on the same program in the same run, and the peak memory of each (tracemalloc, in a
separate run so that tracing does not distort the times). Each is the best of its runs,
the oracle's too: one slow run of it on a busy machine would flatter the ratio. Targets:
the whole check under 0.5 s, and at least 20 times faster than the oracle.

With ``--ranges``, the program (and its study tours) is also stored in a SQLite file,
and the check the window, ``cpp-scheduler conflicts --from --to`` and the run sheet make
(``services.checking.check``: reading the store, then the engine) is timed over a day, a
week and a month in mid-season, and over the whole program, each range also compared
with the whole program's findings dated in it, which it must equal. Storing the
program takes a few seconds per thousand events.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from _common import best_time, mebibytes, peak_memory, print_table
from conflict_oracle import brute_force_overlaps

from benchmarks.generate import generate_program, store_program
from cpp_scheduler import timezones
from cpp_scheduler.model import HotelNight, StudyTour
from cpp_scheduler.scheduling.conflicts import falls_within, find_conflicts, find_overlaps
from cpp_scheduler.scheduling.inputs import ProgramSnapshot
from cpp_scheduler.services.checking import check
from cpp_scheduler.store import Database, open_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--delegations", type=int, default=500)
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--oracle-repeat",
        type=int,
        default=3,
        help="runs of the oracle, the best taken as ours are (default: 3)",
    )
    parser.add_argument(
        "--ranges",
        action="store_true",
        help="also time the check of a day, a week and a month read from a stored program",
    )
    args = parser.parse_args()

    generate_time, program = best_time(
        lambda: generate_program(args.events, args.delegations, args.participants), 1
    )
    intervals = program.intervals
    oracle_time, oracle = best_time(lambda: brute_force_overlaps(intervals), args.oracle_repeat)
    sweep_time, overlaps = best_time(lambda: find_overlaps(intervals), args.repeat)
    check_time, conflicts = best_time(lambda: find_conflicts(program), args.repeat)
    swept = {(str(o.resource), o.resource_id, *sorted((o.first.id, o.second.id))) for o in overlaps}
    if swept != oracle:
        raise SystemExit(f"the sweep found {len(swept)} overlaps, the oracle {len(oracle)}")
    sweep_memory = peak_memory(lambda: find_overlaps(intervals))
    check_memory = peak_memory(lambda: find_conflicts(program))

    def ratio(seconds: float) -> str:
        return f"{oracle_time / seconds:,.0f}x"

    print_table(
        f"Conflict check: {len(intervals):,} events, {len(program.delegations):,} "
        f"delegations, {len(program.participants):,} participants; IANA "
        f"{timezones.TZDATA_RELEASE}; best of {args.repeat} (oracle: of "
        f"{args.oracle_repeat})",
        ["step", "CPU time (s)", "faster than oracle", "found", "peak memory"],
        [
            [
                "brute-force oracle (pairwise, tests)",
                f"{oracle_time:.3f}",
                "1x",
                f"{len(oracle):,} overlaps",
                "-",
            ],
            [
                "sweep (find_overlaps)",
                f"{sweep_time:.3f}",
                ratio(sweep_time),
                f"{len(overlaps):,} overlaps",
                mebibytes(sweep_memory),
            ],
            [
                "all checks (find_conflicts)",
                f"{check_time:.3f}",
                ratio(check_time),
                f"{len(conflicts):,} conflicts",
                mebibytes(check_memory),
            ],
        ],
    )
    print(
        f"(generating the program took {generate_time:.2f} s; "
        "targets: all checks < 0.5 s and >= 20x faster than the oracle)"
    )
    if args.ranges:
        print()
        time_ranges(program, args.repeat)


MID_SEASON = date(2027, 3, 15)
"""A Monday in the middle of the generated season, where the checked ranges begin."""


def time_ranges(program: ProgramSnapshot, repeat: int) -> None:
    """The stored program checked over a day, a week, a month and whole."""
    folder = Path(tempfile.mkdtemp(prefix="cpp-bench-conflicts-"))
    try:
        database = open_database(folder / "program.sqlite")
        stored_time, _ = best_time(lambda: store(database, program), 1)
        whole_time, whole = best_time(lambda: check(database), repeat)
        rows = []
        for label, days in (("a day", 1), ("a week", 7), ("a month", 30)):
            start, end = timezones.local_days(
                MID_SEASON, MID_SEASON + timedelta(days=days - 1), timezones.TOKYO
            )
            seconds, checked = best_time(lambda s=start, e=end: check(database, s, e), repeat)
            expected = [c for c in whole.conflicts if falls_within(c, start, end)]
            rows.append(
                [
                    f"{label} from {MID_SEASON:%d %b}",
                    f"{seconds * 1000:.0f}",
                    f"{checked.meetings:,}",
                    f"{len(checked.conflicts):,}",
                    "yes" if checked.conflicts == expected else "NO",
                ]
            )
        rows.append(
            [
                "the whole program",
                f"{whole_time * 1000:.0f}",
                f"{whole.meetings:,}",
                f"{len(whole.conflicts):,}",
                "-",
            ]
        )
        database.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print_table(
        f"The check read from the store (services.checking.check), stored in "
        f"{stored_time:.0f} s; best of {repeat}, CPU time",
        ["range", "ms", "meetings", "conflicts", "as the whole program says"],
        rows,
    )


def store(database: Database, program: ProgramSnapshot) -> None:
    """The program's records, and its study tours with their hotel nights."""
    store_program(database, program)
    with database.transaction() as session:
        for tour in program.tours:
            session.add(
                StudyTour(
                    id=tour.id,
                    title=tour.title,
                    delegation_id=tour.delegation_id,
                    start_date=tour.start_date,
                    end_date=tour.end_date,
                    nights=[
                        HotelNight(night_of=night, hotel="Generated hotel", locality="Tokyo")
                        for night in sorted(tour.hotel_nights)
                    ],
                )
            )


if __name__ == "__main__":
    main()
