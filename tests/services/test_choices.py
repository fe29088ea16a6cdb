"""The lists the editors offer, as the services read them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cpp_scheduler.model import Event, EventKind, ThematicArea
from cpp_scheduler.services import choices, editing
from cpp_scheduler.store import Database

#: Monday 12 April 2027, 23:30 UTC: already Tuesday 13 April in Tokyo.
LATE = datetime(2027, 4, 12, 23, 30, tzinfo=UTC)


def _event(database: Database, title: str, **values: object) -> str:
    return editing.create(
        database,
        Event,
        {"title": title, "start_utc": LATE, "end_utc": LATE + timedelta(hours=2), **values},
    )


def test_events_are_named_with_the_day_they_start_in_their_own_zone(database: Database) -> None:
    tokyo = _event(database, "Kobe DRR workshop", zone="Asia/Tokyo")
    lima = _event(database, "Lima housing call", zone="America/Lima")

    listed = {choice.id: choice for choice in choices.event_choices(database)}

    assert listed[tokyo].name == "Kobe DRR workshop (13 Apr 2027)"
    assert listed[lima].name == "Lima housing call (12 Apr 2027)"
    assert listed[tokyo].detail == "Peer-to-peer workshop"


def test_an_event_is_offered_conferences_but_never_itself_nor_its_sessions(
    database: Database,
) -> None:
    summit = _event(database, "Resilience summit", kind=EventKind.CONFERENCE)
    forum = _event(database, "Housing forum", kind=EventKind.CONFERENCE)
    panel = _event(database, "Finance panel", kind=EventKind.CONFERENCE, parent_id=summit)
    _event(database, "Panel Q&A", parent_id=panel)
    _event(database, "Site visit")
    talk = _event(database, "Opening talk", kind=EventKind.WORKSHOP, parent_id=forum)

    offered_to_summit = [choice.id for choice in choices.conference_choices(database, summit)]
    offered_to_talk = [choice.name for choice in choices.conference_choices(database, talk)]

    assert offered_to_summit == [forum]  # not itself, not its session nor that one's
    assert offered_to_talk == [  # of one start: by title, as every list of meetings
        "Finance panel (13 Apr 2027)",
        "Housing forum (13 Apr 2027)",
        "Resilience summit (13 Apr 2027)",
    ]


def test_a_theme_cannot_be_filed_under_itself_or_what_is_under_it(database: Database) -> None:
    every = choices.theme_choices(database)
    with database.session() as session:
        area = session.query(ThematicArea).filter(ThematicArea.parent_id.is_(None)).first()
        assert area is not None
        below = {theme.id for theme in area.subthemes}
        area_id, area_name = area.id, area.name
    sub = editing.create(
        database,
        ThematicArea,
        {"code": "tsunami-drills", "name": "Tsunami drills", "parent_id": area_id},
    )

    offered = {choice.id for choice in choices.theme_choices(database, exclude_below=area_id)}

    assert len(choices.theme_choices(database)) == len(every) + 1
    assert not offered & (below | {area_id, sub})
    assert next(c for c in choices.theme_choices(database) if c.id == sub).name == (
        f"{area_name} › Tsunami drills"
    )


def test_in_japanese_the_lists_name_cities_venues_and_themes_in_japanese(
    database: Database,
) -> None:
    from cpp_scheduler import i18n

    i18n.use_language(i18n.JAPANESE)
    try:
        cities = choices.city_choices(database)
        themes = choices.theme_choices(database)
        venues = choices.venue_choices(database)
    finally:
        i18n.use_language(i18n.ENGLISH)
    kobe = next(choice for choice in cities if "Kobe" in choice.name)
    assert kobe.name.startswith("神戸")
    assert kobe.name.endswith("Kobe")
    assert any("防災" in choice.name or "災害" in choice.name for choice in themes), [
        choice.name for choice in themes
    ]
    assert any(choice.name != choice.detail and choice.detail for choice in venues)
    english_order = [choice.name.split()[-1] for choice in cities]
    assert english_order == sorted(english_order)  # in the order of the names' readings


def test_partner_cities_and_venues_are_listed_by_their_readings_on_every_database(
    database: Database,
) -> None:
    """Not by the code points of kanji (北 富 横 神), nor by a database's own collation
    (SQLite puts "sapporo" after "Yokohama", and "Ōita" after both)."""
    from cpp_scheduler import i18n
    from cpp_scheduler.model import PartnerCity, Venue
    from cpp_scheduler.services import calendar_reads

    for name, name_ja in (
        ("sapporo", "札幌市"),
        ("Ōita", "大分市"),
        ("カワサキ", ""),
        ("いわき", ""),
    ):
        editing.create(database, PartnerCity, {"name": name, "name_ja": name_ja})
    for name, name_ja in (("Zama hall", "座間ホール"), ("atrium", "アトリウム")):
        editing.create(database, Venue, {"name": name, "name_ja": name_ja, "locality": "Kobe"})
    i18n.use_language(i18n.JAPANESE)
    try:
        picked = [choice.name for choice in choices.city_choices(database)]
        sidebar = [choice.name for choice in calendar_reads.partner_cities(database)]
        venues = [choice.name for choice in choices.venue_choices(database)]
    finally:
        i18n.use_language(i18n.ENGLISH)
    assert [name.split()[0] for name in picked] == [
        "北九州市",
        "神戸市",
        "大分市",
        "札幌市",
        "富山市",
        "横浜市",
        "いわき",
        "カワサキ",
    ]
    english = ["Kitakyushu", "Kobe", "Ōita", "sapporo", "Toyama", "Yokohama", "いわき", "カワサキ"]
    assert [name.split()[-1] for name in picked] == english  # the English name beside
    assert sidebar == picked  # the sidebar's filter names them as the pickers do
    in_kobe = [name for name in venues if name.endswith("(Kobe)")]
    assert in_kobe.index("アトリウム (Kobe)") < in_kobe.index("座間ホール (Kobe)")
