"""The domain model: the program's records as typed SQLAlchemy entities.

Free of Qt. The closed vocabularies (:mod:`~cpp_scheduler.model.enums`) load at once; the
entities load with SQLAlchemy the first time one of them is asked for, together with the
integrity rules that run at every flush (:mod:`~cpp_scheduler.model.registry`). So the
desktop window, which needs only the vocabularies to draw its first week, appears before
the database layer has been read from disk.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cpp_scheduler.model.enums import (
    EventKind,
    EventMode,
    EventStatus,
    ParticipantRole,
    ProductKind,
    TravelMode,
)

if TYPE_CHECKING:
    from cpp_scheduler.model.registry import (
        Base,
        Change,
        Delegation,
        Event,
        HotelNight,
        KnowledgeProduct,
        OccurrenceOverride,
        Participant,
        PartnerCity,
        Problem,
        Record,
        RefusedMessage,
        Reply,
        SentMessage,
        StudyTour,
        ThematicArea,
        TourDay,
        TravelLeg,
        TravelTime,
        UTCDateTime,
        ValidationError,
        Venue,
        new_id,
        new_uid,
        utc_now,
    )


def __getattr__(name: str) -> Any:
    """An entity (or a helper of the entities), loading the whole model on first use.

    Any other name fails at once: introspection (``__wrapped__``, ``__path__`` probes by
    Qt's binding and by the import system) must not load the database layer.
    """
    if name not in __all__:  # the enumerations are here already and never asked for
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("cpp_scheduler.model.registry"), name)
    globals()[name] = value
    return value


__all__ = [
    "Base",
    "Change",
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
    "RefusedMessage",
    "Reply",
    "SentMessage",
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
