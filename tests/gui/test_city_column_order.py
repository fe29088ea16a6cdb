"""The agenda's Partner city column goes by the cities' romanised names in Japanese as in
English (the glossary: never by the kanji's code points, which would put 神戸市 Kobe after
横浜市 Yokohama)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.eventmodel import Column, EventTableModel
from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus
from cpp_scheduler.services.rows import EventRow, RowNames

CITIES = [
    ("yokohama", "Yokohama", "横浜市"),
    ("kobe", "Kobe", "神戸市"),
    ("toyama", "Toyama", "富山市"),
    ("kitakyushu", "Kitakyushu", "北九州市"),
]


def meeting_at(
    names: RowNames, number: int, *, venue_id: str | None = None, city_id: str | None = None
) -> EventRow:
    """The ``number``-th day's meeting, at ``venue_id`` or in ``city_id``, as a row."""
    start = datetime(2027, 3, 1, 1, 0, tzinfo=UTC) + timedelta(days=number)
    return names.row(
        f"meeting-{number}",
        f"Meeting {number}",
        EventKind.WORKSHOP,
        EventMode.FACE_TO_FACE,
        EventStatus.CONFIRMED,
        start,
        start + timedelta(hours=2),
        "Asia/Tokyo",
        venue_id,
        city_id,
        1,
        is_series=False,
        all_day=False,
        organiser_id=None,
    )


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_partner_city_column_sorts_by_the_romanised_names(
    qtbot: QtBot, language: str, request: pytest.FixtureRequest
) -> None:
    if language == "ja":
        request.getfixturevalue("japanese")
    names = RowNames.of(
        [], CITIES, delegations={}, themes={}, attending={}, people={}, conference_of={}
    )
    rows = [
        meeting_at(names, number, city_id=city_id)
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
    names = RowNames.of(
        VENUES, CITIES, delegations={}, themes={}, attending={}, people={}, conference_of={}
    )
    rows = [
        meeting_at(names, number, venue_id=venue_id)
        for number, (venue_id, *_rest) in enumerate(VENUES)
    ]
    model = EventTableModel()
    model.set_rows(rows)
    model.sort(Column.VENUE)
    shown = [model.row_at(n).venue_id for n in range(model.rowCount())]
    assert shown == ["dri", "evora", "kobe-hall", "studio", "city-hall"]
