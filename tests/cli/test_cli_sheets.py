"""``cpp-scheduler export xlsx|csv`` and ``cpp-scheduler report`` on the demo program:
the files a coordinator opens, the figures printed, and the mistakes said in one line."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event
from cpp_scheduler.store import open_database

TOUR = "Peru study tour: compact, resilient and smart cities"


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_agenda_in_two_zones_filtered_by_city(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "kobe.xlsx"
    status, out, _err = run(
        capsys,
        demo_sqlite_path,
        *("export", "xlsx", "agenda", "--city", "神戸市", "--zone", "Asia/Tokyo"),
        *("--zone", "America/Lima", "--from", "2027-01-01", "--to", "2027-03-31", "-o"),
        str(target),
    )
    assert status == 0, out
    sheet = load_workbook(target)["Agenda"]
    header = [cell.value for cell in sheet[1]]
    assert header[9:15] == [
        "Start (Asia/Tokyo)",
        "End (Asia/Tokyo)",
        "Start (America/Lima)",
        "End (America/Lima)",
        "Start (UTC)",
        "End (UTC)",
    ]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows
    assert all(row[6] == "Kobe" for row in rows)
    # The monthly series' meetings in the period (its 17 February one was cancelled),
    # the DRI visit and the Kobe workshop of the tour.
    titles = [row[0] for row in rows]
    assert titles.count("Peer-to-peer workshop series: resilient cities (monthly)") == 2
    first = rows[0]
    assert first[9] == datetime(2027, 1, 20, 17, 0)  # 17:00 in Tokyo
    assert first[11] == datetime(2027, 1, 20, 3, 0)  # 03:00 in Lima, the same day
    assert first[13] == datetime(2027, 1, 20, 8, 0)  # the instant, in UTC
    assert out.splitlines() == [f"Wrote {len(rows)} meetings to {target}"]


def test_the_delegations_as_csv_beside_their_members(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _err = run(
        capsys, demo_sqlite_path, "export", "csv", "delegations", "-o", str(tmp_path / "d.csv")
    )
    assert status == 0
    assert (tmp_path / "d.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with (tmp_path / "d.csv").open(encoding="utf-8-sig", newline="") as stream:
        delegations = list(csv.DictReader(stream))
    with (tmp_path / "d-members.csv").open(encoding="utf-8-sig", newline="") as stream:
        members = list(csv.DictReader(stream))
    assert len(delegations) == 5
    peru = next(row for row in delegations if row["Country code"] == "PE")
    assert peru["Arrival in Japan"] == "2027-03-07"
    assert int(peru["Members"]) == sum(m["Delegation"] == peru["Delegation"] for m in members)
    assert f"Wrote {tmp_path / 'd-members.csv'}" in out


def test_a_study_tours_days_in_order(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "tour.xlsx"
    status, _out, _err = run(
        capsys, demo_sqlite_path, "export", "xlsx", "tour", "--tour", TOUR, "-o", str(target)
    )
    assert status == 0
    rows = list(load_workbook(target).worksheets[0].iter_rows(min_row=2, values_only=True))
    days = [row[0] for row in rows]
    assert days == sorted(days)
    items = [(row[0].day, row[2]) for row in rows]
    assert items[:4] == [(8, "Activity"), (8, "Travel"), (8, "Activity"), (8, "Hotel night")]
    assert ("Kobe → Kitakyushu", "Rail") in [(row[7], row[8]) for row in rows]
    assert "人と防災未来センター" in [row[9] for row in rows]  # for the taxi driver


def test_the_report_printed_and_as_a_workbook(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    period = ("--from", "2027-01-01", "--to", "2027-01-31")
    status, out, _err = run(capsys, demo_sqlite_path, "report", *period)
    assert status == 0
    assert "Program report — meetings starting 01–31 January 2027 (Tokyo)" in out
    assert "1 meeting held, 1.50 hours; 0 cancelled" in out
    assert "Partner cities left out: Kitakyushu, Toyama, Yokohama" in out

    status, out, _err = run(capsys, demo_sqlite_path, "report", *period, "--json")
    printed = json.loads(out)
    assert printed["left_out"]["cities"] == ["Kitakyushu", "Toyama", "Yokohama"]

    target = tmp_path / "report.xlsx"
    status, out, _err = run(capsys, demo_sqlite_path, "report", *period, "-o", str(target))
    assert status == 0
    book = load_workbook(target)
    assert book.sheetnames == [
        "Summary",
        "By kind",
        "By mode",
        "By theme",
        "By partner city",
        "By delegation",
        "By country",
        "Knowledge products",
    ]
    cities = {row[0]: row[1:] for row in book["By partner city"].iter_rows(2, values_only=True)}
    assert cities["Kobe"] == (1, 1.5, 0)
    assert cities["Toyama"] == (0, 0, 0)
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Meetings held"] == printed["meetings"] == 1
    assert summary["Partner cities left out"] == "Kitakyushu, Toyama, Yokohama"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "xlsx", "agenda", "--zone", "Mars/Olympus"], "--zone 'Mars/Olympus'"),
        (["export", "csv", "agenda", "--city", "Atlantis"], "no partner city is called"),
        (["export", "xlsx", "tour"], "'tour' needs --tour NAME"),
        (["export", "xlsx", "tour", "--tour", "Nowhere"], "no study tour is called 'Nowhere'"),
        (["report", "--from", "2027-02-01", "--to", "2027-01-01"], "--to 2027-01-01 is before"),
        (["report", "--from", "2027-01-01", "--to", "2027-01-31", "-o", "r.ods"], ".xlsx"),
        (["export", "csv", "delegations", "-o", "FOLDER"], "it is a folder"),
        (["export", "csv", "delegations", "-o", "FOLDER/d.xlsx"], "a CSV table is written as .csv"),
        (["export", "csv", "delegations", "-o", "FOLDER/exports.csv"], "is a folder"),
        (["export", "xlsx", "delegations", "-o", "FOLDER/missing/d.xlsx"], "does not exist"),
    ],
)
def test_mistakes_are_said_in_one_line(
    demo_sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    if "-o" not in args and args[0] == "export":
        args = [*args, "-o", str(tmp_path / f"out.{args[1]}")]
    args = [arg.replace("FOLDER", str(tmp_path)) for arg in args]
    (tmp_path / "exports.csv").mkdir()  # a folder named as a file
    status, _out, err = run(capsys, demo_sqlite_path, *args)
    assert status != 0
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob("out.*"))


def test_export_ics_still_works(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "all.ics"
    status, _out, _err = run(capsys, demo_sqlite_path, "export", "ics", "--all", "-o", str(target))
    assert status == 0
    assert target.read_text("utf-8").startswith("BEGIN:VCALENDAR")


def test_an_all_day_event_has_dates_and_an_all_day_mark_not_midnights(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, db)
    database = open_database(db)
    with database.transaction() as session:
        closure = Event(title="Office closed", zone="Asia/Tokyo")
        closure.set_dates(date(2027, 2, 11), date(2027, 2, 12))
        session.add(closure)
    database.close()
    span = ("--zone", "Asia/Tokyo", "--zone", "America/Lima", "--from", "2027-02-10")
    status, out, _err = run(
        capsys,
        db,
        "export",
        "xlsx",
        "agenda",
        *span,
        "--to",
        "2027-02-13",
        "-o",
        str(tmp_path / "a.xlsx"),
    )
    assert status == 0, out
    sheet = load_workbook(tmp_path / "a.xlsx")["Agenda"]
    header = [cell.value for cell in sheet[1]]
    assert header[15:] == ["All day", "Hours", "Hours note"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    closed = next(row for row in rows if row[0] == "Office closed")
    # The same dates on every clock, as dates (Excel shows no midnight), and the mark.
    assert closed[9:15] == (datetime(2027, 2, 11), datetime(2027, 2, 12)) * 3
    assert sheet.cell(rows.index(closed) + 2, 10).number_format == "yyyy-mm-dd"
    assert closed[15] == "All day to Fri 12 Feb"
    assert all(row[15] is None for row in rows if row is not closed)
    status, out, _err = run(
        capsys,
        db,
        "export",
        "csv",
        "agenda",
        *span,
        "--to",
        "2027-02-13",
        "-o",
        str(tmp_path / "a.csv"),
    )
    assert status == 0, out
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as stream:
        lines = list(csv.DictReader(stream))
    row = next(line for line in lines if line["Title"] == "Office closed")
    assert row["Start (America/Lima)"] == "2027-02-11"
    assert row["End (UTC)"] == "2027-02-12"
    assert row["All day"] == "All day to Fri 12 Feb"


def test_countries_are_named_as_people_name_them(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cpp_scheduler.model import Delegation
    from cpp_scheduler.services import editing

    database = open_database(demo_sqlite_path)
    for name, country, zone in (
        ("Samoa: Apia", "WS", "Pacific/Apia"),
        ("United Kingdom: Bristol", "GB", "Europe/London"),
    ):
        editing.create(database, Delegation, {"name": name, "country": country, "zone": zone})
    database.close()
    target = tmp_path / "delegations.xlsx"
    status, out, _err = run(
        capsys, demo_sqlite_path, "export", "xlsx", "delegations", "-o", str(target)
    )
    assert status == 0, out
    sheet = load_workbook(target).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    country = header.index("Country")
    assert rows["Samoa: Apia"][country] == "Samoa"  # not the zone database's "Samoa (western)"
    assert rows["United Kingdom: Bristol"][country] == "United Kingdom"  # not "Britain (UK)"

    status, out, _err = run(
        capsys, demo_sqlite_path, "--lang", "ja", "export", "xlsx", "delegations", "-o", str(target)
    )
    sheet = load_workbook(target).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Samoa: Apia"][country] == "サモア"


def test_an_all_day_event_adds_a_meeting_but_no_hours(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A week's closure and a day's holiday in Nairobi have dates, not hours: the year's
    report and its workbook count them as meetings without adding 168 + 24 hours, and
    the agenda leaves their Hours cells empty."""
    from cpp_scheduler.model import Delegation

    db = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, db)
    period = ("--from", "2027-01-01", "--to", "2027-12-31")
    _status, out, _err = run(capsys, db, "report", *period, "--json")
    before = json.loads(out)
    database = open_database(db)
    with database.transaction() as session:
        kenya = session.query(Delegation).filter(Delegation.name.like("Kenya%")).one()
        closure = Event(title="Golden week closure", zone="Asia/Tokyo")
        closure.set_dates(date(2027, 4, 29), date(2027, 5, 5))
        holiday = Event(title="Madaraka Day", zone="Africa/Nairobi")
        holiday.set_dates(date(2027, 6, 1), date(2027, 6, 1))
        for event in (closure, holiday):
            event.delegations.append(kenya)
            session.add(event)
    database.close()

    status, out, _err = run(capsys, db, "report", *period, "--json")
    assert status == 0
    after = json.loads(out)
    assert after["meetings"] == before["meetings"] + 2
    assert after["hours"] == pytest.approx(before["hours"])  # 50.25, not 242.25
    status, out, _err = run(capsys, db, "report", *period)
    assert f"{before['meetings'] + 2} meetings held, 50.25 hours" in out

    target = tmp_path / "report.xlsx"
    status, _out, _err = run(capsys, db, "report", *period, "-o", str(target))
    assert status == 0
    book = load_workbook(target)
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Hours"] == pytest.approx(50.25)
    delegations = {row[0]: row[1:] for row in book["By delegation"].iter_rows(2, values_only=True)}
    assert delegations["Kenya: Nairobi City County"][:2] == (8, 25.25)

    agenda = tmp_path / "agenda.xlsx"
    spring = ("--from", "2027-04-01", "--to", "2027-06-30")
    status, _out, _err = run(capsys, db, "export", "xlsx", "agenda", *spring, "-o", str(agenda))
    assert status == 0
    sheet = load_workbook(agenda)["Agenda"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    hours = header.index("Hours")
    assert rows["Golden week closure"][hours] is None
    assert rows["Madaraka Day"][hours] is None
    assert rows["Peer-to-peer workshop series: resilient cities (monthly)"][hours] == 1.5


def test_the_summarys_hours_read_as_the_breakdowns_hours(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Summary's hours are shown with two decimals, as in every other sheet, the
    PDF and the terminal: not "1." for the one-hour briefing of 24 February."""
    target = tmp_path / "report.xlsx"
    period = ("--from", "2027-02-24", "--to", "2027-02-24")
    status, out, _err = run(capsys, demo_sqlite_path, "report", *period, "-o", str(target))
    assert status == 0, out
    book = load_workbook(target)
    summary = {row[0].value: row[1] for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["Hours"].value == 1
    by_kind = {row[0].value: row[2] for row in book["By kind"].iter_rows(min_row=2)}
    assert by_kind["Videoconference"].number_format == "0.00"
    assert summary["Hours"].number_format == by_kind["Videoconference"].number_format
    assert summary["Meetings held"].number_format == "0"
