"""The printed documents' content, built in the core without Qt: the Peru study tour's
itinerary, the conference's programme, a day's run sheet, over the demo program."""

from __future__ import annotations

import base64
import html
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.documents.itinerary import itinerary_document, read_itinerary
from cpp_scheduler.documents.markup import qr_data_uri, split_address
from cpp_scheduler.documents.programme import (
    NotAConferenceError,
    programme_document,
    read_programme,
)
from cpp_scheduler.documents.runsheet import read_run_sheet, run_sheet_document
from cpp_scheduler.model import Delegation, Event, Venue
from cpp_scheduler.services import editing
from cpp_scheduler.services.checking import check_program
from cpp_scheduler.services.choices import conference_choices
from cpp_scheduler.services.demo import (
    CONFERENCE,
    NEPAL,
    PERU,
    TOUR_DAYS,
    TOUR_EVENTS,
    TOUR_LEGS,
    TOUR_NIGHTS,
    load_demo,
)
from cpp_scheduler.services.snapshot import NotFoundError
from cpp_scheduler.store import Database, open_database


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    load_demo(database)
    yield database
    database.close()


def conference_uid(database: Database) -> str:
    with database.session() as session:
        uid = session.scalar(select(Event.uid).where(Event.title == CONFERENCE))
    assert uid is not None
    return uid


def test_the_peru_itinerary_lists_every_tour_event_in_order_with_legs_and_hotels(
    demo: Database,
) -> None:
    itinerary = read_itinerary(demo, PERU.upper())
    assert itinerary.delegation == PERU
    assert (itinerary.first, itinerary.last) == (date(2027, 3, 7), date(2027, 3, 13))
    tour = [day for day in itinerary.days if TOUR_DAYS[0] <= day.day <= TOUR_DAYS[-1]]
    assert [day.day for day in tour] == TOUR_DAYS
    titles = [m.title for day in tour for m in day.meetings]
    assert titles == [title for _day, _s, _e, _kind, _venue, title, _themes in TOUR_EVENTS]
    first = tour[0].meetings[0]
    assert (f"{first.start:%H:%M}", f"{first.end:%H:%M}") == ("09:30", "11:30")
    assert [(leg.origin, leg.destination) for day in tour for leg in day.legs] == [
        (origin, destination) for _d, origin, destination, *_rest in TOUR_LEGS
    ]
    nights = {day.day: day.night.hotel for day in tour if day.night is not None}
    assert nights == {TOUR_DAYS[n]: hotel for n, hotel, _locality, _address in TOUR_NIGHTS}
    kobe = next(m for day in tour for m in day.meetings if m.title.startswith("Peer-to-peer"))
    assert kobe.place is not None
    assert kobe.place.address == "6-5-1 Kano-cho, Chuo-ku, Kobe, Hyogo 650-8570"
    assert kobe.place.address_ja == "〒650-8570 兵庫県神戸市中央区加納町6-5-1"
    assert (kobe.place.name_ja, kobe.place.city, kobe.place.city_ja) == (
        "神戸市役所",
        "Kobe",
        "神戸市",
    )
    assert itinerary.office.address_ja.startswith("〒100-0011 東京都千代田区")
    assert [c.name for c in itinerary.contacts] == ["Keiko Tanaka"]


def test_the_pre_tour_briefing_shows_its_time_at_home_and_its_link_as_a_qr_code(
    demo: Database,
) -> None:
    itinerary = read_itinerary(demo, PERU)
    briefing = next(
        (day, m)
        for day in itinerary.days
        for m in day.meetings
        if m.title == "Pre-tour briefing with the Peru delegation"
    )
    day, meeting = briefing
    assert day.day == date(2027, 2, 24)
    assert day.heading == "from home"
    assert f"{meeting.start:%H:%M}" == "08:30"
    assert meeting.at_home is not None
    start, end = meeting.at_home
    assert (f"{start.local:%a %d %b %H:%M}", f"{end.local:%H:%M}") == ("Tue 23 Feb 18:30", "19:30")
    page = itinerary_document(itinerary).html()
    link = "https://meet.example.org/tdlc/peru-briefing"
    assert f"Video link: {link}" in page
    assert f'src="{qr_data_uri(link)}"' in page
    png = base64.b64decode(qr_data_uri(link).split(",", 1)[1])
    assert png.startswith(b"\x89PNG")


