"""The editor of a knowledge product and of the cities, themes and events it covers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QWidget

from cpp_scheduler.gui.choices import SearchedChoices, searched_choices
from cpp_scheduler.gui.dialogs.base import (
    RecordDialog,
    entity_problems,
    line_text,
    plain_text,
)
from cpp_scheduler.gui.forms.ui_knowledge_product_dialog import Ui_KnowledgeProductDialog
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.model import KnowledgeProduct, Problem, ProductKind
from cpp_scheduler.services import choices
from cpp_scheduler.services.database import Database

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager


@dataclass(frozen=True)
class ProductLists:
    """The cities, themes and events a product can cover, with what a search looks in
    for each."""

    cities: SearchedChoices
    themes: SearchedChoices
    events: SearchedChoices


def read_product_lists(database: Database) -> ProductLists:
    """The product dialog's lists, through the services (on any thread); the events are
    read as columns, never as whole records, and their search texts worked out there
    too, not on the GUI thread as the list shows them."""
    return ProductLists(
        searched_choices(choices.city_choices(database)),
        searched_choices(choices.theme_choices(database)),
        searched_choices(choices.event_choices(database)),
    )


#: The fields the dialog's lists hold.
LIST_FIELDS = ("city_ids", "theme_ids", "event_ids")


class KnowledgeProductDialog(RecordDialog):
    """Create or edit a knowledge note, case study, toolkit, guide or video."""

    entity_class = KnowledgeProduct
    noun = "knowledge product"
    title_key = "title"

    def __init__(
        self,
        database: Database,
        record_id: str | None = None,
        parent: QWidget | None = None,
        *,
        tasks: TaskManager,
    ) -> None:
        """``tasks``: the window's task manager, which reads the record and the
        lists (every event of the program) in the background: the dialog opens at once."""
        super().__init__(database, record_id, parent, tasks)
        self.ui = Ui_KnowledgeProductDialog()
        self.ui.setupUi(self)
        ui = self.ui
        for kind in ProductKind:
            ui.kind.addItem(kind.label, kind.value)
        ui.published.setCheckText(translate("KnowledgeProductDialog", "Known"))
        ui.cities.setPlaceholderText(translate("KnowledgeProductDialog", "Search cities…"))
        ui.themes.setPlaceholderText(translate("KnowledgeProductDialog", "Search themes…"))
        ui.events.setPlaceholderText(translate("KnowledgeProductDialog", "Search events…"))

        validator = self._make_validator(ui.buttons, None)
        validator.bind(ui.title, "title")
        validator.bind(ui.url, "url")
        validator.bind(ui.published, "published")
        validator.bind(ui.summary, "summary")
        self._open_record(
            lambda _stored: read_product_lists(database), self._show_lists, LIST_FIELDS
        )
        ui.title.setFocus()

    def _record_shown(self) -> None:
        ui = self.ui
        self._start_validating(
            [
                ui.title.textChanged,
                ui.kind.currentIndexChanged,
                ui.url.textChanged,
                ui.published.dateChanged,
                ui.summary.textChanged,
                ui.cities.checkedChanged,
                ui.themes.checkedChanged,
                ui.events.checkedChanged,
            ]
        )

    def _show_lists(self, lists: ProductLists) -> None:
        """Offer ``lists``, with the stored choices checked in them."""
        ui = self.ui
        ui.cities.setChoices(lists.cities)
        ui.themes.setChoices(lists.themes)
        ui.events.setChoices(lists.events)
        if self._validator is not None:  # the lists came after the record was shown
            blockers = [QSignalBlocker(picker) for picker in (ui.cities, ui.themes, ui.events)]
            self._check_stored(self._stored)
            for blocker in blockers:
                blocker.unblock()

    def _check_stored(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.cities.setCheckedIds(values.get("city_ids", []))
        ui.themes.setCheckedIds(values.get("theme_ids", []))
        ui.events.setCheckedIds(values.get("event_ids", []))

    def _fill(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.title.setText(values.get("title", ""))
        kind = values.get("kind", ProductKind.KNOWLEDGE_NOTE)
        ui.kind.setCurrentIndex(ui.kind.findData(str(kind)))
        ui.url.setText(values.get("url", ""))
        ui.published.setDate(values.get("published"))
        ui.summary.setPlainText(values.get("summary", ""))
        self._check_stored(values)

    def _read(self) -> tuple[dict[str, Any], list[Problem]]:
        ui = self.ui
        values: dict[str, Any] = {
            "title": line_text(ui.title),
            "kind": ProductKind(ui.kind.currentData()),
            "url": line_text(ui.url),
            "published": ui.published.date(),
            "summary": plain_text(ui.summary),
            "city_ids": ui.cities.checkedIds(),
            "theme_ids": ui.themes.checkedIds(),
            "event_ids": ui.events.checkedIds(),
        }
        return values, entity_problems(KnowledgeProduct, values)
