"""The closed vocabularies of the program, stored by their value.

Each value has a ``label`` in the language the program speaks, and its ``english``
label, which calendar files carry so that they read the same in every language.
"""

from __future__ import annotations

from enum import StrEnum

from cpp_scheduler.i18n import N_, _


class EventKind(StrEnum):
    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    """A peer-to-peer learning workshop."""
    SITE_VISIT = "site_visit"
    VIDEOCONFERENCE = "videoconference"

    @property
    def label(self) -> str:
        return _(_LABELS[self])

    @property
    def english(self) -> str:
        """The label in English, whatever the language: what files carry."""
        return _LABELS[self]


class EventMode(StrEnum):
    FACE_TO_FACE = "face_to_face"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        return _(_LABELS[self])

    @property
    def english(self) -> str:
        """The label in English, whatever the language: what files carry."""
        return _LABELS[self]


class EventStatus(StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _(_LABELS[self])

    @property
    def english(self) -> str:
        """The label in English, whatever the language: what files carry."""
        return _LABELS[self]


class ParticipantRole(StrEnum):
    OFFICIAL = "official"
    SPEAKER = "speaker"
    BANK_STAFF = "bank_staff"
    CITY_STAFF = "city_staff"
    INTERPRETER = "interpreter"

    @property
    def label(self) -> str:
        return _(_LABELS[self])

    @property
    def english(self) -> str:
        """The label in English, whatever the language: what files carry."""
        return _LABELS[self]


class ProductKind(StrEnum):
    KNOWLEDGE_NOTE = "knowledge_note"
    CASE_STUDY = "case_study"
    TOOLKIT = "toolkit"
    GOOD_PRACTICE_GUIDE = "good_practice_guide"
    VIDEO = "video"

    @property
    def label(self) -> str:
        return _(_LABELS[self])

    @property
    def english(self) -> str:
        """The label in English, whatever the language: what files carry."""
        return _LABELS[self]


class TravelMode(StrEnum):
    RAIL = "rail"
    AIR = "air"
    BUS = "bus"
    CAR = "car"

    @property
    def label(self) -> str:
        return _(_LABELS[self])

    @property
    def english(self) -> str:
        """The label in English, whatever the language: what files carry."""
        return _LABELS[self]


_MODE_WORDS: dict[str, str] = {
    TravelMode.RAIL: N_("rail"),
    TravelMode.AIR: N_("air"),
    TravelMode.BUS: N_("bus"),
    TravelMode.CAR: N_("car"),
}
"""A way of travelling as a sentence names it ("by rail"), lower case where the label
("Rail") heads a column."""


def mode_word(mode: str) -> str:
    """``rail``, ``鉄道``: a travel mode as a sentence says it ("Kobe–Kitakyushu by
    rail"); a mode the program does not know, as it is written."""
    word = _MODE_WORDS.get(mode)
    return _(word) if word is not None else mode


_LABELS: dict[StrEnum, str] = {
    EventKind.CONFERENCE: N_("Conference"),
    EventKind.WORKSHOP: N_("Peer-to-peer workshop"),
    EventKind.SITE_VISIT: N_("Site visit"),
    EventKind.VIDEOCONFERENCE: N_("Videoconference"),
    EventMode.FACE_TO_FACE: N_("Face-to-face"),
    EventMode.VIRTUAL: N_("Virtual"),
    EventMode.HYBRID: N_("Hybrid"),
    EventStatus.TENTATIVE: N_("Tentative"),
    EventStatus.CONFIRMED: N_("Confirmed"),
    EventStatus.CANCELLED: N_("Cancelled"),
    ParticipantRole.OFFICIAL: N_("Official"),
    ParticipantRole.SPEAKER: N_("Speaker"),
    ParticipantRole.BANK_STAFF: N_("Bank staff"),
    ParticipantRole.CITY_STAFF: N_("City staff"),
    ParticipantRole.INTERPRETER: N_("Interpreter"),
    ProductKind.KNOWLEDGE_NOTE: N_("Knowledge note"),
    ProductKind.CASE_STUDY: N_("Case study"),
    ProductKind.TOOLKIT: N_("Toolkit"),
    ProductKind.GOOD_PRACTICE_GUIDE: N_("Good practice guide"),
    ProductKind.VIDEO: N_("Video"),
    TravelMode.RAIL: N_("Rail"),
    TravelMode.AIR: N_("Air"),
    TravelMode.BUS: N_("Bus"),
    TravelMode.CAR: N_("Car"),
}
