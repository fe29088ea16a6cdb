"""The study-tour builder: a delegation's tour as a day-by-day board across cities.

Each day is a card: where the delegation is, its events, its travel legs with their
times, and the hotel night; the first card also shows what the tour holds before its
first day (the arrival flight), the last what it holds after its last, with their dates.
What is wrong with the tour (a leg that cannot be made, a hotel in another city than
where the day ends, a night without a hotel, a day with nothing planned, an activity
held outside the tour's days) is what the conflict check says about it, word for word
(:func:`cpp_scheduler.services.tours.read_board`), read again off the GUI thread after
every change. Adding a site visit or workshop, inserting a leg (its length taken from
the table, or given in its form where the table has no such journey) and moving a day's
program earlier or later are undo commands on the window's stack. The small forms judge
what is typed by the records' own rules, as the editors do, and an activity or a leg the
store refuses brings its form back with everything typed and the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n, limits, timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.commands import CreateRecord, Editor, EditRecord, RecordCommand
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.dialogs.base import keep_on_one_line
from cpp_scheduler.gui.dialogs.validation import STYLE_SHEET, InlineValidator
from cpp_scheduler.gui.readonly import follow_read_only
from cpp_scheduler.gui.tools.commands import GroupCommand
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.model import (
    Event,
    EventKind,
    Problem,
    StudyTour,
    TourDay,
    TravelLeg,
    TravelMode,
)
from cpp_scheduler.model.enums import mode_word
from cpp_scheduler.scheduling.travel import describe_duration
from cpp_scheduler.services import tours
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.tour_cards import card_text, nothing_planned_text
from cpp_scheduler.services.tours import BoardDay, TourBoard

TOKYO = timezones.TOKYO

MINUTES_A_DAY = 24 * 60

RunInBackground = Callable[
    [Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None
]
"""``TaskManager.run_in_background``: a read off the GUI thread, answered on it."""


def _warning(text: str) -> str:
    """A warning of a card, in red."""
    return f"<span style='color:#a50e0e'>⚠ {_escape(text)}</span>"


# -- the widgets -------------------------------------------------------------------------------
class DayCard(QFrame):
    """One day of the tour on the board; a click chooses it."""

    clicked = Signal(object)

    def __init__(self, card: BoardDay, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName(f"day{card.number}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(250)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        header = QLabel(
            "<b>"
            + translate("TourBuilder", "Day {number} · {day}").format(
                number=card.number, day=i18n.short_day_text(card.day)
            )
            + f"</b><br><span style='color:#5f6368'>{_escape(card.city)}</span>",
            self,
        )
        header.setWordWrap(True)
        layout.addWidget(header)
        if card.title:
            heading = QLabel(f"<i>{_escape(card.title)}</i>", self)
            heading.setWordWrap(True)
            layout.addWidget(heading)
        self.lines: list[QLabel] = []
        self.flagged_lines: list[QLabel] = []
        """The lines that say what to fix, from the top of the card."""
        told = card_text(card)  # which line says what: the services' one reading
        for entry in told.entries:
            if entry.leg is not None:
                leg = entry.leg
                text = (
                    f"<span style='color:#1a4fa0'><b>{leg.mode.label}</b></span> "
                    f"{entry.when} {_escape(leg.route)}"
                )
                name = "badLeg" if entry.problem else "leg"
            else:
                assert entry.event is not None
                event = entry.event
                text = (
                    f"{entry.when} <b>{_escape(event.title)}</b><br>"
                    f"<span style='color:#5f6368'>{event.kind.label} · "
                    f"{_escape(event.place)}</span>"
                )
                name = "badEvent" if entry.problem else "event"
            if entry.problem:
                text += f"<br><span style='color:#a50e0e'>⚠ {_escape(entry.problem)}</span>"
            self._line(text, name, entry.problem is not None)
        if told.nothing_planned is not None:
            line = self._line(_warning(nothing_planned_text()), "emptyDay", True)
            line.setToolTip(told.nothing_planned.message)
        for warning in told.warnings:
            self._line(_warning(warning), "dayWarning", True)
        layout.addStretch(1)
        # The night: its hotel, or "No hotel night", and what the check finds of it
        # ("No hotel booked" in red in place of the line, a hotel elsewhere under it).
        lines = []
        if told.night is not None:
            lines.append(f"<span style='color:#5f6368'>{_escape(told.night)}</span>")
        lines.extend(_warning(finding.said_within) for finding in told.night_findings)
        night = QLabel("<br>".join(lines), self)
        night.setObjectName("hotelNight")
        night.setWordWrap(True)
        night.setToolTip("\n".join(finding.message for finding in told.night_findings))
        layout.addWidget(night)
        if told.night_findings:
            self.flagged_lines.append(night)
        self.flagged = bool(card.findings)
        self.set_chosen(False)

    def _line(self, text: str, name: str, bad: bool) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        background = "#fce8e6" if bad else "#f1f3f4"
        label.setStyleSheet(f"background:{background}; border-radius:4px; padding:4px;")
        self._layout.addWidget(label)
        self.lines.append(label)
        if bad:
            self.flagged_lines.append(label)
        return label

    def set_chosen(self, chosen: bool) -> None:
        border = "#1a73e8" if chosen else ("#d93025" if self.flagged else "#dadce0")
        width = 2 if chosen or self.flagged else 1
        self.setStyleSheet(
            f"DayCard {{ background:#ffffff; border:{width}px solid {border}; border-radius:8px; }}"
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.card.day)
        super().mousePressEvent(event)


NEXT_TO_FIX = "next-to-fix"
"""The link of the board's count of things to fix."""


