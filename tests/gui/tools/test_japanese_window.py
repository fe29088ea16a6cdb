"""The window in Japanese: what a coordinator reads in the tour builder, Help, the mail
dialogs, the report and the event dialog when the program speaks Japanese."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import (
    add,
    add_delegation,
    add_event,
    export_each_participant,
    settle,
    tools_of,
    venue_id,
)
from gui_support import open_dialog
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.dialogs import DelegationDialog, EventDialog
from cpp_scheduler.gui.dialogs.changed_bar import clock_time
from cpp_scheduler.gui.merge_dialog import MergeDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.conflicts import Column
from cpp_scheduler.gui.tools.export_calendar import ExportDialog
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.gui.tools.mail_reports import ChangesDialog, RepliesDialog
from cpp_scheduler.gui.tools.send_mail import SendDialog
from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog
from cpp_scheduler.model import StudyTour, TourDay
from cpp_scheduler.scheduling.conflicts import ConflictKind
from cpp_scheduler.services.merging import FieldConflict, MergePlan
from cpp_scheduler.store import Database

FIRST = date(2027, 2, 15)  # a Monday


@pytest.fixture(autouse=True)
def japanese(qapp: object) -> Iterator[None]:
    translations.install(i18n.JAPANESE)
    yield
    translations.install(i18n.ENGLISH)


def _headers(model: QAbstractItemModel) -> list[str]:
    """A table's column headers as the coordinator reads them."""
    return [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]


def _tour(database: Database) -> str:
    lima = add_delegation(
        database,
        "Lima",
        "PE",
        "America/Lima",
        arrival=FIRST - timedelta(days=1),
        departure=FIRST + timedelta(days=3),
    )
    tour = add(
        database,
        StudyTour,
        title="Peru study tour",
        delegation_id=lima,
        start_date=FIRST,
        end_date=FIRST + timedelta(days=1),
    )
    day_one = add(database, TourDay, tour_id=tour, day=FIRST, title="Tokyo")
    add_event(
        database,
        "Opening briefing",
        datetime(2027, 2, 15, 0, 30, tzinfo=UTC),
        2,
        delegation_ids=[lima],
        tour_day_id=day_one,
    )
    return tour


def test_the_tour_builder_speaks_japanese_with_japanese_dates(
    qtbot: QtBot, sqlite_database: Database, open_window
) -> None:
    tour = _tour(sqlite_database)
    window = open_window()
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    builder.show_tour(tour)
    settle(qtbot, window)
    assert builder.windowTitle() == "視察研修"
    buttons = [builder.buttons[name].text() for name in builder.buttons]
    assert buttons == [
        "現地視察を追加…",
        "ワークショップを追加…",
        "移動区間を挿入…",
        "◀ 1 日前へ",
        "1 日後へ ▶",
    ]
    first = builder.cards[FIRST]
    header = first.findChildren(QLabel)[0].text()
    assert "1日目 · 2月15日(月)" in header
    # The tour's days as every Japanese period is written: the year once, at the start.
    assert "Lima · 2027年2月15日(月)～16日(火) · " in builder.summary.text()
    assert builder.tour_box.currentText() == "Peru study tour (2027年2月15日～16日)"
    empty = builder.cards[FIRST + timedelta(days=1)].findChild(QLabel, "emptyDay")
    assert empty is not None
    assert "この日は予定がありません" in empty.text()
    builder.close()


