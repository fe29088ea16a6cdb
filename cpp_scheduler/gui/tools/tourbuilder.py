"""The study-tour builder: a delegation's tour as a day-by-day board across cities.

Each day is a card: where the delegation is, its events, its travel legs with their
times, and the hotel night. A leg shorter than the travel-time table's journey plus the
buffer, one whose route the table does not know, or one that overlaps an event is
flagged, and so is a day with nothing planned, as soon as the change is made. Adding a
site visit or workshop, inserting a leg (its length taken from the table) and moving a
day's program earlier or later are undo commands on the window's stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

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
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.commands import CreateRecord, Editor, EditRecord, RecordCommand
from cpp_scheduler.gui.tools.commands import GroupCommand
from cpp_scheduler.model import (
    Event,
    EventKind,
    EventMode,
    EventStatus,
    StudyTour,
    TourDay,
    TravelLeg,
    TravelMode,
    TravelTime,
    Venue,
)
from cpp_scheduler.scheduling.inputs import Route
from cpp_scheduler.scheduling.travel import DEFAULT_BUFFER, TravelTable, describe_duration
from cpp_scheduler.store import Database

TOKYO = timezones.TOKYO


# -- the board, free of widgets ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BoardEvent:
    id: str
    title: str
    kind: EventKind
    start: datetime
    end: datetime
    place: str


@dataclass(frozen=True, slots=True)
class BoardLeg:
    id: str
    origin: str
    destination: str
    mode: TravelMode
    departure: datetime
    arrival: datetime
    problem: str | None
    """Why the leg cannot work as planned, or None."""


@dataclass(frozen=True, slots=True)
class BoardDay:
    number: int
    day: date
    tour_day_id: str | None
    title: str
    city: str
    events: tuple[BoardEvent, ...]
    legs: tuple[BoardLeg, ...]
    hotel: str | None
    hotel_problem: str | None = None
    """Why the night's hotel does not fit the day (another city), or None."""

    @property
    def empty(self) -> bool:
        return not self.events and not self.legs

    @property
    def problems(self) -> list[str]:
        found = [
            f"{leg.origin} → {leg.destination}: {leg.problem}" for leg in self.legs if leg.problem
        ]
        if self.empty:
            found.append("Nothing planned on this day.")
        if self.hotel_problem:
            found.append(self.hotel_problem)
        return found


@dataclass(frozen=True, slots=True)
class TourBoard:
    tour_id: str
    title: str
    delegation_id: str
    delegation: str
    start: date
    end: date
    route: tuple[str, ...]
    days: tuple[BoardDay, ...]
    localities: tuple[str, ...] = field(default=())
    venues: tuple[tuple[str, str, str], ...] = field(default=())
    """(id, name, locality) of every venue, for adding an activity."""

    @property
    def route_line(self) -> str:
        return " → ".join(self.route) if self.route else "No travel legs yet"

    def day(self, day: date) -> BoardDay:
        return next(card for card in self.days if card.day == day)

    @property
    def problem_count(self) -> int:
        return sum(len(card.problems) for card in self.days)


def travel_table(database: Database) -> TravelTable:
    with database.session() as session:
        routes = [
            Route(t.origin, t.destination, str(t.mode), t.minutes)
            for t in session.scalars(select(TravelTime))
        ]
    return TravelTable.from_routes(routes)


def leg_minutes(
    database: Database, origin: str, destination: str, mode: TravelMode | None = None
) -> int | None:
    """The table's journey time for a route (by ``mode`` when it knows that mode)."""
    with database.session() as session:
        rows = session.scalars(select(TravelTime)).all()
        matching = [
            row
            for row in rows
            if {row.origin.casefold(), row.destination.casefold()}
            == {origin.casefold(), destination.casefold()}
        ]
    if mode is not None and any(row.mode is mode for row in matching):
        matching = [row for row in matching if row.mode is mode]
    return min((row.minutes for row in matching), default=None)


def _tokyo_day(instant: datetime) -> date:
    return timezones.to_local(instant, TOKYO).date()


