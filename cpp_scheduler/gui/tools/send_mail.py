"""Sending invitations and updates from the window, as ``cpp-scheduler send`` does.

The dialog asks :mod:`cpp_scheduler.services.invitations` off the GUI thread through the
window's task manager. A batch shows who gets what before it goes, advances a progress
bar as the server accepts each message, and stops between two messages when cancelled;
the ledger has recorded exactly what went out.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.errors import system_refusal
from cpp_scheduler.files import typed_path
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.readonly import access_unread
from cpp_scheduler.gui.taskman import Progress, TaskManager
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.gui.widgets.wrapping_tree import WrappingTree
from cpp_scheduler.services import access, batch_outcome, calendar_export, invitations, mail_setup
from cpp_scheduler.services.batch_outcome import Said
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope, TourScope
from cpp_scheduler.services.changes import ChangeScope
from cpp_scheduler.services.database import Database

INVITATIONS = "invitations"
UPDATES = "updates"
PREVIEW_COLUMNS = (
    QT_TRANSLATE_NOOP("Mail", "Recipient"),
    QT_TRANSLATE_NOOP("Mail", "Event"),
    QT_TRANSLATE_NOOP("Mail", "Message"),
    QT_TRANSLATE_NOOP("Mail", "What changed"),
)


def unsigned_text(unsigned: tuple[invitations.Unsigned, ...]) -> str:
    """The events of a batch that wait for a sender, one a line, as ``cpp-scheduler
    send`` notes them (:func:`invitations.unsigned_notes`), and what to do here."""
    if not unsigned:
        return ""
    lines = [
        translate("Mail", "⚠ {note}.").format(note=note)
        for note in invitations.unsigned_notes(unsigned)
    ]
    lines.append(
        translate(
            "Mail",
            "Nothing is sent while an event waits: give the sender's name and address in "
            "Tools > Mail settings…, or an organiser to each of these events.",
        )
    )
    return "\n".join(lines)


RETRY_REFUSED = QT_TRANSLATE_NOOP("Mail", "Try again the addresses the server refused")
"""The check box that puts back into the batch those whose address the server refused."""


def batch_notes(
    messages: tuple[invitations.Invitation, ...],
    not_invited: tuple[invitations.NotInvited, ...] = (),
    held: tuple[invitations.HeldBack, ...] = (),
) -> str:
    """What a batch leaves out, one a line: the addresses that cannot be sent to (with
    how many messages about which events), which the batch refuses alone, in the
    sentences of :func:`invitations.unsendable_notes`, the cancelled events whose
    cancellation goes to nobody who holds no invitation, and the people whose address
    the server refused (the refusal worded as the change report words it), with how to
    try them again; what ``cpp-scheduler send --dry-run`` prints of them."""
    lines = [
        translate("Mail", "⚠ {note}.").format(note=note)
        for note in invitations.unsendable_notes(messages)
    ]
    lines.extend(
        translate("Mail", "{note}.").format(note=note)
        for note in invitations.not_invited_notes(not_invited)
    )
    lines.extend(
        translate("Mail", "⚠ {note}").format(note=capitalised(note))
        for note in invitations.held_back_notes(held)
    )
    if held:
        lines.append(
            translate("Mail", "{note}, or tick '{option}'.").format(
                note=invitations.held_back_note(held), option=translate("Mail", RETRY_REFUSED)
            )
        )
    return "\n".join(lines)


def capitalised(sentence: str) -> str:
    """A sentence of the core as a line of the window begins, with a capital: the
    command prints it as its own lines begin, its label in small letters (``refused:
    …``), and the window as its own do (``Refused: …``); nothing else changes, and a
    language without capitals is left as it is."""
    return sentence[:1].upper() + sentence[1:]


_OUTCOME_HINTS = {
    Said.DEFERRED: QT_TRANSLATE_NOOP("Mail", "{outcome}; send again later."),
    Said.CHANGED: QT_TRANSLATE_NOOP("Mail", "{outcome}; the list now shows what is due."),
    Said.CANCELLED: QT_TRANSLATE_NOOP("Mail", "{outcome}; send again to send it."),
    Said.STOPPED: QT_TRANSLATE_NOOP("Mail", "{outcome}; send again to send the rest."),
    Said.LOGIN_REFUSED: QT_TRANSLATE_NOOP(
        "Mail", "{outcome}: correct the password in Tools > Mail settings."
    ),
    Said.LOGIN_NEEDED: QT_TRANSLATE_NOOP(
        "Mail", "{outcome}: give the user the server knows you by in Tools > Mail settings."
    ),
}
"""What the window adds to a line of a batch's outcome: what to do next here, where
Send sends again and Tools > Mail settings keeps the password."""

_OUTCOME_LINE = QT_TRANSLATE_NOOP("Mail", "{outcome}.")
"""A line of a batch's outcome that takes no hint, ended as a sentence."""


