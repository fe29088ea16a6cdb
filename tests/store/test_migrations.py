"""The schema's history: Alembic revisions that build, undo and upgrade every database.

Run on SQLite and PostgreSQL. The upgrade of an older database is proven with a copy of
the shipped revisions plus one more, standing in for the next release of the program.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import OperationalError

from cpp_scheduler.model import (
    Base,
    Delegation,
    Event,
    Participant,
    PartnerCity,
    Reply,
    SentMessage,
    ValidationError,
    Venue,
)
from cpp_scheduler.services import editing, replies
from cpp_scheduler.store import SchemaError, migrations, open_database
from cpp_scheduler.store.database import create_store_engine, describe, resolve_url

MODEL_TABLES = set(Base.metadata.tables)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A bare engine on an empty database of each backend (no schema, no data)."""
    bare = create_store_engine(resolve_url(database_url))
    yield bare
    bare.dispose()


def _tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def _run(engine: Engine, action: str, revision: str) -> None:
    with engine.begin() as connection:
        getattr(command, action)(migrations.alembic_config(connection), revision)


def test_upgrade_from_empty_builds_the_model(engine: Engine) -> None:
    _run(engine, "upgrade", "head")
    assert _tables(engine) == MODEL_TABLES | {"alembic_version"}
    with engine.connect() as connection:
        assert migrations.current_revision(connection) == migrations.head_revision()


def test_downgrade_to_base_and_upgrade_again(engine: Engine, database_url: str) -> None:
    _run(engine, "upgrade", "head")
    _run(engine, "downgrade", "base")
    assert _tables(engine) <= {"alembic_version"}

    store = open_database(database_url)  # upgraded again, and seeded as a new database
    assert _tables(engine) == MODEL_TABLES | {"alembic_version"}
    with store.session() as session:
        assert len(session.scalars(select(PartnerCity)).all()) == 4
    store.close()


def test_the_model_and_the_migrations_agree(engine: Engine) -> None:
    _run(engine, "upgrade", "head")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "write a revision for the model change (docs/migrations.md)"


def _stamp(database_url: str, revision: str) -> None:
    store = open_database(database_url, seed=False)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    store.close()


def _snapshot(database_url: str) -> object:
    """What a test compares before and after: the file's bytes, or the server's tables."""
    url = resolve_url(database_url)
    if url.get_backend_name() == "sqlite":
        return {path.name: path.read_bytes() for path in Path(database_url).parent.iterdir()}
    engine = create_store_engine(url)
    with engine.connect() as connection:
        state = (
            sorted(inspect(connection).get_table_names()),
            connection.execute(text("SELECT version_num FROM alembic_version")).all()
            if "alembic_version" in inspect(connection).get_table_names()
            else None,
        )
    engine.dispose()
    return state


def test_a_database_from_a_newer_program_is_refused_untouched(database_url: str) -> None:
    _stamp(database_url, "0099")
    before = _snapshot(database_url)

    with pytest.raises(SchemaError) as caught:
        open_database(database_url)

    where = describe(resolve_url(database_url))
    assert str(caught.value) == (
        f"{where} was written by a newer CPP Scheduler (schema 0099); CPP Scheduler "
        f"{_version()} knows schemas up to {migrations.head_revision()}: update the program "
        "to open it"
    )
    assert _snapshot(database_url) == before


def test_a_newer_programs_file_in_rollback_journal_mode_is_left_byte_for_byte(
    tmp_path: Path,
) -> None:
    """A newer CPP Scheduler's file, in the rollback-journal mode a backup tool or a
    copy may leave it in, is refused before any connection of this program switches it
    to WAL mode: its header and bytes stay as they were, and no -wal or -shm appears."""
    path = tmp_path / "program.sqlite"
    _stamp(str(path), "0099")
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")
    raw.close()
    before = {found.name: found.read_bytes() for found in tmp_path.iterdir()}
    assert list(before) == ["program.sqlite"]

    with pytest.raises(SchemaError, match="written by a newer CPP Scheduler"):
        open_database(path)

    assert {found.name: found.read_bytes() for found in tmp_path.iterdir()} == before


