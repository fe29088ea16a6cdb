"""Importing calendar files: plans by UID and SEQUENCE, all or nothing, clear errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import func, select

from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.export import ExportOptions, Method, export_bytes
from cpp_scheduler.ical.importer import read_calendar, resolve_zone
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Participant,
    StudyTour,
)
from cpp_scheduler.services import calendar_export, calendar_import
from cpp_scheduler.store import Database
from tests.hostile import named_pipe
from tests.ical.program import JAPANESE_AGENDA, build_program

STAMP = datetime(2026, 5, 1, tzinfo=UTC)


def program_file(database: Database, tmp_path: Path, name: str = "program.ics") -> Path:
    path = tmp_path / name
    calendar_export.export_calendar(
        database, calendar_export.ProgramScope(), path, ExportOptions(stamp=STAMP)
    )
    return path


def events_of(data: bytes) -> dict[tuple[str, str], dict[str, object]]:
    """Each VEVENT's meaning, keyed by UID and RECURRENCE-ID."""
    found = {}
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        recurrence = event.get("RECURRENCE-ID")
        key = (str(event["UID"]), recurrence.dt.astimezone(UTC).isoformat() if recurrence else "")
        found[key] = {
            "start": event["DTSTART"].dt.astimezone(UTC)
            if isinstance(event["DTSTART"].dt, datetime)
            else event["DTSTART"].dt,
            "end": event["DTEND"].dt,
            "tzid": event["DTSTART"].params.get("TZID"),
            "sequence": int(event.get("SEQUENCE", 0)),
            **{
                name: event.get(name).to_ical() if event.get(name) is not None else None
                for name in (
                    "SUMMARY",
                    "DESCRIPTION",
                    "LOCATION",
                    "GEO",
                    "URL",
                    "CONFERENCE",
                    "CATEGORIES",
                    "STATUS",
                    "RRULE",
                    "EXDATE",
                    "ORGANIZER",
                )
            },
        }
    return found


def test_export_import_into_an_empty_database_and_export_again_gives_the_same_events(
    database: Database, database_url: str, tmp_path: Path
) -> None:
    with database.transaction() as session:
        build_program(session)
    first = program_file(database, tmp_path, "first.ics")

    from cpp_scheduler.store import open_database

    other_url = str(tmp_path / "other.sqlite") if "://" not in database_url else database_url
    if "://" in database_url:  # one PostgreSQL database per test: empty its program
        with database.transaction() as session:
            for record in [
                *session.scalars(select(StudyTour)),
                *session.scalars(select(Event)),
                *session.scalars(select(Participant)),
                *session.scalars(select(Delegation)),
            ]:
                session.delete(record)
        target = database
    else:
        target = open_database(other_url)
    report = calendar_import.import_calendar(target, first)
    assert report.applied
    assert report.count(calendar_import.ImportAction.CREATE) == 6
    assert [entry.reason.split(":")[0] for entry in report.skipped] == [
        "a study tour outline",
        "a travel leg of a study tour",
    ]
    second_path = tmp_path / "second.ics"
    calendar_export.export_calendar(
        target, calendar_export.ProgramScope(), second_path, ExportOptions(stamp=STAMP)
    )
    before = {
        k: v
        for k, v in events_of(first.read_bytes()).items()
        if not k[0].startswith(("tour-", "leg-"))
    }
    after = events_of(second_path.read_bytes())
    # Descriptions name delegations' local times; delegations are not in calendar files.
    for values in (*before.values(), *after.values()):
        values.pop("DESCRIPTION")
    for key in before:
        for name in before[key]:
            assert after[key][name] == before[key][name], (key, name)
    assert after == before
    with target.session() as session:
        workshop = session.scalars(
            select(Event).where(Event.description.startswith(JAPANESE_AGENDA[:20]))
        ).one()
        assert workshop.description == JAPANESE_AGENDA
        assert workshop.kind is EventKind.WORKSHOP
        assert workshop.mode is EventMode.HYBRID
        assert workshop.venue is not None
        assert workshop.venue.name == "TDLC Meeting Room A"
        assert workshop.city is not None
        assert workshop.city.name == "Kobe"
    if target is not database:
        target.close()


