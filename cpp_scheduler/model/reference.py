"""The program's reference data: partner cities, thematic areas, venues, travel times.

Loaded from ``resources/data`` into a new database and editable afterwards: cities join
the program in later rounds, so none of them is known to the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpp_scheduler import limits
from cpp_scheduler.errors import printable, quoted
from cpp_scheduler.i18n import N_, _, shown_name
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.base import Base, HeldOnce, Record, enum_type
from cpp_scheduler.model.enums import TravelMode, mode_word
from cpp_scheduler.timezones import TOKYO

# Link tables are their key alone: on SQLite, tables WITHOUT ROWID (revision 0010).
city_themes = Table(
    "city_themes",
    Base.metadata,
    Column("city_id", ForeignKey("partner_cities.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("thematic_areas.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)


class ThematicArea(Record, HeldOnce, Base):
    """One of the six CPP areas, or a sub-theme under one (compact city under urban planning)."""

    __tablename__ = "thematic_areas"
    record_kind = N_("thematic area")
    named_in_japanese_by = "name_ja"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_ja: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("thematic_areas.id", ondelete="CASCADE")
    )

    parent: Mapped[ThematicArea | None] = relationship(
        back_populates="subthemes", remote_side="ThematicArea.id"
    )
    subthemes: Mapped[list[ThematicArea]] = relationship(
        back_populates="parent",
        order_by="ThematicArea.name",
        # A deleted area takes its sub-themes with it, as the database's ON DELETE
        # CASCADE does, rather than leaving them as areas of their own.
        cascade="save-update, merge, delete",
    )

    unique_values = (
        rules.Unique(
            "code",
            ("code",),
            lambda values: rules.folded(values.get("code")) or None,
            lambda _values, other: _(
                "The code {code} is already used by another theme, {theme}."
            ).format(code=quoted(other["code"]), theme=quoted(other["name"])),
            named_by=("name",),
        ),
    )
    as_given = (rules.AsGiven("code", lambda code: _code_problem(code)),)

    @property
    def area(self) -> ThematicArea:
        """The top-level CPP area this theme belongs to (itself if it is one)."""
        return self.parent.area if self.parent is not None else self

    def problems(self) -> list[rules.Problem]:
        return rules.collect(
            rules.required_text_problem("name", self.name, _("name of the theme")),
            rules.required_text_problem("code", self.code, _("short code of the theme")),
            self._parent_problem(),
        ) + rules.text_problems(
            self,
            ThematicArea,
            code=N_("short code of the theme"),
            name=N_("name of the theme"),
            name_ja=N_("Japanese name"),
            description=N_("description"),
        )

    def _parent_problem(self) -> rules.Problem | None:
        """Filed under itself, or under a theme filed (at any depth) under it: a loop
        no list can show as a tree, refused here so every save says so alike."""
        parent = self.parent
        if parent is None:
            return None
        if parent is self:
            return rules.Problem("parent", _("A theme cannot be filed under itself."))
        chain = rules.parent_loop(self)
        if chain is None:
            return None
        return rules.Problem(
            "parent",
            _("Filing it under {parent} makes a loop: {loop}.").format(
                parent=quoted(_theme_name(chain[0])),
                loop=rules.loop_text(self, chain, _theme_name),
            ),
        )


def _code_problem(code: object) -> rules.Problem | None:
    """A theme's code is one word: what the lists, filters and files call it by."""
    if isinstance(code, str) and any(character.isspace() for character in code):
        return rules.Problem("code", _("A code has no spaces (compact-city, not 'compact city')."))
    return None


def _theme_name(theme: ThematicArea) -> str:
    """A theme as a loop of parents names it: as the lists show it."""
    return shown_name(theme.name or "", theme.name_ja)


