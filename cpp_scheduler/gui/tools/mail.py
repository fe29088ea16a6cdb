"""Mail from the window: the mail settings, sending invitations and updates, what
changed since each participant was last told, and the replies that came back.

Each dialog asks the services what ``cpp-scheduler send`` and ``cpp-scheduler changes``
ask (:mod:`services.invitations`, :mod:`services.changes`, :mod:`services.mail_setup`),
off the GUI thread through the window's task manager. A batch shows who gets what before
it goes, advances a progress bar as the server accepts each message, and stops between
two messages when cancelled; the ledger has recorded exactly what went out.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.taskman import Progress, TaskManager
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.gui.widgets.answers_view import answer_label
from cpp_scheduler.services import access, calendar_export, invitations, mail_setup, replies
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope, TourScope
from cpp_scheduler.services.changes import ChangeReport, ChangeScope, change_report
from cpp_scheduler.services.database import Database

SECURITY_LABELS = {
    mail_setup.Security.STARTTLS: QT_TRANSLATE_NOOP("Mail", "STARTTLS (port 587)"),
    mail_setup.Security.TLS: QT_TRANSLATE_NOOP("Mail", "TLS from the start (port 465)"),
    mail_setup.Security.NONE: QT_TRANSLATE_NOOP("Mail", "None (a relay on this computer only)"),
}
INVITATIONS = "invitations"
UPDATES = "updates"


class MailSettingsDialog(QDialog):
    """The SMTP server, the login, the sender and the rate; the password goes to the
    system keyring and is never shown again, nor written in the settings file.

    Attributes:
        status: the answer of the last save or test message, in one line.
    """

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailSettingsDialog")
        self.setWindowTitle(translate("Mail", "Mail settings"))
        self.tasks = tasks
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("smtp.example.org")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(587)
        self.security = QComboBox(self)
        for value, label in SECURITY_LABELS.items():
            self.security.addItem(translate("Mail", label), value.value)
        self.user = QLineEdit(self)
        self.user.setPlaceholderText(
            translate("Mail", "empty: the server takes mail without a login")
        )
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            translate("Mail", "kept in the system keyring; empty keeps the one there")
        )
        self.sender_name = QLineEdit(self)
        self.sender_email = QLineEdit(self)
        self.rate = QSpinBox(self)
        self.rate.setRange(0, 10_000)
        self.rate.setSpecialValueText(translate("Mail", "no limit"))
        self.rate.setSuffix(translate("Mail", " a minute"))
        self.test_recipient = QLineEdit(self)
        self.test_recipient.setPlaceholderText(translate("Mail", "your own address"))
        self.test_button = QPushButton(translate("Mail", "Send a test message"), self)
        self.test_button.setObjectName("sendTestMessage")
        self.status = QLabel("", self)
        self.status.setObjectName("mailStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )

        form = QFormLayout()
        form.addRow(translate("Mail", "Server"), self.host)
        form.addRow(translate("Mail", "Port"), self.port)
        form.addRow(translate("Mail", "Encryption"), self.security)
        form.addRow(translate("Mail", "User"), self.user)
        form.addRow(translate("Mail", "Password"), self.password)
        form.addRow(translate("Mail", "Sender's name"), self.sender_name)
        form.addRow(translate("Mail", "Sender's address"), self.sender_email)
        form.addRow(translate("Mail", "At most"), self.rate)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_recipient, 1)
        test_row.addWidget(self.test_button)
        form.addRow(translate("Mail", "Test to"), test_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.security.currentIndexChanged.connect(self._security_changed)
        self.test_button.clicked.connect(self.send_test)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, self.sizeHint().height())
        self._read_settings()

    def _read_settings(self) -> None:
        """Read the settings off the GUI thread and show them, the fields held until
        they come. A file that cannot be read is said in the status line and the form
        left empty, to write the settings anew: a broken file must not keep the
        coordinator out of the dialog that mends it."""
        fields = (
            self.host,
            self.port,
            self.security,
            self.user,
            self.password,
            self.sender_name,
            self.sender_email,
            self.rate,
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self._run(mail_setup.read_mail_settings, self._show, (*fields, save, self.test_button))

    def _show(self, settings: mail_setup.MailSettings) -> None:
        if settings.smtp is not None:
            self.host.setText(settings.smtp.host)
            self.port.setValue(settings.smtp.port)
            self.security.setCurrentIndex(self.security.findData(settings.smtp.security.value))
            self.user.setText(settings.smtp.user)
        if settings.sender is not None:
            self.sender_name.setText(settings.sender.name)
            self.sender_email.setText(settings.sender.email)
        self.rate.setValue(settings.rate_per_minute or 0)

    def _security_changed(self) -> None:
        usual = {"starttls": 587, "tls": 465}.get(str(self.security.currentData()))
        if usual is not None and self.port.value() in (25, 465, 587):
            self.port.setValue(usual)

    def settings(self) -> mail_setup.MailSettings:
        """What the form says, as the settings file holds it."""
        host = self.host.text().strip()
        smtp = (
            mail_setup.SmtpSettings(
                host,
                self.port.value(),
                mail_setup.Security(str(self.security.currentData())),
                self.user.text().strip(),
            )
            if host
            else None
        )
        name, address = self.sender_name.text().strip(), self.sender_email.text().strip()
        sender = mail_setup.Organizer(name or address, address) if address else None
        return mail_setup.MailSettings(smtp, sender, self.rate.value() or None)

    def _run(self, work: Any, done: Any, held: tuple[QWidget, ...] = ()) -> None:
        """``work()`` off the GUI thread, then ``done(result)``; the ``held`` widgets (the
        buttons, by default) are greyed meanwhile, and a refusal is said in the status
        line."""
        greyed = held or (self.test_button, self.buttons)
        for widget in greyed:
            widget.setEnabled(False)

        def finished(result: Any) -> None:
            if shiboken6.isValid(self):
                for widget in greyed:
                    widget.setEnabled(True)
                done(result)

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            for widget in greyed:
                widget.setEnabled(True)
            if not isinstance(error, SchedulerError | OSError):
                raise error
            self.status.setText(str(error))

        self.tasks.run_in_background(work, finished, failed)

    def send_test(self) -> None:
        recipient = self.test_recipient.text().strip() or self.sender_email.text().strip()
        if not recipient:
            self.status.setText(translate("Mail", "Say where the test message goes."))
            return
        settings = self.settings()
        self.status.setText(
            translate("Mail", "Sending a test message to {recipient}…").format(recipient=recipient)
        )
        self._run(
            lambda: mail_setup.send_test_message(settings, recipient),
            self.status.setText,
        )

    def save(self) -> None:
        settings, password = self.settings(), self.password.text()
        self._run(lambda: mail_setup.save_settings(settings, password or None), self._saved)

    def _saved(self, path: Path) -> None:
        self.password.clear()
        self.status.setText(translate("Mail", "Saved in {file}.").format(file=path))
        self.accept()


PREVIEW_COLUMNS = (
    QT_TRANSLATE_NOOP("Mail", "Recipient"),
    QT_TRANSLATE_NOOP("Mail", "Event"),
    QT_TRANSLATE_NOOP("Mail", "Message"),
    QT_TRANSLATE_NOOP("Mail", "What changed"),
)


class _WrappedText(QStyledItemDelegate):
    """Measures a cell's text wrapped to its column's width (a tree view asks for the
    height of an unwrapped line otherwise)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        sized = QStyleOptionViewItem(option)
        width = self._view.header().sectionSize(index.column())
        sized.rect = QRect(0, 0, width, 10_000)
        sized.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return super().sizeHint(sized, index)


