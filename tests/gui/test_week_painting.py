"""The week's blocks, drawn once and copied after: what they show always follows the program."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import style
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.timegrid import TimeGridView
from cpp_scheduler.model import EventKind
from cpp_scheduler.model.event_filter import EventFilter


class PaintWatcher(QObject):
    """Tells when ``widget`` paints on screen (a grab paints it afresh whatever it showed)."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.painted.emit()
        return False


def settled_week(window: MainWindow, qtbot: QtBot) -> TimeGridView:
    """The week view once the check that follows the load has marked its conflicts."""
    dock = window.tools.conflicts  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not (dock.check_pending or dock.checking or window.tasks.busy))
    window.show_view("week")
    view = window.views["week"]
    assert isinstance(view, TimeGridView)
    return view


def block_picture(view: TimeGridView, title: str) -> QImage:
    """What the coordinator sees of an event's block."""
    block = next(block for block in view.blocks() if block.row.title == title)
    rect = view.block_rect(block).toRect()
    return view._canvas.grab(rect).toImage()


def has_conflict_badge(picture: QImage) -> bool:
    """Whether the red dot is in the block's top-right corner."""
    red = QColor(style.CONFLICT)
    corner = [
        picture.pixelColor(x, y)
        for x in range(picture.width() - 14, picture.width())
        for y in range(0, 14)
    ]
    return any(
        abs(c.red() - red.red()) + abs(c.green() - red.green()) + abs(c.blue() - red.blue()) < 30
        for c in corner
    )


def test_a_block_shows_a_conflict_mark_and_loses_it_at_once(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = settled_week(window, qtbot)
    window.events.set_marked_occurrences([])
    before = block_picture(view, "Kobe DRR workshop")
    assert not has_conflict_badge(before)
    workshop = next(b.row for b in view.blocks() if b.row.title == "Kobe DRR workshop")
    window.events.set_marked_occurrences([workshop.occurrence_key])
    assert has_conflict_badge(block_picture(view, "Kobe DRR workshop"))
    window.events.set_marked_occurrences([])
    assert block_picture(view, "Kobe DRR workshop") == before


def test_a_block_follows_its_selection_and_the_filters_back_and_forth(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = settled_week(window, qtbot)
    window.select_occurrence(None)
    plain = block_picture(view, "Kobe DRR workshop")
    workshop = next(b.row for b in view.blocks() if b.row.title == "Kobe DRR workshop")
    window.select_occurrence(workshop.occurrence_key)
    assert block_picture(view, "Kobe DRR workshop") != plain  # the dark border
    window.select_occurrence(None)
    assert block_picture(view, "Kobe DRR workshop") == plain
    # Alone in its hours, the workshop takes the whole day's width; back with the
    # site visit, it shares the day again, as it was drawn before.
    window.sidebar.set_event_filter(EventFilter(kind=EventKind.WORKSHOP))
    alone = block_picture(view, "Kobe DRR workshop")
    assert alone.width() > plain.width() * 1.5
    window.sidebar.set_event_filter(EventFilter())
    assert block_picture(view, "Kobe DRR workshop") == plain


def test_a_renamed_event_is_drawn_with_its_new_title(window: MainWindow, qtbot: QtBot) -> None:
    view = settled_week(window, qtbot)
    before = block_picture(view, "Kobe DRR workshop")
    workshop = next(b.row for b in view.blocks() if b.row.title == "Kobe DRR workshop")
    window.events.replace_events(
        [workshop.event_id], [workshop._replace(title="Kobe resilience workshop")]
    )
    after = block_picture(view, "Kobe resilience workshop")
    assert after.size() == before.size()
    assert after != before


def test_a_mark_set_while_a_view_is_hidden_shows_when_it_is_shown_again(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A check's answer arrives while the Agenda is on screen: the week, hidden then,
    shows the new marks as soon as it is chosen again, and the Agenda shows them at once."""
    view = settled_week(window, qtbot)
    window.events.set_marked_occurrences([])
    workshop = next(b.row for b in view.blocks() if b.row.title == "Kobe DRR workshop")
    window.show_view("agenda")
    agenda = window.views["agenda"].table  # type: ignore[attr-defined]
    row = window.proxy.proxy_row_of(workshop.occurrence_key)
    agenda.scrollTo(window.proxy.index(row, 0))
    qtbot.waitUntil(lambda: agenda.viewport().isVisible())

    def agenda_row() -> QImage:
        rect = agenda.visualRect(window.proxy.index(row, 2))
        return agenda.viewport().grab(rect).toImage()

    unmarked = agenda_row()
    shown = window.proxy.rowCount()
    qtbot.wait(100)  # what was asked to paint before has painted
    with qtbot.waitSignal(PaintWatcher(agenda.viewport()).painted, timeout=2_000):
        window.events.set_marked_occurrences([workshop.occurrence_key])
    assert agenda_row() != unmarked  # the conflict icon beside the title
    assert window.proxy.rowCount() == shown  # the filters let the same meetings through
    window.show_view("week")
    assert has_conflict_badge(block_picture(view, "Kobe DRR workshop"))
    window.show_view("agenda")
    qtbot.wait(100)
    with qtbot.waitSignal(PaintWatcher(agenda.viewport()).painted, timeout=2_000):
        window.events.set_marked_occurrences([])
    assert agenda_row() == unmarked
    window.show_view("week")
    assert not has_conflict_badge(block_picture(view, "Kobe DRR workshop"))