def test_find_a_time_names_its_days_as_a_japanese_period(
    qtbot: QtBot, sqlite_database: Database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    assert isinstance(finder, SlotFinderDialog)
    finder.show_period(date(2027, 1, 18), date(2027, 1, 22))
    finder.choose([lima])
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    title = finder.ui.gridTitle.text()
    assert "2027年1月18日～22日" in title
    assert "～2027年" not in title  # not the year on the last day alone
    finder.close()


def test_the_help_menu_and_the_guide_are_in_japanese(
    qtbot: QtBot, sqlite_database: Database, open_window
) -> None:
    window = open_window()
    help_menu = window.help_menu
    assert isinstance(help_menu, QMenu)
    assert window.menuBar().actions()[-1].text() == "ヘルプ(&H)"
    entries = [action.text() for action in help_menu.actions() if action.text()]
    assert "CPP Scheduler について" in entries
    guide = window.show_help()
    titles = [guide.contents.item(row).text() for row in range(guide.contents.count())]  # type: ignore[attr-defined]
    assert titles[:2] == ["はじめに", "コーディネーターのツール"]
    page = guide.browser  # type: ignore[attr-defined]
    assert page.toPlainText().startswith("CPP Scheduler をはじめる")
    guide.show_document("scheduling.md")  # type: ignore[attr-defined]
    assert page.toPlainText().startswith("スケジュールのエンジン")
    guide.show_document("program-file.md")  # type: ignore[attr-defined]
    assert page.toPlainText().startswith("プログラムファイル\n")
    assert "まだ翻訳されていない" not in page.toPlainText()
    guide.close()
    shortcuts = window.show_shortcuts()
    table = shortcuts.table  # type: ignore[attr-defined]
    assert [table.horizontalHeaderItem(n).text() for n in range(2)] == ["キー", "操作"]
    shortcuts.close()
    about = window.about_box()
    qtbot.addWidget(about)
    assert about.windowTitle() == "CPP Scheduler について"
    assert "都市パートナーシップ・プログラム" in about.text()


def test_the_mail_dialogs_headers_read_in_japanese(
    qtbot: QtBot, sqlite_database: Database, open_window
) -> None:
    window = open_window()
    tools = tools_of(window)
    updates = tools.open_send("updates")
    assert isinstance(updates, SendDialog)
    assert updates.windowTitle() == "更新を送信"
    assert _headers(updates.model) == ["宛先", "イベント", "メッセージ", "変更内容"]
    assert updates.scope.itemText(0) == "プログラム全体"
    assert updates.send_button.text() == "送信"
    qtbot.waitUntil(
        lambda: "送信" in updates.summary.text() or "通知済み" in updates.summary.text()
    )
    updates.close()
    changes = tools.open_changes()
    assert isinstance(changes, ChangesDialog)
    assert _headers(changes.model) == ["参加者とイベント", "変更内容"]
    changes.close()
    answers = tools.open_replies()
    assert isinstance(answers, RepliesDialog)
    assert answers.windowTitle() == "招待への回答"
    assert _headers(answers.model) == ["イベント", "回答の対象", "参加者", "回答"]
    settle(qtbot, window)
    answers.close()
    settings = tools.open_mail_settings()
    labels = {label.text() for label in settings.findChildren(QLabel)}
    assert {"サーバー", "ポート", "暗号化", "差出人のアドレス"} <= labels
    assert settings.test_button.text() == "テストメールを送信"
    settle(qtbot, window)
    settings.close()


def test_the_count_to_send_reads_as_messages_still_to_go(
    qtbot: QtBot, sqlite_database: Database, open_window
) -> None:
    """送信予定80件, "80 to send": before anything went out, never 送信80件, which reads
    as eighty sent."""
    from cpp_scheduler.services.demo import load_demo

    load_demo(sqlite_database)
    window = open_window()
    invitations = tools_of(window).open_send("invitations")
    assert isinstance(invitations, SendDialog)
    settle(qtbot, window)
    scope = invitations.scope
    scope.setCurrentIndex(
        next(n for n in range(scope.count()) if scope.itemText(n).startswith("代表団: Peru"))
    )
    qtbot.waitUntil(lambda: invitations.model.rowCount() > 0, timeout=20_000)
    settle(qtbot, window)
    count = invitations.model.rowCount()
    assert invitations.summary.text().startswith(f"送信予定{count}件、")
    invitations.close()
    settle(qtbot, window)


def test_the_report_columns_and_status_are_japanese(
    qtbot: QtBot, sqlite_database: Database, open_window
) -> None:
    add_event(sqlite_database, "Kobe workshop", datetime(2027, 2, 15, 1, tzinfo=UTC), 2)
    window = open_window()
    window.go_to(FIRST)
    report = window.report_actions.open_report()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: report.report is not None, timeout=20_000)
    kinds = report.models["kind"]
    assert _headers(kinds) == ["種類", "会合数", "時間数", "中止"]
    assert report.tabs.tabText(0) == "種類"
    assert report.status.text() == "プログラム報告 — 2027年1月1日～12月31日に始まる会合（東京）"
    assert report.summary.text().startswith("会合1件開催、")
    themes = report.models["theme"]
    names = [themes.index(row, 0).data() for row in range(themes.rowCount())]
    assert "防災" in names  # the themes by their Japanese names, as the sidebar lists them
    assert "防災" in report.left_out.text()  # no meeting on disaster risk this year
    report.close()
    settle(qtbot, window)


