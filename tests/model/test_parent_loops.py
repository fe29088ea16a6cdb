"""Themes and events filed in a loop: one rule of the entities, for every save.

A theme under its own sub-theme, or two events each the other's session, is refused by
the records' own rules (what a dialog shows beside the field, what every save checks),
in words that name the loop, never the unit of work's "Circular dependency detected".
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cpp_scheduler.model import Event, ThematicArea
from cpp_scheduler.model.validation import ValidationError
from cpp_scheduler.store import Database


def test_a_theme_under_its_own_sub_theme_names_the_loop() -> None:
    area = ThematicArea(code="urban", name="Urban planning")
    middle = ThematicArea(code="compact", name="Compact city", parent=area)
    low = ThematicArea(code="transit", name="Transit", parent=middle)
    area.parent = low

    messages = [(problem.field, problem.message) for problem in area.problems()]

    assert messages == [
        (
            "parent",
            "Filing it under 'Transit' makes a loop: "
            "'Urban planning' → 'Transit' → 'Compact city' → 'Urban planning'.",
        )
    ]


def test_a_theme_under_a_loop_above_it_is_left_to_the_loop_s_own_records() -> None:
    first = ThematicArea(code="a", name="A")
    second = ThematicArea(code="b", name="B", parent=first)
    first.parent = second
    below = ThematicArea(code="c", name="C", parent=first)
    assert below.problems() == []
    assert [problem.field for problem in first.problems()] == ["parent"]


def test_a_tree_without_a_loop_has_no_parent_problem() -> None:
    area = ThematicArea(code="urban", name="Urban planning")
    sub = ThematicArea(code="compact", name="Compact city", parent=area)
    assert sub.problems() == []
    assert area.problems() == []


def test_saving_two_themes_in_a_loop_is_refused_by_the_rule(database: Database) -> None:
    with database.session() as session:
        sub = session.scalars(
            select(ThematicArea).where(ThematicArea.parent_id.is_not(None))
        ).first()
        assert sub is not None
        sub_id, area_id, name = sub.id, sub.parent_id, sub.name

    def file_the_area_under_its_sub_theme() -> None:
        with database.transaction() as session:
            area = session.get(ThematicArea, area_id)
            assert area is not None
            area.parent = session.get(ThematicArea, sub_id)

    with pytest.raises(ValidationError) as refused:
        file_the_area_under_its_sub_theme()

    message = str(refused.value)  # named from either theme of the loop, as the flush finds it
    assert "makes a loop: " in message
    assert f"'{name}' → " in message
    assert "Circular" not in message
    with database.session() as session:
        held = session.get(ThematicArea, area_id)
        assert held is not None
        assert held.parent_id is None


def test_two_events_each_the_other_s_session_are_refused_by_the_rule() -> None:
    conference = Event(title="CPP Conference")
    plenary = Event(title="Opening plenary", parent=conference)
    conference.parent = plenary

    found = [problem.message for problem in conference.problems() if problem.field == "parent"]

    assert found == [
        "Making it a session of 'Opening plenary' makes a loop: "
        "'CPP Conference' → 'Opening plenary' → 'CPP Conference'."
    ]