def outcome_text(
    report: invitations.BatchReport, batch: invitations.InvitationPlan | invitations.UpdatePlan
) -> str:
    """A batch's report in words, a line each, in the sentences ``cpp-scheduler send``
    prints (:mod:`cpp_scheduler.services.batch_outcome`): how many of the messages of
    ``batch`` (the plan the preview showed) went, who was refused or put off (once per
    address, with the events), what was no longer due when the batch went, and why it
    stopped; each with what to do next in the window."""
    lines = [
        translate("Mail", _OUTCOME_LINE).format(
            outcome=capitalised(batch_outcome.sent_line(report, batch))
        )
    ]
    for line in batch_outcome.outcome_lines(report):
        said = translate("Mail", _OUTCOME_HINTS.get(line.said, _OUTCOME_LINE))
        lines.append(said.format(outcome=capitalised(line.text)))
    return "\n".join(lines)


def failure_text(error: BaseException) -> str:
    """The line a preview or a batch that could not run is told in: a refusal's own
    words, and an outbox folder the system refused (an :class:`OSError`) named with
    why (:func:`~cpp_scheduler.errors.system_refusal`); anything else is logged, and
    the line names the log."""
    return system_refusal(error) if isinstance(error, OSError) else failure_line(error)


@dataclass(frozen=True)
class _Preview:
    """A batch as the preview shows it: the messages Send sends, the preview's rows, its
    summary, the events waiting for a sender and what the batch leaves out."""

    messages: tuple[invitations.Invitation, ...]
    rows: list[tuple[str, str, str, str]]
    summary: str
    unsigned: tuple[invitations.Unsigned, ...]
    notes: str = ""
    batch: invitations.InvitationPlan | invitations.UpdatePlan | None = None
    """The plan itself, which Send hands over: the batch sends what of it is still due."""


