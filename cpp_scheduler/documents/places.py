"""The places and people the documents name, read in column queries by id."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from cpp_scheduler.documents.markup import split_address
from cpp_scheduler.i18n import _, shown_name
from cpp_scheduler.model import Event, EventMode, EventStatus, PartnerCity, Venue
from cpp_scheduler.services.rows import both_names, locality_name
from cpp_scheduler.store.seed import reference_data


@dataclass(frozen=True, slots=True)
class Place:
    """A venue as a visitor needs it: names and address in English and in Japanese."""

    id: str
    name: str
    name_ja: str
    address: str
    address_ja: str
    city: str
    """The venue's city (its partner city's name, else its locality)."""
    city_ja: str
    videoconference: bool
    booths: int
    city_contact: str
    """The partner city's contact person, ``Name <email>``, or empty."""

    @property
    def shown_name(self) -> str:
        """The name a document gives the venue: its Japanese one in Japanese."""
        return shown_name(self.name, self.name_ja)

    @property
    def shown_city(self) -> str:
        """The venue's city as a document names it in one name: in Japanese where it has
        the name (a partner city's, or Tokyo's, :func:`locality_name`)."""
        return shown_name(self.city, self.city_ja) if self.city_ja else locality_name(self.city)

    @property
    def both_city_names(self) -> str:
        """The venue's city in both names where it is a partner city
        (:func:`both_names`), else its locality as :func:`locality_name` names it."""
        return both_names(self.city, self.city_ja) if self.city_ja else locality_name(self.city)


@dataclass(frozen=True, slots=True)
class Office:
    """TDLC, as the cover of an itinerary names it (``resources/data/tdlc.json``)."""

    name: str
    name_ja: str
    address: str
    address_ja: str
    email: str


def read_event_details(
    session: Session, event_ids: Collection[str]
) -> dict[str, Row[str, str, str, str | None, str, str, EventStatus]]:
    """What a printed line tells of each event beyond its times and place: its video
    link, description, organiser, host city (both names) and status (a tentative
    meeting says so), by event id."""
    return {
        row.id: row
        for row in session.execute(
            select(
                Event.id,
                Event.video_link,
                Event.description,
                Event.organiser_id,
                PartnerCity.name.label("city"),
                PartnerCity.name_ja.label("city_ja"),
                Event.status,
            )
            .outerjoin(PartnerCity, Event.city_id == PartnerCity.id)
            .where(Event.id.in_(sorted(event_ids)))
        )
    }


def read_places(session: Session, venue_ids: Collection[str]) -> dict[str, Place]:
    """The venues with these ids, with their partner city's names and contact."""
    if not venue_ids:
        return {}
    rows = session.execute(
        select(
            Venue.id,
            Venue.name,
            Venue.name_ja,
            Venue.address,
            Venue.locality,
            Venue.videoconference,
            Venue.interpretation_booths,
            PartnerCity.name.label("city"),
            PartnerCity.name_ja.label("city_ja"),
            PartnerCity.contact_name,
            PartnerCity.contact_email,
        )
        .outerjoin(PartnerCity, Venue.city_id == PartnerCity.id)
        .where(Venue.id.in_(sorted(venue_ids)))
    ).all()
    places = {}
    for row in rows:
        english, japanese = split_address(row.address or "")
        contact = row.contact_name or ""
        if row.contact_email:
            contact = f"{contact} <{row.contact_email}>".strip()
        places[row.id] = Place(
            id=row.id,
            name=row.name,
            name_ja=row.name_ja or "",
            address=english,
            address_ja=japanese,
            city=row.city or row.locality,
            city_ja=row.city_ja or "",
            videoconference=bool(row.videoconference),
            booths=int(row.interpretation_booths or 0),
            city_contact=contact,
        )
    return places


def without_venue(mode: EventMode, city: str) -> str:
    """Where a meeting without a venue is, as the list of events names it: a virtual one
    is online (with its partner city, where it has one); a hybrid or face-to-face one
    is held in its city, or nowhere known yet ("-"), never online."""
    if mode is EventMode.VIRTUAL:
        return _("Online, with {city}").format(city=city) if city else _("Online")
    return city or "-"


def tdlc_office() -> Office:
    data = reference_data("tdlc")
    return Office(data["name"], data["name_ja"], data["address"], data["address_ja"], data["email"])