def _leg_problem(leg: TravelLeg, table: TravelTable, events: list[Event]) -> str | None:
    route = table.fastest(leg.origin, leg.destination)
    planned = leg.arrival_utc - leg.departure_utc
    if route is None:
        return "the travel-time table does not know this route"
    needed = timedelta(minutes=route.minutes)
    if planned < needed:
        return (
            f"too short: {describe_duration(planned)} planned, the journey takes "
            f"{describe_duration(needed)} by {route.mode}"
        )
    for event in events:
        if event.start_utc < leg.arrival_utc and leg.departure_utc < event.end_utc:
            return f"overlaps '{event.title}'"
        if event.end_utc <= leg.departure_utc and (
            leg.departure_utc - event.end_utc < DEFAULT_BUFFER
            and event.locality
            and event.locality.casefold() != leg.origin.casefold()
        ):
            return (
                f"leaves {describe_duration(leg.departure_utc - event.end_utc)} after "
                f"'{event.title}' ends elsewhere"
            )
    return None


def read_board(database: Database, tour_id: str) -> TourBoard:
    table = travel_table(database)
    with database.session() as session:
        tour = session.scalars(
            select(StudyTour)
            .options(
                selectinload(StudyTour.delegation),
                selectinload(StudyTour.days).selectinload(TourDay.events).selectinload(Event.venue),
                selectinload(StudyTour.days).selectinload(TourDay.events).selectinload(Event.city),
                selectinload(StudyTour.legs),
                selectinload(StudyTour.nights),
            )
            .where(StudyTour.id == tour_id)
        ).first()
        if tour is None:
            raise SchedulerError("The study tour was deleted meanwhile.")
        by_date = {tour_day.day: tour_day for tour_day in tour.days}
        tour_events = [
            event
            for tour_day in tour.days
            for event in tour_day.events
            if event.status is not EventStatus.CANCELLED
        ]
        nights = {night.night_of: night for night in tour.nights}
        city = tour.legs[0].origin if tour.legs else TOKYO.split("/")[-1]
        cards = []
        for number, day in enumerate(tour.dates(), start=1):
            tour_day = by_date.get(day)
            events = sorted(
                (e for e in tour_events if _tokyo_day(e.start_utc) == day),
                key=lambda e: e.start_utc,
            )
            legs = [leg for leg in tour.legs if _tokyo_day(leg.departure_utc) == day]
            day_events = [e for e in tour_events if _tokyo_day(e.start_utc) == day]
            where = [city]
            leg_rows = []
            for leg in legs:
                problem = _leg_problem(leg, table, day_events)
                if problem is None and leg.origin.casefold() != city.casefold():
                    problem = f"leaves from {leg.origin}, but the delegation is in {city}"
                leg_rows.append(
                    BoardLeg(
                        leg.id,
                        leg.origin,
                        leg.destination,
                        leg.mode,
                        leg.departure_utc,
                        leg.arrival_utc,
                        problem,
                    )
                )
                city = leg.destination
            board_legs = tuple(leg_rows)
            city = where[0]
            for leg in legs:
                if leg.destination not in where:
                    where.append(leg.destination)
            if legs:
                city = legs[-1].destination
            for event in events:
                if event.locality and not legs:
                    city = event.locality
                    where = [city]
            night = nights.get(day)
            ends_in = legs[-1].destination if legs else None
            hotel_problem = None
            if night is not None and ends_in and (night.locality.casefold() != ends_in.casefold()):
                hotel_problem = f"The hotel is in {night.locality}, but the day ends in {ends_in}."
            cards.append(
                BoardDay(
                    number,
                    day,
                    tour_day.id if tour_day else None,
                    tour_day.title if tour_day else "",
                    " → ".join(where),
                    tuple(
                        BoardEvent(e.id, e.title, e.kind, e.start_utc, e.end_utc, _place(e))
                        for e in events
                    ),
                    board_legs,
                    f"{night.hotel}, {night.locality}" if night else None,
                    hotel_problem,
                )
            )
        localities = sorted(
            {t.origin for t in session.scalars(select(TravelTime))}
            | {t.destination for t in session.scalars(select(TravelTime))}
        )
        venues = tuple(
            (v.id, v.name, v.locality)
            for v in session.scalars(select(Venue).order_by(Venue.locality, Venue.name))
        )
        return TourBoard(
            tour.id,
            tour.title,
            tour.delegation_id,
            tour.delegation.name,
            tour.start_date,
            tour.end_date,
            tuple(tour.route()),
            tuple(cards),
            tuple(localities),
            venues,
        )


