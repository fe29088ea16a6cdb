"""The editing service: values in, records out, and deletions that undo exactly."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    KnowledgeProduct,
    Participant,
    PartnerCity,
    ThematicArea,
    ValidationError,
)
from cpp_scheduler.services import editing, removal
from cpp_scheduler.store import Database

START = datetime(2027, 1, 12, 0, 0, tzinfo=UTC)


def _delegation(database: Database) -> str:
    with database.transaction() as session:
        delegation = editing.create_record(
            session,
            Delegation,
            {"name": "Lima housing ministry", "country": "PE", "zone": "America/Lima"},
        )
        editing.create_record(
            session,
            Participant,
            {"name": "Ana Quispe", "email": "ana@example.pe", "delegation_id": delegation.id},
        )
        return delegation.id


def _theme_ids(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(ThematicArea.id).limit(2)))


def _event_values(database: Database, delegation_id: str) -> dict[str, object]:
    return {
        "title": "Kobe DRR workshop",
        "kind": EventKind.WORKSHOP,
        "start_utc": START,
        "end_utc": START + timedelta(hours=2),
        "zone": "Asia/Tokyo",
        "theme_ids": _theme_ids(database),
        "delegation_ids": [delegation_id],
    }


def test_values_round_trip_through_create(database: Database) -> None:
    delegation_id = _delegation(database)
    values = _event_values(database, delegation_id)
    with database.transaction() as session:
        event_id = editing.create_record(session, Event, values).id
    with database.session() as session:
        stored = editing.record_values(editing.get_record(session, Event, event_id))
    assert stored["title"] == "Kobe DRR workshop"
    assert stored["start_utc"] == START
    assert sorted(stored["theme_ids"]) == sorted(values["theme_ids"])  # type: ignore[arg-type]
    assert stored["delegation_ids"] == [delegation_id]
    assert not editing.BOOKKEEPING & stored.keys()


def test_update_refuses_a_stale_version_and_a_broken_rule(database: Database) -> None:
    with database.transaction() as session:
        event = editing.create_record(
            session,
            Event,
            {
                "title": "Toyama site visit",
                "start_utc": START,
                "end_utc": START + timedelta(hours=1),
            },
        )
        event_id, version = event.id, event.version
    with database.transaction() as session:
        editing.update_record(session, Event, event_id, {"title": "Toyama tram visit"}, version)
    with (
        pytest.raises(editing.StaleRecordError, match="changed by somebody else"),
        database.transaction() as session,
    ):
        editing.update_record(session, Event, event_id, {"title": "Late"}, version)
    with (
        pytest.raises(ValidationError, match="end after it starts"),
        database.transaction() as session,
    ):
        editing.update_record(session, Event, event_id, {"end_utc": START})
    with database.session() as session:
        assert editing.get_record(session, Event, event_id).title == "Toyama tram visit"


def test_deleting_an_event_and_restoring_it_brings_back_links_and_sessions(
    database: Database,
) -> None:
    delegation_id = _delegation(database)
    with database.transaction() as session:
        conference = editing.create_record(session, Event, _event_values(database, delegation_id))
        child = editing.create_record(
            session,
            Event,
            {
                "title": "Session 1",
                "start_utc": START,
                "end_utc": START + timedelta(hours=1),
                "parent_id": conference.id,
            },
        )
        product = editing.create_record(
            session, KnowledgeProduct, {"title": "DRR note", "event_ids": [conference.id]}
        )
        ids = (conference.id, child.id, product.id)
    with database.transaction() as session:
        before = editing.record_values(editing.get_record(session, Event, ids[0]))
        snapshot = removal.delete_record(session, Event, ids[0])
    with database.session() as session:
        assert session.get(Event, ids[1]) is None  # the session went with its conference
        assert editing.get_record(session, KnowledgeProduct, ids[2]).events == []
    with database.transaction() as session:
        removal.restore_record(session, Event, snapshot)
    with database.session() as session:
        restored = editing.get_record(session, Event, ids[0])
        assert editing.record_values(restored) == before
        assert [s.id for s in restored.sessions] == [ids[1]]
        assert [e.id for e in editing.get_record(session, KnowledgeProduct, ids[2]).events] == [
            ids[0]
        ]


def test_deleting_a_delegation_restores_its_members_and_attendance(database: Database) -> None:
    delegation_id = _delegation(database)
    with database.transaction() as session:
        event_id = editing.create_record(session, Event, _event_values(database, delegation_id)).id
    with database.transaction() as session:
        snapshot = removal.delete_record(session, Delegation, delegation_id)
    with database.session() as session:
        member = session.scalars(select(Participant)).one()
        assert member.delegation_id is None
    with database.transaction() as session:
        removal.restore_record(session, Delegation, snapshot)
    with database.session() as session:
        member = session.scalars(select(Participant)).one()
        assert member.delegation_id == delegation_id
        assert [d.id for d in editing.get_record(session, Event, event_id).delegations] == [
            delegation_id
        ]


def _linked_everywhere(database: Database) -> dict[str, str]:
    """An event attended by a participant of a delegation, under a theme, cited by a
    knowledge product: every table of links holds a row for it."""
    delegation_id = _delegation(database)
    with database.session() as session:
        participant_id = session.scalars(select(Participant.id)).one()
    values = {**_event_values(database, delegation_id), "participant_ids": [participant_id]}
    event_id = editing.create(database, Event, values)
    product_id = editing.create(
        database, KnowledgeProduct, {"title": "DRR note", "event_ids": [event_id]}
    )
    return {
        "Participant": participant_id,
        "Delegation": delegation_id,
        "ThematicArea": values["theme_ids"][0],  # type: ignore[index]
        "Event": event_id,
        "KnowledgeProduct": product_id,
    }


@pytest.mark.parametrize(
    ("deleted_kind", "changed_kind", "links"),
    [
        (Participant, Event, "participant_ids"),
        (Delegation, Event, "delegation_ids"),
        (ThematicArea, Event, "theme_ids"),
        (ThematicArea, KnowledgeProduct, "theme_ids"),
        (Event, KnowledgeProduct, "event_ids"),
    ],
)
def test_a_deletion_that_takes_a_link_off_a_record_changes_it_at_a_new_version(
    database: Database, deleted_kind: type, changed_kind: type, links: str
) -> None:
    """A colleague's editor open on the event must hear that its participant went, and
    their save of the old list must be refused, not silently applied; the undo puts the
    link back the same way."""
    ids = _linked_everywhere(database)
    if changed_kind is KnowledgeProduct and links == "theme_ids":
        editing.change(
            database,
            KnowledgeProduct,
            ids["KnowledgeProduct"],
            {"theme_ids": [ids["ThematicArea"]]},
            None,
        )
    deleted_id, changed_id = ids[deleted_kind.__name__], ids[changed_kind.__name__]
    read = editing.stored(database, changed_kind, changed_id)
    assert deleted_id in read.values[links]

    deleted = removal.delete(database, deleted_kind, deleted_id)

    now = editing.stored(database, changed_kind, changed_id)
    assert deleted_id not in now.values[links]
    assert (now.version or 0) > (read.version or 0)
    assert (
        editing.Touched(changed_kind.__name__, changed_id, read.version or 0, now.version or 0)
        in deleted.touched
    )
    with pytest.raises(editing.StaleRecordError):
        editing.change(database, changed_kind, changed_id, {"title": "Their title"}, read.version)

    touched = removal.restore(database, deleted_kind, deleted.snapshot)

    back = editing.stored(database, changed_kind, changed_id)
    assert deleted_id in back.values[links]
    assert back.values[links] == read.values[links]
    assert (
        editing.Touched(changed_kind.__name__, changed_id, now.version or 0, back.version or 0)
        in touched
    )
    assert (back.version or 0) == (now.version or 0) + 1


def test_the_history_of_an_event_says_its_participant_was_taken_off_and_put_back(
    database: Database,
) -> None:
    from cpp_scheduler.model.history import Change

    ids = _linked_everywhere(database)
    deleted = removal.delete(database, Participant, ids["Participant"])
    removal.restore(database, Participant, deleted.snapshot)
    with database.session() as session:
        changes = session.scalars(
            select(Change).where(Change.record_id == ids["Event"]).order_by(Change.id)
        ).all()
    assert [change.action for change in changes] == ["created", "changed", "changed"]
    assert [sorted(json.loads(change.fields)) for change in changes[1:]] == [
        ["participants"],
        ["participants"],
    ]


def test_unknown_keys_are_refused(database: Database) -> None:
    refused = "'colour' is not a field of the event record"
    with pytest.raises(editing.UnknownFieldError, match=refused), database.transaction() as session:
        editing.create_record(session, Event, {"colour": "red"})


def test_moving_one_meeting_of_a_series_raises_the_series_sequence(database: Database) -> None:
    from cpp_scheduler.model import OccurrenceOverride

    with database.transaction() as session:
        series = editing.create_record(
            session,
            Event,
            {
                "title": "Monthly exchange",
                "start_utc": START,
                "end_utc": START + timedelta(hours=1),
                "recurrence_rule": "FREQ=WEEKLY;COUNT=3",
            },
        )
        series_id, sequence = series.id, series.sequence
    with database.transaction() as session:
        editing.create_record(
            session,
            OccurrenceOverride,
            {
                "event_id": series_id,
                "recurrence_id": START + timedelta(days=7),
                "start_utc": START + timedelta(days=7, hours=2),
                "end_utc": START + timedelta(days=7, hours=3),
            },
        )
    with database.session() as session:
        assert editing.get_record(session, Event, series_id).sequence == sequence + 1


def test_a_save_of_title_and_themes_together_raises_the_version_once(
    database: Database,
) -> None:
    from cpp_scheduler.model.history import Change

    delegation_id = _delegation(database)
    values = {**_event_values(database, delegation_id), "theme_ids": []}
    event_id = editing.create(database, Event, values)
    read = editing.stored(database, Event, event_id)

    saved = editing.change(
        database,
        Event,
        event_id,
        {"title": "Kobe DRR peer workshop", "theme_ids": _theme_ids(database)},
        read.version,
    )

    assert saved.version == (read.version or 0) + 1
    with database.session() as session:
        changes = session.scalars(
            select(Change).where(Change.record_id == event_id).order_by(Change.id)
        ).all()
    assert [(change.action, change.version) for change in changes] == [
        ("created", read.version),
        ("changed", saved.version),
    ]


def test_a_managers_table_is_read_as_columns_with_a_delegations_country_by_name(
    sqlite_database: Database,
) -> None:
    for name, country, zone in (
        ("Nairobi City County", "KE", "Africa/Nairobi"),
        ("Lima housing ministry", "PE", "America/Lima"),
    ):
        editing.create(
            sqlite_database, Delegation, {"name": name, "country": country, "zone": zone}
        )
    listed = editing.list_records(
        sqlite_database, Delegation, ["name", "country_name", "zone", "arrival"], "name"
    )
    assert [(row.title, row.cells) for row in listed] == [
        ("Lima housing ministry", ("Lima housing ministry", "Peru", "America/Lima", None)),
        ("Nairobi City County", ("Nairobi City County", "Kenya", "Africa/Nairobi", None)),
    ]
    with pytest.raises(TypeError, match="'written_language' is not a column"):
        editing.list_records(sqlite_database, Delegation, ["written_language"], "name")


@pytest.mark.parametrize(
    ("speaking", "shown"), [("en", ("Kobe", "Hyogo")), ("ja", ("Kobe", "兵庫県"))]
)
def test_a_partner_citys_prefecture_is_listed_in_the_windows_language(
    sqlite_database: Database, speaking: str, shown: tuple[str, str]
) -> None:
    from cpp_scheduler import i18n

    (kobe,) = [
        row
        for row in editing.list_records(sqlite_database, PartnerCity, ["name"], "name")
        if row.title == "Kobe"
    ]
    i18n.use_language(speaking)
    try:
        listed = editing.list_records(
            sqlite_database, PartnerCity, ["name", "shown_prefecture"], "name"
        )
    finally:
        i18n.use_language(i18n.ENGLISH)
    assert next(row.cells for row in listed if row.record_id == kobe.record_id) == shown


def test_a_deletion_whose_name_was_taken_since_is_refused_naming_both(
    database: Database,
) -> None:
    """Undoing the deletion of a delegation after a colleague created another of the same
    name: the refusal says which delegation and which name, not "the change" and ''."""
    from cpp_scheduler.store import DuplicateValueError

    values = {"name": "Lima housing ministry", "country": "PE", "zone": "America/Lima"}
    lima = editing.create(database, Delegation, values)
    deleted = removal.delete(database, Delegation, lima)
    editing.create(database, Delegation, values)

    with pytest.raises(DuplicateValueError) as refused:
        removal.restore(database, Delegation, deleted.snapshot)

    assert str(refused.value) == (
        "the delegation 'Lima housing ministry' cannot be put back: 'Lima housing ministry' "
        f"is now used by another delegation in {database.name}"
    )
    with database.session() as session:
        assert session.scalars(select(Delegation.id)).all() != [lima]
