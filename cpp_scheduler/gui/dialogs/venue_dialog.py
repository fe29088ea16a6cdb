"""The editor of a venue: where it is, how many it holds, when it is open, what it has."""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtWidgets import QWidget

from cpp_scheduler import timezones
from cpp_scheduler.gui.dialogs.base import (
    RecordDialog,
    checked_values,
    choice_problem,
    entity_problems,
    format_coordinate,
    line_text,
    named,
    parse_coordinate,
    plain_text,
    set_placeholder,
    zone_problem,
)
from cpp_scheduler.gui.forms.ui_venue_dialog import Ui_VenueDialog
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.model import Problem, Venue
from cpp_scheduler.services import choices
from cpp_scheduler.services.database import Database


class VenueDialog(RecordDialog):
    """Create or edit a venue.

    The locality is the city as the travel-time table names it, so the feasibility check
    can find the journey; the list offers the localities already known, and choosing a
    partner city fills it in when it is still empty.
    """

    entity_class = Venue
    noun = "venue"
    title_key = "name"

    def __init__(
        self, database: Database, record_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, record_id, parent)
        self.ui = Ui_VenueDialog()
        self.ui.setupUi(self)
        ui = self.ui
        ui.city.setNoneLabel(translate("VenueDialog", "Not in a partner city (TDLC, Tokyo)"))
        set_placeholder(ui.locality, translate("VenueDialog", "Tokyo, Kobe, Yokohama…"))
        self._city_names: dict[str, str] = {}

        stored = self._load(database, record_id)
        self._fill(stored)

        validator = self._make_validator(ui.buttons, None)
        validator.bind(ui.name, "name")
        validator.bind(ui.locality, "locality")
        validator.bind(ui.city, "city_id", "city")
        validator.bind(ui.capacity, "capacity")
        validator.bind(ui.openingHours, "opens_at", "closes_at")
        validator.bind(ui.zone, "zone")
        validator.bind(ui.booths, "interpretation_booths")
        validator.bind(ui.latitude, "latitude")
        validator.bind(ui.longitude, "longitude")
        ui.city.selectionChanged.connect(self._city_chosen)
        self._start_validating(
            [
                ui.name.textChanged,
                ui.nameJa.textChanged,
                ui.locality.currentTextChanged,
                ui.city.selectionChanged,
                ui.address.textChanged,
                ui.capacity.valueChanged,
                ui.openingHours.rangeChanged,
                ui.zone.selectionChanged,
                ui.videoconference.toggled,
                ui.booths.valueChanged,
                ui.latitude.textChanged,
                ui.longitude.textChanged,
                ui.notes.textChanged,
            ]
        )
        ui.name.setFocus()

    def _load(self, database: Database, record_id: str | None) -> dict[str, Any]:
        ui = self.ui
        ui.city.setChoices(named(choices.city_choices(database)))
        self._city_names = choices.city_names(database)
        ui.locality.addItems(choices.localities(database))
        return self._stored_values(record_id)

    def _fill(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.name.setText(values.get("name", ""))
        ui.nameJa.setText(values.get("name_ja", ""))
        ui.locality.setEditText(values.get("locality", ""))
        ui.city.setSelectedData(values.get("city_id"))
        ui.address.setPlainText(values.get("address", ""))
        ui.capacity.setValue(values.get("capacity", 20))
        ui.openingHours.setRange(values.get("opens_at", time(9)), values.get("closes_at", time(18)))
        ui.zone.setZoneName(values.get("zone", timezones.TOKYO))
        ui.videoconference.setChecked(values.get("videoconference", False))
        ui.booths.setValue(values.get("interpretation_booths", 0))
        ui.latitude.setText(format_coordinate(values.get("latitude")))
        ui.longitude.setText(format_coordinate(values.get("longitude")))
        ui.notes.setPlainText(values.get("notes", ""))

    def _city_chosen(self) -> None:
        city_id = self.ui.city.selectedData()
        if city_id and not self.ui.locality.currentText().strip():
            self.ui.locality.setEditText(self._city_names.get(city_id, ""))

    def _read(self) -> tuple[dict[str, Any], list[Problem]]:
        ui = self.ui
        problems: list[Problem] = []
        latitude, found_lat = parse_coordinate(ui.latitude.text(), "latitude", "latitude")
        longitude, found_long = parse_coordinate(ui.longitude.text(), "longitude", "longitude")
        values: dict[str, Any] = {
            "name": line_text(ui.name),
            "name_ja": line_text(ui.nameJa),
            "locality": ui.locality.currentText().strip(),
            "city_id": ui.city.selectedData(),
            "address": plain_text(ui.address),
            "capacity": ui.capacity.value(),
            "opens_at": ui.openingHours.start(),
            "closes_at": ui.openingHours.end(),
            "zone": ui.zone.zoneName(),
            "videoconference": ui.videoconference.isChecked(),
            "interpretation_booths": ui.booths.value(),
            "latitude": latitude,
            "longitude": longitude,
            "notes": plain_text(ui.notes),
        }
        for found in (found_lat, found_long, choice_problem(ui.city, "city_id", "partner city")):
            if found is not None:
                problems.append(found)
        found_zone = zone_problem("zone", values["zone"])
        if found_zone is not None and "zone" not in {problem.field for problem in problems}:
            problems.append(found_zone)
        taken = {problem.field for problem in problems}
        checked = checked_values(values, problems)
        problems.extend(
            found for found in entity_problems(Venue, checked) if found.field not in taken
        )
        return values, problems
