"""The calendar as a coordinator reads it on a laptop and an office screen: the week of
parallel sessions, and the venue timeline with rooms under their city in English and
Japanese, day and hour labels that never run together, bookings labelled where they fit,
and a zoom from one day to two weeks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views import venues
from cpp_scheduler.gui.views.venues import VenueTimelineView
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database, open_database

CONFERENCE_DAY = date(2027, 2, 15)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path)
    load_demo(database)
    database.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_file.read_bytes())
    database = open_database(copy)
    yield database
    database.close()


def _timeline(window: MainWindow, qtbot: QtBot, width: int) -> VenueTimelineView:
    window.resize(width, 768)
    window.show_view("venues")
    window.go_to(CONFERENCE_DAY)
    timeline = window.views["venues"]
    assert isinstance(timeline, VenueTimelineView)
    qtbot.waitUntil(lambda: bool(timeline.venues))
    return timeline


def test_rooms_are_grouped_under_their_city_with_japanese_names(
    demo: Database, make_window, qtbot: QtBot
) -> None:
    timeline = _timeline(make_window(demo), qtbot, 1366)
    headings = [line.heading for line in timeline.lines if line.venue is None]
    assert "Kobe 神戸市" in headings
    assert "Yokohama 横浜市" in headings
    under: dict[str, list[str]] = {}
    heading = ""
    for line in timeline.lines:
        if line.venue is None:
            heading = line.heading
        else:
            under.setdefault(heading, []).append(line.venue.name)
            assert line.venue.detail, f"{line.venue.name} has no Japanese name shown"
    assert "Kobe City Hall" in under["Kobe 神戸市"]
    assert "TDLC Meeting Room A" in under["Tokyo"]
    room_a = next(
        line.venue for line in timeline.lines if line.venue and "Room A" in line.venue.name
    )
    assert room_a.detail == "TDLC 会議室A"


@pytest.mark.parametrize("width", [1366, 1920])
@pytest.mark.parametrize("days", [1, 7, 14])
def test_day_and_hour_labels_never_run_together(
    demo: Database, make_window, qtbot: QtBot, width: int, days: int
) -> None:
    timeline = _timeline(make_window(demo), qtbot, width)
    timeline.set_zoom(days)
    day_width = timeline.day_width()
    metrics = QFontMetrics(timeline.font())
    first, last = timeline.period()
    assert (last - first).days + 1 == days
    shown = [first.fromordinal(first.toordinal() + offset) for offset in range(days)]
    labels = venues.day_labels(shown, metrics, day_width - 8)
    for label in labels:
        assert label, "every day keeps at least its number"
        assert metrics.horizontalAdvance(label) <= day_width - 8
    # One form across the header: never "Friday 19 February" beside "Thu 18 Feb".
    forms = {
        venues._label_forms(day).index(label) for day, label in zip(shown, labels, strict=True)
    }
    assert len(forms) == 1
    step = timeline.hour_step()
    if step:
        assert step * day_width / venues.HOURS >= venues.LABEL_SPACING
    assert day_width >= venues.MIN_DAY_WIDTH[days]


def test_the_zoom_changes_the_period_and_the_title(
    demo: Database, make_window, qtbot: QtBot
) -> None:
    window = make_window(demo)
    timeline = _timeline(window, qtbot, 1366)
    qtbot.mouseClick(timeline.zoom_buttons.button(1), Qt.MouseButton.LeftButton)
    assert timeline.period() == (CONFERENCE_DAY, CONFERENCE_DAY)
    assert window.period_label.text() == "Venues, Monday 15 February 2027"
    day_titles = {row.title for _rect, row, _clash in timeline.bars()}
    qtbot.mouseClick(timeline.zoom_buttons.button(14), Qt.MouseButton.LeftButton)
    assert window.period_label.text() == "Venues, 15 Feb – 28 Feb 2027"
    fortnight_titles = {row.title for _rect, row, _clash in timeline.bars()}
    assert day_titles < fortnight_titles
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.period_label.text() == "Venues, 01 Mar – 14 Mar 2027"


def test_a_booking_shows_its_time_and_title_where_they_fit_and_selects_its_meeting(
    demo: Database, make_window, qtbot: QtBot
) -> None:
    window = make_window(demo)
    timeline = _timeline(window, qtbot, 1920)
    timeline.set_zoom(1)
    line_height = float(QFontMetrics(timeline.font()).height())
    labelled = [
        (rect, row, venues.booking_label(row, timeline.zone, rect, line_height))
        for rect, row, _clash in timeline.bars()
    ]
    assert labelled
    for rect, row, label in labelled:
        if rect.width() >= 28:
            assert row.title in " ".join(label)
    rect, row, _label = labelled[0]
    canvas = timeline._canvas
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.selected_occurrence == row.occurrence_key
    assert timeline.is_selected(row)
    assert canvas.row_at(QPointF(5, rect.center().y())) is None  # the venue's label


@pytest.mark.parametrize("width", [1366, 1440, 1920])
@pytest.mark.parametrize("week", [CONFERENCE_DAY, date(2027, 3, 8)])
def test_every_event_of_the_conference_and_tour_weeks_shows_its_start_and_title(
    demo: Database, make_window, qtbot: QtBot, width: int, week: date
) -> None:
    """Parallel sessions side by side still say when they start and what they are."""
    from cpp_scheduler import timezones
    from cpp_scheduler.gui.views.timegrid import block_lines

    window = make_window(demo)
    window.resize(width, 768 if width < 1920 else 1080)
    window.show_view("week")
    window.go_to(week)
    grid = window.views["week"]
    blocks = grid.blocks()  # type: ignore[attr-defined]
    assert blocks
    font = grid.font()
    for block in blocks:
        row = block.row
        rect = grid.block_rect(block)  # type: ignore[attr-defined]
        start = timezones.to_local(row.start_utc, window.display_zone)
        end = timezones.to_local(row.end_utc, window.display_zone)
        lines, bold = block_lines(row, start, end, rect, font)
        assert any(f"{start:%H:%M}" in line for line in lines), row.title
        first_title_line = lines[bold.start].removeprefix(f"{start:%H:%M} ").rstrip("…")
        assert len(first_title_line) >= 4, (row.title, lines)
        assert row.title.startswith(first_title_line), (row.title, lines)
    # The docks leave the calendar at least two thirds of the window's width.
    assert window.current_view.width() >= 2 / 3 * window.width()


def test_a_change_of_zone_or_a_jump_brings_the_events_into_sight(
    demo: Database, make_window, qtbot: QtBot
) -> None:
    """Lima's view of the tour week puts the Tokyo mornings in Lima's evening: the grid
    follows them instead of leaving them below the visible hours."""
    from cpp_scheduler.gui.views.timegrid import HOUR_HEIGHT

    window = make_window(demo)
    window.resize(1366, 768)
    window.show_view("week")
    window.go_to(date(2027, 3, 8))
    grid = window.views["week"]
    bar = grid._scroll.verticalScrollBar()  # type: ignore[attr-defined]
    viewport = grid._scroll.viewport()  # type: ignore[attr-defined]

    def first_event_in_sight() -> bool:
        top = min(block.start_minute for block in grid.blocks()) * HOUR_HEIGHT / 60  # type: ignore[attr-defined]
        return bar.value() <= top <= bar.value() + viewport.height() - HOUR_HEIGHT

    qtbot.waitUntil(first_event_in_sight)
    window.set_display_zone("America/Lima")
    qtbot.waitUntil(first_event_in_sight)
    late = max(grid.blocks(), key=lambda block: block.start_minute)  # type: ignore[attr-defined]
    window.select_occurrence(late.row.occurrence_key)
    selected = [block for block in grid.blocks() if grid.is_selected(block.row)]  # type: ignore[attr-defined]
    top = min(block.start_minute for block in selected) * HOUR_HEIGHT / 60
    qtbot.waitUntil(lambda: bar.value() <= top <= bar.value() + viewport.height() - HOUR_HEIGHT)


def test_a_week_of_all_day_events_opens_on_the_working_morning(
    demo: Database, make_window, qtbot: QtBot
) -> None:
    """From an evening meeting of the tour week in Lima, Golden Week (all day, no meeting
    at an hour) shows the morning, not the evening the week before was scrolled to."""
    from cpp_scheduler import timezones
    from cpp_scheduler.gui.views.timegrid import HOUR_HEIGHT
    from cpp_scheduler.model import Event, EventKind
    from cpp_scheduler.services import editing

    start, end = timezones.local_days(date(2027, 4, 29), date(2027, 5, 5), timezones.TOKYO)
    editing.create(
        demo,
        Event,
        {
            "title": "Golden Week: TDLC closed",
            "kind": EventKind.WORKSHOP,
            "zone": timezones.TOKYO,
            "all_day": True,
            "start_utc": start,
            "end_utc": end,
        },
    )
    window = make_window(demo)
    window.resize(1366, 768)
    window.set_display_zone("America/Lima")
    window.show_view("week")
    window.go_to(date(2027, 3, 8))
    grid = window.views["week"]
    bar = grid._scroll.verticalScrollBar()  # type: ignore[attr-defined]
    morning = 7 * HOUR_HEIGHT + HOUR_HEIGHT // 2
    blocks = grid.blocks()  # type: ignore[attr-defined]
    evening = next(
        block
        for block in blocks
        if block.start_minute >= 19 * 60
        and [other.row for other in blocks].count(block.row) == 1  # not past midnight
    )
    window.select_occurrence(evening.row.occurrence_key)
    qtbot.waitUntil(lambda: bar.value() > 12 * HOUR_HEIGHT)
    window.go_to(date(2027, 4, 29))
    assert [row.title for row, _first, _last in grid.all_day()] == ["Golden Week: TDLC closed"]  # type: ignore[attr-defined]
    assert grid.blocks() == []  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bar.value() == morning)


def test_a_meeting_past_midnight_is_shown_at_its_start_not_at_midnight(
    demo: Database, make_window, qtbot: QtBot
) -> None:
    """A call from 22:30 to 01:00 in Tokyo is two pieces in the week; choosing it scrolls
    to the evening piece where it starts, not to the midnight piece of the next day."""
    from cpp_scheduler.gui.views.timegrid import HOUR_HEIGHT
    from cpp_scheduler.model import Event, EventKind
    from cpp_scheduler.services import editing

    start = datetime(2027, 3, 9, 13, 30, tzinfo=UTC)  # Tuesday 22:30 in Tokyo
    call = editing.create(
        demo,
        Event,
        {
            "title": "Late call with Lima",
            "kind": EventKind.VIDEOCONFERENCE,
            "zone": "Asia/Tokyo",
            "start_utc": start,
            "end_utc": start + timedelta(hours=2, minutes=30),
        },
    )
    window = make_window(demo)
    window.resize(1366, 768)
    window.show_view("week")
    window.go_to(date(2027, 3, 8))
    grid = window.views["week"]
    bar = grid._scroll.verticalScrollBar()  # type: ignore[attr-defined]
    viewport = grid._scroll.viewport()  # type: ignore[attr-defined]
    pieces = [block for block in grid.blocks() if block.row.event_id == call]  # type: ignore[attr-defined]
    assert sorted(block.start_minute for block in pieces) == [0, 22 * 60 + 30]

    window.select_occurrence(pieces[0].row.occurrence_key)

    evening = (22 * 60 + 30) * HOUR_HEIGHT / 60
    qtbot.waitUntil(lambda: bar.value() <= evening <= bar.value() + viewport.height() - HOUR_HEIGHT)
    assert bar.value() > 12 * HOUR_HEIGHT  # not the top of the day
