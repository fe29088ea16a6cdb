"""The program's report counts what the program file says: figures made independently,
with plain Python from the demo program exported by ``cpp-scheduler program export``,
equal those ``cpp-scheduler report --json`` prints; and the counting rules hold on a
program made for them (a cancelled event, a cancelled session, a series, a period's
edge, sub-themes, what was left out)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from cpp_scheduler.cli import main
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    KnowledgeProduct,
    Participant,
    PartnerCity,
    ThematicArea,
)
from cpp_scheduler.services import editing
from cpp_scheduler.services.reports import program_report
from cpp_scheduler.store import Database

TOKYO = ZoneInfo("Asia/Tokyo")


# -- an independent count, from the file alone ----------------------------------------
def _instant(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _meetings(event: dict[str, Any]) -> list[tuple[datetime, datetime, bool]]:
    """(start, end, cancelled) of each meeting of an event, its series rule read with
    dateutil on the wall clock of the event's zone."""
    start, end = _instant(event["start"]), _instant(event["end"])
    called_off = event["status"] == "cancelled"
    if not event["recurrence_rule"]:
        return [(start, end, called_off)]
    zone = ZoneInfo(event["zone"])
    changes = {_instant(change["recurrence_id"]): change for change in event["changes"]}
    found = []
    wall_start = start.astimezone(zone).replace(tzinfo=None)
    for wall in rrulestr(event["recurrence_rule"], dtstart=wall_start):
        original = wall.replace(tzinfo=zone).astimezone(UTC)
        change = changes.get(original)
        if change is None:
            found.append((original, original + (end - start), called_off))
        elif change["cancelled"]:
            found.append((original, original + (end - start), True))
        else:
            moved = _instant(change["start"]) if change["start"] else original
            moved_end = _instant(change["end"]) if change["end"] else moved + (end - start)
            found.append((moved, moved_end, called_off))
    return found


def count_from_file(document: dict[str, Any], first: date, last: date) -> dict[str, Any]:
    """The report's figures, counted by the rules of docs/reports.md, from the file."""
    begin = datetime.combine(first, datetime.min.time(), TOKYO).astimezone(UTC)
    finish = datetime.combine(last + timedelta(days=1), datetime.min.time(), TOKYO)
    themes = {theme["id"]: theme for theme in document["themes"]}

    def area(theme_id: str) -> str:
        while themes[theme_id]["parent"]:
            theme_id = themes[theme_id]["parent"]
        return themes[theme_id]["name"]

    venues = {venue["id"]: venue for venue in document["venues"]}
    cities = {city["id"]: city["name"] for city in document["cities"]}
    delegations = {d["id"]: d for d in document["delegations"]}
    members: dict[str, set[str]] = defaultdict(set)
    for person in document["participants"]:
        if person["delegation"]:
            members[person["delegation"]].add(person["id"])
    products_of: dict[str, set[str]] = defaultdict(set)
    for product in document["knowledge_products"]:
        for event_id in product["events"]:
            products_of[event_id].add(product["title"])
    sessions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in document["events"]:
        if event["parent"]:
            sessions[event["parent"]].append(event)

    figures: dict[str, Any] = {
        "meetings": 0,
        "hours": 0.0,
        "cancelled": 0,
        "kind": defaultdict(lambda: [0, 0.0, 0]),
        "theme": defaultdict(lambda: [0, 0.0, 0]),
        "city": defaultdict(lambda: [0, 0.0, 0]),
        "delegation": defaultdict(lambda: [0, 0.0, 0]),
        "country": defaultdict(lambda: [0, 0.0, 0]),
    }
    reached: set[str] = set()
    products: set[str] = set()
    for event in document["events"]:
        if event["parent"]:
            continue  # counted with its conference
        for start, end, called_off in _meetings(event):
            if not begin <= start < finish:
                continue
            held = [s for s in sessions[event["id"]] if s["status"] != "cancelled"]
            if sessions[event["id"]]:
                hours = (
                    sum((_instant(s["end"]) - _instant(s["start"])).seconds for s in held) / 3600
                )
            else:
                hours = (end - start).total_seconds() / 3600
            parts = [event, *held]
            linked_themes = {area(t) for part in parts for t in part["themes"]}
            linked_delegations = {d for part in parts for d in part["delegations"]}
            city_id = event["city"] or (venues[event["venue"]]["city"] if event["venue"] else None)
            keys = {
                "kind": {event["kind"]},
                "theme": linked_themes or {"(no theme)"},
                "city": {cities[city_id]} if city_id else {"(no partner city)"},
                "delegation": {delegations[d]["name"] for d in linked_delegations}
                or {"(no delegation)"},
                "country": {delegations[d]["country"] for d in linked_delegations}
                or {"(no delegation)"},
            }
            for name, values in keys.items():
                for value in values:
                    row = figures[name][value]
                    if called_off:
                        row[2] += 1
                    else:
                        row[0] += 1
                        row[1] += hours
            if called_off:
                figures["cancelled"] += 1
                continue
            figures["meetings"] += 1
            figures["hours"] += hours
            for part in parts:
                reached.update(part["participants"])
                products.update(products_of[part["id"]])
            for delegation in linked_delegations:
                reached.update(members[delegation])
    figures["participants_reached"] = len(reached)
    figures["products"] = sorted(products)
    figures["themes_left_out"] = sorted(
        theme["name"]
        for theme in document["themes"]
        if not theme["parent"] and figures["theme"].get(theme["name"], [0])[0] == 0
    )
    figures["cities_left_out"] = sorted(
        name for name in cities.values() if figures["city"].get(name, [0])[0] == 0
    )
    return figures


