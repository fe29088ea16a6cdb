"""What changed since each participant was last told, and the replies that came back:
the window's forms of ``cpp-scheduler changes`` and ``cpp-scheduler replies``, each over
one scope (an event, a delegation's members, a study tour, or the whole program), read
off the GUI thread from :mod:`cpp_scheduler.services.changes` and
:mod:`cpp_scheduler.services.replies`.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.errors import system_refusal
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.readonly import access_unread
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.gui.widgets.wrapping_tree import WrappingTree
from cpp_scheduler.services import access, calendar_export, replies
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope, TourScope
from cpp_scheduler.services.changes import (
    ChangeReport,
    ChangeScope,
    change_report,
    changes_count_text,
    report_summary,
)
from cpp_scheduler.services.database import Database


class ScopedReportDialog(QDialog):
    """A report of the ledger for the whole program or for one delegation: the scope
    list (its delegations read off the GUI thread), the report's view, a summary line
    and the buttons. A subclass builds the view and says how to read and show the report
    (``refresh``) and what a delegation's scope is (``delegation_scope``)."""

    database: Database
    tasks: TaskManager
    scope: QComboBox
    summary: QLabel

    def lay_out(self, view: QWidget, buttons: tuple[QPushButton, ...]) -> None:
        """Place the scope, ``view``, the summary and ``buttons`` with Close, then read
        the delegations the scope list offers."""
        close = QPushButton(translate("Mail", "Close"), self)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        for button in (*buttons, close):
            row.addWidget(button)
        form = QFormLayout()
        form.addRow(translate("Mail", "For"), self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(view, 1)
        layout.addLayout(row)
        self.resize(1280, 600)
        close.clicked.connect(self.close)
        self.scope.currentIndexChanged.connect(lambda _index: self.refresh())
        database = self.database
        self.tasks.run_in_background(
            lambda: calendar_export.scope_choices(database),
            self._choices_read,
            self._choices_failed,
        )

    def delegation_scope(self, label: str) -> object:
        """The scope list's data for the delegation named ``label``."""
        return label

    def refresh(self) -> None:
        raise NotImplementedError

    def _choices_read(self, choices: calendar_export.ScopeChoices) -> None:
        if not shiboken6.isValid(self):
            return
        self.scope.blockSignals(True)
        for choice in choices.delegations:
            self.scope.addItem(
                translate("Mail", "Delegation: {name}").format(name=choice.label),
                self.delegation_scope(choice.label),
            )
        self.scope.blockSignals(False)
        self.refresh()

    def _choices_failed(self, error: BaseException) -> None:
        """The delegations could not be read, nor then the report: the summary says
        why instead of still reading."""
        if shiboken6.isValid(self):
            self.summary.setText(failure_line(error))


class ChangesDialog(ScopedReportDialog):
    """What changed since each participant was last sent a message, per participant,
    as ``cpp-scheduler changes`` prints it; "Send updates…" sends exactly that.

    Signals:
        sendRequested(scope, label): the coordinator asks to send the updates of the
            scope shown (None: the whole program), which the list names ``label``.
    """

    sendRequested = Signal(object, str)

    def __init__(
        self, database: Database, tasks: TaskManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changesDialog")
        self.setWindowTitle(translate("Mail", "What changed since last sent"))
        self.database = database
        self.tasks = tasks
        self.report: ChangeReport | None = None
        self.scope = QComboBox(self)
        self.scope.addItem(translate("Mail", "The whole program"), None)
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels(
            [translate("Mail", "Participant and event"), translate("Mail", "What changed")]
        )
        # Each row as tall as what it says: an event's title with why it is told, and
        # the changes in words, wrapped to their columns' widths, so none is cut (as
        # the updates' preview shows them). Still a tree: each person's events under them.
        self.tree = WrappingTree(self)
        self.tree.setRootIsDecorated(True)
        self.tree.setItemsExpandable(True)
        self.tree.setObjectName("changesTree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.header().resizeSection(0, 380)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(translate("Mail", "Reading the ledger…"), self)
        self.summary.setObjectName("changesSummary")
        refresh = QPushButton(translate("Mail", "Refresh"), self)
        send = QPushButton(translate("Mail", "Send updates…"), self)
        send.setObjectName("sendUpdatesButton")
        refresh.clicked.connect(self.refresh)
        send.clicked.connect(self._send_requested)
        self.lay_out(self.tree, (refresh, send))

    def delegation_scope(self, label: str) -> object:
        return DelegationScope(label)

    def chosen_scope(self) -> ChangeScope:
        """The scope the report is read for, as the list shows it."""
        scope = self.scope.currentData()
        return scope if isinstance(scope, EventScope | DelegationScope | TourScope) else None

    def _send_requested(self) -> None:
        self.sendRequested.emit(self.chosen_scope(), self.scope.currentText())

    def refresh(self) -> None:
        chosen = self.chosen_scope()
        database = self.database
        self.tasks.run_in_background(
            lambda: change_report(database, chosen), self._shown, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        """The report could not be read: no other scope's changes stay listed under
        this one, and the summary says why."""
        if not shiboken6.isValid(self):
            return
        self.report = None
        self.model.removeRows(0, self.model.rowCount())
        self.summary.setText(failure_line(error))

    def _shown(self, report: ChangeReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.report = report
        self.model.removeRows(0, self.model.rowCount())
        # The report's words, in the program's language (the message's are the
        # participant's): what ``cpp-scheduler changes`` prints, line for line.
        for changes in report.by_participant().values():
            person = QStandardItem(changes[0].person_text)
            person.setToolTip(person.text())
            count = QStandardItem(changes_count_text(len(changes)))
            for change in changes:
                title = QStandardItem(change.heading)
                details = QStandardItem("; ".join(change.reported))
                details.setToolTip("\n".join(change.reported))
                person.appendRow([title, details])
            self.model.appendRow([person, count])
        self.tree.expandAll()
        self.summary.setText(report_summary(report))  # as ``cpp-scheduler changes`` says


REPLY_COLUMNS = (
    QT_TRANSLATE_NOOP("Mail", "Event"),
    QT_TRANSLATE_NOOP("Mail", "Answered for"),
    QT_TRANSLATE_NOOP("Mail", "Participant"),
    QT_TRANSLATE_NOOP("Mail", "Answer"),
)
READING_ANSWERS = QT_TRANSLATE_NOOP("Mail", "Reading the answers…")


class RepliesDialog(ScopedReportDialog):
    """Who answered what, and the import of replies (``.eml`` and ``.ics`` files), as
    ``cpp-scheduler replies list`` and ``replies import`` do: for the whole program, a
    delegation's members or one event the invitations went out for (``--delegation``,
    ``--event``), every answer recorded or, with "Show who has not answered", every
    person invited ("no answer" for those who have not replied: ``--invited``).

    Attributes:
        rows: the rows shown, as the service gave them.
        summary: what the last import recorded and refused, else the answers' counts.
        refused: what the last import refused, one a line, as the command prints it;
            hidden when it refused nothing.
    """

    def __init__(
        self, database: Database, tasks: TaskManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("repliesDialog")
        self.setWindowTitle(translate("Mail", "Replies to invitations"))
        self.database = database
        self.tasks = tasks
        self.rows: list[replies.Attendance] | None = None
        self._asked = 0
        self.scope = QComboBox(self)
        self.scope.setObjectName("repliesScope")
        self.scope.addItem(translate("Mail", "The whole program"), None)
        self.unanswered = QCheckBox(translate("Mail", "Show who has not answered"), self)
        self.unanswered.setObjectName("showUnanswered")
        self.unanswered.setToolTip(
            translate(
                "Mail",
                "Every person invited, 'no answer' for those who have not replied; "
                "what is cancelled is left out",
            )
        )
        self.model = QStandardItemModel(0, len(REPLY_COLUMNS), self)
        self.model.setHorizontalHeaderLabels([translate("Mail", name) for name in REPLY_COLUMNS])
        # Each answer is read whole: a delegation names whom the meeting went to and
        # whom to invite, longer than a laptop's column, and wraps onto further lines.
        self.table = WrappingTree(self)
        self.table.setObjectName("repliesTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        header = self.table.header()
        # Room for a moved meeting's two times and an answer cancelled since, on a laptop.
        header.resizeSection(0, 300)
        header.resizeSection(1, 400)
        header.resizeSection(2, 290)
        header.setStretchLastSection(True)
        self.refused = QPlainTextEdit(self)
        self.refused.setObjectName("refusedReplies")
        self.refused.setReadOnly(True)
        self.refused.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        lines = self.refused.fontMetrics().lineSpacing()
        self.refused.setMaximumHeight(6 * lines + 2 * self.refused.frameWidth() + 8)
        self.refused.hide()
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.unanswered)
        column.addWidget(self.table, 1)
        column.addWidget(self.refused)
        self.summary = QLabel(translate("Mail", READING_ANSWERS), self)
        self.summary.setObjectName("repliesSummary")
        self.summary.setWordWrap(True)
        self.import_button = QPushButton(translate("Mail", "Import replies…"), self)
        self.import_button.setObjectName("importReplies")
        self.import_button.clicked.connect(self._choose_files)
        self.lay_out(body, (self.import_button,))
        self.scope.currentIndexChanged.connect(lambda _index: self._read_again())
        self.unanswered.toggled.connect(self._view_chosen)
        # A reader's login may list the answers but not record any: the button greyed,
        # saying why, as the window's editing actions are.
        database = self.database
        self.tasks.run_in_background(
            lambda: access.read_only_reason(database), self._access_read, access_unread
        )

    def delegation_scope(self, label: str) -> object:
        return DelegationScope(label)

    def _choices_read(self, choices: calendar_export.ScopeChoices) -> None:
        """The delegations, then the events the invitations went out for, after them."""
        super()._choices_read(choices)
        if not shiboken6.isValid(self):
            return
        database = self.database
        self.tasks.run_in_background(
            lambda: replies.answered_events(database), self._events_read, self._choices_failed
        )

    def _events_read(self, events: list[replies.AnsweredEvent]) -> None:
        if not shiboken6.isValid(self):
            return
        self.scope.blockSignals(True)
        for event in events:
            self.scope.addItem(
                translate("Mail", "Event: {event}").format(event=event.label),
                EventScope(event.uid),
            )
        self.scope.blockSignals(False)

    def _read_again(self) -> None:
        """Another scope or view: the counts are read again, an import's outcome gone."""
        self.summary.setText(translate("Mail", READING_ANSWERS))

    def _view_chosen(self, _unanswered: bool) -> None:
        self._read_again()
        self.refresh()

    def _access_read(self, reason: str | None) -> None:
        if reason is None or not shiboken6.isValid(self):
            return
        self.import_button.setEnabled(False)
        self.import_button.setToolTip(reason)

    def refresh(self) -> None:
        scope = self.scope.currentData()
        event_uid = scope.uid if isinstance(scope, EventScope) else None
        delegation = scope.name if isinstance(scope, DelegationScope) else None
        invited = self.unanswered.isChecked()
        database = self.database
        self._asked += 1
        asked = self._asked
        self.tasks.run_in_background(
            lambda: replies.listed_answers(
                database, event_uid=event_uid, delegation=delegation, invited=invited
            ),
            lambda listing: self._shown(listing, asked),
            lambda error: self._not_listed(error, asked),
        )

    def _shown(self, listing: replies.AnswerListing, asked: int) -> None:
        if not shiboken6.isValid(self) or asked != self._asked:
            return  # closed, or asked again since: the later answer shows
        rows = self.rows = listing.rows
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            cells = [
                row.title,
                replies.answered_for(row),  # as ``replies list`` words it after the title
                f"{row.participant} <{row.email}>",
                replies.row_answer(row),
            ]
            items = [QStandardItem(cell) for cell in cells]
            for item in items:
                item.setToolTip(item.text())  # a cell cut short is read whole
            self.model.appendRow(items)
        if self.summary.text() == translate("Mail", READING_ANSWERS):
            self.summary.setText(listing.summary)  # as ``replies list`` sums them up

    def _not_listed(self, error: BaseException, asked: int) -> None:
        """The answers could not be read: none of another scope's stay listed, and the
        summary says why (an import's outcome with it, when one was just said)."""
        if not shiboken6.isValid(self) or asked != self._asked:
            return
        self.rows = None
        self.model.removeRows(0, self.model.rowCount())
        line, shown = failure_line(error), self.summary.text()
        reading = shown == translate("Mail", READING_ANSWERS)
        self.summary.setText(line if reading else f"{shown} {line}")

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            translate("Mail", "Import replies"),
            "",
            translate("Mail", "Replies (*.eml *.ics);;All files (*)"),
        )
        if names:
            self.import_files([Path(name) for name in names])

    def import_files(self, paths: list[Path]) -> None:
        """Record the answers of these files (or folders), off the GUI thread."""
        database = self.database
        self.summary.setText(translate("Mail", "Reading the replies…"))
        self.tasks.run_in_background(
            lambda: replies.import_replies(database, paths), self._imported, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        """An import that could not run at all (the database refused the write): its one
        line in the summary, as a refused reply's; a file the system refused in the
        system's words; anything else logged, the line naming the log."""
        if not shiboken6.isValid(self):
            return
        self.summary.setText(
            system_refusal(error) if isinstance(error, OSError) else failure_line(error)
        )
        self.refused.hide()
        self.refresh()

    def _imported(self, report: replies.ImportReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.summary.setText(report.summary)  # as ``replies import`` ends
        self.refused.setPlainText("\n".join(report.refused))
        self.refused.setVisible(bool(report.refused))
        self.refresh()
