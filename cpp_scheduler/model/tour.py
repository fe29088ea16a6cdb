"""Study tours: a delegation's multi-day, multi-city program in Japan."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.base import Base, Record, UTCDateTime, enum_type
from cpp_scheduler.model.enums import TravelMode
from cpp_scheduler.model.people import Delegation

if TYPE_CHECKING:
    from cpp_scheduler.model.event import Event


def stay_in_japan(
    arrival: date | None, departure: date | None, tours: Iterable[tuple[date, date]]
) -> tuple[date | None, date | None]:
    """A delegation's first and last day in Japan: its arrival and departure, widened to
    the days of its study tours (a tour planned before its flights are known is in Japan
    all the same). The one stay the engine reads a delegation's clock by (Tokyo's during
    it) and the itinerary's cover gives."""
    firsts = [day for day in (arrival, *(tour[0] for tour in tours)) if day is not None]
    lasts = [day for day in (departure, *(tour[1] for tour in tours)) if day is not None]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


class StudyTour(Record, Base):
    """Days, travel legs and hotel nights between a first and a last date (both included)."""

    __tablename__ = "study_tours"
    record_kind = N_("study tour")
    named_by = "title"

    title: Mapped[str] = mapped_column(String(300))
    delegation_id: Mapped[str] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    delegation: Mapped[Delegation] = relationship()
    days: Mapped[list[TourDay]] = relationship(
        back_populates="tour", cascade="all, delete-orphan", order_by="TourDay.day"
    )
    legs: Mapped[list[TravelLeg]] = relationship(
        back_populates="tour", cascade="all, delete-orphan", order_by="TravelLeg.departure_utc"
    )
    nights: Mapped[list[HotelNight]] = relationship(
        back_populates="tour", cascade="all, delete-orphan", order_by="HotelNight.night_of"
    )

    def dates(self) -> list[date]:
        """Every calendar day of the tour, first to last."""
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=offset) for offset in range(max(count, 0))]

    def route(self) -> list[str]:
        """The localities in the order the legs visit them (Tokyo, Yokohama, Kobe ...)."""
        stops: list[str] = []
        for leg in self.legs:
            if not stops or stops[-1] != leg.origin:
                stops.append(leg.origin)
            stops.append(leg.destination)
        return stops

    def problems(self) -> list[rules.Problem]:
        found = rules.collect(rules.required_text_problem("title", self.title, _("tour's title")))
        found += rules.text_problems(self, StudyTour, title=N_("tour's title"), notes=N_("notes"))
        if self.delegation is None and not self.delegation_id:
            found.append(rules.Problem("delegation", _("Choose the delegation the tour is for.")))
        if self.start_date is None or self.end_date is None:
            found.append(rules.Problem("start_date", _("Give the tour's first and last day.")))
            return found
        if self.end_date < self.start_date:
            found.append(rules.Problem("end_date", _("The tour's last day is before its first.")))
            return found
        found += rules.collect(
            rules.day_problem("start_date", self.start_date, _("tour's first day")),
            rules.day_problem("end_date", self.end_date, _("tour's last day")),
        )
        for tour_day in self.days:
            if not self.start_date <= tour_day.day <= self.end_date:
                found.append(
                    rules.Problem(
                        "days",
                        _("Day {day} is outside the tour ({first} to {last}).").format(
                            day=i18n.day_text(tour_day.day),
                            first=i18n.day_month_text(self.start_date),
                            last=i18n.day_month_year_text(self.end_date),
                        ),
                    )
                )
        for night in self.nights:
            if not self.start_date <= night.night_of < self.end_date:
                found.append(
                    rules.Problem(
                        "nights",
                        _(
                            "The hotel night of {night} is outside the tour's nights "
                            "({first} to the night before {last})."
                        ).format(
                            night=i18n.day_text(night.night_of),
                            first=i18n.day_month_text(self.start_date),
                            last=i18n.day_month_text(self.end_date),
                        ),
                    )
                )
        return found


