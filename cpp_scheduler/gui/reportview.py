"""The Program report window: a period's meetings and hours by kind, mode, theme, partner
city, delegation and country, charts of hours by theme and by city, and the themes and
cities the period left out.

Every figure comes from :func:`cpp_scheduler.services.reports.program_report`, the one
``cpp-scheduler report`` prints, and every table is the core's own
:class:`~cpp_scheduler.reports.tables.Table`, the sheet the workbook gets; the window
only shows them. The report is read and the workbook written off the GUI thread; "Save as PDF…" and
"Print…" lay out the core's printed report
(:func:`cpp_scheduler.services.reports.program_report_document`, the document
``cpp-scheduler report -o FILE.pdf`` writes) with the window's renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPaintEvent, QShowEvent
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.documents.content import PrintDocument
from cpp_scheduler.errors import SchedulerError, shown_path
from cpp_scheduler.files import PDF_FILE, WORKBOOK_FILE, named_as, typed_path
from cpp_scheduler.gui import printing
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.qtvalues import keep_to_program_days
from cpp_scheduler.gui.screen_room import resize_within_screen
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.reports.program import (
    NONE_KEY,
    Breakdown,
    ProgramReport,
    breakdown_table,
    cell_text,
    left_out_lines,
    period_line,
    products_table,
    summary_lines,
)
from cpp_scheduler.reports.tables import Cell, ColumnType, Table
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.saved_words import file_written, pdf_saved

if TYPE_CHECKING:
    from cpp_scheduler.gui.reportcharts import HoursChart

AnyIndex = QModelIndex | QPersistentModelIndex
RunInBackground = Callable[
    [Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None
]
LEFT_OUT = QColor("#fde8c8")
"""The background of a theme or city the period left out: seen at a glance."""

#: The headings and row labels of the report's tables (the core writes them in English
#: for the workbook), as the window shows them.
REPORT_WORDS = {
    text: text
    for text in (
        QT_TRANSLATE_NOOP("ReportColumns", "Kind"),
        QT_TRANSLATE_NOOP("ReportColumns", "Mode"),
        QT_TRANSLATE_NOOP("ReportColumns", "Theme"),
        QT_TRANSLATE_NOOP("ReportColumns", "Partner city"),
        QT_TRANSLATE_NOOP("ReportColumns", "Delegation"),
        QT_TRANSLATE_NOOP("ReportColumns", "Country"),
        QT_TRANSLATE_NOOP("ReportColumns", "Meetings"),
        QT_TRANSLATE_NOOP("ReportColumns", "Hours"),
        QT_TRANSLATE_NOOP("ReportColumns", "Cancelled"),
        QT_TRANSLATE_NOOP("ReportColumns", "Title"),
        QT_TRANSLATE_NOOP("ReportColumns", "Published"),
        QT_TRANSLATE_NOOP("ReportColumns", "(none)"),
        QT_TRANSLATE_NOOP("ReportColumns", "(no theme)"),
        QT_TRANSLATE_NOOP("ReportColumns", "(no partner city)"),
        QT_TRANSLATE_NOOP("ReportColumns", "(no delegation)"),
    )
}


def report_word(text: str) -> str:
    """A heading or label of the report's tables in the window's language."""
    return translate("ReportColumns", text) if text in REPORT_WORDS else text


def _shown(cell: Cell, kind: ColumnType) -> str:
    """A cell as ``report`` prints it (:func:`cell_text`), its words in the window's
    language."""
    return report_word(cell_text(cell))


class SheetModel(QAbstractTableModel):
    """A core table as a read-only Qt model; rows in ``marked`` are shown as left out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table = Table("", ())
        self._marked: frozenset[int] = frozenset()

    @property
    def table(self) -> Table:
        return self._table

    def set_table(self, table: Table, marked: frozenset[int] = frozenset()) -> None:
        self.beginResetModel()
        self._table = table
        self._marked = marked
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._table.rows):
            return None
        column = self._table.columns[index.column()]
        cell = self._table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(cell, column.type)
        if role == Qt.ItemDataRole.UserRole:
            return cell
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = column.type in (ColumnType.INTEGER, ColumnType.HOURS)
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if index.row() in self._marked:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(LEFT_OUT)
            if role == Qt.ItemDataRole.ToolTipRole:
                return translate("ReportView", "Left out: no meeting was held in this period")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._table.columns):
            return report_word(self._table.columns[section].name)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._table.rows):
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _left_out_rows(found: Breakdown) -> frozenset[int]:
    """The table rows of the themes or cities the report names as left out."""
    left_out = {id(row) for row in found.left_out()}
    return frozenset(number for number, row in enumerate(found.rows) if id(row) in left_out)


