"""Every save leaves a history: who, when, which fields from what to what, and its source."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from cpp_scheduler import i18n
from cpp_scheduler.model import Change, Event, EventKind, ThematicArea
from cpp_scheduler.programfile import export_program, import_program
from cpp_scheduler.services import editing, merging, removal
from cpp_scheduler.services.calendar_import import import_calendar
from cpp_scheduler.services.history import (
    HISTORY_LIMIT,
    RevertError,
    history_of,
    revert_change,
)
from cpp_scheduler.services.series import move_event
from cpp_scheduler.store import ConcurrentEditError, Database, open_database
from cpp_scheduler.store.history import as_json, plain

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


def _workshop(database: Database) -> str:
    with database.transaction() as session:
        event = editing.create_record(
            session,
            Event,
            {
                "title": "Kobe DRR workshop",
                "kind": EventKind.WORKSHOP,
                "start_utc": START,
                "end_utc": START + timedelta(hours=2),
                "zone": "Asia/Tokyo",
            },
        )
        return event.id


def _changes(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Change)) or 0


def test_a_dialog_edit_and_a_drag_are_written_with_their_author_and_values(
    database: Database,
) -> None:
    database.author = "Aiko Tanaka"
    event_id = _workshop(database)
    with database.transaction() as session:
        theme = session.scalars(select(ThematicArea.id).limit(1)).one()
        editing.update_record(
            session, Event, event_id, {"title": "Kobe DRR peer workshop", "theme_ids": [theme]}, 1
        )
    read = history_of(database, event_id)[-1].version
    database.author = "Ravi Menon"
    later = START + timedelta(days=1)
    move_event(database, event_id, later, later + timedelta(hours=2), read)

    created, edited, moved = history_of(database, event_id)
    assert (created.action, created.version, created.author) == ("created", 1, "Aiko Tanaka")
    assert {f.name: f.new for f in created.fields}["title"] == "Kobe DRR workshop"
    assert (edited.action, edited.author) == ("changed", "Aiko Tanaka")
    assert {f.name: (f.old, f.new) for f in edited.fields} == {
        "title": ("Kobe DRR workshop", "Kobe DRR peer workshop"),
        "themes": ([], [theme]),
    }
    assert (moved.author, moved.version) == ("Ravi Menon", read + 1)
    fields = {f.name: (f.old, f.new) for f in moved.fields}
    assert fields["start_utc"] == ("2027-01-12T01:00:00+00:00", "2027-01-13T01:00:00+00:00")
    assert set(fields) == {"start_utc", "end_utc", "sequence"}


def test_a_refused_save_leaves_no_history(database: Database) -> None:
    event_id = _workshop(database)
    before = _changes(database)
    with pytest.raises(ConcurrentEditError):
        move_event(database, event_id, START, START + timedelta(hours=3), expected_version=7)
    with pytest.raises(ValueError, match="cancelled"), database.transaction() as session:  # noqa: PT012
        editing.update_record(session, Event, event_id, {"title": "Moved"}, 1)
        raise ValueError("the coordinator cancelled")
    assert _changes(database) == before


def test_an_imported_program_names_its_file_in_each_record_history(
    database: Database, tmp_path: Path
) -> None:
    event_id = _workshop(database)
    export_program(database, tmp_path / "program.json")
    document = json.loads((tmp_path / "program.json").read_text("utf-8"))
    for event in document["events"]:
        event["title"] = "Kobe DRR workshop, day one"
    (tmp_path / "program.json").write_text(json.dumps(document), "utf-8")

    import_program(database, tmp_path / "program.json")

    last = history_of(database, event_id)[-1]
    assert last.source == f"program file {tmp_path / 'program.json'}"
    assert [(f.name, f.new) for f in last.fields] == [("title", "Kobe DRR workshop, day one")]


def test_an_imported_calendar_names_its_file(database: Database, tmp_path: Path) -> None:
    calendar = tmp_path / "partners.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kobe//Partners//EN\r\n"
        "BEGIN:VEVENT\r\nUID:site-visit-1@kobe.example\r\nDTSTAMP:20261201T000000Z\r\n"
        "DTSTART:20270115T010000Z\r\nDTEND:20270115T030000Z\r\nSUMMARY:Kobe port visit\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        "utf-8",
    )
    import_calendar(database, calendar)
    (entry,) = history_of(database, "site-visit-1@kobe.example")
    assert entry.action == "created"
    assert entry.source == f"calendar file {calendar}"


@pytest.mark.usefixtures("japanese")
def test_an_import_in_a_japanese_window_names_its_file_in_japanese(
    database: Database, tmp_path: Path
) -> None:
    """The History panel's source of an import's changes is written in the language of
    the window that imported, as the rest of the entry's words are."""
    calendar = tmp_path / "partners.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kobe//Partners//EN\r\n"
        "BEGIN:VEVENT\r\nUID:site-visit-2@kobe.example\r\nDTSTAMP:20261201T000000Z\r\n"
        "DTSTART:20270115T010000Z\r\nDTEND:20270115T030000Z\r\nSUMMARY:Kobe port visit\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        "utf-8",
    )
    import_calendar(database, calendar)
    (entry,) = history_of(database, "site-visit-2@kobe.example")
    assert entry.source == f"カレンダーファイル {calendar}"
    export_program(database, tmp_path / "program.json")
    document = json.loads((tmp_path / "program.json").read_text("utf-8"))
    document["events"][0]["title"] = "神戸港の視察"
    (tmp_path / "program.json").write_text(json.dumps(document), "utf-8")
    import_program(database, tmp_path / "program.json")
    assert history_of(database, "site-visit-2@kobe.example")[-1].source == (
        f"プログラムファイル {tmp_path / 'program.json'}"
    )


