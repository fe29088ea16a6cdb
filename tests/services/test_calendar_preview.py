"""The export preview: the very file the export writes, read back on its reader's clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.ical.export import ExportOptions, Method
from cpp_scheduler.model import Event, EventStatus, Participant
from cpp_scheduler.services import calendar_export, calendar_preview, snapshot
from cpp_scheduler.services.calendar_preview import PreviewRow
from cpp_scheduler.services.demo import CONFERENCE, SERIES, load_demo
from cpp_scheduler.store import Database
from tests.ical import parsers
from tests.ical.program import Program, build_program
from tests.mail.helpers import SENDER

ROSA = "rosa.quispe@example.org"
"""A member of the demo's Peru delegation, who follows the conference from Lima."""
WINDOW = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))


@pytest.fixture
def program(database: Database) -> Program:
    with database.transaction() as session:
        return build_program(session)


def rows_titled(rows: tuple[PreviewRow, ...], title: str) -> list[PreviewRow]:
    return [row for row in rows if row.title == title]


def test_a_participant_in_lima_reads_the_two_day_conference_on_her_own_clock(
    sqlite_database: Database,
) -> None:
    load_demo(sqlite_database)
    preview = calendar_preview.preview_export(
        sqlite_database, calendar_export.ParticipantScope(ROSA)
    )

    assert preview.zone == "America/Lima"
    (conference,) = rows_titled(preview.rows, CONFERENCE)
    # 09:00 on Monday 15 February in Tokyo is Sunday evening in Lima; 15:30 on
    # Tuesday 16 February in Tokyo is past midnight there: both dates are shown.
    assert conference.start_text == "Sun 14 Feb 2027 19:00 (UTC-05:00)"
    assert conference.end_text == "Tue 16 Feb 2027 01:30 (UTC-05:00)"
    assert conference.start.date() != conference.end.date()
    assert conference.start == timezones.to_utc(datetime(2027, 2, 15, 9), timezones.TOKYO)
    assert conference.video_link.endswith("cpp-conference-2027")
    assert conference.status is EventStatus.CONFIRMED


def test_a_delegates_days_in_japan_are_read_on_tokyos_clock_and_the_rest_at_home(
    sqlite_database: Database,
) -> None:
    """Rosa's delegation is in Japan from 7 to 13 March: the tour's meetings read as
    she lives them there, on Japan's clock, as her file's own text and her itinerary
    say them (the preview read them on Lima's: Sun 07 Mar 19:30 for Monday's 09:30);
    the conference she joins from Lima in February stays on Lima's."""
    load_demo(sqlite_database)
    preview = calendar_preview.preview_export(
        sqlite_database, calendar_export.ParticipantScope(ROSA)
    )

    assert preview.zone == "America/Lima"
    (opening,) = rows_titled(preview.rows, "Study tour opening and briefing at TDLC")
    assert opening.start_text == "Mon 08 Mar 2027 09:30 (UTC+09:00)"
    (conference,) = rows_titled(preview.rows, CONFERENCE)
    assert conference.start_text == "Sun 14 Feb 2027 19:00 (UTC-05:00)"
    (closing,) = rows_titled(preview.rows, "Closing plenary: partnerships for the next round")
    assert closing.start_text == "Tue 16 Feb 2027 00:00 (UTC-05:00)"  # a session, at home
    summary = calendar_preview.summary_text(preview)
    assert summary.startswith(  # the tour's 9 and the conference with its 10 sessions
        "20 meetings, read in America/Lima (in Asia/Tokyo while in Japan, "
        "Sun 07 Mar 2027 to Sat 13 Mar 2027)"
    )


