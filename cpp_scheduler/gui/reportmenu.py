"""The File menu's spreadsheets: "Export agenda…" (what the calendar shows: its filter,
its period, its zone and Tokyo's) and "Program report…" (the report window).

:func:`install_report_actions` adds both to a main window; the agenda is read and
written off the GUI thread by :mod:`cpp_scheduler.services.reports`, the same function
``cpp-scheduler export xlsx agenda`` calls.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError, shown_path
from cpp_scheduler.files import AGENDA_FILE, FileKind, named_as, typed_path
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.translations import translate

if TYPE_CHECKING:
    from cpp_scheduler.gui.mainwindow import MainWindow
    from cpp_scheduler.gui.reportview import ProgramReportWindow


class ReportActions(QObject):
    """The two File menu entries of one main window, and the report window they open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.report_window: ProgramReportWindow | None = None
        self.export_agenda_action = QAction(translate("ReportMenu", "Export agenda…"), window)
        self.export_agenda_action.setObjectName("export_agenda")
        self.export_agenda_action.setStatusTip(
            translate(
                "ReportMenu",
                "Write the agenda the calendar shows (its filters and dates) to Excel or CSV",
            )
        )
        self.export_agenda_action.triggered.connect(lambda _checked=False: self._ask_agenda())
        self.report_action = QAction(translate("ReportMenu", "Program report…"), window)
        self.report_action.setObjectName("program_report")
        self.report_action.setStatusTip(
            translate(
                "ReportMenu",
                "Meetings and hours by theme, city, delegation and country; what was left out",
            )
        )
        self.report_action.triggered.connect(lambda _checked=False: self.open_report())
        menu = self._file_menu()
        if menu is not None:
            actions = menu.actions()
            # Before the separator that sets Quit apart, at the end of the file entries.
            before = actions[-2] if len(actions) >= 2 and actions[-2].isSeparator() else None
            if before is not None:
                menu.insertSeparator(before)
                menu.insertActions(before, [self.export_agenda_action, self.report_action])
            else:
                menu.addActions([self.export_agenda_action, self.report_action])

    def _file_menu(self) -> QMenu | None:
        """The window's File menu, by its object name: its title is in the window's
        language ("ファイル(&F)" in Japanese)."""
        for action in self.window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and menu.objectName() == "fileMenu":
                return menu
        return None

    # -- the agenda ---------------------------------------------------------------------
    def agenda_period(self) -> tuple[date | None, date | None]:
        """The dates the calendar's period is about (a month's own days, not the
        neighbours' that fill its weeks), as ``export xlsx agenda --from --to`` takes
        them; the whole program when the Agenda lists it all."""
        view = self.window.current_view
        if view.lists_everything:
            return None, None
        return view.days_covered()

    def agenda_zones(self) -> list[str]:
        return list(dict.fromkeys([self.window.display_zone, timezones.TOKYO]))

    def _ask_agenda(self) -> None:
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self.window,
            translate("ReportMenu", "Export the agenda"),
            "cpp-agenda.xlsx",
            translate("ReportMenu", "Excel workbooks (*.xlsx);;CSV for Excel (*.csv)"),
        )
        if not chosen:
            return
        kind = AGENDA_FILE.preferring(".csv" if "csv" in chosen_filter else ".xlsx")
        self.export_agenda(Path(chosen), kind)

    def export_agenda(self, path: Path, kind: FileKind = AGENDA_FILE) -> None:
        """Write the agenda the calendar shows now to ``path`` (.xlsx or .csv), off the
        GUI thread; the status bar says when it is written. Named by the rule of every
        file written (:func:`~cpp_scheduler.files.named_as`): ``kind``'s first suffix
        added to a name without one, another suffix refused, as ``export xlsx agenda -o``
        refuses it."""
        try:
            path = named_as(typed_path(str(path)), kind)
        except SchedulerError as error:
            self.window.report_error(translate("ReportMenu", "Export agenda"), str(error))
            return
        from cpp_scheduler.reports.csvfile import write_csv
        from cpp_scheduler.reports.xlsx import write_xlsx
        from cpp_scheduler.services.reports import agenda
        from cpp_scheduler.services.saved_words import agenda_written

        database = self.window.database
        chosen = self.window.proxy.event_filter
        first, last = self.agenda_period()
        zones = self.agenda_zones()
        days_zone = self.window.display_zone  # the calendar's days are in its zone
        # The Venues view draws the meetings held in a venue alone: those it exports.
        in_venues = self.window.current_view.in_venues

        def write() -> int:
            table = agenda(database, chosen, first, last, zones, days_zone, in_venues=in_venues)
            if path.suffix.lower() == ".csv":
                write_csv(table, path)
            else:
                write_xlsx([table], path)
            return len(table.rows)

        def done(rows: int) -> None:
            # In the words ``export csv|xlsx agenda -o`` prints.
            self.window.statusBar().showMessage(agenda_written(path, rows), 10_000)

        def failed(error: BaseException) -> None:
            self.window.report_error(
                translate("ReportMenu", "Export agenda"),
                translate("ReportMenu", "{file} was not written: {error}").format(
                    file=shown_path(path), error=failure_line(error)
                ),
            )

        self.window.tasks.run_in_background(write, done, failed)

    # -- the report ---------------------------------------------------------------------
    def open_report(self) -> ProgramReportWindow:
        """Show the report window (one per main window), for the year the calendar shows."""
        from cpp_scheduler.gui.reportview import ProgramReportWindow

        if self.report_window is None:
            year = self.window.current_view.days_covered()[0].year  # a month, not its grid
            self.report_window = ProgramReportWindow(
                self.window.database,
                self.window.tasks.run_in_background,
                date(year, 1, 1),
                date(year, 12, 31),
                self.window,
            )
            self.report_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            stale = self.report_window.mark_stale
            self.window.editor.changed.connect(lambda _model, _ids: stale())
            self.window.eventsLoaded.connect(stale)
            self.report_window.refresh()
        self.report_window.show()
        self.report_window.raise_()
        self.report_window.activateWindow()
        return self.report_window


def install_report_actions(window: MainWindow) -> ReportActions:
    """Add "Export agenda…" and "Program report…" to ``window``'s File menu; the window
    keeps them as ``window.report_actions``."""
    actions = ReportActions(window)
    window.report_actions = actions  # type: ignore[attr-defined]
    return actions
