"""The Program report window and the File menu's spreadsheets, on the demo program: the
window shows the figures the report service gives, names what was left out, saves the
workbook, and "Export agenda…" writes what the calendar shows."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import settle
from gui_support import move_command
from openpyxl import load_workbook
from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.reportcharts import HoursChart
from cpp_scheduler.gui.reportmenu import ReportActions
from cpp_scheduler.gui.reportview import LEFT_OUT, ProgramReportWindow
from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.model.event_filter import EventFilter
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.reports import agenda, program_report
from cpp_scheduler.store import Database

FEBRUARY = (date(2027, 2, 1), date(2027, 2, 28))


@pytest.fixture
def demo_window(sqlite_database: Database, open_window: Callable[[], MainWindow]) -> MainWindow:
    load_demo(sqlite_database)
    return open_window()


def actions_of(window: MainWindow) -> ReportActions:
    found = window.report_actions  # type: ignore[attr-defined]
    assert isinstance(found, ReportActions)
    return found


def shown_report(qtbot: QtBot, window: MainWindow) -> ProgramReportWindow:
    report_window = actions_of(window).open_report()
    qtbot.waitUntil(lambda: report_window.report is not None, timeout=10_000)
    with qtbot.waitSignal(report_window.reportShown, timeout=10_000):
        report_window.set_period(*FEBRUARY)
        report_window.refresh()
    return report_window


def test_the_file_menu_offers_the_agenda_and_the_report(demo_window: MainWindow) -> None:
    menu = next(
        action.menu()
        for action in demo_window.menuBar().actions()
        if action.text().replace("&", "") == "File"
    )
    assert isinstance(menu, QMenu)
    texts = [action.text() for action in menu.actions()]
    at = texts.index("Export agenda…")
    assert texts[at : at + 3] == ["Export agenda…", "Program report…", ""]  # one group
    assert texts[-1] == "Quit"


def test_the_window_shows_the_services_report(
    qtbot: QtBot,
    qtmodeltester: object,
    demo_window: MainWindow,
    sqlite_database: Database,
    capsys: pytest.CaptureFixture[str],
) -> None:
    report_window = shown_report(qtbot, demo_window)
    expected = program_report(sqlite_database, *FEBRUARY)
    assert report_window.report == expected
    # The figures and what was left out, in the command's words under its title.
    first, last = FEBRUARY
    capsys.readouterr()
    url = sqlite_database.url.render_as_string(hide_password=False)
    assert main(["--db", url, "report", "--from", str(first), "--to", str(last)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert report_window.summary.text() == " · ".join(printed[1:3])
    assert report_window.left_out.text() == " · ".join(printed[3:5])
    assert report_window.summary.text().startswith(f"{expected.meetings} meetings held, ")
    assert "Partner cities left out: Kitakyushu, Kobe, Yokohama" in report_window.left_out.text()

    for name, model in report_window.models.items():
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        if name == "products":
            continue
        found = expected.breakdown(name)
        shown = [model.index(row, 0).data() for row in range(model.rowCount())]
        assert shown == [row.label for row in found.rows]
    cities = report_window.models["city"]
    marked = {
        cities.index(row, 0).data()
        for row in range(cities.rowCount())
        if cities.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    }
    # Kobe held only the series' cancelled 17 February meeting, which covers nothing.
    assert marked == {"Kitakyushu", "Kobe", "Yokohama"}
    background = cities.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color() == LEFT_OUT
    conference = next(
        row
        for row in range(report_window.models["kind"].rowCount())
        if report_window.models["kind"].index(row, 0).data() == "Conference"
    )
    assert report_window.models["kind"].index(conference, 2).data() == "17.75"

    themes = expected.breakdown("theme")
    assert report_window.theme_chart.labels == [r.label for r in themes.rows if r.key]
    assert report_window.theme_chart.values == [round(r.hours, 2) for r in themes.rows if r.key]
    chart = report_window.city_chart
    assert chart.labels == [
        "Kitakyushu (left out)",
        "Kobe (left out)",
        "Toyama",
        "Yokohama (left out)",
    ]
    assert chart.values[chart.labels.index("Toyama")] == 4.0
    assert chart.values[chart.labels.index("Kobe (left out)")] == 0


def test_the_window_writes_hours_as_the_command_prints_them(
    qtbot: QtBot,
    demo_window: MainWindow,
    sqlite_database: Database,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A breakdown past a thousand hours (a fifty-day exhibition) reads the same in the
    window's tables as in the command's, thousands grouped in both."""
    start = datetime(2027, 2, 2, 0, 0, tzinfo=UTC)
    editing.create(
        sqlite_database,
        Event,
        {
            "title": "Compact city exhibition",
            "kind": EventKind.SITE_VISIT,
            "start_utc": start,
            "end_utc": start + timedelta(days=50),
        },
    )
    report_window = shown_report(qtbot, demo_window)
    first, last = FEBRUARY
    capsys.readouterr()
    url = sqlite_database.url.render_as_string(hide_password=False)
    assert main(["--db", url, "report", "--from", str(first), "--to", str(last)]) == 0
    printed = capsys.readouterr().out.splitlines()

    kinds = report_window.models["kind"]
    rows = {
        kinds.index(row, 0).data(): kinds.index(row, 2).data() for row in range(kinds.rowCount())
    }
    assert rows["Site visit"].startswith("1,2")
    for label, hours in rows.items():
        line = next(line for line in printed if line.startswith(label + " "))
        assert line.split()[-2] == hours, line
    assert report_window.summary.text() == " · ".join(printed[1:3])


