"""The domain model: the program's records as typed SQLAlchemy entities.

Free of Qt. Importing this package also installs the integrity rules that run at every
flush (validation, calendar sequence numbers).
"""

from cpp_scheduler.model import integrity as _integrity  # noqa: F401  (installs listeners)
from cpp_scheduler.model.base import Base, Record, UTCDateTime, new_id, utc_now
from cpp_scheduler.model.enums import (
    EventKind,
    EventMode,
    EventStatus,
    ParticipantRole,
    ProductKind,
    TravelMode,
)
from cpp_scheduler.model.event import Event, OccurrenceOverride, new_uid
from cpp_scheduler.model.people import Delegation, Participant
from cpp_scheduler.model.product import KnowledgeProduct
from cpp_scheduler.model.reference import PartnerCity, ThematicArea, TravelTime, Venue
from cpp_scheduler.model.tour import HotelNight, StudyTour, TourDay, TravelLeg
from cpp_scheduler.model.validation import Problem, ValidationError

__all__ = [
    "Base",
    "Delegation",
    "Event",
    "EventKind",
    "EventMode",
    "EventStatus",
    "HotelNight",
    "KnowledgeProduct",
    "OccurrenceOverride",
    "Participant",
    "ParticipantRole",
    "PartnerCity",
    "Problem",
    "ProductKind",
    "Record",
    "StudyTour",
    "ThematicArea",
    "TourDay",
    "TravelLeg",
    "TravelMode",
    "TravelTime",
    "UTCDateTime",
    "ValidationError",
    "Venue",
    "new_id",
    "new_uid",
    "utc_now",
]
