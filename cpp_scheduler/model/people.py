"""Who takes part: delegations from client countries, and individual participants."""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum

from sqlalchemy import JSON, Date, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.base import Base, HeldOnce, Record, enum_type
from cpp_scheduler.model.enums import ParticipantRole

DEFAULT_WORK_START = time(9, 0)
DEFAULT_WORK_END = time(18, 0)
DEFAULT_ACCEPTABLE_START = time(7, 0)
DEFAULT_ACCEPTABLE_END = time(22, 0)


#: Languages as coordinators write them in a delegation's list, beside ISO codes.
_LANGUAGE_NAMES = {"english": i18n.ENGLISH, "japanese": i18n.JAPANESE, "日本語": i18n.JAPANESE}


class Delegation(Record, HeldOnce, Base):
    """Officials of one client country who come to Japan or join online together.

    The home zone is explicit even for one-zone countries once saved: a country with
    several zones (Brazil, Mexico, Indonesia) cannot be guessed, and the scheduling engine
    reads working hours in that zone.
    """

    __tablename__ = "delegations"
    record_kind = N_("delegation")

    name: Mapped[str] = mapped_column(String(200), unique=True)
    country: Mapped[str] = mapped_column(String(2))
    """ISO 3166-1 alpha-2, upper case."""
    zone: Mapped[str] = mapped_column(String(64))
    home_city: Mapped[str] = mapped_column(String(120), default="")
    work_start: Mapped[time] = mapped_column(Time, default=DEFAULT_WORK_START)
    work_end: Mapped[time] = mapped_column(Time, default=DEFAULT_WORK_END)
    acceptable_start: Mapped[time] = mapped_column(Time, default=DEFAULT_ACCEPTABLE_START)
    acceptable_end: Mapped[time] = mapped_column(Time, default=DEFAULT_ACCEPTABLE_END)
    arrival: Mapped[date | None] = mapped_column(Date)
    """First day in Japan; empty for a delegation that only joins online."""
    departure: Mapped[date | None] = mapped_column(Date)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    interpretation: Mapped[str] = mapped_column(String(200), default="")
    """Interpretation needed, in words (Spanish-Japanese consecutive)."""
    notes: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[Participant]] = relationship(
        back_populates="delegation", order_by="Participant.name"
    )

    unique_values = (
        rules.Unique(
            "name",
            ("name",),
            lambda values: rules.folded(values.get("name")) or None,
            lambda _values, other: _(
                "A delegation called {name} already exists; give this one another name."
            ).format(name=quoted(other["name"])),
        ),
    )

    # Judged as given: a delegation an older database holds with a longer list stays
    # savable while its languages are left as they are.
    as_given = (
        rules.AsGiven(
            "languages", lambda languages: rules.languages_problem("languages", languages)
        ),
    )

    @property
    def written_language(self) -> str:
        """The first of the delegation's languages the program writes (``ja`` for a
        delegation that lists Japanese), else English."""
        for spoken in self.languages or []:
            found = i18n.supported(spoken) or _LANGUAGE_NAMES.get(spoken.strip().casefold())
            if found is not None:
                return found
        return i18n.ENGLISH

    @property
    def country_name(self) -> str:
        return timezones.country_name(self.country or "") or self.country

    def problems(self) -> list[rules.Problem]:
        return rules.collect(
            rules.required_text_problem("name", self.name, _("delegation's name")),
            rules.country_problem("country", self.country),
            rules.home_zone_problem("zone", self.country, self.zone),
            rules.hours_problem("work_end", self.work_start, self.work_end, _("working hours")),
            rules.hours_problem(
                "acceptable_end", self.acceptable_start, self.acceptable_end, _("acceptable hours")
            ),
            rules.Problem("acceptable_start", _("Acceptable hours must include the working hours."))
            if None
            not in (self.work_start, self.work_end, self.acceptable_start, self.acceptable_end)
            and not (
                self.acceptable_start <= self.work_start and self.work_end <= self.acceptable_end
            )
            else None,
            rules.Problem(
                "departure",
                _("Departure ({departure}) is before arrival ({arrival}).").format(
                    departure=i18n.day_month_year_text(self.departure),
                    arrival=i18n.day_month_year_text(self.arrival),
                ),
            )
            if self.arrival and self.departure and self.departure < self.arrival
            else None,
            rules.day_problem("arrival", self.arrival, _("arrival")),
            rules.day_problem("departure", self.departure, _("departure")),
        ) + rules.text_problems(
            self,
            Delegation,
            name=N_("delegation's name"),
            home_city=N_("home city"),
            interpretation=N_("interpretation"),
            notes=N_("notes"),
        )


class Participant(Record, HeldOnce, Base):
    """A person: a delegation member, a speaker, Bank or city staff, an interpreter.

    ``zone`` is for people who join from somewhere other than their delegation's home
    (a Bank economist in Washington); left empty, the delegation's zone applies.
    """

    __tablename__ = "participants"
    record_kind = N_("participant")

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[ParticipantRole] = mapped_column(
        enum_type(ParticipantRole), default=ParticipantRole.OFFICIAL
    )
    delegation_id: Mapped[str | None] = mapped_column(
        ForeignKey("delegations.id", ondelete="SET NULL")
    )
    zone: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(8))
    """The language of what the program writes for this person (``en``, ``ja``); left
    empty, the delegation's (:attr:`Delegation.written_language`)."""

    delegation: Mapped[Delegation | None] = relationship(back_populates="members")

    unique_values = (
        rules.Unique(
            "email",
            ("email",),
            lambda values: rules.folded(values.get("email")) or None,
            lambda _values, other: _(
                "{email} is already the address of another participant, {name}."
            ).format(email=quoted(other["email"]), name=quoted(other["name"])),
            named_by=("name",),
        ),
    )

    @property
    def effective_language(self) -> str:
        """The language this person's calendar files and invitations are written in."""
        if self.language in i18n.LANGUAGES:
            return self.language
        if self.delegation is not None:
            return self.delegation.written_language
        return i18n.ENGLISH

    @property
    def effective_zone(self) -> str:
        """Where this person's clock is (:func:`participant_clock`)."""
        delegation_zone = self.delegation.zone if self.delegation is not None else None
        return participant_clock(self.zone, delegation_zone)[0]

    def problems(self) -> list[rules.Problem]:
        return rules.collect(
            rules.required_text_problem("name", self.name, _("participant's name")),
            rules.email_problem("email", self.email, required=True),
            rules.zone_problem("zone", self.zone, required=False),
            rules.Problem(
                "language",
                _("Write {code} as en (English) or ja (Japanese), or leave it empty.").format(
                    code=self.language
                ),
            )
            if self.language and self.language not in i18n.LANGUAGES
            else None,
        ) + rules.text_problems(
            self,
            Participant,
            name=N_("participant's name"),
            email=N_("email"),
            organisation=N_("organisation"),
        )


class ClockOf(StrEnum):
    """Whose clock a participant's times are read on."""

    OWN = "own"
    DELEGATION = "delegation"
    TOKYO = "tokyo"


def participant_clock(zone: str | None, delegation_zone: str | None) -> tuple[str, ClockOf]:
    """Where a participant's clock is, and whose it is: their own zone, else their
    delegation's, else Tokyo's. The participant dialog says which before the save, as
    every reader of :attr:`Participant.effective_zone` takes it after."""
    if zone:
        return zone, ClockOf.OWN
    if delegation_zone:
        return delegation_zone, ClockOf.DELEGATION
    return timezones.TOKYO, ClockOf.TOKYO
