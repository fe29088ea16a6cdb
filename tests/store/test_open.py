"""Opening a database: a new one is created, migrated and seeded on either backend."""

from __future__ import annotations

from sqlalchemy import func, select, text

from cpp_scheduler.model import PartnerCity, ThematicArea, TravelTime, Venue
from cpp_scheduler.store import Database, open_database


def test_new_database_holds_the_reference_data(database: Database) -> None:
    with database.session() as session:
        cities = session.scalars(select(PartnerCity).order_by(PartnerCity.name)).all()
        assert [(c.name, c.name_ja) for c in cities] == [
            ("Kitakyushu", "北九州市"),
            ("Kobe", "神戸市"),
            ("Toyama", "富山市"),
            ("Yokohama", "横浜市"),
        ]
        areas = session.scalars(select(ThematicArea.name).where(ThematicArea.parent_id.is_(None)))
        assert sorted(areas) == [
            "Disaster risk management",
            "Municipal finance",
            "Social development",
            "Urban management",
            "Urban planning",
            "Urban service provision",
        ]
        studio = session.scalars(select(Venue).where(Venue.videoconference)).first()
        assert studio is not None
        assert studio.locality == "Tokyo"
        assert (session.scalar(select(func.count()).select_from(TravelTime)) or 0) > 0


def test_reopening_adds_nothing(database_url: str) -> None:
    open_database(database_url).close()
    again = open_database(database_url)
    with again.session() as session:
        assert session.scalar(select(func.count()).select_from(PartnerCity)) == 4
    again.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_database: Database) -> None:
    with sqlite_database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
