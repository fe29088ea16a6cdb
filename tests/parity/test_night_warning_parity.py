"""The event dialog warns of a night in the words ``cpp-scheduler times`` prints under
its table: a call at 14:00 in Tokyo is midnight for Peru's delegation at home in Lima
and for Rosa, its member on New York's clock, and the conflict check warns of both. The
dialog once worded the warning itself, and the command did not say it at all. The
dialog's lines are the service's sentences with the window's dash, the command's the
same with its own, in English and in Japanese; the same hour face to face in the room
is no night at home, and neither says one. The hosts' night in Tokyo is said alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Delegation, EventKind, EventMode, Participant
from cpp_scheduler.services.localtimes import read_local_times
from cpp_scheduler.store import Database
from tests.gui.gui_support import add_event, open_dialog

#: Wednesday 24 February 2027, 14:00 in Tokyo: midnight in Lima and in New York.
TOKYO_AFTERNOON = datetime(2027, 2, 24, 5, 0, tzinfo=UTC)

NIGHTS = {
    i18n.ENGLISH: [
        "Night for Peru: Lima housing ministry: 00:00-01:00 there.",
        "Night for Rosa Flores: 00:00-01:00 there.",
    ],
    i18n.JAPANESE: [
        "Peru: Lima housing ministry にとって夜間です: 現地 00:00-01:00。",
        "Rosa Flores にとって夜間です: 現地 00:00-01:00。",
    ],
}
"""What ``times`` prints of the call's nights, in its order."""


def _store(
    database: Database, start: datetime = TOKYO_AFTERNOON, *, with_rosa: bool = True
) -> tuple[str, str]:
    """The call at ``start`` and the same hour face to face the next day, for Peru's
    delegation (and Rosa, its member on New York's clock)."""
    with database.transaction() as session:
        peru = Delegation(
            name="Peru: Lima housing ministry", country="PE", zone="America/Lima", home_city="Lima"
        )
        session.add(peru)
        session.flush()
        attending: dict[str, list[str]] = {"delegation_ids": [peru.id], "participant_ids": []}
        if with_rosa:
            rosa = Participant(
                name="Rosa Flores",
                email="rosa@example.org",
                delegation_id=peru.id,
                zone="America/New_York",
            )
            session.add(rosa)
            session.flush()
            attending["participant_ids"] = [rosa.id]
    call = add_event(
        database,
        "Follow-up call with Peru",
        start,
        1,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/peru",
        zone="Asia/Tokyo",
        **attending,
    )
    in_the_room = add_event(
        database,
        "Follow-up with Peru",
        start + timedelta(days=1),
        1,
        kind=EventKind.WORKSHOP,
        mode=EventMode.FACE_TO_FACE,
        zone="Asia/Tokyo",
        **attending,
    )
    return call, in_the_room


def test_the_dialog_warns_of_a_night_in_the_words_times_prints(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    sqlite_path: Path,
    speaking: str,
) -> None:
    call, in_the_room = _store(sqlite_database)
    for event_id, nights in ((call, NIGHTS[speaking]), (in_the_room, [])):
        arguments = ["times", "--db", str(sqlite_path), "--lang", speaking, event_id]
        assert main(arguments) == 0
        printed = capsys.readouterr().out.splitlines()
        assert main([*arguments, "--json"]) == 0
        [meeting] = json.loads(capsys.readouterr().out)["occurrences"]

        # The command prints the nights under its table, as its JSON words them.
        assert [line for line in printed if line in nights] == nights
        assert [night["message"] for night in meeting["nights"]] == nights
        answer = read_local_times(sqlite_database, event_id)  # in the language spoken
        assert answer.night_warnings() == nights
        window_words = answer.night_warnings(dash="–")

        # The dialog warns of the same nights in the same words, with its own dash.
        dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
        dialog.show_local_times()
        shown = dialog.ui.attendeeWarnings.text().splitlines()
        assert shown == [f"⚠ {night}" for night in window_words]
        assert [line.replace("–", "-") for line in shown] == [f"⚠ {n}" for n in nights]
        dialog.reject()


#: Wednesday 24 February 2027, 23:00-00:00 in Tokyo: 09:00-10:00 in Lima.
TOKYO_NIGHT = datetime(2027, 2, 24, 14, 0, tzinfo=UTC)

HOSTS_NIGHT = {
    i18n.ENGLISH: "Night for the hosts in Tokyo: 23:00-Thu 00:00 there.",
    i18n.JAPANESE: "東京の主催者にとって夜間です: 東京時間 23:00-(木) 00:00。",
}
HOSTS_CHECKED = {
    i18n.ENGLISH: "Follow-up call with Peru is at night for the hosts in Tokyo: Wed 24 Feb "
    "23:00-Thu 25 Feb 00:00 (Tokyo), outside their acceptable hours (07:00-22:00)",
    i18n.JAPANESE: "「Follow-up call with Peru」は東京の主催者にとって夜間です: 2月24日(水) "
    "23:00-2月25日(木) 00:00（東京）（参加可能な時間帯 07:00-22:00 の外）",
}


def test_the_hosts_night_is_said_by_the_check_times_and_the_dialog(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    sqlite_path: Path,
    speaking: str,
) -> None:
    """TDLC is always in the room: a call at 23:00 in Tokyo is at night for its hosts,
    though it is morning in Lima. The slot finder charged that night and the Local
    times coloured the Tokyo row so, while the check, ``times`` and the dialog warned of
    nobody's; now all three say it. The same hour face to face is nobody's night."""
    call, in_the_room = _store(sqlite_database, TOKYO_NIGHT, with_rosa=False)
    db = ["--db", str(sqlite_path), "--lang", speaking]
    assert main(["conflicts", *db, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["conflicts"]
    assert [(c["kind"], c["message"]) for c in found] == [
        ("night_session", HOSTS_CHECKED[speaking])
    ]

    for event_id, nights in ((call, [HOSTS_NIGHT[speaking]]), (in_the_room, [])):
        assert main(["times", *db, event_id]) == 0
        printed = capsys.readouterr().out.splitlines()
        assert [line for line in printed if line in nights] == nights
        assert read_local_times(sqlite_database, event_id).night_warnings() == nights

        dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
        dialog.show_local_times()
        shown = dialog.ui.attendeeWarnings.text().splitlines()
        assert [line.replace("–", "-") for line in shown] == [f"⚠ {night}" for night in nights]
        dialog.reject()