def test_program_text_is_never_markup(own_demo: Database) -> None:
    with own_demo.transaction() as session:
        event = session.scalars(
            select(Event).where(Event.title == "Study tour opening and briefing at TDLC")
        ).one()
        event.title = "<b>Opening</b> & <img src=x onerror=alert(1)>"
        event.description = "Bring <script>alert('id')</script>"
    page = itinerary_document(read_itinerary(own_demo, PERU)).html()
    assert "<script>" not in page
    assert "<img src=x" not in page
    assert html.escape("<b>Opening</b> & <img src=x onerror=alert(1)>") in page
    assert html.escape("Bring <script>alert('id')</script>") in page


def test_an_address_splits_into_its_english_and_japanese_lines() -> None:
    assert split_address("1-3 Higashikawasaki-cho, Kobe\n兵庫県神戸市中央区東川崎町1-3") == (
        "1-3 Higashikawasaki-cho, Kobe",
        "兵庫県神戸市中央区東川崎町1-3",
    )
    assert split_address("Line one\nLine two") == ("Line one, Line two", "")


def test_an_unknown_delegation_is_named_in_one_line(demo: Database) -> None:
    with pytest.raises(NotFoundError, match=r"No delegation is called 'Atlantis' \(known: Kenya"):
        read_itinerary(demo, "Atlantis")
    with pytest.raises(NotFoundError, match="No event has the UID or id 'nope'"):
        read_programme(demo, "nope")


def test_the_programme_puts_parallel_sessions_side_by_side_by_room(demo: Database) -> None:
    assert [c.name.rsplit(" (", 1)[0] for c in conference_choices(demo)] == [CONFERENCE]
    programme = read_programme(demo, conference_uid(demo))
    assert [day.day for day in programme.days] == [date(2027, 2, 15), date(2027, 2, 16)]
    monday = programme.days[0]
    assert monday.rooms == ("TDLC Meeting Room A", "TDLC Meeting Room B")
    at_1045 = next(row for row in monday.rows if f"{row.start:%H:%M}" == "10:45")
    assert [[s.title for s in cell] for cell in at_1045.cells] == [
        ["Compact city and transit: Toyama's light rail"],
        ["Capturing land value to finance urban transit"],
    ]
    opening = next(row for row in monday.rows if f"{row.start:%H:%M}" == "09:00")
    assert opening.cells[1] == ()
    plenary = programme.sessions[0]
    # Whom a session names take part in it: the Bank's chair beside the speaker, and a
    # partner city's official presenting the city (the speaker role alone was listed,
    # so the programme named no one from the partner cities).
    assert [s.name for s in plenary.speakers] == ["Naoko Fujii", "Sarah Mitchell"]
    toyama = next(s for s in programme.sessions if s.title.startswith("Compact city"))
    assert [s.name for s in toyama.speakers] == ["Aya Morita"]
    assert plenary.themes == ("Urban planning",)
    plans = next(s for s in programme.sessions if s.title.endswith("Nairobi and Skopje"))
    assert plans.delegations == ("Kenya: Nairobi City County", "North Macedonia: City of Skopje")
    page = programme_document(programme).html()
    assert page.index("Compact city and transit") < page.index("Capturing land value")
    cover = page_text(page)
    assert "Mon 15 – Tue 16 Feb 2027" in cover  # the days as period texts write them
    sessions = len(programme.sessions)
    assert f"{sessions} sessions in 2 rooms; times are Tokyo time." in cover
    assert "Asia/Tokyo" not in cover


@pytest.mark.parametrize(
    ("title", "said"),
    [
        (
            "Opening plenary: ten years of the City Partnership Program",
            "is a session of the conference 'CPP Conference 2027: Cities Learning from "
            "Cities': print that conference's programme instead",
        ),
        (
            "Peer-to-peer workshop series: resilient cities (monthly)",
            "is a series of meetings (Peer-to-peer workshop), not a conference: print the "
            "run sheet of one of its days instead",
        ),
        (
            "Pre-tour briefing with the Peru delegation",
            "is a meeting (Videoconference), not a conference: print the run sheet of its "
            "day instead",
        ),
    ],
)
def test_a_programme_is_refused_for_an_event_that_is_no_conference(
    demo: Database, title: str, said: str
) -> None:
    """A series' programme printed "1 session in 1 room" for its first meeting alone:
    a programme is a conference's, and what is not one says what it is instead."""
    with demo.session() as session:
        uid = session.scalar(select(Event.uid).where(Event.title == title))
    assert uid is not None
    with pytest.raises(NotAConferenceError) as refused:
        read_programme(demo, uid)
    message = str(refused.value)
    assert message.startswith(f"'{title}' ") or message.startswith(f"'{title[:59]}")
    assert message.endswith(said)
    assert "\n" not in message
    assert uid not in {choice.id for choice in conference_choices(demo)}


