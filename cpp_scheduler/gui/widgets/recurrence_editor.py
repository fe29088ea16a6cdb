"""Editing the recurrence of a series in words, and writing its RFC 5545 RRULE."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import TypeVar

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

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui.qtvalues import keep_to_program_days, python_date
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.model import recurrence
from cpp_scheduler.services.series_rules import HeldMeeting, WallClockSeries

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = {
    1: QT_TRANSLATE_NOOP("RecurrenceEditor", "first"),
    2: QT_TRANSLATE_NOOP("RecurrenceEditor", "second"),
    3: QT_TRANSLATE_NOOP("RecurrenceEditor", "third"),
    4: QT_TRANSLATE_NOOP("RecurrenceEditor", "fourth"),
    -1: QT_TRANSLATE_NOOP("RecurrenceEditor", "last"),
}

NONE = "none"
WEEKLY = "weekly"
MONTHLY_DATE = "monthly_date"
MONTHLY_WEEKDAY = "monthly_weekday"
MONTHLY_LAST_WEEKDAY = "monthly_last_weekday"
CUSTOM = "custom"

PREVIEW_COUNT = 6

Listed = TypeVar("Listed")


def weekday_position(day: date) -> int:
    """Which occurrence of its weekday ``day`` is in its month (1 to 5)."""
    return (day.day - 1) // 7 + 1


def is_last_weekday(day: date) -> bool:
    return day.day + 7 > calendar.monthrange(day.year, day.month)[1]


def _parse(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for part in rule.strip().removeprefix("RRULE:").split(";"):
        key, _, value = part.partition("=")
        if key:
            parts[key.strip().upper()] = value.strip().upper()
    return parts


def _until_date(value: str, zone_name: str | None) -> date:
    """The last day of a series from an UNTIL value, local or in UTC."""
    if value.endswith("Z") and len(value) == 16 and zone_name:
        instant = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        try:
            return timezones.to_local(instant, zone_name).date()
        except (timezones.TimeZoneError, OSError):
            pass
    return datetime.strptime(value[:8], "%Y%m%d").date()


class RecurrenceEditor(QWidget):
    """Does not repeat, weekly on chosen days, or monthly by date or by weekday position,
    ending after a number of meetings or on a date.

    The rule follows the event's start (:meth:`setStart`): "monthly on the third
    Wednesday" is read from the start date. The end date (UNTIL) is written as a local
    wall-clock time at the end of that day, as the series expansion reads it. A rule this
    editor cannot show (from an imported calendar) is kept as it is until the coordinator
    picks another pattern. Below, the first meetings are listed, so the coordinator sees
    what the words mean: the rule's own, or, once the event dialog has worked them out
    (:meth:`showSeries`), those the series will hold when saved, its moved meetings
    marked and its cancelled ones set apart, counted as ``events list`` counts them.

    Signals:
        ruleChanged: the rule (or its absence) changed.
    """

    ruleChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = datetime.combine(date.today(), datetime.min.time()).replace(hour=9)
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
        self.interval.setRange(1, 12)
        self.intervalUnit = QLabel(self)
        self.days: list[QCheckBox] = []
        days_row = QHBoxLayout()
        days_row.setContentsMargins(0, 0, 0, 0)
        for index in range(7):
            box = QCheckBox(i18n.weekday_short_name(index), self)
            box.setObjectName(f"day{WEEKDAY_CODES[index]}")
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
        self.count.setRange(2, recurrence.MAX_OCCURRENCES)
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
        self.form.addRow(translate("RecurrenceEditor", "On"), self.daysRow)
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
        self._fill_patterns(NONE)
        self._sync_end_fields()
        self._show_parts()

    # -- the start the rule is read from --------------------------------------------
    def setStart(self, local_start: datetime) -> None:
        """The series' first meeting, as a wall-clock time in the event's zone."""
        local_start = local_start.replace(tzinfo=None)
        moved_day = local_start.date() != self._start.date()
        self._start = local_start
        if moved_day:
            self._fill_patterns(self.pattern.currentData() or NONE)
            if python_date(self.until.date()) < local_start.date():
                self._set_until(local_start.date() + timedelta(days=180))
        self._update_preview()
        self.ruleChanged.emit()

    def _fill_patterns(self, keep: str) -> None:
        day = self._start.date()
        weekday = i18n.weekday_name(day.weekday())
        items = [
            (translate("RecurrenceEditor", "Does not repeat"), NONE),
            (translate("RecurrenceEditor", "Weekly"), WEEKLY),
            (
                translate("RecurrenceEditor", "Monthly on day {day}").format(day=day.day),
                MONTHLY_DATE,
            ),
        ]
        position = weekday_position(day)
        if position <= 4:
            items.append(
                (
                    translate("RecurrenceEditor", "Monthly on the {ordinal} {weekday}").format(
                        ordinal=translate("RecurrenceEditor", ORDINALS[position]), weekday=weekday
                    ),
                    MONTHLY_WEEKDAY,
                )
            )
        if is_last_weekday(day):
            items.append(
                (
                    translate("RecurrenceEditor", "Monthly on the last {weekday}").format(
                        weekday=weekday
                    ),
                    MONTHLY_LAST_WEEKDAY,
                )
            )
        if self._custom_rule:
            items.append(
                (
                    translate("RecurrenceEditor", "As imported: {rule}").format(
                        rule=self._custom_rule
                    ),
                    CUSTOM,
                )
            )
        self._updating = True
        try:
            self.pattern.clear()
            for text, data in items:
                self.pattern.addItem(text, data)
            index = self.pattern.findData(keep)
            if index < 0 and keep == MONTHLY_WEEKDAY:
                index = self.pattern.findData(MONTHLY_LAST_WEEKDAY)
            self.pattern.setCurrentIndex(max(index, 0))
        finally:
            self._updating = False
        self._show_parts()

    def _pattern_changed(self, _index: int) -> None:
        if self._updating:
            return
        if self.pattern.currentData() == WEEKLY and not any(box.isChecked() for box in self.days):
            self._updating = True
            self.days[self._start.weekday()].setChecked(True)
            self._updating = False
        if self.pattern.currentData() != CUSTOM and self._custom_rule is not None:
            self._custom_rule = None
            self._fill_patterns(self.pattern.currentData())
        self._show_parts()
        self._edited()

    def _show_parts(self) -> None:
        kind = self.pattern.currentData() or NONE
        repeats = kind not in (NONE, CUSTOM)
        self.form.setRowVisible(self.intervalRow, repeats)
        self.form.setRowVisible(self.daysRow, kind == WEEKLY)
        self.form.setRowVisible(self.endRow, repeats)
        self.form.setRowVisible(self.preview, kind != NONE)
        self.intervalUnit.setText(
            translate("RecurrenceEditor", "week(s)")
            if kind == WEEKLY
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
        kind = self.pattern.currentData() or NONE
        if kind == NONE:
            return None
        if kind == CUSTOM:
            return self._custom_rule
        day = self._start.date()
        parts = ["FREQ=WEEKLY" if kind == WEEKLY else "FREQ=MONTHLY"]
        if self.interval.value() > 1:
            parts.append(f"INTERVAL={self.interval.value()}")
        if kind == WEEKLY:
            chosen = [
                code for code, box in zip(WEEKDAY_CODES, self.days, strict=True) if box.isChecked()
            ]
            parts.append("BYDAY=" + ",".join(chosen or [WEEKDAY_CODES[day.weekday()]]))
        elif kind == MONTHLY_DATE:
            parts.append(f"BYMONTHDAY={day.day}")
        elif kind == MONTHLY_WEEKDAY:
            parts.append(f"BYDAY={weekday_position(day)}{WEEKDAY_CODES[day.weekday()]}")
        elif kind == MONTHLY_LAST_WEEKDAY:
            parts.append(f"BYDAY=-1{WEEKDAY_CODES[day.weekday()]}")
        if self.afterCount.isChecked():
            parts.append(f"COUNT={self.count.value()}")
        else:
            parts.append(f"UNTIL={python_date(self.until.date()):%Y%m%d}T235959")
        return ";".join(parts)

    def setRule(self, rule: str | None, zone_name: str | None = None) -> None:
        """Show ``rule``; one this editor cannot express is kept verbatim.

        An UNTIL written in UTC (``...Z``, as RFC 5545 wants beside a zoned start) is shown
        as its date in ``zone_name``, the event's zone.
        """
        self._custom_rule = None
        kind = self._kind_of(rule) if rule else NONE
        parts = _parse(rule) if rule else {}
        if kind == CUSTOM:
            self._custom_rule = rule
        self._updating = True
        try:
            self.interval.setValue(int(parts.get("INTERVAL", "1") or 1))
            if kind == WEEKLY:
                # A weekly rule naming no day meets on its start's weekday (RFC 5545,
                # section 3.3.10), which the boxes show as the engine reads it.
                byday = parts.get("BYDAY") or WEEKDAY_CODES[self._start.weekday()]
                chosen = set(byday.split(","))
                for code, box in zip(WEEKDAY_CODES, self.days, strict=True):
                    box.setChecked(code in chosen)
            if "UNTIL" in parts:
                self.onDate.setChecked(True)
                self._set_until(_until_date(parts["UNTIL"], zone_name))
            elif "COUNT" in parts:
                self.afterCount.setChecked(True)
                self.count.setValue(int(parts["COUNT"]))
        finally:
            self._updating = False
        self._fill_patterns(kind)
        self._sync_end_fields()
        self._loaded = (rule, self._written_rule()) if rule else None
        self._update_preview()
        self.ruleChanged.emit()

    def _kind_of(self, rule: str) -> str:
        parts = _parse(rule)
        allowed = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL"}
        if set(parts) - allowed or ("COUNT" in parts) == ("UNTIL" in parts):
            return CUSTOM
        try:
            if "COUNT" in parts:
                int(parts["COUNT"])
            int(parts.get("INTERVAL", "1"))
            if "UNTIL" in parts:
                datetime.strptime(parts["UNTIL"][:8], "%Y%m%d")
        except ValueError:
            return CUSTOM
        day = self._start.date()
        code = WEEKDAY_CODES[day.weekday()]
        freq, byday = parts.get("FREQ"), parts.get("BYDAY", "")
        if (
            freq == "WEEKLY"
            and "BYMONTHDAY" not in parts
            and all(item in WEEKDAY_CODES for item in byday.split(",") if item)
        ):
            return WEEKLY
        if freq == "MONTHLY" and parts.get("BYMONTHDAY") == str(day.day) and not byday:
            return MONTHLY_DATE
        if freq == "MONTHLY" and "BYMONTHDAY" not in parts:
            if byday == f"{weekday_position(day)}{code}" and weekday_position(day) <= 4:
                return MONTHLY_WEEKDAY
            if byday == f"-1{code}" and is_last_weekday(day):
                return MONTHLY_LAST_WEEKDAY
        return CUSTOM

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
        if self._series is not None and self._series[:2] == (rule, self._start):
            self.preview.setText(self._series_text(self._series[2]))
            return
        try:
            limit = recurrence.MAX_OCCURRENCES + 1
            starts = list(islice(recurrence.wall_clock_starts(rule, self._start), limit))
        except (recurrence.RecurrenceError, ValueError, OverflowError) as error:
            self.preview.setText(str(error))
            return
        if not starts:
            self.preview.setText(
                translate("RecurrenceEditor", "This rule gives no meeting at all.")
            )
            return
        if len(starts) >= limit:
            self.preview.setText(
                translate(
                    "RecurrenceEditor", "More than {count} meetings: shorten the series."
                ).format(count=recurrence.MAX_OCCURRENCES)
            )
            return
        self.preview.setText(
            self._series_text(WallClockSeries(tuple(HeldMeeting(start) for start in starts)))
        )

    def _series_text(self, series: WallClockSeries) -> str:
        """How many meetings are held, at what time and on which days; then the
        cancelled ones."""
        if series.held:
            count = (
                translate("RecurrenceEditor", "{count} meetings")
                if len(series.held) > 1
                else translate("RecurrenceEditor", "{count} meeting")
            ).format(count=len(series.held))
            lines = [
                translate("RecurrenceEditor", "{count} at {time}: {days}").format(
                    count=count,
                    time=i18n.time_text(self._start),
                    days=_listed(series.held, self._meeting_text),
                )
            ]
        else:
            lines = [translate("RecurrenceEditor", "Every meeting of this series is cancelled.")]
        if series.cancelled:
            lines.append(
                translate("RecurrenceEditor", "Cancelled: {days}").format(
                    days=_listed(series.cancelled, _day_text)
                )
            )
        return "\n".join(lines)

    def _meeting_text(self, meeting: HeldMeeting, with_year: bool) -> str:
        """A meeting's day; its time where it is not the series' own; where it was moved
        from, if it was."""
        text = _day_text(meeting.start, with_year)
        if meeting.start.time() != self._start.time():
            text += f" {i18n.time_text(meeting.start)}"
        ruled = meeting.ruled
        if ruled is None:
            return text
        if ruled == meeting.start:
            return translate("RecurrenceEditor", "{day} (moved)").format(day=text)
        before = (
            i18n.time_text(ruled)
            if ruled.date() == meeting.start.date()
            else i18n.short_day_text(ruled.date())
        )
        return translate("RecurrenceEditor", "{day} (moved from {before})").format(
            day=text, before=before
        )

    def markedWidgets(self) -> list[QWidget]:
        return [self.pattern]


def _day_text(moment: datetime, with_year: bool) -> str:
    """A day of the list: Wed 17 Feb (with its year at the end of the list), and in
    Japanese 2027年2月17日(水), each day with its year."""
    if i18n.language() == i18n.JAPANESE:
        return i18n.day_text(moment.date())
    return i18n.in_english(moment, "%a %d %b %Y" if with_year else "%a %d %b")


def _listed(items: Sequence[Listed], text_of: Callable[[Listed, bool], str]) -> str:
    """The first :data:`PREVIEW_COUNT` items, then the last after an ellipsis when there
    are more; the last written with its year (``text_of(item, with_year)``)."""
    shown = items[:PREVIEW_COUNT]
    more = len(items) > len(shown)
    separator = "、" if i18n.language() == i18n.JAPANESE else ", "
    text = separator.join(
        text_of(item, not more and index == len(shown) - 1) for index, item in enumerate(shown)
    )
    if more:
        text += f" … {text_of(items[-1], True)}"
    return text