def _place(event: Event) -> str:
    """Where an activity is: the venue with its Japanese name, or the city."""
    venue = event.venue
    if venue is not None:
        japanese = f" ({venue.name_ja})" if venue.name_ja else ""
        return f"{venue.name}{japanese}, {venue.locality}"
    return event.locality or "online"


def list_tours(database: Database) -> list[tuple[str, str]]:
    with database.session() as session:
        return [
            (tour.id, f"{tour.title} ({tour.start_date:%d %b}–{tour.end_date:%d %b %Y})")
            for tour in session.scalars(select(StudyTour).order_by(StudyTour.start_date))
        ]


def _at(day: date, clock: time) -> datetime:
    return timezones.to_utc(datetime.combine(day, clock), TOKYO, timezones.Fold.EARLIER)


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
            f"<b>Day {card.number} · {card.day:%a %d %b}</b><br>"
            f"<span style='color:#5f6368'>{_escape(card.city)}</span>",
            self,
        )
        header.setWordWrap(True)
        layout.addWidget(header)
        if card.title:
            heading = QLabel(f"<i>{_escape(card.title)}</i>", self)
            heading.setWordWrap(True)
            layout.addWidget(heading)
        self.lines: list[QLabel] = []
        items: list[tuple[datetime, str, str, bool]] = []
        for leg in card.legs:
            depart = timezones.to_local(leg.departure, TOKYO)
            arrive = timezones.to_local(leg.arrival, TOKYO)
            text = (
                f"<span style='color:#1a4fa0'><b>{leg.mode.label}</b></span> "
                f"{depart:%H:%M}–{arrive:%H:%M} {_escape(leg.origin)} → "
                f"{_escape(leg.destination)}"
            )
            if leg.problem:
                text += f"<br><span style='color:#a50e0e'>⚠ {_escape(leg.problem)}</span>"
            items.append(
                (leg.departure, text, "badLeg" if leg.problem else "leg", leg.problem is not None)
            )
        for event in card.events:
            start = timezones.to_local(event.start, TOKYO)
            end = timezones.to_local(event.end, TOKYO)
            items.append(
                (
                    event.start,
                    f"{start:%H:%M}–{end:%H:%M} <b>{_escape(event.title)}"
                    f"</b><br><span style='color:#5f6368'>{event.kind.label} · "
                    f"{_escape(event.place)}</span>",
                    "event",
                    False,
                )
            )
        for _when, text, name, bad in sorted(items, key=lambda item: item[0]):
            self._line(text, name, bad)
        if card.empty:
            self._line(
                "<span style='color:#a50e0e'>⚠ Nothing planned on this day</span>", "emptyDay", True
            )
        layout.addStretch(1)
        hotel = f"Night: {card.hotel}" if card.hotel else "No hotel night"
        text = f"<span style='color:#5f6368'>{_escape(hotel)}</span>"
        if card.hotel_problem:
            text += f"<br><span style='color:#a50e0e'>⚠ {_escape(card.hotel_problem)}</span>"
        night = QLabel(text, self)
        night.setObjectName("hotelNight")
        night.setWordWrap(True)
        layout.addWidget(night)
        self.flagged = bool(card.problems)
        self.set_chosen(False)

    def _line(self, text: str, name: str, bad: bool) -> None:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        background = "#fce8e6" if bad else "#f1f3f4"
        label.setStyleSheet(f"background:{background}; border-radius:4px; padding:4px;")
        self._layout.addWidget(label)
        self.lines.append(label)

    def set_chosen(self, chosen: bool) -> None:
        border = "#1a73e8" if chosen else ("#d93025" if self.flagged else "#dadce0")
        width = 2 if chosen or self.flagged else 1
        self.setStyleSheet(
            f"DayCard {{ background:#ffffff; border:{width}px solid {border}; border-radius:8px; }}"
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.card.day)
        super().mousePressEvent(event)


