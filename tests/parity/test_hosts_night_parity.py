"""TDLC is always in the room: a call at 23:00 in Tokyo is at night for its hosts, even
where it is morning for every delegation. The slot finder charged that night and the
Local times coloured the Tokyo row so, while the conflict check, ``times`` and the event
dialog warned of nobody's night. Now all three say it, in one sentence each, in English
and in Japanese; the same hour face to face (a dinner in Tokyo) is nobody's night."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Delegation, EventKind, EventMode
from cpp_scheduler.services.localtimes import read_local_times
from cpp_scheduler.store import Database
from tests.gui.gui_support import add_event, open_dialog

#: Wednesday 24 February 2027, 23:00-00:00 in Tokyo: 09:00-10:00 in Lima.
TOKYO_NIGHT = datetime(2027, 2, 24, 14, 0, tzinfo=UTC)

NIGHT = {
    i18n.ENGLISH: "Night for the hosts in Tokyo: 23:00-Thu 00:00 there.",
    i18n.JAPANESE: "東京の主催者にとって夜間です: 現地 23:00-(木) 00:00。",
}
CHECKED = {
    i18n.ENGLISH: "Morning call with Lima is at night for the hosts in Tokyo: Wed 24 Feb "
    "23:00-Thu 25 Feb 00:00 (Tokyo), outside their acceptable hours (07:00-22:00)",
    i18n.JAPANESE: "「Morning call with Lima」は東京の主催者にとって夜間です: 2月24日(水) "
    "23:00-2月25日(木) 00:00（東京）（参加可能な時間帯 07:00-22:00 の外）",
}


def _store(database: Database) -> tuple[str, str]:
    """The call from Tokyo at night, and a dinner in Tokyo the next night, for Peru."""
    with database.transaction() as session:
        peru = Delegation(
            name="Peru: Lima housing ministry", country="PE", zone="America/Lima", home_city="Lima"
        )
        session.add(peru)
        session.flush()
        attending = {"delegation_ids": [peru.id]}
    call = add_event(
        database,
        "Morning call with Lima",
        TOKYO_NIGHT,
        1,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/lima",
        zone="Asia/Tokyo",
        **attending,
    )
    dinner = add_event(
        database,
        "Dinner with Peru",
        TOKYO_NIGHT + timedelta(days=1),
        1,
        kind=EventKind.WORKSHOP,
        mode=EventMode.FACE_TO_FACE,
        zone="Asia/Tokyo",
        **attending,
    )
    return call, dinner


def test_the_hosts_night_is_said_by_the_check_times_and_the_dialog(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    sqlite_path: Path,
    speaking: str,
) -> None:
    call, dinner = _store(sqlite_database)
    db = ["--db", str(sqlite_path), "--lang", speaking]
    assert main(["conflicts", *db, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["conflicts"]
    assert [(c["kind"], c["message"]) for c in found] == [("night_session", CHECKED[speaking])]

    for event_id, nights in ((call, [NIGHT[speaking]]), (dinner, [])):
        assert main(["times", *db, event_id]) == 0
        printed = capsys.readouterr().out.splitlines()
        assert [line for line in printed if line in nights] == nights
        assert not [line for line in printed if "Lima" in line and "night" in line.casefold()]
        answer = read_local_times(sqlite_database, event_id)
        assert answer.night_warnings() == nights

        dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
        dialog.show_local_times()
        shown = dialog.ui.attendeeWarnings.text().splitlines()
        assert [line.replace("–", "-") for line in shown] == [f"⚠ {night}" for night in nights]
        dialog.reject()
