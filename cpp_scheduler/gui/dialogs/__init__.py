"""The editor dialogs, one per kind of record, each built on a Designer form in ``ui/``.

Every dialog takes the open database and the id of the record to edit (``None`` for a
new one), reads what it needs through the services when built (the event and product
editors, given the window's task manager, read their long lists in the background), and
never writes: once accepted, ``values()`` returns the edited fields for the main window
to apply as an undoable command, and ``record_title()`` the record's display name.
"""

from cpp_scheduler.gui.dialogs.base import RecordMissingError
from cpp_scheduler.gui.dialogs.delegation_dialog import DelegationDialog
from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.dialogs.knowledge_product_dialog import KnowledgeProductDialog
from cpp_scheduler.gui.dialogs.participant_dialog import ParticipantDialog
from cpp_scheduler.gui.dialogs.partner_city_dialog import PartnerCityDialog
from cpp_scheduler.gui.dialogs.theme_dialog import ThemeDialog
from cpp_scheduler.gui.dialogs.travel_time_dialog import TravelTimeDialog
from cpp_scheduler.gui.dialogs.venue_dialog import VenueDialog

__all__ = [
    "DelegationDialog",
    "EventDialog",
    "KnowledgeProductDialog",
    "ParticipantDialog",
    "PartnerCityDialog",
    "RecordMissingError",
    "ThemeDialog",
    "TravelTimeDialog",
    "VenueDialog",
]
