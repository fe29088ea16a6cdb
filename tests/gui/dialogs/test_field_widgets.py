"""The reusable field widgets: check lists, record pickers, the series editor."""

from __future__ import annotations

from datetime import UTC, date, datetime

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.gui.choices import (
    SEARCH_ROLE,
    ChoiceListModel,
    ChoiceSearch,
    choice_search_text,
    searched_choices,
)
from cpp_scheduler.gui.widgets.multi_select import MultiSelectList
from cpp_scheduler.gui.widgets.recurrence_editor import RecurrenceEditor
from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox
from cpp_scheduler.gui.widgets.zone_picker import ZonePicker
from cpp_scheduler.model import recurrence
from cpp_scheduler.services.rows import Choice

CHOICES = [
    Choice("lima", "Lima housing ministry", "Peru · America/Lima"),
    Choice("ktm", "Kathmandu metropolitan city", "Nepal · Asia/Kathmandu"),
    Choice("nbo", "Nairobi city county", "Kenya · Africa/Nairobi"),
]


def test_choice_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ChoiceListModel(checkable=True)
    model.set_choices(CHOICES)
    model.set_checked_ids(["ktm"])
    qtmodeltester.check(model)


def test_a_list_prepared_by_a_worker_is_searched_by_the_texts_it_prepared(
    qtbot: QtBot,
) -> None:
    """A long list (every event, for a knowledge product) comes with what a search
    looks in for each choice, worked out where it was read: the list shows it and
    searches it by those texts."""
    prepared = searched_choices(CHOICES)
    assert list(prepared.searched) == [choice_search_text(choice) for choice in CHOICES]
    widget = MultiSelectList()
    qtbot.addWidget(widget)
    widget.setChoices(prepared)
    model = widget.model
    assert [model.index(row, 0).data(SEARCH_ROLE) for row in range(model.rowCount())] == list(
        prepared.searched
    )
    qtbot.keyClicks(widget.search, "nepal")
    assert widget.proxy.rowCount() == 1
    assert widget.proxy.index(0, 0).data() == "Kathmandu metropolitan city"


def test_searching_narrows_the_list_and_space_ticks(qtbot: QtBot) -> None:
    widget = MultiSelectList()
    qtbot.addWidget(widget)
    widget.setChoices(CHOICES)
    qtbot.keyClicks(widget.search, "nepal")
    assert widget.proxy.rowCount() == 1
    widget.view.setCurrentIndex(widget.proxy.index(0, 0))
    with qtbot.waitSignal(widget.checkedChanged):
        qtbot.keyClick(widget.view, Qt.Key.Key_Space)
    widget.search.clear()
    assert widget.proxy.rowCount() == 3
    assert widget.checkedIds() == ["ktm"]
    assert widget.summary.text() == "1 chosen: Kathmandu metropolitan city"


def test_a_long_name_keeps_its_beginning_and_its_tooltip_holds_it_whole(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFontMetrics

    name = "Metropolitan Municipality of Lima, Urban Development and Housing Office"
    widget = MultiSelectList()
    qtbot.addWidget(widget)
    widget.setChoices([Choice("lima", name, "Peru · America/Lima")])
    widget.resize(260, 200)
    widget.show()
    qtbot.waitExposed(widget)
    index = widget.proxy.index(0, 0)
    width = widget.view.visualRect(index).width() - 30  # the check box beside it
    shown = QFontMetrics(widget.view.font()).elidedText(name, widget.view.textElideMode(), width)
    assert shown != name
    assert shown.startswith("Metropolitan Municipality")
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith(name)


def test_a_typed_name_that_is_not_listed_is_no_choice(qtbot: QtBot) -> None:
    combo = SearchableComboBox()
    qtbot.addWidget(combo)
    combo.setNoneLabel("No venue")
    combo.setChoices([("TDLC Meeting Room A (Tokyo)", "a"), ("Kobe City Hall (Kobe)", "k")])
    qtbot.keyClicks(combo.lineEdit(), "kobe city hall (kobe)")
    assert combo.selectedData() == "k"
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "Osaka castle")
    assert combo.selectedData() is None
    assert combo.hasUnknownText()
    combo.lineEdit().clear()
    assert combo.selectedData() is None
    assert not combo.hasUnknownText()