FORM_WIDTH_CHARACTERS = 60
"""The forms' least width, in average characters: a reason for refusing an activity or a
leg reads on one or two lines beside its field, in Japanese as in English."""


def _fit_to_messages(form: QDialog) -> None:
    """Grow ``form`` to show every line of the messages its checks just wrote: a dialog
    shown once keeps its size, and a wrapped line past its bottom edge would be cut."""
    layout = form.layout()
    if layout is None:
        return
    layout.activate()
    needed = (
        layout.totalHeightForWidth(form.width())
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    if needed > form.height():
        form.resize(form.width(), needed)


class TourForm(QDialog):
    """What the builder's small forms share: a record typed for one day of the tour,
    judged by its own rules at every edit, and brought back as typed when the store
    refuses it, with the store's one-line reason (:meth:`show_refusal`) until the next
    edit. The coordinator then changes what the reason asks, or tries again, or cancels,
    and never types the record twice.

    Attributes:
        tour_id: the tour the record is for.
        day: the day of the tour the record is for.
        refusal: the store's reason for refusing the record as typed, hidden until then.
        summary: the one line that says what the record's rules find wrong.
        ok_button: held back until the rules find nothing.
        validator: marks the fields the rules find wrong and holds OK back.
    """

    def __init__(self, tour_id: str, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tour_id = tour_id
        self.day = day
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumWidth(FORM_WIDTH_CHARACTERS * self.fontMetrics().averageCharWidth())
        self.refusal = QLabel("", self)
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setProperty("role", "error")
        self.refusal.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("formSummary")

    def _add_closing_rows(self, form: QFormLayout) -> None:
        """Put the refusal, the summary and OK and Cancel under the fields; the
        fields' rows come first, so the validator can bind them, and each of their
        single lines keeps a pasted line break out, as the record editors do."""
        keep_on_one_line(self)
        form.addRow(self.refusal)
        form.addRow(self.summary)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.validator = InlineValidator(self.ok_button, self.summary)

    def show_refusal(self, reason: str) -> None:
        """Say why the record as typed was refused; the next edit clears it."""
        self.refusal.setText(reason)
        self.refusal.show()
        _fit_to_messages(self)

    def _edited(self, widget: QWidget | None) -> None:
        """The coordinator changed ``widget`` (None: a change of no one field): the
        refusal no longer speaks of what is typed, and the rules judge it again."""
        if widget is not None:
            self.validator.touch(widget)
        self.refusal.hide()
        self._judge()

    def _judge(self) -> None:
        """Judge the record as typed by its own rules."""
        raise NotImplementedError


FormT = TypeVar("FormT", bound=TourForm)


class ActivityForm(TourForm):
    """Asks for a site visit's or workshop's title, time and place.

    What is typed is judged at every edit by the event's own rules
    (:func:`cpp_scheduler.services.tours.activity_problems`), as the event editor judges
    it: OK waits until they find nothing, and one line says what is missing. An
    activity the store refuses brings the form back as it was typed, with the reason
    (:meth:`show_refusal`).
    """

    def __init__(
        self, kind: EventKind, day: date, board: TourBoard, parent: QWidget | None = None
    ) -> None:
        super().__init__(board.tour_id, day, parent)
        self.kind = kind
        self.board = board
        self.setWindowTitle(
            translate("TourBuilder", "Add a {kind} on {day}").format(
                kind=kind.label.lower(), day=i18n.short_day_text(day)
            )
        )
        form = QFormLayout(self)
        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.start = QTimeEdit(QTime(10, 0), self)
        self.start.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox(self)
        # Held within a tour's day: a whole day at most (a longer stay is an event of
        # its own days, made in the event editor); the event's rules judge the rest.
        self.minutes.setRange(1, MINUTES_A_DAY)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(120)
        self.minutes.setSuffix(translate("TourBuilder", " min"))
        self.venue = QComboBox(self)
        self.venue.addItem(translate("TourBuilder", "No venue"), None)  # as the editor allows
        for venue_id, name, _locality, venue_city in board.venues:
            self.venue.addItem(f"{name}, {venue_city}", venue_id)  # as the board names it
        offered = self.venue.findData(board.venue_for_day(day))
        if offered >= 0:  # where the delegation is that day, however its places were typed
            self.venue.setCurrentIndex(offered)
        form.addRow(translate("TourBuilder", "Title"), self.title)
        form.addRow(translate("TourBuilder", "Starts (Tokyo)"), self.start)
        form.addRow(translate("TourBuilder", "Length"), self.minutes)
        form.addRow(translate("TourBuilder", "Venue"), self.venue)
        self._add_closing_rows(form)
        self.validator.bind(self.title, "title")
        self.title.textEdited.connect(lambda _text: self._edited(self.title))
        self.start.timeChanged.connect(lambda _t: self._edited(None))
        self.minutes.valueChanged.connect(lambda _v: self._edited(None))
        self.venue.currentIndexChanged.connect(lambda _i: self._edited(None))
        self._judge()

    def title_text(self) -> str:
        return self.title.text().strip()

    def start_time(self) -> time:
        start = self.start.time().toPython()
        assert isinstance(start, time)
        return start

    def can_save(self) -> bool:
        """Whether the event's rules accept what is typed now."""
        return not self.validator.problems

    def _judge(self) -> None:
        self.validator.show(
            tours.activity_problems(
                self.board,
                self.day,
                self.kind,
                self.title_text(),
                self.start_time(),
                self.minutes.value(),
                self.venue.currentData(),
            )
        )
        _fit_to_messages(self)


class LegForm(TourForm):
    """Asks for a leg's route, mode, departure and length; shows the table's journey time.

    The ends are chosen among the travel-time table's places, each shown as the board
    and the itinerary name it (神戸市 in a Japanese window) and saved as the table types
    it (Kobe), so the table finds the leg's journey (:attr:`TourBoard.localities`).

    With ``run_in_background``, the journey time is read off the GUI thread at each
    change of the route: the form answers at once, shows the time when it arrives and
    holds OK back until then; an answer overtaken by a newer route is dropped. The
    length is the table's journey time; where the table has no such journey the
    coordinator gives it, and the form says that the conflict check will warn about the
    leg until the route is in the table. The travel leg's own rules judge the leg at
    every edit (:func:`cpp_scheduler.services.tours.leg_problems`): OK waits until they
    find nothing (the same place at both ends), and one line says why. A leg the store
    refuses brings the form back as it was typed, with the reason (:meth:`show_refusal`).

    Attributes:
        journey_minutes: the table's journey time for the route shown (None when the
            table has none, or while it is read).
        journey_read: whether ``journey_minutes`` answers the route shown.

    Signals:
        journeyShown(object): the journey time of the route shown arrived (minutes, or
            None when the table has none).
    """

    journeyShown = Signal(object)

    def __init__(
        self,
        database: Database,
        day: date,
        board: TourBoard,
        origin: str,
        run_in_background: RunInBackground,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(board.tour_id, day, parent)
        self.database = database
        self._run = run_in_background
        self._asked = 0
        self._length_given = False
        self._length_from_table = False
        self.journey_minutes: int | None = None
        self.journey_read = False
        self.setWindowTitle(
            translate("TourBuilder", "Insert a travel leg on {day}").format(
                day=i18n.short_day_text(day)
            )
        )
        form = QFormLayout(self)
        self.origin = QComboBox(self)
        self.origin.setObjectName("origin")
        self.destination = QComboBox(self)
        self.destination.setObjectName("destination")
        for box in (self.origin, self.destination):
            for typed, shown in board.localities:
                box.addItem(shown, typed)
        chosen = board.travel_place(origin)
        if chosen is not None:
            self.origin.setCurrentIndex(self.origin.findData(chosen))
        self.mode = QComboBox(self)
        for mode in TravelMode:
            self.mode.addItem(mode.label, mode.value)
        self.departure = QTimeEdit(QTime(9, 0), self)
        self.departure.setDisplayFormat("HH:mm")
        self.journey = QLabel("", self)
        self.length = QSpinBox(self)
        self.length.setObjectName("length")
        # The longest journey the travel-time table takes: a route the table knows is
        # never cut short here.
        self.length.setRange(0, limits.LONGEST_JOURNEY_MINUTES)
        self.length.setSingleStep(15)
        self.length.setSpecialValueText("—")
        self.length.setSuffix(translate("TourBuilder", " min"))
        self.note = QLabel("", self)
        self.note.setObjectName("legNote")
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        self.note.hide()
        form.addRow(translate("TourBuilder", "From"), self.origin)
        form.addRow(translate("TourBuilder", "To"), self.destination)
        form.addRow(translate("TourBuilder", "By"), self.mode)
        form.addRow(translate("TourBuilder", "Departs (Tokyo)"), self.departure)
        form.addRow(translate("TourBuilder", "Journey"), self.journey)
        form.addRow(translate("TourBuilder", "Length"), self.length)
        form.addRow(self.note)
        self._add_closing_rows(form)
        self.validator.bind(self.origin, "origin")
        self.validator.bind(self.destination, "destination")
        self.validator.bind(self.length, "departure_utc", "arrival_utc")
        for box in (self.origin, self.destination, self.mode):
            box.currentIndexChanged.connect(lambda _i, box=box: self._route_edited(box))
        self.departure.timeChanged.connect(lambda _t: self._edited(self.departure))
        self.length.valueChanged.connect(self._length_edited)
        self._update()

    def departure_time(self) -> time:
        departure = self.departure.time().toPython()
        assert isinstance(departure, time)
        return departure

    def route(self) -> tuple[str, str]:
        """The leg's ends chosen, as the travel-time table types them: what the leg
        saves and its journey is found by, whatever name the form shows them under."""
        return str(self.origin.currentData() or ""), str(self.destination.currentData() or "")

    def _route_edited(self, box: QComboBox) -> None:
        self.validator.touch(box)
        self._update()

    def _length_edited(self, _minutes: int) -> None:
        if not self._length_from_table:
            self._length_given = True
            self.validator.touch(self.length)
        self._edited(None)

    def _judge(self) -> None:
        """Judge the leg as typed by its own rules, and say what inserting it will do."""
        length = self.length.value()
        origin, destination = self.route()
        found = tours.leg_problems(
            self.tour_id,
            self.day,
            origin,
            destination,
            TravelMode(self.mode.currentData()),
            self.departure_time(),
            length,
        )
        if not length:  # the arrival the rules judged is the departure: no length yet
            found = [p for p in found if p.field not in ("departure_utc", "arrival_utc")]
            found.append(
                Problem("arrival_utc", translate("TourBuilder", "Give the journey's length."))
            )
        self.validator.show(found)
        unknown = self.journey_read and self.journey_minutes is None
        self.note.setText(
            translate(
                "TourBuilder",
                "The leg will last the length given; until the route is in the travel-time "
                "table, the conflict check will warn that it cannot check it.",
            )
            if unknown and not found
            else ""
        )
        self.note.setVisible(bool(self.note.text()))
        self.ok_button.setEnabled(self.journey_read and not found)
        _fit_to_messages(self)

    def _update(self) -> None:
        database = self.database
        origin, destination = self.route()
        mode = TravelMode(self.mode.currentData())

        def read() -> int | None:
            return tours.leg_minutes(database, origin, destination, mode)

        self._asked += 1
        asked = self._asked
        self.journey_read = False
        self.journey_minutes = None
        self.journey.setText("…")
        self._edited(None)

        def arrived(minutes: int | None) -> None:
            if asked == self._asked and shiboken6.isValid(self):
                self._show_journey(minutes)

        def failed(error: BaseException) -> None:
            if asked == self._asked and shiboken6.isValid(self):
                self.journey.setText(failure_line(error))

        self._run(read, arrived, failed)

    def _show_journey(self, minutes: int | None) -> None:
        """Show the table's journey time and take it as the length; where the table has
        none, keep a length the coordinator gave, and ask for one otherwise."""
        self.journey_minutes = minutes
        self.journey_read = True
        self.journey.setText(
            describe_duration(timedelta(minutes=minutes))
            if minutes
            else translate("TourBuilder", "not in the travel-time table")
        )
        if minutes:
            self._set_length_from_table(minutes)
        elif not self._length_given:
            self._set_length_from_table(0)
        self._judge()
        self.journeyShown.emit(minutes)

    def _set_length_from_table(self, minutes: int) -> None:
        self._length_from_table = True
        try:
            self.length.setValue(minutes)
        finally:
            self._length_from_table = False
        self._length_given = False


class DaysAsRead(RecordCommand):
    """The first step of a day's move: the two days hold what the board read, or the
    move is refused whole (:func:`~cpp_scheduler.services.tours.check_days_as_read`),
    so an activity or a leg a colleague added to one of them meanwhile is never left
    behind on its old date. Its undo, run last in the group's reverse order, asks the
    same of the days once the move is taken back: an activity added since the move
    refuses the undo rather than being left on the day the move made."""

    def __init__(self, editor: Editor, tour_id: str, read: list[tours.DayRead]) -> None:
        super().__init__(editor, StudyTour, tour_id, "")
        self.read = read

    def apply_as_read(self) -> None:
        tours.check_days_as_read(self.editor.database, self.record_id, self.read)

    def revert(self) -> None:
        tours.check_days_as_read(self.editor.database, self.record_id, self.read)


class TourBuilderDialog(QDialog):
    """The builder of one delegation's tour at a time.

    The list of tours and the board are read off the GUI thread; an answer that arrives
    after a newer request is dropped.

    Signals:
        tourChosen(str, str): the tour shown: ``StudyTour`` and its id, for the window's
            History panel to follow.
        legInserted(str): the id of a travel leg inserted, once it is saved.
    """

    tourChosen = Signal(str, str)
    legInserted = Signal(str)

    def __init__(
        self,
        database: Database,
        editor: Editor,
        run_in_background: RunInBackground,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tourBuilder")
        self.setWindowTitle(translate("TourBuilder", "Study tours"))
        self.database = database
        self.editor = editor
        self._run = run_in_background
        self.board: TourBoard | None = None
        self.chosen_day: date | None = None
        self.cards: dict[date, DayCard] = {}
        self._wanted_tour: str | None = None
        self._choices_asked = 0
        self._board_asked = 0

        self.tour_box = QComboBox(self)
        self.tour_box.setObjectName("tourChoice")
        self.tour_box.currentIndexChanged.connect(self._tour_chosen)
        self.overview = QLabel("", self)
        self.overview.setObjectName("routeOverview")
        self.overview.setStyleSheet("font-size: 14pt; padding: 4px 0;")
        self.summary = QLabel("", self)
        self.summary.setObjectName("tourSummary")
        self.summary.setWordWrap(True)
        self.summary.linkActivated.connect(lambda _link: self.show_next_to_fix())
        self._shown_to_fix = -1
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("TourBuilder", "Tour"), self))
        top.addWidget(self.tour_box, 1)

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for name, text, slot in (
            (
                "add_site_visit",
                translate("TourBuilder", "Add site visit…"),
                lambda: self._ask_activity(EventKind.SITE_VISIT),
            ),
            (
                "add_workshop",
                translate("TourBuilder", "Add workshop…"),
                lambda: self._ask_activity(EventKind.WORKSHOP),
            ),
            ("insert_leg", translate("TourBuilder", "Insert travel leg…"), self._ask_leg),
            ("earlier", translate("TourBuilder", "◀ Move day earlier"), lambda: self._move(-1)),
            ("later", translate("TourBuilder", "Move day later ▶"), lambda: self._move(1)),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            actions.addWidget(button)
            self.buttons[name] = button
        actions.addStretch(1)

        self.board_widget = QWidget(self)
        self.board_layout = QHBoxLayout(self.board_widget)
        self.board_layout.setContentsMargins(4, 4, 4, 4)
        self.board_layout.setSpacing(10)
        self.board_scroll = QScrollArea(self)
        self.board_scroll.setWidgetResizable(True)
        self.board_scroll.setWidget(self.board_widget)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.overview)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.board_scroll, 1)
        self.resize(1340, 640)
        editor.changed.connect(self._changed)
        follow_read_only(editor, self._made_read_only)
        self.refresh_choices()

    def refresh_choices(self) -> None:
        """Read the list of tours again, keeping the one shown, and redraw its board."""
        self._choices_asked += 1
        asked = self._choices_asked
        database = self.database
        self._run(
            lambda: tours.list_tours(database),
            lambda found: self._choices_arrived(asked, found),
            lambda error: self._failed(error) if asked == self._choices_asked else None,
        )

    def _choices_arrived(self, asked: int, found: list[tuple[str, str]]) -> None:
        if asked != self._choices_asked or not shiboken6.isValid(self):
            return
        shown = self._wanted_tour or self.tour_box.currentData()
        self.tour_box.blockSignals(True)
        self.tour_box.clear()
        for tour_id, label in found:
            self.tour_box.addItem(label, tour_id)
        self.tour_box.setCurrentIndex(max(self.tour_box.findData(shown), 0))
        self.tour_box.blockSignals(False)
        self.reload()

    # -- the board ----------------------------------------------------------------------
    def show_tour(self, tour_id: str) -> None:
        """Show this tour's board (as soon as the list of tours is read)."""
        self._wanted_tour = tour_id
        index = self.tour_box.findData(tour_id)
        if index >= 0:
            self.tour_box.setCurrentIndex(index)

    def _tour_chosen(self, _index: int) -> None:
        self._wanted_tour = self.tour_box.currentData()
        self.reload()

    def _changed(self, model: str, _ids: list[str]) -> None:
        if model in ("StudyTour", "Delegation"):
            self.refresh_choices()
        else:
            self.reload()

    def reload(self) -> None:
        """Read the board of the tour chosen again; it is redrawn when it arrives."""
        self._board_asked += 1
        asked = self._board_asked
        tour_id = self.tour_box.currentData()
        if tour_id is None:
            self._show_board(None)
            self.overview.setText(tours.no_tours_text())  # as ``tours`` says it
            return
        database = self.database
        self._run(
            lambda: tours.read_board(database, tour_id),
            lambda board: self._board_arrived(asked, board),
            lambda error: self._failed(error) if asked == self._board_asked else None,
        )

    def _board_arrived(self, asked: int, board: TourBoard) -> None:
        if asked == self._board_asked and shiboken6.isValid(self):
            self._show_board(board)

    def _failed(self, error: BaseException) -> None:
        """The tours, or the board, could not be read: no board is shown, and the
        overview says why."""
        if not shiboken6.isValid(self):
            return
        self._show_board(None)
        self.overview.setText(failure_line(error))

    def _show_board(self, board: TourBoard | None) -> None:
        while self.board_layout.count():
            item = self.board_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.cards = {}
        shown_before = self.board.tour_id if self.board is not None else None
        self.board = board
        if board is not None and board.tour_id != shown_before:
            self.tourChosen.emit("StudyTour", board.tour_id)
        if board is None:
            self.summary.setText("")
            self._update_buttons()
            return
        self.overview.setText(board.route_line)
        fit = _escape(board.fit_text)  # as ``cpp-scheduler tours TOUR`` sums it up
        self.summary.setText(
            " · ".join(
                (
                    _escape(board.delegation),
                    i18n.period_day_text(board.start, board.end),
                    board.days_text,
                    # A link: each click brings the next thing to fix into view, one
                    # below the board's fold or past its right edge too.
                    f"<a href='{NEXT_TO_FIX}' style='color:#a50e0e'>{fit}</a>"
                    if board.problem_count
                    else fit,
                )
            )
        )
        self.summary.setToolTip("\n".join(finding.message for finding in board.findings))
        for card in board.days:
            widget = DayCard(card, self.board_widget)
            widget.clicked.connect(self.choose_day)
            self.board_layout.addWidget(widget)
            self.cards[card.day] = widget
        self.board_layout.addStretch(1)
        self._shown_to_fix = -1
        if self.chosen_day not in self.cards:
            self.chosen_day = board.days[0].day if board.days else None
        self.choose_day(self.chosen_day)

    def lines_to_fix(self) -> list[tuple[date, QLabel]]:
        """Every line of the board that says what to fix, day by day, top to bottom."""
        return [(day, line) for day, card in self.cards.items() for line in card.flagged_lines]

    def show_next_to_fix(self) -> None:
        """Bring the next line that says what to fix into view and choose its day; after
        the last, the first again."""
        lines = self.lines_to_fix()
        if not lines:
            return
        self._shown_to_fix = (self._shown_to_fix + 1) % len(lines)
        day, line = lines[self._shown_to_fix]
        self.choose_day(day)
        self.board_scroll.ensureWidgetVisible(line, 10, 10)

    def choose_day(self, day: date | None) -> None:
        self.chosen_day = day
        for card_day, card in self.cards.items():
            card.set_chosen(card_day == day)
        self._update_buttons()

    def _update_buttons(self) -> None:
        board = self.board
        chosen = board is not None and self.chosen_day is not None
        for button in self.buttons.values():
            button.setEnabled(chosen)
        if board is not None and self.chosen_day is not None:
            for name, direction, why in (
                (
                    "earlier",
                    -1,
                    translate(
                        "TourBuilder",
                        "Nothing to move: neither this day nor the day before has anything "
                        "planned.",
                    ),
                ),
                (
                    "later",
                    1,
                    translate(
                        "TourBuilder",
                        "Nothing to move: neither this day nor the day after has anything planned.",
                    ),
                ),
            ):
                other = self.chosen_day + timedelta(days=direction)
                movable = board.can_move(self.chosen_day, direction)
                self.buttons[name].setEnabled(movable)
                in_tour = board.start <= other <= board.end
                self.buttons[name].setToolTip("" if movable or not in_tour else why)
        if self.editor.read_only is not None:  # the tour is read, and nothing changed
            for button in self.buttons.values():
                button.setEnabled(False)
                button.setToolTip(self.editor.read_only)

    def _made_read_only(self, _reason: str) -> None:
        self._update_buttons()

    # -- changes, each an undo command ------------------------------------------------------
    def _execute(
        self,
        command: RecordCommand,
        saved: Callable[[], None] | None = None,
        refused: Callable[[SchedulerError], None] | None = None,
    ) -> None:
        """Run ``command`` on the task manager; the board is read again when it ends.
        A refusal is said by ``refused`` where given (a form that comes back with the
        reason), else in a message."""

        def done() -> None:
            self.reload()
            if saved is not None:
                saved()

        def not_done(error: SchedulerError) -> None:
            self.reload()  # a colleague's change refused it: show the tour as it is now
            if refused is not None:
                refused(error)
            elif isinstance(error, tours.DayChangedError) and not error.tour_deleted:
                self.report_error(
                    translate(
                        "TourBuilder", "{refusal} The board now shows the tour as it is."
                    ).format(refusal=failure_line(error))
                )
            else:
                self.report_error(failure_line(error))

        self.editor.execute(command, done, not_done)

    def _tour_day(self, day: date, commands: list[RecordCommand]) -> str:
        """The id of the tour's day record for ``day``, creating it if needed."""
        assert self.board is not None
        card = self.board.day(day)
        if card.tour_day_id is not None:
            return card.tour_day_id
        create = CreateRecord(
            self.editor,
            TourDay,
            tours.tour_day_values(self.board.tour_id, day),
            i18n.day_month_text(day),
        )
        commands.append(create)
        return create.record_id

    def add_activity(
        self,
        day: date,
        kind: EventKind,
        title: str,
        start: time,
        minutes: int,
        venue_id: str | None,
        saved: Callable[[], None] | None = None,
        refused: Callable[[SchedulerError], None] | None = None,
    ) -> str | None:
        """Add a site visit or workshop to ``day``, on the task manager; the id the new
        event gets. A refusal adds nothing, and is said by ``refused`` where given (the
        form it was typed in, back with the reason), else in a message; ``saved`` hears
        that it was added."""
        assert self.board is not None
        commands: list[RecordCommand] = []
        tour_day_id = self._tour_day(day, commands)
        values = tours.activity_values(
            self.board, tour_day_id, day, kind, title, start, minutes, venue_id
        )
        create = CreateRecord(self.editor, Event, values, title)
        commands.append(create)
        command = (
            commands[0]
            if len(commands) == 1
            else GroupCommand(
                self.editor,
                translate("TourBuilder", "Add {kind} '{title}' to {day}").format(
                    kind=kind.label.lower(), title=title, day=i18n.short_day_text(day)
                ),
                commands,
            )
        )
        self._execute(command, saved, refused)
        return create.record_id

    def insert_leg(
        self,
        day: date,
        origin: str,
        destination: str,
        mode: TravelMode,
        departure: time,
        minutes: int | None = None,
    ) -> str | None:
        """Insert a leg leaving at ``departure`` (Tokyo) lasting ``minutes``, and say its
        id by ``legInserted``.

        Without ``minutes``, the leg lasts as long as the travel-time table says: the
        table is read in the background and the leg inserted when the answer arrives.
        The id, when the leg is inserted now; None when it waits for the table or there
        is nothing to insert (which is said).
        """
        assert self.board is not None
        if minutes is not None:
            return self._insert_leg_of(day, origin, destination, mode, departure, minutes)
        database = self.database

        def arrived(length: int | None) -> None:
            if shiboken6.isValid(self) and self.board is not None:
                self._insert_leg_of(day, origin, destination, mode, departure, length)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self):
                self.report_error(failure_line(error))

        self._run(lambda: tours.leg_minutes(database, origin, destination, mode), arrived, failed)
        return None

    def _insert_leg_of(
        self,
        day: date,
        origin: str,
        destination: str,
        mode: TravelMode,
        departure: time,
        length: int | None,
        saved: Callable[[], None] | None = None,
        refused: Callable[[SchedulerError], None] | None = None,
    ) -> str | None:
        """Insert the leg, ``length`` minutes long (None: the table has no such journey,
        which is said), on the task manager; the id it gets, or None when there is
        nothing to insert. ``saved`` and ``refused`` hear how the insertion ended."""
        assert self.board is not None
        origin_name = self.board.place_name(origin)
        destination_name = self.board.place_name(destination)
        if length is None:
            self.report_error(
                translate(
                    "TourBuilder",
                    "The travel-time table has no journey from {origin} to {destination} by "
                    "{mode}; add it under Program first.",
                ).format(
                    origin=origin_name, destination=destination_name, mode=mode_word(mode.value)
                )
            )
            return None
        create = CreateRecord(
            self.editor,
            TravelLeg,
            tours.leg_values(self.board.tour_id, day, origin, destination, mode, departure, length),
            f"{origin_name}–{destination_name}",
        )
        create.setText(
            translate("TourBuilder", "Insert the leg {origin} → {destination} on {day}").format(
                origin=origin_name, destination=destination_name, day=i18n.short_day_text(day)
            )
        )
        record_id = create.record_id

        def inserted() -> None:
            self.legInserted.emit(record_id)
            if saved is not None:
                saved()

        self._execute(create, inserted, refused)
        return record_id

    def move_day(self, day: date, direction: int) -> bool:
        """Swap the program of ``day`` with the day before (-1) or after (+1), on the
        task manager, the day moved to chosen once done; False when the swap would
        change nothing (:meth:`TourBoard.can_move`), which leaves no undo step (a
        refusal is said).

        A day's record is made only for a day that gets activities or a heading, so a
        move leaves no empty records behind."""
        assert self.board is not None
        if not self.board.can_move(day, direction):
            return False
        other = day + timedelta(days=direction)
        first, second = self.board.day(day), self.board.day(other)
        # What the board read of both days goes with the move, which is refused whole
        # when a colleague has changed what either holds since.
        commands: list[RecordCommand] = [
            DaysAsRead(
                self.editor, self.board.tour_id, [tours.day_read(first), tours.day_read(second)]
            )
        ]
        made: dict[date, str] = {}

        def record_of(card: BoardDay, title: str) -> str:
            """The id of ``card``'s day record, made with ``title`` when it has none."""
            if card.tour_day_id is not None:
                return card.tour_day_id
            if card.day not in made:
                assert self.board is not None
                create = CreateRecord(
                    self.editor,
                    TourDay,
                    tours.tour_day_values(self.board.tour_id, card.day, title),
                    i18n.day_month_text(card.day),
                )
                commands.append(create)
                made[card.day] = create.record_id
            return made[card.day]

        shift = timedelta(days=direction)
        for card, target, delta in ((first, second, shift), (second, first, -shift)):
            for event in card.held:  # the service says what a day holds: cancelled too
                commands.append(
                    EditRecord(
                        self.editor,
                        Event,
                        event.id,
                        tours.moved_event_values(event, delta, record_of(target, card.title)),
                        event.title,
                        event.version,
                        merges=True,
                        moves=True,
                        read_values={"start_utc": event.start, "end_utc": event.end},
                    )
                )
            for leg in card.legs:
                commands.append(
                    EditRecord(
                        self.editor,
                        TravelLeg,
                        leg.id,
                        tours.moved_leg_values(leg, delta),
                        leg.route,
                        leg.version,
                        merges=True,
                        moves=True,
                        read_values={"departure_utc": leg.departure, "arrival_utc": leg.arrival},
                    )
                )
        if first.title != second.title:
            for card, title in ((first, second.title), (second, first.title)):
                if card.tour_day_id is None:
                    record_of(card, title)  # a heading for a day without a record yet
                    continue
                commands.append(
                    EditRecord(
                        self.editor,
                        TourDay,
                        card.tour_day_id,
                        {"title": title},
                        "",
                        card.tour_day_version,
                        merges=True,
                        moves=True,
                        read_values={"title": card.title},
                    )
                )
        self._execute(
            GroupCommand(
                self.editor,
                translate("TourBuilder", "Move the program of {day} to {other}").format(
                    day=i18n.short_day_text(day), other=i18n.short_day_text(other)
                ),
                commands,
            ),
            lambda: self.choose_day(other),
        )
        return True

    # -- the small forms ----------------------------------------------------------------
    def _ask_activity(self, kind: EventKind) -> None:
        if self.board is None or self.chosen_day is None:
            return
        self._run_form(
            ActivityForm(kind, self.chosen_day, self.board, self),
            self._add_typed,
        )

    def _ask_leg(self) -> None:
        if self.board is None or self.chosen_day is None:
            return
        card = self.board.day(self.chosen_day)
        origin = card.places[-1] if card.places else ""
        self._run_form(
            LegForm(self.database, self.chosen_day, self.board, origin, self._run, self),
            self._insert_typed,
        )

    def _run_form(
        self,
        form: FormT,
        submit: Callable[[FormT, Callable[[], None], Callable[[SchedulerError], None]], bool],
    ) -> None:
        """Show ``form`` until it is cancelled or what it holds is saved; a record the
        store refuses brings the form back as it was typed, saying why.

        ``submit(form, saved, refused)`` hands the record typed to the store, the
        outcome to be heard by ``saved`` or ``refused``, and says False when there is
        nothing to hand. Nothing is handed once the board shows another tour than the
        form's (its tour deleted by a colleague while the refused form was open), as
        the record would land in that other tour."""
        accepted = form.exec() == QDialog.DialogCode.Accepted
        if not accepted or self.board is None or self.board.tour_id != form.tour_id:
            form.deleteLater()
            return

        def refused(error: SchedulerError) -> None:
            if shiboken6.isValid(form) and shiboken6.isValid(self):
                form.show_refusal(failure_line(error))
                self._run_form(form, submit)

        if not submit(form, form.deleteLater, refused):
            form.deleteLater()

    def _add_typed(
        self,
        form: ActivityForm,
        saved: Callable[[], None],
        refused: Callable[[SchedulerError], None],
    ) -> bool:
        """Add the activity typed in ``form`` to its day; False when the event's rules
        refuse what is typed, or the day is no longer in the tour shown."""
        board = self.board
        if not form.can_save() or board is None or not board.start <= form.day <= board.end:
            return False
        self.add_activity(
            form.day,
            form.kind,
            form.title_text(),
            form.start_time(),
            form.minutes.value(),
            form.venue.currentData(),
            saved,
            refused,
        )
        return True

    def _insert_typed(
        self,
        form: LegForm,
        saved: Callable[[], None],
        refused: Callable[[SchedulerError], None],
    ) -> bool:
        """Insert the leg typed in ``form``; False while its journey time is read."""
        if not form.journey_read:
            return False
        # The journey time the form read in the background: nothing is read here.
        origin, destination = form.route()
        inserted = self._insert_leg_of(
            form.day,
            origin,
            destination,
            TravelMode(form.mode.currentData()),
            form.departure_time(),
            form.length.value(),
            saved,
            refused,
        )
        return inserted is not None

    def _move(self, direction: int) -> None:
        if self.chosen_day is not None:
            self.move_day(self.chosen_day, direction)

    def report_error(self, message: str) -> None:
        QMessageBox.warning(self, translate("TourBuilder", "Cannot change the tour"), message)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