def _rows(printed: dict[str, Any], name: str, by: str = "label") -> dict[str, list[Any]]:
    return {
        row[by]: [row["meetings"], row["hours"], row["cancelled"]]
        for row in printed["breakdowns"][name]
        if row["meetings"] or row["cancelled"]
    }


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2027-01-01", "2027-12-31"),  # the whole demo year
        ("2027-02-01", "2027-02-28"),  # the conference, a cancelled meeting of the series
        ("2027-03-08", "2027-03-12"),  # the study tour
    ],
)
def test_the_report_equals_counts_made_from_the_program_file(
    demo_sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    first: str,
    last: str,
) -> None:
    exported = tmp_path / "program.json"
    assert main(["--db", str(demo_sqlite_path), "program", "export", str(exported)]) == 0
    capsys.readouterr()
    document = json.loads(exported.read_text("utf-8"))
    args = ["--db", str(demo_sqlite_path), "report", "--from", first, "--to", last, "--json"]
    assert main(args) == 0
    printed = json.loads(capsys.readouterr().out)

    expected = count_from_file(document, date.fromisoformat(first), date.fromisoformat(last))
    assert printed["meetings"] == expected["meetings"]
    assert printed["hours"] == pytest.approx(expected["hours"], abs=0.01)
    assert printed["cancelled"] == expected["cancelled"]
    assert printed["participants_reached"] == expected["participants_reached"]
    assert sorted(p["title"] for p in printed["knowledge_products"]) == expected["products"]
    for name, by in (
        ("kind", "key"),
        ("theme", "label"),
        ("city", "label"),
        ("delegation", "label"),
        ("country", "key"),
    ):
        wanted = {
            key: [row[0], pytest.approx(row[1], abs=0.01), row[2]]
            for key, row in expected[name].items()
            if row[0] or row[2]
        }
        if name == "country":  # the "(none)" row is keyed "" and labelled in words
            wanted = {("" if k == "(no delegation)" else k): v for k, v in wanted.items()}
        assert _rows(printed, name, by) == wanted, name
    assert sorted(printed["left_out"]["themes"]) == expected["themes_left_out"]
    assert sorted(printed["left_out"]["cities"]) == expected["cities_left_out"]


def test_the_demo_year_counts_what_a_coordinator_expects(demo_sqlite_path: Path) -> None:
    """Hand-checked figures of the demo, so a rule changed on both sides still shows."""
    from cpp_scheduler.store import open_database

    database = open_database(demo_sqlite_path)
    try:
        report = program_report(database, date(2027, 2, 1), date(2027, 2, 28))
    finally:
        database.close()
    conference = report.breakdown("kind").row("conference")
    assert conference is not None
    # One conference, its twelve sessions' hours (17.75), not its 30.5-hour span.
    assert (conference.meetings, conference.hours) == (1, 17.75)
    workshops = report.breakdown("kind").row("workshop")
    assert workshops is not None
    assert (workshops.meetings, workshops.cancelled) == (0, 1)  # the series' 17 Feb meeting
    assert report.cancelled == 1


# -- the rules, one by one ------------------------------------------------------------------
def _add(database: Database, model: type[Any], **values: Any) -> str:
    with database.transaction() as session:
        return editing.create_record(session, model, values).id


