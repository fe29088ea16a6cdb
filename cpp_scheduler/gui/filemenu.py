"""The File menu's work: another database in a new window, the recent databases, and
the whole program written to or read from a program file.

Opening another database goes through the same two steps as the first window (see
ARCHITECTURE.md, "Starting"): the new window shows at once and opens its database on a
worker. Opening a SQLite file that is not there, or is empty, would make a new, empty
program in its place, so neither way of opening one from the window does it unasked:
File > Open database… asks first (:func:`open_or_make`, the question a start with
``--db`` asks too: :func:`agrees_to_make`), and Open recent, whose entry
was a program, says it is gone (:func:`open_recent`), both by the rule the command line
follows (:func:`cpp_scheduler.services.database.missing_program`). Export and import
run off the GUI thread through the window's task manager, whose progress bar shows in
the status bar while they work.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.errors import shown_path
from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from cpp_scheduler.gui.mainwindow import MainWindow
    from cpp_scheduler.programfile import ProgramFileSummary
    from cpp_scheduler.programfile.importer import ImportReport

DATABASE_FILES = QT_TRANSLATE_NOOP(
    "FileMenu", "SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"
)
PROGRAM_FILES = QT_TRANSLATE_NOOP("FileMenu", "Program files (*.json);;All files (*)")


class OpenDatabaseDialog(QDialog):
    """Asks for a database: a SQLite file (browsed for) or a PostgreSQL URL (typed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openDatabaseDialog")
        self.setWindowTitle(translate("FileMenu", "Open database"))
        explanation = QLabel(
            translate(
                "FileMenu",
                "A SQLite file (.sqlite) on this computer, or the URL of a shared PostgreSQL "
                "database (postgresql://user@host/name). It opens in a new window.",
            ),
            self,
        )
        explanation.setWordWrap(True)
        self.location = QLineEdit(self)
        self.location.setObjectName("databaseLocation")
        self.location.setPlaceholderText(
            translate("FileMenu", "/path/to/program.sqlite or postgresql://…")
        )
        self.location.setMinimumWidth(420)
        browse = QPushButton(translate("FileMenu", "Browse…"), self)
        browse.setObjectName("browseDatabase")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.location, 1)
        row.addWidget(browse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.location.textChanged.connect(self._update_button)
        self.refusal = QLabel(self)
        """Why the location typed cannot be opened, under the field; hidden while none."""
        self.refusal.setObjectName("databaseLocationRefusal")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(row)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self._update_button()

    def _update_button(self) -> None:
        self.refusal.hide()
        button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        if button is not None:
            button.setEnabled(bool(self.chosen()))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            translate("FileMenu", "Open a program database"),
            "",
            translate("FileMenu", DATABASE_FILES),
        )
        if path:
            self.location.setText(path)

    def chosen(self) -> str:
        return self.location.text().strip()

    def accept(self) -> None:
        """Open only a location that can be opened as typed (:func:`typed_location`);
        else say why under the field, the text kept to mend."""
        from cpp_scheduler.errors import SchedulerError

        try:
            typed_location(self.chosen())
        except SchedulerError as error:
            self.refusal.setText(str(error))
            self.refusal.show()
            return
        super().accept()


def typed_location(text: str) -> str:
    """The database a coordinator typed into Open database…, as the core reads a location
    typed in a window (:func:`cpp_scheduler.files.typed_location`): a URL as given, a
    file's whole path (``~`` the home folder); a bare file name refused naming the whole
    path meant, and a path holding a line break or another control character refused."""
    from cpp_scheduler import files

    return files.typed_location(text)


def choose_database(window: MainWindow) -> None:
    """File > Open database…: ask where, then open it in a new window (see
    :func:`open_or_make`)."""
    from cpp_scheduler.errors import SchedulerError

    dialog = OpenDatabaseDialog(window)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
            return
        try:
            location = typed_location(dialog.chosen())
        except SchedulerError as error:
            window.report_error(translate("FileMenu", "Cannot open the database"), str(error))
            return
        open_or_make(window, location)
    finally:
        dialog.deleteLater()


def open_or_make(window: MainWindow, location: str) -> None:
    """Open ``location`` in a new window; where it holds no program (a SQLite file that
    is not there, or is empty), only once the coordinator, asked with the path named,
    agrees to make a new, empty program there.

    The window has no other way to make a program, so a new path is still allowed; but
    a mistyped one must not become a program that colleagues then open for the real
    one. Whether there is a program is judged off the GUI thread (the file may be on a
    slow share); a location that cannot be judged (a URL the program does not take) is
    handed to the new window, which says why it cannot open it.
    """
    from cpp_scheduler.errors import SchedulerError

    def judged(missing: str | None) -> None:
        if missing is not None and not agrees_to_make(missing, window.confirm):
            return
        open_in_new_window(window, location)

    def not_judged(error: BaseException) -> None:
        if isinstance(error, SchedulerError):
            open_in_new_window(window, location)
            return
        import sys

        sys.excepthook(type(error), error, error.__traceback__)

    window.tasks.run_in_background(lambda: program_to_make(location), judged, not_judged)