def test_japanese_text_survives_export_import_export(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        program = build_program(session)
        program.workshop.title = "神戸市との防災ワークショップ（第2回）"
        program.workshop.description = JAPANESE_AGENDA * 5
    path = program_file(database, tmp_path)
    with database.transaction() as session:
        for event in session.scalars(select(Event)):
            session.delete(event)
    calendar_import.import_calendar(database, path)
    again = tmp_path / "again.ics"
    calendar_export.export_calendar(
        database, calendar_export.ProgramScope(), again, ExportOptions(stamp=STAMP)
    )
    summaries = {
        str(e["SUMMARY"]): str(e["DESCRIPTION"])
        for e in icalendar.Calendar.from_ical(again.read_bytes()).walk("VEVENT")
    }
    assert summaries["神戸市との防災ワークショップ（第2回）"].startswith(JAPANESE_AGENDA * 5)


ELSEWHERE = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//A partner city//Calendar//EN\r
BEGIN:VEVENT\r
UID:untitled-1@partner.example\r
DTSTAMP:20260501T000000Z\r
DTSTART:20270310T010000Z\r
DTEND:20270310T020000Z\r
LOCATION:Sapporo Convention Center\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.mark.usefixtures("japanese")
def test_an_event_without_a_title_or_a_known_place_is_named_in_the_importers_language(
    database: Database, tmp_path: Path
) -> None:
    """The words the import writes into an event where the file gives nothing it knows
    (no SUMMARY, a place the program does not hold) are those of the window importing:
    a Japanese window's events say so in Japanese, in the preview and once stored."""
    path = tmp_path / "partner.ics"
    path.write_text(ELSEWHERE, encoding="utf-8")
    preview = calendar_import.import_calendar(database, path, dry_run=True)
    assert [change.event.title for change in preview.changes] == ["（無題）"]
    calendar_import.import_calendar(database, path)
    with database.session() as session:
        event = session.scalars(
            select(Event).where(Event.uid == "untitled-1@partner.example")
        ).one()
        assert event.title == "（無題）"
        assert event.notes == "取り込んだカレンダーに記載の場所: Sapporo Convention Center"


def test_a_dry_run_shows_the_plan_and_changes_nothing(database: Database, tmp_path: Path) -> None:
    program = build_program()
    ((_, data),) = export_bytes(scopes.program(program.events), ExportOptions())
    path = tmp_path / "partner.ics"
    path.write_bytes(data)
    report = calendar_import.import_calendar(database, path, dry_run=True)
    assert not report.applied
    assert report.count(calendar_import.ImportAction.CREATE) == 6
    assert report.lines()[-1].endswith("(dry run: nothing changed)")
    assert any(
        line.startswith("create  Monthly CPP videoconference (Wed 18 Feb 2026 09:00 Asia/Tokyo)")
        for line in report.lines()
    )
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 0


def test_a_newer_sequence_updates_and_an_older_one_is_ignored(
    database: Database, tmp_path: Path
) -> None:
    with database.transaction() as session:
        program = build_program(session)
        uid = program.workshop.uid
    newer = build_program()
    newer.workshop.uid = uid
    newer.workshop.sequence = 2
    newer.workshop.start_utc = datetime(2026, 6, 9, 1, 0, tzinfo=UTC)
    newer.workshop.end_utc = datetime(2026, 6, 9, 4, 0, tzinfo=UTC)
    path = tmp_path / "newer.ics"
    path.write_bytes(export_bytes(scopes.one_event(newer.workshop), ExportOptions())[0][1])

    plan = calendar_import.import_calendar(database, path, dry_run=True)
    assert [c.action for c in plan.changes] == [calendar_import.ImportAction.UPDATE]
    calendar_import.import_calendar(database, path)
    with database.session() as session:
        stored = session.scalars(select(Event).where(Event.uid == uid)).one()
        assert stored.start_utc == datetime(2026, 6, 9, 1, 0, tzinfo=UTC)
        assert stored.sequence == 2
    again = calendar_import.import_calendar(database, path)
    assert [c.action for c in again.changes] == [calendar_import.ImportAction.UNCHANGED]

    newer.workshop.sequence = 1
    newer.workshop.start_utc = datetime(2026, 6, 9, 5, 0, tzinfo=UTC)
    newer.workshop.end_utc = datetime(2026, 6, 9, 6, 0, tzinfo=UTC)
    path.write_bytes(export_bytes(scopes.one_event(newer.workshop), ExportOptions())[0][1])
    older = calendar_import.import_calendar(database, path)
    assert [c.action for c in older.changes] == [calendar_import.ImportAction.KEEP]
    with database.session() as session:
        stored = session.scalars(select(Event).where(Event.uid == uid)).one()
        assert stored.start_utc == datetime(2026, 6, 9, 1, 0, tzinfo=UTC)


def test_a_cancel_file_cancels_the_event(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        program = build_program(session)
        uid = program.opening.uid
    copy = build_program()
    copy.opening.uid = uid
    copy.opening.sequence = 5
    copy.opening.status = EventStatus.CANCELLED
    ((method, data),) = export_bytes(
        scopes.one_event(copy.opening), ExportOptions(method=Method.REQUEST)
    )
    assert method is Method.CANCEL
    path = tmp_path / "cancel.ics"
    path.write_bytes(data)
    calendar_import.import_calendar(database, path)
    with database.session() as session:
        assert session.scalars(select(Event).where(Event.uid == uid)).one().is_cancelled


def test_one_bad_event_and_nothing_is_imported(database: Database, tmp_path: Path) -> None:
    program = build_program()
    program.site_visit.video_link = ""
    ((_, data),) = export_bytes(scopes.program(program.events), ExportOptions())
    # A virtual videoconference without a link breaks a rule of the program.
    broken = data.replace(
        b"CATEGORIES:Site visit,Face-to-face,Kobe", b"CATEGORIES:Videoconference,Virtual"
    )
    path = tmp_path / "broken.ics"
    path.write_bytes(broken)
    with pytest.raises(CalendarFileError, match="needs a link") as raised:
        calendar_import.import_calendar(database, path)
    assert "line" in str(raised.value)
    assert "HAT Kobe" in str(raised.value)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 0


CALENDAR = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Kobe City//Events//EN\r
{body}END:VCALENDAR\r
"""


def vevent(*lines: str) -> str:
    return "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"


def read(text: str) -> object:
    return read_calendar(text.encode(), "kobe.ics")


def test_a_line_that_is_not_a_content_line_is_named_with_its_number() -> None:
    text = CALENDAR.format(
        body=vevent("UID:1", "SUMMARY:Visit", "this line is broken", "DTSTART:20260601T010000Z")
    )
    with pytest.raises(CalendarFileError) as raised:
        read(text)
    assert str(raised.value).startswith("kobe.ics, line 7: 'this line is broken' is not")


def test_unclosed_and_mismatched_components_are_named() -> None:
    with pytest.raises(CalendarFileError, match=r"line 4 \(VEVENT\): BEGIN:VEVENT is never"):
        read("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n")
    with pytest.raises(
        CalendarFileError, match=r"line 6 \(VEVENT\): END:VCALENDAR closes BEGIN:VEVENT of line 4"
    ):
        read(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
            "END:VCALENDAR\r\n"
        )
    with pytest.raises(CalendarFileError, match=r"line 6 .*END:VTODO closes BEGIN:VEVENT"):
        read(CALENDAR.format(body="BEGIN:VEVENT\r\nUID:1\r\nEND:VTODO\r\n"))


def test_a_bad_value_is_named_with_its_component() -> None:
    text = CALENDAR.format(body=vevent("UID:1", "SUMMARY:Visit", "DTSTART:2026XX01T0900"))
    with pytest.raises(CalendarFileError, match=r"line 4 \(VEVENT\): DTSTART"):
        read(text)


def test_an_unknown_zone_is_refused_with_its_line(database: Database, tmp_path: Path) -> None:
    text = CALENDAR.format(
        body=vevent(
            "UID:1",
            "SUMMARY:Visit",
            "DTSTART;TZID=Mars/Olympus:20260601T090000",
            "DTEND;TZID=Mars/Olympus:20260601T100000",
        )
    )
    path = tmp_path / "mars.ics"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarFileError) as raised:
        calendar_import.import_calendar(database, path)
    message = str(raised.value)
    assert "line 4 (VEVENT)" in message
    assert "'Mars/Olympus'" in message
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 0


def test_a_file_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(CalendarFileError, match="line 2: the file is not UTF-8"):
        read_calendar(b"BEGIN:VCALENDAR\r\nSUMMARY:\xff\xfe\r\n", "latin.ics")


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("/mozilla.org/20070129_1/Europe/Berlin", "Europe/Berlin"),
        ("SA Pacific Standard Time", "America/Bogota"),
        ("Asia/Kathmandu", "Asia/Kathmandu"),
    ],
)
def test_windows_and_prefixed_zone_names_are_understood(tzid: str, zone: str) -> None:
    assert resolve_zone(tzid) == zone


def test_floating_times_take_the_calendars_zone_and_repeated_hours_the_first() -> None:
    text = CALENDAR.format(
        body=(
            "X-WR-TIMEZONE:America/New_York\r\n"
            + vevent("UID:1", "SUMMARY:Fold", "DTSTART:20261101T013000", "DURATION:PT30M")
            + vevent(
                "UID:2",
                "SUMMARY:Outlook",
                "DTSTART;TZID=Tokyo Standard Time:20260601T090000",
                "DTEND;TZID=Tokyo Standard Time:20260601T100000",
            )
            + vevent("UID:3", "SUMMARY:All day", "DTSTART;VALUE=DATE:20260601")
        )
    )
    parsed = read_calendar(text.encode(), "feed.ics")
    fold, outlook, all_day = parsed.events
    # RFC 5545 3.3.5: a repeated local time is its first occurrence (EDT).
    assert fold.start_utc == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert fold.zone == "America/New_York"
    assert outlook.zone == "Asia/Tokyo"
    assert outlook.start_utc == datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
    # A date without an end is one day (RFC 5545 3.6.1), on the calendar's clock.
    assert all_day.all_day
    assert all_day.dates == (date(2026, 6, 1), date(2026, 6, 1))
    assert all_day.zone == "America/New_York"
    assert all_day.start_utc == datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
    assert parsed.skipped == ()


def test_one_session_of_a_series_sent_on_its_own(database: Database, tmp_path: Path) -> None:
    """Outlook and Google send a moved or cancelled session without its series."""
    with database.transaction() as session:
        program = build_program(session)
        uid = program.series.uid
        sequence = program.series.sequence
    may = "20260520T090000"
    june = "20260617T090000"
    text = CALENDAR.format(
        body=(
            vevent(
                f"UID:{uid}",
                f"SEQUENCE:{sequence + 1}",
                "SUMMARY:Monthly CPP videoconference",
                f"RECURRENCE-ID;TZID=Asia/Tokyo:{may}",
                "DTSTART;TZID=Asia/Tokyo:20260521T100000",
                "DTEND;TZID=Asia/Tokyo:20260521T113000",
            )
            + vevent(
                f"UID:{uid}",
                f"SEQUENCE:{sequence + 2}",
                "SUMMARY:Monthly CPP videoconference",
                f"RECURRENCE-ID;TZID=Asia/Tokyo:{june}",
                "STATUS:CANCELLED",
                f"DTSTART;TZID=Asia/Tokyo:{june}",
                "DURATION:PT90M",
            )
            + vevent(
                "UID:elsewhere",
                "SUMMARY:Not ours",
                "RECURRENCE-ID:20260601T000000Z",
                "DTSTART:20260601T010000Z",
                "DTEND:20260601T020000Z",
            )
        )
    )
    path = tmp_path / "outlook.ics"
    path.write_text(text, encoding="utf-8")
    report = calendar_import.import_calendar(database, path)
    assert report.count(calendar_import.ImportAction.UPDATE) == 2
    assert [entry.uid for entry in report.skipped] == ["elsewhere"]
    with database.session() as session:
        series = session.scalars(select(Event).where(Event.uid == uid)).one()
        starts = [o.start for o in series.occurrences()]
        assert datetime(2026, 5, 21, 1, 0, tzinfo=UTC) in starts
        assert datetime(2026, 6, 17, 0, 0, tzinfo=UTC) not in starts
        assert series.sequence == sequence + 2


def test_a_zone_named_freely_is_found_by_its_vtimezone() -> None:
    """Outlook writes 'Customized Time Zone'; the offsets of its VTIMEZONE say which."""
    from cpp_scheduler.ical.vtimezone import vtimezone

    definition = (
        vtimezone(
            "America/Santiago", datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)
        )
        .to_ical()
        .decode()
    )
    definition = definition.replace("TZID:America/Santiago", "TZID:Customized Time Zone")
    text = CALENDAR.format(
        body=definition.replace("\r\n", "\n").replace("\n", "\r\n")
        + vevent(
            "UID:7",
            "SUMMARY:Santiago call",
            "DTSTART;TZID=Customized Time Zone:20260710T090000",
            "DTEND;TZID=Customized Time Zone:20260710T100000",
        )
    )
    (event,) = read_calendar(text.encode(), "outlook.ics").events
    assert event.start_utc == datetime(2026, 7, 10, 13, 0, tzinfo=UTC)  # -04 in July
    assert timezones_agree(event.zone, "America/Santiago")


def timezones_agree(first: str, second: str) -> bool:
    from cpp_scheduler import timezones

    moments = [datetime(2026, 1, 1, tzinfo=UTC) + n * timedelta(days=1) for n in range(365)]
    return all(
        m.astimezone(timezones.zone(first)).utcoffset()
        == m.astimezone(timezones.zone(second)).utcoffset()
        for m in moments
    )


@pytest.mark.parametrize("kind", ["pipe", "folder", "device"])
def test_a_pipe_a_folder_or_a_device_is_refused_without_reading_it(
    sqlite_database: Database, tmp_path: Path, kind: str
) -> None:
    with named_pipe(tmp_path / "incoming.ics") as pipe:
        path = {"pipe": pipe, "folder": tmp_path, "device": Path("/dev/zero")}[kind]
        with pytest.raises(CalendarFileError) as caught:
            calendar_import.import_calendar(sqlite_database, path)
    reason = "is a folder, not a calendar file" if kind == "folder" else "is not a regular file"
    assert str(caught.value).startswith(f"{path}: {reason}")
    with sqlite_database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 0
