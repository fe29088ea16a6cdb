"""The editor of a venue: where it is, how many it holds, when it is open, what it has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QWidget

from cpp_scheduler import limits, timezones
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
from cpp_scheduler.services.rows import Choice

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager


@dataclass(frozen=True)
class VenueLists:
    """What the venue dialog offers: the partner cities and the places the program knows."""

    cities: list[Choice]
    city_names: dict[str, str]
    """Each partner city's English name, which fills in an empty locality."""
    localities: list[str]


def read_venue_lists(database: Database) -> VenueLists:
    """The dialog's lists, through the services' column queries (on any thread)."""
    return VenueLists(
        choices.city_choices(database),
        choices.city_names(database),
        choices.localities(database),
    )


#: The fields the dialog's lists hold.
LIST_FIELDS = ("city_id",)


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
        self,
        database: Database,
        record_id: str | None = None,
        parent: QWidget | None = None,
        *,
        tasks: TaskManager,
    ) -> None:
        """``tasks``: the window's task manager, which reads the record and the
        cities and places in the background: the dialog opens at once."""
        super().__init__(database, record_id, parent, tasks)
        self.ui = Ui_VenueDialog()
        self.ui.setupUi(self)
        ui = self.ui
        # As much as the rules take: a larger number stored must show, never be cut down
        # to a smaller one the save then writes.
        ui.capacity.setMaximum(limits.MAX_VENUE_CAPACITY)
        ui.booths.setMaximum(limits.MAX_STORED_INTEGER)
        ui.city.setNoneLabel(translate("VenueDialog", "Not in a partner city (TDLC, Tokyo)"))
        set_placeholder(ui.locality, translate("VenueDialog", "Tokyo, Kobe, Yokohama…"))
        self._city_names: dict[str, str] = {}

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
        validator.bind(ui.address, "address")
        validator.bind(ui.notes, "notes")
        self._open_record(lambda _stored: read_venue_lists(database), self._show_lists, LIST_FIELDS)
        ui.name.setFocus()

    def _record_shown(self) -> None:
        ui = self.ui
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

    def _show_lists(self, lists: VenueLists) -> None:
        """Offer ``lists``, with the stored city chosen and the locality as it stands."""
        ui = self.ui
        self._city_names = lists.city_names
        blockers = [QSignalBlocker(ui.city), QSignalBlocker(ui.locality)]
        typed = ui.locality.currentText()  # the first item added would replace it
        ui.locality.addItems(lists.localities)
        ui.locality.setEditText(typed)
        ui.city.setChoices(named(lists.cities))
        ui.city.setSelectedDataUnlessTyped(self._stored.get("city_id"))
        for blocker in blockers:
            blocker.unblock()

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