class WrappingTree(QTreeView):
    """A list whose rows grow to show their text wrapped to the columns' widths, and
    measure again when a column's width changes (the last one follows the window). As
    a tree view, it measures only the rows in sight, however many it holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setItemDelegate(_WrappedText(self))
        self.header().sectionResized.connect(lambda *_sizes: self.scheduleDelayedItemsLayout())


def unsigned_text(unsigned: tuple[invitations.Unsigned, ...]) -> str:
    """The events of a batch that wait for a sender, one a line, and what to do: what
    ``cpp-scheduler send`` notes of them."""
    if not unsigned:
        return ""
    lines = [
        translate(
            "Mail", "⚠ '{title}' names no organiser: its messages wait for a sender ({count})."
        ).format(title=event.title, count=event.recipients)
        for event in unsigned
    ]
    lines.append(
        translate(
            "Mail",
            "Nothing is sent while an event waits: give the sender's name and address in "
            "Tools > Mail settings…, or an organiser to each of these events.",
        )
    )
    return "\n".join(lines)


def batch_notes(
    messages: tuple[invitations.Invitation, ...],
    not_invited: tuple[invitations.NotInvited, ...] = (),
) -> str:
    """What a batch leaves out, one a line: the addresses that cannot be sent to (with
    how many messages), which the batch refuses alone, and the cancelled events whose
    cancellation goes to nobody who holds no invitation; what ``cpp-scheduler send
    --dry-run`` prints of them."""
    refused = Counter(
        (message.recipient_email, message.unsendable) for message in messages if message.unsendable
    )
    lines = [
        translate("Mail", "⚠ {email} cannot be sent to ({count}): {reason}").format(
            email=email, count=count, reason=reason
        )
        for (email, reason), count in refused.items()
    ]
    lines.extend(
        translate(
            "Mail",
            "'{title}' is cancelled: no cancellation goes to those who hold no invitation "
            "to it ({count}).",
        ).format(title=event.title, count=event.recipients)
        for event in not_invited
    )
    return "\n".join(lines)


def _sendable(messages: tuple[invitations.Invitation, ...]) -> int:
    return sum(1 for message in messages if not message.unsendable)


@dataclass(frozen=True)
class _Preview:
    """A batch as the preview shows it: the messages Send sends, the preview's rows, its
    summary, the events waiting for a sender and what the batch leaves out."""

    messages: tuple[invitations.Invitation, ...]
    rows: list[tuple[str, str, str, str]]
    summary: str
    unsigned: tuple[invitations.Unsigned, ...]
    notes: str = ""


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
        self.unsigned: tuple[invitations.Unsigned, ...] = ()
        self.report: invitations.BatchReport | None = None
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
        self.send_button.clicked.connect(self.send)
        self.close_button.clicked.connect(self._cancel_or_close)
        self.tasks.run_in_background(
            lambda: (
                invitations.event_choice(database, event_id),
                calendar_export.scope_choices(database),
            ),
            self._choices_read,
        )
        # A reader's login may preview the batch but send nothing it could not record.
        self.tasks.run_in_background(
            lambda: access.read_only_reason(database), self._access_read, _access_unread
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

        def plan() -> _Preview:
            # Signed by each event's organiser, else by the settings' sender; without
            # one, the events that name no organiser wait (``unsigned``), as the
            # command line plans them.
            sender = mail_setup.read_mail_settings().sender
            if kind == INVITATIONS:
                assert scope is not None
                made = invitations.plan_invitations(database, scope, sender)
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
                # Counted as the command counts them: what can go on the wire.
                count = _sendable(made.to_send)
                text = translate("Mail", "{count} to send.").format(count=count)
                if made.already_sent:
                    text = translate("Mail", "{count} to send; {sent} sent already.").format(
                        count=count, sent=made.already_sent
                    )
                notes = batch_notes(made.to_send, made.not_invited)
                return _Preview(made.to_send, rows, text, made.unsigned, notes)
            updates = invitations.plan_updates(database, scope, sender)
            rows = [
                (
                    f"{change.participant} <{change.email}>",
                    change.title,
                    (
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
            # Every change is listed and counted, those waiting for a sender too, as
            # ``send updates --dry-run`` counts them.
            text = (
                translate("Mail", "{count} to send.").format(count=len(updates.changes))
                if updates.changes
                else (translate("Mail", "Everyone has been told the program as it is now."))
            )
            return _Preview(
                updates.to_send, rows, text, updates.unsigned, batch_notes(updates.to_send)
            )

        def shown(result: _Preview) -> None:
            if not shiboken6.isValid(self) or request != self._request:
                return
            self.plan, self.unsigned = result.messages, result.unsigned
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
            sendable = _sendable(self.plan) > 0
            self.send_button.setEnabled(
                sendable and not self.unsigned and not self.running and self.read_only is None
            )

        self.tasks.run_in_background(plan, shown, self._failed)

    # -- the batch --------------------------------------------------------------------
    def send(self) -> None:
        if not self.plan or self.unsigned or self.running or self.read_only is not None:
            return
        folder = self.outbox.text().strip()
        database, batch = self.database, self.plan
        self.running = True
        self._cancel.clear()
        self.outcome.clear()
        self.outcome.hide()
        self.send_button.setEnabled(False)
        self.close_button.setText(translate("Mail", "Cancel"))
        self.progress.setRange(0, len(batch))
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(
            translate("Mail", "Sending {count} messages…").format(count=len(batch))
        )
        relay, cancelled = self._progress, self._cancel.is_set

        def advanced(done: int, total: int) -> None:
            if shiboken6.isValid(relay):  # the dialog may be closed and gone meanwhile
                relay.advanced.emit(done, total)

        def work() -> invitations.BatchReport:
            settings = mail_setup.read_mail_settings()
            transport = mail_setup.transport_for(settings, Path(folder) if folder else None)
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

        self.tasks.run_in_background(work, self._sent, self._failed)

    def _advanced(self, done: int, total: int) -> None:
        if shiboken6.isValid(self):
            self.progress.setValue(done)

    def _sent(self, report: invitations.BatchReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.running = False
        self.report = report
        self.close_button.setText(translate("Mail", "Close"))
        parts = [
            translate("Mail", "Sent {sent} of {count}.").format(
                sent=len(report.sent), count=len(self.plan)
            )
        ]
        if report.refused:
            parts.append(
                translate("Mail", "Refused: {refused}.").format(
                    refused="; ".join(f"{r.email} ({r.reason})" for r in report.refused)
                )
            )
        if report.deferred:
            parts.append(
                translate(
                    "Mail",
                    "Not sent yet (the server asked to try later): {deferred}; send again "
                    "later to send them.",
                ).format(deferred="; ".join(f"{r.email} ({r.reason})" for r in report.deferred))
            )
        if report.cancelled:
            parts.append(
                translate("Mail", "Cancelled: the rest was not sent; send again to send it.")
            )
        if report.stopped_by:
            parts.append(
                translate("Mail", "Stopped: {reason}; send again to send the rest.").format(
                    reason=report.stopped_by
                )
            )
        self.outcome.setText(" ".join(parts))
        self.outcome.show()
        self.refresh_preview()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if not isinstance(error, SchedulerError | OSError):
            raise error
        self.running = False
        self.close_button.setText(translate("Mail", "Close"))
        self.summary.setText(str(error))

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
            lambda: calendar_export.scope_choices(database), self._choices_read
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
        self.tree = QTreeView(self)
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
        self.tasks.run_in_background(lambda: change_report(database, chosen), self._shown)

    def _shown(self, report: ChangeReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.report = report
        self.model.removeRows(0, self.model.rowCount())
        for email, changes in report.by_participant().items():
            first = changes[0]
            person = QStandardItem(f"{first.participant} <{email}>")
            person.setToolTip(first.delegation)
            told = translate("Mail", "{count} to tell").format(count=len(changes))
            count = QStandardItem(f"{told}: {first.delegation}" if first.delegation else told)
            for change in changes:
                kind = change.kind.value
                kind = translate("Mail", CHANGE_KINDS[kind]) if kind in CHANGE_KINDS else kind
                title = QStandardItem(f"{change.title} ({kind})")
                details = QStandardItem("; ".join(change.details))
                details.setToolTip("\n".join(change.details))
                person.appendRow([title, details])
            self.model.appendRow([person, count])
        self.tree.expandAll()
        people = len(report.by_participant())
        self.summary.setText(
            translate("Mail", "{count} messages to send to {people} participants.").format(
                count=len(report.changes), people=people
            )
            if report.changes
            else translate("Mail", "Everyone has been told the program as it is now.")
        )


REPLY_COLUMNS = (
    QT_TRANSLATE_NOOP("Mail", "Event"),
    QT_TRANSLATE_NOOP("Mail", "Meeting (Tokyo)"),
    QT_TRANSLATE_NOOP("Mail", "Participant"),
    QT_TRANSLATE_NOOP("Mail", "Answer"),
)
CHANGE_KINDS = {
    "changed": QT_TRANSLATE_NOOP("Mail", "changed"),
    "cancelled": QT_TRANSLATE_NOOP("Mail", "cancelled"),
    "added": QT_TRANSLATE_NOOP("Mail", "added"),
    "removed": QT_TRANSLATE_NOOP("Mail", "removed"),
}
READING_ANSWERS = QT_TRANSLATE_NOOP("Mail", "Reading the answers…")


class RepliesDialog(ScopedReportDialog):
    """Who answered what, and the import of replies (``.eml`` and ``.ics`` files), as
    ``cpp-scheduler replies list`` and ``replies import`` do.

    Attributes:
        rows: the attendance shown, as the service gave it.
        summary: what the last import recorded and refused.
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
        self.scope = QComboBox(self)
        self.scope.addItem(translate("Mail", "The whole program"), None)
        self.model = QStandardItemModel(0, len(REPLY_COLUMNS), self)
        self.model.setHorizontalHeaderLabels([translate("Mail", name) for name in REPLY_COLUMNS])
        self.table = QTableView(self)
        self.table.setObjectName("repliesTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 380)
        header.resizeSection(1, 170)
        header.resizeSection(2, 380)
        header.setStretchLastSection(True)
        self.summary = QLabel(translate("Mail", READING_ANSWERS), self)
        self.summary.setObjectName("repliesSummary")
        self.summary.setWordWrap(True)
        self.import_button = QPushButton(translate("Mail", "Import replies…"), self)
        self.import_button.setObjectName("importReplies")
        self.import_button.clicked.connect(self._choose_files)
        self.lay_out(self.table, (self.import_button,))
        # A reader's login may list the answers but not record any: the button greyed,
        # saying why, as the window's editing actions are.
        database = self.database
        self.tasks.run_in_background(
            lambda: access.read_only_reason(database), self._access_read, _access_unread
        )

    def _access_read(self, reason: str | None) -> None:
        if reason is None or not shiboken6.isValid(self):
            return
        self.import_button.setEnabled(False)
        self.import_button.setToolTip(reason)

    def refresh(self) -> None:
        delegation = self.scope.currentData()
        database = self.database
        self.tasks.run_in_background(
            lambda: replies.attendance(database, delegation=delegation), self._shown
        )

    def _shown(self, rows: list[replies.Attendance]) -> None:
        if not shiboken6.isValid(self):
            return
        self.rows = rows
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            meeting = (
                replies.meeting_text(row.meeting, row.moved_to)
                if row.meeting
                else translate("Mail", "every meeting")
            )
            answer = answer_label(row.answer, row.earlier)
            cells = [row.title, meeting, f"{row.participant} <{row.email}>", answer]
            self.model.appendRow([QStandardItem(cell) for cell in cells])
        if self.summary.text() == translate("Mail", READING_ANSWERS):
            self.summary.setText(
                translate("Mail", "{count} answers.").format(count=len(rows))
                if rows
                else translate("Mail", "No answers recorded.")
            )

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
        line in the summary, as a refused reply's; anything else is a bug."""
        if not shiboken6.isValid(self):
            return
        if not isinstance(error, SchedulerError | OSError):
            raise error
        self.summary.setText(str(error))
        self.refresh()

    def _imported(self, report: replies.ImportReport) -> None:
        if not shiboken6.isValid(self):
            return
        text = translate("Mail", "{recorded} recorded, {refused} refused.").format(
            recorded=len(report.recorded), refused=len(report.refused)
        )
        if report.refused:
            text += " " + " ".join(report.refused)
        self.summary.setText(text)
        self.refresh()


def _access_unread(error: BaseException) -> None:
    """Whether this login may write could not be read: the button stays as it is, since
    the services refuse a reader's send or import by themselves; an unexpected error is
    still logged and shown, as any is."""
    if not isinstance(error, SchedulerError | OSError):
        raise error