def test_an_all_day_event_reads_in_japanese_in_the_local_times_and_the_schedule(
    qtbot: QtBot, sqlite_database: Database, open_window
) -> None:
    """The Local times dock says what ``cpp-scheduler --lang ja times`` says of an
    all-day event, and the Delegation schedule's hour columns say 終日, not "All day"."""
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    closure = add_event(
        sqlite_database,
        "Golden Week: TDLC closed",
        datetime(2027, 5, 2, 15, tzinfo=UTC),
        72,
        delegation_ids=[lima],
        all_day=True,
    )
    window = open_window()
    dock = tools_of(window).local_times
    dock.show_event(closure)
    qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)
    assert dock.heading.text().endswith(
        "<br>2027年5月3日(月)～2027年5月5日(水) 終日（どの出席者のカレンダーでも同じ）"
    )

    schedule = tools_of(window).open_delegation_schedule()
    schedule.show_delegation(lima)
    settle(qtbot, window)
    model = schedule.model
    assert [model.index(0, column).data() for column in range(model.columnCount())] == [
        "Golden Week: TDLC closed",
        "2027年5月3日(月)～5日(水)",
        "終日",
        "2027年5月3日(月)～5日(水)",
        "終日",
        "終日",
    ]


def test_the_event_dialog_writes_its_dates_and_texts_in_japanese(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = open_dialog(
        qtbot,
        EventDialog,
        sqlite_database,
        start=datetime(2027, 2, 15, 5, tzinfo=UTC),
        end=datetime(2027, 2, 15, 6, tzinfo=UTC),
    )
    assert dialog.windowTitle() == "新しいイベント"
    assert dialog.ui.start.text() == "2027年2月15日(月)  14:00"
    assert dialog.ui.tokyoTime.text() == "東京 2月15日(月) 14:00"
    assert dialog.ui.duration.text() == "1時間"
    dialog.ui.allDay.setChecked(True)
    assert dialog.ui.startLabel.text() == "初日(&F)"
    assert dialog.ui.start.text() == "2027年2月15日(月)"
    dialog.ui.title.clear()
    dialog.revalidate()
    assert dialog.ui.problemSummary.text().startswith("保存するには: ")
    assert dialog.ui.findTime.text() == "日時を探す(&F)…"


def test_the_merge_dialog_names_fields_and_sides_in_japanese(qtbot: QtBot) -> None:
    plan = MergePlan(
        record_id="e1",
        label="Kobe resilience day",
        their_version=3,
        authors=("Ravi Menon",),
        merged={"venue_id": "v2"},
        taken_from_theirs=("theme_ids",),
        conflicts=(
            FieldConflict(
                "title", "Kobe day", "Kobe DRR day", "Kobe resilience day", "a", "b", "c"
            ),
        ),
    )
    dialog = MergeDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "他の人が変更しました"
    heading = dialog.heading.text()
    assert "あなたの編集中に Ravi Menon さんが Kobe resilience day を保存しました。" in heading
    assert "あなたの変更：会場、Ravi Menon さんの変更：テーマ" in heading
    assert _headers(dialog.model) == ["項目", "開いたときの値", "Ravi Menon さんの値", "あなたの値"]
    assert dialog.model.index(0, 0).data() == "タイトル"


def test_the_history_panel_speaks_japanese(qtbot: QtBot, database: Database) -> None:
    tasks = TaskManager()
    dock = HistoryDock(database, Editor(database, tasks), tasks.run_in_background, lambda *_: None)
    qtbot.addWidget(dock)
    assert dock.windowTitle() == "履歴"
    assert dock.revert_button.text() == "この変更を取り消す"
    assert dock.heading.text() == "イベントを選ぶと、誰がいつ変更したかが表示されます。"
    assert _headers(dock.model) == ["日時 (UTC)", "変更者", "内容"]


def test_the_history_panel_names_a_colleagues_english_save_in_japanese(
    qtbot: QtBot, database: Database
) -> None:
    """Ravi saved the workshop in an English window; Aiko reads its history in hers."""
    translations.install(i18n.ENGLISH)
    database.author = "Ravi Menon"
    event_id = add_event(database, "Kobe DRR workshop", datetime(2027, 2, 15, 1, tzinfo=UTC), 2)
    translations.install(i18n.JAPANESE)
    tasks = TaskManager()
    dock = HistoryDock(database, Editor(database, tasks), tasks.run_in_background, lambda *_: None)
    qtbot.addWidget(dock)
    dock.show_event(event_id)
    qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)
    tasks.wait_for_done()
    assert dock.heading.text() == "イベント 'Kobe DRR workshop'：変更1件（Ravi Menon）"


