"""The coordinator's main window: sidebar, the five calendar views, toolbar, status bar.

The window owns the item models and the undo stack. Views never write: they ask (move
this event, edit that one, create one here) and the window turns the request into a
command, so every change is validated by the model's rules and can be undone.

The window comes up in two steps, so a coordinator sees the calendar at once. First the
frame: views, sidebar, menus and toolbar, built from modules that do not load the
database layer. Then the program: the database opens and the events are read in the
background, and when they arrive the window attaches the editor (undo commands), the
tools and their docks, and enables everything that changes the program.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import APP_NAME, i18n, timezones
from cpp_scheduler.errors import SchedulerError, shown_path
from cpp_scheduler.gui import collector, filemenu, style
from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui.actions import VIEW_NAMES, build_menus, build_toolbar, create_actions
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.eventmodel import EventFilterProxy, EventTableModel
from cpp_scheduler.gui.opening import (
    OPEN_AT_THE_LATEST_MS,
    AfterFirstPaint,
    DatabaseOpener,
    ProgramRead,
    StoreOpener,
    load_the_engine,
    open_program,
    read_program,
    weekend_of_clock,
)
from cpp_scheduler.gui.sidebar import Sidebar
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.views.base import (
    CalendarView,
    instants_holding,
    within_program_days,
)
from cpp_scheduler.gui.views.timegrid import TimeGridView
from cpp_scheduler.gui.widgets.wrapping_label import WrappingLabel
from cpp_scheduler.gui.window_editing import DialogFactory, RecordEditing, open_editor
from cpp_scheduler.gui.zoneselector import ZoneSelector
from cpp_scheduler.model.event_filter import EventFilter
from cpp_scheduler.services.rows import (
    Choice,
    EventRow,
    OccurrenceKey,
    events_in_view,
    occurrences_of_events,
)

# The dialogs' classes load when first used: each Qt class costs a moment the first time,
# and none of these is on screen when the window first shows.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from cpp_scheduler.gui.commands import Editor
    from cpp_scheduler.gui.help import HelpWindow
    from cpp_scheduler.gui.records import RecordManager
    from cpp_scheduler.gui.welcome import WelcomePanel
    from cpp_scheduler.services.database import Database


STATUS_NEWS_MS = 8_000
"""How long the status bar says that work in the background has finished."""

KEEP_DISMISSED_WELCOMES = 20
"""How many databases the "Start empty" choice is remembered for."""

_EVERYTHING = (datetime(1900, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC))
"""Instants before and after every meeting the program can hold: what the Agenda lists."""


class MainWindow(RecordEditing, QMainWindow):
    """The application's window over one open database.

    ``database`` is an open database, or a function that opens one: the window then
    shows at once and opens it in the background (a failure is reported, then
    ``openFailed`` is emitted).

    Signals:
        eventsLoaded(): the program's rows arrived from the database and the views
            follow them (at start and after each full reload).
        programOpened(): the database is open; editing and the tools are available.
        openFailed(str): the database could not be opened; the reason.
        selectionChanged(object): the selected meeting changed (an
            :class:`OccurrenceKey`, or None); every tool follows it.
        shownDaysChanged(): the days the current view is about
            (:meth:`CalendarView.days_covered`: a month's own days) or the zone they are
            read on changed, whatever moved them (Previous, Next, another view, the
            sidebar's month, a tool going to a meeting, a zoom, another zone): what
            follows the dates shown (the conflicts of those dates) follows this alone.
        shownChanged(): what the calendar shows may be other events: its days, its
            view, the filters or the program's rows changed (each time the status bar
            counts them again); :meth:`shown_event_ids` says which.
    """

    eventsLoaded = Signal()
    programOpened = Signal()
    openFailed = Signal(str)
    selectionChanged = Signal(object)
    shownDaysChanged = Signal()
    shownChanged = Signal()
    closed = Signal()

    # Built from the table of gui/actions.py (create_actions and build_menus set them).
    new_action: QAction
    open_database_action: QAction
    export_program_action: QAction
    import_action: QAction
    demo_action: QAction
    quit_action: QAction
    edit_action: QAction
    delete_action: QAction
    cancel_meeting_action: QAction
    find_action: QAction
    today_action: QAction
    previous_action: QAction
    next_action: QAction
    zone_action: QAction
    undo_action: QAction
    redo_action: QAction
    recent_menu: QMenu
    tools_menu: QMenu
    help_menu: QMenu

    def __init__(
        self,
        database: Database | DatabaseOpener,
        settings: QSettings | None = None,
        dialog_factory: DialogFactory = open_editor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database: Database | None = None
        self._editor: Editor | None = None
        self.settings = settings or options.open_settings()
        options.upgrade(self.settings)
        self.dialog_factory = dialog_factory
        self.setWindowTitle(
            translate("MainWindow", "{name} — opening the program…").format(name=APP_NAME)
        )
        self.setWindowIcon(style.application_icon())
        self.setObjectName("mainWindow")
        self.undo_stack = QUndoStack(self)
        self.tasks = TaskManager(self)
        self.tasks.busyChanged.connect(self._busy_changed)
        self.events = EventTableModel(self)
        self.proxy = EventFilterProxy(self.events, self)
        self._anchor = date.today()
        self._selected: OccurrenceKey | None = None
        self._days_shown: tuple[date, date, str, bool] | None = None
        """The days and the zone :attr:`shownDaysChanged` last told of."""
        self._welcome_dismissed = False
        self._replacing: tuple[str, str] | None = None
        """The work replacing the program (``welcome.DEMO``, ``welcome.IMPORT``) and what
        the status bar says of it, from its request to the calendar showing its result."""
        self._help: HelpWindow | None = None
        self._loaded = False
        self._reload_waiting = False
        """A read of the whole program is asked and has not started yet."""
        self._reads_holding_collection = 0
        """Reads of the whole program asked and not yet answered, each holding the cycle
        collection (see :meth:`reload`)."""
        self._managers: dict[str, RecordManager] = {}
        self._row_reads = 0
        """How many reads of changed events' rows were asked (each read's number)."""
        self._row_reads_pending: dict[str, int] = {}
        """The events whose rows are being read again, with their latest read's number."""
        self._opener: DatabaseOpener | None = None
        self._after_reload: str | None = None
        self.other_windows: list[MainWindow] = []
        """Windows opened from File > Open database, kept alive while they are open."""
        self._successor: MainWindow | None = None
        """The window made again in another language in this one's place (see
        :mod:`cpp_scheduler.gui.relanguage`), kept alive by this one."""
        if callable(database):
            # Opened once the window has painted: the worker, loading the database layer,
            # would otherwise compete with the GUI thread for the interpreter and delay
            # the first sight of the calendar. Soon after in any case, should no paint
            # come (a window opened hidden).
            self._opener = database
            AfterFirstPaint(self, self._start_opening)
            QTimer.singleShot(OPEN_AT_THE_LATEST_MS, self._start_opening)
        else:
            # Read while the widgets are built.
            self._database = database
            self.reload()

        self.sidebar = Sidebar(self)
        self.sidebar.filterChanged.connect(self.set_event_filter)
        self.sidebar.dateChosen.connect(self.go_to)
        self.events.displayZoneChanged.connect(
            lambda _zone: self.sidebar.set_weekend(self.events.weekend)
        )
        self.views: dict[str, CalendarView] = {}
        """The calendar views made so far, by name (see :meth:`_make_view`)."""
        self._venue_choices: list[Choice] = []
        self.view_stack = QStackedWidget(self)
        self._make_view("week")
        if self._opener is None:
            self._make_every_view()
        # else the others are made once the week has painted (see _start_opening)
        self.period_label = WrappingLabel(self)
        self.period_label.setObjectName("periodTitle")
        self.calendar_page = calendar_page = QWidget(self)
        page_layout = QVBoxLayout(calendar_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        # The period on the left; the zone its times are in on the right (placed with the
        # zone selector), where the eye goes before reading a time.
        self.period_header = QHBoxLayout()
        self.period_header.setContentsMargins(0, 0, 0, 0)
        self.period_header.addWidget(self.period_label)
        page_layout.addLayout(self.period_header)
        page_layout.addWidget(self.view_stack, 1)
        self._welcome: WelcomePanel | None = None  # made when a program is empty
        self.central = QStackedWidget(self)
        self.central.addWidget(calendar_page)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        # On a short screen the sidebar scrolls instead of making the window taller.
        sidebar_scroll = QScrollArea(self)
        sidebar_scroll.setObjectName("sidebarScroll")
        sidebar_scroll.setWidget(self.sidebar)
        sidebar_scroll.setWidgetResizable(True)
        sidebar_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        sidebar_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        sidebar_scroll.setMinimumWidth(self.sidebar.minimumSizeHint().width())
        self.splitter.addWidget(sidebar_scroll)
        self.splitter.addWidget(self.central)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([270, 1100])
        self.setCentralWidget(self.splitter)

        self._build_zone_header()
        self.actions_by_name = create_actions(self, self.undo_stack)
        self.view_actions = self.actions_by_name.views
        self.program_actions = self.actions_by_name.records
        build_menus(self, self.actions_by_name)
        self.toolbar = build_toolbar(self, self.actions_by_name)
        # Connected after the undo actions' own connections, so that a step running in
        # the background keeps them disabled whatever the stack says.
        for stack_signal in (
            self.undo_stack.indexChanged,
            self.undo_stack.canUndoChanged,
            self.undo_stack.canRedoChanged,
        ):
            stack_signal.connect(self._hold_undo)
        self._build_status_bar()
        self._update_selection_actions()
        self._set_program_enabled(False)
        if self._database is not None:
            self._attach(self._database)
        # Counted when a change is done: the proxy announces a removal before its
        # source lets the row go, so the count follows the source's rows (the proxy,
        # connected to them first, has followed by then) and the proxy's own resets.
        for signal in (
            self.events.rowsInserted,
            self.events.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.proxy.filterChanged,
        ):
            signal.connect(self._update_count)
        # Styled once the widgets exist: one pass over them, not one per widget added.
        self.setStyleSheet(style.window_style_sheet())
        self._size_to_screen()
        self._restore_settings()

    # -- construction -------------------------------------------------------------------
    def _size_to_screen(self) -> None:
        """The first size: most of the screen, for a calendar beside its docks; the saved
        geometry replaces it from the second run on."""
        width, height = 1360, 860  # the least a week beside its docks wants
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(room.width(), max(width, round(room.width() * 0.9)))
            height = min(room.height(), max(height, round(room.height() * 0.9)))
        self.resize(width, height)

    def _build_zone_header(self) -> None:
        """The zone selector in the title row, beside the period: "Show times in" and the
        zone in use stay on screen at every width, never in a toolbar's overflow menu."""
        self.zone_selector = ZoneSelector(self.calendar_page)
        self.zone_selector.setObjectName("zoneHeader")
        self.zone_selector.zoneChosen.connect(self.set_display_zone)
        # The spare room goes to the selector (up to its full width), then to the zone
        # label before it, right-aligned: so neither label wraps while it has room.
        self.period_header.addWidget(self.zone_selector, 1)

    def focus_zone_selector(self) -> None:
        """View > Show times in…: put the cursor in the selector, its text selected, so
        typing a city or zone starts at once."""
        if self.central.currentWidget() is not self.calendar_page:
            self.central.setCurrentWidget(self.calendar_page)
        combo = self.zone_selector.combo
        combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        line = combo.lineEdit()
        if line is not None:
            line.selectAll()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.database_label = QLabel(translate("MainWindow", "Opening the program…"), self)
        self.database_label.setObjectName("databaseLabel")
        # A long path must not set the window's minimum width.
        self.database_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("clockLabel")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.setVisible(self.tasks.busy)
        self.count_label.setMinimumWidth(150)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock_label.setMinimumWidth(250)
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.clock_label)
        self._working_timer = QTimer(self)
        self._working_timer.setSingleShot(True)
        self._working_timer.timeout.connect(self._show_working)
        self._clock = QTimer(self)
        self._clock.setInterval(15_000)
        self._clock.timeout.connect(self._update_clock)
        self._clock.start()
        self._update_clock()
        self._update_count()

    # -- the program ----------------------------------------------------------------------
    @property
    def database(self) -> Database:
        """The open database (the actions that need it stay disabled until it is)."""
        if self._database is None:
            raise RuntimeError("the program's database is still opening")
        return self._database

    @property
    def editor(self) -> Editor:
        """Runs the undoable commands; there once the database is open."""
        if self._editor is None:
            raise RuntimeError("the program's database is still opening")
        return self._editor

    @property
    def program_open(self) -> bool:
        return self._editor is not None

    def _start_opening(self) -> None:
        opener, self._opener = self._opener, None
        if opener is not None:
            self._make_every_view()
            # The period on screen first, so its week paints with its events at once.
            first, last = self.current_view.period()
            shown = instants_holding(first, last, self.display_zone)
            if isinstance(opener, StoreOpener):  # a glance at the file, before it opens
                self.tasks.run_in_background(
                    lambda: opener.glance(shown), self._glanced, self._glance_failed
                )
            self.tasks.run_in_background(
                lambda: open_program(opener, shown), self._opened, self._open_failed
            )

    def _glanced(self, rows: list[EventRow] | None) -> None:
        """The period on screen, read from the file while the database opens: shown
        until the program arrives (nothing can be edited before that)."""
        if rows is not None and self._database is None:
            self.events.set_rows(rows)

    def _glance_failed(self, error: BaseException) -> None:
        """A glance that failed unexpectedly: reported, while the open goes on."""
        import sys

        sys.excepthook(type(error), error, error.__traceback__)

    def _opened(self, result: tuple[Database, ProgramRead]) -> None:
        database, program = result
        self._database = database
        self._show_rows(program)
        # The period on screen is painted with its events now; the rest of the program,
        # the engine's modules, the editor and the tools follow in the next turns.
        self.current_view.repaint()
        QTimer.singleShot(0, self._after_period_shown)

    def _after_period_shown(self) -> None:
        """Load the engine in the background; the editor and the tools are attached when
        it is in, and the rest of the program is read then."""
        self.tasks.run_in_background(load_the_engine, self._engine_loaded, self._open_failed)

    def _engine_loaded(self, _nothing: None) -> None:
        # The rest of the program follows, read before the tools' modules load (asked
        # for as they are attached): editing waits for it, so that no edit made
        # meanwhile is replaced by the older read, and for nothing else.
        self.reload()
        self._attach(self.database)
        self._set_program_enabled(False)

    def _open_failed(self, error: BaseException) -> None:
        self.database_label.setText(translate("MainWindow", "No program open"))
        if isinstance(error, SchedulerError):
            self.report_fatal(
                translate("MainWindow", "{name} cannot open the database").format(name=APP_NAME),
                str(error),
            )
        else:  # logged in full and reported kindly by the application's handler
            import sys

            sys.excepthook(type(error), error, error.__traceback__)
        self.openFailed.emit(str(error))

    def _attach(self, database: Database) -> None:
        """The database is open: name it, and add what edits the program and checks it."""
        from cpp_scheduler.gui.commands import Editor
        from cpp_scheduler.gui.tools import install_tools

        self._database = database
        if database.name in options.read_list(self.settings, options.WELCOME_DISMISSED):
            self._welcome_dismissed = True  # its coordinator chose to start empty before
        # Named as the commands name it (escaped, one line); kept by its own name.
        shown = shown_path(database.name)
        self.setWindowTitle(f"{APP_NAME} — {shown}")
        self.database_label.setText(translate("MainWindow", "Database: {name}").format(name=shown))
        self.database_label.setToolTip(shown)
        self._editor = Editor(database, self.tasks, self, self.undo_stack)
        self._editor.resolve_merge = lambda plan: self.resolve_merge(plan, self)
        self._editor.changed.connect(self._records_changed)
        # Looked up at each call, so a report_error put in its place is the one used.
        self._editor.failed.connect(lambda title, line: self.report_error(title, line))
        self._editor.workingChanged.connect(self._editor_working)
        install_tools(self)
        options.remember_database(self.settings, database.name)
        self._set_program_enabled(True)
        self.programOpened.emit()

    def _set_program_enabled(self, enabled: bool) -> None:
        """Enable what changes the program (all but the calendar's own navigation); never
        while a step of the undo stack is shown running in the background."""
        enabled = enabled and not self._working_shown
        for action in self.actions_by_name.needing_program:
            action.setEnabled(enabled)
        self.tools_menu.setEnabled(enabled)
        self._update_selection_actions()

    WORKING_SHOWN_AFTER_MS = 250
    """How long a step (a save, an undo, a redo) runs before the window shows it working:
    most take a few milliseconds, and greying every action for that long would only
    flicker (the editor queues or refuses other steps meanwhile all the same)."""

    _working_shown = False
    """The running step is shown: in the status bar, with editing and Undo greyed."""

    def _editor_working(self, step: str) -> None:
        """A step runs in the background (``step`` names it) or the last has ended (an
        empty ``step``). One that takes a while is shown: the status bar says what is
        being done, the task manager's bar moves, and editing waits (as while a program
        file is imported)."""
        self._working_timer.stop()
        if step:
            self._working_timer.start(self.WORKING_SHOWN_AFTER_MS)
            return
        if self._working_shown:
            self.statusBar().clearMessage()
        self._show_working(False)

    def _show_working(self, shown: bool = True) -> None:
        step = self._editor.working if self._editor is not None else None
        shown = shown and step is not None
        if shown:
            self.statusBar().showMessage(translate("MainWindow", "{step}…").format(step=step))
        self._working_shown = shown
        self._set_program_enabled(self.program_open)
        self._hold_undo()
        self.update_welcome()

    def _hold_undo(self, *_changed: object) -> None:
        """Undo and Redo as the stack allows, but disabled while a step is shown running."""
        stack = self.undo_stack
        actions = self.actions_by_name
        for action, possible in (
            (self.undo_action, stack.canUndo()),
            (actions.undo_button, stack.canUndo()),
            (self.redo_action, stack.canRedo()),
            (actions.redo_button, stack.canRedo()),
        ):
            action.setEnabled(possible and not self._working_shown)

    def close_database(self) -> None:
        """Close the database the window opened (after the window has closed), in a
        thread of its own: closing the last connection may write SQLite's log back into
        the file, no work for the GUI thread. The thread is not a daemon, so the program
        waits for it as it exits."""
        if self._database is not None:
            threading.Thread(target=self._database.close, name="close the database").start()

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the program again in the background; the views follow when it arrives.

        Asked again before that read has started (a colleague's import heard as a burst
        of changes to every kind of record), the read already waiting answers for all:
        the program is read once, not once per asking."""
        if self._reload_waiting:
            return
        self._reload_waiting = True
        database = self.database

        def read() -> ProgramRead:
            self._reload_waiting = False  # asked from now on: read again after this one
            return read_program(database)

        # The read makes the objects of every row, which the window keeps: a full
        # collection due meanwhile would walk them all on the GUI thread, a fifth of a
        # second for ten thousand events; held until they are kept out of its passes.
        collector.hold()
        self._reads_holding_collection += 1
        self.tasks.run_in_background(read, self._loaded_rows, self._load_failed)

    def _release_collection(self, keep: bool = False) -> None:
        """A read of the program that held the collection has ended (or never will be
        heard of: the window closes); ``keep``: its rows live as long as the window."""
        if self._reads_holding_collection > 0:
            self._reads_holding_collection -= 1
            collector.release(keep)

    def _show_rows(self, result: ProgramRead) -> None:
        rows, references = result
        self._apply_references(references)
        self.events.set_rows(rows)

    def _loaded_rows(self, result: ProgramRead) -> None:
        try:
            self._show_rows(result)
            # The whole program was read: an event selected with no row in it is gone.
            if self.selected_event is not None:
                self._let_go_of_deleted_selection({self.selected_event}, result[0])
        finally:
            # What is loaded lives as long as the window; the collection comes back
            # whatever showing it met, never held for the rest of the session.
            self._release_collection(keep=True)
        if self.program_open:
            self._set_program_enabled(True)
        self._loaded = True
        self._show_welcome_if_empty()
        self._show_the_work()
        self.eventsLoaded.emit()

    def _apply_references(self, references: Mapping[str, Sequence[Choice]]) -> None:
        wanted = self.proxy.event_filter
        # The sidebar keeps its choices, and shows those it awaited, as its lists come.
        self.sidebar.blockSignals(True)
        self.sidebar.set_cities(references["cities"])
        self.sidebar.set_themes(references["themes"])
        self.sidebar.set_delegations(references["delegations"])
        self.sidebar.set_participants(references["participants"])
        self.sidebar.blockSignals(False)
        shown = self.sidebar.event_filter()
        if shown != wanted:
            # A record the filter named is gone (the sidebar shows "all" for it), a
            # participant chosen moved to another delegation, or a search typed has not
            # been applied yet: the calendar filters as the sidebar reads.
            self.set_event_filter(shown)
        self.zone_selector.set_delegations(references["delegations"])
        self._venue_choices = list(references["venues"])
        venues = self.views.get("venues")
        if venues is not None:
            venues.set_venues(self._venue_choices)  # type: ignore[attr-defined]

    def _load_failed(self, error: BaseException) -> None:
        self._release_collection()
        if self._after_reload is not None:  # the demo or an import is in, not yet shown
            self._replacing = None
            self.update_welcome()
        self._after_reload = None
        # Editing waited for this read, so that no edit is replaced by an older read;
        # none is coming now, so it waits no longer (every step carries the version it
        # read, whatever the calendar shows).
        if self.program_open:
            self._set_program_enabled(True)
        self.work_failed(translate("MainWindow", "Cannot read the program"))(error)

    def _show_welcome_if_empty(self) -> None:
        empty = self.events.rowCount() == 0 and not self._welcome_dismissed
        self.central.setCurrentWidget(self.welcome if empty else self.calendar_page)

    @property
    def welcome(self) -> WelcomePanel:
        """The first-run panel, made the first time it is needed."""
        if self._welcome is None:
            from cpp_scheduler.gui.welcome import WelcomePanel

            self._welcome = WelcomePanel(self)
            self._welcome.loadDemoRequested.connect(self.load_demo)
            self._welcome.importRequested.connect(self.import_program)
            self._welcome.startEmptyRequested.connect(self.start_empty)
            self.central.addWidget(self._welcome)
            self.update_welcome()
        return self._welcome

    def update_welcome(self) -> None:
        """The welcome panel's buttons as the program allows: they answer at once, the
        work they ask for queued behind the reads under way; greyed, saying why, only
        while the program cannot be changed (a reader's role, a step of the undo stack
        running in the background); the button whose work runs says so."""
        if self._welcome is None:
            return
        editor = self._editor
        reason = None
        if editor is not None:
            if editor.read_only is not None:
                reason = editor.read_only
            elif editor.working is not None:
                reason = translate("Commands", "Wait until “{step}” is done, then try again.")
                reason = reason.format(step=editor.working)
        self._welcome.set_unavailable(reason)
        if self._replacing is None:
            self._welcome.show_working(None)
        else:
            self._welcome.show_working(*self._replacing)

    @property
    def welcome_shown(self) -> bool:
        return self._welcome is not None and self.central.currentWidget() is self._welcome

    def _busy_changed(self, busy: bool) -> None:
        if not hasattr(self, "progress"):
            return  # the first read starts before the status bar exists
        self.progress.setVisible(busy)
        self.progress.setToolTip(translate("MainWindow", "Reading the program…") if busy else "")

    # -- welcome and the File menu -----------------------------------------------------
    def load_demo(self) -> None:
        """Load the demo program, once however often asked while it loads."""
        from cpp_scheduler.gui.welcome import DEMO
        from cpp_scheduler.services import demo

        if self._replacing is not None and self._replacing[0] == DEMO:
            return  # the load under way answers this request too
        from cpp_scheduler.services.saved_words import demo_loaded

        database = self.database
        self.replace_program(
            (DEMO, translate("MainWindow", "Loading the demo program…")),
            lambda: demo.load_demo(database),
            # As ``demo`` says it: what it created, or that the demo was all there.
            lambda summary: " ".join(demo_loaded(summary, database.name)),
            translate("MainWindow", "Cannot load the demo program"),
        )

    def replace_program(
        self,
        work: tuple[str, str],
        function: Callable[[], Any],
        done: Callable[[Any], str],
        failed_title: str,
    ) -> None:
        """Run ``function``, which changes many records at once, in the background after
        the work under way, then read the program again (:meth:`program_replaced`).
        ``work`` names it (``welcome.DEMO``, ``welcome.IMPORT``) and says what is done
        ("Loading the demo program…"): in the status bar, and, until the calendar shows
        the result, on the welcome panel's button for it; ``done`` words what
        ``function`` answered, for the status bar once the calendar shows it."""
        self._replacing = work
        self.statusBar().showMessage(work[1])
        self.update_welcome()
        failed = self.work_failed(failed_title)

        def refused(error: BaseException) -> None:
            self._replacing = None
            self.update_welcome()
            failed(error)

        self.tasks.run_in_background(
            function, lambda answer: self.program_replaced(done(answer)), refused
        )

    def import_program(self, path: str | None = None) -> None:
        """File > Import program file… (and the welcome panel's import)."""
        filemenu.import_program(self, path)

    def export_program(self, path: str | None = None) -> None:
        """File > Export program file…"""
        filemenu.export_program(self, path)

    def program_replaced(self, done: str) -> None:
        """Many records changed at once (the demo, an import): read the program again and
        go to its first week with events, where the work is; ``done`` says so in the
        status bar once the calendar shows it."""
        self._welcome_dismissed = True
        self.editor.stack.clear()  # earlier commands may refer to replaced records
        self._after_reload = done
        self.reload()

    def _show_the_work(self) -> None:
        """After the demo or an import: the first week with events, and the news."""
        done, self._after_reload = self._after_reload, None
        if done is None:
            return
        self._replacing = None
        self.update_welcome()
        first = self.events.first_day(self.display_zone)
        if first is not None:
            self.go_to(first)
        self.say(done)

    def say(self, news: str) -> None:
        """Tell what a step did, in the status bar, for a while."""
        self.statusBar().showMessage(news, STATUS_NEWS_MS)

    def work_failed(self, title: str) -> Callable[[BaseException], None]:
        """The error handler of work in the background: the status message it showed
        ends, and the reason is shown in one line (an unexpected error logged in full,
        the line naming the log: :func:`~cpp_scheduler.gui.crash.failure_line`)."""

        def failed(error: BaseException) -> None:
            self.statusBar().clearMessage()
            self.report_error(title, failure_line(error))

        return failed

    def start_empty(self) -> None:
        """Go to the calendar, and leave the welcome out for this database from now on."""
        self._welcome_dismissed = True
        dismissed = options.read_list(self.settings, options.WELCOME_DISMISSED)
        if self.database.name not in dismissed:
            recent = [*dismissed, self.database.name][-KEEP_DISMISSED_WELCOMES:]
            self.settings.setValue(options.WELCOME_DISMISSED, recent)
        self._show_welcome_if_empty()

    # -- navigation ---------------------------------------------------------------------
    @property
    def current_view_name(self) -> str:
        current = self.view_stack.currentWidget()
        for name, view in self.views.items():
            if view is current:
                return name
        return "week"

    @property
    def current_view(self) -> CalendarView:
        return self.views[self.current_view_name]

    @property
    def anchor(self) -> date:
        return self._anchor

    def _make_view(self, name: str) -> CalendarView:
        """Make one of the calendar views, in step with the window.

        The week is made with the window; the others once it has painted, or when first
        asked for, so the window shows sooner.
        """
        view: CalendarView
        if name in ("day", "week"):
            grid = TimeGridView(1 if name == "day" else 7, self)
            grid.moveRequested.connect(
                lambda event_id, recurrence_id, start, end: self.move_event(
                    event_id, start, end, recurrence_id
                )
            )
            view = grid
        elif name == "month":
            from cpp_scheduler.gui.views.month import MonthView

            view = MonthView(self)
        elif name == "agenda":
            from cpp_scheduler.gui.views.agenda import AgendaView

            agenda = AgendaView(self)
            agenda.set_hidden_columns(
                options.read_list(self.settings, options.AGENDA_HIDDEN_COLUMNS)
            )
            view = agenda
        else:
            from cpp_scheduler.gui.views.venues import VenueTimelineView

            timeline = VenueTimelineView(self)
            timeline.set_venues(self._venue_choices)
            view = timeline
        view.setObjectName(f"{name}View")
        view.set_model(self.proxy)
        view.set_anchor(self._anchor)
        view.set_selected(self._selected)
        view.occurrenceSelected.connect(self.select_occurrence)
        view.periodChanged.connect(self._update_title)
        view.eventActivated.connect(self.edit_event)
        view.slotActivated.connect(self.new_event)
        view.dayActivated.connect(self._show_day)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda point, view=view: self._show_event_menu(view, point)
        )
        self.view_stack.addWidget(view)
        self.views[name] = view
        return view

    def _make_every_view(self) -> None:
        for name in VIEW_NAMES:
            if name not in self.views:
                self._make_view(name)

    def fill_agenda_columns(self, menu: QMenu) -> None:
        """View > Agenda columns: the Agenda's columns to show or hide (the Agenda made
        first, where it has not been yet)."""
        from cpp_scheduler.gui.views.agenda import AgendaView

        agenda = self.views.get("agenda") or self._make_view("agenda")
        if isinstance(agenda, AgendaView):
            agenda.fill_column_menu(menu)

    def show_view(self, name: str) -> None:
        if name not in VIEW_NAMES:
            return
        view = self.views.get(name)
        if view is None:
            view = self._make_view(name)
        view.set_anchor(self._anchor)
        self.view_stack.setCurrentWidget(view)
        self.view_actions[name].setChecked(True)
        self._update_title()
        if self.welcome_shown and self._loaded:
            self._welcome_dismissed = True
            self._show_welcome_if_empty()

    def go_to(self, day: date) -> None:
        """Show the period holding ``day``, or the program's first or last day where
        ``day`` lies beyond the days the program plans for (which no view can show)."""
        day = within_program_days(day)
        self._anchor = day
        self.current_view.set_anchor(day)
        for view in self.views.values():
            if view is not self.current_view:
                view.set_anchor(day)
        self.sidebar.show_date(day)
        self._update_title()

    def go_to_today(self) -> None:
        self.go_to(timezones.to_local(datetime.now(UTC), self.events.display_zone).date())

    def step(self, direction: int) -> None:
        """Previous (-1) or Next (+1): nothing past the program's first or last day."""
        target = self.current_view.step_within(direction)
        if target is not None:
            self.go_to(target)

    def _show_day(self, day: date) -> None:
        self.go_to(day)
        self.show_view("day")

    def _update_title(self) -> None:
        """The period shown moved or took another clock (every way it can goes through
        here): the toolbar says so, and :attr:`shownDaysChanged` tells what follows the
        dates shown when the days the view is about, or their zone, are others."""
        view = self.current_view
        self.period_label.setText(view.title())
        self.previous_action.setEnabled(view.step_within(-1) is not None)
        self.next_action.setEnabled(view.step_within(1) is not None)
        # The zone's offset as its clock reads over the days the period is about (a
        # month's own, as ``zones ZONE --from --to`` is asked), not today's.
        covered = view.days_covered()
        self._update_count()
        # The Agenda is about the whole program whatever its anchor: a Day view of the
        # anchor's day covers the same dates, and is about that day alone.
        days_shown = (*covered, self.display_zone, view.lists_everything)
        if days_shown != self._days_shown:
            self._days_shown = days_shown
            self.shownDaysChanged.emit()

    def focus_search(self) -> None:
        self.sidebar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.sidebar.search.selectAll()

    # -- filters and zone ---------------------------------------------------------------
    def set_event_filter(self, event_filter: EventFilter) -> None:
        self.proxy.set_event_filter(event_filter)
        self._let_go_of_hidden_selection()

    def _let_go_of_hidden_selection(self) -> None:
        """Let go of the selected meeting when the filters now leave it out: the tools
        stop answering about a meeting the calendar no longer shows, and Edit and
        Delete cannot act on it unseen. A meeting the calendar holds no row for (one a
        tool chose beyond the rows read) stays selected."""
        key = self._selected
        if key is not None and self.events.row_of(key) >= 0 and self.proxy.proxy_row_of(key) < 0:
            self.select_occurrence(None)

    def set_display_zone(self, zone_name: str) -> None:
        if not timezones.is_zone(zone_name):
            return
        self.zone_selector.set_zone(zone_name)
        self.events.set_display_zone(zone_name)
        self._update_title()
        self._update_clock()
        self.tasks.run_in_background(
            lambda: weekend_of_clock(zone_name),
            lambda days: self.events.set_weekend(zone_name, days),
        )

    @property
    def display_zone(self) -> str:
        return self.events.display_zone

    def shown_event_ids(self) -> list[str]:
        """The events the calendar shows now, in order: those the filters let through on
        the days the current view is about (a month's own days), as the view draws them
        (:meth:`CalendarView.drawn_rows`: an all-day event on its own dates, whatever the
        zone; the Venues view only what has a venue); the Agenda lists them all."""
        view = self.current_view
        rows = self.proxy.rows_between(*_EVERYTHING) if view.lists_everything else view.drawn_rows()
        return list(dict.fromkeys(row.event_id for row in rows))

    def _update_count(self, *_args: object) -> None:
        """How many events the calendar shows now, and what the filters let through. The
        Agenda lists the whole program, a meeting a line, and counts it as ``events
        list`` sums its table up, in the core's words (:func:`occurrences_of_events`):
        so many occurrences of so many events; what the filters let through likewise."""
        filtered = self.proxy.rowCount() != self.events.rowCount()
        if self.current_view.lists_everything:
            text = (
                ""
                if filtered  # the filters' count says it: the Agenda lists what they let through
                else occurrences_of_events(self.proxy.rowCount(), self.proxy.events_shown())
            )
        else:
            text = events_in_view(len(self.shown_event_ids()))
        if filtered:
            counted = occurrences_of_events(self.proxy.rowCount(), self.proxy.events_shown())
            matching = translate("MainWindow", "the filters let through {counted}").format(
                counted=counted
            )
            text = f"{text} · {matching}" if text else matching
        self.count_label.setText(text)
        self._show_zone_period()
        self.shownChanged.emit()

    def _show_zone_period(self) -> None:
        """The zone's offset as its clock reads over the days the calendar is about: a
        period's own, and for the Agenda those of every meeting it lists, whose rows
        give times on either side of a change of clocks."""
        view = self.current_view
        first, last = view.days_covered()
        if view.lists_everything:
            rows = self.proxy.rows_between(*_EVERYTHING)
            if rows:
                zone = self.display_zone
                first = timezones.to_local(rows[0].start_utc, zone).date()
                last = max(timezones.to_local(row.end_utc, zone).date() for row in rows)
        self.zone_selector.set_period(first, last)

    def _update_clock(self) -> None:
        now = datetime.now(UTC)
        tokyo = timezones.to_local(now, timezones.TOKYO)
        washington = timezones.to_local(now, timezones.WASHINGTON)
        self.clock_label.setText(
            translate("MainWindow", "Tokyo {tokyo}  ·  Washington {washington}").format(
                tokyo=i18n.weekday_time_text(tokyo), washington=i18n.weekday_time_text(washington)
            )
        )

    # -- selection ----------------------------------------------------------------------
    @property
    def selected_event(self) -> str | None:
        """The id of the selected event, whichever of its meetings is selected."""
        return self._selected.event_id if self._selected is not None else None

    @property
    def selected_occurrence(self) -> OccurrenceKey | None:
        """The selected meeting: what every tool answers about."""
        return self._selected

    def select_event(self, event_id: str | None) -> None:
        """Select an event as a whole (its first meeting, for a series)."""
        self.select_occurrence(None if event_id is None else self._first_meeting(event_id))

    def select_occurrence(self, key: OccurrenceKey | None) -> None:
        """Select one meeting; the views highlight it and the tools follow it."""
        changed = key != self._selected
        self._selected = key
        for view in self.views.values():
            view.set_selected(key)
        self._update_selection_actions()
        if changed:
            self.selectionChanged.emit(key)

    def _first_meeting(self, event_id: str) -> OccurrenceKey:
        number = self.events.first_meeting_row(event_id)
        if number < 0:
            return OccurrenceKey(event_id)
        return self.events.row_at(number).occurrence_key

    def event_menu(self, view: CalendarView, point: QPoint) -> QMenu | None:
        """What a right-click at ``point`` of ``view`` offers: the event there, selected,
        with Edit, Delete and, for a series, cancelling one of its meetings; or None."""
        key = view.event_at(point)
        if key is None or not self.program_open:
            return None
        self.select_occurrence(key)
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        number = self.events.row_of(key)
        if number >= 0 and self.events.row_at(number).is_series:
            menu.addSeparator()
            menu.addAction(self.cancel_meeting_action)
        if number >= 0:
            self._add_print_entries(menu, self.events.row_at(number))
        return menu

    def _add_print_entries(self, menu: QMenu, row: EventRow) -> None:
        """The documents this meeting belongs in: its first day's run sheet (the day the
        calendar draws it on in Tokyo: an all-day event's own date), and the programme
        of the conference that holds it, by the rule the Print dialog lists conferences
        by and ``print programme`` reads (the row's :attr:`~EventRow.programme_id`): an
        event of any kind that holds sessions is a conference, and a session is in its
        conference's programme."""
        documents = getattr(self, "documents", None)
        if documents is None:
            return  # installed with the tools, once the program is open
        day = row.days_on(timezones.TOKYO)[0]
        menu.addSeparator()
        run_sheet = menu.addAction(
            translate("MainWindow", "Print run sheet of {day}…").format(
                day=i18n.short_day_text(day)
            )
        )
        run_sheet.setObjectName("print_day_of_event")
        run_sheet.triggered.connect(lambda _checked=False: documents.open("day", day=day))
        conference = row.programme_id
        if conference is not None:
            programme = menu.addAction(translate("MainWindow", "Print programme…"))
            programme.setObjectName("print_programme_of_event")
            programme.triggered.connect(
                lambda _checked=False: documents.open("programme", chosen=conference)
            )

    def _show_event_menu(self, view: CalendarView, point: QPoint) -> None:
        menu = self.event_menu(view, point)
        if menu is not None:
            self.show_menu(menu, view.mapToGlobal(point))
            menu.deleteLater()

    def _update_selection_actions(self) -> None:
        chosen = self._selected is not None and self._editor is not None
        self.edit_action.setEnabled(chosen)
        self.delete_action.setEnabled(chosen)
        self.cancel_meeting_action.setEnabled(chosen)

    # -- messages (replaceable in tests) ------------------------------------------------
    def report_error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, title, message)

    def show_menu(self, menu: QMenu, at: QPoint) -> None:
        menu.exec(at)

    def report_fatal(self, title: str, message: str) -> None:
        """An error that leaves nothing to work on (the database cannot be opened)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self, title, message)

    def confirm(self, title: str, question: str, parent: QWidget | None = None) -> bool:
        return confirm(parent or self, title, question)

    def show_help(self, document: str = "", fragment: str = "") -> QDialog:
        """Open the user guide (kept for the next time), at ``document`` if given."""
        from cpp_scheduler.gui.help import HelpWindow

        if self._help is None:
            self._help = HelpWindow(self)
        if document:
            self._help.show_document(document, fragment)
        self._help.show()
        self._help.raise_()
        return self._help

    def show_shortcuts(self) -> QDialog:
        from cpp_scheduler.gui.help import ShortcutsDialog

        dialog = ShortcutsDialog(self.findChildren(QAction), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def about_box(self) -> QMessageBox:
        """The About box: the program's name, version, purpose and zone data."""
        from cpp_scheduler import __version__

        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setWindowTitle(self.tr("About {name}").format(name=APP_NAME))
        box.setText(
            f"<b>{APP_NAME}</b> {__version__}<br>"
            + self.tr(
                "Plans the learning events of TDLC's City Partnership Program across time zones."
            )
            + "<br>"
            + self.tr("Time zones: IANA {release}.").format(release=timezones.TZDATA_RELEASE)
        )
        return box

    def show_about(self) -> None:
        box = self.about_box()
        box.exec()
        box.deleteLater()

    # -- settings -----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = options.read_bytes(self.settings, options.GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)  # false for a damaged value: the default stays
        state = options.read_bytes(self.settings, options.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        splitter = options.read_bytes(self.settings, options.SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        zone = options.read_str(self.settings, options.DISPLAY_ZONE, timezones.TOKYO)
        self.set_display_zone(zone if timezones.is_zone(zone) else timezones.TOKYO)
        self.zone_selector.set_zone(self.display_zone)
        saved_filter = EventFilter.from_settings(options.read_dict(self.settings, options.FILTERS))
        self.proxy.set_event_filter(saved_filter)
        # The sidebar lists no partner city, theme, delegation or participant before the
        # program is read: heard now, its reading would drop the filters naming them.
        # It shows them when the lists arrive (:meth:`_apply_references`).
        self.sidebar.blockSignals(True)
        self.sidebar.set_event_filter(saved_filter)
        self.sidebar.blockSignals(False)
        view = options.read_str(self.settings, options.LAST_VIEW, "week")
        self.show_view(view if view in VIEW_NAMES else "week")
        self.go_to_today()  # today where the calendar's clock is, as the T key does

    def save_settings(self) -> None:
        self.settings.setValue(options.GEOMETRY, self.saveGeometry())
        self.settings.setValue(options.WINDOW_STATE, self.saveState())
        self.settings.setValue(options.SPLITTER, self.splitter.saveState())
        self.settings.setValue(options.LAST_VIEW, self.current_view_name)
        self.settings.setValue(options.DISPLAY_ZONE, self.display_zone)
        if "agenda" in self.views:  # made: else its columns stay as they were kept
            from cpp_scheduler.gui.views.agenda import AgendaView

            agenda = self.views["agenda"]
            if isinstance(agenda, AgendaView):
                self.settings.setValue(options.AGENDA_HIDDEN_COLUMNS, agenda.hidden_columns())
        options.write_dict(
            self.settings, options.FILTERS, self.sidebar.event_filter().as_settings()
        )
        self.settings.sync()

    def hand_over(self, successor: MainWindow) -> None:
        """``successor`` takes this window's place (made again in another language): the
        windows opened from this one are its, and this window's ``closed`` is told when
        the successor closes, since whoever listens closes the program's database then."""
        self._successor = successor
        successor.other_windows = self.other_windows
        successor.closed.connect(self.closed)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._successor is None:  # else the successor's place is the one to keep
            self.save_settings()
        self.tasks.wait_for_done()
        super().closeEvent(event)
        while self._reads_holding_collection:  # answers no longer heard once closed
            self._release_collection()
        collector.let_go()  # what this window held may be collected again
        if self._successor is None:
            self.closed.emit()


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask ``question`` with Yes and Cancel, Cancel the default: true for Yes. With no
    parent (the start, before any window), the question stands alone."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