class PartnerCity(Record, HeldOnce, Base):
    """A Japanese city that signed (or is negotiating) an MoU with the program."""

    __tablename__ = "partner_cities"
    record_kind = N_("partner city")
    named_in_japanese_by = "name_ja"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    name_ja: Mapped[str] = mapped_column(String(120), default="")
    prefecture: Mapped[str] = mapped_column(String(120), default="")
    prefecture_ja: Mapped[str] = mapped_column(String(120), default="")
    mou_date: Mapped[date | None] = mapped_column(Date)
    selection_round: Mapped[int] = mapped_column(Integer, default=1)
    signature: Mapped[str] = mapped_column(Text, default="")
    """The city's signature experience in a sentence (Toyama: compact city development)."""
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    zone: Mapped[str] = mapped_column(String(64), default=TOKYO)

    themes: Mapped[list[ThematicArea]] = relationship(
        secondary=city_themes, order_by="ThematicArea.name"
    )
    venues: Mapped[list[Venue]] = relationship(back_populates="city")

    unique_values = (
        rules.Unique(
            "name",
            ("name",),
            lambda values: rules.folded(values.get("name")) or None,
            lambda _values, other: _("{name} is already a partner city.").format(
                name=printable(other["name"])
            ),
        ),
    )

    def problems(self) -> list[rules.Problem]:
        return rules.collect(
            rules.required_text_problem("name", self.name, _("city's name")),
            rules.Problem("selection_round", _("The selection round is 1 or later."))
            if self.selection_round is not None and self.selection_round < 1
            else None,
            rules.most_problem(
                "selection_round",
                self.selection_round,
                _("selection round"),
                limits.MAX_STORED_INTEGER,
            ),
            rules.day_problem("mou_date", self.mou_date, _("MoU date")),
            rules.email_problem("contact_email", self.contact_email),
            rules.zone_problem("zone", self.zone),
            _coordinates_problem(self.latitude, self.longitude),
        ) + rules.text_problems(
            self,
            PartnerCity,
            name=N_("city's name"),
            name_ja=N_("Japanese name"),
            prefecture=N_("prefecture"),
            prefecture_ja=N_("prefecture in Japanese"),
            signature=N_("signature experience"),
            contact_name=N_("contact's name"),
            contact_email=N_("contact's email"),
        )


class Venue(Record, Base):
    """A place where events happen: TDLC's rooms, a city hall, a plant for a site visit."""

    __tablename__ = "venues"
    __table_args__ = (CheckConstraint("capacity > 0", name="capacity_positive"),)
    record_kind = N_("venue")
    named_in_japanese_by = "name_ja"

    name: Mapped[str] = mapped_column(String(200))
    name_ja: Mapped[str] = mapped_column(String(200), default="")
    locality: Mapped[str] = mapped_column(String(120))
    """The city the venue stands in, as the travel-time table names it (Tokyo, Kobe)."""
    city_id: Mapped[str | None] = mapped_column(
        ForeignKey("partner_cities.id", ondelete="SET NULL")
    )
    address: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    capacity: Mapped[int] = mapped_column(Integer, default=20)
    opens_at: Mapped[time] = mapped_column(Time, default=time(9, 0))
    closes_at: Mapped[time] = mapped_column(Time, default=time(18, 0))
    zone: Mapped[str] = mapped_column(String(64), default=TOKYO)
    videoconference: Mapped[bool] = mapped_column(Boolean, default=False)
    """Has a videoconference studio or equipment that can link remote delegations."""
    interpretation_booths: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")

    city: Mapped[PartnerCity | None] = relationship(back_populates="venues")

    def problems(self) -> list[rules.Problem]:
        return rules.collect(
            rules.required_text_problem("name", self.name, _("venue's name")),
            rules.required_text_problem("locality", self.locality, _("city the venue is in")),
            rules.Problem(
                "capacity",
                _("Capacity must be at least 1 person (got {capacity}).").format(
                    capacity=self.capacity
                ),
            )
            if self.capacity is not None and self.capacity < 1
            else None,
            rules.most_problem(
                "capacity", self.capacity, _("venue's capacity"), limits.MAX_VENUE_CAPACITY
            ),
            rules.hours_problem("closes_at", self.opens_at, self.closes_at, _("opening hours")),
            rules.Problem("interpretation_booths", _("The number of booths cannot be negative."))
            if self.interpretation_booths is not None and self.interpretation_booths < 0
            else None,
            rules.most_problem(
                "interpretation_booths",
                self.interpretation_booths,
                _("number of interpretation booths"),
                limits.MAX_STORED_INTEGER,
            ),
            rules.zone_problem("zone", self.zone),
            _coordinates_problem(self.latitude, self.longitude),
        ) + rules.text_problems(
            self,
            Venue,
            name=N_("venue's name"),
            name_ja=N_("Japanese name"),
            locality=N_("city the venue is in"),
            address=N_("address"),
            notes=N_("notes"),
        )