def _version() -> str:
    from cpp_scheduler import __version__

    return __version__


def _foreign_database(database_url: str, *, with_alembic: bool) -> None:
    engine = create_store_engine(resolve_url(database_url))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (number INTEGER PRIMARY KEY)"))
        connection.execute(text("INSERT INTO invoices VALUES (1)"))
        if with_alembic:
            connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
            connection.execute(text("INSERT INTO alembic_version VALUES ('1a2b3c4d5e6f')"))
    engine.dispose()


def test_a_database_with_another_programs_tables_is_refused(database_url: str) -> None:
    _foreign_database(database_url, with_alembic=False)
    before = _snapshot(database_url)
    with pytest.raises(SchemaError) as caught:
        open_database(database_url)
    assert str(caught.value) == (
        f"{describe(resolve_url(database_url))} holds other tables (invoices) and is not a "
        "CPP Scheduler database; choose another file or an empty database"
    )
    assert _snapshot(database_url) == before


def test_another_programs_alembic_database_is_not_taken_for_a_newer_one(
    database_url: str,
) -> None:
    _foreign_database(database_url, with_alembic=True)
    before = _snapshot(database_url)
    with pytest.raises(
        SchemaError,
        match=r"is managed by another program \(its schema "
        r"1a2b3c4d5e6f is not a CPP Scheduler schema\)",
    ):
        open_database(database_url)
    assert _snapshot(database_url) == before


# -- upgrading an older SQLite file ---------------------------------------------------

NEXT_REVISION = '''
"""Venues say which floor a room is on.

Revision ID: {revision}
Revises: {head}
"""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("venues") as batch_op:
        batch_op.add_column(sa.Column("floor", sa.String(20), nullable=False,
                                      server_default=""))
    op.execute("UPDATE venues SET floor = '2F' WHERE locality = 'Tokyo'")
    {failure}


def downgrade() -> None:
    with op.batch_alter_table("venues") as batch_op:
        batch_op.drop_column("floor")
'''


def _following(revision: str) -> str:
    """The id of the revision after ``revision``: ``0003`` after ``0002``."""
    return f"{int(revision) + 1:04d}"


@pytest.fixture
def next_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the program ship the current revisions plus the next one (written by the
    test)."""
    scripts = tmp_path / "next-release-migrations"
    shutil.copytree(
        migrations.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(migrations, "MIGRATIONS_DIR", scripts)
    return scripts / "versions" / f"{_following(migrations.head_revision())}_venue_floor.py"


@pytest.fixture
def older_database(tmp_path: Path) -> Path:
    """A program database of today's schema, holding a coordinator's own venue."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "program.sqlite"
    store = open_database(path)
    with store.transaction() as session:
        session.add(Venue(name="TDLC annex", locality="Tokyo", capacity=12))
    store.close()
    return path


