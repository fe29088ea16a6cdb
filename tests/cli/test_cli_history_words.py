"""``cpp-scheduler history`` in the words a coordinator knows, as the History panel
shows them: each field by its name ("Venue", 会場), labels for an event's kind, mode and
status, names for a venue and a delegation, an all-day event's dates, and no line for
the calendar sequence the store raised by itself; the JSON keeps the stored keys and
values and names the values alongside."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.store import Database
from tests.parity.history_support import command, command_json, field_lines, tell


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """``main`` sets the language for the process; the next test starts in English."""
    yield
    i18n.use_language(i18n.ENGLISH)


def test_an_events_changes_are_printed_by_labels_and_names(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tell(sqlite_database)

    printed = field_lines(command(capsys, sqlite_database, story.event))
    japanese = field_lines(command(capsys, sqlite_database, story.event, "--lang", "ja"))

    assert printed[1:] == [
        [
            "Kind: Peer-to-peer workshop -> Videoconference",
            "Mode: Face-to-face -> Hybrid",
            'Video link: "" -> "https://meet.example.org/yokohama"',
        ],
        ["Venue: TDLC Meeting Room A -> Temporary hall (deleted)"],
        ["Venue: Temporary hall (deleted) -> TDLC Meeting Room B"],
        ["Status: Tentative -> Cancelled"],
    ]
    assert japanese[1:] == [
        [
            "種類: ピア・ツー・ピア・ワークショップ -> ビデオ会議",
            "形式: 対面 -> ハイブリッド",
            'ビデオ会議のリンク: "" -> "https://meet.example.org/yokohama"',
        ],
        ["会場: TDLC 会議室A -> 仮設ホール（削除済み）"],
        ["会場: 仮設ホール（削除済み） -> TDLC 会議室B"],
        ["状態: 仮 -> 中止"],
    ]
    assert field_lines(command(capsys, sqlite_database, story.participant))[1:] == [
        ["Delegation: Lima housing ministry -> Nairobi City County"]
    ]


def test_an_all_day_event_is_printed_on_its_dates(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tell(sqlite_database)

    assert field_lines(command(capsys, sqlite_database, story.closure))[1:] == [
        [
            "End: Wed 05 May 2027 -> Thu 06 May 2027",
            "Start: Thu 29 Apr 2027 -> Fri 30 Apr 2027",
        ]
    ]
    assert field_lines(command(capsys, sqlite_database, story.closure, "--lang", "ja"))[1:] == [
        [
            "終了: 2027年5月5日(水) -> 2027年5月6日(木)",
            "開始: 2027年4月29日(木) -> 2027年4月30日(金)",
        ]
    ]


def test_a_series_lists_its_two_meeting_changes_and_no_sequence(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tell(sqlite_database)

    printed = command(capsys, sqlite_database, story.series)
    read = command_json(capsys, sqlite_database, story.series)

    assert "sequence" not in printed
    assert len(printed.splitlines()) == 3  # created, a meeting cancelled, one moved
    assert [change.get("meeting", change["action"]) for change in read["changes"]] == [
        "created",
        "Meeting of Tue 19 Jan 2027 10:00 JST cancelled",
        "Meeting of Tue 26 Jan 2027 10:00 JST moved to Tue 26 Jan 2027 13:00-14:00 JST",
    ]
    assert (read["total"], read["cut"]) == (3, False)


def test_the_json_keeps_stored_values_and_names_them_alongside(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tell(sqlite_database)

    changes = command_json(capsys, sqlite_database, story.event)["changes"]

    kinds = changes[1]["fields"]
    assert kinds["kind"] == {
        "old": "workshop",
        "new": "videoconference",
        "old_text": "Peer-to-peer workshop",
        "new_text": "Videoconference",
    }
    assert kinds["video_link"] == {"old": "", "new": "https://meet.example.org/yokohama"}
    status = changes[4]["fields"]
    # A new video link raised it too: where one attends. Kept for machines, shown to no one.
    assert status["sequence"] == {"old": 3, "new": 4}
    assert status["status"]["new_text"] == "Cancelled"
    japanese = command_json(capsys, sqlite_database, story.event, "--lang", "ja")["changes"]
    # Programs read the stored keys, whatever language a person reads the lines in.
    assert (
        sorted(japanese[1]["fields"]) == sorted(kinds) == ["kind", "mode", "sequence", "video_link"]
    )
