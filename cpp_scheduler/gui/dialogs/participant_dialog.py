"""The editor of a participant: contact, role, delegation and own time zone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QWidget

from cpp_scheduler import i18n
from cpp_scheduler.gui.dialogs.base import (
    RecordDialog,
    checked_values,
    choice_problem,
    entity_problems,
    line_text,
    named,
    set_placeholder,
    zone_problem,
)
from cpp_scheduler.gui.forms.ui_participant_dialog import Ui_ParticipantDialog
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.model import Participant, ParticipantRole, Problem
from cpp_scheduler.model.people import ClockOf, participant_clock
from cpp_scheduler.model.validation import HeldValues
from cpp_scheduler.services import choices
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.rows import Choice

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager


@dataclass(frozen=True)
class ParticipantLists:
    """What the participant dialog reads besides the record: what grows with the program."""

    delegations: list[Choice]
    """The delegations, by name, each with its home zone as detail."""
    taken_emails: HeldValues
    """The other participants' addresses: an address is given once."""


def read_participant_lists(database: Database, record_id: str | None) -> ParticipantLists:
    """The dialog's lists, through the services' column queries (on any thread)."""
    return ParticipantLists(
        choices.delegation_choices(database),
        choices.taken_values(database, Participant, record_id),
    )


#: The fields the dialog's lists hold.
LIST_FIELDS = ("delegation_id",)


class ParticipantDialog(RecordDialog):
    """Create or edit a participant.

    The zone is for someone who joins from elsewhere than the delegation's home (a Bank
    economist in Washington); left empty, the delegation's zone applies, and the line
    under the field says which clock that is.
    """

    entity_class = Participant
    noun = "participant"
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
        delegations and the addresses taken in the background: the dialog opens at once."""
        super().__init__(database, record_id, parent, tasks)
        self.ui = Ui_ParticipantDialog()
        self.ui.setupUi(self)
        ui = self.ui
        for role in ParticipantRole:
            ui.role.addItem(role.label, role.value)
        ui.delegation.setNoneLabel(
            translate("ParticipantDialog", "No delegation (Bank or city staff, speaker)")
        )
        ui.zone.setNoneLabel(None)
        # The language of what the program writes for this person: their calendar files
        # and invitations. Made here rather than in the form, after the zone.
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem(self.tr("As the delegation (else English)"), None)
        for code in i18n.LANGUAGES:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        ui.form.addRow(self.tr("&Writes to them in"), self.language)
        self._delegation_zones: dict[str, str] = {}
        self._taken_emails = HeldValues(Participant, ())

        validator = self._make_validator(ui.buttons, None)
        validator.bind(ui.name, "name")
        validator.bind(ui.email, "email")
        validator.bind(ui.delegation, "delegation_id", "delegation")
        validator.bind(ui.zone, "zone")
        self._open_record(
            lambda _stored: read_participant_lists(database, record_id),
            self._show_lists,
            LIST_FIELDS,
        )
        ui.name.setFocus()

    def _record_shown(self) -> None:
        ui = self.ui
        self._start_validating(
            [
                ui.name.textChanged,
                ui.email.textChanged,
                ui.organisation.textChanged,
                ui.role.currentIndexChanged,
                ui.delegation.selectionChanged,
                ui.zone.selectionChanged,
                self.language.currentIndexChanged,
            ]
        )

    def _show_lists(self, lists: ParticipantLists) -> None:
        """Offer ``lists``, with the stored delegation chosen in them."""
        delegation = self.ui.delegation
        self._delegation_zones = {choice.id: choice.detail for choice in lists.delegations}
        self._taken_emails = lists.taken_emails
        blocker = QSignalBlocker(delegation)
        delegation.setChoices(named(lists.delegations))
        delegation.setSelectedDataUnlessTyped(self._stored.get("delegation_id"))
        blocker.unblock()

    def _fill(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.name.setText(values.get("name", ""))
        ui.email.setText(values.get("email", ""))
        ui.organisation.setText(values.get("organisation", ""))
        role = values.get("role", ParticipantRole.OFFICIAL)
        ui.role.setCurrentIndex(ui.role.findData(str(role)))
        ui.delegation.setSelectedData(values.get("delegation_id"))
        ui.zone.setZoneName(values.get("zone"))
        self.language.setCurrentIndex(max(0, self.language.findData(values.get("language"))))

    def _read(self) -> tuple[dict[str, Any], list[Problem]]:
        ui = self.ui
        problems: list[Problem] = []
        delegation_id = ui.delegation.selectedData()
        values: dict[str, Any] = {
            "name": line_text(ui.name),
            "email": line_text(ui.email),
            "organisation": line_text(ui.organisation),
            "role": ParticipantRole(ui.role.currentData()),
            "delegation_id": delegation_id,
            "zone": ui.zone.zoneName() or None,
            "language": self.language.currentData(),
        }
        found = choice_problem(ui.delegation, "delegation_id", "delegation")
        if found is not None:
            problems.append(found)
        stored = self._stored if self._record_id is not None else None
        problems.extend(self._taken_emails.problems(values, stored))
        found_zone = zone_problem("zone", values["zone"])
        if found_zone is not None and "zone" not in {problem.field for problem in problems}:
            problems.append(found_zone)
        taken = {problem.field for problem in problems}
        checked = checked_values(values, problems)
        problems.extend(
            found for found in entity_problems(Participant, checked) if found.field not in taken
        )
        self._update_zone_hint(values["zone"], delegation_id)
        return values, problems

    def _update_zone_hint(self, zone: str | None, delegation_id: str | None) -> None:
        ui = self.ui
        delegation_zone = self._delegation_zones.get(delegation_id or "")
        applying, clock = participant_clock(zone, delegation_zone)  # the model's one rule
        if clock is ClockOf.OWN:
            text = translate(
                "ParticipantDialog", "Joins from this zone, whatever the delegation's."
            )
        elif clock is ClockOf.DELEGATION:
            text = translate(
                "ParticipantDialog", "Empty: the delegation's zone applies ({zone})."
            ).format(zone=applying)
        else:
            text = translate("ParticipantDialog", "Empty: Tokyo time applies ({zone}).").format(
                zone=applying
            )
        ui.zoneHint.setText(text)
        set_placeholder(
            ui.zone,
            translate("ParticipantDialog", "Same as the delegation ({zone})").format(
                zone=delegation_zone
            )
            if delegation_zone
            else translate("ParticipantDialog", "Type to search, or leave empty for Tokyo"),
        )