def test_a_findings_tooltip_names_its_severity_in_japanese(
    qtbot: QtBot, sqlite_database: Database, open_window
) -> None:
    room = venue_id(sqlite_database, "TDLC Meeting Room A")
    start = datetime(2027, 2, 15, 1, tzinfo=UTC)
    add_event(sqlite_database, "Housing finance clinic", start, 2, venue_id=room)
    add_event(sqlite_database, "Water roundtable", start + timedelta(hours=1), 2, venue_id=room)
    window = open_window()
    dock = tools_of(window).conflicts
    qtbot.waitUntil(lambda: dock.model.rowCount() > 0, timeout=20_000)
    kinds = [dock.model.conflict_at(row).kind for row in range(dock.model.rowCount())]
    row = kinds.index(ConflictKind.VENUE_DOUBLE_BOOKED)
    tip = dock.model.index(row, Column.MESSAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"エラー：{dock.model.conflict_at(row).message}"


def test_the_bar_says_an_earlier_days_change_with_a_japanese_date() -> None:
    saved = datetime(2027, 2, 15, 1, 42, tzinfo=UTC)
    assert clock_time(saved, now=saved + timedelta(days=3)) == "2月15日 01:42 UTC"
    assert clock_time(saved, now=saved) == "01:42 UTC"


def test_the_delegation_dialog_names_countries_in_japanese(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = open_dialog(qtbot, DelegationDialog, sqlite_database)
    countries = dialog.ui.country
    shown = {countries.itemData(row): countries.itemText(row) for row in range(countries.count())}
    assert (shown["PE"], shown["KE"], shown["JP"], shown["CI"]) == (
        "ペルー",
        "ケニア",
        "日本",
        "コートジボワール",
    )
    countries.setCurrentIndex(countries.findData("PE"))
    assert dialog.ui.zone.zoneName() == "America/Lima"


def test_one_file_per_participant_is_reported_in_japanese_sentences(
    qtbot: QtBot, sqlite_database: Database, tmp_path: Path
) -> None:
    """The report of the files written ends as a Japanese sentence does, 。 (it ended
    with "." and joined its two parts with "; ")."""
    from cpp_scheduler.services.demo import load_demo

    load_demo(sqlite_database)
    tasks = TaskManager()
    dialog = ExportDialog(sqlite_database, tasks)
    qtbot.addWidget(dialog)
    folder = tmp_path / "people"
    export_each_participant(qtbot, dialog, folder)

    report = dialog.status.text()
    assert report.endswith("書き出しました。"), report
    assert "." not in report.replace(str(folder), "")
    tasks.wait_for_done()


SKIPPED_HOUR_SERIES = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//EN\r
BEGIN:VEVENT\r
UID:skipped-hour@example.org\r
DTSTAMP:20270101T000000Z\r
DTSTART;TZID=America/New_York:20270307T023000\r
DTEND;TZID=America/New_York:20270307T033000\r
RRULE:FREQ=WEEKLY;COUNT=3\r
SUMMARY:Weekly call with the New York partners\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_the_import_plan_shows_what_happens_whole_in_japanese(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    """A meeting read as RFC 5545 says is labelled so in words drawn whole, as wide a
    column would draw them: a column fitted to the label's rounded width cut it to
    "RFC 5545 に従って…"."""
    window = open_window()
    dialog = tools_of(window).open_import()
    qtbot.addWidget(dialog)
    path = tmp_path / "new-york.ics"
    path.write_text(SKIPPED_HOUR_SERIES, encoding="utf-8", newline="")
    dialog.read(path)
    qtbot.waitUntil(lambda: not dialog.working, timeout=20_000)
    table = dialog.table
    labels = [table.model().index(row, 0).data() for row in range(table.model().rowCount())]
    assert "RFC 5545 に従って解釈" in labels
    cell = table.visualRect(table.model().index(labels.index("RFC 5545 に従って解釈"), 0))
    drawn = table.viewport().grab(cell).toImage()
    table.setColumnWidth(0, table.columnWidth(0) + 200)
    assert table.viewport().grab(cell).toImage() == drawn
