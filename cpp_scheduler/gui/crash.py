"""What happens to an error nobody expected: logged in full, shown once, kindly.

A coordinator never sees a traceback. The excepthook writes it to a log file in the
user's log folder and shows one dialog naming that file, so it can be sent to whoever
looks after the program. Errors a user can cause (:class:`SchedulerError`) are shown as
their own message instead, without the word "unexpected".
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from cpp_scheduler import APP_NAME, ORGANISATION
from cpp_scheduler.errors import SchedulerError, shown_path
from cpp_scheduler.gui.translations import translate

LOG_FILE_NAME = "cpp-scheduler.log"
LOGGER_NAME = "cpp_scheduler.gui"

ShowDialog = Callable[[str, str], None]


def log_path() -> Path:
    import platformdirs  # here, not at start: the window shows before anything is logged

    return Path(platformdirs.user_log_dir(APP_NAME, ORGANISATION)) / LOG_FILE_NAME


def setup_logging(path: Path | None = None) -> Path:
    """Send the program's log to a rotating file (created with its folder)."""
    from logging.handlers import RotatingFileHandler

    path = path or log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("cpp_scheduler")
    if not any(
        isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path
        for handler in root.handlers
    ):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def _show_dialog(title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    parent: QWidget | None = QApplication.activeWindow()
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(box.textInteractionFlags())
    box.exec()


class ExceptionHandler:
    """An excepthook: logs with the traceback, then shows one friendly dialog at a time.

    The log file is opened on the first error, not at start: a program that never fails
    never pays for it, and the window appears sooner.
    """

    def __init__(self, log_file: Path | None = None, show: ShowDialog = _show_dialog) -> None:
        """``log_file``: where to log; by default the user's log folder (see
        :func:`log_path`)."""
        self._log_file = log_file
        self.show = show
        self._showing = False
        self.previous = sys.excepthook

    @property
    def log_file(self) -> Path:
        if self._log_file is None:
            self._log_file = log_path()
        return self._log_file

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        sys.excepthook = self.previous

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(error, SchedulerError):
            self._logger().warning("%s", error)
            message, title = failure_line(error), translate("Crash", "Cannot do that")
        else:
            self.log(error, trace)
            title = translate("Crash", "Something went wrong")
            message = translate(
                "Crash",
                "CPP Scheduler ran into an unexpected problem and could not finish what "
                "you asked. Your saved work is safe.\n\n"
                "The details were written to:\n{file}\n\n"
                "Please send that file to whoever looks after CPP Scheduler.",
            ).format(file=shown_path(self.log_file))
        if self._showing:  # one dialog at a time; the rest is in the log
            return
        self._showing = True
        try:
            self.show(title, message)
        finally:
            self._showing = False

    def log(self, error: BaseException, trace: TracebackType | None = None) -> Path:
        """Write an unexpected ``error`` and its traceback to the log; the log's file."""
        self._logger().error(
            "Unexpected error:\n%s",
            "".join(traceback.format_exception(type(error), error, trace or error.__traceback__)),
        )
        return self.log_file

    def _logger(self) -> logging.Logger:
        setup_logging(self.log_file)
        return logging.getLogger(LOGGER_NAME)


class UnexpectedError(SchedulerError):
    """Work that failed for a reason nobody expected (a bug, memory running out), told
    to whoever started it as a refusal is: already logged in full, it carries the one
    line the coordinator reads, so that a dialog comes back with what was typed, a
    progress line ends and a button is given back, as after any refusal."""


def failure_line(error: BaseException) -> str:
    """The one line that says why work in the background failed: an expected failure's
    own words (a :class:`SchedulerError`, the database locked or a file refused); any
    other error is logged in full first (:func:`reported`), and the line names the log.
    Never an exception's bare text, which says nothing to a coordinator (``'theme'`` for
    a missing key) and nothing at all for some (a memory error).

    Where the core leaves the next step to each medium, the window's is added: a save
    the lost connection ended is saved again once the server answers, the window
    reconnecting by itself (the command line is run again instead)."""
    from cpp_scheduler.services.database import lost_while_saving

    refusal = reported(error)
    if lost_while_saving(refusal):
        return translate(
            "Crash",
            "{refusal}; save again once the server answers (the window reconnects by itself)",
        ).format(refusal=refusal)
    return str(refusal)


def reported(error: BaseException) -> SchedulerError:
    """``error`` as a failure the window tells in one line: a :class:`SchedulerError`
    as it is; any other logged with its traceback by the program's handler, without its
    dialog (the line takes its place), and given as :class:`UnexpectedError`. Where the
    program's handler is not installed (a test, the program run from a script), the error
    goes to whatever :data:`sys.excepthook` is, which records or prints it."""
    if isinstance(error, SchedulerError):
        return error
    handler = sys.excepthook
    if isinstance(handler, ExceptionHandler):
        file = handler.log(error)
    else:
        handler(type(error), error, error.__traceback__)
        file = log_path()
    return UnexpectedError(
        translate(
            "Crash",
            "An unexpected problem stopped this; the details were written to {file}.",
        ).format(file=shown_path(file))
    )