def program_to_make(location: str) -> str | None:
    """Where opening ``location`` would make a new, empty program (a SQLite file that is
    not there, or is empty), as a message names it; None where it holds a program, names
    a server, or could not be made anyway: a file whose folder is not there is refused
    by the open, which says why, so asking whether to make it would only be asked in
    vain. Judged by the command line's rule
    (:func:`cpp_scheduler.services.database.missing_program`); it may wait on a slow
    share, and loads the database layer."""
    from cpp_scheduler.services.database import missing_program, vanished_file

    missing = missing_program(location)
    if missing is None:
        return None
    gone = vanished_file(location)
    if gone is not None and not gone.parent.is_dir():
        return None
    return missing


def agrees_to_make(path: str, confirm: Callable[[str, str], bool]) -> bool:
    """Whether the coordinator, asked through ``confirm`` (a title and a question), agrees
    to make a new, empty program at ``path``: the one question File > Open database…
    and a start with ``--db`` ask, naming the path so a typing mistake shows."""
    return confirm(
        translate("FileMenu", "Make a new program?"),
        translate(
            "FileMenu",
            "There is no program at {path}.\n\n"
            "Make a new, empty program there? Check the name first if you meant to "
            "open an existing one.",
        ).format(path=shown_path(path)),
    )


def open_in_new_window(window: MainWindow, location: str) -> MainWindow:
    """A new main window over the database at ``location`` (a path or a URL).

    It shows at once and opens the database in the background, as the first window
    does, glancing first at the period on screen in a SQLite file so its week paints
    with its events before the open is done; one that cannot be opened is explained
    and its window closes. The window closes its database when it closes. What the
    coordinator picks reaches it through :func:`open_or_make` or :func:`open_recent`,
    which judge first whether there is a program there, since this opens (and so makes)
    whatever it is given.
    """
    from cpp_scheduler.gui.app import listen_for_changes
    from cpp_scheduler.gui.mainwindow import MainWindow
    from cpp_scheduler.gui.opening import StoreOpener

    other = MainWindow(StoreOpener(location), settings=window.settings)
    other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.other_windows.append(other)
    other.openFailed.connect(lambda _reason: other.close())
    other.programOpened.connect(lambda: listen_for_changes(other))

    def closed() -> None:
        other.close_database()
        if other in window.other_windows:
            window.other_windows.remove(other)

    other.closed.connect(closed)
    other.show()
    return other


def fill_recent_menu(window: MainWindow) -> None:
    """File > Open recent: the last databases opened, newest first, each re-openable."""
    menu = window.recent_menu
    menu.clear()
    recent = options.recent_databases(window.settings)
    current = window.database.name if window.program_open else None
    for location in recent:
        action = menu.addAction(shown_path(location))  # one line, as the commands name it
        action.setObjectName("recent_database")
        action.setToolTip(shown_path(location))
        if location == current:
            action.setEnabled(False)  # this window's own
        action.triggered.connect(
            lambda _checked=False, location=location: open_recent(window, location)
        )
    if not recent:
        empty = menu.addAction(translate("FileMenu", "No databases opened yet"))
        empty.setEnabled(False)


def open_recent(window: MainWindow, location: str) -> None:
    """File > Open recent: open ``location`` in a new window, unless it no longer holds
    a program: its file gone (moved or deleted since) or emptied. Opening it would make
    a new, empty program where it was, which colleagues could then open for the real
    one; and the entry was a program, so no new one is offered in its place. That is
    said in one line, and the entry leaves the list."""
    from cpp_scheduler.services.database import missing_program, vanished_file

    def judge() -> tuple[object, object]:
        missing = missing_program(location)
        return missing, vanished_file(location) if missing is not None else None

    def found(judgement: tuple[object, object]) -> None:
        missing, gone = judgement
        if missing is None:
            open_in_new_window(window, location)
            return
        options.forget_database(window.settings, location)
        fill_recent_menu(window)
        if gone is not None:
            reason = translate(
                "FileMenu",
                "{file} no longer exists (moved or deleted?); it is taken off Open recent.",
            ).format(file=shown_path(gone))
        else:
            reason = translate(
                "FileMenu",
                "{file} is empty: it no longer holds a program; it is taken off Open recent.",
            ).format(file=shown_path(missing))
        window.report_error(translate("FileMenu", "Cannot open the database"), reason)

    window.tasks.run_in_background(
        judge, found, window.work_failed(translate("FileMenu", "Cannot open the database"))
    )


