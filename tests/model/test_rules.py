"""Every domain rule, with the words a coordinator reads beside the field.

``problems()`` is what a dialog shows before saving; the session refuses to flush a record
that still has any (see tests/model/test_refused_saves.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
import pytz
from hypothesis import given
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    HotelNight,
    KnowledgeProduct,
    OccurrenceOverride,
    Participant,
    PartnerCity,
    Problem,
    StudyTour,
    ThematicArea,
    TourDay,
    TravelLeg,
    TravelTime,
    Venue,
)

NOON = datetime(2026, 6, 3, 3, 0, tzinfo=UTC)  # 12:00 in Tokyo


def messages(record: object) -> dict[str, str]:
    found: list[Problem] = record.problems()  # type: ignore[attr-defined]
    return {problem.field: problem.message for problem in found}


def event(**values: object) -> Event:
    fields: dict[str, object] = {
        "title": "Kobe disaster-risk workshop",
        "start_utc": NOON,
        "end_utc": NOON + timedelta(hours=2),
        "zone": timezones.TOKYO,
    }
    fields.update(values)
    return Event(**fields)


def delegation(**values: object) -> Delegation:
    fields: dict[str, object] = {
        "name": "Lima housing ministry",
        "country": "PE",
        "zone": "America/Lima",
    }
    fields.update(values)
    return Delegation(**fields)


# -- events -----------------------------------------------------------------------------


def test_a_valid_event_has_no_problem() -> None:
    assert messages(event()) == {}


@pytest.mark.parametrize("minutes", [0, -30])
def test_an_event_ends_after_it_starts(minutes: int) -> None:
    assert messages(event(end_utc=NOON + timedelta(minutes=minutes))) == {
        "end_utc": "The event must end after it starts."
    }


def test_an_event_needs_a_title_and_its_times() -> None:
    assert messages(event(title="  ", start_utc=None)) == {
        "title": "The title is required.",
        "start_utc": "Give the start and the end.",
    }


@pytest.mark.parametrize("zone", ["Asia/Osaka", "JST", "asia/tokyo", " Asia/Tokyo", "+09:00"])
def test_an_event_is_planned_in_a_real_zone(zone: str) -> None:
    assert messages(event(zone=zone)) == {
        "zone": f"'{zone}' is not a time zone of the IANA database "
        "(such as Asia/Tokyo or America/Lima)."
    }


def test_a_video_link_is_a_web_address() -> None:
    assert messages(event(video_link="zoom 123 456")) == {
        "video_link": "The video link must start with https://."
    }
    virtual = event(kind=EventKind.VIDEOCONFERENCE, mode=EventMode.VIRTUAL)
    assert messages(virtual) == {"video_link": "A virtual videoconference needs a link."}
    virtual.video_link = "https://worldbank.zoom.us/j/123456"
    assert messages(virtual) == {}


@pytest.mark.parametrize(
    ("link", "found"),
    [
        ("https://meet.example.org/a\r\nEND:VEVENT", "a line break"),
        ("https://meet.example.org/a\nb", "a line break"),
        ("https://meet.example.org/a\u2028b", "a line break"),
        ("https://zoom.us/j/123 Passcode 456", "a space"),
        ("https://meet.example.org/a\tb", "a tab"),
        ("https://meet.example.org/a\x01b", "a control character (U+0001)"),
        ("https://meet.example.org/a\u200bb", "an invisible character (U+200B)"),
    ],
)
def test_a_video_link_holds_nothing_a_web_address_cannot(link: str, found: str) -> None:
    assert messages(event(video_link=link)) == {
        "video_link": f"The video link holds {found}; give one web address, without "
        "spaces, line breaks or control characters."
    }
    assert messages(event(video_link="https://meet.example.org/京都?room=1#x")) == {}


def test_an_event_is_not_its_own_session() -> None:
    conference = event()
    conference.parent = conference
    assert messages(conference) == {"parent": "An event cannot be a session of itself."}


def test_a_moved_occurrence_ends_after_it_starts() -> None:
    assert messages(OccurrenceOverride(recurrence_id=NOON, start_utc=NOON, end_utc=NOON)) == {
        "end_utc": "The occurrence must end after it starts."
    }
    assert messages(OccurrenceOverride(recurrence_id=NOON, start_utc=NOON)) == {
        "start_utc": "A moved occurrence needs its new start and end."
    }
    assert messages(OccurrenceOverride(recurrence_id=NOON, cancelled=True)) == {}


# -- places -----------------------------------------------------------------------------


@pytest.mark.parametrize("capacity", [0, -5])
def test_a_venue_holds_at_least_one_person(capacity: int) -> None:
    venue = Venue(name="TDLC studio", locality="Tokyo", capacity=capacity)
    assert messages(venue) == {"capacity": f"Capacity must be at least 1 person (got {capacity})."}


@given(st.integers(min_value=1, max_value=100_000))
def test_any_positive_capacity_is_accepted(capacity: int) -> None:
    assert messages(Venue(name="Kobe city hall", locality="Kobe", capacity=capacity)) == {}


@pytest.mark.parametrize(("opens", "closes"), [(time(18), time(9)), (time(9), time(9))])
def test_a_venue_closes_after_it_opens(opens: time, closes: time) -> None:
    venue = Venue(name="Toyama tram depot", locality="Toyama", opens_at=opens, closes_at=closes)
    assert messages(venue) == {
        "closes_at": f"The opening hours must end after they start ({opens:%H:%M}-{closes:%H:%M})."
    }


def test_a_venue_is_somewhere_real() -> None:
    venue = Venue(name="", locality="", zone="Tokyo", latitude=135.2, interpretation_booths=-1)
    assert messages(venue) == {
        "name": "The venue's name is required.",
        "locality": "The city the venue is in is required.",
        "interpretation_booths": "The number of booths cannot be negative.",
        "zone": "'Tokyo' is not a time zone of the IANA database "
        "(such as Asia/Tokyo or America/Lima).",
        "latitude": "Latitude 135.2 is outside -90..90.",
    }


def test_a_partner_city_rules() -> None:
    city = PartnerCity(
        name="Kitakyushu", selection_round=0, contact_email="eco-town", longitude=190.0
    )
    assert messages(city) == {
        "selection_round": "The selection round is 1 or later.",
        "contact_email": "'eco-town' is not an email address (expected name@example.org).",
        "longitude": "Longitude 190.0 is outside -180..180.",
    }


def test_a_theme_is_not_filed_under_itself() -> None:
    theme = ThematicArea(code="compact-city", name="Compact city")
    theme.parent = theme
    assert messages(theme) == {"parent": "A theme cannot be filed under itself."}


def test_a_journey_goes_somewhere_and_takes_time() -> None:
    assert messages(TravelTime(origin="Kobe", destination="Kobe", mode="rail", minutes=0)) == {
        "destination": "Origin and destination must differ.",
        "minutes": "A journey takes at least one minute.",
    }


# -- people -----------------------------------------------------------------------------


def test_a_valid_delegation_has_no_problem() -> None:
    assert messages(delegation()) == {}


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("", "Choose the country (ISO 3166 code such as PE, KE, NP)."),
        ("XX", "'XX' is not an ISO 3166 country code (such as PE, KE, NP)."),
        ("PER", "'PER' is not an ISO 3166 country code (such as PE, KE, NP)."),
        ("Peru", "'Peru' is not an ISO 3166 country code (such as PE, KE, NP)."),
        ("pe", "Write the country code in capitals: PE."),
    ],
)
def test_a_delegation_comes_from_a_real_country(country: str, message: str) -> None:
    assert messages(delegation(country=country))["country"] == message


def test_the_home_zone_belongs_to_the_country() -> None:
    assert messages(delegation(zone="America/Bogota")) == {
        "zone": "America/Bogota is not a time zone of Peru; choose America/Lima."
    }
    assert messages(delegation(country="KE", zone="Asia/Kathmandu")) == {
        "zone": "Asia/Kathmandu is not a time zone of Kenya; choose Africa/Nairobi."
    }


@pytest.mark.parametrize(
    ("country", "name", "example"),
    [
        ("BR", "Brazil", "America/Sao_Paulo"),
        ("MX", "Mexico", "America/Mexico_City"),
        ("ID", "Indonesia", "Asia/Jakarta"),
    ],
)
def test_a_country_of_several_zones_needs_an_explicit_one(
    country: str, name: str, example: str
) -> None:
    message = messages(delegation(country=country, zone=None))["zone"]
    assert message.startswith(f"{name} spans several time zones; choose the delegation's: ")
    assert messages(delegation(country=country, zone=example)) == {}


def test_even_a_one_zone_country_names_its_zone_explicitly() -> None:
    assert messages(delegation(zone="")) == {
        "zone": "Choose the delegation's time zone (Peru: America/Lima)."
    }


@given(st.sampled_from(sorted(pytz.country_timezones)))
def test_every_zone_of_a_country_is_accepted_for_it(country: str) -> None:
    for zone in timezones.country_zones(country):
        if timezones.is_zone(zone):
            assert "zone" not in messages(delegation(country=country, zone=zone))


def test_working_hours_and_acceptable_hours() -> None:
    assert messages(delegation(work_start=time(18), work_end=time(9))) == {
        "work_end": "The working hours must end after they start (18:00-09:00).",
    }
    assert messages(delegation(acceptable_start=time(10))) == {
        "acceptable_start": "Acceptable hours must include the working hours."
    }
    assert messages(delegation(acceptable_end=time(17))) == {
        "acceptable_start": "Acceptable hours must include the working hours."
    }


@given(
    work=st.tuples(st.integers(5, 12), st.integers(13, 20)),
    margin=st.tuples(st.integers(0, 5), st.integers(0, 3)),
)
def test_acceptable_hours_around_working_hours_are_accepted(
    work: tuple[int, int], margin: tuple[int, int]
) -> None:
    start, end = work
    record = delegation(
        work_start=time(start),
        work_end=time(end),
        acceptable_start=time(start - margin[0]),
        acceptable_end=time(end + margin[1]),
    )
    assert messages(record) == {}


def test_a_delegation_leaves_after_it_arrives() -> None:
    assert messages(delegation(arrival=date(2026, 6, 5), departure=date(2026, 6, 1))) == {
        "departure": "Departure (01 Jun 2026) is before arrival (05 Jun 2026)."
    }


@pytest.mark.parametrize(
    "email",
    [
        "ana.quispe",
        "ana@vivienda",
        "ana quispe@vivienda.gob.pe",
        "ana@@vivienda.gob.pe",
        "@vivienda.gob.pe",
        "ana@vivienda.gob.pe.",
        "ana@vivienda.p",
    ],
)
def test_a_participant_has_a_valid_email(email: str) -> None:
    assert messages(Participant(name="Ana Quispe", email=email)) == {
        "email": f"'{email}' is not an email address (expected name@example.org)."
    }


def test_a_participant_needs_an_email() -> None:
    assert messages(Participant(name="Ana Quispe", email="")) == {
        "email": "An email address is required."
    }


@given(st.emails())
def test_real_email_addresses_are_accepted(email: str) -> None:
    assert "email" not in messages(Participant(name="Someone", email=email))


def test_a_participant_zone_is_optional_but_real() -> None:
    assert messages(Participant(name="Jane Doe", email="jdoe@worldbank.org")) == {}
    assert messages(
        Participant(name="Jane Doe", email="jdoe@worldbank.org", zone="Washington")
    ) == {
        "zone": "'Washington' is not a time zone of the IANA database "
        "(such as Asia/Tokyo or America/Lima)."
    }


# -- study tours ------------------------------------------------------------------------


def tour(**values: object) -> StudyTour:
    fields: dict[str, object] = {
        "title": "Lima housing ministry in Japan",
        "delegation": delegation(),
        "start_date": date(2026, 6, 1),
        "end_date": date(2026, 6, 5),
    }
    fields.update(values)
    return StudyTour(**fields)


def test_a_tour_ends_on_or_after_its_first_day() -> None:
    assert messages(tour(end_date=date(2026, 5, 30))) == {
        "end_date": "The tour's last day is before its first."
    }
    assert messages(tour(end_date=date(2026, 6, 1))) == {}


def test_a_tour_is_for_a_delegation() -> None:
    assert messages(tour(delegation=None)) == {
        "delegation": "Choose the delegation the tour is for."
    }


def test_a_tours_days_lie_inside_its_dates() -> None:
    plan = tour()
    plan.days = [
        TourDay(day=date(2026, 6, 1)),
        TourDay(day=date(2026, 6, 5)),
        TourDay(day=date(2026, 6, 6)),
    ]
    assert messages(plan) == {
        "days": "Day Sat 06 Jun 2026 is outside the tour (01 Jun to 05 Jun 2026)."
    }


@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)))
def test_a_day_is_accepted_exactly_when_it_is_inside(day: date) -> None:
    plan = tour()
    plan.days = [TourDay(day=day)]
    inside = date(2026, 6, 1) <= day <= date(2026, 6, 5)
    assert ("days" not in messages(plan)) is inside


def test_hotel_nights_lie_inside_the_tours_nights() -> None:
    plan = tour()
    plan.nights = [
        HotelNight(night_of=date(2026, 6, 4), hotel="Hotel Okura Kobe", locality="Kobe"),
        HotelNight(night_of=date(2026, 6, 5), hotel="Hotel Okura Kobe", locality="Kobe"),
    ]
    assert messages(plan) == {
        "nights": "The hotel night of Fri 05 Jun 2026 is outside the tour's nights "
        "(01 Jun to the night before 05 Jun)."
    }


def test_a_hotel_night_names_the_hotel_and_its_city() -> None:
    assert messages(HotelNight(night_of=date(2026, 6, 2), hotel="", locality="")) == {
        "hotel": "The hotel's name is required.",
        "locality": "The hotel's city is required.",
    }


def test_a_travel_leg_arrives_after_it_leaves() -> None:
    leg = TravelLeg(origin="Kobe", destination="Kitakyushu", departure_utc=NOON, arrival_utc=NOON)
    assert messages(leg) == {"arrival_utc": "Arrival must come after departure."}
    leg.arrival_utc = NOON + timedelta(hours=2)
    assert messages(leg) == {}
    leg.destination = "Kobe"
    assert messages(leg) == {"destination": "Origin and destination must differ."}


def test_a_knowledge_product_links_to_the_web() -> None:
    assert messages(KnowledgeProduct(title="Compact city guide", url="www.tdlc.org")) == {
        "url": "The link must start with https://."
    }


def test_a_participants_clock_is_their_own_else_their_delegations_else_tokyos() -> None:
    """The one rule the participant dialog's hint and every reader of a participant's
    zone follow."""
    from cpp_scheduler.model.people import ClockOf, participant_clock

    assert participant_clock("Europe/Skopje", "Asia/Manila") == ("Europe/Skopje", ClockOf.OWN)
    assert participant_clock("", "Asia/Manila") == ("Asia/Manila", ClockOf.DELEGATION)
    assert participant_clock(None, None) == ("Asia/Tokyo", ClockOf.TOKYO)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("HTTPS://example.org/good-practices.pdf", None),
        ("https:///good-practices.pdf", "The link names no web server: give one such as "
         "https://meet.example.org/room."),
        ("ftp://example.org/good-practices.pdf", "The link must start with https://."),
    ],
)  # fmt: skip
def test_a_products_link_is_held_to_the_rule_of_every_link(url: str, problem: str | None) -> None:
    """Once, a product's link had a rule of its own: HTTPS://… refused, https:///x taken."""
    found = [p.message for p in KnowledgeProduct(title="Good practices", url=url).problems()]
    assert found == ([problem] if problem else [])
