"""The editor of a thematic area or of a sub-theme under one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QWidget

from cpp_scheduler.gui.dialogs.base import (
    RecordDialog,
    choice_problem,
    entity_problems,
    line_text,
    named,
    plain_text,
)
from cpp_scheduler.gui.forms.ui_theme_dialog import Ui_ThemeDialog
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.model import Problem, ThematicArea
from cpp_scheduler.model.validation import HeldValues
from cpp_scheduler.services import choices
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.rows import Choice

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager


@dataclass(frozen=True)
class ThemeLists:
    """What the theme dialog reads besides the record."""

    areas: list[Choice]
    """The themes it can be filed under: never itself nor one of its sub-themes."""
    taken_codes: HeldValues
    """The other themes' codes: a code is given once."""


def read_theme_lists(database: Database, record_id: str | None) -> ThemeLists:
    """The dialog's lists, through the services' column queries (on any thread)."""
    return ThemeLists(
        choices.theme_choices(database, exclude_below=record_id),
        choices.taken_values(database, ThematicArea, record_id),
    )


#: The fields the dialog's lists hold.
LIST_FIELDS = ("parent_id",)


class ThemeDialog(RecordDialog):
    """Create or edit a theme; a theme under an area is a sub-theme of it.

    A theme cannot be filed under itself or under one of its own sub-themes, so those
    are not offered as its area.
    """

    entity_class = ThematicArea
    noun = "theme"
    title_key = "name"

    def __init__(
        self,
        database: Database,
        record_id: str | None = None,
        parent: QWidget | None = None,
        *,
        tasks: TaskManager,
    ) -> None:
        """``tasks``: the window's task manager, which reads the record and the
        themes and the codes taken in the background: the dialog opens at once."""
        super().__init__(database, record_id, parent, tasks)
        self.ui = Ui_ThemeDialog()
        self.ui.setupUi(self)
        ui = self.ui
        ui.parent.setNoneLabel(translate("ThemeDialog", "None: a top-level area of the program"))
        self._taken_codes = HeldValues(ThematicArea, ())

        validator = self._make_validator(ui.buttons, None)
        validator.bind(ui.code, "code")
        validator.bind(ui.name, "name")
        validator.bind(ui.parent, "parent_id", "parent")
        validator.bind(ui.description, "description")
        self._open_record(
            lambda _stored: read_theme_lists(database, record_id), self._show_lists, LIST_FIELDS
        )
        ui.code.setFocus()

    def _record_shown(self) -> None:
        ui = self.ui
        self._start_validating(
            [
                ui.code.textChanged,
                ui.name.textChanged,
                ui.nameJa.textChanged,
                ui.parent.selectionChanged,
                ui.description.textChanged,
            ]
        )

    def _show_lists(self, lists: ThemeLists) -> None:
        """Offer ``lists``, with the stored area chosen in them."""
        parent = self.ui.parent
        self._taken_codes = lists.taken_codes
        blocker = QSignalBlocker(parent)
        parent.setChoices(named(lists.areas))
        parent.setSelectedDataUnlessTyped(self._stored.get("parent_id"))
        blocker.unblock()

    def _fill(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.code.setText(values.get("code", ""))
        ui.name.setText(values.get("name", ""))
        ui.nameJa.setText(values.get("name_ja", ""))
        ui.parent.setSelectedData(values.get("parent_id"))
        ui.description.setPlainText(values.get("description", ""))

    def _read(self) -> tuple[dict[str, Any], list[Problem]]:
        ui = self.ui
        problems: list[Problem] = []
        values: dict[str, Any] = {
            "code": line_text(ui.code),
            "name": line_text(ui.name),
            "name_ja": line_text(ui.nameJa),
            "parent_id": ui.parent.selectedData(),
            "description": plain_text(ui.description),
        }
        found = choice_problem(ui.parent, "parent_id", "theme")
        if found is not None:
            problems.append(found)
        stored = self._stored if self._record_id is not None else None
        problems.extend(self._taken_codes.problems(values, stored))
        taken = {problem.field for problem in problems}
        problems.extend(
            found for found in entity_problems(ThematicArea, values) if found.field not in taken
        )
        return values, problems
