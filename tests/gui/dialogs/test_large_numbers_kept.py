"""A number the rules take shows in its dialog as stored: a venue of 6,000 seats, 25
interpretation booths, a city of the 60th selection round are never cut down to the
spin box's bound, which the save would then write."""

from __future__ import annotations

from sqlalchemy import select

from cpp_scheduler.gui.dialogs import PartnerCityDialog, VenueDialog
from cpp_scheduler.model import PartnerCity, Venue
from cpp_scheduler.store import Database
from tests.gui.gui_support import open_dialog


def test_large_numbers_show_as_stored(qtbot, sqlite_database: Database) -> None:  # type: ignore[no-untyped-def]
    with sqlite_database.transaction() as session:
        venue = session.scalars(select(Venue)).first()
        city = session.scalars(select(PartnerCity)).first()
        assert venue is not None
        assert city is not None
        venue.capacity, venue.interpretation_booths = 6000, 25
        city.selection_round = 60
        venue_id, city_id = venue.id, city.id
    venue_dialog = open_dialog(qtbot, VenueDialog, sqlite_database, venue_id)
    shown = venue_dialog.values()
    assert (shown["capacity"], shown["interpretation_booths"]) == (6000, 25)
    city_dialog = open_dialog(qtbot, PartnerCityDialog, sqlite_database, city_id)
    assert city_dialog.values()["selection_round"] == 60
    assert city_dialog.values() == city_dialog.original_values()  # nothing to save