def test_the_run_sheet_holds_the_days_meetings_and_the_engines_conflicts(
    demo: Database,
) -> None:
    day = date(2027, 2, 15)
    sheet = read_run_sheet(demo, day)
    starts = [item.start for item in sheet.items]
    assert starts == sorted(starts)
    assert all(item.start.date() == day or item.end.date() >= day for item in sheet.items)
    titles = [item.title for item in sheet.items]
    assert "Living with earthquakes: Kobe after 1995" in titles
    begin, after = timezones.local_days(day, day, timezones.TOKYO)
    expected = check_program(demo, begin, after)
    assert [c.message for c in sheet.conflicts] == [c.message for c in expected]
    assert sheet.conflicts, "Peru joins the Monday sessions at night in Lima"
    studio = next(item for item in sheet.items if item.title.startswith("Opening plenary"))
    assert studio.place is not None
    assert studio.place.name == "TDLC Meeting Room A"
    assert "Videoconference studio" in studio.equipment
    page = run_sheet_document(sheet).html()
    for conflict in sheet.conflicts:
        assert html.escape(conflict.message) in page
    assert "Conflicts of the day" in page


def test_the_change_counter_rises_with_each_saved_change(own_demo: Database) -> None:
    before = read_itinerary(own_demo, PERU).stamp
    with own_demo.transaction() as session:
        venue = session.scalars(select(Venue).where(Venue.name == "Kobe City Hall")).one()
        editing.update_record(session, Venue, venue.id, {"capacity": 55}, venue.version)
    after = read_itinerary(own_demo, PERU).stamp
    assert after.counter == before.counter + 1
    assert after.as_of is not None
    assert before.as_of is not None
    assert after.as_of >= before.as_of
    assert re.fullmatch(
        r"As of \w{3} \d{2} \w{3} \d{4} \d{2}:\d{2} \(Tokyo\), change \d+", after.text
    )
    assert datetime.now(UTC) >= after.as_of


def test_a_conferences_video_link_and_qr_code_are_printed_once(demo: Database) -> None:
    itinerary = read_itinerary(demo, NEPAL)
    sessions = [m for day in itinerary.days for m in day.meetings if m.conference == CONFERENCE]
    link = sessions[0].video_link
    assert len(sessions) > 3
    assert {m.video_link for m in sessions} == {link}, "the sessions share the link"
    page = itinerary_document(itinerary).html()
    assert page.count(link) == 2, "once as text, once as the code's alternative text"
    assert page.count(f'alt="{link}"') == 1
    assert page.count(qr_data_uri(link)) == 1
    first = min(m.start for m in sessions)
    assert f"Video link for every session of {html.escape(CONFERENCE)}: {link}" in page
    pointer = f"the same for the whole conference, with its QR code at {first:%a %d %b %H:%M}"
    assert page.count(f"Video link: {pointer}") == len(sessions) - 1
    series = "https://meet.example.org/tdlc/p2p-resilient-cities"
    assert page.count(f"Video link: {series}") == page.count(f'src="{qr_data_uri(series)}"') >= 2


def test_an_all_day_arrival_is_printed_on_its_date_as_all_day(own_demo: Database) -> None:
    with own_demo.transaction() as session:
        peru = session.scalars(select(Delegation).where(Delegation.name == PERU)).one()
        arrival = Event(title="Arrival in Tokyo", zone="America/Lima", delegations=[peru])
        arrival.set_dates(date(2027, 3, 7), date(2027, 3, 8))
        session.add(arrival)
    itinerary = read_itinerary(own_demo, PERU)
    [day] = [day for day in itinerary.days if day.day == date(2027, 3, 7)]
    first = day.meetings[0]
    assert (first.title, first.last_day, first.at_home) == (
        "Arrival in Tokyo",
        date(2027, 3, 8),
        None,  # no hours at home either: dates are the same there
    )
    text = html.unescape(re.sub(r"<[^>]+>", " ", itinerary_document(itinerary).html()))
    assert "All day to Mon 08 Mar" in text


