"""The event dialog lists each attendee's clock in a line the service words
(:func:`~cpp_scheduler.services.localtimes.attendee_line`, beside the clock texts of the
Local times dock and ``cpp-scheduler times``), not in words of its own: a session of the
demo's conference, in English and in Japanese, Peru's delegation at home in Lima the
evening before Tokyo, the others visiting Japan."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.i18n import _
from cpp_scheduler.model import Event
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.localtimes import attendee_line
from cpp_scheduler.store import Database
from tests.gui.gui_support import open_dialog

SESSION = "Capturing land value to finance urban transit"
PERU = "Peru: Ministry of Housing, Construction and Sanitation"
KENYA = "Kenya: Nairobi City County"
LINES = {
    i18n.ENGLISH: (
        f"{PERU}: Sun 14 Feb 20:45–22:15 (UTC-05:00), the day before Tokyo · night",
        f"{KENYA} (visiting Japan): Mon 15 Feb 10:45–12:15 (UTC+09:00) · working hours",
    ),
    i18n.JAPANESE: (
        f"{PERU}: 2月14日(日) 20:45–22:15 (UTC-05:00){{shift}} · 夜間",
        f"{KENYA}（日本滞在中）: 2月15日(月) 10:45–12:15 (UTC+09:00) · 勤務時間",
    ),
}
"""Peru's line and Kenya's, as a coordinator reads them ({shift}: Peru's day against
Tokyo's, in the words of the program's catalogue)."""


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
def test_each_attendees_line_is_the_one_the_service_words(
    qtbot: QtBot, sqlite_database: Database, language: str
) -> None:
    load_demo(sqlite_database)
    with sqlite_database.reading() as session:
        event_id = session.scalar(select(Event.id).where(Event.title == SESSION))
    assert event_id is not None
    translations.install(language)
    try:
        dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
        dialog.show_local_times()
        shown = dialog.ui.attendeeTimes.text().splitlines()
        times = dialog.local_times
        assert times is not None
        worded = [attendee_line(row, "Asia/Tokyo", dash="–") for row in times.rows]
        shift = _(", the day before {city}").format(city=_("Tokyo"))
        peru, kenya = (line.replace("{shift}", shift) for line in LINES[language])
        dialog.reject()
    finally:
        translations.install(i18n.ENGLISH)
    assert len(worded) >= 8  # the five delegations, a participant, the host, the Bank
    assert shown == worded
    assert peru in shown
    assert kenya in shown
