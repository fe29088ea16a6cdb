"""A save that the database refuses says what, which record and where; nothing is kept.

Each test makes the real failure happen (a taken email, a lock held by another
connection, a read-only connection, a full database, a connection cut by the server)
and checks both the one-line message and that the database holds none of the change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import func, select, text

from cpp_scheduler.model import Delegation, Event, Participant, StudyTour, TourDay, Venue
from cpp_scheduler.store import (
    ConnectionLostError,
    Database,
    DatabaseLockedError,
    DiskFullError,
    DuplicateValueError,
    ReadOnlyDatabaseError,
    SaveLostError,
    StoreError,
    open_database,
)
from cpp_scheduler.store.errors import Failure, classify

START = datetime(2026, 6, 3, 0, 0, tzinfo=UTC)


def _count(database: Database, entity: type) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(entity)) or 0)


@pytest.fixture
def quick_database(database_url: str) -> Iterator[Database]:
    """The database of each backend, giving up on another program's lock after 0.2 s."""
    store = open_database(database_url, timeout=0.2)
    yield store
    store.close()


def test_taken_email_names_the_participant_and_the_address(database: Database) -> None:
    with database.transaction() as session:
        session.add(Participant(name="Ana Quispe", email="ana.quispe@vivienda.gob.pe"))

    def add_two() -> None:
        with database.transaction() as session:
            session.add(Participant(name="Luis Rojas", email="luis.rojas@vivienda.gob.pe"))
            session.add(Participant(name="Ana Q.", email="ana.quispe@vivienda.gob.pe"))

    with pytest.raises(DuplicateValueError) as caught:
        add_two()

    assert str(caught.value) == (
        "participant 'Ana Q.' cannot be saved: the email 'ana.quispe@vivienda.gob.pe' is "
        f"already used by another participant in {database.name}"
    )
    assert caught.value.value == "ana.quispe@vivienda.gob.pe"
    assert _count(database, Participant) == 1, "Luis Rojas was saved with the refused change"


def test_renaming_onto_a_taken_name_names_both(database: Database) -> None:
    with database.transaction() as session:
        session.add_all(
            [
                Delegation(name="Lima housing ministry", country="PE", zone="America/Lima"),
                Delegation(name="Nairobi county", country="KE", zone="Africa/Nairobi"),
            ]
        )

    def rename() -> None:
        with database.transaction() as session:
            nairobi = session.scalars(select(Delegation).where(Delegation.country == "KE")).one()
            nairobi.name = "Lima housing ministry"

    with pytest.raises(DuplicateValueError) as caught:
        rename()
    assert str(caught.value).startswith(
        "delegation 'Lima housing ministry' cannot be saved: the name 'Lima housing ministry'"
        " is already used by another delegation"
    )
    with database.session() as session:
        assert session.scalars(select(Delegation.name).order_by(Delegation.name)).all() == [
            "Lima housing ministry",
            "Nairobi county",
        ]


def test_a_taken_name_with_line_breaks_is_quoted_escaped(database: Database) -> None:
    name = "Lima\nhousing\u2028ministry " + "x" * 100
    with database.transaction() as session:
        session.add(Delegation(name=name, country="PE", zone="America/Lima"))

    def add_again() -> None:
        with database.transaction() as session:
            session.add(Delegation(name=name, country="PE", zone="America/Lima"))

    with pytest.raises(DuplicateValueError) as caught:
        add_again()
    shown = "Lima\\nhousing\\u2028ministry " + "x" * 37 + "…"
    assert str(caught.value) == (
        f"delegation '{shown}' cannot be saved: the name '{shown}' is already used by "
        f"another delegation in {database.name}"
    )


def test_two_days_of_a_tour_on_one_date(database: Database) -> None:
    def plan() -> None:
        with database.transaction() as session:
            lima = Delegation(name="Lima housing ministry", country="PE", zone="America/Lima")
            tour = StudyTour(
                title="Lima in Japan",
                delegation=lima,
                start_date=date(2026, 6, 1),
                end_date=date(2026, 6, 5),
            )
            tour.days.append(TourDay(day=date(2026, 6, 2), title="Yokohama"))
            tour.days.append(TourDay(day=date(2026, 6, 2), title="Kobe"))
            session.add(tour)

    with pytest.raises(DuplicateValueError) as caught:
        plan()
    message = str(caught.value)
    assert message.startswith("tour day Tue 02 Jun 2026 cannot be saved: another tour day")
    assert "has the same tour and date (2026-06-02)" in message
    assert _count(database, StudyTour) == 0


def test_a_lock_held_too_long_is_reported_and_nothing_is_saved(
    quick_database: Database, database_url: str
) -> None:
    with quick_database.transaction() as session:
        event = Event(
            title="Toyama compact city", start_utc=START, end_utc=START + timedelta(hours=1)
        )
        session.add(event)
    blocker = open_database(database_url)
    try:
        with blocker.engine.connect() as holder:
            if blocker.is_sqlite:
                holder.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                holder.execute(text("SELECT 1 FROM events FOR UPDATE"))
            with pytest.raises(DatabaseLockedError) as caught:
                _rename_event(quick_database, event.id, "Toyama compact city, day 2")
            holder.rollback()
    finally:
        blocker.close()
    assert str(caught.value) == (
        "cannot save event 'Toyama compact city, day 2': "
        f"{quick_database.name} is locked by another program or user (waited 0.2 s); "
        "nothing was saved, try again in a moment"
    )
    with quick_database.session() as session:
        assert session.get(Event, event.id).title == "Toyama compact city"  # type: ignore[union-attr]