def test_a_team_in_two_languages_reads_the_history_each_in_their_own(
    database: Database, tmp_path: Path
) -> None:
    """Ravi saves in English, Aiko in Japanese; each reads every entry's record and
    source in their own language, whoever wrote it."""
    database.author = "Ravi Menon"
    event_id = _workshop(database)  # through the unit of work
    calendar = tmp_path / "partners.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kobe//Partners//EN\r\n"
        "BEGIN:VEVENT\r\nUID:site-visit-3@kobe.example\r\nDTSTAMP:20261201T000000Z\r\n"
        "DTSTART:20270115T010000Z\r\nDTEND:20270115T030000Z\r\nSUMMARY:Kobe port visit\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        "utf-8",
    )
    import_calendar(database, calendar)  # written in bulk, with its source
    i18n.use_language(i18n.JAPANESE)
    try:
        database.author = "Aiko Tanaka"
        with database.transaction() as session:
            editing.update_record(session, Event, event_id, {"title": "神戸防災ワークショップ"}, 1)
        (created, edited) = history_of(database, event_id)
        (visit,) = history_of(database, "site-visit-3@kobe.example")
        assert created.label == "イベント 'Kobe DRR workshop'"
        assert edited.label == "イベント '神戸防災ワークショップ'"
        assert visit.label == "イベント 'Kobe port visit'"
        assert visit.source == f"カレンダーファイル {calendar}"
    finally:
        i18n.use_language(i18n.ENGLISH)
    (created, edited) = history_of(database, event_id)
    (visit,) = history_of(database, "site-visit-3@kobe.example")
    assert created.label == "event 'Kobe DRR workshop'"
    assert edited.label == "event '神戸防災ワークショップ'"
    assert (visit.label, visit.source) == ("event 'Kobe port visit'", f"calendar file {calendar}")
    with database.session() as session:  # as the saver wrote it, for older readers
        stored = session.scalars(select(Change.record_label).order_by(Change.id)).all()
    assert "イベント '神戸防災ワークショップ'" in stored


def test_an_entry_from_before_translations_keeps_the_name_it_was_saved_with(
    database: Database,
) -> None:
    event_id = _workshop(database)
    with database.transaction() as session:  # as an entry written before 0009 reads
        session.execute(update(Change).values(record_labels=None, group_names=None))
    i18n.use_language(i18n.JAPANESE)
    try:
        assert history_of(database, event_id)[0].label == "event 'Kobe DRR workshop'"
    finally:
        i18n.use_language(i18n.ENGLISH)