def _typed_then_enter(qtbot: QtBot, combo: SearchableComboBox, text: str) -> None:
    """``text`` typed into the shown field, the offer let appear, then Enter."""
    editor = combo.lineEdit()
    assert editor is not None
    editor.clear()
    qtbot.keyClicks(editor, text)
    completer = combo.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible, timeout=5_000)
    qtbot.wait(20)  # the turn of the event loop after Qt's own completion
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_enter_keeps_what_was_typed_unless_it_names_an_item(qtbot: QtBot) -> None:
    """Enter once took the first item beginning with the text: "Maria" chose Maria
    García, and "Lima" the Lima housing ministry listed before Lima."""
    combo = SearchableComboBox()
    qtbot.addWidget(combo)
    combo.setChoices(
        [("Maria García", "garcia"), ("Maria Quispe", "quispe"),
         ("Lima housing ministry", "ministry"), ("Lima", "lima")]
    )  # fmt: skip
    combo.show()
    qtbot.waitExposed(combo)
    _typed_then_enter(qtbot, combo, "Maria")
    assert combo.currentText() == "Maria"
    assert combo.selectedData() is None
    assert combo.hasUnknownText()
    _typed_then_enter(qtbot, combo, "Lima")
    assert combo.selectedData() == "lima"


def test_the_second_of_two_people_of_one_name_stays_chosen(qtbot: QtBot) -> None:
    """Told apart by their address in the search, they are two choices: the second,
    once chosen, is the one the field gives, as a saved event's organiser reads back."""
    combo = SearchableComboBox()
    qtbot.addWidget(combo)
    combo.setChoices(
        [("Ana López", "first", "ana lopez\nana.l@x.org"),
         ("Ana López", "second", "ana lopez\nana.l@y.org")]
    )  # fmt: skip
    combo.setSelectedData("second")
    assert combo.selectedData() == "second"
    combo.setSelectedData("first")
    assert combo.selectedData() == "first"


def test_zone_picker_offers_every_zone_or_a_countrys(qtbot: QtBot) -> None:
    picker = ZonePicker()
    qtbot.addWidget(picker)
    assert picker.findData("Asia/Kathmandu") >= 0
    picker.setZones(["America/Lima"])
    assert picker.count() == 1
    qtbot.keyClicks(picker.lineEdit(), "America/Lima")
    assert picker.zoneName() == "America/Lima"


def test_every_zone_pickers_share_one_list_and_a_narrowed_one_keeps_its_own(
    qtbot: QtBot,
) -> None:
    """The list of every zone is built once: each editor's picker offers the same one,
    with each zone's offset now, and one narrowed to a country's zones (a delegation's)
    changes no other picker's list or choice."""
    first, second = ZonePicker(), ZonePicker()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.model() is second.model()
    assert first.count() == len(timezones.all_zones())
    kathmandu = first.findData("Asia/Kathmandu")
    assert first.itemData(kathmandu, Qt.ItemDataRole.ToolTipRole) == "UTC+05:45 now"
    first.setZoneName("Asia/Kathmandu")
    assert second.zoneName() == ""
    qtbot.keyClicks(second.lineEdit(), "lim")
    assert second.searchedCount() == 1  # America/Lima
    assert offered(second) == ["America/Lima"]  # not every zone listed after "lim"
    second.setZones(["America/Lima"])
    assert second.count() == 1
    assert second.itemData(0, Qt.ItemDataRole.ToolTipRole) == "UTC-05:00 now"
    assert first.count() == len(timezones.all_zones())
    assert first.zoneName() == "Asia/Kathmandu"
    second.setZones(None)
    assert second.model() is first.model()
    second.setZones(["Asia/Tokyo", "Asia/Kathmandu"])
    assert second.count() == 2


