"""Editing the recurrence of a series in words, and writing its RFC 5545 RRULE."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from cpp_scheduler import i18n
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.qtvalues import keep_to_program_days, python_date
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.model import recurrence
from cpp_scheduler.model.series_pattern import (
    FEWEST_MEETINGS,
    MOST_PERIODS,
    WEEKDAY_CODES,
    Repeats,
    SeriesPattern,
    offered,
    read_pattern,
    weekday_position,
    write_rule,
)
from cpp_scheduler.services import series_view
from cpp_scheduler.services.series_rules import WallClockSeries

ORDINALS = {
    1: QT_TRANSLATE_NOOP("RecurrenceEditor", "first"),
    2: QT_TRANSLATE_NOOP("RecurrenceEditor", "second"),
    3: QT_TRANSLATE_NOOP("RecurrenceEditor", "third"),
    4: QT_TRANSLATE_NOOP("RecurrenceEditor", "fourth"),
    -1: QT_TRANSLATE_NOOP("RecurrenceEditor", "last"),
}


class RecurrenceEditor(QWidget):
    """Does not repeat, weekly on chosen days, or monthly by date or by weekday position,
    ending after a number of meetings or on a date.

    The rule follows the event's start (:meth:`setStart`): "monthly on the third
    Wednesday" is read from the start date. Reading a rule into these words and writing
    them back as one are the model's (:mod:`~cpp_scheduler.model.series_pattern`): the
    last day shown is the last day the series can meet on, as its expansion reads the
    rule. A rule this editor cannot show (from an imported calendar) is kept as it is
    until the coordinator picks another pattern. Below, the first meetings are listed, so
    the coordinator sees what the words mean: the rule's own, or, once the event dialog
    has worked them out (:meth:`showSeries`), those the series will hold when saved, its
    moved meetings marked and its cancelled ones set apart, counted as ``events list``
    counts them.

    Signals:
        ruleChanged: the rule (or its absence) changed.
    """

    ruleChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = datetime.combine(date.today(), datetime.min.time()).replace(hour=9)
        self._zone: str | None = None
        """The event's zone, in which a rule's UNTIL in UTC is read."""
        self._custom_rule: str | None = None
        self._loaded: tuple[str, str | None] | None = None
        self._updating = False
        self._series: tuple[str | None, datetime, WallClockSeries] | None = None
        """The meetings the series will hold, with the rule and start they were worked
        out for: listed while the rule and start shown are still those."""

        self.pattern = QComboBox(self)
        self.pattern.setObjectName("pattern")
        self.interval = QSpinBox(self)
        self.interval.setObjectName("interval")
        self.interval.setRange(1, MOST_PERIODS)
        self.intervalUnit = QLabel(self)
        self.days: list[QCheckBox] = []
        days_row = QHBoxLayout()
        days_row.setContentsMargins(0, 0, 0, 0)
        for index, code in enumerate(WEEKDAY_CODES):
            box = QCheckBox(i18n.weekday_short_name(index), self)
            box.setObjectName(f"day{code}")
            box.toggled.connect(self._edited)
            days_row.addWidget(box)
            self.days.append(box)
        days_row.addStretch(1)
        self.daysRow = QWidget(self)
        self.daysRow.setLayout(days_row)

        self.afterCount = QRadioButton(translate("RecurrenceEditor", "After"), self)
        self.afterCount.setObjectName("afterCount")
        self.count = QSpinBox(self)
        self.count.setObjectName("count")
        self.count.setRange(FEWEST_MEETINGS, recurrence.MAX_OCCURRENCES)
        self.count.setValue(6)
        self.count.setSuffix(translate("RecurrenceEditor", " meetings"))
        self.onDate = QRadioButton(translate("RecurrenceEditor", "On"), self)
        self.onDate.setObjectName("onDate")
        self.until = QDateEdit(self)
        self.until.setObjectName("until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat(translate("RecurrenceEditor", "ddd d MMM yyyy"))
        keep_to_program_days(self.until)
        self.endGroup = QButtonGroup(self)
        self.endGroup.addButton(self.afterCount)
        self.endGroup.addButton(self.onDate)
        self.afterCount.setChecked(True)
        end_row = QHBoxLayout()
        end_row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.afterCount, self.count, self.onDate, self.until):
            end_row.addWidget(widget)
        end_row.addStretch(1)
        self.endRow = QWidget(self)
        self.endRow.setLayout(end_row)

        interval_row = QHBoxLayout()
        interval_row.setContentsMargins(0, 0, 0, 0)
        interval_row.addWidget(self.interval)
        interval_row.addWidget(self.intervalUnit)
        interval_row.addStretch(1)
        self.intervalRow = QWidget(self)
        self.intervalRow.setLayout(interval_row)

        self.preview = QLabel(self)
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(translate("RecurrenceEditor", "&Repeats"), self.pattern)
        self.form.addRow(translate("RecurrenceEditor", "Every"), self.intervalRow)
        self.form.addRow(translate("RecurrenceEditor", "On", "weekdays"), self.daysRow)
        self.form.addRow(translate("RecurrenceEditor", "Ends"), self.endRow)
        self.form.addRow("", self.preview)
        self.setFocusProxy(self.pattern)
        QWidget.setTabOrder(self.pattern, self.interval)
        QWidget.setTabOrder(self.interval, self.days[0])
        for first, second in zip(self.days, self.days[1:], strict=False):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.days[-1], self.afterCount)
        QWidget.setTabOrder(self.afterCount, self.count)
        QWidget.setTabOrder(self.count, self.onDate)
        QWidget.setTabOrder(self.onDate, self.until)

        self.pattern.currentIndexChanged.connect(self._pattern_changed)
        self.interval.valueChanged.connect(self._edited)
        self.count.valueChanged.connect(self._edited)
        self.until.dateChanged.connect(self._edited)
        self.endGroup.buttonToggled.connect(self._edited)
        self._fill_patterns(Repeats.NONE)
        self._sync_end_fields()
        self._show_parts()

    # -- the start the rule is read from --------------------------------------------
    def setStart(self, local_start: datetime) -> None:
        """The series' first meeting, as a wall-clock time in the event's zone. A rule
        shown as it was stored is read again at the new hour: an UNTIL that is not the
        end of a day may then fall on another last day."""
        local_start = local_start.replace(tzinfo=None)
        moved_day = local_start.date() != self._start.date()
        self._start = local_start
        loaded = self._loaded
        if not moved_day and loaded is not None and self._written_rule() == loaded[1]:
            self.setRule(loaded[0], self._zone)
            return
        if moved_day:
            self._fill_patterns(self._repeats())
            if python_date(self.until.date()) < local_start.date():
                self._set_until(local_start.date() + timedelta(days=180))
        self._update_preview()
        self.ruleChanged.emit()

    def _fill_patterns(self, keep: Repeats) -> None:
        day = self._start.date()
        items = [(self._pattern_name(repeats, day), repeats) for repeats in offered(day)]
        if self._custom_rule:
            items.append(
                (
                    translate("RecurrenceEditor", "As imported: {rule}").format(
                        rule=self._custom_rule
                    ),
                    Repeats.CUSTOM,
                )
            )
        self._updating = True
        try:
            self.pattern.clear()
            for text, data in items:
                self.pattern.addItem(text, data.value)
            index = self.pattern.findData(keep.value)
            if index < 0 and keep is Repeats.MONTHLY_WEEKDAY:
                index = self.pattern.findData(Repeats.MONTHLY_LAST_WEEKDAY.value)
            self.pattern.setCurrentIndex(max(index, 0))
        finally:
            self._updating = False
        self._show_parts()

    @staticmethod
    def _pattern_name(repeats: Repeats, day: date) -> str:
        """How the pattern ``repeats`` is offered for a series starting on ``day``."""
        weekday = i18n.weekday_name(day.weekday())
        if repeats is Repeats.WEEKLY:
            return translate("RecurrenceEditor", "Weekly")
        if repeats is Repeats.MONTHLY_DATE:
            return translate("RecurrenceEditor", "Monthly on day {day}").format(day=day.day)
        if repeats is Repeats.MONTHLY_WEEKDAY:
            return translate("RecurrenceEditor", "Monthly on the {ordinal} {weekday}").format(
                ordinal=translate("RecurrenceEditor", ORDINALS[weekday_position(day)]),
                weekday=weekday,
            )
        if repeats is Repeats.MONTHLY_LAST_WEEKDAY:
            return translate("RecurrenceEditor", "Monthly on the last {weekday}").format(
                weekday=weekday
            )
        return translate("RecurrenceEditor", "Does not repeat")

    def _repeats(self) -> Repeats:
        """The pattern chosen."""
        return Repeats(self.pattern.currentData() or Repeats.NONE)

    def _pattern_changed(self, _index: int) -> None:
        if self._updating:
            return
        repeats = self._repeats()
        if repeats is Repeats.WEEKLY and not any(box.isChecked() for box in self.days):
            self._updating = True
            self.days[self._start.weekday()].setChecked(True)
            self._updating = False
        if repeats is not Repeats.CUSTOM and self._custom_rule is not None:
            self._custom_rule = None
            self._fill_patterns(repeats)
        self._show_parts()
        self._edited()

    def _show_parts(self) -> None:
        kind = self._repeats()
        in_words = kind not in (Repeats.NONE, Repeats.CUSTOM)
        self.form.setRowVisible(self.intervalRow, in_words)
        self.form.setRowVisible(self.daysRow, kind is Repeats.WEEKLY)
        self.form.setRowVisible(self.endRow, in_words)
        self.form.setRowVisible(self.preview, kind is not Repeats.NONE)
        self.intervalUnit.setText(
            translate("RecurrenceEditor", "week(s)")
            if kind is Repeats.WEEKLY
            else translate("RecurrenceEditor", "month(s)")
        )

    def _sync_end_fields(self) -> None:
        self.count.setEnabled(self.afterCount.isChecked())
        self.until.setEnabled(self.onDate.isChecked())

    def _edited(self, *_args: object) -> None:
        self._sync_end_fields()
        if self._updating:
            return
        self._update_preview()
        self.ruleChanged.emit()

    def _set_until(self, day: date) -> None:
        self.until.setDate(QDate(day.year, day.month, day.day))

    # -- the rule ---------------------------------------------------------------------
    def rule(self) -> str | None:
        """The RRULE value (without ``RRULE:``), or ``None`` for a one-off event.

        A rule shown by :meth:`setRule` and left as it was comes back exactly as given,
        so that opening and saving an event does not rewrite its series.
        """
        written = self._written_rule()
        if self._loaded is not None and written == self._loaded[1]:
            return self._loaded[0]
        return written

    def _written_rule(self) -> str | None:
        if self._repeats() is Repeats.CUSTOM:
            return self._custom_rule
        return write_rule(self._shown_pattern(), self._start)

    def _shown_pattern(self) -> SeriesPattern:
        """The series in the words the fields show now."""
        on_date = self.onDate.isChecked()
        return SeriesPattern(
            self._repeats(),
            self.interval.value(),
            frozenset(index for index, box in enumerate(self.days) if box.isChecked()),
            None if on_date else self.count.value(),
            python_date(self.until.date()) if on_date else None,
        )

    def setRule(self, rule: str | None, zone_name: str | None = None) -> None:
        """Show ``rule`` in words, as the model reads it for a series of the start shown
        in ``zone_name``, the event's zone; one the words cannot say is kept verbatim."""
        self._zone = zone_name
        self._custom_rule = None
        pattern = read_pattern(rule, self._start, zone_name)
        if pattern.repeats is Repeats.CUSTOM:
            self._custom_rule = rule
        self._updating = True
        try:
            self.interval.setValue(pattern.interval)
            if pattern.repeats is Repeats.WEEKLY:
                for index, box in enumerate(self.days):
                    box.setChecked(index in pattern.weekdays)
            if pattern.last_day is not None:
                self.onDate.setChecked(True)
                self._set_until(pattern.last_day)
            elif pattern.count is not None:
                self.afterCount.setChecked(True)
                self.count.setValue(pattern.count)
        finally:
            self._updating = False
        self._fill_patterns(pattern.repeats)
        self._sync_end_fields()
        self._loaded = (rule, self._written_rule()) if rule else None
        self._update_preview()
        self.ruleChanged.emit()

    def setZone(self, zone_name: str | None) -> None:
        """The event's zone changed (None: not a zone yet). A rule shown as it was stored
        is read again in it: its UNTIL in UTC may fall on another day there."""
        if zone_name == self._zone:
            return
        if self._loaded is not None and self._written_rule() == self._loaded[1]:
            self.setRule(self._loaded[0], zone_name)
            return
        self._zone = zone_name
        self._update_preview()

    # -- preview ----------------------------------------------------------------------
    def showSeries(self, series: WallClockSeries | None) -> None:
        """List ``series`` below the rule: the meetings the series will hold once saved,
        for the rule and start shown now (its stored moved and cancelled meetings
        applied); None lists the rule's own meetings again."""
        self._series = (self.rule(), self._start, series) if series is not None else None
        self._update_preview()

    def _update_preview(self) -> None:
        rule = self.rule()
        if rule is None:
            self.preview.setText("")
            return
        shown = self._series
        series = shown[2] if shown is not None and shown[:2] == (rule, self._start) else None
        try:
            text = series_view.preview_text(rule, self._start, self._zone, series)
        except (recurrence.RecurrenceError, ValueError, OverflowError) as error:
            # A rule that cannot be read says why; any other failure of the reading is
            # a fault, logged in full, the line naming the log.
            text = failure_line(error)
        self.preview.setText(text)

    def markedWidgets(self) -> list[QWidget]:
        return [self.pattern]