def test_reverting_puts_the_old_values_back_as_a_new_change(database: Database) -> None:
    event_id = _workshop(database)
    with database.transaction() as session:
        editing.update_record(session, Event, event_id, {"title": "Kobe DRR peer workshop"}, 1)
    change = history_of(database, event_id)[-1]

    reverted = revert_change(database, change.change_id, expected_version=2)

    assert (reverted.version, reverted.action) == (3, "changed")
    assert [(f.old, f.new) for f in reverted.fields] == [
        ("Kobe DRR peer workshop", "Kobe DRR workshop")
    ]
    with database.session() as session:
        assert session.get(Event, event_id).title == "Kobe DRR workshop"  # type: ignore[union-attr]
    with pytest.raises(RevertError, match="title was changed again since"):
        revert_change(database, change.change_id)
    with pytest.raises(ConcurrentEditError):
        revert_change(database, reverted.change_id, expected_version=2)


def test_a_revert_over_a_later_change_is_refused_whole(database: Database) -> None:
    event_id = _workshop(database)
    later = START + timedelta(days=3)
    move_event(database, event_id, later, later + timedelta(hours=2), 1)
    move_event(database, event_id, later, later + timedelta(hours=5), 2)
    start_change = history_of(database, event_id)[1]
    with database.transaction() as session:
        editing.update_record(session, Event, event_id, {"end_utc": later + timedelta(hours=1)}, 3)
    before = _changes(database)
    with pytest.raises(RevertError, match="end utc was changed again since"):
        revert_change(database, start_change.change_id)
    assert _changes(database) == before


def test_reverting_a_creation_deletes_and_reverting_that_brings_it_back_with_its_links(
    database: Database,
) -> None:
    with database.session() as session:
        themes = sorted(session.scalars(select(ThematicArea.id).limit(2)))
    event_id = editing.create(
        database,
        Event,
        {
            "title": "Kobe DRR workshop",
            "kind": EventKind.WORKSHOP,
            "start_utc": START,
            "end_utc": START + timedelta(hours=2),
            "zone": "Asia/Tokyo",
            "theme_ids": themes,
        },
    )
    with database.session() as session:
        uid = session.get(Event, event_id).uid  # type: ignore[union-attr]
    created = history_of(database, event_id)[-1]

    deletion = revert_change(database, created.change_id, expected_version=1)

    assert deletion.action == "deleted"
    with database.session() as session:
        assert session.get(Event, event_id) is None
    with pytest.raises(editing.RecordNotFoundError, match="was deleted since"):
        revert_change(database, created.change_id)

    restored = revert_change(database, deletion.change_id)

    assert restored.action == "created"
    back = editing.stored(database, Event, event_id)
    assert (back.values["title"], back.values["start_utc"]) == ("Kobe DRR workshop", START)
    assert sorted(back.values["theme_ids"]) == themes
    with database.session() as session:
        assert session.get(Event, event_id).uid == uid  # type: ignore[union-attr]
    with pytest.raises(RevertError, match="exists again"):
        revert_change(database, deletion.change_id)
    # Undo and redo again: the creation can be reverted as long as nothing changed since.
    assert revert_change(database, created.change_id).action == "deleted"


def test_reverting_a_creation_after_a_later_change_is_refused(database: Database) -> None:
    event_id = _workshop(database)
    created = history_of(database, event_id)[-1]
    editing.change(database, Event, event_id, {"title": "Kobe DRR peer workshop"}, 1)
    before = _changes(database)
    with pytest.raises(RevertError, match="title was changed again since"):
        revert_change(database, created.change_id)
    with pytest.raises(ConcurrentEditError):
        revert_change(database, created.change_id, expected_version=1)
    assert _changes(database) == before
    assert editing.stored(database, Event, event_id).values["title"] == "Kobe DRR peer workshop"