def export_program(window: MainWindow, path: str | None = None) -> None:
    """File > Export program file…: the whole program to a JSON file, in the background."""
    if path is None:
        path, _filter = QFileDialog.getSaveFileName(
            window,
            translate("FileMenu", "Export the program file"),
            "program.json",
            translate("FileMenu", PROGRAM_FILES),
        )
        if not path:
            return
    from cpp_scheduler.errors import SchedulerError
    from cpp_scheduler.files import PROGRAM_FILE, named_as, typed_path
    from cpp_scheduler.services.program_files import export_program_file
    from cpp_scheduler.services.saved_words import program_exported

    try:  # as ``program export FILE`` reads its file
        chosen = named_as(typed_path(path), PROGRAM_FILE)
    except SchedulerError as error:
        window.report_error(
            translate("FileMenu", "Cannot write {file}").format(file=shown_path(path)),
            str(error),
        )
        return
    database = window.database
    window.statusBar().showMessage(
        translate("FileMenu", "Writing {file}…").format(file=shown_path(chosen))
    )

    def written(summary: ProgramFileSummary) -> None:
        # In the words ``program export`` prints.
        window.statusBar().showMessage(
            program_exported(database.name, summary.path, summary.counts), 10_000
        )

    window.tasks.run_in_background(
        lambda: export_program_file(database, chosen),
        written,
        window.work_failed(
            translate("FileMenu", "Cannot write {file}").format(file=shown_path(chosen))
        ),
    )


def import_program(window: MainWindow, path: str | None = None) -> None:
    """File > Import program file…: create and update records from a JSON file.

    Not an undoable step (the import keeps no state to take it back), so a program that
    already has events is only changed after the coordinator has read what the file
    would change in it and agreed: the records ``program import --dry-run`` names, read
    off the GUI thread first (a file that changes nothing is said so, and left). The undo
    history is cleared, since its commands may refer to records the file replaced.
    """
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(
            window,
            translate("FileMenu", "Import a program file"),
            "",
            translate("FileMenu", PROGRAM_FILES),
        )
        if not path:
            return
    chosen = Path(path)
    if not window.events.rowCount():  # an empty program loses nothing: no question
        _import_program(window, chosen)
        return
    from cpp_scheduler.services.program_files import import_program_file
    from cpp_scheduler.services.saved_words import import_counts, import_details, program_imported

    database = window.database
    window.statusBar().showMessage(
        translate("FileMenu", "Reading {file}…").format(file=shown_path(chosen.name))
    )

    def planned(report: ImportReport) -> None:
        if not report.changed:  # ``program import --dry-run``'s line
            window.statusBar().showMessage(program_imported(report, database.name)[0], 10_000)
            return
        window.statusBar().clearMessage()
        # What ``--dry-run`` says the file would do, its counts and its records.
        plan = [import_counts(report), *(line.strip() for line in import_details(report))]
        if window.confirm(
            translate("FileMenu", "Import a program file"),
            translate(
                "FileMenu",
                "Import {file} into this program?\n\n{plan}\n\nThe file's values replace "
                "this program's. This cannot be undone, and the undo history is cleared.",
            ).format(file=shown_path(chosen.name), plan="\n".join(plan)),
        ):
            _import_program(window, chosen)

    window.tasks.run_in_background(
        lambda: import_program_file(database, chosen, dry_run=True),
        planned,
        window.work_failed(
            translate("FileMenu", "Cannot import {file}").format(file=shown_path(chosen))
        ),
    )


def _import_program(window: MainWindow, chosen: Path) -> None:
    """Import the program file ``chosen``, then read the program again."""
    from cpp_scheduler.gui.welcome import IMPORT
    from cpp_scheduler.services.program_files import import_program_file
    from cpp_scheduler.services.saved_words import program_imported

    database = window.database
    window.replace_program(
        (IMPORT, translate("FileMenu", "Importing {file}…").format(file=shown_path(chosen.name))),
        lambda: import_program_file(database, chosen),
        # The headline ``program import`` prints: what it changed, or that nothing needed to.
        lambda report: program_imported(report, database.name)[0],
        translate("FileMenu", "Cannot import {file}").format(file=shown_path(chosen)),
    )
