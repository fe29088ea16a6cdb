"""What a coordinator who reads Japanese is told about a calendar file: why it is refused,
and how the import preview reads a time that a change of clocks skips or repeats.

The file's own words (VEVENT, BEGIN:VCALENDAR, titles and zone names) stay as the file
writes them; the sentence around them is Japanese.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cpp_scheduler import limits
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.importer import read_calendar, read_calendar_bytes
from cpp_scheduler.services.calendar_import import preview_into_new_database, read_file

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Colleague//EN\r\n"
TAIL = "END:VCALENDAR\r\n"


def _vevent(uid: str, title: str, start: str, end: str) -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{title}\r\n"
        f"DTSTART;TZID=America/New_York:{start}\r\nDTEND;TZID=America/New_York:{end}\r\n"
        "END:VEVENT\r\n"
    )


def _refusal(path: Path) -> str:
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(read_calendar_bytes(path), str(path), "Asia/Tokyo")
    return str(caught.value)


@pytest.mark.usefixtures("japanese")
def test_a_file_that_is_not_a_calendar_is_refused_at_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.ics"
    path.write_text("Meeting notes\r\n", encoding="utf-8", newline="")
    assert _refusal(path) == (
        f"{path}、1行目: 'Meeting notes' は iCalendar のコンテンツ行（NAME:value）ではありません"
    )


@pytest.mark.usefixtures("japanese")
def test_a_file_that_does_not_open_a_calendar_says_so(tmp_path: Path) -> None:
    path = tmp_path / "event.ics"
    path.write_text(_vevent("a@example.org", "Call", "20270301T090000", "20270301T100000"))
    assert _refusal(path) == f"{path}、1行目: ファイルが BEGIN:VCALENDAR で始まっていません"


@pytest.mark.usefixtures("japanese")
def test_components_nested_too_deep_are_refused(tmp_path: Path) -> None:
    depth = limits.MAX_COMPONENT_DEPTH
    inner = [f"X-PART{level}" for level in range(depth)]
    lines = [f"BEGIN:{name}" for name in inner] + [f"END:{name}" for name in reversed(inner)]
    path = tmp_path / "deep.ics"
    path.write_text(HEAD + "\r\n".join(lines) + "\r\n" + TAIL, newline="")
    assert _refusal(path) == (
        f"{path}、{depth + 3}行目 (X-PART{depth - 1}): コンポーネントの入れ子が "
        f"{depth} 段を超えています"
    )


@pytest.mark.usefixtures("japanese")
def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.ics"
    path.write_bytes(b"")
    assert _refusal(path) == f"{path}: ファイルが空です"


@pytest.mark.usefixtures("japanese")
def test_the_preview_reads_skipped_and_repeated_times_as_rfc_5545_says(tmp_path: Path) -> None:
    """02:30 on 14 March 2027 does not exist in New York; 01:30 on 7 November happens
    twice. The preview says how each is read, and why an event is left out."""
    path = tmp_path / "colleague.ics"
    path.write_text(
        HEAD
        + _vevent("gap@example.org", "Gap call", "20270314T023000", "20270314T040000")
        + _vevent("fold@example.org", "Late call", "20271107T013000", "20271107T030000")
        + _vevent("zero@example.org", "Empty call", "20270301T090000", "20270301T090000")
        + TAIL,
        newline="",
    )
    preview = "\n".join(preview_into_new_database(read_file(path)).lines())
    assert (
        "2027年3月14日(日) 02:30 は時刻の切り替えで存在しない時刻のため、RFC 5545 に従い "
        "03:30 EDT（07:30 UTC）と解釈しました"
    ) in preview
    assert (
        "2027年11月7日(日) 01:30 は2回ある時刻のため、RFC 5545 に従い1回目の 01:30 EDT"
        "（05:30 UTC）と解釈しました"
    ) in preview
    assert "除外    " in preview
    assert ": Empty call: イベントの開始と終了が同じです（長さがありません）" in preview