def test_the_command_prints_a_record_history_with_its_authors(tmp_path: Path) -> None:
    path = tmp_path / "program.sqlite"
    database = open_database(path, author="Aiko Tanaka")
    event_id = _workshop(database)
    export_program(database, tmp_path / "program.json")
    database.close()
    document = json.loads((tmp_path / "program.json").read_text("utf-8"))
    document["events"][0]["title"] = "Kobe DRR workshop, day one"
    (tmp_path / "program.json").write_text(json.dumps(document), "utf-8")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "cpp_scheduler", "--db", str(path)]

    subprocess.run(
        [*command, "--author", "Ravi Menon", "program", "import", str(tmp_path / "program.json")],
        check=True,
        env=environment,
        capture_output=True,
    )
    shown = subprocess.run(
        [*command, "history", event_id, "--json"], check=True, env=environment, capture_output=True
    )
    text = subprocess.run(
        [*command, "history", "--since", "2026-01-01"],
        check=True,
        env=environment,
        text=True,
        capture_output=True,
    ).stdout

    created, imported = json.loads(shown.stdout)["changes"]
    assert (created["author"], created["action"]) == ("Aiko Tanaka", "created")
    assert (imported["author"], imported["version"]) == ("Ravi Menon", 2)
    assert imported["fields"]["title"] == {
        "old": "Kobe DRR workshop",
        "new": "Kobe DRR workshop, day one",
    }
    assert "Aiko Tanaka  created event 'Kobe DRR workshop' (version 1)" in text
    assert '    Title: "Kobe DRR workshop" -> "Kobe DRR workshop, day one"' in text


def test_deleting_a_venue_is_a_change_of_its_events_that_a_stale_save_cannot_undo(
    database: Database,
) -> None:
    """Ravi deletes the room Aiko's workshop was booked in: the workshop's history says
    so under his name, its version and SEQUENCE rise (attendees' calendars drop the
    room), and Aiko's editor, open since before, cannot save over it unseen."""
    from cpp_scheduler.model import Venue

    database.author = "Aiko Tanaka"
    event_id = _workshop(database)
    with database.transaction() as session:
        room = editing.create_record(
            session, Venue, {"name": "TDLC Meeting Room A", "locality": "Tokyo"}
        ).id
    editing.change(database, Event, event_id, {"venue_id": room}, 1)
    opened = editing.stored(database, Event, event_id)

    database.author = "Ravi Menon"
    deleted = removal.delete(database, Venue, room)

    now = editing.stored(database, Event, event_id)
    assert now.values["venue_id"] is None
    assert now.version == (opened.version or 0) + 1
    # The deletion says which record it changed, from which version to which.
    assert opened.version is not None
    assert now.version is not None
    assert deleted.touched == (editing.Touched("Event", event_id, opened.version, now.version),)
    latest = history_of(database, event_id)[-1]
    assert latest.author == "Ravi Menon"
    assert ("venue_id", room, None) in [(f.name, f.old, f.new) for f in latest.fields]
    with database.session() as session:
        assert editing.get_record(session, Event, event_id).sequence == 1 + 1
    database.author = "Aiko Tanaka"
    with pytest.raises(ConcurrentEditError):
        editing.change(database, Event, event_id, {"title": "Kobe DRR"}, opened.version)

    database.author = "Ravi Menon"
    touched = removal.restore(database, Venue, deleted.snapshot)
    back = editing.stored(database, Event, event_id)
    assert back.values["venue_id"] == room
    assert back.version == (opened.version or 0) + 2
    assert touched == (editing.Touched("Event", event_id, now.version, back.version),)
    assert history_of(database, event_id)[-1].author == "Ravi Menon"


def test_a_value_beyond_what_orjson_writes_is_kept_in_the_history() -> None:
    """The history writes its JSON with orjson, and with the json module what orjson
    refuses: an integer beyond 64 bits is kept, not a failed save."""
    from cpp_scheduler.store.history import as_json

    huge = 2**70
    assert json.loads(as_json({"capacity": [None, huge]})) == {"capacity": [None, huge]}
    assert as_json({"b": [1, "神戸"], "a": [None, None]}) == '{"a":[null,null],"b":[1,"神戸"]}'


def test_records_named_together_are_each_named_in_every_language() -> None:
    """An import names its thousands of records in one pass per language: each gets its
    own name in each language, and one whose name cannot be worded gets its kind and id
    instead of failing the import."""
    from cpp_scheduler.store.history import labels_of_each

    class Unnamed:
        record_kind = "venue"
        id = "6c1a3e0e"

        def label(self) -> str:
            raise LookupError("no name")

    workshop = Event(id="e1", title="Kobe DRR workshop\nday 2")
    theme = ThematicArea(id="t1", code="drr", name="Disaster risk", name_ja="防災")
    assert labels_of_each([workshop, Unnamed(), theme]) == [
        {"en": "event 'Kobe DRR workshop\\nday 2'", "ja": "イベント 'Kobe DRR workshop\\nday 2'"},
        {"en": "venue 6c1a3e0e", "ja": "venue 6c1a3e0e"},
        {"en": "thematic area 'Disaster risk'", "ja": "テーマ分野 '防災'"},
    ]


