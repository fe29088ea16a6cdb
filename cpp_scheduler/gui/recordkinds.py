"""The kinds of record the Program menu manages, and the words and columns for each.

Kept apart from the managers (:mod:`cpp_scheduler.gui.records`) so the window can build
its menus before the database layer is loaded: a kind names its entity class, and the
class is looked up when a manager first needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cpp_scheduler import model
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from cpp_scheduler.model import Base


@dataclass(frozen=True)
class RecordKind:
    """A kind of record the Program menu manages: its class, its words, its columns."""

    key: str
    model_name: str
    """The entity's class name in :mod:`cpp_scheduler.model`."""
    plural: str
    columns: tuple[tuple[str, str], ...]
    """(attribute, header) pairs shown in the manager's table."""
    order_by: str

    @property
    def model(self) -> type[Base]:
        """The entity class (loading the model on first use)."""
        entity: type[Base] = getattr(model, self.model_name)
        return entity


RECORD_KINDS: dict[str, RecordKind] = {
    kind.key: kind
    for kind in (
        RecordKind(
            "delegation",
            "Delegation",
            QT_TRANSLATE_NOOP("RecordKinds", "Delegations"),
            (
                ("name", QT_TRANSLATE_NOOP("RecordKinds", "Name")),
                ("country_name", QT_TRANSLATE_NOOP("RecordKinds", "Country")),
                ("zone", QT_TRANSLATE_NOOP("RecordKinds", "Home zone")),
                ("arrival", QT_TRANSLATE_NOOP("RecordKinds", "Arrives")),
                ("departure", QT_TRANSLATE_NOOP("RecordKinds", "Leaves")),
            ),
            "name",
        ),
        RecordKind(
            "participant",
            "Participant",
            QT_TRANSLATE_NOOP("RecordKinds", "Participants"),
            (
                ("name", QT_TRANSLATE_NOOP("RecordKinds", "Name")),
                ("email", QT_TRANSLATE_NOOP("RecordKinds", "Email")),
                ("organisation", QT_TRANSLATE_NOOP("RecordKinds", "Organisation")),
                ("role", QT_TRANSLATE_NOOP("RecordKinds", "Role")),
            ),
            "name",
        ),
        RecordKind(
            "venue",
            "Venue",
            QT_TRANSLATE_NOOP("RecordKinds", "Venues"),
            (
                ("name", QT_TRANSLATE_NOOP("RecordKinds", "Name")),
                ("name_ja", QT_TRANSLATE_NOOP("RecordKinds", "Japanese name")),
                ("locality", QT_TRANSLATE_NOOP("RecordKinds", "City")),
                ("capacity", QT_TRANSLATE_NOOP("RecordKinds", "Capacity")),
                ("videoconference", QT_TRANSLATE_NOOP("RecordKinds", "Video")),
            ),
            "name",
        ),
        RecordKind(
            "partner_city",
            "PartnerCity",
            QT_TRANSLATE_NOOP("RecordKinds", "Partner cities"),
            (
                ("name", QT_TRANSLATE_NOOP("RecordKinds", "Name")),
                ("name_ja", QT_TRANSLATE_NOOP("RecordKinds", "Japanese name")),
                ("shown_prefecture", QT_TRANSLATE_NOOP("RecordKinds", "Prefecture")),
                ("selection_round", QT_TRANSLATE_NOOP("RecordKinds", "Round")),
                ("signature", QT_TRANSLATE_NOOP("RecordKinds", "Signature experience")),
            ),
            "name",
        ),
        RecordKind(
            "theme",
            "ThematicArea",
            QT_TRANSLATE_NOOP("RecordKinds", "Themes"),
            (
                ("name", QT_TRANSLATE_NOOP("RecordKinds", "Name")),
                ("name_ja", QT_TRANSLATE_NOOP("RecordKinds", "Japanese name")),
                ("code", QT_TRANSLATE_NOOP("RecordKinds", "Code")),
            ),
            "name",
        ),
        RecordKind(
            "knowledge_product",
            "KnowledgeProduct",
            QT_TRANSLATE_NOOP("RecordKinds", "Knowledge products"),
            (
                ("title", QT_TRANSLATE_NOOP("RecordKinds", "Title")),
                ("kind", QT_TRANSLATE_NOOP("RecordKinds", "Kind")),
                ("published", QT_TRANSLATE_NOOP("RecordKinds", "Published")),
            ),
            "title",
        ),
        RecordKind(
            "travel_time",
            "TravelTime",
            QT_TRANSLATE_NOOP("RecordKinds", "Travel times"),
            (
                ("origin", QT_TRANSLATE_NOOP("RecordKinds", "From")),
                ("destination", QT_TRANSLATE_NOOP("RecordKinds", "To")),
                ("mode", QT_TRANSLATE_NOOP("RecordKinds", "By")),
                ("minutes", QT_TRANSLATE_NOOP("RecordKinds", "Journey")),
            ),
            "origin",
        ),
    )
}
