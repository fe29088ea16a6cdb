"""The kinds of record the Program menu manages, and the words and columns for each.

Kept apart from the managers (:mod:`cpp_scheduler.gui.records`) so the window can build
its menus before the database layer is loaded: a kind names its entity class, and the
class is looked up when a manager first needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cpp_scheduler import model

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
            "Delegations",
            (
                ("name", "Name"),
                ("country_name", "Country"),
                ("zone", "Home zone"),
                ("arrival", "Arrives"),
                ("departure", "Leaves"),
            ),
            "name",
        ),
        RecordKind(
            "participant",
            "Participant",
            "Participants",
            (
                ("name", "Name"),
                ("email", "Email"),
                ("organisation", "Organisation"),
                ("role", "Role"),
            ),
            "name",
        ),
        RecordKind(
            "venue",
            "Venue",
            "Venues",
            (
                ("name", "Name"),
                ("name_ja", "Japanese name"),
                ("locality", "City"),
                ("capacity", "Capacity"),
                ("videoconference", "Video"),
            ),
            "name",
        ),
        RecordKind(
            "partner_city",
            "PartnerCity",
            "Partner cities",
            (
                ("name", "Name"),
                ("name_ja", "Japanese name"),
                ("prefecture", "Prefecture"),
                ("selection_round", "Round"),
                ("signature", "Signature experience"),
            ),
            "name",
        ),
        RecordKind(
            "theme",
            "ThematicArea",
            "Themes",
            (("name", "Name"), ("name_ja", "Japanese name"), ("code", "Code")),
            "name",
        ),
        RecordKind(
            "knowledge_product",
            "KnowledgeProduct",
            "Knowledge products",
            (("title", "Title"), ("kind", "Kind"), ("published", "Published")),
            "title",
        ),
    )
}
