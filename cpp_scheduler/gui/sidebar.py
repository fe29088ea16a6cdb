"""The sidebar: a month navigator, the filters and the search box.

Signals:
    dateChosen(date): the user picked a day in the navigator.
    filterChanged(EventFilter): any filter or the search text changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n
from cpp_scheduler.gui.qtvalues import keep_to_program_days, python_date, qt_date
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.widgets.filter_combo import FilterComboBox
from cpp_scheduler.model import EventKind, EventMode, EventStatus
from cpp_scheduler.model.event_filter import EventFilter, Person
from cpp_scheduler.services.rows import Choice, PersonChoice

SEARCH_DELAY_MS = 150
"""Typing pauses this long before the views follow, so each keystroke stays instant."""

_RECORD_FILTERS: dict[str, Callable[[EventFilter], str | None]] = {
    "cityFilter": lambda chosen: chosen.city_id,
    "themeFilter": lambda chosen: chosen.theme_id,
    "delegationFilter": lambda chosen: chosen.delegation_id,
    "participantFilter": lambda chosen: chosen.participant.id if chosen.participant else None,
}
"""The filters that choose a record of the program, by their combo's name, and the id
each takes from a filter: their lists arrive with the program."""


def _enum(enum_class: Any, value: Any) -> Any:
    """Qt hands a StrEnum back as its plain string: make it the member again."""
    return enum_class(value) if value else None


class Sidebar(QWidget):
    dateChosen = Signal(object)
    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("monthNavigator")
        self.calendar.setGridVisible(False)
        keep_to_program_days(self.calendar)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(
            Qt.DayOfWeek.Sunday if i18n.first_weekday() == 6 else Qt.DayOfWeek.Monday
        )
        self.calendar.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames
        )
        self.set_weekend(frozenset({5, 6}))
        self.calendar.clicked.connect(self._date_clicked)
        self.calendar.activated.connect(self._date_clicked)

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(translate("Sidebar", "Search titles, venues, delegations…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._emit)

        # Made first: the lists set below say whether it has anything to clear.
        self.clear_button = QPushButton(translate("Sidebar", "Clear filters"), self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setFlat(True)
        self.clear_button.clicked.connect(self.clear)

        self.city = self._combo("cityFilter")
        self.theme = self._combo("themeFilter")
        self.kind = self._combo("kindFilter")
        self.mode = self._combo("modeFilter")
        self.status = self._combo("statusFilter")
        # The lists that grow with the program are found by typing words of a name.
        self.delegation = self._combo("delegationFilter", searchable=True)
        self.participant = self._combo("participantFilter", searchable=True)
        self._people: dict[str, Person] = {}
        self._members: dict[str, frozenset[str]] = {}
        self._awaited = EventFilter()
        self._unlisted: set[str] = set()
        self._set(
            self.kind,
            translate("Sidebar", "All kinds"),
            [Choice(kind, kind.label) for kind in EventKind],
        )
        self._set(
            self.mode,
            translate("Sidebar", "All modes"),
            [Choice(mode, mode.label) for mode in EventMode],
        )
        self._set(
            self.status,
            translate("Sidebar", "All statuses"),
            [Choice(status, status.label) for status in EventStatus],
        )
        self.set_cities([])
        self.set_themes([])
        self.set_delegations([])
        self.set_participants([])
        # Until a record's list arrives with the program, the filter the sidebar was
        # asked to show (the one kept from the last session) stands for its choice: a
        # search typed, or the window closed, meanwhile keeps it.
        self._unlisted = set(_RECORD_FILTERS)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(6)
        for label, combo in (
            (translate("Sidebar", "Partner city"), self.city),
            (translate("Sidebar", "Theme"), self.theme),
            (translate("Sidebar", "Kind"), self.kind),
            (translate("Sidebar", "Mode"), self.mode),
            (translate("Sidebar", "Status"), self.status),
            (translate("Sidebar", "Delegation"), self.delegation),
            (translate("Sidebar", "Participant"), self.participant),
        ):
            form.addRow(label, combo)
        heading = QLabel(translate("Sidebar", "Filters"), self)
        heading.setObjectName("sidebarHeading")
        # "Clear filters" on the heading's line: seven filters and the month fit a
        # laptop's sidebar beside the docks, with no scroll bar.
        heading_line = QHBoxLayout()
        heading_line.setContentsMargins(0, 0, 0, 0)
        heading_line.addWidget(heading)
        heading_line.addStretch(1)
        heading_line.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(10)
        layout.addWidget(self.calendar)
        layout.addWidget(self.search)
        layout.addLayout(heading_line)
        layout.addLayout(form)
        layout.addStretch(1)

    def set_weekend(self, days: frozenset[int]) -> None:
        """Grey the weekdays off (``date.weekday()`` numbers) on the clock the calendar
        shows, as its views shade them (Riyadh's Friday and Saturday)."""
        for weekday in range(7):
            day = Qt.DayOfWeek(weekday + 1)  # Qt numbers Monday 1, Python 0
            shown = QTextCharFormat()
            if weekday in days:
                shown.setForeground(self.palette().placeholderText())
            self.calendar.setWeekdayTextFormat(day, shown)

    def _combo(self, name: str, *, searchable: bool = False) -> FilterComboBox:
        combo = FilterComboBox(self)
        combo.setObjectName(name)
        combo.setSearchable(searchable)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def _set(self, combo: FilterComboBox, any_label: str, entries: Sequence[Choice]) -> None:
        """List ``entries`` after "all", keeping the choice (the one awaited, when the
        list arrives for the first time); a choice no longer listed becomes "all"."""
        current = self._chosen(combo)
        self._unlisted.discard(combo.objectName())
        combo.setChoices(entries, current, any_label=any_label)
        self._show_clearable(self.event_filter())

    def set_cities(self, cities: Sequence[Choice]) -> None:
        self._set(
            self.city,
            translate("Sidebar", "All partner cities"),
            cities,
        )

    def set_themes(self, themes: Sequence[Choice]) -> None:
        self._set(
            self.theme,
            translate("Sidebar", "All themes"),
            [
                Choice(theme.id, f"   {theme.name}" if theme.detail else theme.name, theme.detail)
                for theme in themes
            ],
        )

    def set_delegations(self, delegations: Sequence[Choice]) -> None:
        self._set(
            self.delegation,
            translate("Sidebar", "All delegations"),
            delegations,
        )

    def set_participants(self, people: Sequence[Choice]) -> None:
        """The participants to filter by (each a :class:`PersonChoice`, which names their
        delegation: the filter finds its meetings too), who make up the delegations the
        Delegation filter chooses (a meeting naming a member is the delegation's)."""
        self._people = {
            choice.id: choice.person for choice in people if isinstance(choice, PersonChoice)
        }
        members: dict[str, set[str]] = {}
        for person in self._people.values():
            if person.delegation_id is not None:
                members.setdefault(person.delegation_id, set()).add(person.id)
        self._members = {delegation: frozenset(ids) for delegation, ids in members.items()}
        self._set(self.participant, translate("Sidebar", "All participants"), people)

    # -- filter state -------------------------------------------------------------------
    def _chosen(self, combo: FilterComboBox) -> Any:
        """The combo's choice, or the one awaited while its list has not arrived."""
        name = combo.objectName()
        if name in self._unlisted:
            return _RECORD_FILTERS[name](self._awaited)
        return combo.chosenValue()

    def event_filter(self) -> EventFilter:
        people_listed = self.participant.objectName() not in self._unlisted
        person = (
            self._people.get(self.participant.chosenValue() or "")
            if people_listed
            else self._awaited.participant
        )
        delegation_id = self._chosen(self.delegation)
        members = (
            self._members.get(delegation_id or "", frozenset())
            if people_listed
            else self._awaited.delegation_members
        )
        return EventFilter(
            city_id=self._chosen(self.city),
            theme_id=self._chosen(self.theme),
            kind=_enum(EventKind, self.kind.chosenValue()),
            mode=_enum(EventMode, self.mode.chosenValue()),
            status=_enum(EventStatus, self.status.chosenValue()),
            delegation_id=delegation_id,
            delegation_members=members if delegation_id is not None else frozenset(),
            participant=person,
            text=self.search.text().strip(),
        )

    def set_event_filter(self, event_filter: EventFilter) -> None:
        """Show ``event_filter`` (a filter naming a record that is gone selects "all";
        one whose list has not arrived yet is shown when it does)."""
        self._awaited = event_filter
        for combo, value in (
            (self.city, event_filter.city_id),
            (self.theme, event_filter.theme_id),
            (self.kind, event_filter.kind),
            (self.mode, event_filter.mode),
            (self.status, event_filter.status),
            (self.delegation, event_filter.delegation_id),
            (self.participant, event_filter.participant.id if event_filter.participant else None),
        ):
            combo.setChosenValue(value)
        self.search.blockSignals(True)
        self.search.setText(event_filter.text)
        self.search.blockSignals(False)
        self._emit()

    def clear(self) -> None:
        self.set_event_filter(EventFilter())

    def _emit(self, *_args: object) -> None:
        self._search_timer.stop()
        current = self.event_filter()
        if current.is_empty and self.clear_button.hasFocus():
            # Disabled with the focus, the button would hand it down the chain to the
            # agenda's table, which makes its first row the current one: a meeting the
            # coordinator never chose would be selected (and the table painted twice).
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_clearable(current)
        self.filterChanged.emit(current)

    def _show_clearable(self, current: EventFilter) -> None:
        """Clear filters is enabled while the sidebar's filters let anything out."""
        self.clear_button.setEnabled(not current.is_empty)

    # -- navigator ----------------------------------------------------------------------
    def _date_clicked(self, chosen: QDate) -> None:
        self.dateChosen.emit(python_date(chosen))

    def show_date(self, day: date) -> None:
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(qt_date(day))
        self.calendar.blockSignals(False)
