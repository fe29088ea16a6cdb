"""What the command line writes in Japanese beyond its sentences: the names a workbook
shows, the lists a report joins, the dates of its heading, the file names it writes, the
programme it refuses and the lines its help breaks, each as a Japanese reader expects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cpp_scheduler import i18n
from cpp_scheduler.cli import columns, main

SERIES_UID = "524d1903-c583-5db1-918f-f9a520b0e77c@cpp-scheduler.tdlc"
SERIES = "Peer-to-peer workshop series: resilient cities (monthly)"


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


def test_the_japanese_report_workbook_names_themes_and_cities_in_japanese(
    demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = tmp_path / "r.xlsx"
    april = ("--from", "2027-04-01", "--to", "2027-04-30")
    status, _out, _err = run(
        capsys, "--lang", "ja", "report", "--db", demo, *april, "-o", str(output)
    )
    assert status == 0
    book = load_workbook(output)
    themes = [row[0] for row in book["テーマ別"].iter_rows(min_row=2, values_only=True)]
    assert themes[0] == "防災"  # Disaster risk management
    cities = [row[0] for row in book["連携都市別"].iter_rows(min_row=2, values_only=True)]
    assert cities == ["北九州市", "神戸市", "富山市", "横浜市"]
    summary = dict(book["概要"].iter_rows(min_row=2, values_only=True))
    assert summary["扱わなかった連携都市"] == "北九州市、富山市、横浜市"
    assert summary["扱わなかったテーマ"] == "地方財政、社会開発、都市経営、都市計画、都市サービス"
    # In English, the English names, as before.
    status, _out, _err = run(
        capsys, "--lang", "en", "report", "--db", demo, *april, "-o", str(output)
    )
    assert status == 0
    summary = dict(load_workbook(output)["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Partner cities left out"] == "Kitakyushu, Toyama, Yokohama"


def test_the_japanese_report_joins_names_and_writes_its_period_as_japanese_does(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    april = ("--from", "2027-04-01", "--to", "2027-04-30")
    status, out, _err = run(capsys, "--lang", "ja", "report", "--db", demo, *april)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "プログラム報告 — 2027年4月1日～30日に始まる会合（東京）"
    assert "扱わなかった連携都市: 北九州市、富山市、横浜市" in lines
    assert ", " not in "\n".join(lines[:5])
    status, out, _err = run(capsys, "--lang", "en", "report", "--db", demo, *april)
    assert out.splitlines()[0] == "Program report — meetings starting 01–30 April 2027 (Tokyo)"
    assert "Partner cities left out: Kitakyushu, Toyama, Yokohama" in out


def test_the_members_file_is_named_the_same_in_every_language(
    demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for language in ("ja", "en"):
        folder = tmp_path / language
        folder.mkdir()
        target = folder / "delegations.csv"
        arguments = ("--lang", language, "export", "csv", "delegations", "--db", demo)
        status, _out, _err = run(capsys, *arguments, "-o", str(target))
        assert status == 0
        assert sorted(path.name for path in folder.iterdir()) == [
            "delegations-members.csv",
            "delegations.csv",
        ]


def test_a_delegations_schedule_names_its_city_as_the_window_does(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    delegation = "Peru: Ministry of Housing, Construction and Sanitation"
    peru = ("schedule", "--db", demo, "--delegation", delegation)
    status, out, _err = run(capsys, "--lang", "ja", *peru)
    assert status == 0
    assert out.splitlines()[0].startswith("代表団の時刻（Lima）")
    status, out, _err = run(capsys, "--lang", "en", *peru)
    assert out.splitlines()[0].startswith("THEIR TIME (Lima)")


def test_a_programme_of_a_series_is_refused_in_one_line(
    demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "programme.pdf"
    arguments = ("print", "programme", "--db", demo, "--event", SERIES_UID, "-o", str(target))
    status, out, err = run(capsys, *arguments)
    assert status == 1
    assert out == ""
    assert err == (
        f"cpp-scheduler: '{SERIES}' is a series of meetings (Peer-to-peer workshop), not a "
        "conference: print the run sheet of one of its days instead\n"
    )
    assert not target.exists()


@pytest.mark.parametrize("command", ["times", "conflicts", "slots", "report", "schedule"])
def test_japanese_help_never_ends_a_line_on_an_opening_bracket(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main([command, "--lang", "ja", "--help"])
    lines = capsys.readouterr().out.splitlines()
    for line in lines:
        assert not line.rstrip().endswith(("（", "「", "『")), line
        assert not line.lstrip().startswith(("）", "」", "、", "。")), line
    if command == "times":
        assert any("（YYYY-MM-DD）" in line for line in lines)


def test_wrapping_keeps_brackets_with_what_they_hold() -> None:
    text = "この日付（YYYY-MM-DD）の回、または回（2027-03-17T08:00:00Z のように）"
    for width in range(12, 40):
        lines = columns.wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for line in lines:
            assert not line.endswith("（"), (width, lines)
            assert not line.startswith(("）", "、")), (width, lines)
    # Brackets that open stay with what follows, those that close with what precedes.
    assert columns.wrap("日付（「東京」）です", 6) == ["日付", "（「東", "京」）", "です"]