_UTC_INSTANTS = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999)
).map(lambda moment: moment.replace(tzinfo=UTC))

_COLUMN_VALUES = st.one_of(
    st.none(),
    st.text(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    _UTC_INSTANTS,
    st.sampled_from(EventKind),
    st.lists(st.text(), max_size=3),
)
"""Any value a record's column holds that the history's writer takes as it is: texts,
numbers, dates, instants in UTC, members of an enumeration, lists of texts (a time of day
is made plain first: see ``as_json``)."""


@given(
    values=st.dictionaries(st.text(min_size=1, max_size=8), _COLUMN_VALUES, max_size=6),
    beyond_64_bits=st.booleans(),
)
def test_a_records_values_are_kept_as_their_plain_text(
    values: dict[str, Any], beyond_64_bits: bool
) -> None:
    # An import hands the history's writer a record's values as they are; the entry must
    # read as if each had been written as plain text, whichever writer takes it.
    fields: dict[str, Any] = {name: [None, value] for name, value in values.items()}
    if beyond_64_bits:
        fields["capacity"] = [None, 2**70]  # which orjson refuses: the json module writes
    as_plain = {name: [None, plain(value)] for name, (_old, value) in fields.items()}
    assert as_json(fields) == as_json(as_plain)


def test_a_record_brought_back_by_a_revert_never_takes_an_old_number_again(
    database: Database,
) -> None:
    """Aiko renames, deletes and brings the event back; Ken changes its notes while
    Aiko's editor holds it: her new title is saved beside his notes, and a colleague's
    editor opened before the deletion merges too instead of losing a change."""
    event_id = _workshop(database)
    database.author = "Aiko Tanaka"
    editing.change(database, Event, event_id, {"title": "Eco-Town B"}, 1)
    before_deletion = editing.stored(database, Event, event_id)
    removal.delete(database, Event, event_id)
    deletion = history_of(database, event_id)[-1]

    restored = revert_change(database, deletion.change_id)

    read = editing.stored(database, Event, event_id)
    assert read.values["title"] == "Eco-Town B"
    assert restored.version == read.version == 3
    assert [entry.version for entry in history_of(database, event_id)] == [1, 2, 2, 3]
    database.author = "Ken Sato"
    editing.change(database, Event, event_id, {"notes": "Ken's note"}, read.version)
    for held in (read, before_deletion):
        assert held.version is not None
        with pytest.raises(ConcurrentEditError):
            editing.change(database, Event, event_id, {"title": "x"}, held.version)
        mine = {**held.values, "title": "From grey to green"}
        plan = merging.plan_merge(database, Event, event_id, held.version, held.values, mine)
        assert plan.merged == {"title": "From grey to green"}
        assert plan.taken_from_theirs == ("notes",)
        assert plan.conflicts == ()
    database.author = "Aiko Tanaka"
    editing.change(database, Event, event_id, plan.values({}), plan.their_version)
    now = editing.stored(database, Event, event_id)
    assert (now.values["title"], now.values["notes"]) == ("From grey to green", "Ken's note")


def test_reverting_the_deletion_of_a_conference_brings_back_its_sessions_and_links(
    database: Database,
) -> None:
    """As Undo of a delete does: the conference's sessions, a series' changed meetings
    and the knowledge products that listed them come back with it."""
    from cpp_scheduler.model import KnowledgeProduct, OccurrenceOverride
    from cpp_scheduler.services.demo import load_demo

    load_demo(database)
    with database.session() as session:
        conference = session.scalars(
            select(Event).where(Event.kind == EventKind.CONFERENCE, Event.parent_id.is_(None))
        ).first()
        assert conference is not None
        conference_id = conference.id
        sessions = sorted(child.id for child in conference.sessions)
        series = session.scalars(select(Event).where(Event.changes.any())).first()
        assert series is not None
        series_id, meetings = series.id, len(series.changes)

        def listing(event_ids: set[str]) -> dict[str, list[str]]:
            return {
                product.id: sorted(e.id for e in product.events if e.id in event_ids)
                for product in session.scalars(select(KnowledgeProduct))
                if any(e.id in event_ids for e in product.events)
            }

        listed = listing({conference_id, series_id, *sessions})
    assert sessions
    assert meetings
    assert listed

    for event_id in (conference_id, series_id):
        removal.delete(database, Event, event_id)
        revert_change(database, history_of(database, event_id)[-1].change_id)

    with database.session() as session:
        back = session.get(Event, conference_id)
        assert back is not None
        assert sorted(child.id for child in back.sessions) == sessions
        overrides = session.scalars(
            select(OccurrenceOverride).where(OccurrenceOverride.event_id == series_id)
        ).all()
        assert len(overrides) == meetings
        session.expire_all()
        assert listing({conference_id, series_id, *sessions}) == listed


def test_reverting_a_deletion_puts_back_only_the_links_that_deletion_took(
    database: Database,
) -> None:
    """A coordinator takes Hiro off the briefing in a save of its own, and a moment
    later deletes him, which takes him off the workshop. Reverting the deletion brings
    him back onto the workshop alone: the briefing was another save's doing."""
    from cpp_scheduler.model import Participant

    hiro = editing.create(database, Participant, {"name": "Hiro Sato", "email": "hiro@example.org"})
    briefing, workshop = (
        editing.create(
            database,
            Event,
            {
                "title": title,
                "start_utc": START,
                "end_utc": START + timedelta(hours=1),
                "participant_ids": [hiro],
            },
        )
        for title in ("Port briefing", "Port workshop")
    )
    editing.change(database, Event, briefing, {"participant_ids": []}, 1)
    removal.delete(database, Participant, hiro)
    deletion = history_of(database, hiro)[-1]
    assert deletion.action == "deleted"

    revert_change(database, deletion.change_id)

    assert editing.stored(database, Event, workshop).values["participant_ids"] == [hiro]
    assert editing.stored(database, Event, briefing).values["participant_ids"] == []


def test_the_history_of_a_deleted_event_is_found_by_its_calendar_uid(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from cpp_scheduler.cli import main

    event_id = _workshop(database)
    with database.session() as session:
        uid = session.get(Event, event_id).uid  # type: ignore[union-attr]
    removal.delete(database, Event, event_id)

    found = history_of(database, uid)

    assert [entry.action for entry in found] == ["created", "deleted"]
    assert {entry.record_id for entry in found} == {event_id}
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["history", uid, "--db", url]) == 0
    assert "deleted event 'Kobe DRR workshop'" in capsys.readouterr().out


def _many_changes(database: Database, event_id: str, count: int) -> None:
    """``count`` more entries of the event's history, as a long import leaves them."""
    from cpp_scheduler.store.bulk_rows import insert_rows
    from cpp_scheduler.store.history import CHANGES

    with database.session() as session:
        first = session.scalars(select(Change).where(Change.record_id == event_id)).one()
        row = {
            column.name: getattr(first, column.name)
            for column in CHANGES.columns
            if column.name != "id"
        }
        rows = [
            {**row, "action": "changed", "version": 1 + number, "fields": "{}"}
            for number in range(1, count + 1)
        ]
        insert_rows(session.connection(), CHANGES, rows)
        session.commit()


def test_a_history_longer_than_is_listed_says_so(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from cpp_scheduler.cli import main
    from cpp_scheduler.services.history import read_history_since

    event_id = _workshop(database)
    since = START - timedelta(days=3650)
    before = read_history_since(database, since).total
    _many_changes(database, event_id, HISTORY_LIMIT + 2)

    read = read_history_since(database, since)

    assert read.cut
    left = before + 2
    assert (len(read.entries), read.total, read.left_out) == (
        HISTORY_LIMIT,
        HISTORY_LIMIT + left,
        left,
    )
    url = database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["history", "--since", "2000-01-01", "--db", url]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == (
        f"only the newest {HISTORY_LIMIT} of {HISTORY_LIMIT + left} changes are listed; "
        f"the earliest {left} are left out"
    )
    assert main(["history", event_id, "--json", "--db", url]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (len(printed["changes"]), printed["total"], printed["cut"]) == (
        HISTORY_LIMIT,
        HISTORY_LIMIT + 3,
        True,
    )
