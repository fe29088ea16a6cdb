"""The event dialog warns of a night in the words ``cpp-scheduler times`` prints under
its table: a call at 14:00 in Tokyo is midnight for Peru's delegation at home in Lima
and for Rosa, its member on New York's clock, and the conflict check warns of both. The
dialog once worded the warning itself, and the command did not say it at all. The
dialog's lines are the service's sentences with the window's dash, the command's the
same with its own, in English and in Japanese; the same hour face to face in the room
is no night at home, and neither says one."""

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


def _store(database: Database) -> tuple[str, str]:
    """The call and the same hour face to face, for Peru's delegation and Rosa."""
    with database.transaction() as session:
        peru = Delegation(
            name="Peru: Lima housing ministry", country="PE", zone="America/Lima", home_city="Lima"
        )
        session.add(peru)
        session.flush()
        rosa = Participant(
            name="Rosa Flores",
            email="rosa@example.org",
            delegation_id=peru.id,
            zone="America/New_York",
        )
        session.add(rosa)
        session.flush()
        attending = {"delegation_ids": [peru.id], "participant_ids": [rosa.id]}
    call = add_event(
        database,
        "Follow-up call with Peru",
        TOKYO_AFTERNOON,
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
        TOKYO_AFTERNOON + timedelta(days=1),
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
