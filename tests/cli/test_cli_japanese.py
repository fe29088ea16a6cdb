"""The command line in Japanese: ``--lang ja`` gives Japanese help, tables and one-line
errors, with the numbers, dates and names a coordinator checks, and columns that line up
on a terminal where a Japanese character takes two columns."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.cli import columns, main

CONFERENCE = "CPP Conference 2027: Cities Learning from Cities"
SERIES = "Peer-to-peer workshop series: resilient cities (monthly)"
PERU = "Peru: Ministry of Housing, Construction and Sanitation"


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """``main`` sets the language for the process; the next test starts in English."""
    yield
    i18n.use_language(i18n.ENGLISH)


@pytest.fixture
def demo(demo_sqlite_path: Path) -> str:
    return str(demo_sqlite_path)


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def as_json(capsys: pytest.CaptureFixture[str], *arguments: str) -> Any:
    status, out, _ = run(capsys, *arguments, "--json")
    assert status == 0
    return json.loads(out)


def test_events_are_listed_in_japanese_with_their_columns_in_line(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    days = ("--from", "2027-02-15", "--to", "2027-02-17")
    items = as_json(capsys, "events", "list", "--db", demo, *days)
    status, out, _ = run(capsys, "events", "list", "--db", demo, "--lang", "ja", *days)
    assert status == 0
    lines = out.splitlines()
    header = ["開始（UTC）", "現地時刻", "タイトル", "種類", "状態", "形式", "場所", "代表団"]
    assert lines[0].split() == header
    assert lines[-1] == f"2027-02-15～2027-02-17（東京）: イベント{len(items)}件の{len(items)}回。"
    # A site visit in Toyama, at its venue's Japanese name, on Wednesday 17 February.
    visit = next(line for line in lines if "Site visit: Toyama" in line)
    assert "2月17日(水) 11:00-15:00 JST" in visit
    assert "現地視察  仮" in visit
    assert "富山ライトレール" in visit
    # Every row's cells start where the rule under the header starts a column, as a
    # terminal shows them: two blank columns before each.
    rule = lines[1]
    starts = [n for n in range(1, len(rule)) if rule[n] == "-" and rule[n - 1] == " "]
    assert len(starts) == len(header) - 1
    rows = lines[2:-2]
    assert len(rows) == len(items)
    for line in [lines[0], *rows]:
        shown = screen(line)
        for start in starts:
            if start < len(shown):
                assert shown[start - 2 : start] == [" ", " "], (line, start)
    assert max(len(screen(line)) for line in rows) <= len(rule)


def screen(line: str) -> list[str]:
    """A printed line as a terminal lays it out: one entry per column, a wide character
    followed by an empty entry for the second column it takes."""
    cells: list[str] = []
    for character in line:
        cells.append(character)
        if unicodedata.east_asian_width(character) in ("W", "F"):
            cells.append("")
    return cells


def test_a_wide_title_is_clipped_by_the_columns_it_takes() -> None:
    assert columns.width("神戸市 Kobe") == 11
    assert columns.clip("防災ワークショップ", 9) == "防災ワー…"
    assert columns.width(columns.clip("防災ワークショップ", 9)) == 9
    assert columns.pad("会議", 6) == "会議  "
    table = columns.table([["神戸市", "2"], ["Toyama", "13"]], ["都市", "回数"])
    assert table.splitlines() == ["都市    回数", "神戸市  2", "Toyama  13"]


def test_japanese_help_wraps_by_the_columns_a_terminal_gives(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as exit_:
        main(["conflicts", "--lang", "ja", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("使い方: cpp-scheduler conflicts")
    usage = out.splitlines()
    # The usage's second line starts under its first option, on screen.
    assert len(usage[1]) - len(usage[1].lstrip()) == columns.width(
        "使い方: cpp-scheduler conflicts "
    )
    assert "オプション:" in out
    assert "このヘルプを表示して終了します" in out
    assert "競合をそれぞれ1文で説明します" in out.replace("\n", "")
    assert "初日（YYYY-MM-DD）: 確認する期間、東京の日付" in out
    assert max(columns.width(line) for line in out.splitlines()) <= 80


def test_a_mistake_on_the_command_line_is_one_japanese_line(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, "events", "list", "--db", demo, "--lang", "ja", "--from", "2027-99-01"
    )
    assert status == 2
    assert err == (
        "cpp-scheduler: --from '2027-99-01' は日付ではありません。YYYY-MM-DD（2027-02-15 など）"
        "の形で指定してください\n"
    )
    with pytest.raises(SystemExit):
        main(["slots", "--lang", "ja", "--with", "Kenya"])
    assert capsys.readouterr().err == (
        "cpp-scheduler slots: 次の引数が必要です: --duration, --from, --to"
        "（cpp-scheduler slots --help を参照）\n"
    )


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        (
            "--duration",
            "an hour",
            "'an hour' は長さではありません（90m、1h30m、2h のように書いてください）",
        ),
        (
            "--duration",
            "8785h",
            "'8785h' は、このプログラムで計画できる長さ（366日間）を超えています",
        ),
        ("--step", "0", "長さは 0 より長くしてください"),
    ],
    ids=["unreadable", "past-a-year", "zero"],
)
def test_a_length_slots_cannot_take_is_one_japanese_line(
    demo: str, option: str, value: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["slots", "--db", demo, "--lang", "ja", "--with", "Kenya", "--duration", "1h"]
    with pytest.raises(SystemExit) as exited:
        main([*arguments, "--from", "2027-01-18", "--to", "2027-01-22", option, value])
    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        f"cpp-scheduler slots: 引数 {option}: {said}（cpp-scheduler slots --help を参照）\n"
    )


def test_local_times_in_japanese(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    events = as_json(capsys, "events", "list", "--db", demo)
    uid = next(item["uid"] for item in events if item["title"] == SERIES)
    status, out, _ = run(capsys, "times", uid, "--db", demo, "--lang", "ja")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"{SERIES}: 2027年1月20日(水) 17:00-18:30（東京）"
    assert lines[1].split()[:3] == ["参加者", "タイムゾーン", "現地時刻"]
    tokyo = next(line for line in lines if line.startswith("東京 "))
    assert "2027年1月20日(水) 17:00-18:30" in tokyo
    assert tokyo.rstrip().endswith("参加可能な時間帯")
    washington = next(line for line in lines if line.startswith("ワシントン"))
    assert "2027年1月20日(水) 03:00-04:30  0     -05:00 EST" in washington
    assert washington.rstrip().endswith("夜間")
    # The local time starts at one terminal column in every row, whatever the names.
    starts = {columns.width(line[: line.index("2027年")]) for line in lines[2:] if line}
    assert len(starts) == 1


def test_conflicts_in_japanese_count_what_the_json_counts(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = as_json(capsys, "conflicts", "--db", demo)
    status, out, _ = run(capsys, "conflicts", "--db", demo, "--lang", "ja")
    assert status == 0
    lines = out.splitlines()
    warnings = [line for line in lines if line.startswith("警告")]
    assert len(warnings) == found["warnings"] > 0
    assert any("夜間のセッション: " in line for line in warnings)
    assert lines[-1].endswith(f"中 エラー{found['errors']}件、警告{found['warnings']}件")


def test_a_delegations_schedule_in_japanese(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    schedule = as_json(capsys, "schedule", "--db", demo, "--delegation", PERU)
    status, out, _ = run(capsys, "schedule", "--db", demo, "--delegation", PERU, "--lang", "ja")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["代表団の時刻（Lima）", "東京", "時間帯", "会合"]
    assert "2027年3月12日(金) 15:30-17:00 JST（日本滞在中）" in out
    nights = schedule["nights"]
    assert lines[-1] == (
        f"プログラム全体: {PERU}の会合{len(schedule['meetings'])}件、うち夜間{nights}件"
    )


def test_slots_in_japanese(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    search = ("--with", "Kenya: Nairobi City County", "--duration", "1h")
    days = ("--from", "2027-03-01", "--to", "2027-03-05", "--count", "1")
    status, out, _ = run(capsys, "slots", "--db", demo, "--lang", "ja", *search, *days)
    assert status == 0
    assert out.splitlines()[:4] == [
        "主催者: TDLC Tokyo。",
        "",
        "1. 2027年3月1日(月) 15:00-16:00（東京）: 負担 0（最大 0）",
        "     TDLC Tokyo: 3月1日(月) 15:00-16:00 JST、勤務時間内（09:00-18:00）",
    ]


def test_the_report_names_partner_cities_in_japanese_in_the_order_of_their_readings(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    period = ("--from", "2027-01-01", "--to", "2027-12-31")
    report = as_json(capsys, "report", "--db", demo, *period)
    status, out, _ = run(capsys, "report", "--db", demo, "--lang", "ja", *period)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "プログラム報告 — 2027年1月1日～12月31日に始まる会合（東京）"
    assert lines[1] == (
        f"会合{report['meetings']}件開催、{report['hours']:.2f}時間、中止{report['cancelled']}件"
    )
    start = lines.index(next(line for line in lines if line.startswith("連携都市 ")))
    cities = [line.split()[0] for line in lines[start + 1 : start + 5]]
    # Kitakyushu, Kobe, Toyama, Yokohama: the order of their readings, not of the kanji's
    # code points (北 富 横 神).
    assert cities == ["北九州市", "神戸市", "富山市", "横浜市"]
    assert sorted(cities) != cities


def test_answers_and_changes_in_japanese(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "replies", "list", "--invited", "--db", demo, "--lang", "ja")
    assert status == 0
    assert out.splitlines()[0].endswith("> 未回答")
    status, out, _ = run(capsys, "changes", "--db", demo, "--lang", "ja")
    assert status == 0
    assert out == "全員に現在のプログラムが伝わっています。\n"


def test_english_reads_as_it_did(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    days = ("--from", "2027-02-17", "--to", "2027-02-17")
    status, out, _ = run(capsys, "events", "list", "--db", demo, "--lang", "en", *days)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["START", "(UTC)", "LOCAL"]
    assert "Wed 17 Feb 11:00-15:00 JST" in lines[2]
    assert lines[-1] == "1 occurrence of 1 event from 2027-02-17 to 2027-02-17 (Tokyo)."


def test_the_japanese_report_workbook_keeps_its_two_charts(
    demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import zipfile

    output = tmp_path / "report.xlsx"
    period = ("--from", "2027-01-01", "--to", "2027-12-31")
    status, out, _ = run(capsys, "report", "--db", demo, "--lang", "ja", *period, "-o", str(output))
    assert status == 0
    assert out == f"{output} を書き出しました\n"
    files = zipfile.ZipFile(output)
    charts = [name for name in files.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 2  # hours by theme and by partner city, on their Japanese sheets
    texts = [files.read(name).decode() for name in charts]
    assert any("'テーマ別'!$C$2" in text for text in texts)
    assert any("'連携都市別'!$C$2" in text for text in texts)


def test_the_agenda_spreadsheet_in_japanese(
    demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv

    output = tmp_path / "agenda.csv"
    days = ("--from", "2027-02-15", "--to", "2027-02-15")
    status, out, _ = run(
        capsys, "export", "csv", "agenda", "--db", demo, "--lang", "ja", *days, "-o", str(output)
    )
    assert status == 0
    with output.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    assert out.splitlines() == [f"{len(rows) - 1}件の会合を {output} に書き出しました"]
    assert rows[0][:9] == [
        "タイトル",
        "種類",
        "形式",
        "状態",
        "会議",
        "会場",
        "連携都市",
        "テーマ",
        "代表団",
    ]
    assert rows[0][9:] == [
        "開始（Asia/Tokyo）",
        "終了（Asia/Tokyo）",
        "開始（UTC）",
        "終了（UTC）",
        "終日",
        "時間数",
        "時間数の注記",
    ]
    opening = next(row for row in rows if row[0].startswith("Opening plenary"))
    assert opening[1:8] == [
        "会議",
        "ハイブリッド",
        "確定",
        CONFERENCE,
        "TDLC 会議室A",
        "",
        "都市計画",
    ]
    assert opening[9:11] == ["2027-02-15 09:00", "2027-02-15 10:15"]  # dates stay ISO in cells


def test_a_name_the_program_does_not_know_is_one_japanese_line(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        capsys, "schedule", "--db", demo, "--delegation", "Atlantis", "--lang", "ja"
    )
    assert status == 1
    assert out == ""
    assert err.startswith(
        "cpp-scheduler: 'Atlantis' という名前の代表団はありません（登録済み: Kenya:"
    )
    assert err.endswith("）。\n")
    assert err.count("\n") == 1
    status, _, err = run(capsys, "times", "nope", "--db", demo, "--lang", "ja")
    assert err == "cpp-scheduler: UID または id が 'nope' のイベントはありません。\n"


def test_a_room_booked_twice_is_named_in_japanese(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil
    from datetime import UTC, datetime

    from sqlalchemy import select

    from cpp_scheduler.model import Event, Venue
    from cpp_scheduler.services import editing
    from cpp_scheduler.store import open_database

    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    database = open_database(path)
    with database.session() as session:
        room = session.scalars(select(Venue.id).where(Venue.name == "TDLC Meeting Room A")).one()
    start = datetime(2027, 2, 15, 0, 0, tzinfo=UTC)  # the opening plenary's hour
    editing.create(
        database,
        Event,
        {"title": "Press briefing", "start_utc": start, "end_utc": start.replace(hour=1)},
    )
    with database.transaction() as session:
        briefing = session.scalars(select(Event).where(Event.title == "Press briefing")).one()
        briefing.venue_id = room
    database.close()
    days = ("--from", "2027-02-15", "--to", "2027-02-15")
    status, out, _ = run(capsys, "conflicts", "--db", str(path), "--lang", "ja", *days)
    assert status == 0
    (line,) = [line for line in out.splitlines() if "会場の二重予約" in line]
    assert line.startswith("エラー   2月15日(月) 09:00  会場の二重予約: ")
    assert "2月15日(月) 09:00-10:00（東京）にTDLC 会議室Aを重複して予約しています" in line


def test_a_holiday_names_the_country_in_japanese(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Local times of the 20 May workshop: Nepal's holiday, with Nepal as ネパール."""
    days = ("--from", "2027-05-20", "--to", "2027-05-20")
    uid = next(item["uid"] for item in as_json(capsys, "events", "list", "--db", demo, *days))
    arguments = ("times", "--db", demo, "--occurrence", "2027-05-20", uid)
    status, out, _ = run(capsys, *arguments, "--lang", "ja")
    assert status == 0
    holiday = next(line for line in out.splitlines() if line.startswith("祝日"))
    assert "ネパールの祝日（Buddha Jayanti）" in holiday
    status, out, _ = run(capsys, *arguments)
    assert "Nepal" in next(line for line in out.splitlines() if "Buddha Jayanti" in line)
