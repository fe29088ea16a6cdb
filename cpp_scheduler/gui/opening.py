"""Opening the program behind a window that is already on screen.

The window paints its frame first; then the database opens and the period on screen is
read on a worker thread (:func:`open_program`), started by :class:`AfterFirstPaint` so
that the worker, loading the database layer, does not compete with the first paint. Once
that period is painted with its events, the engine's modules load on a worker
(:func:`load_the_engine`) while the rest of the program is read, and the tools are
attached when they are in. A :class:`StoreOpener` (the window the application starts)
first glances at the period in a SQLite file before the database layer has loaded
(:mod:`cpp_scheduler.services.period_glance`), so the week paints with its events sooner
still; the database then opens, with its checks, as without it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from cpp_scheduler.services.rows import Choice, EventRow

if TYPE_CHECKING:
    from cpp_scheduler.services.database import Database

DatabaseOpener = Callable[[], "Database"]
"""Opens the program's database; run off the GUI thread while the window shows."""

OPEN_AT_THE_LATEST_MS = 250
"""When a window given an opener starts opening if it has not painted by then."""

ProgramRead = tuple[list[EventRow], dict[str, Sequence[Choice]]]
"""The program as the calendar shows it: its rows, and the choices of the filters."""


class StoreOpener:
    """Opens the program at ``location`` (a path, a URL, or None for the default) under
    the name the preferences give, as :func:`cpp_scheduler.gui.app.open_store` does; and
    reads the period on screen straight from a SQLite file before that (:meth:`glance`)."""

    def __init__(self, location: str | None) -> None:
        self.location = location

    def __call__(self) -> Database:
        from cpp_scheduler.gui.app import open_store

        return open_store(self.location)

    def glance(self, between: tuple[datetime, datetime]) -> list[EventRow] | None:
        """The rows of the period ``between``, or None where only the open can tell."""
        from cpp_scheduler.services.period_glance import glance_at_period

        return glance_at_period(self.location, between)


class AfterFirstPaint(QObject):
    """Calls ``callback`` once, as soon as ``widget``'s first paint is done."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)  # after this paint, not during it
            self.deleteLater()
        return False


def once_painted(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once: as soon as ``widget`` has painted for the first time, or
    after :data:`OPEN_AT_THE_LATEST_MS` should it not be shown by then. A dialog starts
    its background reads so, and paints before they compete with it for the
    interpreter."""
    called = False

    def once() -> None:
        nonlocal called
        if not called:
            called = True
            callback()

    AfterFirstPaint(widget, once)
    QTimer.singleShot(OPEN_AT_THE_LATEST_MS, widget, once)


def read_program(
    database: Database, between: tuple[datetime, datetime] | None = None
) -> ProgramRead:
    """Everything the calendar shows, read in one go (in the background); with
    ``between``, only the events that may meet those instants (the period on screen).
    The lists the sidebar searches as words are typed (delegations, people: thousands)
    come with their search texts, worked out here rather than at the first key."""
    from cpp_scheduler.gui.choices import searched_choices
    from cpp_scheduler.services import calendar_reads

    references: dict[str, Sequence[Choice]] = {
        "cities": calendar_reads.partner_cities(database),
        "themes": calendar_reads.themes(database),
        "delegations": searched_choices(calendar_reads.delegations(database)),
        "participants": searched_choices(calendar_reads.participants(database)),
        "venues": calendar_reads.venues(database),
    }
    return calendar_reads.load_event_rows(database, between=between), references


def open_program(
    opener: DatabaseOpener, between: tuple[datetime, datetime] | None = None
) -> tuple[Database, ProgramRead]:
    """Open the database and read the program, off the GUI thread: nothing more, so the
    period on screen arrives as soon as it can (see :func:`load_the_engine`)."""
    database = opener()
    try:
        return database, read_program(database, between)
    except BaseException:
        database.close()
        raise


def load_the_engine() -> None:
    """Load, off the GUI thread, the engine modules the window's tools need, so that
    attaching them on the GUI thread does not stall it; only modules free of Qt. Among
    them the printed documents' and their PDF reader (pypdf, a fifth of a second), which
    the documents' menu entries import when the tools are attached."""
    import cpp_scheduler.documents.content
    import cpp_scheduler.documents.itinerary
    import cpp_scheduler.documents.pdf_text
    import cpp_scheduler.documents.programme
    import cpp_scheduler.documents.runsheet
    import cpp_scheduler.scheduling.conflicts
    import cpp_scheduler.scheduling.localtimes
    import cpp_scheduler.services.checking
    import cpp_scheduler.services.conflict_words
    import cpp_scheduler.services.counted
    import cpp_scheduler.services.delegation_schedule
    import cpp_scheduler.services.editing
    import cpp_scheduler.services.field_names
    import cpp_scheduler.services.history
    import cpp_scheduler.services.localtimes
    import cpp_scheduler.services.merging
    import cpp_scheduler.services.removal
    import cpp_scheduler.services.save_as_new
    import cpp_scheduler.services.saved_words
    import cpp_scheduler.services.series
    import cpp_scheduler.services.slot_grid
    import cpp_scheduler.services.snapshot  # noqa: F401


def weekend_of_clock(zone_name: str) -> frozenset[int]:
    """The weekdays off on ``zone_name``'s clock, the engine's
    (:func:`~cpp_scheduler.scheduling.holidays.weekend_of_zone`), for a worker to read:
    the holiday calendars it loads the first time take a tenth of a second."""
    from cpp_scheduler.scheduling.holidays import weekend_of_zone

    return weekend_of_zone(zone_name)


def load_the_tools() -> None:
    """Load, off the GUI thread, the modules free of Qt behind the tools and dialogs
    (calendar files, the slot search, tours, the delegation's schedule, reports, the
    editors' drafts, series and answers) and the zone catalogue every editor's zone
    picker lists (some 400 zones, each read from the database for its offset now), so
    that the first opening of each does not read them on the GUI thread."""
    import cpp_scheduler.ical.export
    import cpp_scheduler.ical.importer
    import cpp_scheduler.model.series_pattern
    import cpp_scheduler.reports.program
    import cpp_scheduler.services.access
    import cpp_scheduler.services.calendar_export
    import cpp_scheduler.services.calendar_import
    import cpp_scheduler.services.calendar_preview
    import cpp_scheduler.services.changes
    import cpp_scheduler.services.choices
    import cpp_scheduler.services.delegation_schedule
    import cpp_scheduler.services.draft_times
    import cpp_scheduler.services.replies
    import cpp_scheduler.services.reports
    import cpp_scheduler.services.series_view
    import cpp_scheduler.services.slot_grid
    import cpp_scheduler.services.slot_search
    import cpp_scheduler.services.tours  # noqa: F401
    from cpp_scheduler import timezones

    timezones.zone_catalogue()  # the zone pickers' every zone, with its offset now