def test_the_itinerary_prints_in_japanese_with_its_titles_as_written(demo: Database) -> None:
    from cpp_scheduler import i18n

    i18n.use_language(i18n.JAPANESE)
    try:
        page = html.unescape(itinerary_document(read_itinerary(demo, PERU)).html())
    finally:
        i18n.use_language(i18n.ENGLISH)
    assert "旅程表" in page
    assert "2027年3月7日(日)～2027年3月13日(土)" in page  # the stay, without the era
    assert "2027年3月8日(月)" in page  # a day's heading
    assert "日本での連絡先" in page
    assert "Site visit: Minato Mirai 21" in page  # the coordinators' titles as written
    assert "Itinerary" not in page


def page_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_an_all_day_session_is_printed_in_the_programme_as_all_day(own_demo: Database) -> None:
    with own_demo.transaction() as session:
        conference = session.scalars(select(Event).where(Event.title == CONFERENCE)).one()
        visit = Event(title="Site visit to Kobe", zone="Asia/Tokyo", parent=conference)
        visit.set_dates(date(2027, 2, 16), date(2027, 2, 17))
        session.add(visit)
    programme = read_programme(own_demo, conference_uid(own_demo))
    tuesday = next(day for day in programme.days if day.day == date(2027, 2, 16))
    first = tuesday.rows[0]
    assert [item.title for cell in first.cells for item in cell] == ["Site visit to Kobe"]
    text = page_text(programme_document(programme).html())
    assert "All day to Wed 17 Feb" in text
    assert "Tue 16 Feb 2027 All day to Wed 17 Feb" in text
    assert "00:00" not in text


def test_an_all_day_event_is_on_the_run_sheet_as_all_day(own_demo: Database) -> None:
    with own_demo.transaction() as session:
        peru = session.scalars(select(Delegation).where(Delegation.name == PERU)).one()
        arrival = Event(title="Arrival in Tokyo", zone="Asia/Tokyo", delegations=[peru])
        arrival.set_dates(date(2027, 2, 15), date(2027, 2, 16))
        session.add(arrival)
    sheet = read_run_sheet(own_demo, date(2027, 2, 15))
    assert sheet.items[0].title == "Arrival in Tokyo"
    assert sheet.items[0].last_day == date(2027, 2, 16)
    text = page_text(run_sheet_document(sheet).html())
    assert "All day to Tue 16 Feb" in text
    assert "00:00" not in text
    tuesday = page_text(run_sheet_document(read_run_sheet(own_demo, date(2027, 2, 16))).html())
    assert "All day " in tuesday
    assert "All day to" not in tuesday


@pytest.mark.usefixtures("japanese")
def test_the_programme_prints_in_japanese_with_rooms_in_the_order_of_their_readings(
    demo: Database,
) -> None:
    programme = read_programme(demo, conference_uid(demo))
    monday = programme.days[0]
    # The rooms' Japanese names, in the order of their English (romanised) ones.
    assert monday.rooms == ("TDLC 会議室A", "TDLC 会議室B")
    text = page_text(programme_document(programme).html())
    assert "2027年2月15日(月)～16日(火)" in text  # the cover, no era, the year once
    # The zone named as the rest of the program names it (zone_city), not Asia/Tokyo.
    assert "Asia/Tokyo" not in text
    assert "2027年2月16日(火) 時刻 TDLC 会議室A TDLC 会議室B" in " ".join(text.split())
    assert "日時 2027年2月15日(月) 09:00–10:15" in " ".join(text.split())
    assert programme.sessions[0].themes == ("都市計画",)  # Urban planning
    assert "登壇者" in text
    assert "Opening plenary: ten years of the City Partnership Program" in text  # as written
    for english in ("Sessions", "Presenters", "Themes", "Monday", "sessions in"):
        assert english not in text


@pytest.mark.usefixtures("japanese")
def test_an_all_day_session_is_printed_in_japanese(own_demo: Database) -> None:
    with own_demo.transaction() as session:
        conference = session.scalars(select(Event).where(Event.title == CONFERENCE)).one()
        visit = Event(title="Site visit to Kobe", zone="Asia/Tokyo", parent=conference)
        visit.set_dates(date(2027, 2, 16), date(2027, 2, 17))
        session.add(visit)
    text = " ".join(
        page_text(
            programme_document(read_programme(own_demo, conference_uid(own_demo))).html()
        ).split()
    )
    assert "2027年2月16日(火) 終日（2月17日(水)まで）" in text
    assert "00:00" not in text
    sheet = read_run_sheet(own_demo, date(2027, 2, 16))
    assert "終日（2月17日(水)まで）" in page_text(run_sheet_document(sheet).html())