class TravelTime(Record, HeldOnce, Base):
    """How long a journey between two localities takes by one mode, door to door.

    Looked up in either direction. The feasibility check adds a buffer on top.
    """

    __tablename__ = "travel_times"
    __table_args__ = (
        UniqueConstraint("origin", "destination", "mode", name="route"),
        CheckConstraint("minutes > 0", name="minutes_positive"),
    )
    record_kind = N_("travel time")

    origin: Mapped[str] = mapped_column(String(120))
    destination: Mapped[str] = mapped_column(String(120))
    mode: Mapped[TravelMode] = mapped_column(enum_type(TravelMode))
    minutes: Mapped[int] = mapped_column(Integer)

    unique_values = (
        rules.Unique(
            "destination",
            ("origin", "destination", "mode"),
            lambda values: route_key(
                values.get("origin"), values.get("destination"), values.get("mode")
            ),
            lambda _values, other: _("{route} is already listed: edit that one.").format(
                route=_route_of(other)
            ),
            shown=lambda values: _route_of(values),
        ),
    )

    @property
    def name(self) -> str:
        """Its route (:func:`route_name`): what the coordinator knows it by, as its list,
        the question before deleting it and the messages about it name it."""
        return route_name(self.origin or "", self.destination or "", str(self.mode or ""))

    def problems(self) -> list[rules.Problem]:
        return rules.collect(
            rules.required_text_problem("origin", self.origin, _("place of departure")),
            rules.required_text_problem("destination", self.destination, _("destination")),
            # One place as the travel-time table looks places up ("Kobe", " kobe").
            rules.Problem("destination", _("Origin and destination must differ."))
            if (self.origin or "").strip()
            and self.origin.strip().casefold() == (self.destination or "").strip().casefold()
            else None,
            rules.Problem("minutes", _("A journey takes at least one minute."))
            if self.minutes is not None and self.minutes < 1
            else None,
            rules.most_problem(
                "minutes",
                self.minutes,
                _("length of the journey in minutes"),
                limits.LONGEST_JOURNEY_MINUTES,
            ),
        ) + rules.text_problems(
            self, TravelTime, origin=N_("place of departure"), destination=N_("destination")
        )


RouteKey = tuple[frozenset[str], str]
"""A route whichever way round it is written: its two places, folded, and its mode."""


def route_key(origin: object, destination: object, mode: object) -> RouteKey | None:
    """``origin``-``destination`` by ``mode`` as the travel-time table looks it up
    (:class:`cpp_scheduler.scheduling.travel.TravelTable`): in either direction, the
    places compared without case or spaces around them, so Kobe-Kitakyushu and
    kitakyushu-Kobe by rail are one route. None until both places and the mode are given."""
    ends = (rules.folded(origin), rules.folded(destination))
    if not all(ends) or not mode:
        return None
    return frozenset(ends), str(mode)


def _route_of(values: Mapping[str, Any]) -> str:
    return route_name(
        str(values.get("origin") or ""),
        str(values.get("destination") or ""),
        str(values.get("mode") or ""),
    )


def route_name(origin: str, destination: str, mode: str) -> str:
    """ "Kobe–Kitakyushu by rail": a travel time as its list, its editor, the question
    before deleting it, the undo steps and the rule that lists a route once name it."""
    return _("{origin}–{destination} by {mode}").format(
        origin=origin, destination=destination, mode=mode_word(mode)
    )


def _coordinates_problem(latitude: float | None, longitude: float | None) -> rules.Problem | None:
    if latitude is not None and not -90 <= latitude <= 90:
        return rules.Problem(
            "latitude", _("Latitude {value} is outside -90..90.").format(value=latitude)
        )
    if longitude is not None and not -180 <= longitude <= 180:
        return rules.Problem(
            "longitude", _("Longitude {value} is outside -180..180.").format(value=longitude)
        )
    return None
