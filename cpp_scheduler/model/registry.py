"""Every mapped entity and the integrity rules, loaded together.

SQLAlchemy resolves relationships by class name when a mapper is first used, so a session
must never meet a half-loaded model; and the rules of :mod:`~cpp_scheduler.model.integrity`
must be installed before the first flush. Whoever reaches an entity (through
:mod:`cpp_scheduler.model`) or opens a store loads this module, and with it all of them.
"""

from cpp_scheduler.model import integrity as _integrity  # noqa: F401  (installs listeners)
from cpp_scheduler.model.base import Base, Record, UTCDateTime, new_id, utc_now
from cpp_scheduler.model.event import Event, OccurrenceOverride, new_uid
from cpp_scheduler.model.history import Change
from cpp_scheduler.model.mail import RefusedMessage, Reply, SentMessage
from cpp_scheduler.model.people import Delegation, Participant
from cpp_scheduler.model.product import KnowledgeProduct
from cpp_scheduler.model.reference import PartnerCity, ThematicArea, TravelTime, Venue
from cpp_scheduler.model.tour import HotelNight, StudyTour, TourDay, TravelLeg
from cpp_scheduler.model.validation import Problem, ValidationError

__all__ = [
    "Base",
    "Change",
    "Delegation",
    "Event",
    "HotelNight",
    "KnowledgeProduct",
    "OccurrenceOverride",
    "Participant",
    "PartnerCity",
    "Problem",
    "Record",
    "RefusedMessage",
    "Reply",
    "SentMessage",
    "StudyTour",
    "ThematicArea",
    "TourDay",
    "TravelLeg",
    "TravelTime",
    "UTCDateTime",
    "ValidationError",
    "Venue",
    "new_id",
    "new_uid",
    "utc_now",
]