class ActivityForm(QDialog):
    """Asks for a site visit's or workshop's title, time and place."""

    def __init__(
        self, kind: EventKind, day: date, board: TourBoard, city: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add a {kind.label.lower()} on {day:%a %d %b}")
        form = QFormLayout(self)
        self.title = QLineEdit(self)
        self.start = QTimeEdit(QTime(10, 0), self)
        self.start.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox(self)
        self.minutes.setRange(15, 600)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(120)
        self.minutes.setSuffix(" min")
        self.venue = QComboBox(self)
        for venue_id, name, locality in board.venues:
            self.venue.addItem(f"{name} ({locality})", venue_id)
            if locality.casefold() in city.casefold():
                self.venue.setCurrentIndex(self.venue.count() - 1)
        form.addRow("Title", self.title)
        form.addRow("Starts (Tokyo)", self.start)
        form.addRow("Length", self.minutes)
        form.addRow("Venue", self.venue)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class LegForm(QDialog):
    """Asks for a leg's route, mode and departure; shows the table's journey time."""

    def __init__(
        self,
        database: Database,
        day: date,
        board: TourBoard,
        origin: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(f"Insert a travel leg on {day:%a %d %b}")
        form = QFormLayout(self)
        self.origin = QComboBox(self)
        self.destination = QComboBox(self)
        for box in (self.origin, self.destination):
            box.addItems(list(board.localities))
        self.origin.setCurrentText(origin)
        self.mode = QComboBox(self)
        for mode in TravelMode:
            self.mode.addItem(mode.label, mode.value)
        self.departure = QTimeEdit(QTime(9, 0), self)
        self.departure.setDisplayFormat("HH:mm")
        self.journey = QLabel("", self)
        for box in (self.origin, self.destination, self.mode):
            box.currentIndexChanged.connect(lambda _i: self._update())
        form.addRow("From", self.origin)
        form.addRow("To", self.destination)
        form.addRow("By", self.mode)
        form.addRow("Departs (Tokyo)", self.departure)
        form.addRow("Journey", self.journey)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._update()

    def _update(self) -> None:
        minutes = leg_minutes(
            self.database,
            self.origin.currentText(),
            self.destination.currentText(),
            TravelMode(self.mode.currentData()),
        )
        self.journey.setText(
            describe_duration(timedelta(minutes=minutes))
            if minutes
            else "not in the travel-time table"
        )


class TourBuilderDialog(QDialog):
    """The builder of one delegation's tour at a time."""

    def __init__(self, database: Database, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tourBuilder")
        self.setWindowTitle("Study tours")
        self.database = database
        self.editor = editor
        self.board: TourBoard | None = None
        self.chosen_day: date | None = None
        self.cards: dict[date, DayCard] = {}

        self.tour_box = QComboBox(self)
        self.tour_box.setObjectName("tourChoice")
        self.tour_box.currentIndexChanged.connect(lambda _index: self.reload())
        self.overview = QLabel("", self)
        self.overview.setObjectName("routeOverview")
        self.overview.setStyleSheet("font-size: 14pt; padding: 4px 0;")
        self.summary = QLabel("", self)
        self.summary.setObjectName("tourSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Tour", self))
        top.addWidget(self.tour_box, 1)

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for name, text, slot in (
            ("add_site_visit", "Add site visit…", lambda: self._ask_activity(EventKind.SITE_VISIT)),
            ("add_workshop", "Add workshop…", lambda: self._ask_activity(EventKind.WORKSHOP)),
            ("insert_leg", "Insert travel leg…", self._ask_leg),
            ("earlier", "◀ Move day earlier", lambda: self._move(-1)),
            ("later", "Move day later ▶", lambda: self._move(1)),
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
        self.refresh_choices()

    def refresh_choices(self) -> None:
        """Read the list of tours again, keeping the one shown, and redraw its board."""
        shown = self.tour_box.currentData()
        self.tour_box.blockSignals(True)
        self.tour_box.clear()
        for tour_id, label in list_tours(self.database):
            self.tour_box.addItem(label, tour_id)
        self.tour_box.setCurrentIndex(max(self.tour_box.findData(shown), 0))
        self.tour_box.blockSignals(False)
        self.reload()

    # -- the board ----------------------------------------------------------------------
    def show_tour(self, tour_id: str) -> None:
        index = self.tour_box.findData(tour_id)
        if index >= 0:
            self.tour_box.setCurrentIndex(index)

    def _changed(self, model: str, _ids: list[str]) -> None:
        if model in ("StudyTour", "Delegation"):
            self.refresh_choices()
        else:
            self.reload()

    def reload(self) -> None:
        tour_id = self.tour_box.currentData()
        while self.board_layout.count():
            item = self.board_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.cards = {}
        self.board = None
        if tour_id is None:
            self.overview.setText("No study tours in the program yet.")
            self._update_buttons()
            return
        try:
            self.board = read_board(self.database, tour_id)
        except SchedulerError as error:
            self.overview.setText(str(error))
            self._update_buttons()
            return
        board = self.board
        self.overview.setText(board.route_line)
        problems = board.problem_count
        self.summary.setText(
            f"{board.delegation} · {board.start:%a %d %b} to {board.end:%a %d %b %Y} · "
            f"{len(board.days)} days · "
            + (
                f"<span style='color:#a50e0e'>⚠ {problems} to fix</span>"
                if problems
                else "everything fits"
            )
        )
        for card in board.days:
            widget = DayCard(card, self.board_widget)
            widget.clicked.connect(self.choose_day)
            self.board_layout.addWidget(widget)
            self.cards[card.day] = widget
        self.board_layout.addStretch(1)
        if self.chosen_day not in self.cards:
            self.chosen_day = board.days[0].day if board.days else None
        self.choose_day(self.chosen_day)

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
            self.buttons["earlier"].setEnabled(self.chosen_day > board.start)
            self.buttons["later"].setEnabled(self.chosen_day < board.end)

    # -- changes, each an undo command ------------------------------------------------------
    def _execute(self, command: RecordCommand) -> bool:
        try:
            self.editor.execute(command)
        except SchedulerError as error:
            self.report_error(str(error))
            return False
        self.reload()
        return True

    def _tour_day(self, day: date, commands: list[RecordCommand]) -> str:
        """The id of the tour's day record for ``day``, creating it if needed."""
        assert self.board is not None
        card = self.board.day(day)
        if card.tour_day_id is not None:
            return card.tour_day_id
        create = CreateRecord(
            self.editor,
            TourDay,
            {"tour_id": self.board.tour_id, "day": day, "title": ""},
            f"{day:%d %b}",
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
    ) -> str | None:
        """Add a site visit or workshop to ``day``; the new event's id (None if refused)."""
        assert self.board is not None
        commands: list[RecordCommand] = []
        tour_day_id = self._tour_day(day, commands)
        begin = _at(day, start)
        values = {
            "title": title,
            "kind": kind,
            "mode": EventMode.FACE_TO_FACE,
            "status": EventStatus.CONFIRMED,
            "start_utc": begin,
            "end_utc": begin + timedelta(minutes=minutes),
            "zone": TOKYO,
            "venue_id": venue_id,
            "tour_day_id": tour_day_id,
            "delegation_ids": [self.board.delegation_id],
        }
        create = CreateRecord(self.editor, Event, values, title)
        commands.append(create)
        command = (
            commands[0]
            if len(commands) == 1
            else GroupCommand(
                self.editor, f"Add {kind.label.lower()} '{title}' to {day:%a %d %b}", commands
            )
        )
        return create.record_id if self._execute(command) else None

    def insert_leg(
        self,
        day: date,
        origin: str,
        destination: str,
        mode: TravelMode,
        departure: time,
        minutes: int | None = None,
    ) -> str | None:
        """Insert a leg leaving at ``departure`` (Tokyo); its length from the table."""
        assert self.board is not None
        length = minutes or leg_minutes(self.database, origin, destination, mode)
        if length is None:
            self.report_error(
                f"The travel-time table has no journey from {origin} to "
                f"{destination}; add it under Program first."
            )
            return None
        leaves = _at(day, departure)
        create = CreateRecord(
            self.editor,
            TravelLeg,
            {
                "tour_id": self.board.tour_id,
                "origin": origin,
                "destination": destination,
                "mode": mode,
                "departure_utc": leaves,
                "arrival_utc": leaves + timedelta(minutes=length),
                "zone": TOKYO,
            },
            f"{origin}–{destination}",
        )
        create.setText(f"Insert the leg {origin} → {destination} on {day:%a %d %b}")
        return create.record_id if self._execute(create) else None

    def move_day(self, day: date, direction: int) -> bool:
        """Swap the program of ``day`` with the day before (-1) or after (+1)."""
        assert self.board is not None
        other = day + timedelta(days=direction)
        if not self.board.start <= other <= self.board.end:
            return False
        first, second = self.board.day(day), self.board.day(other)
        commands: list[RecordCommand] = []
        first_id = self._tour_day(day, commands)
        second_id = self._tour_day(other, commands)
        shift = timedelta(days=direction)
        for card, target, delta in ((first, second_id, shift), (second, first_id, -shift)):
            for event in card.events:
                commands.append(
                    EditRecord(
                        self.editor,
                        Event,
                        event.id,
                        {
                            "start_utc": event.start + delta,
                            "end_utc": event.end + delta,
                            "tour_day_id": target,
                        },
                        event.title,
                    )
                )
            for leg in card.legs:
                commands.append(
                    EditRecord(
                        self.editor,
                        TravelLeg,
                        leg.id,
                        {
                            "departure_utc": leg.departure + delta,
                            "arrival_utc": leg.arrival + delta,
                        },
                        leg.origin,
                    )
                )
        if first.title != second.title:
            commands.append(EditRecord(self.editor, TourDay, first_id, {"title": second.title}, ""))
            commands.append(EditRecord(self.editor, TourDay, second_id, {"title": first.title}, ""))
        if not commands:
            return False
        moved = self._execute(
            GroupCommand(
                self.editor, f"Move the program of {day:%a %d %b} to {other:%a %d %b}", commands
            )
        )
        if moved:
            self.choose_day(other)
        return moved

    # -- the small forms ----------------------------------------------------------------
    def _ask_activity(self, kind: EventKind) -> None:
        if self.board is None or self.chosen_day is None:
            return
        card = self.board.day(self.chosen_day)
        form = ActivityForm(kind, self.chosen_day, self.board, card.city, self)
        if form.exec() == QDialog.DialogCode.Accepted and form.title.text().strip():
            start = form.start.time().toPython()
            assert isinstance(start, time)
            self.add_activity(
                self.chosen_day,
                kind,
                form.title.text().strip(),
                start,
                form.minutes.value(),
                form.venue.currentData(),
            )
        form.deleteLater()

    def _ask_leg(self) -> None:
        if self.board is None or self.chosen_day is None:
            return
        card = self.board.day(self.chosen_day)
        origin = card.city.split(" → ")[-1]
        form = LegForm(self.database, self.chosen_day, self.board, origin, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            departure = form.departure.time().toPython()
            assert isinstance(departure, time)
            self.insert_leg(
                self.chosen_day,
                form.origin.currentText(),
                form.destination.currentText(),
                TravelMode(form.mode.currentData()),
                departure,
            )
        form.deleteLater()

    def _move(self, direction: int) -> None:
        if self.chosen_day is not None:
            self.move_day(self.chosen_day, direction)

    def report_error(self, message: str) -> None:
        QMessageBox.warning(self, "Cannot change the tour", message)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