class TourDay(Record, Base):
    """One day of a tour, with a heading and the events held on it."""

    __tablename__ = "tour_days"
    __table_args__ = (UniqueConstraint("tour_id", "day", name="one_per_date"),)
    record_kind = N_("tour day")

    tour_id: Mapped[str] = mapped_column(ForeignKey("study_tours.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    tour: Mapped[StudyTour] = relationship(back_populates="days")
    events: Mapped[list[Event]] = relationship(
        back_populates="tour_day", order_by="Event.start_utc"
    )

    def label(self) -> str:
        if not self.day:
            return _(self.record_kind)
        return f"{_(self.record_kind)} {i18n.day_text(self.day)}"

    def problems(self) -> list[rules.Problem]:
        found = rules.text_problems(self, TourDay, title=N_("title"), notes=N_("notes"))
        return found if self.day else [rules.Problem("day", _("Give the day's date.")), *found]


class TravelLeg(Record, Base):
    """A journey between two localities, with departure and arrival as instants."""

    __tablename__ = "travel_legs"
    record_kind = N_("travel leg")

    tour_id: Mapped[str] = mapped_column(ForeignKey("study_tours.id", ondelete="CASCADE"))
    origin: Mapped[str] = mapped_column(String(120))
    destination: Mapped[str] = mapped_column(String(120))
    mode: Mapped[TravelMode] = mapped_column(enum_type(TravelMode), default=TravelMode.RAIL)
    departure_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    arrival_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    zone: Mapped[str] = mapped_column(String(64), default=timezones.TOKYO)
    notes: Mapped[str] = mapped_column(Text, default="")
    """Train or flight number, meeting point."""

    tour: Mapped[StudyTour] = relationship(back_populates="legs")

    def label(self) -> str:
        route = f"{printable(self.origin or '')}-{printable(self.destination or '')}"
        return f"{_(self.record_kind)} {route}"

    @property
    def duration_minutes(self) -> int:
        return int((self.arrival_utc - self.departure_utc).total_seconds() // 60)

    def problems(self) -> list[rules.Problem]:
        found = rules.collect(
            rules.required_text_problem("origin", self.origin, _("place of departure")),
            rules.required_text_problem("destination", self.destination, _("destination")),
            rules.zone_problem("zone", self.zone),
            rules.instant_problem("departure_utc", self.departure_utc, _("departure")),
            rules.instant_problem("arrival_utc", self.arrival_utc, _("arrival")),
        )
        found += rules.text_problems(
            self,
            TravelLeg,
            origin=N_("place of departure"),
            destination=N_("destination"),
            notes=N_("notes"),
        )
        if self.origin and _same_place(self.origin, self.destination):
            found.append(rules.Problem("destination", _("Origin and destination must differ.")))
        if self.departure_utc is None or self.arrival_utc is None:
            found.append(rules.Problem("departure_utc", _("Give departure and arrival times.")))
        elif self.arrival_utc <= self.departure_utc:
            found.append(rules.Problem("arrival_utc", _("Arrival must come after departure.")))
        return found


def _same_place(one: str, other: str | None) -> bool:
    """Two names of one locality, however capitalised or spaced, as the travel-time
    table and the conflict check compare them."""
    return other is not None and one.strip().casefold() == other.strip().casefold()


class HotelNight(Record, Base):
    """Where the delegation sleeps on the night that begins on ``night_of``."""

    __tablename__ = "hotel_nights"
    __table_args__ = (UniqueConstraint("tour_id", "night_of", name="one_per_night"),)
    record_kind = N_("hotel night")

    tour_id: Mapped[str] = mapped_column(ForeignKey("study_tours.id", ondelete="CASCADE"))
    night_of: Mapped[date] = mapped_column(Date)
    hotel: Mapped[str] = mapped_column(String(200))
    locality: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(Text, default="")

    tour: Mapped[StudyTour] = relationship(back_populates="nights")

    def label(self) -> str:
        if not self.night_of:
            return _(self.record_kind)
        return _("hotel night of {day}").format(day=i18n.day_month_year_text(self.night_of))

    def problems(self) -> list[rules.Problem]:
        return rules.collect(
            rules.required_text_problem("hotel", self.hotel, _("hotel's name")),
            rules.required_text_problem("locality", self.locality, _("hotel's city")),
            None if self.night_of else rules.Problem("night_of", _("Give the night's date.")),
            rules.day_problem("night_of", self.night_of, _("hotel night")),
        ) + rules.text_problems(
            self,
            HotelNight,
            hotel=N_("hotel's name"),
            locality=N_("hotel's city"),
            address=N_("address"),
        )