def _venue_columns(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {row[1] for row in connection.execute("PRAGMA table_info(venues)")}


def test_an_older_sqlite_file_is_copied_aside_then_upgraded(
    older_database: Path, next_release: Path
) -> None:
    head = migrations.head_revision()
    next_release.write_text(
        textwrap.dedent(NEXT_REVISION.format(revision=_following(head), head=head, failure=""))
    )

    store = open_database(older_database)
    with store.session() as session:
        floors = session.execute(
            text("SELECT floor FROM venues WHERE name = 'TDLC annex'")
        ).scalar_one()
        assert floors == "2F"
        assert session.scalar(select(Venue.capacity).where(Venue.name == "TDLC annex")) == 12
    with store.engine.connect() as connection:
        assert migrations.current_revision(connection) == _following(head)
    store.close()

    copies = sorted(older_database.parent.glob(f"program.before-{head}.*.sqlite"))
    assert len(copies) == 1, sorted(p.name for p in older_database.parent.iterdir())
    assert "floor" not in _venue_columns(copies[0])
    with closing(sqlite3.connect(copies[0])) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert copy.execute("SELECT capacity FROM venues WHERE name = 'TDLC annex'").fetchone() == (
            12,
        )

    open_database(older_database).close()  # already current: no second copy
    assert len(list(older_database.parent.glob("program.before-*"))) == 1


def test_a_failing_upgrade_is_undone_and_says_where_the_copy_is(
    older_database: Path, next_release: Path
) -> None:
    head = migrations.head_revision()
    failure = 'raise RuntimeError("the floor plan is missing")'
    next_release.write_text(
        textwrap.dedent(NEXT_REVISION.format(revision=_following(head), head=head, failure=failure))
    )

    with pytest.raises(SchemaError) as caught:
        open_database(older_database)

    copy = next(older_database.parent.glob(f"program.before-{head}.*.sqlite"))
    following = _following(head)
    assert str(caught.value).startswith(
        f"upgrading {older_database} from schema {head} to {following} failed and was undone ("
    )
    assert str(caught.value).endswith(f"; a copy from before is at {copy}")
    assert "floor" not in _venue_columns(older_database), "the failed revision left a column"
    with closing(sqlite3.connect(older_database)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)


def test_a_new_database_is_not_copied(sqlite_path: Path) -> None:
    open_database(sqlite_path).close()
    assert sorted(p.name for p in sqlite_path.parent.iterdir()) == ["program.sqlite"]


def test_copies_never_replace_each_other(tmp_path: Path) -> None:
    database = tmp_path / "program.sqlite"
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    first = migrations.backup_path(database, "0001", moment)
    assert first.name == "program.before-0001.2026-11-23T0930Z.sqlite"
    first.write_bytes(b"")
    assert migrations.backup_path(database, "0001", moment).name == (
        "program.before-0001.2026-11-23T0930Z-2.sqlite"
    )


def test_developers_run_alembic_from_the_checkout(tmp_path: Path) -> None:
    """docs/migrations.md: `alembic upgrade head` then `alembic check` on a scratch file."""
    repository = Path(__file__).resolve().parents[2]
    scratch = tmp_path / "scratch.sqlite"
    script = (
        "import sys\n"
        "from alembic.config import main\n"
        "main(argv=['-x', sys.argv[1], 'upgrade', 'head'])\n"
        "main(argv=['-x', sys.argv[1], 'check'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, f"db={scratch}"],
        cwd=repository,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert f"-> {migrations.head_revision()}," in output
    assert "No new upgrade operations detected." in output


def test_revision_ids_are_the_numbers_their_file_names_begin_with() -> None:
    # Opening an up-to-date database reads the newest revision from the file names
    # alone (it skips importing Alembic); this holds every revision to that rule.
    revisions = migrations.scripts()
    files = sorted((migrations.MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py"))
    assert files
    previous = None
    for path in files:
        number = path.name.split("_", 1)[0]
        revision = revisions.get_revision(number)
        assert revision is not None, f"{path.name} does not hold revision {number}"
        assert revision.down_revision == previous, f"{path.name} does not follow {previous}"
        previous = number
    assert migrations.shipped_head() == migrations.head_revision() == previous


def test_opening_an_up_to_date_database_does_not_load_alembic(sqlite_path: Path) -> None:
    open_database(sqlite_path).close()
    probe = (
        "import sys; from cpp_scheduler.store import open_database; "
        f"open_database({str(sqlite_path)!r}).close(); "
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'alembic'))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert loaded.stdout.strip() == "[]"


def test_a_program_from_before_events_named_their_host_opens_with_tdlc_hosting(
    engine: Engine, database_url: str
) -> None:
    # A program of schema 0001 holding an event: built at today's schema, taken back.
    _save_an_exchange_with_kobe(database_url, "host_city")
    _run(engine, "downgrade", "0001")
    with engine.connect() as connection:
        columns = {column["name"] for column in inspect(connection).get_columns("events")}
    assert "host_city_id" not in columns

    store = open_database(database_url)  # upgraded on opening, as a coordinator would
    with store.session() as session:
        [event] = session.scalars(select(Event)).all()
        assert event.title == "Resilient cities exchange"
        assert event.host_city is None  # TDLC hosts every event of an older program
    store.close()


def test_a_program_from_before_all_day_events_opens_with_every_event_timed(
    engine: Engine, database_url: str
) -> None:
    store = open_database(database_url)
    with store.transaction() as session:
        session.add(
            Event(
                title="Resilient cities exchange",
                start_utc=datetime(2027, 1, 20, 8, tzinfo=UTC),
                end_utc=datetime(2027, 1, 20, 9, 30, tzinfo=UTC),
            )
        )
    store.close()
    _run(engine, "downgrade", "0003")
    with engine.connect() as connection:
        columns = {column["name"] for column in inspect(connection).get_columns("events")}
    assert "all_day" not in columns

    store = open_database(database_url)  # upgraded on opening, as a coordinator would
    with store.session() as session:
        [event] = session.scalars(select(Event)).all()
        assert event.all_day is False
    store.close()


def test_a_program_from_before_links_lost_their_row_ids_keeps_every_link(
    engine: Engine, database_url: str
) -> None:
    themes = _save_an_exchange_with_kobe(database_url, "themes")
    assert themes, "Kobe's seeded themes are the links the upgrade must keep"
    _run(engine, "downgrade", "0009")
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        assert _tables_with_row_ids(engine) >= {"event_themes", "city_themes"}

    store = open_database(database_url)  # upgraded on opening, as a coordinator would
    with store.session() as session:
        [event] = session.scalars(select(Event)).all()
        assert sorted(theme.code for theme in event.themes) == themes
        kobe = session.scalars(select(PartnerCity).where(PartnerCity.name == "Kobe")).one()
        assert sorted(theme.code for theme in kobe.themes) == themes
    store.close()
    if sqlite:
        assert _tables_with_row_ids(engine) == MODEL_TABLES - LINK_TABLES


def test_answers_recorded_before_replies_knew_their_version_still_count(
    engine: Engine, database_url: str
) -> None:
    """Replies recorded at schema 0010 answered the newest version their person had been
    sent (older answers were refused): the upgrade keeps them counting, not out of date."""
    store = open_database(database_url)
    answered_at = datetime(2027, 1, 10, tzinfo=UTC)
    with store.transaction() as session:
        event = Event(
            title="Resilient cities exchange",
            start_utc=datetime(2027, 1, 20, 8, tzinfo=UTC),
            end_utc=datetime(2027, 1, 20, 9, 30, tzinfo=UTC),
            sequence=3,
        )
        told = Participant(name="Ana Quispe", email="ana@lima.example")
        untold = Participant(name="Maya Shrestha", email="maya@ktm.example")
        event.participants = [told, untold]
        session.add(event)
        session.flush()
        session.add(
            SentMessage(
                participant_id=told.id, event_id=event.id, sequence=2, method="REQUEST",
                digest="0" * 64, transport="outbox", message_id="<1@tdlc>",
            )
        )  # fmt: skip
        for person in (told, untold):
            session.add(
                Reply(
                    participant_id=person.id, event_id=event.id, answer="ACCEPTED",
                    replied_at=answered_at,
                )
            )  # fmt: skip
        uid = event.uid
    store.close()
    _run(engine, "downgrade", "0010")

    store = open_database(database_url)  # upgraded on opening, as a coordinator would
    with store.session() as session:
        answered = {
            email: sequence
            for email, sequence in session.execute(
                select(Participant.email, Reply.sequence).join(
                    Reply, Reply.participant_id == Participant.id
                )
            )
        }
    assert answered == {"ana@lima.example": 2, "maya@ktm.example": 3}
    rows = replies.invited_answers(store, event_uid=uid)
    assert {(row.participant, row.answer, row.earlier) for row in rows} == {
        ("Ana Quispe", "accepted", None),
        ("Maya Shrestha", "accepted", None),
    }
    store.close()


LINK_TABLES = {
    table.name
    for table in Base.metadata.sorted_tables
    if table.dialect_options["sqlite"]["with_rowid"] is False
}
"""The tables the model keeps as their key alone on SQLite."""


def test_twins_an_older_program_saved_open_and_the_first_made_holds_the_value(
    engine: Engine, database_url: str
) -> None:
    """Two delegations named alike and two participants at one address in other
    capitals, saved before the database held such values once: the upgrade keeps all
    four as they are, the first made of each pair holds the value, and its twin saves
    its other changes while that value is left alone, as the program's check lets it."""
    store = open_database(database_url)
    lima = {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    first = editing.create(store, Delegation, lima)
    twin = editing.create(store, Delegation, {**lima, "name": "Cusco housing"})
    ana = editing.create(store, Participant, {"name": "Ana Quispe", "email": "ana@lima.example"})
    other_ana = editing.create(store, Participant, {"name": "Ana Q.", "email": "aq@lima.example"})
    store.close()
    _run(engine, "downgrade", "0015")
    with engine.begin() as connection:  # as a program comparing letter for letter saved them
        for table, record_id, column, value in (
            ("delegations", twin, "name", "LIMA HOUSING "),
            ("participants", other_ana, "email", "Ana@Lima.Example"),
        ):
            connection.execute(
                text(f"UPDATE {table} SET {column} = :value, created_at = :later WHERE id = :id"),
                {"value": value, "later": datetime(2030, 1, 1, tzinfo=UTC), "id": record_id},
            )

    store = open_database(database_url)  # upgraded on opening, as a coordinator would
    with store.session() as session:
        held = dict(session.execute(select(Delegation.id, Delegation.held_once)).all())
        held |= dict(session.execute(select(Participant.id, Participant.held_once)).all())
    assert held == {
        first: "lima housing",
        twin: None,
        ana: "ana@lima.example",
        other_ana: None,
    }
    editing.change(store, Delegation, twin, {"notes": "Housing ministry, second visit"}, None)
    editing.change(store, Participant, other_ana, {"name": "Ana Quispe Mamani"}, None)
    with pytest.raises(ValidationError, match="called 'Lima housing' already exists"):
        editing.create(store, Delegation, {**lima, "name": "lima housing"})
    # Given another address, the twin holds it; the first one's again, it is refused.
    editing.change(store, Participant, other_ana, {"email": "ana.q@lima.example"}, None)
    with pytest.raises(ValidationError, match=r"'ana@lima\.example' is already the address"):
        editing.change(store, Participant, other_ana, {"email": "ANA@lima.example"}, None)
    store.close()


def _save_an_exchange_with_kobe(database_url: str, link: str) -> list[str]:
    """Save one event linked to Kobe (``host_city``: hosted by it; ``themes``: on its
    themes), to be taken back to an older schema; Kobe's theme codes."""
    store = open_database(database_url)
    with store.transaction() as session:
        kobe = session.scalars(select(PartnerCity).where(PartnerCity.name == "Kobe")).one()
        linked = {"host_city": kobe, "themes": list(kobe.themes)}[link]
        session.add(
            Event(
                title="Resilient cities exchange",
                start_utc=datetime(2027, 1, 20, 8, tzinfo=UTC),
                end_utc=datetime(2027, 1, 20, 9, 30, tzinfo=UTC),
                **{link: linked},
            )
        )
        themes = sorted(theme.code for theme in kobe.themes)
    store.close()
    return themes


def _tables_with_row_ids(engine: Engine) -> set[str]:
    """The tables of a SQLite database that keep a row id beside their key."""
    with engine.connect() as connection:
        found = set()
        for table in inspect(connection).get_table_names():
            try:
                connection.exec_driver_sql(f'SELECT rowid FROM "{table}" LIMIT 1')
            except OperationalError:  # no such column: rowid
                continue
            found.add(table)
        return found - {"alembic_version"}