class ProgramReportWindow(QDialog):
    """The program's report for a period, with its tables, charts and workbook.

    Signals:
        reportShown(object): a report was read and shown (the ProgramReport).
        saved(str): the workbook or the PDF was written to this path.
    """

    reportShown = Signal(object)
    saved = Signal(str)

    def __init__(
        self,
        database: Database,
        run_in_background: RunInBackground,
        first: date,
        last: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("programReport")
        self.setWindowTitle(translate("ReportView", "Program report"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._database = database
        self._run = run_in_background
        self.report: ProgramReport | None = None
        self.running = False
        self.preview_dialog: QPrintPreviewDialog | None = None

        self.first_edit = self._date_edit(first, "reportFrom")
        self.last_edit = self._date_edit(last, "reportTo")
        self.show_button = QPushButton(translate("ReportView", "Show"), self)
        self.show_button.setObjectName("reportShow")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.refresh)
        self.save_button = QPushButton(translate("ReportView", "Save as spreadsheet…"), self)
        self.save_button.setObjectName("reportSave")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._browse_and_save)
        period = QHBoxLayout()
        period.addWidget(QLabel(translate("ReportView", "From"), self))
        period.addWidget(self.first_edit)
        period.addWidget(QLabel(translate("ReportView", "to"), self))
        period.addWidget(self.last_edit)
        period.addWidget(QLabel(translate("ReportView", "(whole days in Tokyo)"), self))
        period.addWidget(self.show_button)
        self.pdf_button = QPushButton(translate("ReportView", "Save as PDF…"), self)
        self.pdf_button.setObjectName("reportSavePdf")
        self.pdf_button.setEnabled(False)
        self.pdf_button.clicked.connect(self._browse_and_save_pdf)
        self.print_button = QPushButton(translate("ReportView", "Print…"), self)
        self.print_button.setObjectName("reportPrint")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_preview)
        period.addStretch(1)
        period.addWidget(self.save_button)
        period.addWidget(self.pdf_button)
        period.addWidget(self.print_button)

        self.summary = QLabel(self)
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.left_out = QLabel(self)
        self.left_out.setObjectName("reportLeftOut")
        self.left_out.setWordWrap(True)
        self.left_out.setTextFormat(Qt.TextFormat.PlainText)
        self.left_out.setStyleSheet(
            f"QLabel {{ background: {LEFT_OUT.name()}; padding: 4px; border-radius: 3px; }}"
        )
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")

        # Made inside the splitter that holds them: a widget moved there from the window
        # would be styled twice.
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tabs = QTabWidget(splitter)
        self.models: dict[str, SheetModel] = {}
        for name, title in (
            ("kind", translate("ReportView", "Kind")),
            ("mode", translate("ReportView", "Mode")),
            ("theme", translate("ReportView", "Theme")),
            ("city", translate("ReportView", "City")),
            ("delegation", translate("ReportView", "Delegation")),
            ("country", translate("ReportView", "Country")),
            ("products", translate("ReportView", "Products")),
        ):
            model = SheetModel(self)
            view = QTableView(self.tabs)
            view.setObjectName(f"report_{name}")
            view.setModel(model)
            view.setAlternatingRowColors(True)
            view.verticalHeader().hide()
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            header = view.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setStretchLastSection(False)
            self.models[name] = model
            self.tabs.addTab(view, title)
        # The charts (Qt Charts, a library of its own to load, and a scene to draw) are
        # made once the window has painted: it is usable at once, and they are there,
        # empty, long before the count that fills them.
        self._charts = QWidget(splitter)
        self._chart_layout = QVBoxLayout(self._charts)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        self._chart_pair: tuple[HoursChart, HoursChart] | None = None
        self._charts_asked = False
        splitter.addWidget(self.tabs)
        splitter.addWidget(self._charts)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 780])  # the charts' names of themes need the width

        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.summary)
        layout.addWidget(self.left_out)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        resize_within_screen(self, 1200, 700)

    def showEvent(self, event: QShowEvent) -> None:
        """Open with the focus on Show: the first key a coordinator presses counts,
        instead of typing over the first date."""
        super().showEvent(event)
        self.show_button.setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._charts_asked:
            self._charts_asked = True
            QTimer.singleShot(0, self._make_charts_next)

    def _make_charts_next(self) -> None:
        """Make the charts at the next turn of the event loop: what came with the first
        paint (a key pressed meanwhile) is handled first."""
        QTimer.singleShot(0, self._make_charts)

    def _make_charts(self) -> tuple[HoursChart, HoursChart]:
        """The charts of hours by theme and by city, made on first need."""
        if self._chart_pair is None:
            from cpp_scheduler.gui.reportcharts import HoursChart

            self._chart_pair = (
                HoursChart(translate("ReportView", "Hours by theme"), self._charts),
                HoursChart(translate("ReportView", "Hours by partner city"), self._charts),
            )
            for chart in self._chart_pair:
                self._chart_layout.addWidget(chart)
        return self._chart_pair

    @property
    def theme_chart(self) -> HoursChart:
        """The bars of hours by theme."""
        return self._make_charts()[0]

    @property
    def city_chart(self) -> HoursChart:
        """The bars of hours by partner city."""
        return self._make_charts()[1]

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        keep_to_program_days(edit)  # what ``report --from --to`` accepts, no other day
        edit.setDate(QDate(day.year, day.month, day.day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(translate("ReportView", "yyyy-MM-dd"))
        return edit

    # -- the period ---------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        first = self.first_edit.date().toPython()
        last = self.last_edit.date().toPython()
        assert isinstance(first, date)
        assert isinstance(last, date)
        return first, last

    def set_period(self, first: date, last: date) -> None:
        self.first_edit.setDate(QDate(first.year, first.month, first.day))
        self.last_edit.setDate(QDate(last.year, last.month, last.day))

    def refresh(self) -> None:
        """Read the report of the chosen period on the worker, then show it."""
        first, last = self.period()
        if last < first:
            self.status.setText(
                translate(
                    "ReportView", "The last day is before the first: choose the period again."
                )
            )
            return
        from cpp_scheduler.services.reports import program_report

        database = self._database
        self.running = True
        self.show_button.setEnabled(False)
        self.status.setText(translate("ReportView", "Counting…"))
        self._run(lambda: program_report(database, first, last), self._shown, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.show_button.setEnabled(True)
        self.status.setText(
            translate("ReportView", "Could not make the report: {error}").format(
                error=failure_line(error)
            )
        )

    def _shown(self, report: ProgramReport) -> None:
        self.running = False
        self.show_button.setEnabled(True)
        self.report = report
        for button in (self.save_button, self.pdf_button, self.print_button):
            button.setEnabled(True)
        # As ``report`` says them, under its title.
        self.summary.setText(" · ".join(summary_lines(report)))
        breakdowns = {found.name: found for found in report.breakdowns}
        self.left_out.setText(" · ".join(left_out_lines(report)))
        for found in breakdowns.values():
            self.models[found.name].set_table(breakdown_table(found), _left_out_rows(found))
        self.models["products"].set_table(products_table(report))
        for view in self.findChildren(QTableView):
            view.resizeColumnsToContents()
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.theme_chart.show_rows(self._hours(breakdowns["theme"]))
        self.city_chart.show_rows(self._hours(breakdowns["city"]))
        self.status.setText(period_line(report))  # as ``report`` heads its text
        self.reportShown.emit(report)

    def mark_stale(self) -> None:
        """The program changed since the report was read: say so, and how to recount."""
        if self.report is not None and not self.running:
            self.status.setText(
                translate(
                    "ReportView",
                    "The program has changed since this count: press Show to count again.",
                )
            )

    @staticmethod
    def _hours(found: Breakdown) -> list[tuple[str, float]]:
        """The bars of a chart: each theme or city by name, "(left out)" after those the
        period held nothing on, so the chart says it without the table."""
        left_out = {id(row) for row in found.left_out()}
        return [
            (
                translate("ReportView", "{label} (left out)").format(label=report_word(row.shown))
                if id(row) in left_out
                else report_word(row.shown),
                round(row.hours, 2),
            )
            for row in found.rows
            if row.key != NONE_KEY
        ]

    # -- the workbook -------------------------------------------------------------------
    def _browse_and_save(self) -> None:
        if self.report is None:
            return
        suggested = f"cpp-report-{self.report.first}-to-{self.report.last}.xlsx"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            translate("ReportView", "Save the report as a spreadsheet"),
            suggested,
            translate("ReportView", "Excel workbooks (*.xlsx)"),
        )
        if chosen:
            self.save_spreadsheet(Path(chosen))

    def save_spreadsheet(self, path: Path) -> None:
        """Write the report shown to ``path`` (.xlsx added when missing, another suffix
        refused, as ``report -o`` names its file: :func:`~cpp_scheduler.files.named_as`),
        on the worker."""
        report = self.report
        if report is None:
            return
        try:
            path = named_as(typed_path(str(path)), WORKBOOK_FILE)
        except SchedulerError as error:
            self._not_saved(error)
            return
        from cpp_scheduler.services.reports import write_report_xlsx

        self.status.setText(
            translate("ReportView", "Writing {file}…").format(file=shown_path(path.name))
        )
        self._run(lambda: write_report_xlsx(report, path), self._saved, self._not_saved)

    def _saved(self, path: Path) -> None:
        self.status.setText(file_written(path))  # as ``report -o FILE.xlsx`` says it
        self.saved.emit(str(path))

    def _not_saved(self, error: BaseException) -> None:
        self.status.setText(
            translate("ReportView", "Could not save the spreadsheet: {error}").format(
                error=failure_line(error)
            )
        )

    # -- on paper -----------------------------------------------------------------------
    def _document(self, then: Callable[[PrintDocument], None]) -> None:
        """Build the printed report of the report shown, on the worker, then ``then``."""
        report = self.report
        if report is None:
            return
        from cpp_scheduler.services.reports import program_report_document

        database = self._database
        self.pdf_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.status.setText(translate("ReportView", "Building the printed report…"))

        def done(document: PrintDocument) -> None:
            self.pdf_button.setEnabled(True)
            self.print_button.setEnabled(True)
            then(document)

        def failed(error: BaseException) -> None:
            self.pdf_button.setEnabled(True)
            self.print_button.setEnabled(True)
            self.status.setText(
                translate("ReportView", "Could not make the printed report: {error}").format(
                    error=failure_line(error)
                )
            )

        self._run(lambda: program_report_document(database, report), done, failed)

    def _browse_and_save_pdf(self) -> None:
        if self.report is None:
            return
        suggested = f"cpp-report-{self.report.first}-to-{self.report.last}.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            translate("ReportView", "Save the report as a PDF"),
            suggested,
            translate("ReportView", "PDF files (*.pdf)"),
        )
        if chosen:
            self.save_pdf(Path(chosen))

    def save_pdf(self, path: Path, paper: str = "a4") -> None:
        """Write the report shown to ``path`` as a PDF (.pdf added when missing, another
        suffix refused, as ``report -o`` names its file)."""
        try:
            path = named_as(typed_path(str(path)), PDF_FILE)
        except SchedulerError as error:
            self.status.setText(
                translate("ReportView", "Could not save the PDF: {error}").format(error=error)
            )
            return

        def write(document: PrintDocument) -> None:
            try:
                pages = printing.write_pdf(document, path, paper)
            except printing.PrintingError as error:
                self.status.setText(
                    translate("ReportView", "Could not save the PDF: {error}").format(error=error)
                )
                QMessageBox.warning(
                    self, translate("ReportView", "Cannot save the PDF"), str(error)
                )
                return
            self.status.setText(pdf_saved(path, pages))  # as ``report -o FILE.pdf`` says it
            self.saved.emit(str(path))

        self._document(write)

    def print_preview(self) -> None:
        """Show the printed report in a print preview, where it can be printed."""

        def show(document: PrintDocument) -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageLayout(printing.page_layout("a4"))
            printer.setDocName(document.title)
            dialog = QPrintPreviewDialog(printer, self)
            dialog.setObjectName("reportPrintPreview")
            dialog.setWindowTitle(document.title)
            dialog.paintRequested.connect(lambda device: printing.paint_pages(document, device))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.preview_dialog = dialog
            self.status.setText("")
            dialog.open()

        self._document(show)
