"""The kinds of record the Program menu manages: each one's menu words and its table.

Kept apart from the managers (:mod:`cpp_scheduler.gui.records`) so the window can build
its menus before the database layer is loaded. The table of each kind (its columns,
headers and order) is the one ``cpp-scheduler records`` prints
(:mod:`cpp_scheduler.services.record_tables`); the window adds its words for the kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP
from cpp_scheduler.services.record_tables import RECORD_TABLES, RecordTable

if TYPE_CHECKING:
    from cpp_scheduler.model import Base


@dataclass(frozen=True)
class RecordKind:
    """A kind of record the Program menu manages: its words and its table."""

    key: str
    plural: str

    @property
    def table(self) -> RecordTable:
        return RECORD_TABLES[self.key]

    @property
    def model(self) -> type[Base]:
        """The entity class (loading the model on first use)."""
        return self.table.model


RECORD_KINDS: dict[str, RecordKind] = {
    kind.key: kind
    for kind in (
        RecordKind("delegation", QT_TRANSLATE_NOOP("RecordKinds", "Delegations")),
        RecordKind("participant", QT_TRANSLATE_NOOP("RecordKinds", "Participants")),
        RecordKind("venue", QT_TRANSLATE_NOOP("RecordKinds", "Venues")),
        RecordKind("partner_city", QT_TRANSLATE_NOOP("RecordKinds", "Partner cities")),
        RecordKind("theme", QT_TRANSLATE_NOOP("RecordKinds", "Themes")),
        RecordKind("knowledge_product", QT_TRANSLATE_NOOP("RecordKinds", "Knowledge products")),
        RecordKind("travel_time", QT_TRANSLATE_NOOP("RecordKinds", "Travel times")),
    )
}
