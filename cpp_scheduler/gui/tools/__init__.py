"""The coordinator's tools in the main window: local times, slot finder, conflicts, study
tours, calendar export and import, and the delegation's schedule.

:func:`install_tools` adds them to a :class:`MainWindow` in one call: two docks, a Tools
menu, toolbar actions, a conflict count in the status bar, and the wiring that keeps
them in step with the selection and with every change on the undo stack.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QWidget

from cpp_scheduler import timezones
from cpp_scheduler.gui.actions import share_undo
from cpp_scheduler.gui.documents import install_documents
from cpp_scheduler.gui.reportmenu import install_report_actions
from cpp_scheduler.gui.tools.conflicts import ConflictsDock
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.gui.tools.localtimes import LocalTimesDock
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.services.rows import EventRow, OccurrenceKey

if TYPE_CHECKING:
    from cpp_scheduler.gui.mainwindow import MainWindow
    from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
    from cpp_scheduler.services.changes import ChangeScope


DOCK_HEIGHT = 200
"""The docks' first height under the calendar: five rows of a list."""


class Tools(QObject):
    """The tools of one main window, and the window they serve.

    Attributes:
        local_times: the local-times dock.
        conflicts: the conflicts dock.
        actions: the menu and toolbar actions by name.
        count_label: the conflict count in the status bar.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.local_times = LocalTimesDock(window.database, window.tasks.run_in_background, window)
        self.conflicts = ConflictsDock(
            window.database,
            window.tasks.follow,
            self.visible_range,
            window,
            clock=lambda: window.display_zone,
        )
        # The window may have restored its saved layout before the docks existed (it
        # shows before the program is open): each dock goes back where the coordinator
        # left it, or to its first place.
        # A dock added to a window already on screen stays hidden until shown.
        # Their first place is side by side under the calendar, which keeps the whole
        # width: a week of parallel sessions needs it more than the docks do.
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        if not window.restoreDockWidget(self.conflicts):
            window.addDockWidget(bottom, self.conflicts)
            self.conflicts.show()
        if not window.restoreDockWidget(self.local_times):
            if window.dockWidgetArea(self.conflicts) == bottom:
                window.splitDockWidget(self.conflicts, self.local_times, Qt.Orientation.Horizontal)
                # The local times' columns need more of the width than the findings do.
                width = max(window.width(), 800)
                window.resizeDocks(
                    [self.conflicts, self.local_times],
                    [width * 45 // 100, width * 55 // 100],
                    Qt.Orientation.Horizontal,
                )
            else:
                window.addDockWidget(bottom, self.local_times)
            window.resizeDocks([self.conflicts], [DOCK_HEIGHT], Qt.Orientation.Vertical)
            self.local_times.show()
        self.history = HistoryDock(
            window.database,
            window.editor,
            window.tasks.run_in_background,
            lambda title, message: window.report_error(title, message),
            window,
        )
        if not window.restoreDockWidget(self.history):
            # Beside the local times, one tab away: both answer about the selected event.
            window.tabifyDockWidget(self.local_times, self.history)
            self.local_times.raise_()
        self.count_label = QLabel("", window)
        self.count_label.setObjectName("conflictCount")
        window.statusBar().addPermanentWidget(self.count_label)
        self.actions: dict[str, QAction] = {}
        self._dialogs: dict[str, QWidget] = {}
        self._build_actions()

        window.selectionChanged.connect(self._selection_changed)
        window.editor.changed.connect(self._changed)
        window.editor.stack.indexChanged.connect(lambda _index: self.conflicts.recheck())
        window.eventsLoaded.connect(self._reloaded)
        # Whatever moved the dates shown (a button, the navigator, a meeting gone to
        # from a tool, a zoom, another zone), the window tells it once.
        window.shownDaysChanged.connect(self.conflicts.range_changed)
        self.conflicts.countChanged.connect(self._counted)
        self.conflicts.countLost.connect(self._uncounted)
        self.conflicts.occurrenceRequested.connect(self.go_to_occurrence)
        self.conflicts.toursRequested.connect(self._show_tour)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shut_down()
        return False

    def shut_down(self) -> None:
        """The window closes: start no more work, and hand back the work under way now,
        while the window and its task manager still exist to receive it."""
        self.conflicts.stop()
        self.local_times.stop()
        self.history.stop()
        for dialog in self._dialogs.values():
            stop = getattr(dialog, "stop", None)
            if stop is not None:
                stop()
        self.window.tasks.wait_for_done()
        QCoreApplication.sendPostedEvents()

    # -- construction -------------------------------------------------------------------
    def _action(
        self, name: str, text: str, slot: Any, tip: str, shortcut: str | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        self._action(
            "find_time",
            translate("Tools", "Find a time…"),
            self.open_slot_finder,
            translate("Tools", "Find the time that suits every delegation (Ctrl+Shift+F)"),
            "Ctrl+Shift+F",
        )
        self._action(
            "tour_builder",
            translate("Tools", "Study tours…"),
            self.open_tour_builder,
            translate("Tools", "Plan a delegation's study tour day by day"),
        )
        self._action(
            "delegation_schedule",
            translate("Tools", "Delegation schedule…"),
            self.open_delegation_schedule,
            translate("Tools", "A delegation's schedule in its own time and in Tokyo time"),
        )
        self._action(
            "export_calendar",
            translate("Tools", "Export calendar…"),
            self.open_export,
            translate(
                "Tools",
                "Write calendar files (.ics) for an event, a delegation, a person or "
                "the program (Ctrl+E)",
            ),
            "Ctrl+E",
        )
        self._action(
            "import_calendar",
            translate("Tools", "Import calendar…"),
            self.open_import,
            translate("Tools", "Read events from a calendar file (.ics)"),
        )
        self._action(
            "send_invitations",
            translate("Tools", "Send invitations…"),
            lambda: self.open_send("invitations"),
            translate(
                "Tools",
                "Email each participant an invitation their calendar shows with Accept and Decline",
            ),
        )
        self._action(
            "send_updates",
            translate("Tools", "Send updates…"),
            lambda: self.open_send("updates"),
            translate("Tools", "Tell only those whose events changed since their last message"),
        )
        self._action(
            "mail_changes",
            translate("Tools", "What changed since last sent…"),
            self.open_changes,
            translate(
                "Tools",
                "Per participant, what moved, was cancelled or changed since they were told",
            ),
        )
        self._action(
            "mail_replies",
            translate("Tools", "Replies…"),
            self.open_replies,
            translate(
                "Tools", "Who accepted, declined or may come; import the replies that came back"
            ),
        )
        self._action(
            "mail_settings",
            translate("Tools", "Mail settings…"),
            self.open_mail_settings,
            translate("Tools", "The mail server, the sender, and a test message"),
        )
        self._action(
            "author",
            translate("Tools", "Your name…"),
            self.ask_author,
            translate("Tools", "The name your changes are recorded under in the history"),
        )
        menu = self.window.tools_menu
        for name in ("find_time", "tour_builder", "delegation_schedule"):
            menu.addAction(self.actions[name])
        menu.addSeparator()
        menu.addAction(self.actions["export_calendar"])
        menu.addAction(self.actions["import_calendar"])
        menu.addSeparator()
        for name in (
            "send_invitations",
            "send_updates",
            "mail_changes",
            "mail_replies",
            "mail_settings",
        ):
            menu.addAction(self.actions[name])
        menu.addSeparator()
        menu.addAction(self.actions["author"])
        menu.addSeparator()
        for dock in (self.local_times, self.conflicts, self.history):
            toggle = dock.toggleViewAction()
            toggle.setObjectName(f"toggle_{dock.objectName()}")
            menu.addAction(toggle)
        toolbar = self.window.findChild(QToolBar, "calendarToolbar")
        if toolbar is not None:
            tools = [self.actions["find_time"], self.actions["export_calendar"]]
            existing = toolbar.actions()
            if existing:
                toolbar.insertActions(existing[0], tools)
                toolbar.insertSeparator(existing[0])
            else:
                toolbar.addActions(tools)

    def ask_author(self) -> None:
        from cpp_scheduler.gui.author import ask_author

        ask_author(self.window)

    # -- following the window -----------------------------------------------------------
    def visible_range(self) -> tuple[datetime, datetime] | None:
        """The instants of the days the calendar is about, on the clock shown: a month's
        own days, not its neighbours' that fill its weeks (as the count of events in
        view and the exports take them, and ``conflicts --from --to --days-in``). None
        for the Agenda, which lists every meeting (and counts them all): its dates are
        the whole program's."""
        view = self.window.current_view
        if view.lists_everything:
            return None
        first, last = view.days_covered()
        return timezones.local_days(first, last, self.window.display_zone)

    def _changed(self, model_name: str, ids: list[str]) -> None:
        self.local_times.follow(model_name, ids)
        self.history.follow(model_name, ids)
        self.conflicts.recheck()
        finder = self._slot_finder()
        if finder is not None:
            finder.program_changed(model_name)
        # A command may end by selecting its event (a new one, a moved one): follow it
        # once the window has done so.
        QTimer.singleShot(0, self._follow_selection)

    def _selection_changed(self, key: OccurrenceKey | None) -> None:
        self.local_times.show_occurrence(key)
        if key is None and self._history_shows_a_deleted_event():
            # Let go of because it was deleted (by a colleague, a revert, an undo): the
            # panel keeps its history, which ends with the deletion, so that who deleted
            # it can be read and the deletion reverted; the next selection replaces it.
            return
        self.history.show_event(key.event_id if key is not None else None)

    def _history_shows_a_deleted_event(self) -> bool:
        """Whether the History panel shows an event the calendar no longer holds (one
        the filters hide is still held: its row is there)."""
        shown = self.history.event_id
        return (
            self.history.model_name == "Event"
            and shown is not None
            and self.window.events.row_of(shown) < 0
        )

    def _follow_selection(self) -> None:
        if self.window.selected_occurrence != self.local_times.occurrence:
            self.local_times.show_occurrence(self.window.selected_occurrence)

    def _reloaded(self) -> None:
        self.local_times.show_occurrence(self.window.selected_occurrence)
        self.history.refresh()
        self.conflicts.recheck()
        for dialog in self._dialogs.values():  # a program was loaded or imported
            refresh = getattr(dialog, "refresh_choices", None)
            if refresh is not None:
                refresh()
        finder = self._slot_finder()
        if finder is not None:  # its lists are read again above
            finder.program_changed("Event")

    def _slot_finder(self) -> SlotFinderDialog | None:
        """The slot finder, when it was opened (its module is loaded only then)."""
        finder = self._dialogs.get("slot_finder")
        if finder is None:
            return None
        from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog

        return finder if isinstance(finder, SlotFinderDialog) else None

    def _counted(self, _found: int, _errors: int) -> None:
        from cpp_scheduler.gui.tools.conflicts import count_text

        self.count_label.setText(
            count_text(self.conflicts.counted, dates_shown=self.conflicts.checks_dates_shown)
        )
        self._mark_conflicts()

    def _uncounted(self) -> None:
        """A check that failed leaves no count and no marks: those of the check before
        were about the program as it was, and would read as this one's answer."""
        self.count_label.setText(translate("Tools", "Conflicts not checked"))
        self._mark_conflicts()

    def _mark_conflicts(self) -> None:
        """Mark on the calendar what the conflicts list holds now (nothing after a failed
        check), and edge the Venues view's rooms booked twice."""
        self.window.events.set_marked_occurrences(self.conflicts.conflicting_occurrences)
        self._show_double_bookings()

    def _show_double_bookings(self) -> None:
        """The Venues view edges the bookings the check found a room booked twice by."""
        from cpp_scheduler.gui.views.venues import VenueTimelineView

        timeline = self.window.views.get("venues")
        if isinstance(timeline, VenueTimelineView):
            timeline.set_double_bookings(self.conflicts.double_bookings)

    def go_to_event(self, event_id: str, when: datetime | None = None) -> None:
        """Show the day of ``when`` (or of the event) and select the event: for a series,
        the meeting that starts at ``when``, so every tool answers about that one."""
        events = self.window.events
        meeting = next(
            (
                row
                for row in (events.row_at(number) for number in range(events.rowCount()))
                if row.event_id == event_id and row.start_utc == when
            ),
            None,
        )
        if meeting is not None:
            self.go_to_occurrence(meeting.occurrence_key, _when(meeting))
            return
        if when is None:
            number = events.row_of(event_id)
            if number >= 0:
                self.window.go_to(self._day_of(_when(events.row_at(number))))
        else:
            self.window.go_to(self._day_of(when))
        self.window.select_event(event_id)
        self.local_times.show_occurrence(self.window.selected_occurrence)

    def go_to_occurrence(self, key: OccurrenceKey, when: datetime | date) -> None:
        """Show the day of the meeting ``key``, which starts at ``when`` (or, all day, is
        on that date), and select it."""
        self.window.go_to(self._day_of(when))
        self.window.select_occurrence(key)
        self.local_times.show_occurrence(key)

    def _day_of(self, when: datetime | date) -> date:
        """The day to show: an instant's on the clock shown; a date (an all-day
        meeting's own, the same on every clock) as it is."""
        if isinstance(when, datetime):
            return timezones.to_local(when, self.window.display_zone).date()
        return when

    # -- dialogs ------------------------------------------------------------------------
    def dialogs(self) -> list[QWidget]:
        """The tool windows opened so far (kept for the next time they are asked for)."""
        return list(self._dialogs.values())

    def _show(self, name: str, factory: Any) -> Any:
        dialog = self._dialogs.get(name)
        if dialog is None:
            dialog = factory()
            self._dialogs[name] = dialog
            share_undo(self.window, dialog)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def open_slot_finder(self) -> Any:
        """The slot finder, searching the days the window shows (the days its current
        view is about: a month's own days, not the neighbours' that fill its weeks),
        whether it opens for the first time or again after being closed. The finder
        reads days in Tokyo: on another clock, those that hold the days shown."""
        from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
        from cpp_scheduler.services.slot_search import tokyo_days_showing

        period = tokyo_days_showing(
            *self.window.current_view.days_covered(), self.window.display_zone
        )
        finder = self._dialogs.get("slot_finder")
        if isinstance(finder, SlotFinderDialog) and not finder.isVisible():
            finder.show_period(*period)
        return self._show(
            "slot_finder",
            lambda: SlotFinderDialog(
                self.window.database,
                self.window.editor,
                self.window.tasks,
                self.window,
                on_created=self.go_to_event,
                period=period,
            ),
        )

    def open_tour_builder(self) -> Any:
        from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog

        def make() -> TourBuilderDialog:
            builder = TourBuilderDialog(
                self.window.database,
                self.window.editor,
                self.window.tasks.run_in_background,
                self.window,
            )
            builder.tourChosen.connect(self.show_history)
            return builder

        return self._show("tour_builder", make)

    def show_history(self, model_name: str, record_id: str) -> None:
        """Let the History panel follow a record (a delegation chosen in its list, the
        tour shown in the tour builder), as it follows the selected event: it does not
        come forward by itself, so the tab the coordinator reads (Local times, one tab
        away) stays in front; the History tab answers for the record once clicked."""
        self.history.show_record(model_name, record_id)

    def _show_tour(self, tour_ids: list[str]) -> None:
        builder = self.open_tour_builder()
        builder.show_tour(tour_ids[0])

    def open_delegation_schedule(self) -> Any:
        from cpp_scheduler.gui.tools.delegationview import DelegationScheduleDialog

        def make() -> DelegationScheduleDialog:
            dialog = DelegationScheduleDialog(
                self.window.database, self.window.tasks, self.window.editor, self.window
            )
            dialog.eventRequested.connect(self.go_to_event)
            dialog.itineraryRequested.connect(
                lambda name: self.window.documents.open("itinerary", chosen=name)  # type: ignore[attr-defined]
            )
            return dialog

        return self._show("delegation_schedule", make)

    def open_export(self) -> Any:
        from cpp_scheduler.gui.tools.export_calendar import ExportDialog

        dialog = ExportDialog(
            self.window.database,
            self.window.tasks,
            selected_occurrence=self.window.selected_occurrence,
            shown_events=self.shown_events,
            visible_dates=self.window.current_view.days_covered(),  # a month's own days
            parent=self.window,
        )
        self.window.selectionChanged.connect(dialog.follow_selection)
        self.window.shownChanged.connect(dialog.follow_shown)
        dialog.helpRequested.connect(lambda document: self.window.show_help(document))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_import(self) -> Any:
        from cpp_scheduler.gui.tools.import_calendar import ImportDialog

        dialog = ImportDialog(
            self.window.database, self.window.editor, self.window, tasks=self.window.tasks
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_send(self, kind: str) -> Any:
        """The Send invitations or Send updates dialog, on the selected event if any."""
        from cpp_scheduler.gui.tools.send_mail import SendDialog

        selected = self.window.selected_occurrence
        dialog = SendDialog(
            self.window.database,
            self.window.tasks,
            kind,
            event_id=selected.event_id if selected is not None else None,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def send_updates_for(self, scope: ChangeScope, label: str) -> Any:
        """The Send updates dialog on ``scope`` (None: the whole program), named
        ``label``: the scope the What-changed dialog shows, so it sends the very
        messages that dialog lists, whatever the window has selected."""
        from cpp_scheduler.gui.tools.send_mail import UPDATES, SendDialog

        dialog = SendDialog(
            self.window.database,
            self.window.tasks,
            UPDATES,
            scope=scope,
            scope_label=label,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_changes(self) -> Any:
        from cpp_scheduler.gui.tools.mail_reports import ChangesDialog

        def make() -> ChangesDialog:
            dialog = ChangesDialog(self.window.database, self.window.tasks, self.window)
            dialog.sendRequested.connect(self.send_updates_for)
            return dialog

        return self._show("mail_changes", make)

    def open_replies(self) -> Any:
        from cpp_scheduler.gui.tools.mail_reports import RepliesDialog

        return self._show(
            "mail_replies",
            lambda: RepliesDialog(self.window.database, self.window.tasks, self.window),
        )

    def open_mail_settings(self) -> Any:
        from cpp_scheduler.gui.tools.mail_settings import MailSettingsDialog

        dialog = MailSettingsDialog(self.window.tasks, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def shown_events(self) -> list[str]:
        """The events the calendar shows now: the filter's, in the visible dates."""
        return self.window.shown_event_ids()


def install_tools(window: MainWindow) -> Tools:
    """Add the coordinator's tools to ``window``; the window keeps them as ``window.tools``."""
    from cpp_scheduler.gui.opening import load_the_tools

    tools = Tools(window)
    window.tools = tools  # type: ignore[attr-defined]
    install_report_actions(window)
    install_documents(window)
    window.tasks.run_in_background(load_the_tools, lambda _nothing: None)
    return tools


def _when(row: EventRow) -> datetime | date:
    """When a meeting is, to go to it: its start, or all day its own first date."""
    return row.first_date if row.all_day else row.start_utc
