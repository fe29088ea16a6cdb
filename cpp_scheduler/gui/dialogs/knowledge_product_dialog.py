"""The editor of a knowledge product and of the cities, themes and events it covers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from cpp_scheduler.gui.dialogs import choices
from cpp_scheduler.gui.dialogs.base import (
    RecordDialog,
    entity_problems,
    line_text,
    plain_text,
)
from cpp_scheduler.gui.forms.ui_knowledge_product_dialog import Ui_KnowledgeProductDialog
from cpp_scheduler.model import KnowledgeProduct, Problem, ProductKind
from cpp_scheduler.store import Database


class KnowledgeProductDialog(RecordDialog):
    """Create or edit a knowledge note, case study, toolkit, guide or video."""

    entity_class = KnowledgeProduct
    noun = "knowledge product"
    title_key = "title"

    def __init__(
        self, database: Database, record_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, record_id, parent)
        self.ui = Ui_KnowledgeProductDialog()
        self.ui.setupUi(self)
        ui = self.ui
        for kind in ProductKind:
            ui.kind.addItem(kind.label, kind.value)
        ui.published.setCheckText("Known")
        ui.cities.setPlaceholderText("Search cities…")
        ui.themes.setPlaceholderText("Search themes…")
        ui.events.setPlaceholderText("Search events…")

        stored = self._load(database, record_id)
        self._fill(stored)

        validator = self._make_validator(ui.buttons, None)
        validator.bind(ui.title, "title")
        validator.bind(ui.url, "url")
        validator.bind(ui.published, "published")
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
        ui.title.setFocus()

    def _load(self, database: Database, record_id: str | None) -> dict[str, Any]:
        ui = self.ui
        with database.session() as session:
            ui.cities.setChoices(choices.city_choices(session))
            ui.themes.setChoices(choices.theme_choices(session))
            ui.events.setChoices(choices.event_choices(session))
            if record_id is None:
                return {}
            product = session.get(KnowledgeProduct, record_id)
            if product is None:
                raise choices.RecordMissingError("knowledge product", record_id)
            self._stored_title = product.title
            self._stored_version = product.version
            return {
                "title": product.title,
                "kind": product.kind,
                "url": product.url,
                "published": product.published,
                "summary": product.summary,
                "city_ids": [city.id for city in product.cities],
                "theme_ids": [theme.id for theme in product.themes],
                "event_ids": [event.id for event in product.events],
            }

    def _fill(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.title.setText(values.get("title", ""))
        kind = values.get("kind", ProductKind.KNOWLEDGE_NOTE)
        ui.kind.setCurrentIndex(ui.kind.findData(str(kind)))
        ui.url.setText(values.get("url", ""))
        ui.published.setDate(values.get("published"))
        ui.summary.setPlainText(values.get("summary", ""))
        ui.cities.setCheckedIds(values.get("city_ids", []))
        ui.themes.setCheckedIds(values.get("theme_ids", []))
        ui.events.setCheckedIds(values.get("event_ids", []))

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