@pytest.mark.usefixtures("japanese")
def test_the_run_sheet_prints_in_japanese_with_its_counts(demo: Database) -> None:
    sheet = read_run_sheet(demo, date(2027, 2, 15))
    text = " ".join(page_text(run_sheet_document(sheet).html()).split())
    venues = len({item.place.name for item in sheet.items if item.place is not None})
    assert "進行表 — 2027年2月15日(月)" in text
    assert (
        f"会場{venues}件で会合{len(sheet.items)}件、競合{len(sheet.conflicts)}件。"
        "時刻は日本時間です。"
    ) in text
    assert "この日の競合 日時 内容 詳細" in text
    assert "夜間のセッション" in text
    assert "ビデオ会議スタジオ" in text
    assert "TDLC 会議室A" in text
    assert "時刻 会合 部屋 通訳・機材 連絡先" in text
    assert "（主催担当者）" in text
    for english in ("Conflicts of the day", "Videoconference studio", "Contacts", "Times in"):
        assert english not in text


@pytest.mark.usefixtures("japanese")
def test_the_report_prints_in_japanese_with_cities_in_the_order_of_their_readings(
    demo: Database,
) -> None:
    from cpp_scheduler.documents.report import report_document
    from cpp_scheduler.documents.stamp import read_change_stamp
    from cpp_scheduler.services.reports import program_report

    report = program_report(demo, date(2027, 1, 1), date(2027, 12, 31))
    with demo.session() as session:
        stamp = read_change_stamp(session)
    text = " ".join(page_text(report_document(report, stamp).html()).split())
    assert "プログラム報告 2027年1月1日～12月31日（東京の日付）" in text
    assert f"開催した会合 {report.meetings}" in text
    assert "連携都市別の時間数" in text
    chart = text[text.index("連携都市別の時間数") :]
    order = [chart.index(name) for name in ("北九州市", "神戸市", "富山市", "横浜市")]
    assert order == sorted(order), "Kitakyushu, Kobe, Toyama, Yokohama: by their readings"
    assert "北九州市 Kitakyushu" in chart  # the Japanese name first, the English beside it
    published = [p.published for p in report.products if p.published is not None]
    assert published
    for day in published:
        assert f"{day.year}年{day.month}月{day.day}日" in text
        assert day.isoformat() not in text


@pytest.mark.usefixtures("japanese")
def test_a_session_past_midnight_at_home_gives_its_zone_once(demo: Database) -> None:
    text = " ".join(page_text(itinerary_document(read_itinerary(demo, PERU)).html()).split())
    # Kobe after 1995, 13:30 in Tokyo: from 23:30 on Sunday to 01:00 on Monday in Lima.
    assert "本国（Lima）: 2月14日(日) 23:30–2月15日(月) 01:00 -05" in text
    assert "-05 -05" not in text
    assert "会議、ハイブリッド、CPP Conference 2027" in text


def test_a_session_without_a_venue_is_online_in_the_programme_only_when_virtual(
    own_demo: Database,
) -> None:
    from cpp_scheduler.model import EventMode, PartnerCity

    with own_demo.transaction() as session:
        conference = session.scalars(select(Event).where(Event.title == CONFERENCE)).one()
        kobe = session.scalars(select(PartnerCity).where(PartnerCity.name == "Kobe")).one()
        start = conference.start_utc + timedelta(hours=1)
        for title, mode in (
            ("Kobe hybrid briefing", EventMode.HYBRID),
            ("Remote Q&A", EventMode.VIRTUAL),
        ):
            session.add(
                Event(
                    title=title,
                    zone="Asia/Tokyo",
                    parent=conference,
                    start_utc=start,
                    end_utc=start + timedelta(hours=1),
                    mode=mode,
                    city=kobe,
                    video_link="https://meet.example.org/q",
                )
            )
    programme = read_programme(own_demo, conference_uid(own_demo))
    rooms = {item.title: item.room for item in programme.sessions}
    assert rooms["Kobe hybrid briefing"] == "Kobe"  # held in Kobe, not online
    assert rooms["Remote Q&A"] == "Online, with Kobe"
