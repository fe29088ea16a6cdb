"""A save over a colleague's newer version merges instead of refusing: by itself where
only one of them changed a field, through the merge dialog where both did."""

from __future__ import annotations

from typing import Any

import pytest
from gui_support import FakeDialog, Messages, rows_read
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.merge_dialog import MINE_COLUMN, THEIRS_COLUMN, MergeDialog
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing
from cpp_scheduler.services.merging import MergePlan
from cpp_scheduler.store import Database, open_database


class ReadingDialog(FakeDialog):
    """An editor that reads the record as it opens, as the real ones do, and is then
    accepted with the test's changes on top of what it read."""

    def __init__(self, database: Database, record_id: str, changes: dict[str, Any]) -> None:
        self.read = editing.stored(database, Event, record_id)
        super().__init__("event", record_id, {**self.read.values, **changes}, {}, None)

    def stored_version(self) -> int | None:
        return self.read.version

    def original_values(self) -> dict[str, Any]:
        return dict(self.read.values)


@pytest.fixture
def colleague(program: Database) -> Any:
    other = open_database(program.url.database, author="Ravi Menon")
    yield other
    other.close()


def _kobe(database: Database) -> str:
    with database.session() as session:
        return session.scalars(select(Event.id).where(Event.title == "Kobe DRR workshop")).one()


def _open_editor(
    window: MainWindow, program: Database, event_id: str, changes: dict[str, Any]
) -> ReadingDialog:
    dialog = ReadingDialog(program, event_id, changes)
    window.dialog_factory = lambda *args, **kwargs: dialog  # type: ignore[assignment]
    return dialog


def test_a_field_only_i_changed_is_saved_over_a_colleagues_other_change(
    window: MainWindow, program: Database, colleague: Database, messages: Messages
) -> None:
    event_id = _kobe(program)
    dialog = _open_editor(window, program, event_id, {"notes": "Bring the hazard maps"})
    version = dialog.read.version
    editing.change(colleague, Event, event_id, {"title": "Kobe DRR peer workshop"}, version)
    asked: list[MergePlan] = []
    window.resolve_merge = lambda plan, parent: asked.append(plan)  # type: ignore[method-assign,func-returns-value]

    window.edit_record("event", event_id)
    rows_read(window)

    assert messages.errors == []
    assert asked == []
    saved = editing.stored(program, Event, event_id)
    assert (saved.values["title"], saved.values["notes"]) == (
        "Kobe DRR peer workshop",
        "Bring the hazard maps",
    )
    assert window.editor.stack.undoText() == "Edit event 'Kobe DRR workshop'"
    window.editor.stack.undo()
    rows_read(window)
    assert editing.stored(program, Event, event_id).values["notes"] == ""
    assert editing.stored(program, Event, event_id).values["title"] == "Kobe DRR peer workshop"


def test_a_field_both_changed_is_chosen_in_the_merge_dialog(
    qtbot: QtBot, window: MainWindow, program: Database, colleague: Database, messages: Messages
) -> None:
    event_id = _kobe(program)
    dialog = _open_editor(window, program, event_id, {"title": "Kobe DRR clinic"})
    editing.change(
        colleague, Event, event_id, {"title": "Kobe resilience day"}, dialog.read.version
    )
    shown: list[MergeDialog] = []

    def choose_theirs(plan: MergePlan, parent: QWidget) -> dict[str, Any]:
        merge = MergeDialog(plan, parent)
        qtbot.addWidget(merge)
        shown.append(merge)
        row = next(
            r for r in range(merge.model.rowCount()) if merge.model.index(r, 0).data() == "Title"
        )
        merge.model.setData(
            merge.model.index(row, THEIRS_COLUMN),
            Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )
        return merge.values()

    window.resolve_merge = choose_theirs  # type: ignore[method-assign]
    window.edit_record("event", event_id)
    rows_read(window)

    assert messages.errors == []
    (merge,) = shown
    assert "Ravi Menon saved event 'Kobe resilience day' while you were editing it." in (
        merge.heading.text()
    )
    saved = editing.stored(program, Event, event_id)
    assert saved.values["title"] == "Kobe resilience day"


def test_cancelling_the_merge_saves_nothing_and_says_why(
    window: MainWindow, program: Database, colleague: Database, messages: Messages
) -> None:
    event_id = _kobe(program)
    dialog = _open_editor(window, program, event_id, {"title": "Kobe DRR clinic"})
    editing.change(
        colleague, Event, event_id, {"title": "Kobe resilience day"}, dialog.read.version
    )
    window.resolve_merge = lambda plan, parent: None  # type: ignore[method-assign]

    window.edit_record("event", event_id)
    rows_read(window)

    assert [title for title, _ in messages.errors] == ["Cannot save"]
    assert "changed by somebody else" in messages.errors[0][1]
    assert editing.stored(program, Event, event_id).values["title"] == "Kobe resilience day"


def test_the_merge_dialog_sets_both_versions_side_by_side(
    qtbot: QtBot, qtmodeltester: ModelTester, program: Database, colleague: Database
) -> None:
    from cpp_scheduler.services.merging import plan_merge

    event_id = _kobe(program)
    read = editing.stored(program, Event, event_id)
    editing.change(colleague, Event, event_id, {"title": "Kobe resilience day"}, read.version)
    mine = {**read.values, "title": "Kobe DRR clinic"}
    plan = plan_merge(program, Event, event_id, read.version or 0, read.values, mine)
    merge = MergeDialog(plan)
    qtbot.addWidget(merge)
    qtmodeltester.check(merge.model)

    cells = [merge.model.index(0, column).data() for column in range(4)]
    assert cells == ["Title", "Kobe DRR workshop", "Kobe resilience day", "Kobe DRR clinic"]
    assert merge.model.headerData(THEIRS_COLUMN, Qt.Orientation.Horizontal) == "Ravi Menon's"
    mine_cell = merge.model.index(0, MINE_COLUMN)
    assert mine_cell.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert merge.values() == {"title": "Kobe DRR clinic"}
    merge.model.choose(0, "theirs")
    assert merge.values() == {}
    assert isinstance(merge, QDialog)


def test_a_merge_met_by_yet_another_change_asks_again(
    window: MainWindow, program: Database, colleague: Database, messages: Messages
) -> None:
    event_id = _kobe(program)
    dialog = _open_editor(window, program, event_id, {"title": "Kobe DRR clinic"})
    editing.change(
        colleague, Event, event_id, {"title": "Kobe resilience day"}, dialog.read.version
    )
    plans: list[MergePlan] = []

    def keep_mine_while_the_colleague_saves_again(
        plan: MergePlan, parent: QWidget
    ) -> dict[str, Any]:
        plans.append(plan)
        if len(plans) == 1:
            editing.change(
                colleague, Event, event_id, {"title": "Kobe resilience day 2"}, plan.their_version
            )
        return plan.values({"title": "mine"})

    window.resolve_merge = keep_mine_while_the_colleague_saves_again  # type: ignore[method-assign]
    window.edit_record("event", event_id)
    rows_read(window)

    assert messages.errors == []
    assert [plan.conflicts[0].shown_theirs for plan in plans] == [
        "Kobe resilience day",
        "Kobe resilience day 2",
    ]
    assert plans[1].conflicts[0].shown_base == "Kobe resilience day"
    assert editing.stored(program, Event, event_id).values["title"] == "Kobe DRR clinic"