def test_the_preview_lists_the_tours_days_and_legs_the_file_shows_her(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rosa's file holds her delegation's study tour: its days as one entry of dates and
    each train and flight, which her calendar shows among her meetings. The preview
    listed her meetings alone, so what she would see was not what it showed; it lists
    them too, on her clock of the day (Japan's during the stay), and counts meetings."""
    load_demo(sqlite_database)
    preview = calendar_preview.preview_export(
        sqlite_database, calendar_export.ParticipantScope(ROSA)
    )

    parts = [row for row in preview.rows if row.tour_part]
    assert [(row.title, row.start_text, row.end_text) for row in parts] == [
        (
            "Peru study tour: compact, resilient and smart cities",
            "Mon 08 Mar 2027 (all day)",
            "Fri 12 Mar 2027 (all day)",
        ),
        (
            "Rail: Tokyo → Yokohama",
            "Mon 08 Mar 2027 12:30 (UTC+09:00)",
            "Mon 08 Mar 2027 13:00 (UTC+09:00)",
        ),
        (
            "Rail: Yokohama → Kobe",
            "Tue 09 Mar 2027 12:40 (UTC+09:00)",
            "Tue 09 Mar 2027 15:30 (UTC+09:00)",
        ),
        (
            "Rail: Kobe → Kitakyushu",
            "Thu 11 Mar 2027 08:30 (UTC+09:00)",
            "Thu 11 Mar 2027 10:30 (UTC+09:00)",
        ),
        (
            "Air: Kitakyushu → Tokyo",
            "Fri 12 Mar 2027 13:00 (UTC+09:00)",
            "Fri 12 Mar 2027 14:30 (UTC+09:00)",
        ),
    ]
    assert calendar_preview.summary_text(preview).startswith("20 meetings, read in America/Lima")
    assert calendar_preview.summary_text(preview).endswith("and 1 study tour")

    url = sqlite_database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    arguments = ["--db", url, "export", "ics", "--participant", ROSA, "--preview", "--json"]
    assert main(arguments) == 0
    listed = json.loads(capsys.readouterr().out)["events"]
    assert [row["title"] for row in listed if row["tour_part"]] == [row.title for row in parts]


def test_a_washington_participant_reads_the_series_an_hour_later_after_the_clock_change(
    program: Program, database: Database
) -> None:
    preview = calendar_preview.preview_export(
        database, calendar_export.ParticipantScope(program.grace.email)
    )

    assert preview.zone == timezones.WASHINGTON
    series = rows_titled(preview.rows, program.series.title)
    assert [(row.start_text, row.end_text) for row in series] == [
        # 09:00 in Tokyo each third Wednesday: the evening before in Washington, at 19:00
        # in winter (UTC-05:00), at 20:00 once the United States changed its clocks on
        # 8 March (UTC-04:00). March's session is cancelled; April's moved to Thursday
        # 11:00 in Tokyo.
        ("Tue 17 Feb 2026 19:00 (UTC-05:00)", "Tue 17 Feb 2026 20:30 (UTC-05:00)"),
        ("Wed 15 Apr 2026 22:00 (UTC-04:00)", "Wed 15 Apr 2026 23:30 (UTC-04:00)"),
        ("Tue 19 May 2026 20:00 (UTC-04:00)", "Tue 19 May 2026 21:30 (UTC-04:00)"),
        ("Tue 16 Jun 2026 20:00 (UTC-04:00)", "Tue 16 Jun 2026 21:30 (UTC-04:00)"),
        ("Tue 14 Jul 2026 20:00 (UTC-04:00)", "Tue 14 Jul 2026 21:30 (UTC-04:00)"),
    ]
    april = series[1]
    assert april.recurrence_id == timezones.to_utc(datetime(2026, 4, 15, 9), timezones.TOKYO)
    assert april.event_id == program.series.id


def test_a_delegation_reads_its_file_on_its_home_clock(
    program: Program, database: Database
) -> None:
    preview = calendar_preview.preview_export(
        database, calendar_export.DelegationScope(program.kathmandu.name)
    )
    assert preview.zone == "Asia/Kathmandu"
    assert preview.rows
    assert all(row.start_text.endswith("(UTC+05:45)") for row in preview.rows)


def test_the_whole_program_is_read_in_tokyo(program: Program, database: Database) -> None:
    preview = calendar_preview.preview_export(database, calendar_export.ProgramScope())
    assert preview.zone == timezones.TOKYO
    (washington,) = rows_titled(preview.rows, program.fold_event.title)
    assert washington.start_text == "Sun 01 Nov 2026 13:30 (UTC+09:00)"
    assert preview.tours == 1


def test_a_bounded_preview_reads_the_first_events_and_says_how_many_the_file_holds(
    program: Program, database: Database
) -> None:
    """The window asks for at most a number of events, so a year of them never holds
    its worker for seconds; what it shows is the start of the whole preview."""
    whole = calendar_preview.preview_export(database, calendar_export.ProgramScope())
    bounded = calendar_preview.preview_export(
        database, calendar_export.ProgramScope(), most_events=2
    )
    assert whole.previewed == whole.events > 2
    assert (bounded.events, bounded.previewed) == (whole.events, 2)
    meetings = [row for row in whole.rows if not row.tour_part]
    earliest = {row.event_id for row in meetings[:1]}
    assert earliest <= {row.event_id for row in bounded.rows}
    assert len({row.event_id for row in bounded.rows if not row.tour_part}) == 2


@pytest.mark.parametrize("who", ["ana", "grace", "maya"])
def test_the_preview_holds_the_meetings_an_independent_reader_finds_in_the_file(
    program: Program, database: Database, tmp_path: Path, who: str
) -> None:
    email = getattr(program, who).email
    scope = calendar_export.ParticipantScope(email)
    (path,) = calendar_export.export_calendar(database, scope, tmp_path / f"{who}.ics")
    # Every timed entry of the file, a study tour's travel legs among them.
    written = parsers.timed(parsers.with_recurring_ical_events(path.read_bytes(), WINDOW))

    preview = calendar_preview.preview_export(database, scope)
    assert written
    # In UTC: Python never finds a local time in a fold (Washington's 01:30 on 1 November)
    # equal to a time of another zone.
    seen = {
        (row.uid, row.start.astimezone(UTC), row.end.astimezone(UTC))
        for row in preview.rows
        if not row.all_day
    }
    assert seen == written
    legs = {row.uid for row in preview.rows if row.tour_part and not row.all_day}
    assert legs == {uid for uid, *_times in written if uid.startswith("leg-")}


def test_request_mode_reads_the_cancelled_event_from_the_second_file(
    program: Program, database: Database
) -> None:
    preview = calendar_preview.preview_export(
        database,
        calendar_export.ParticipantScope(program.ana.email),
        ExportOptions(method=Method.REQUEST),
    )
    assert preview.files == (Method.REQUEST, Method.CANCEL)
    (cancelled,) = [row for row in preview.rows if row.cancelled]
    assert cancelled.title == program.cancelled.title
    # In Japan with her delegation that day: on Tokyo's clock, as her file says it.
    assert cancelled.start_text == "Wed 10 Jun 2026 14:00 (UTC+09:00)"


def test_the_demo_series_keeps_its_moved_session_and_drops_the_cancelled_one(
    sqlite_database: Database,
) -> None:
    load_demo(sqlite_database)
    preview = calendar_preview.preview_export(sqlite_database, calendar_export.ProgramScope())
    days = [row.start.date().isoformat() for row in rows_titled(preview.rows, SERIES)]
    assert days == ["2027-01-20", "2027-03-17", "2027-04-21", "2027-05-20", "2027-06-16"]


def test_a_participant_the_program_does_not_hold_is_refused(database: Database) -> None:
    with pytest.raises(snapshot.NotFoundError, match=r"nobody@example\.org"):
        calendar_preview.preview_export(
            database, calendar_export.ParticipantScope("nobody@example.org")
        )


def test_a_request_with_a_tour_says_what_makes_up_its_count_of_events(
    program: Program, database: Database
) -> None:
    """The summary counts meetings and tours; the note counts the file's events, a tour
    and each of its legs among them, and says so."""
    preview = calendar_preview.preview_export(
        database, calendar_export.ProgramScope(), ExportOptions(method=Method.REQUEST)
    )
    assert preview.tours == 1
    text = calendar_preview.summary_text(preview)
    assert "and 1 study tour" in text.splitlines()[0]
    [note] = [line for line in text.splitlines() if "Outlook and Gmail" in line]
    assert "events (the meetings, and each study tour and its travel legs), but" in note


def test_a_request_of_cancelled_meetings_alone_says_the_file_itself_removes_them(
    program: Program, database: Database
) -> None:
    """Carla, a guest named on the cancelled workshop alone: her request has nothing left
    to invite to, so the file written is the cancellation itself (no second file beside
    it), and the summary says so; it said the cancellations were "in the second file"."""
    with database.transaction() as session:
        workshop = session.get(Event, program.cancelled.id)
        assert workshop is not None
        workshop.participants.append(
            Participant(name="Carla Guest", email="carla@example.org", zone="Asia/Tokyo")
        )
    options = ExportOptions(method=Method.REQUEST, organizer=SENDER)
    preview = calendar_preview.preview_export(
        database, calendar_export.ParticipantScope("carla@example.org"), options
    )

    assert preview.files == (Method.CANCEL,)
    assert calendar_preview.summary_text(preview).startswith(
        "1 meeting, read in Asia/Tokyo; 1 cancelled: the file removes them"
    )
