"""Two coordinators save the same event: fields only one changed merge by themselves,
fields both changed are set side by side, on real versions in a real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from cpp_scheduler.model import Event, EventKind, Participant, ThematicArea, Venue
from cpp_scheduler.services import editing
from cpp_scheduler.services.merging import MINE, THEIRS, plan_merge
from cpp_scheduler.store import ConcurrentEditError, Database, open_database

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


@pytest.fixture
def colleague(database: Database) -> Database:
    """A second coordinator on the same database, with a connection of their own."""
    other = open_database(str(database.url.render_as_string(hide_password=False)), author="Ravi")
    yield other  # type: ignore[misc]
    other.close()


def _workshop(database: Database) -> str:
    return editing.create(
        database,
        Event,
        {
            "title": "Kobe DRR workshop",
            "kind": EventKind.WORKSHOP,
            "start_utc": START,
            "end_utc": START + timedelta(hours=2),
            "zone": "Asia/Tokyo",
            "notes": "",
        },
    )


def _venues(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(Venue.id).order_by(Venue.name).limit(2)))


def test_fields_only_one_side_changed_merge_by_themselves(
    database: Database, colleague: Database
) -> None:
    event_id = _workshop(database)
    opened = editing.stored(database, Event, event_id)  # Aiko opens the editor
    editing.change(colleague, Event, event_id, {"title": "Kobe DRR peer workshop"}, 1)
    mine = {**opened.values, "notes": "Bring the hazard maps"}

    with pytest.raises(ConcurrentEditError):
        editing.change(database, Event, event_id, mine, opened.version)
    plan = plan_merge(database, Event, event_id, 1, opened.values, mine)

    assert plan.conflicts == ()
    assert plan.merged == {"notes": "Bring the hazard maps"}
    assert plan.taken_from_theirs == ("title",)
    assert plan.authors == ("Ravi",)
    editing.change(database, Event, event_id, plan.values({}), plan.their_version)
    saved = editing.stored(database, Event, event_id)
    assert saved.values["title"] == "Kobe DRR peer workshop"
    assert saved.values["notes"] == "Bring the hazard maps"


def test_fields_both_sides_changed_are_the_coordinators_choice(
    database: Database, colleague: Database
) -> None:
    event_id = _workshop(database)
    first, second = _venues(database)
    opened = editing.stored(database, Event, event_id)
    with colleague.session() as session:
        theme = session.scalars(select(ThematicArea.id).limit(1)).one()
    editing.change(
        colleague, Event, event_id, {"title": "Kobe resilience clinic", "venue_id": first}, 1
    )
    mine = {**opened.values, "title": "Kobe DRR peer workshop", "venue_id": second}
    mine["theme_ids"] = [theme]

    plan = plan_merge(database, Event, event_id, 1, opened.values, mine)

    assert {c.key: (c.base, c.theirs, c.mine) for c in plan.conflicts} == {
        "title": ("Kobe DRR workshop", "Kobe resilience clinic", "Kobe DRR peer workshop"),
        "venue_id": (None, first, second),
    }
    venue = next(c for c in plan.conflicts if c.key == "venue_id")
    assert venue.shown_base == "(empty)"
    assert plan.merged == {"theme_ids": [theme]}
    values = plan.values({"title": MINE, "venue_id": THEIRS})
    editing.change(database, Event, event_id, values, plan.their_version)
    saved = editing.stored(database, Event, event_id).values
    assert (saved["title"], saved["venue_id"], saved["theme_ids"]) == (
        "Kobe DRR peer workshop",
        first,
        [theme],
    )


def test_a_merge_saved_after_yet_another_change_is_refused_again(
    database: Database, colleague: Database
) -> None:
    event_id = _workshop(database)
    opened = editing.stored(database, Event, event_id)
    editing.change(colleague, Event, event_id, {"title": "Kobe resilience clinic"}, 1)
    mine = {**opened.values, "title": "Kobe DRR peer workshop"}
    plan = plan_merge(database, Event, event_id, 1, opened.values, mine)
    editing.change(colleague, Event, event_id, {"notes": "Room changed"}, plan.their_version)

    with pytest.raises(ConcurrentEditError):
        editing.change(database, Event, event_id, plan.values({"title": MINE}), plan.their_version)
    again = plan_merge(
        database, Event, event_id, plan.their_version, opened.values, plan.values({"title": MINE})
    )
    assert again.conflicts == ()
    assert again.merged == {"title": "Kobe DRR peer workshop"}


def test_two_coordinators_each_adding_a_person_keep_both(
    database: Database, colleague: Database
) -> None:
    event_id = _workshop(database)
    people = [
        editing.create(database, Participant, {"name": name, "email": f"{name.lower()}@ex.org"})
        for name in ("Ana", "Ravi", "Chiara", "Diego")
    ]
    ana, ravi, chiara, diego = people
    editing.change(database, Event, event_id, {"participant_ids": [ana, diego]}, 1)
    opened = editing.stored(database, Event, event_id)
    # The colleague adds Ravi; Aiko, in the editor opened before, adds Chiara and takes
    # Diego off.
    editing.change(
        colleague, Event, event_id, {"participant_ids": [ana, diego, ravi]}, opened.version
    )
    mine = {**opened.values, "participant_ids": [ana, chiara]}

    plan = plan_merge(database, Event, event_id, opened.version, opened.values, mine)

    assert plan.conflicts == ()  # nobody is asked to choose one list and lose the other
    editing.change(database, Event, event_id, plan.values({}), plan.their_version)
    saved = editing.stored(database, Event, event_id).values["participant_ids"]
    assert sorted(saved) == sorted([ana, ravi, chiara])
