"""The editor of a delegation: country first, then one of that country's zones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidgetItem, QWidget

from cpp_scheduler import timezones
from cpp_scheduler.errors import printable
from cpp_scheduler.gui.dialogs.base import (
    RecordDialog,
    checked_values,
    entity_problems,
    line_text,
    plain_text,
    set_placeholder,
)
from cpp_scheduler.gui.forms.ui_delegation_dialog import Ui_DelegationDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.widgets.answers_view import AnswersView
from cpp_scheduler.model import Delegation, Problem
from cpp_scheduler.model.people import (
    DEFAULT_ACCEPTABLE_END,
    DEFAULT_ACCEPTABLE_START,
    DEFAULT_WORK_END,
    DEFAULT_WORK_START,
)
from cpp_scheduler.model.validation import HeldValues
from cpp_scheduler.services import choices, replies
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.replies import Attendance


def split_languages(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


@dataclass(frozen=True)
class DelegationLists:
    """What the delegation dialog reads besides the record: what grows with the program."""

    taken_names: HeldValues
    """The other delegations' names: a name is given once."""
    members: list[tuple[str, str]]
    """Each member's name and detail."""
    answers: list[Attendance]
    """The members' answers to the invitations of their events."""


def read_delegation_lists(
    database: Database, record_id: str | None, name: str | None
) -> DelegationLists:
    """The dialog's lists, through the services (on any thread)."""
    members = choices.delegation_members(database, record_id) if record_id else []
    return DelegationLists(
        taken_names=choices.taken_values(database, Delegation, record_id),
        members=[(member.name, member.detail) for member in members],
        answers=replies.invited_answers(database, delegation=name) if name else [],
    )


ANSWERS_WIDTH = 560
"""Pixels of the members' panel beside a delegation's fields once it lists answers:
room for the event each answer is for, with what of it (every meeting, or one meeting
with its times), in a few wrapped lines beside the person and the answer."""