def _event(database: Database, title: str, start: datetime, hours: float, **values: Any) -> str:
    return _add(
        database,
        Event,
        title=title,
        start_utc=start,
        end_utc=start + timedelta(hours=hours),
        **values,
    )


def _ids(database: Database, model: type[Any], **where: Any) -> str:
    with database.session() as session:
        return str(session.query(model).filter_by(**where).one().id)


def test_each_counting_rule(database: Database) -> None:
    kobe = _ids(database, PartnerCity, name="Kobe")
    drm = _ids(database, ThematicArea, code="disaster-risk-management")
    seismic = _ids(database, ThematicArea, code="seismic-risk")
    planning = _ids(database, ThematicArea, code="urban-planning")
    lima = _add(database, Delegation, name="Lima housing", country="PE", zone="America/Lima")
    _add(database, Participant, name="Ana", email="ana@example.pe", delegation_id=lima)
    speaker = _add(database, Participant, name="Ken", email="ken@example.jp")
    nine = datetime(2027, 4, 5, 0, 0, tzinfo=UTC)  # Monday 09:00 in Tokyo
    workshop = _event(
        database, "Kobe workshop", nine, 2, city_id=kobe, theme_ids=[seismic], delegation_ids=[lima]
    )
    _event(database, "Called off", nine + timedelta(days=1), 3, status=EventStatus.CANCELLED)
    conference = _event(
        database, "Spring conference", nine + timedelta(days=2), 30, kind=EventKind.CONFERENCE
    )
    _event(
        database,
        "Plenary",
        nine + timedelta(days=2),
        1.5,
        parent_id=conference,
        theme_ids=[planning],
        participant_ids=[speaker],
    )
    _event(
        database,
        "Dropped session",
        nine + timedelta(days=2, hours=2),
        1,
        parent_id=conference,
        status=EventStatus.CANCELLED,
        theme_ids=[drm],
    )
    _event(
        database,
        "Monthly call",
        nine + timedelta(days=3),
        1,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/x",
        recurrence_rule="FREQ=MONTHLY;COUNT=3",
    )
    # Starts 23:30 Tokyo on 30 April: in April; its end on 1 May does not pull it along.
    _event(database, "Late call", datetime(2027, 4, 30, 14, 30, tzinfo=UTC), 1)
    _add(database, KnowledgeProduct, title="Kobe note", event_ids=[workshop])

    april = program_report(database, date(2027, 4, 1), date(2027, 4, 30))
    # Kobe workshop, the conference, the call's first meeting, the late call.
    assert (april.meetings, april.cancelled) == (4, 1)
    assert april.hours == pytest.approx(2 + 1.5 + 1 + 1)  # the plenary, not the 30 h span
    assert april.participants_reached == 2  # Ken directly, Ana through her delegation
    assert [p.title for p in april.products] == ["Kobe note"]
    themes = {row.label: row for row in april.breakdown("theme").rows}
    assert themes["Disaster risk management"].meetings == 1  # seismic risk rolls up
    assert themes["Urban planning"].meetings == 1  # from the conference's session
    assert "Disaster risk management" not in april.themes_left_out
    assert set(april.themes_left_out) == {
        "Municipal finance",
        "Social development",
        "Urban management",
        "Urban service provision",
    }
    assert set(april.cities_left_out) == {"Kitakyushu", "Toyama", "Yokohama"}
    videoconferences = april.breakdown("kind").row("videoconference")
    assert videoconferences is not None
    assert videoconferences.meetings == 1

    may_june = program_report(database, date(2027, 5, 1), date(2027, 6, 30))
    assert may_june.meetings == 2  # the call's next two meetings: a series is its meetings
    assert may_june.participants_reached == 0
    assert "Kobe" in may_june.cities_left_out


def test_a_report_reads_the_program_at_one_moment(database: Database) -> None:
    """A colleague's save during the read is not half seen: every query of the read
    transaction sees the program as it was at the first."""
    from sqlalchemy import func, select

    from cpp_scheduler.store import open_database

    nine = datetime(2027, 4, 5, 0, 0, tzinfo=UTC)
    _event(database, "Before the read", nine, 1)
    colleague = open_database(database.url.render_as_string(hide_password=False))
    try:
        with database.reading() as session:
            before = session.scalar(select(func.count()).select_from(Event))
            _event(colleague, "Saved meanwhile", nine + timedelta(days=1), 1)
            during = session.scalar(select(func.count()).select_from(Event))
        assert before == during == 1
        assert program_report(database, date(2027, 4, 1), date(2027, 4, 30)).meetings == 2
    finally:
        colleague.close()
