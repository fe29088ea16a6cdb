"""Invitations by email and the change report, against baselines measured in the same run.

    python -m benchmarks.bench_mail [--invitations 2000] [--events 10000]

1. Invitations: a SQLite program of events with ten participants each, so N messages;
   planned (each built for its recipient), handed to a real SMTP server on this machine
   (aiosmtpd in a process of its own, keeping nothing) and recorded in the ledger.
   Baseline: the same number
   of copies of one ready-made invitation sent through one connection to the same
   server with smtplib alone, nothing built and nothing recorded. Target: the whole
   batch under 20 s for 2,000. Shown per stage: plan, send (with the ledger), in all.
2. The change report over a program of E events, three participants each, every one
   sent its invitation, a tenth of the events moved since. Baseline: reading the same
   ledger and events rows with plain column queries. Target: under 1 s for 10,000.

Invitations in wall-clock seconds (``time.perf_counter``): sending waits on a socket.
The change report, all work of this process, in CPU seconds, the best of three.
"""

from __future__ import annotations

import argparse
import smtplib
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import insert, select, update

from benchmarks._common import best_time, print_table
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.transports import Security, SmtpSettings, SmtpTransport
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Participant,
    SentMessage,
    Venue,
)
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import DelegationScope
from cpp_scheduler.services.changes import change_report, facts_of
from cpp_scheduler.store import Database, open_database
from tests.mail.smtpserver import free_port

T = TypeVar("T")
SENDER = Organizer("TDLC CPP team", "cpp@tdlc.example.org")
ZONES = ["America/Lima", "Asia/Kathmandu", "Africa/Nairobi", "Asia/Manila", "Europe/Paris"]
START = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)


def timed(action: Callable[[], T]) -> tuple[float, T]:
    began = time.perf_counter()
    result = action()
    return time.perf_counter() - began, result


@contextmanager
def local_server() -> Iterator[int]:
    """aiosmtpd in a process of its own that accepts every message and keeps none, as
    a relay on this machine does: its work does not share this process's time."""
    port = free_port()
    command = [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink"]
    server = subprocess.Popen([*command, "-l", f"127.0.0.1:{port}"])
    try:
        for _ in range(100):
            try:
                smtplib.SMTP("127.0.0.1", port, timeout=1).quit()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        server.terminate()
        server.wait()


def build_program(database: Database, *, events: int, participants: int, per_event: int) -> str:
    """Events in Tokyo, each with ``per_event`` participants of one delegation; returns
    that delegation's name."""
    with database.transaction() as session:
        venue = Venue(name="TDLC Meeting Room A", locality="Tokyo")
        delegation = Delegation(
            name="Benchmark delegation", country="PE", zone="America/Lima", home_city="Lima"
        )
        people = [
            Participant(
                name=f"Participant {n}",
                email=f"p{n}@example.org",
                delegation=delegation,
                zone=ZONES[n % len(ZONES)],
            )
            for n in range(participants)
        ]
        for number in range(events):
            start = START + timedelta(hours=number % 2000, days=number // 2000)
            first = (number * per_event) % participants
            session.add(
                Event(
                    title=f"Peer exchange {number}",
                    kind=EventKind.WORKSHOP,
                    mode=EventMode.HYBRID,
                    status=EventStatus.CONFIRMED,
                    start_utc=start,
                    end_utc=start + timedelta(hours=2),
                    zone="Asia/Tokyo",
                    venue=venue,
                    video_link=f"https://meet.example.org/{number}",
                    participants=[people[(first + k) % participants] for k in range(per_event)],
                )
            )
        session.add_all(people)
        return delegation.name


def bench_invitations(count: int) -> list[list[str]]:
    per_event = 10
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(str(Path(folder) / "mail.db"))
        try:
            name = build_program(
                database, events=count // per_event, participants=200, per_event=per_event
            )
            with local_server() as port:
                settings = SmtpSettings("127.0.0.1", port, Security.NONE)
                planned, plan = timed(
                    lambda: invitations.plan_invitations(database, DelegationScope(name), SENDER)
                )
                assert len(plan.to_send) == count, len(plan.to_send)

                def send() -> invitations.BatchReport:
                    with SmtpTransport(settings) as transport:
                        return invitations.send_batch(database, plan.to_send, transport)

                sending, report = timed(send)
                assert len(report.sent) == count
                sample = plan.to_send[0].message

                def floor() -> None:
                    with smtplib.SMTP("127.0.0.1", port) as client:
                        for _ in range(count):
                            client.send_message(sample)

                baseline, _ = timed(floor)
        finally:
            database.close()
    whole = planned + sending
    return [
        [f"{count} invitations: plan (build each)", f"{planned:.2f}", ""],
        [f"{count} invitations: send and record", f"{sending:.2f}", ""],
        [f"{count} invitations in all (target < 20 s)", f"{whole:.2f}", f"{whole / baseline:.1f}"],
        [f"baseline: {count} ready copies, smtplib alone", f"{baseline:.2f}", "1.0"],
    ]


def bench_changes(events: int) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(str(Path(folder) / "changes.db"))
        try:
            build_program(database, events=events, participants=2000, per_event=3)
            with database.transaction() as session:
                facts = facts_of(session)
                links = session.execute(
                    select(Event.id, Participant.id).join(Event.participants)
                ).all()
                now = datetime.now(UTC)
                session.execute(
                    insert(SentMessage),
                    [
                        {
                            "id": f"{event_id[:18]}{person_id[:18]}",
                            "version": 1,
                            "created_at": now,
                            "updated_at": now,
                            "participant_id": person_id,
                            "event_id": event_id,
                            "sequence": 0,
                            "method": "REQUEST",
                            "digest": "0" * 64,
                            "sent_at": now,
                            "transport": "outbox",
                            "message_id": f"<{event_id}.{person_id}@bench>",
                            "told": facts[event_id].to_json(),
                        }
                        for event_id, person_id in links
                    ],
                )
                moved = sorted(facts)[::10]
                session.execute(
                    update(Event)
                    .where(Event.id.in_(moved[:900]))
                    .values(sequence=1, start_utc=START, end_utc=START + timedelta(hours=3))
                )
            report_time, report = best_time(lambda: change_report(database), 3)
            assert len(report.changes) == 3 * min(len(moved), 900), len(report.changes)

            def read_rows() -> int:
                with database.session() as session:
                    ledger = session.execute(
                        select(SentMessage.event_id, SentMessage.participant_id, SentMessage.told)
                    ).all()
                    rows = session.execute(
                        select(Event.id, Event.title, Event.start_utc, Event.end_utc)
                    ).all()
                return len(ledger) + len(rows)

            baseline, _ = best_time(read_rows, 3)
        finally:
            database.close()
    return [
        [
            f"change report, {events} events, {len(report.changes)} changes (target < 1 s)",
            f"{report_time:.2f}",
            f"{report_time / baseline:.1f}",
        ],
        ["baseline: reading the ledger and the events", f"{baseline:.2f}", "1.0"],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invitations", type=int, default=2000)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    rows = bench_invitations(args.invitations) + bench_changes(args.events)
    print_table("Mail", ["measure", "seconds", "ratio"], rows)


if __name__ == "__main__":
    main()
