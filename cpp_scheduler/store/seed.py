"""Reference data from ``resources/data`` loaded into a new database.

Idempotent: records are matched by their natural keys (a theme's code, a city's or a
venue's name, a route), so loading twice adds nothing, and a coordinator's later edits to
a record are kept.
"""

from __future__ import annotations

import json
from datetime import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpp_scheduler.model import PartnerCity, ThematicArea, TravelMode, TravelTime, Venue
from cpp_scheduler.model.base import stable_id
from cpp_scheduler.resources import resource_path


def reference_data(name: str) -> dict[str, Any]:
    """One of the reference data files, parsed."""
    with resource_path("data", f"{name}.json").open(encoding="utf-8") as stream:
        data: dict[str, Any] = json.load(stream)
    return data


def load_reference_data(session: Session) -> None:
    """Add what is missing of the reference data, in the caller's transaction."""
    themes = _load_themes(session)
    cities = _load_cities(session, themes)
    _load_venues(session, cities)
    _load_travel_times(session)


def _load_themes(session: Session) -> dict[str, ThematicArea]:
    known = {theme.code: theme for theme in session.scalars(select(ThematicArea))}
    for area in reference_data("thematic_areas")["areas"]:
        parent = known.get(area["code"])
        if parent is None:
            parent = ThematicArea(
                id=stable_id("theme", area["code"]),
                code=area["code"],
                name=area["name"],
                name_ja=area["name_ja"],
            )
            session.add(parent)
            known[parent.code] = parent
        for sub in area.get("subthemes", []):
            if sub["code"] not in known:
                theme = ThematicArea(
                    id=stable_id("theme", sub["code"]),
                    code=sub["code"],
                    name=sub["name"],
                    name_ja=sub["name_ja"],
                    parent=parent,
                )
                session.add(theme)
                known[theme.code] = theme
    return known


def _load_cities(session: Session, themes: dict[str, ThematicArea]) -> dict[str, PartnerCity]:
    known = {city.name: city for city in session.scalars(select(PartnerCity))}
    for entry in reference_data("partner_cities")["cities"]:
        if entry["name"] in known:
            continue
        fields = {key: value for key, value in entry.items() if key != "themes"}
        city = PartnerCity(
            **fields,
            id=stable_id("partner city", entry["name"]),
            themes=[themes[code] for code in entry["themes"]],
        )
        session.add(city)
        known[city.name] = city
    return known


def _load_venues(session: Session, cities: dict[str, PartnerCity]) -> None:
    known = set(session.scalars(select(Venue.name)))
    for entry in reference_data("venues")["venues"]:
        if entry["name"] in known:
            continue
        fields = dict(entry)
        fields["opens_at"] = time.fromisoformat(entry["opens_at"])
        fields["closes_at"] = time.fromisoformat(entry["closes_at"])
        session.add(
            Venue(
                **fields,
                id=stable_id("venue", entry["name"]),
                city=cities.get(entry["locality"]),
            )
        )


def _load_travel_times(session: Session) -> None:
    known = {(t.origin, t.destination, t.mode) for t in session.scalars(select(TravelTime))}
    for route in reference_data("travel_times")["routes"]:
        key = (route["origin"], route["destination"], TravelMode(route["mode"]))
        if key not in known:
            route_key = f"{route['origin']}|{route['destination']}|{route['mode']}"
            session.add(TravelTime(**route, id=stable_id("travel time", route_key)))
