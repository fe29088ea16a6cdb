"""Asking which instant a skipped or repeated clock time means, instead of guessing: in
the event dialog's form (:class:`LocalTimeChoice`), and where the window takes a time
from a click or a drag on the calendar (:func:`ask_instant`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate

#: The times a choice is asked about, as the question names them.
SKIPPED = (
    QT_TRANSLATE_NOOP(
        "LocalTimeChoice",
        "{stamp} does not exist in {zone}:\n"
        "the clocks jump forward that night. Which {what} do you mean?",
    ),
    QT_TRANSLATE_NOOP("LocalTimeChoice", "{instant}: clock before the jump"),
    QT_TRANSLATE_NOOP("LocalTimeChoice", "{instant}: clock after the jump"),
)
"""The question and its two answers for a wall-clock time the clocks skip."""
REPEATED = (
    QT_TRANSLATE_NOOP(
        "LocalTimeChoice",
        "{stamp} happens twice in {zone}:\n"
        "the clocks go back that night. Which {what} do you mean?",
    ),
    QT_TRANSLATE_NOOP("LocalTimeChoice", "{instant}: the first time"),
    QT_TRANSLATE_NOOP("LocalTimeChoice", "{instant}: the second time"),
)
"""The question and its two answers for a wall-clock time the clocks pass twice."""
WHAT = {
    "start": QT_TRANSLATE_NOOP("LocalTimeChoice", "start"),
    "end": QT_TRANSLATE_NOOP("LocalTimeChoice", "end"),
}

LocalTimeError = timezones.NonexistentLocalTimeError | timezones.AmbiguousLocalTimeError


class LocalTimeChoice(QFrame):
    """Shown only when a wall-clock time falls in a daylight-saving gap or fold.

    It says what happens to the clocks that day and offers the two instants the time can
    mean, as radio buttons with their local and UTC readings. Nothing is chosen until the
    coordinator picks one; the choice is kept while the same time and zone stay put.

    Signals:
        choiceChanged: a reading was picked, or the question went away.
    """

    choiceChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("role", "question")
        self.message = QLabel(self)
        self.message.setObjectName("message")
        # Two explicit lines rather than word wrap: a wrapped label makes the form guess
        # its height for a narrower width and leave a gap above the question.
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.earlier = QRadioButton(self)
        self.earlier.setObjectName("earlier")
        self.later = QRadioButton(self)
        self.later.setObjectName("later")
        self.group = QButtonGroup(self)
        self.group.addButton(self.earlier, timezones.Fold.EARLIER.value)
        self.group.addButton(self.later, timezones.Fold.LATER.value)
        self.group.idToggled.connect(self._toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.message)
        layout.addWidget(self.earlier)
        layout.addWidget(self.later)
        self._problem: timezones.LocalTimeProblem | None = None
        self._preferred: timezones.Fold | None = None
        self._preferred_for: datetime | None = None
        self.hide()

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.choiceChanged.emit()

    def preferFold(self, fold: timezones.Fold | None, local: datetime | None = None) -> None:
        """Preselect this reading when the question on the wall-clock time ``local`` (any,
        without it) comes up: the reading a stored event holds, or the one an end worked
        out from its start and length has. A question on another time, one the
        coordinator typed, is asked with neither reading chosen: the window never
        guesses it."""
        self._preferred = fold
        self._preferred_for = None if local is None else local.replace(tzinfo=None, fold=0)

    def setProblem(self, error: LocalTimeError | None, what: str = "time") -> None:
        """Ask about ``error``'s time, or hide when there is nothing to ask."""
        problem = error.problem if error is not None else None
        if problem == self._problem:
            return
        self._problem = problem
        self.group.setExclusive(False)
        self.earlier.setChecked(False)
        self.later.setChecked(False)
        self.group.setExclusive(True)
        if problem is None:
            self.hide()
            return
        first, second = problem.candidates
        stamp = translate("LocalTimeChoice", "{time} on {day}").format(
            time=f"{problem.local:%H:%M}", day=i18n.day_text(problem.local.date())
        )
        what = translate("LocalTimeChoice", WHAT[what]) if what in WHAT else what
        gap = isinstance(error, timezones.NonexistentLocalTimeError)
        message, earlier, later = (
            translate("LocalTimeChoice", text) for text in (SKIPPED if gap else REPEATED)
        )
        self.message.setText(message.format(stamp=stamp, zone=problem.zone, what=what))
        day = problem.local.date()
        self.earlier.setText(
            earlier.format(instant=timezones.reading_text(first, problem.zone, day))
        )
        self.later.setText(later.format(instant=timezones.reading_text(second, problem.zone, day)))
        meant = self._preferred_for in (None, problem.local.replace(tzinfo=None, fold=0))
        if self._preferred is not None and meant:
            button = self.earlier if self._preferred is timezones.Fold.EARLIER else self.later
            button.setChecked(True)
        self._preferred = None
        self.show()

    def fold(self) -> timezones.Fold | None:
        """The reading the coordinator picked, or ``None``."""
        if self._problem is None:
            return None
        checked = self.group.checkedId()
        return timezones.Fold(checked) if checked >= 0 else None


class LocalTimeQuestion(QDialog):
    """The event dialog's question on its own: which of the two instants a skipped or
    repeated wall-clock time means, asked before a drop, a resize or a new event's slot
    takes it. OK once a reading is picked; Cancel leaves everything as it was.

    Attributes:
        choice: the question and its two readings (:class:`LocalTimeChoice`).
    """

    def __init__(
        self, error: LocalTimeError, what: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("localTimeQuestion")
        self.setWindowTitle(title)
        self._problem = error.problem
        self.choice = LocalTimeChoice(self)
        self.choice.setProblem(error, what)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)  # nothing is chosen for the coordinator
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choice.choiceChanged.connect(
            lambda: self.ok_button.setEnabled(self.choice.fold() is not None)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)
        layout.addWidget(self.buttons)

    def instant(self) -> datetime | None:
        """The instant (UTC) of the reading picked, or None."""
        fold = self.choice.fold()
        return None if fold is None else self._problem.candidates[fold.value]


def ask_instant(
    parent: QWidget,
    local: datetime,
    zone_name: str,
    answered: Callable[[datetime], None],
    *,
    what: str = "start",
    title: str = "",
) -> LocalTimeQuestion | None:
    """Call ``answered`` with the UTC instant of the wall-clock time ``local`` in
    ``zone_name``: at once where the clock reads it once; where the clocks skip it or
    read it twice, once the coordinator has chosen which instant they mean in a
    :class:`LocalTimeQuestion` over ``parent`` (returned, open); never, if they cancel.
    """
    try:
        instant = timezones.to_utc(local, zone_name)
    except (timezones.NonexistentLocalTimeError, timezones.AmbiguousLocalTimeError) as error:
        question = LocalTimeQuestion(
            error, what, title or translate("LocalTimeChoice", "Which time?"), parent
        )

        def chosen() -> None:
            instant = question.instant()
            if instant is not None:
                answered(instant)

        question.accepted.connect(chosen)
        question.finished.connect(lambda _result: question.deleteLater())
        question.open()
        return question
    answered(instant)
    return None
