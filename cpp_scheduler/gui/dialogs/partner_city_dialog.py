"""The editor of a partner city: names in both languages, its MoU, themes and contact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QWidget

from cpp_scheduler import limits, timezones
from cpp_scheduler.gui.dialogs.base import (
    RecordDialog,
    checked_values,
    entity_problems,
    format_coordinate,
    line_text,
    parse_coordinate,
    plain_text,
    zone_problem,
)
from cpp_scheduler.gui.forms.ui_partner_city_dialog import Ui_PartnerCityDialog
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.model import PartnerCity, Problem
from cpp_scheduler.model.validation import HeldValues
from cpp_scheduler.services import choices
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.rows import Choice

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager


@dataclass(frozen=True)
class PartnerCityLists:
    """What the partner city dialog reads besides the record."""

    themes: list[Choice]
    taken_names: HeldValues
    """The other partner cities' names: a name is given once."""


def read_partner_city_lists(database: Database, record_id: str | None) -> PartnerCityLists:
    """The dialog's lists, through the services' column queries (on any thread)."""
    return PartnerCityLists(
        choices.theme_choices(database),
        choices.taken_values(database, PartnerCity, record_id),
    )


#: The fields the dialog's lists hold.
LIST_FIELDS = ("theme_ids",)


class PartnerCityDialog(RecordDialog):
    """Create or edit a partner city (cities join the program in later rounds)."""

    entity_class = PartnerCity
    noun = "partner city"
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
        themes and the names taken in the background: the dialog opens at once."""
        super().__init__(database, record_id, parent, tasks)
        self.ui = Ui_PartnerCityDialog()
        self.ui.setupUi(self)
        ui = self.ui
        # As much as the rules take: a larger round stored must show, never be cut down.
        ui.selectionRound.setMaximum(limits.MAX_STORED_INTEGER)
        ui.mouDate.setCheckText(translate("PartnerCityDialog", "Signed"))
        ui.themes.setPlaceholderText(translate("PartnerCityDialog", "Search themes…"))
        self._taken_names = HeldValues(PartnerCity, ())

        validator = self._make_validator(ui.buttons, None)
        validator.bind(ui.name, "name")
        validator.bind(ui.selectionRound, "selection_round")
        validator.bind(ui.contactEmail, "contact_email")
        validator.bind(ui.zone, "zone")
        validator.bind(ui.latitude, "latitude")
        validator.bind(ui.longitude, "longitude")
        validator.bind(ui.signature, "signature")
        self._open_record(
            lambda _stored: read_partner_city_lists(database, record_id),
            self._show_lists,
            LIST_FIELDS,
        )
        ui.name.setFocus()

    def _record_shown(self) -> None:
        ui = self.ui
        self._start_validating(
            [
                ui.name.textChanged,
                ui.nameJa.textChanged,
                ui.prefecture.textChanged,
                ui.prefectureJa.textChanged,
                ui.mouDate.dateChanged,
                ui.selectionRound.valueChanged,
                ui.signature.textChanged,
                ui.contactName.textChanged,
                ui.contactEmail.textChanged,
                ui.zone.selectionChanged,
                ui.latitude.textChanged,
                ui.longitude.textChanged,
                ui.themes.checkedChanged,
            ]
        )

    def _show_lists(self, lists: PartnerCityLists) -> None:
        """Offer ``lists``, with the stored themes checked in them."""
        themes = self.ui.themes
        self._taken_names = lists.taken_names
        blocker = QSignalBlocker(themes)
        themes.setChoices(lists.themes)
        themes.setCheckedIds(self._stored.get("theme_ids", []))
        blocker.unblock()

    def _fill(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.name.setText(values.get("name", ""))
        ui.nameJa.setText(values.get("name_ja", ""))
        ui.prefecture.setText(values.get("prefecture", ""))
        ui.prefectureJa.setText(values.get("prefecture_ja", ""))
        ui.mouDate.setDate(values.get("mou_date"))
        ui.selectionRound.setValue(values.get("selection_round", 1))
        ui.signature.setPlainText(values.get("signature", ""))
        ui.contactName.setText(values.get("contact_name", ""))
        ui.contactEmail.setText(values.get("contact_email", ""))
        ui.zone.setZoneName(values.get("zone", timezones.TOKYO))
        ui.latitude.setText(format_coordinate(values.get("latitude")))
        ui.longitude.setText(format_coordinate(values.get("longitude")))
        ui.themes.setCheckedIds(values.get("theme_ids", []))

    def _read(self) -> tuple[dict[str, Any], list[Problem]]:
        ui = self.ui
        problems: list[Problem] = []
        latitude, found_lat = parse_coordinate(ui.latitude.text(), "latitude", "latitude")
        longitude, found_long = parse_coordinate(ui.longitude.text(), "longitude", "longitude")
        values: dict[str, Any] = {
            "name": line_text(ui.name),
            "name_ja": line_text(ui.nameJa),
            "prefecture": line_text(ui.prefecture),
            "prefecture_ja": line_text(ui.prefectureJa),
            "mou_date": ui.mouDate.date(),
            "selection_round": ui.selectionRound.value(),
            "signature": plain_text(ui.signature),
            "contact_name": line_text(ui.contactName),
            "contact_email": line_text(ui.contactEmail),
            "zone": ui.zone.zoneName(),
            "latitude": latitude,
            "longitude": longitude,
            "theme_ids": ui.themes.checkedIds(),
        }
        problems.extend(found for found in (found_lat, found_long) if found is not None)
        stored = self._stored if self._record_id is not None else None
        problems.extend(self._taken_names.problems(values, stored))
        found_zone = zone_problem("zone", values["zone"])
        if found_zone is not None and "zone" not in {problem.field for problem in problems}:
            problems.append(found_zone)
        taken = {problem.field for problem in problems}
        checked = checked_values(values, problems)
        problems.extend(
            found for found in entity_problems(PartnerCity, checked) if found.field not in taken
        )
        return values, problems
