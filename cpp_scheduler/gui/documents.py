"""The File menu's printed documents: a delegation's itinerary, a conference's
programme, a day's run sheet, each with a print preview and "Save as PDF".

The content is built off the GUI thread by :mod:`cpp_scheduler.documents` (the same
functions ``cpp-scheduler print`` calls); only laying it out on pages happens here, in
:mod:`cpp_scheduler.gui.printing`, with a progress dialog for a long document.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import timezones
from cpp_scheduler.documents.content import CancelledError, PrintDocument, ShouldStop
from cpp_scheduler.documents.itinerary import itinerary_document, read_itinerary
from cpp_scheduler.documents.programme import programme_document, read_programme
from cpp_scheduler.documents.runsheet import day_in_japan, read_run_sheet, run_sheet_document
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.files import PDF_FILE, named_as, typed_path
from cpp_scheduler.gui import printing
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.qtvalues import keep_to_program_days, python_date, qt_date
from cpp_scheduler.gui.screen_room import fitted_size
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.services.choices import conference_choices, conference_of
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.delegation_schedule import delegation_choices
from cpp_scheduler.services.saved_words import pdf_saved
from cpp_scheduler.services.snapshot import check_program_day

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from cpp_scheduler.gui.mainwindow import MainWindow
    from cpp_scheduler.gui.taskman import TaskManager

Builder = Callable[[ShouldStop | None], PrintDocument]
"""Builds the chosen document, asking the ``should_stop`` it is given between
sections."""
TITLES = {
    "itinerary": QT_TRANSLATE_NOOP("Documents", "Print itinerary"),
    "programme": QT_TRANSLATE_NOOP("Documents", "Print programme"),
    "day": QT_TRANSLATE_NOOP("Documents", "Print run sheet"),
}
PAPER_LABELS = {"a4": "A4", "letter": QT_TRANSLATE_NOOP("Documents", "US Letter")}
LONG_DOCUMENT = 4
"""Pages from which laying out a document shows its progress."""


class PrintDocumentDialog(QDialog):
    """Choose what to print (a delegation, a conference, a date), then preview it,
    print it or save it as a PDF.

    Signals:
        cancelled(): saving a PDF was cancelled; no file was written.
    """

    cancelled = Signal()

    def __init__(
        self,
        kind: str,
        database: Database,
        tasks: TaskManager,
        parent: QWidget | None = None,
        day: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.database = database
        self.tasks = tasks
        self.document: PrintDocument | None = None
        """The last document built, as the core gave it."""
        self.preview_dialog: QPrintPreviewDialog | None = None
        self.progress: QProgressDialog | None = None
        """The progress of the PDF being saved, while it is."""
        self.setObjectName(f"print_{kind}")
        self.setWindowTitle(translate("Documents", TITLES[kind]))
        form = QFormLayout()
        self.choice = QComboBox(self)
        self.choice.setObjectName("documentChoice")
        self.date = QDateEdit(self)
        self.date.setObjectName("documentDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(translate("Documents", "ddd d MMM yyyy"))
        keep_to_program_days(self.date)
        if kind == "day":
            today = day or timezones.to_local(datetime.now(UTC), timezones.TOKYO).date()
            self.date.setDate(qt_date(today))
            form.addRow(translate("Documents", "Date in &Japan"), self.date)
            self.choice.hide()
        else:
            form.addRow(
                translate("Documents", "&Delegation")
                if kind == "itinerary"
                else translate("Documents", "&Conference"),
                self.choice,
            )
            self.date.hide()
        self.paper = QComboBox(self)
        self.paper.setObjectName("paperChoice")
        for key, label in PAPER_LABELS.items():
            self.paper.addItem(translate("Documents", label), key)
        form.addRow(translate("Documents", "&Paper"), self.paper)
        self.status = QLabel("", self)
        self.status.setObjectName("documentStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = QPushButton(translate("Documents", "Print pre&view…"), self)
        self.preview_button.setObjectName("previewButton")
        self.save_button = QPushButton(translate("Documents", "&Save as PDF…"), self)
        self.save_button.setObjectName("savePdfButton")
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.save_button.clicked.connect(lambda: self.ask_and_save())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._set_busy(False)
        self._wanted: str | None = None
        if kind != "day":
            self._read_choices()

    # -- choosing -----------------------------------------------------------------------
    def _read_choices(self) -> None:
        self.status.setText(translate("Documents", "Reading the program…"))
        self._set_busy(True)
        database = self.database
        if self.kind == "itinerary":

            def read() -> list[tuple[str, str]]:
                return [(c.name, c.name) for c in delegation_choices(database)]
        else:

            def read() -> list[tuple[str, str]]:
                # By id, which the calendar's right-click names and the programme reads.
                return [(c.name, c.id) for c in conference_choices(database)]

        self.tasks.run_in_background(read, self._choices_read, self._failed)

    def choose(self, key: str | None = None, day: date | None = None) -> None:
        """Preselect what to print: a delegation's name or a conference's id (now, or
        when the lists arrive), or the run sheet's day."""
        if day is not None:
            self.date.setDate(qt_date(day))
        if key is not None:
            self._wanted = key
            found = self.choice.findData(key)
            if found >= 0:
                self.choice.setCurrentIndex(found)
            elif self.kind == "programme" and self.choice.count():
                # A session, right-clicked: its conference's programme is the one to print.
                database = self.database
                self.tasks.run_in_background(
                    lambda: conference_of(database, key), self._conference_found, self._failed
                )

    def _widen_to_the_choices(self) -> None:
        """Widen the dialog to show the longest delegation or conference whole ("CPP
        Conference 2027: Cities Learning from Cities (15–16 Feb 2027)", its dates last),
        within the screen: the list came after the dialog took its first size."""
        metrics = self.choice.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(self.choice.itemText(n))
                for n in range(self.choice.count())
            ),
            default=0,
        )
        # With the room the style keeps around a combo box's text: its frame and arrow.
        option = QStyleOptionComboBox()
        self.choice.initStyleOption(option)
        needed = (
            self.choice.style()
            .sizeFromContents(
                QStyle.ContentsType.CT_ComboBox,
                option,
                QSize(widest, metrics.height()),
                self.choice,
            )
            .width()
        )
        missing = needed - self.choice.width()
        if missing > 0:
            size = fitted_size(self, self.width() + missing, self.height())
            self.resize(size.width(), self.height())

    def _conference_found(self, conference_id: str | None) -> None:
        if conference_id is not None and self.choice.findData(conference_id) >= 0:
            self.choose(conference_id)

    def _choices_read(self, choices: list[tuple[str, str]]) -> None:
        self.choice.clear()
        for label, key in choices:
            self.choice.addItem(label, key)
        self.choose(self._wanted)
        self._set_busy(False)
        self._widen_to_the_choices()
        if not choices:
            # One whole sentence per case: a word put into a translated one stays English.
            self.status.setText(
                translate("Documents", "The program has no delegations yet.")
                if self.kind == "itinerary"
                else translate("Documents", "The program has no conferences yet.")
            )
        else:
            self.status.setText("")

    def builder(self) -> Builder:
        """What builds the chosen document, to run off the GUI thread.

        A run sheet's day outside the program's is refused here, on the GUI thread,
        before any work starts (:class:`~cpp_scheduler.services.snapshot.DayOutOfRangeError`):
        its day in Tokyo has no edges near year 9999."""
        database = self.database
        if self.kind == "day":
            day = python_date(self.date.date())
            check_program_day(translate("Documents", "Date in Japan"), day)
            return lambda stop: run_sheet_document(read_run_sheet(database, day), stop)
        key = str(self.choice.currentData() or "")
        if self.kind == "itinerary":
            return lambda stop: itinerary_document(read_itinerary(database, key), stop)
        return lambda stop: programme_document(read_programme(database, key), stop)

    @property
    def paper_size(self) -> str:
        return str(self.paper.currentData())

    # -- building and rendering ---------------------------------------------------------
    def build(
        self,
        then: Callable[[PrintDocument], None],
        should_stop: ShouldStop | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Build the chosen document off the GUI thread, then hand it to ``then``;
        false when nothing is chosen to build."""
        if self.kind != "day" and self.choice.currentIndex() < 0:
            self.status.setText(translate("Documents", "Choose what to print first."))
            return False
        try:
            build = self.builder()
        except SchedulerError as error:
            self.status.setText(str(error))
            return False
        self.status.setText(translate("Documents", "Building the document…"))
        self._set_busy(True)

        def done(document: PrintDocument) -> None:
            self.document = document
            self._set_busy(False)
            self.status.setText("")
            then(document)

        self.tasks.run_in_background(lambda: build(should_stop), done, on_error or self._failed)
        return True

    def preview(self) -> None:
        """Build the document and show it in a print preview, where it can be printed."""
        self.build(self._show_preview)

    def _show_preview(self, document: PrintDocument) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(printing.page_layout(self.paper_size))
        printer.setDocName(document.title)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setObjectName("printPreview")
        dialog.setWindowTitle(document.title)
        dialog.paintRequested.connect(lambda device: printing.paint_pages(document, device))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview_dialog = dialog
        dialog.open()

    def ask_and_save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            translate("Documents", "Save as PDF"),
            self._suggested_name(),
            translate("Documents", "PDF files (*.pdf)"),
        )
        if name:
            self.save(Path(name))

    def save(self, path: Path, on_saved: Callable[[int], None] | None = None) -> None:
        """Build the document and write it to ``path`` as a PDF, with a progress dialog
        whose Cancel stops the work between sections and between pages, leaving no
        file behind. Named by the rule of every file written (a name without a suffix
        gets .pdf, another suffix is refused), as ``print … -o`` names its file."""
        try:
            path = named_as(typed_path(str(path)), PDF_FILE)
        except SchedulerError as error:
            self.status.setText(str(error))
            return
        stop = threading.Event()
        progress = QProgressDialog(
            translate("Documents", "Building the document…"),
            translate("Documents", "Cancel"),
            0,
            0,
            self,
        )
        progress.setObjectName("pdfProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        progress.canceled.connect(stop.set)
        self.progress = progress

        def finish() -> None:
            # hide, not close: closing a progress dialog reports a cancel
            progress.canceled.disconnect(stop.set)
            progress.hide()
            progress.deleteLater()
            if self.progress is progress:
                self.progress = None

        def advance(done: int, total: int) -> None:
            if total >= LONG_DOCUMENT:
                progress.setLabelText(translate("Documents", "Laying out the pages…"))
                progress.setMaximum(total)
                progress.setValue(done)
                QApplication.processEvents()

        def write(document: PrintDocument) -> None:
            self._set_busy(True)
            try:
                pages = printing.write_pdf(document, path, self.paper_size, advance, stop.is_set)
            except CancelledError:
                self._cancelled()
                return
            except printing.PrintingError as error:
                QMessageBox.warning(self, translate("Documents", "Cannot save the PDF"), str(error))
                return
            finally:
                finish()
                self._set_busy(False)
            self.status.setText(pdf_saved(path, pages))  # as ``print … -o`` says it
            if on_saved is not None:
                on_saved(pages)

        def failed(error: BaseException) -> None:
            finish()
            if isinstance(error, CancelledError):
                self._set_busy(False)
                self._cancelled()
            else:
                self._failed(error)

        if not self.build(write, stop.is_set, failed):
            finish()

    def _cancelled(self) -> None:
        self.status.setText(translate("Documents", "Cancelled: nothing was saved."))
        self.cancelled.emit()

    def _suggested_name(self) -> str:
        if self.kind == "day":
            chosen = self.date.date()
            return f"run-sheet-{chosen.toString('yyyy-MM-dd')}.pdf"
        words = "".join(ch if ch.isalnum() else "-" for ch in self.choice.currentText().lower())
        prefix = "itinerary" if self.kind == "itinerary" else "programme"
        return f"{prefix}-{'-'.join(w for w in words.split('-') if w)[:60]}.pdf"

    def _failed(self, error: BaseException) -> None:
        """A refusal the coordinator can act on is said in the status line; anything
        else is a fault, logged in full, the line naming the log: never Python's own
        words."""
        self._set_busy(False)
        self.status.setText(failure_line(error))

    def _set_busy(self, busy: bool) -> None:
        for button in (self.preview_button, self.save_button):
            button.setEnabled(not busy)


class DocumentActions:
    """The File menu's three entries, and the dialogs they open."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialogs: dict[str, PrintDocumentDialog] = {}
        self.actions: dict[str, QAction] = {}
        entries = (
            (
                "itinerary",
                translate("Documents", "Print itinerary…"),
                translate("Documents", "A delegation's itinerary, day by day"),
            ),
            (
                "programme",
                translate("Documents", "Print programme…"),
                translate("Documents", "A conference's programme by room"),
            ),
            (
                "day",
                translate("Documents", "Print run sheet…"),
                translate("Documents", "Everything on one day, with its conflicts"),
            ),
        )
        for kind, text, tip in entries:
            action = window.addAction(text)
            action.setObjectName(f"print_{kind}")
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, kind=kind: self.open(kind))
            self.actions[kind] = action
        menu = _file_menu(window)
        if menu is not None:
            before = window.quit_action
            for action in self.actions.values():
                menu.insertAction(before, action)
            menu.insertSeparator(before)

    def open(
        self, kind: str, chosen: str | None = None, day: date | None = None
    ) -> PrintDocumentDialog:
        """Open the dialog of one document, with ``chosen`` (a delegation's name, a
        conference's id) or ``day`` preselected when the right-click named them."""
        dialog = self.dialogs.get(kind)
        if dialog is None:
            dialog = PrintDocumentDialog(
                kind,
                self.window.database,
                self.window.tasks,
                self.window,
                # The first day the period is about (a month's first, not its grid's),
                # as a date in Japan: the run sheet's day holding what the calendar shows.
                day=day
                or day_in_japan(
                    self.window.current_view.days_covered()[0], self.window.display_zone
                ),
            )
            self.dialogs[kind] = dialog
        dialog.choose(chosen, day)
        dialog.show()
        dialog.raise_()
        return dialog


def _file_menu(window: MainWindow) -> QMenu | None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and window.quit_action in menu.actions():
            return menu
    return None


def install_documents(window: MainWindow) -> DocumentActions:
    """Add the printed documents to the window's File menu."""
    documents = DocumentActions(window)
    window.documents = documents  # type: ignore[attr-defined]
    return documents
