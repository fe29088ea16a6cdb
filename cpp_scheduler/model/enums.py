"""The closed vocabularies of the program, stored by their value."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    """A peer-to-peer learning workshop."""
    SITE_VISIT = "site_visit"
    VIDEOCONFERENCE = "videoconference"

    @property
    def label(self) -> str:
        return _LABELS[self]


class EventMode(StrEnum):
    FACE_TO_FACE = "face_to_face"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        return _LABELS[self]


class EventStatus(StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _LABELS[self]


class ParticipantRole(StrEnum):
    OFFICIAL = "official"
    SPEAKER = "speaker"
    BANK_STAFF = "bank_staff"
    CITY_STAFF = "city_staff"
    INTERPRETER = "interpreter"

    @property
    def label(self) -> str:
        return _LABELS[self]


class ProductKind(StrEnum):
    KNOWLEDGE_NOTE = "knowledge_note"
    CASE_STUDY = "case_study"
    TOOLKIT = "toolkit"
    GOOD_PRACTICE_GUIDE = "good_practice_guide"
    VIDEO = "video"

    @property
    def label(self) -> str:
        return _LABELS[self]


class TravelMode(StrEnum):
    RAIL = "rail"
    AIR = "air"
    BUS = "bus"
    CAR = "car"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[StrEnum, str] = {
    EventKind.CONFERENCE: "Conference",
    EventKind.WORKSHOP: "Peer-to-peer workshop",
    EventKind.SITE_VISIT: "Site visit",
    EventKind.VIDEOCONFERENCE: "Videoconference",
    EventMode.FACE_TO_FACE: "Face-to-face",
    EventMode.VIRTUAL: "Virtual",
    EventMode.HYBRID: "Hybrid",
    EventStatus.TENTATIVE: "Tentative",
    EventStatus.CONFIRMED: "Confirmed",
    EventStatus.CANCELLED: "Cancelled",
    ParticipantRole.OFFICIAL: "Official",
    ParticipantRole.SPEAKER: "Speaker",
    ParticipantRole.BANK_STAFF: "Bank staff",
    ParticipantRole.CITY_STAFF: "City staff",
    ParticipantRole.INTERPRETER: "Interpreter",
    ProductKind.KNOWLEDGE_NOTE: "Knowledge note",
    ProductKind.CASE_STUDY: "Case study",
    ProductKind.TOOLKIT: "Toolkit",
    ProductKind.GOOD_PRACTICE_GUIDE: "Good practice guide",
    ProductKind.VIDEO: "Video",
    TravelMode.RAIL: "Rail",
    TravelMode.AIR: "Air",
    TravelMode.BUS: "Bus",
    TravelMode.CAR: "Car",
}