def test_each_bar_carries_its_hours_as_the_table_writes_them(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Toyama's 4 hours read "4.00" beside its bar, as in the table and the command's
    text, never "4"; each bar's hours sit past its end, on its row, in the chart."""
    report_window = shown_report(qtbot, demo_window)
    for name, chart in (("theme", report_window.theme_chart), ("city", report_window.city_chart)):
        model = report_window.models[name]
        table = {
            model.index(row, 0).data(): model.index(row, 2).data()
            for row in range(model.rowCount())
        }
        written = [label.text() for label in chart.value_labels]
        assert written == [table[label.removesuffix(" (left out)")] for label in chart.labels]
        area = chart.chart().plotArea()
        for label in chart.value_labels:
            assert area.left() < label.pos().x() < area.right()
            assert area.top() <= label.pos().y() <= area.bottom() - label.boundingRect().height()
        by_value = sorted(zip(chart.values, chart.value_labels, strict=True), key=lambda p: p[0])
        for (low, lower), (high, higher) in itertools.pairwise(by_value):
            assert lower.pos().x() <= higher.pos().x()
            assert (low < high) == (lower.pos().x() < higher.pos().x())
        heights = [label.pos().y() for label in chart.value_labels]
        assert heights == sorted(heights)  # first row at the top, as the table
    city = report_window.city_chart
    assert [label.text() for label in city.value_labels if label.text() != "0.00"] == ["4.00"]


@pytest.mark.parametrize("width", [320, 600, 1000])
def test_each_bars_hours_end_within_a_narrow_chart(qtbot: QtBot, width: int) -> None:
    """A long bar of 1,785.50 hours on a chart 320 pixels wide: its hours were written
    past its end as far as x=325, out of the chart. The hours axis now reaches far enough
    that every bar's hours end within the plot area, at any width."""
    chart = HoursChart("Hours by theme")
    qtbot.addWidget(chart)
    chart.resize(width, 240)
    chart.show_rows([("Economic development", 1785.5), ("Culture", 3.0), ("Water", 1200.25)])
    chart.show()
    qtbot.waitExposed(chart)

    def right_edges() -> list[float]:
        return [
            chart.mapFromScene(label.mapToScene(label.boundingRect().topRight())).x()
            for label in chart.value_labels
        ]

    area = chart.chart().plotArea
    qtbot.waitUntil(lambda: area().width() > 0 and max(right_edges()) <= area().right())
    assert [label.text() for label in chart.value_labels] == ["1,785.50", "3.00", "1,200.25"]
    for edge, label in zip(right_edges(), chart.value_labels, strict=True):
        assert area().left() < label.pos().x() < edge <= area().right() < chart.viewport().width()


def test_the_window_shows_at_once_and_fills_when_its_count_arrives(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    load_demo(sqlite_database)
    held: list[tuple[Callable[[], object], Callable[[object], None]]] = []

    def hold(
        work: Callable[[], object],
        done: Callable[[object], None],
        _failed: Callable[[BaseException], None],
    ) -> None:
        held.append((work, done))  # counted when the test lets it

    report_window = ProgramReportWindow(sqlite_database, hold, *FEBRUARY)
    qtbot.addWidget(report_window)
    report_window.show()
    report_window.refresh()
    qtbot.waitExposed(report_window)
    # Shown before the count: the period, "Counting…", the charts' frames, empty.
    assert report_window.status.text() == "Counting…"
    assert not report_window.show_button.isEnabled()
    qtbot.waitUntil(
        lambda: (
            [chart.isVisible() for chart in report_window.findChildren(QChartView)] == [True, True]
        ),
        timeout=5_000,
    )
    assert report_window.theme_chart.labels == report_window.city_chart.labels == []
    assert report_window.models["theme"].rowCount() == 0
    work, done = held.pop()
    with qtbot.waitSignal(report_window.reportShown, timeout=10_000):
        done(work())
    expected = program_report(sqlite_database, *FEBRUARY)
    assert report_window.show_button.isEnabled()
    themes = expected.breakdown("theme")
    assert report_window.theme_chart.labels == [r.label for r in themes.rows if r.key]
    assert report_window.models["theme"].rowCount() == len(themes.rows)
    assert report_window.status.text() == (
        "Program report — meetings starting 01–28 February 2027 (Tokyo)"
    )


def test_an_edit_says_the_count_is_old_and_show_counts_again(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    report_window = shown_report(qtbot, demo_window)
    assert "Toyama" not in report_window.report.cities_left_out  # type: ignore[union-attr]
    visit = next(
        row for row in demo_window.events.rows() if row.title.startswith("Site visit: Toyama")
    )
    to_march = timedelta(days=28)
    demo_window.editor.execute(
        move_command(
            demo_window, visit.event_id, visit.start_utc + to_march, visit.end_utc + to_march
        )
    )
    settle(qtbot, demo_window)
    assert "press Show to count again" in report_window.status.text()
    with qtbot.waitSignal(report_window.reportShown, timeout=10_000):
        report_window.show_button.click()
    assert "Toyama" in report_window.report.cities_left_out  # type: ignore[union-attr]


def test_a_period_that_ends_before_it_starts_is_refused(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    report_window = shown_report(qtbot, demo_window)
    shown = report_window.report
    report_window.set_period(date(2027, 3, 1), date(2027, 2, 1))
    report_window.refresh()
    assert "before the first" in report_window.status.text()
    assert report_window.report is shown


def test_save_as_spreadsheet(qtbot: QtBot, demo_window: MainWindow, tmp_path: Path) -> None:
    report_window = shown_report(qtbot, demo_window)
    with qtbot.waitSignal(report_window.saved, timeout=10_000) as saved:
        report_window.save_spreadsheet(tmp_path / "february")
    assert saved.args == [str(tmp_path / "february.xlsx")]
    book = load_workbook(tmp_path / "february.xlsx")
    assert "By theme" in book.sheetnames
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert report_window.report is not None
    assert summary["Meetings held"] == report_window.report.meetings
    assert "Wrote" in report_window.status.text()


def test_export_agenda_writes_what_the_calendar_shows(
    qtbot: QtBot, demo_window: MainWindow, sqlite_database: Database, tmp_path: Path
) -> None:
    demo_window.set_display_zone("America/Lima")  # the calendar's days are Lima's
    demo_window.go_to(date(2027, 3, 10))
    demo_window.proxy.set_event_filter(EventFilter(kind=EventKind.SITE_VISIT))
    actions = actions_of(demo_window)
    first, last = actions.agenda_period()
    assert first is not None
    assert last is not None
    assert first <= date(2027, 3, 10) <= last
    target = tmp_path / "agenda.csv"
    actions.export_agenda(target)
    settle(qtbot, demo_window)
    qtbot.waitUntil(target.exists, timeout=10_000)
    written = target.read_text("utf-8-sig").splitlines()
    expected = agenda(
        sqlite_database,
        EventFilter(kind=EventKind.SITE_VISIT),
        first,
        last,
        actions.agenda_zones(),
        "America/Lima",
    )
    assert written[0].split(",")[9:11] == ["Start (America/Lima)", "End (America/Lima)"]
    titles = [line.split(",")[0] for line in written[1:]]
    assert titles == [row[0] for row in expected.rows]
    assert titles  # the tour's site visits that week
    assert all(row[1] == "Site visit" for row in expected.rows)
    shown = {
        row.title for row in demo_window.proxy.rows_between(*demo_window.tools.visible_range())
    }  # type: ignore[attr-defined]
    assert set(titles) == shown
    assert "Wrote" in demo_window.statusBar().currentMessage()


def test_the_japanese_file_menu_offers_the_agenda_and_the_report(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """In Japanese the File menu is "ファイル(F)": "Export agenda…" and "Program
    report…" are in it all the same, in Japanese, before Quit."""
    from cpp_scheduler import i18n
    from cpp_scheduler.gui import translations

    translations.install(i18n.JAPANESE)
    try:
        window = open_window()
        file_menu = window.menuBar().actions()[0]
        assert file_menu.text() == "ファイル(&F)"
        menu = file_menu.menu()
        assert isinstance(menu, QMenu)
        texts = [action.text() for action in menu.actions()]
        assert "一覧を書き出す…" in texts
        at = texts.index("一覧を書き出す…")
        assert texts[at : at + 3] == ["一覧を書き出す…", "プログラム報告…", ""]
        assert menu.actions()[at + 1] is actions_of(window).report_action
        settle(qtbot, window)
    finally:
        translations.install(i18n.ENGLISH)


def test_the_japanese_window_lists_what_was_left_out_as_japanese_lists_it(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """The names left out read as the report's other lists do in Japanese (北九州市、神戸市),
    and a name holding markup is shown as typed, not as markup."""
    from cpp_scheduler import i18n
    from cpp_scheduler.gui import translations
    from cpp_scheduler.model import ThematicArea

    load_demo(sqlite_database)
    with sqlite_database.session() as session, session.begin():
        session.add(ThematicArea(code="water-<b>", name="Water & <b>sanitation</b>"))
    translations.install(i18n.JAPANESE)
    try:
        window = open_window()
        report_window = shown_report(qtbot, window)
        text = report_window.left_out.text()
        assert "北九州市、神戸市、横浜市" in text
        # Shown as typed: the label takes its text as plain text, never as markup.
        assert "Water & <b>sanitation</b>" in text
        assert report_window.left_out.textFormat() == Qt.TextFormat.PlainText
        assert report_window.city_chart.labels[0].startswith("北九州市")
        settle(qtbot, window)
    finally:
        translations.install(i18n.ENGLISH)


def test_the_report_opens_on_the_year_of_the_month_shown(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """January 2027's grid begins on Monday 28 December 2026: the report is 2027's."""
    demo_window.show_view("month")
    demo_window.go_to(date(2027, 1, 15))
    report_window = actions_of(demo_window).open_report()
    assert report_window.period() == (date(2027, 1, 1), date(2027, 12, 31))