class DelegationDialog(RecordDialog):
    """Create or edit a delegation.

    The country is chosen by name; the zone list then holds that country's zones only.
    A one-zone country's zone is filled in; for a country with several (Brazil, Mexico,
    Indonesia) the coordinator must pick one, since the engine reads working hours in it.
    Members are listed for reference; a participant joins a delegation in the
    participant's editor.
    """

    entity_class = Delegation
    noun = "delegation"
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
        members and their answers (which grow with the program) in the background: the
        dialog opens at once."""
        super().__init__(database, record_id, parent, tasks)
        self.ui = Ui_DelegationDialog()
        self._zone_of_city: str | None = None
        """The zone last chosen for the home city typed (:meth:`_offer_zone_of_city`)."""
        self.ui.setupUi(self)
        ui = self.ui
        ui.country.setChoices((name, code) for code, name in timezones.countries())
        for index in range(ui.country.count()):
            ui.country.setItemData(index, ui.country.itemData(index), Qt.ItemDataRole.ToolTipRole)
        set_placeholder(
            ui.country, translate("DelegationDialog", "Type to search: Peru, Kenya, Nepal…")
        )
        ui.arrival.setCheckText(translate("DelegationDialog", "Known"))
        ui.departure.setCheckText(translate("DelegationDialog", "Known"))
        self._taken_names = HeldValues(Delegation, ())
        # The members' answers to the invitations of their events, read-only.
        self.answers = AnswersView(ui.membersBox, with_events=True)
        self.answersLabel = QLabel(
            translate("DelegationDialog", "Answers to invitations:"), ui.membersBox
        )
        ui.membersLayout.addWidget(self.answersLabel)
        ui.membersLayout.addWidget(self.answers)
        # The answers' rows are taller than the members' (what each is for wraps onto
        # further lines): of the height there is, they take two parts to the members' one.
        ui.membersLayout.setStretchFactor(ui.members, 1)
        ui.membersLayout.setStretchFactor(self.answers, 2)
        self.answersLabel.setVisible(record_id is not None)
        self.answers.setVisible(record_id is not None)
        if record_id is not None:
            # Room for a person, an event and an answer side by side: the answers of a
            # delegation's members name the event each is about.
            ui.membersBox.setMinimumWidth(ANSWERS_WIDTH)

        validator = self._make_validator(ui.buttons, None)
        validator.bind(ui.name, "name")
        validator.bind(ui.country, "country")
        validator.bind(ui.zone, "zone")
        validator.bind(ui.workHours, "work_start", "work_end")
        validator.bind(ui.acceptableHours, "acceptable_start", "acceptable_end")
        validator.bind(ui.arrival, "arrival")
        validator.bind(ui.departure, "departure")
        validator.bind(ui.notes, "notes")
        self._open_record(
            lambda stored: read_delegation_lists(database, record_id, stored.get("name")),
            self._show_lists,
        )
        ui.name.setFocus()

    def _record_shown(self) -> None:
        ui = self.ui
        ui.country.selectionChanged.connect(self._country_changed)
        ui.homeCity.textEdited.connect(lambda _text: self._offer_zone_of_city())
        self._start_validating(
            [
                ui.name.textChanged,
                ui.country.selectionChanged,
                ui.zone.selectionChanged,
                ui.homeCity.textChanged,
                ui.workHours.rangeChanged,
                ui.acceptableHours.rangeChanged,
                ui.arrival.dateChanged,
                ui.departure.dateChanged,
                ui.languages.textChanged,
                ui.interpretation.textChanged,
                ui.notes.textChanged,
            ]
        )

    def _show_lists(self, lists: DelegationLists) -> None:
        self._taken_names = lists.taken_names
        self._show_members(lists.members)
        self.answers.show_answers(lists.answers)

    def _show_members(self, members: list[tuple[str, str]]) -> None:
        ui = self.ui
        ui.members.clear()
        for text, detail in members:
            item = QListWidgetItem(text)
            item.setToolTip(f"{text}\n{detail}" if detail else text)  # a long name in full
            ui.members.addItem(item)
        if not members:
            item = QListWidgetItem(translate("DelegationDialog", "No members yet."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            ui.members.addItem(item)
        ui.membersBox.setTitle(
            translate("DelegationDialog", "&Members ({count})").format(count=len(members))
        )

    def _fill(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.name.setText(values.get("name", ""))
        ui.country.setSelectedData(values.get("country"))
        self._country_changed()
        if values.get("zone"):
            ui.zone.setZoneName(values["zone"])
        ui.homeCity.setText(values.get("home_city", ""))
        ui.workHours.setRange(
            values.get("work_start", DEFAULT_WORK_START), values.get("work_end", DEFAULT_WORK_END)
        )
        ui.acceptableHours.setRange(
            values.get("acceptable_start", DEFAULT_ACCEPTABLE_START),
            values.get("acceptable_end", DEFAULT_ACCEPTABLE_END),
        )
        ui.arrival.setDate(values.get("arrival"))
        ui.departure.setDate(values.get("departure"))
        ui.languages.setText(", ".join(values.get("languages", [])))
        ui.interpretation.setText(values.get("interpretation", ""))
        ui.notes.setPlainText(values.get("notes", ""))

    def _offer_zone_of_city(self) -> None:
        """Choose the zone named after the home city typed (São Paulo in Brazil), where
        no zone is chosen yet or the one chosen was offered this way: a zone the
        coordinator chose stays theirs."""
        ui = self.ui
        code = ui.country.selectedData()
        offered = timezones.zone_of_city(code, line_text(ui.homeCity)) if code else None
        current = ui.zone.zoneName()
        if offered is not None and current in ("", self._zone_of_city):
            ui.zone.setZoneName(offered)
            self._zone_of_city = offered

    def _country_changed(self) -> None:
        """Offer the chosen country's zones; fill in the zone when there is only one."""
        ui = self.ui
        code = ui.country.selectedData()
        zones = timezones.country_zones(code) if code else ()
        current = ui.zone.zoneName()
        ui.zone.setZones(zones)
        ui.zone.setEnabled(bool(zones))
        if len(zones) == 1:
            ui.zone.setZoneName(zones[0])
        elif current in zones:
            ui.zone.setZoneName(current)
        else:
            ui.zone.setZoneName("")
        if not code:
            set_placeholder(ui.zone, translate("DelegationDialog", "Choose the country first"))
        elif len(zones) > 1:
            set_placeholder(
                ui.zone,
                translate("DelegationDialog", "Choose one of {count} zones").format(
                    count=len(zones)
                ),
            )
        self.ui.zone.setToolTip(", ".join(zones))
        if len(zones) > 1 and not ui.zone.zoneName():
            self._offer_zone_of_city()  # the home city may be typed before the country

    def _read(self) -> tuple[dict[str, Any], list[Problem]]:
        ui = self.ui
        problems: list[Problem] = []
        code = ui.country.selectedData()
        zone = ui.zone.zoneName()
        values: dict[str, Any] = {
            "name": line_text(ui.name),
            "country": code or "",
            "zone": zone,
            "home_city": line_text(ui.homeCity),
            "work_start": ui.workHours.start(),
            "work_end": ui.workHours.end(),
            "acceptable_start": ui.acceptableHours.start(),
            "acceptable_end": ui.acceptableHours.end(),
            "arrival": ui.arrival.date(),
            "departure": ui.departure.date(),
            "languages": split_languages(ui.languages.text()),
            "interpretation": line_text(ui.interpretation),
            "notes": plain_text(ui.notes),
        }
        stored = self._stored if self._record_id is not None else None
        problems.extend(self._taken_names.problems(values, stored))
        if ui.country.hasUnknownText():
            problems.append(
                Problem(
                    "country",
                    translate(
                        "DelegationDialog", "'{name}' is not a country of the list; pick one."
                    ).format(name=printable(ui.country.currentText().strip())),
                )
            )
        elif not code:
            problems.append(
                Problem(
                    "country",
                    translate("DelegationDialog", "Choose the country the delegation comes from."),
                )
            )
        taken = {problem.field for problem in problems}
        checked = checked_values(values, problems)
        problems.extend(
            found for found in entity_problems(Delegation, checked) if found.field not in taken
        )
        return values, problems