@pytest.mark.postgres
def test_a_query_kept_waiting_by_a_lock_is_reported_too(postgres_url: str) -> None:
    store = open_database(postgres_url, timeout=0.2)
    blocker = open_database(postgres_url)
    try:
        with blocker.engine.connect() as holder:
            holder.execute(text("SELECT 1 FROM venues FOR UPDATE"))

            def lock_venues() -> None:
                with store.transaction() as session:
                    session.execute(select(Venue).with_for_update()).all()

            with pytest.raises(
                DatabaseLockedError,
                match=r"is locked by another program or "
                r"user \(waited 0.2 s\)",
            ):
                lock_venues()
            holder.rollback()
    finally:
        blocker.close()
        store.close()


def _rename_event(database: Database, event_id: str, title: str) -> None:
    with database.transaction() as session:
        stored = session.get(Event, event_id)
        assert stored is not None
        stored.title = title


def test_a_read_only_connection_refuses_the_save(quick_database: Database) -> None:
    def save_read_only() -> None:
        with quick_database.transaction() as session:
            if quick_database.is_sqlite:
                session.execute(text("PRAGMA query_only = ON"))
            else:
                session.execute(text("SET TRANSACTION READ ONLY"))
            session.add(Participant(name="Ana Quispe", email="ana.quispe@vivienda.gob.pe"))

    with pytest.raises(ReadOnlyDatabaseError) as caught:
        save_read_only()
    assert str(caught.value) == (
        f"cannot save participant 'Ana Quispe': {quick_database.name} is read-only; "
        "nothing was saved"
    )
    quick_database.close()  # the pooled connection keeps query_only
    assert _count(quick_database, Participant) == 0


def test_a_full_database_refuses_the_save_whole(sqlite_path: str) -> None:
    store = open_database(sqlite_path)
    try:
        with store.engine.connect() as connection:
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar()

        def fill() -> None:
            with store.transaction() as session:
                session.execute(text(f"PRAGMA max_page_count = {pages}"))
                for number in range(400):
                    session.add(
                        Participant(
                            name=f"Delegate {number}" + " x" * 90,
                            email=f"delegate{number}@example.org",
                        )
                    )

        with pytest.raises(DiskFullError) as caught:
            fill()
        assert str(caught.value).startswith("cannot save 400 changes (participant 'Delegate")
        assert str(caught.value).endswith(
            f"the disk holding {store.name} is full; nothing was saved, "
            "free some space and save again"
        )
        store.close()
        assert _count(store, Participant) == 0
    finally:
        store.close()


def test_a_full_disk_on_the_server_is_told_apart() -> None:
    error = psycopg.errors.DiskFull("could not extend file: No space left on device")
    assert classify(error) is Failure.DISK_FULL


@pytest.mark.postgres
def test_a_connection_cut_by_the_server_loses_nothing(
    postgres_url: str, postgres_server: str
) -> None:
    store = open_database(postgres_url)
    try:

        def save_while_cut() -> None:
            with store.transaction() as session:
                session.add(Participant(name="Ana Quispe", email="ana.quispe@vivienda.gob.pe"))
                session.flush()
                backend = session.execute(text("SELECT pg_backend_pid()")).scalar()
                with psycopg.connect(postgres_server, autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
                session.add(Participant(name="Luis Rojas", email="luis.rojas@vivienda.gob.pe"))

        with pytest.raises(SaveLostError) as caught:
            save_while_cut()
        assert isinstance(caught.value, ConnectionLostError)
        assert str(caught.value).startswith("cannot save ")
        # The fact alone: each medium adds its own next step (tests/parity).
        assert str(caught.value).endswith(
            f"the connection to {store.name} was lost; nothing was saved"
        )
        assert _count(store, Participant) == 0
    finally:
        store.close()


def test_every_failure_is_a_store_error() -> None:
    for kind in (
        ConnectionLostError,
        DatabaseLockedError,
        DiskFullError,
        DuplicateValueError,
        ReadOnlyDatabaseError,
    ):
        assert issubclass(kind, StoreError)


@pytest.mark.postgres
def test_a_database_dropped_while_open_is_named_as_gone(postgres_server: str) -> None:
    """An administrator drops (or renames) the program's database while the program is
    open: the save and the read after say so in the program's words, as opening it
    would, not in the server's."""
    name = f"cpp_dropped_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{postgres_server.rsplit('/', 1)[0]}/{name}"
    store = open_database(url)
    try:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')

        with pytest.raises(StoreError) as saving, store.transaction() as session:
            session.add(Participant(name="Ana Quispe", email="ana.quispe@vivienda.gob.pe"))
        with pytest.raises(StoreError) as reading, store.reading() as session:
            session.scalars(select(Participant)).all()
    finally:
        store.close()
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    gone = f"has no database '{name}' (dropped or renamed since it was opened)"
    assert str(saving.value) == (
        f"cannot save the change: the server at {store.name} {gone}; nothing was saved"
    )
    assert str(reading.value) == f"cannot read {store.name}: the server {gone}"
    for message in (saving.value, reading.value):
        assert "FATAL" not in str(message)
        assert "\n" not in str(message)
