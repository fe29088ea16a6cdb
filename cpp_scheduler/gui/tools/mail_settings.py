"""The mail settings from the window: the server, its security, the sender and the
password (kept in the system's keyring, never in the settings file), and a test message,
through :mod:`cpp_scheduler.services.mail_setup`, off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.errors import quoted, shown_path, system_refusal
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.mail.transports import LoginNeededError
from cpp_scheduler.services import mail_setup

SECURITY_LABELS = {
    mail_setup.Security.STARTTLS: QT_TRANSLATE_NOOP("Mail", "STARTTLS (port 587)"),
    mail_setup.Security.TLS: QT_TRANSLATE_NOOP("Mail", "TLS from the start (port 465)"),
    mail_setup.Security.NONE: QT_TRANSLATE_NOOP("Mail", "None (a relay on this computer only)"),
}


LOGIN_HINT = QT_TRANSLATE_NOOP(
    "Mail", "{outcome}: give the user the server knows you by and its password above, and save."
)
"""What the window adds where a test message met a server that asks for a login no
user was given for: what ``send test`` says with ``--user``, and the Send window with
Tools > Mail settings, this window says of its own fields."""


def failure_text(error: BaseException) -> str:
    """The status line of a save or a test message that failed: a refusal in its own
    words, with what to do here where the server asks for a login none was given for;
    a file the system refused named with why; anything else logged, the line naming
    the log."""
    if isinstance(error, LoginNeededError):
        return translate("Mail", LOGIN_HINT).format(outcome=error)
    return system_refusal(error) if isinstance(error, OSError) else failure_line(error)


class MailSettingsDialog(QDialog):
    """The SMTP server, the login, the sender and the rate; the password goes to the
    system keyring and is never shown again, nor written in the settings file.

    Attributes:
        status: the answer of the last save or test message, in one line.
        read_as: what the settings file was when the dialog read it, which Save
            carries: a file written since (another window) refuses the save, said in
            the status line, rather than one window's settings silently replacing the
            other's. None until read (or when the file could not be read at all).
    """

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailSettingsDialog")
        self.setWindowTitle(translate("Mail", "Mail settings"))
        self.tasks = tasks
        self.read_as: str | None = None
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
        they come. A file whose settings cannot be taken is said in the status line and
        the form left empty, to write the settings anew over that file: a broken file
        must not keep the coordinator out of the dialog that mends it."""
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
        self._run(mail_setup.read_for_editing, self._show, (*fields, save, self.test_button))

    def _show(self, read: mail_setup.SettingsAsRead) -> None:
        self.read_as = read.read_as
        if read.problem is not None:
            self.status.setText(read.problem)
        settings = read.settings
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
        buttons, by default) are greyed meanwhile, and a failure is said in the status
        line (:func:`failure_text`)."""
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
            self.status.setText(failure_text(error))

        self.tasks.run_in_background(work, finished, failed)

    def send_test(self) -> None:
        recipient = self.test_recipient.text().strip() or self.sender_email.text().strip()
        if not recipient:
            self.status.setText(translate("Mail", "Say where the test message goes."))
            return
        settings = self.settings()
        self.status.setText(
            # quoted as every message quotes input: shortened, nothing raw (a line break)
            translate("Mail", "Sending a test message to {recipient}…").format(
                recipient=quoted(recipient)
            )
        )
        self._run(
            lambda: mail_setup.send_test_message(settings, recipient),
            self.status.setText,
        )

    def save(self) -> None:
        settings, password, read_as = self.settings(), self.password.text(), self.read_as
        self._run(
            lambda: mail_setup.save_settings(settings, password or None, read_as=read_as),
            self._saved,
        )

    def _saved(self, path: Path) -> None:
        self.password.clear()
        self.status.setText(translate("Mail", "Saved in {file}.").format(file=shown_path(path)))
        self.accept()
