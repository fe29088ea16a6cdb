"""The editor of a thematic area or of a sub-theme under one."""

from __future__ import annotations

from typing import Any

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
from cpp_scheduler.services import choices
from cpp_scheduler.services.database import Database


class ThemeDialog(RecordDialog):
    """Create or edit a theme; a theme under an area is a sub-theme of it.

    A theme cannot be filed under itself or under one of its own sub-themes, so those
    are not offered as its area.
    """

    entity_class = ThematicArea
    noun = "theme"
    title_key = "name"

    def __init__(
        self, database: Database, record_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, record_id, parent)
        self.ui = Ui_ThemeDialog()
        self.ui.setupUi(self)
        ui = self.ui
        ui.parent.setNoneLabel(translate("ThemeDialog", "None: a top-level area of the program"))
        self._taken_codes: set[str] = set()

        stored = self._load(database, record_id)
        self._fill(stored)

        validator = self._make_validator(ui.buttons, None)
        validator.bind(ui.code, "code")
        validator.bind(ui.name, "name")
        validator.bind(ui.parent, "parent_id", "parent")
        self._start_validating(
            [
                ui.code.textChanged,
                ui.name.textChanged,
                ui.nameJa.textChanged,
                ui.parent.selectionChanged,
                ui.description.textChanged,
            ]
        )
        ui.code.setFocus()

    def _load(self, database: Database, record_id: str | None) -> dict[str, Any]:
        self.ui.parent.setChoices(named(choices.theme_choices(database, exclude_below=record_id)))
        self._taken_codes = choices.taken_values(database, ThematicArea.code, record_id)
        return self._stored_values(record_id)

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
        if values["code"].casefold() in self._taken_codes:
            problems.append(
                Problem(
                    "code",
                    translate(
                        "ThemeDialog", "The code '{code}' is already used by another theme."
                    ).format(code=values["code"]),
                )
            )
        elif values["code"] and any(char.isspace() for char in values["code"]):
            problems.append(
                Problem(
                    "code",
                    translate(
                        "ThemeDialog", "A code has no spaces (compact-city, not 'compact city')."
                    ),
                )
            )
        taken = {problem.field for problem in problems}
        problems.extend(
            found for found in entity_problems(ThematicArea, values) if found.field not in taken
        )
        return values, problems