class SendDialog(QDialog):
    """Send invitations or updates for an event, a delegation, a study tour (or, for
    updates, the whole program): a preview of who gets what, then the batch with its
    progress and Cancel.

    It opens on the event ``event_id`` (the window's selection), or on ``scope`` when
    another dialog hands its own over (What changed since last sent: the updates it
    lists), under ``scope_label`` should the scope list not offer it.

    Attributes:
        preview: the table of messages to send, one row each.
        report: the last batch's report, once it ended.
        sent_batch: the plan that batch sent (what its preview showed).
        outcome: that report in words, who was refused or put off and why, kept while
            the preview reads the batch again, until the next batch or another scope.
    """

    def __init__(
        self,
        database: Database,
        tasks: TaskManager,
        kind: str,
        *,
        event_id: str | None = None,
        scope: ChangeScope = None,
        scope_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"send_{kind}_dialog")
        self.setWindowTitle(
            translate("Mail", "Send invitations")
            if kind == INVITATIONS
            else translate("Mail", "Send updates")
        )
        self.database = database
        self.tasks = tasks
        self.kind = kind
        self.event_id = event_id
        self._starting_scope = scope
        self._starting_label = scope_label
        self.plan: tuple[invitations.Invitation, ...] = ()
        self.batch: invitations.InvitationPlan | invitations.UpdatePlan | None = None
        """The plan the preview shows, which Send sends what is still due of."""
        self.unsigned: tuple[invitations.Unsigned, ...] = ()
        self.report: invitations.BatchReport | None = None
        self.sent_batch: invitations.InvitationPlan | invitations.UpdatePlan | None = None
        """The plan the last batch sent, which its outcome counts against."""
        self.running = False
        self.read_only: str | None = None
        """Why this login may not send (a reader's role), once the server said so."""
        self._cancel = threading.Event()
        self._progress = Progress(self)
        self._progress.advanced.connect(self._advanced)
        self._request = 0

        self.scope = QComboBox(self)
        self.scope.setObjectName("sendScope")
        if kind == UPDATES:
            self.scope.addItem(translate("Mail", "The whole program"), None)
        self.outbox = QLineEdit(self)
        self.outbox.setPlaceholderText(
            translate("Mail", "empty: through the server of the mail settings")
        )
        # A server may refuse an address by mistake (misconfigured at the time): the
        # coordinator asks, on purpose, to send there again.
        self.retry_refused = QCheckBox(translate("Mail", RETRY_REFUSED), self)
        self.retry_refused.setObjectName("retryRefused")
        self.model = QStandardItemModel(0, len(PREVIEW_COLUMNS), self)
        self.model.setHorizontalHeaderLabels([translate("Mail", name) for name in PREVIEW_COLUMNS])
        # Each row as tall as what it says: an update's changes one a line, wrapped to
        # the column's width, so none is cut.
        self.preview = WrappingTree(self)
        self.preview.setObjectName("sendPreview")
        self.preview.setModel(self.model)
        self.preview.setAlternatingRowColors(True)
        self.preview.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        header = self.preview.header()
        header.setStretchLastSection(True)
        header.resizeSection(0, 400 if kind == INVITATIONS else 260)  # a name and address on a line
        header.resizeSection(1, 340 if kind == INVITATIONS else 240)
        header.resizeSection(2, 100)
        # An invitation tells the event as it is: only updates have changes to show.
        self.preview.setColumnHidden(3, kind == INVITATIONS)
        self.waiting = QLabel("", self)
        self.waiting.setObjectName("sendUnsigned")
        self.waiting.setWordWrap(True)
        self.waiting.setTextFormat(Qt.TextFormat.PlainText)
        self.waiting.hide()
        self.notes = QLabel("", self)
        self.notes.setObjectName("sendNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.hide()
        self.outcome = QLabel("", self)
        self.outcome.setObjectName("sendOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.summary = QLabel(translate("Mail", "Reading who gets what…"), self)
        self.summary.setObjectName("sendSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.send_button = QPushButton(translate("Mail", "Send"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setEnabled(False)
        self.close_button = QPushButton(translate("Mail", "Close"), self)
        self.close_button.setObjectName("cancelButton")

        form = QFormLayout()
        form.addRow(translate("Mail", "For"), self.scope)
        form.addRow(translate("Mail", "Outbox folder"), self.outbox)
        form.addRow("", self.retry_refused)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.waiting)
        layout.addWidget(self.notes)
        layout.addWidget(self.outcome)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.resize(1280, 600)

        self.scope.currentIndexChanged.connect(lambda _index: self._scope_changed())
        self.retry_refused.toggled.connect(lambda _checked: self.refresh_preview())
        self.send_button.clicked.connect(self.send)
        self.close_button.clicked.connect(self._cancel_or_close)
        self.tasks.run_in_background(
            lambda: (
                invitations.event_choice(database, event_id),
                calendar_export.scope_choices(database),
            ),
            self._choices_read,
            self._choices_failed,
        )
        # A reader's login may preview the batch but send nothing it could not record.
        self.tasks.run_in_background(
            lambda: access.read_only_reason(database), self._access_read, access_unread
        )

    def _access_read(self, reason: str | None) -> None:
        if reason is None or not shiboken6.isValid(self):
            return
        self.read_only = reason
        self.send_button.setEnabled(False)
        self.send_button.setToolTip(reason)

    # -- the preview ------------------------------------------------------------------
    def _choices_read(
        self, read: tuple[tuple[str, str] | None, calendar_export.ScopeChoices]
    ) -> None:
        if not shiboken6.isValid(self):
            return
        event, choices = read
        self.scope.blockSignals(True)
        if event is not None:
            uid, title = event
            self.scope.insertItem(
                0, translate("Mail", "Event: {title}").format(title=title), EventScope(uid)
            )
            self.scope.setCurrentIndex(0)
        for choice in choices.delegations:
            self.scope.addItem(
                translate("Mail", "Delegation: {name}").format(name=choice.label),
                DelegationScope(choice.label),
            )
        for choice in choices.tours:
            self.scope.addItem(
                translate("Mail", "Study tour: {name}").format(name=choice.label),
                TourScope(choice.record_id),
            )
        if self._starting_scope is not None:
            self._start_on(self._starting_scope)
        self.scope.blockSignals(False)
        self.refresh_preview()

    def _choices_failed(self, error: BaseException) -> None:
        """The scopes to choose from could not be read: nothing is planned, and the
        summary says why instead of still reading."""
        if shiboken6.isValid(self):
            self.summary.setText(failure_text(error))

    def _start_on(self, scope: EventScope | DelegationScope | TourScope) -> None:
        """Choose ``scope`` in the list; one the list does not offer (a delegation
        renamed since the other dialog read it) is put first under the label it came
        with, so the preview plans what was asked for, or says why it cannot."""
        found = next(
            (
                number
                for number in range(self.scope.count())
                if self.scope.itemData(number) == scope
            ),
            None,
        )
        if found is None:
            self.scope.insertItem(0, self._starting_label, scope)
            found = 0
        self.scope.setCurrentIndex(found)

    def _scope_changed(self) -> None:
        """Another scope is another batch: the last batch's report is no longer about
        what the preview lists."""
        self.outcome.clear()
        self.outcome.hide()
        self.refresh_preview()

    def chosen_scope(self) -> ChangeScope:
        scope = self.scope.currentData()
        return scope if isinstance(scope, EventScope | DelegationScope | TourScope) else None

    def refresh_preview(self) -> None:
        """Plan the batch again, off the GUI thread; the newest plan is shown."""
        scope = self.chosen_scope()
        if scope is None and self.kind == INVITATIONS:
            return
        self._request += 1
        request = self._request
        self.send_button.setEnabled(False)
        self.summary.setText(translate("Mail", "Reading who gets what…"))
        database, kind = self.database, self.kind
        retry = self.retry_refused.isChecked()

        def plan() -> _Preview:
            # Signed by each event's organiser, else by the settings' sender; without
            # one, the events that name no organiser wait (``unsigned``), as the
            # command line plans them.
            sender = mail_setup.read_mail_settings().sender
            if kind == INVITATIONS:
                assert scope is not None
                made = invitations.plan_invitations(database, scope, sender, retry_refused=retry)
                rows = [
                    (
                        f"{inv.recipient_name} <{inv.recipient_email}>",
                        inv.title,
                        translate("Mail", "Cannot be sent")
                        if inv.unsendable
                        else translate("Mail", "Cancellation")
                        if inv.method.value == "CANCEL"
                        else translate("Mail", "Invitation"),
                        "",
                    )
                    for inv in made.to_send
                ]
                notes = batch_notes(made.to_send, made.not_invited, made.refused)
                return _Preview(made.to_send, rows, made.summary, made.unsigned, notes, made)
            updates = invitations.plan_updates(database, scope, sender, retry_refused=retry)
            unsendable = updates.unsendable
            rows = [
                (
                    f"{change.participant} <{change.email}>",
                    change.title,
                    translate("Mail", "Cannot be sent")
                    if (change.event_uid, change.email) in unsendable
                    else (
                        translate("Mail", "Cancellation")
                        if change.method == "CANCEL"
                        else translate("Mail", "Update")
                    )
                    if change.kind.value != "added"
                    else translate("Mail", "Invitation"),
                    "\n".join(change.details),
                )
                for change in updates.changes
            ]
            return _Preview(
                updates.to_send,
                rows,
                updates.summary,
                updates.unsigned,
                batch_notes(updates.to_send, held=updates.refused),
                updates,
            )

        def shown(result: _Preview) -> None:
            if not shiboken6.isValid(self) or request != self._request:
                return
            self.plan, self.unsigned = result.messages, result.unsigned
            self.batch = result.batch
            self.model.removeRows(0, self.model.rowCount())
            for row in result.rows:
                items = [QStandardItem(cell) for cell in row]
                for item in items:
                    item.setToolTip(item.text())
                self.model.appendRow(items)
            self.waiting.setText(unsigned_text(result.unsigned))
            self.waiting.setVisible(bool(result.unsigned))
            self.notes.setText(result.notes)
            self.notes.setVisible(bool(result.notes))
            self.summary.setText(result.summary)
            # Nothing goes while an event waits for a sender, as the command refuses:
            # a batch sent in part would leave that event's participants untold.
            sendable = invitations.sendable(self.plan) > 0
            self.send_button.setEnabled(
                sendable and not self.unsigned and not self.running and self.read_only is None
            )

        self.tasks.run_in_background(
            plan, shown, lambda error: self._preview_failed(request, error)
        )

    def _preview_failed(self, request: int, error: BaseException) -> None:
        """The batch of the scope chosen could not be planned: the preview no longer
        lists another scope's messages, Send has nothing to send, and the summary says
        why."""
        if not shiboken6.isValid(self) or request != self._request:
            return
        self.plan, self.unsigned, self.batch = (), (), None
        self.model.removeRows(0, self.model.rowCount())
        self.waiting.hide()
        self.notes.hide()
        self.summary.setText(failure_text(error))

    # -- the batch --------------------------------------------------------------------
    def send(self) -> None:
        batch = self.batch
        if (
            batch is None
            or not self.plan
            or self.unsigned
            or self.running
            or self.read_only is not None
        ):
            return
        folder = self.outbox.text().strip()
        # The plan, not its messages: what the program no longer means, or another
        # batch sent since the preview, is dropped when the batch goes. The outcome
        # counts against it, whatever the preview reads meanwhile.
        database = self.database
        self.sent_batch = batch
        self.running = True
        self._cancel.clear()
        self.outcome.clear()
        self.outcome.hide()
        self.send_button.setEnabled(False)
        self.close_button.setText(translate("Mail", "Cancel"))
        self.progress.setRange(0, len(self.plan))
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(batch_outcome.sending(len(self.plan)))
        relay, cancelled = self._progress, self._cancel.is_set

        def advanced(done: int, total: int) -> None:
            if shiboken6.isValid(relay):  # the dialog may be closed and gone meanwhile
                relay.advanced.emit(done, total)

        def work() -> invitations.BatchReport:
            settings = mail_setup.read_mail_settings()
            transport = mail_setup.transport_for(settings, typed_path(folder) if folder else None)
            try:
                return invitations.send_batch(
                    database,
                    batch,
                    transport,
                    rate_per_minute=settings.rate_per_minute,
                    progress=advanced,
                    cancelled=cancelled,
                )
            finally:
                transport.close()

        self.tasks.run_in_background(work, self._sent, self._send_failed)

    def _advanced(self, done: int, total: int) -> None:
        if shiboken6.isValid(self):
            # Fewer than previewed when some were no longer due as the batch went.
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _sent(self, report: invitations.BatchReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.running = False
        self.report = report
        self.close_button.setText(translate("Mail", "Close"))
        if self.sent_batch is not None:
            self.outcome.setText(outcome_text(report, self.sent_batch))
        self.outcome.show()
        self.refresh_preview()

    def _send_failed(self, error: BaseException) -> None:
        """The batch stopped before its report: whatever the reason, the dialog is no
        longer sending (Close closes, Send may try again what is still due, which the
        ledger keeps from going twice), and the summary says why."""
        if not shiboken6.isValid(self):
            return
        self.running = False
        self.close_button.setText(translate("Mail", "Close"))
        self.progress.hide()
        self.send_button.setEnabled(
            invitations.sendable(self.plan) > 0 and not self.unsigned and self.read_only is None
        )
        self.summary.setText(failure_text(error))

    def _cancel_or_close(self) -> None:
        if self.running:
            self._cancel.set()
            self.summary.setText(translate("Mail", "Cancelling after the message under way…"))
        else:
            self.close()

    def stop(self) -> None:
        """The window closes: stop the batch between two messages."""
        self._cancel.set()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the dialog cancels a batch under way; what went out stays recorded."""
        self.stop()
        super().closeEvent(event)
