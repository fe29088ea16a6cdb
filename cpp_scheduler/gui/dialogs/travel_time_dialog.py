"""The editor of one journey of the travel-time table: from, to, by, how long."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QWidget

from cpp_scheduler import limits
from cpp_scheduler.gui.dialogs.base import RecordDialog, entity_problems, set_placeholder
from cpp_scheduler.gui.forms.ui_travel_time_dialog import Ui_TravelTimeDialog
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.model import Problem, TravelMode, TravelTime
from cpp_scheduler.model.validation import HeldValues
from cpp_scheduler.scheduling.travel import describe_duration
from cpp_scheduler.services import choices
from cpp_scheduler.services.database import Database

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager


@dataclass(frozen=True)
class TravelTimeLists:
    """What the travel-time dialog reads besides the record."""

    places: list[str]
    """Every place the program knows, offered for either end of the journey."""
    taken: HeldValues
    """The routes the other travel times list: a route is listed once per mode,
    whichever way round."""


def read_travel_time_lists(database: Database, record_id: str | None) -> TravelTimeLists:
    """The dialog's lists, through the services' column queries (on any thread)."""
    return TravelTimeLists(
        choices.localities(database), choices.taken_values(database, TravelTime, record_id)
    )


#: A new journey's length until the coordinator gives it: an hour.
NEW_JOURNEY_MINUTES = 60


class TravelTimeDialog(RecordDialog):
    """Create or edit a journey between two places by one way of travelling.

    The check looks a route up in either direction, so Kobe-Kitakyushu by rail and
    Kitakyushu-Kobe by rail are one route, listed once: the dialog refuses the second
    and names the first, to be edited instead. The places offered are those the program
    knows (venues' cities, partner cities, the table's own), and a new one can be typed.
    """

    entity_class = TravelTime
    noun = "travel time"
    title_key = "origin"

    def __init__(
        self,
        database: Database,
        record_id: str | None = None,
        parent: QWidget | None = None,
        *,
        tasks: TaskManager,
    ) -> None:
        """``tasks``: the window's task manager, which reads the record, the places and
        the routes listed already in the background: the dialog opens at once."""
        super().__init__(database, record_id, parent, tasks)
        self.ui = Ui_TravelTimeDialog()
        self.ui.setupUi(self)
        ui = self.ui
        ui.minutes.setRange(1, limits.LONGEST_JOURNEY_MINUTES)
        for mode in TravelMode:
            ui.mode.addItem(mode.label, mode.value)
        set_placeholder(ui.origin, translate("TravelTimeDialog", "Tokyo, Kobe, Kitakyushu…"))
        set_placeholder(ui.destination, translate("TravelTimeDialog", "Tokyo, Kobe, Kitakyushu…"))
        self._taken = HeldValues(TravelTime, ())
        self._refused_minutes: int | None = None
        """A stored journey no rule allows (a database written outside the program),
        judged as stored until the coordinator gives the journey's length."""

        validator = self._make_validator(ui.buttons, None)
        validator.bind(ui.origin, "origin")
        validator.bind(ui.destination, "destination")
        validator.bind(ui.mode, "mode")
        validator.bind(ui.minutes, "minutes")
        self._open_record(
            lambda _stored: read_travel_time_lists(database, record_id), self._show_lists
        )
        ui.origin.setFocus()

    def _record_shown(self) -> None:
        ui = self.ui
        ui.minutes.valueChanged.connect(self._minutes_given)
        self._start_validating(
            [
                ui.origin.currentTextChanged,
                ui.destination.currentTextChanged,
                ui.mode.currentIndexChanged,
                ui.minutes.valueChanged,
            ]
        )

    def _show_lists(self, lists: TravelTimeLists) -> None:
        """Offer the places, each end keeping what it holds (typed or stored)."""
        self._taken = lists.taken
        for combo in (self.ui.origin, self.ui.destination):
            _offer(combo, lists.places)

    def _fill(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.origin.setEditText(values.get("origin", ""))
        ui.destination.setEditText(values.get("destination", ""))
        mode = values.get("mode", TravelMode.RAIL)
        ui.mode.setCurrentIndex(ui.mode.findData(str(mode)))
        minutes = values.get("minutes", NEW_JOURNEY_MINUTES)
        if not ui.minutes.minimum() <= minutes <= ui.minutes.maximum():
            # Shown at the bound nearest, judged as stored: the rules say what is wrong
            # under the field until the coordinator gives the journey's length.
            self._refused_minutes = minutes
        ui.minutes.setValue(max(ui.minutes.minimum(), min(minutes, ui.minutes.maximum())))
        self._show_journey()
        if self._record_id is not None:  # its title is its route
            self._stored_title = self._route_name(values)

    def _minutes_given(self) -> None:
        self._refused_minutes = None
        self._show_journey()

    def _show_journey(self) -> None:
        """The journey in hours and minutes beside its number of minutes."""
        self.ui.journeyText.setText(describe_duration(timedelta(minutes=self.ui.minutes.value())))

    def _read(self) -> tuple[dict[str, Any], list[Problem]]:
        ui = self.ui
        refused = self._refused_minutes
        values: dict[str, Any] = {
            "origin": ui.origin.currentText().strip(),
            "destination": ui.destination.currentText().strip(),
            "mode": TravelMode(ui.mode.currentData()),
            "minutes": ui.minutes.value() if refused is None else refused,
        }
        problems = entity_problems(TravelTime, values)
        if "destination" not in {problem.field for problem in problems}:
            stored = self._stored if self._record_id is not None else None
            problems.extend(self._taken.problems(values, stored))
        return values, problems

    @staticmethod
    def _route_name(values: dict[str, Any]) -> str:
        return choices.route_name(
            values.get("origin", ""),
            values.get("destination", ""),
            TravelMode(values.get("mode", TravelMode.RAIL)),
        )

    def record_title(self) -> str:
        """The route as edited ("Kobe–Kitakyushu by rail"), else as stored."""
        values, _problems = self._read()
        if values["origin"] and values["destination"]:
            return self._route_name(values)
        return super().record_title()


def _offer(combo: QComboBox, places: list[str]) -> None:
    """Offer ``places`` in an editable list, keeping the text it holds."""
    blocker = QSignalBlocker(combo)
    typed = combo.currentText()  # the first item added would replace it
    combo.addItems(places)
    combo.setEditText(typed)
    blocker.unblock()
