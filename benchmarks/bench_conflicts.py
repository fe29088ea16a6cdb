"""How fast the conflict check runs on a big program, against the brute-force oracle.

    python benchmarks/bench_conflicts.py [--events 10000] [--delegations 500]
                                         [--participants 20000] [--repeat 5]
                                         [--oracle-repeat 3]

Times the double-booking sweep and the whole check (rooms, people, travel, capacity,
opening hours, holidays, night sessions, study tours), the pairwise oracle of the tests
on the same program in the same run, and the peak memory of each (tracemalloc, in a
separate run so that tracing does not distort the times). Each is the best of its runs,
the oracle's too: one slow run of it on a busy machine would flatter the ratio. Targets:
the whole check under 0.5 s, and at least 20 times faster than the oracle.
"""

from __future__ import annotations

import argparse

from _common import best_time, mebibytes, peak_memory, print_table
from conflict_oracle import brute_force_overlaps

from benchmarks.generate import generate_program
from cpp_scheduler import timezones
from cpp_scheduler.scheduling.conflicts import find_conflicts, find_overlaps


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


if __name__ == "__main__":
    main()