def test_a_search_pointed_at_another_list_finds_in_that_list(qtbot: QtBot) -> None:
    """Two lists each given once: what the words found in the first is not taken for
    the second's rows."""
    first, second = ChoiceListModel(), ChoiceListModel()
    first.set_choices([Choice("a", "Beta"), Choice("b", "Beta lima")])
    second.set_choices([Choice("c", "Lima one"), Choice("d", "Other"), Choice("e", "Lima two")])
    search = ChoiceSearch()
    search.setSourceModel(first)
    search.search_for("lima")
    assert [search.index(row, 0).data() for row in range(search.rowCount())] == ["Beta lima"]

    search.setSourceModel(second)

    found = [search.index(row, 0).data() for row in range(search.rowCount())]
    assert found == ["Lima one", "Lima two"]


def offered(combo: SearchableComboBox) -> list[str]:
    """The names the offer under ``combo`` lists."""
    completer = combo.completer()
    assert completer is not None
    listed = completer.completionModel()
    return [listed.index(row, 0).data() for row in range(listed.rowCount())]


def test_the_offer_is_wide_enough_for_its_names_and_stays_on_the_screen(
    qtbot: QtBot,
) -> None:
    """A narrow field at the right edge of the screen: the offer of long names is as
    wide as they are, and moved left to show their ends."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(700, 120)
    screen = window.screen().availableGeometry()
    window.move(screen.right() - window.width(), screen.top() + 40)
    combo = SearchableComboBox(window)
    long_names = [f"Ministry of Housing, Construction and Sanitation, office {n}" for n in "ab"]
    combo.setChoices([(name, name) for name in long_names])
    combo.setGeometry(window.width() - 160, 10, 150, 30)
    window.show()
    qtbot.waitExposed(window)
    qtbot.keyClicks(combo.lineEdit(), "ministry")
    popup = combo.completer().popup()
    qtbot.waitUntil(lambda: popup.isVisible() and popup.width() > combo.width(), timeout=5_000)

    needed = popup.fontMetrics().horizontalAdvance(long_names[0])
    assert popup.viewport().width() >= needed
    assert popup.geometry().right() <= screen.right()


def _editor(qtbot: QtBot, start: datetime) -> RecurrenceEditor:
    editor = RecurrenceEditor()
    qtbot.addWidget(editor)
    editor.setStart(start)
    return editor


def test_monthly_by_weekday_position_writes_the_rrule(qtbot: QtBot) -> None:
    editor = _editor(qtbot, datetime(2027, 4, 21, 9))  # the third Wednesday
    assert editor.rule() is None
    editor.pattern.setCurrentIndex(editor.pattern.findText("Monthly on the third Wednesday"))
    editor.count.setValue(6)
    assert editor.rule() == "FREQ=MONTHLY;BYDAY=3WE;COUNT=6"
    assert editor.preview.text().startswith("6 meetings at 09:00: Wed 21 Apr, Wed 19 May")


def test_weekly_on_chosen_days_until_a_date(qtbot: QtBot) -> None:
    editor = _editor(qtbot, datetime(2027, 4, 19, 8))  # a Monday
    editor.pattern.setCurrentIndex(editor.pattern.findData("weekly"))
    editor.days[2].setChecked(True)  # and Wednesdays
    editor.interval.setValue(2)
    qtbot.mouseClick(editor.onDate, Qt.MouseButton.LeftButton)
    editor.until.setDate(date(2027, 6, 30))
    rule = editor.rule()
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20270630T235959"
    starts = list(recurrence.wall_clock_starts(rule, datetime(2027, 4, 19, 8)))
    assert starts[:3] == [
        datetime(2027, 4, 19, 8),
        datetime(2027, 4, 21, 8),
        datetime(2027, 5, 3, 8),
    ]


def test_a_weekly_rule_naming_no_day_shows_its_starts_weekday(qtbot: QtBot) -> None:
    # FREQ=WEEKLY without BYDAY meets on the start's weekday (RFC 5545), as a calendar
    # from elsewhere writes it: the boxes show that day, and the rule is kept as it was.
    editor = _editor(qtbot, datetime(2027, 4, 21, 9))  # a Wednesday
    editor.setRule("FREQ=WEEKLY;COUNT=6")
    assert editor.pattern.currentData() == "weekly"
    assert [box.text() for box in editor.days if box.isChecked()] == ["Wed"]
    assert editor.rule() == "FREQ=WEEKLY;COUNT=6"
    assert editor.preview.text().startswith("6 meetings at 09:00: Wed 21 Apr, Wed 28 Apr")


def test_last_weekday_is_offered_in_the_last_week(qtbot: QtBot) -> None:
    editor = _editor(qtbot, datetime(2027, 4, 28, 9))  # the last (fourth) Wednesday
    index = editor.pattern.findText("Monthly on the last Wednesday")
    assert index >= 0
    editor.pattern.setCurrentIndex(index)
    assert editor.rule() == "FREQ=MONTHLY;BYDAY=-1WE;COUNT=6"


def test_a_stored_rule_is_shown_and_an_unknown_one_kept(qtbot: QtBot) -> None:
    editor = _editor(qtbot, datetime(2027, 4, 21, 9))
    editor.setRule("FREQ=MONTHLY;BYMONTHDAY=21;UNTIL=20271231T235959")
    assert editor.pattern.currentText() == "Monthly on day 21"
    assert editor.onDate.isChecked()
    assert editor.rule() == "FREQ=MONTHLY;BYMONTHDAY=21;UNTIL=20271231T235959"
    editor.setRule("FREQ=MONTHLY;BYMONTHDAY=21;UNTIL=20271231T145959Z", "Asia/Tokyo")
    assert editor.until.date().toPython() == date(2027, 12, 31)
    assert editor.rule() == "FREQ=MONTHLY;BYMONTHDAY=21;UNTIL=20271231T145959Z"  # untouched
    # 09:00 on 21 December in Tokyo, the series' hour: that day's meeting is its last.
    editor.setRule("FREQ=MONTHLY;BYMONTHDAY=21;UNTIL=20271221T000000Z", "Asia/Tokyo")
    assert editor.until.date().toPython() == date(2027, 12, 21)
    # A second earlier, and November's meeting is the last: the last day is the 20th.
    editor.setRule("FREQ=MONTHLY;BYMONTHDAY=21;UNTIL=20271220T235959Z", "Asia/Tokyo")
    assert editor.until.date().toPython() == date(2027, 12, 20)
    editor.count.setValue(4)
    qtbot.mouseClick(editor.afterCount, Qt.MouseButton.LeftButton)
    assert editor.rule() == "FREQ=MONTHLY;BYMONTHDAY=21;COUNT=4"
    editor.setRule("FREQ=DAILY;COUNT=3")
    assert editor.rule() == "FREQ=DAILY;COUNT=3"
    assert editor.pattern.currentText().startswith("As imported")


def test_a_series_ending_before_its_hour_in_utc_keeps_its_meetings_once_edited(
    qtbot: QtBot,
) -> None:
    """A Tokyo series on Mondays at 10:00 until 1 March 00:00 UTC (09:00 in Tokyo) last
    meets on 22 February. The editor shows the last day the series can meet on, and an
    edit keeps that end: no meeting on 1 March appears."""
    start = datetime(2027, 2, 1, 10)
    stored = "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270301T000000Z"
    editor = _editor(qtbot, start)
    editor.setRule(stored, "Asia/Tokyo")
    assert editor.until.date().toPython() == date(2027, 2, 28)
    assert editor.preview.text() == (
        "4 meetings at 10:00: Mon 01 Feb, Mon 08 Feb, Mon 15 Feb, Mon 22 Feb 2027"
    )
    editor.interval.setValue(2)  # every other Monday, to the same end
    edited = editor.rule()
    assert edited == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20270228T235959"
    first = datetime(2027, 2, 1, 1, tzinfo=UTC)
    assert recurrence.local_starts(edited, first, "Asia/Tokyo") == [
        datetime(2027, 2, 1, 10),
        datetime(2027, 2, 15, 10),
    ]


def test_a_utc_until_is_read_again_in_the_zone_the_event_moves_to(qtbot: QtBot) -> None:
    """1 March 00:00 UTC is 09:00 that day in Tokyo and 19:00 on 28 February in New
    York: a series at 20:00 last meets on the 28th in Tokyo and the 27th in New York."""
    editor = _editor(qtbot, datetime(2027, 2, 20, 20))
    stored = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20270301T000000Z"
    editor.setRule(stored, "Asia/Tokyo")
    assert editor.until.date().toPython() == date(2027, 2, 28)
    assert editor.preview.text().endswith("Sun 28 Feb 2027")
    editor.setZone("America/New_York")
    assert editor.until.date().toPython() == date(2027, 2, 27)
    assert editor.preview.text().endswith("Sat 27 Feb 2027")
    assert editor.rule() == stored  # kept as it was stored
    editor.setStart(datetime(2027, 2, 20, 8))  # 08:00 on 1 March is before 19:00 UTC
    assert editor.until.date().toPython() == date(2027, 2, 28)
    assert editor.rule() == stored


def test_the_english_editor_names_days_in_english_on_a_japanese_system(
    qtbot: QtBot, japanese_system_locale: str
) -> None:
    """On a Tokyo laptop (Qt sets the C library's locale to the system's), the English
    window still writes Wed, not 水."""
    editor = _editor(qtbot, datetime(2027, 4, 21, 9))
    assert [box.text() for box in editor.days] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    editor.pattern.setCurrentIndex(editor.pattern.findText("Monthly on the third Wednesday"))
    editor.count.setValue(6)
    assert editor.preview.text().startswith("6 meetings at 09:00: Wed 21 Apr, Wed 19 May")


def test_the_japanese_editor_names_days_in_japanese_on_any_system(
    qtbot: QtBot, japanese: None
) -> None:
    editor = _editor(qtbot, datetime(2027, 4, 21, 9))
    assert [box.text() for box in editor.days] == ["月", "火", "水", "木", "金", "土", "日"]


def test_a_chosen_long_name_shows_its_beginning(qtbot: QtBot) -> None:
    """A delegation named at length shows "Peru: Ministry of ...", not "...Sanitation"."""
    from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox

    name = "Peru: Ministry of Housing, Construction and Sanitation"
    field = SearchableComboBox()
    qtbot.addWidget(field)
    field.resize(220, 30)
    field.show()
    qtbot.waitExposed(field)
    field.setChoices([(name, "peru")])
    field.setSelectedData("peru")
    editor = field.lineEdit()
    assert editor is not None
    assert editor.text() == name
    assert editor.cursorPosition() == 0
    assert editor.cursorRect().left() < 10  # the text is scrolled to its start


def test_the_weekdays_row_and_the_end_on_a_date_are_named_apart_in_japanese(
    qtbot: QtBot,
) -> None:
    """English says "On" for both the row of weekdays and the end on a date; Japanese
    says 曜日 for the one and 指定日に終了 for the other, never the end's words for the
    days."""
    from cpp_scheduler import i18n
    from cpp_scheduler.gui import translations

    translations.install(i18n.JAPANESE)
    try:
        editor = RecurrenceEditor()
        qtbot.addWidget(editor)
        days = editor.form.labelForField(editor.daysRow)
        assert days is not None
        assert days.text() == "曜日"
        assert editor.onDate.text() == "指定日に終了"
    finally:
        translations.install(i18n.ENGLISH)


def test_a_field_closed_as_its_offer_appears_raises_nothing(qtbot: QtBot) -> None:
    """An editor closed right after a name was typed into one of its pickers (Save
    pressed at once): the turn of the event loop the picker asked for comes after the
    field is gone, and finds nothing to do."""
    combo = SearchableComboBox()
    combo.setChoices([("Maria García", "garcia"), ("Maria Quispe", "quispe")])
    combo.show()
    qtbot.waitExposed(combo)
    editor = combo.lineEdit()
    assert editor is not None
    qtbot.keyClicks(editor, "Maria")
    shiboken6.delete(combo)  # gone before Qt comes back to it
    qtbot.wait(20)  # an exception in Qt's event loop fails the test
