"""The agenda's Partner city column goes by the cities' romanised names in Japanese as in
English (the glossary: never by the kanji's code points, which would put 神戸市 Kobe after
横浜市 Yokohama)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.eventmodel import Column, EventTableModel
from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus
from cpp_scheduler.services.rows import RowNames

CITIES = [
    ("yokohama", "Yokohama", "横浜市"),
    ("kobe", "Kobe", "神戸市"),
    ("toyama", "Toyama", "富山市"),
    ("kitakyushu", "Kitakyushu", "北九州市"),
]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_partner_city_column_sorts_by_the_romanised_names(
    qtbot: QtBot, language: str, request: pytest.FixtureRequest
) -> None:
    if language == "ja":
        request.getfixturevalue("japanese")
    names = RowNames.of([], CITIES, delegations={}, themes={}, attending={}, conference_of={})
    start = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)
    rows = [
        names.row(
            f"visit-{city_id}",
            f"Visit {number}",
            EventKind.SITE_VISIT,
            EventMode.FACE_TO_FACE,
            EventStatus.CONFIRMED,
            start + timedelta(days=number),
            start + timedelta(days=number, hours=2),
            "Asia/Tokyo",
            None,
            city_id,
            1,
            is_series=False,
            all_day=False,
        )
        for number, (city_id, _name, _name_ja) in enumerate(CITIES)
    ]
    model = EventTableModel()
    model.set_rows(rows)
    model.sort(Column.CITY)
    shown = [model.index(n, Column.CITY).data() for n in range(model.rowCount())]
    english = ["Kitakyushu", "Kobe", "Toyama", "Yokohama"]
    assert [next(name for name in english if name in cell) for cell in shown] == english


VENUES = [
    ("city-hall", "Yokohama City Hall", "横浜市役所", "yokohama"),
    ("studio", "TDLC videoconference studio", "TDLC テレビ会議スタジオ", None),
    ("dri", "Disaster Reduction and Human Renovation Institution", "人と防災未来センター", "kobe"),
    ("evora", "Évora forum", "", None),
    ("kobe-hall", "Kobe City Hall", "神戸市役所", "kobe"),
]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_venue_column_sorts_as_every_list_of_venues_does(
    qtbot: QtBot, language: str, request: pytest.FixtureRequest
) -> None:
    """By the romanised name, accents read as plain letters (Évora before Kobe), in
    Japanese too, where the column shows the kanji: the order of the venue lists
    (:func:`cpp_scheduler.i18n.name_order`), not the shown names' code points."""
    if language == "ja":
        request.getfixturevalue("japanese")
    names = RowNames.of(VENUES, CITIES, delegations={}, themes={}, attending={}, conference_of={})
    start = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)
    rows = [
        names.row(
            f"meeting-{venue_id}",
            f"Meeting {number}",
            EventKind.WORKSHOP,
            EventMode.FACE_TO_FACE,
            EventStatus.CONFIRMED,
            start + timedelta(days=number),
            start + timedelta(days=number, hours=2),
            "Asia/Tokyo",
            venue_id,
            None,
            1,
            is_series=False,
            all_day=False,
        )
        for number, (venue_id, *_rest) in enumerate(VENUES)
    ]
    model = EventTableModel()
    model.set_rows(rows)
    model.sort(Column.VENUE)
    shown = [model.row_at(n).venue_id for n in range(model.rowCount())]
    assert shown == ["dri", "evora", "kobe-hall", "studio", "city-hall"]
