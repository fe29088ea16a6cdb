"""Qt's dates and times as Python's, and date fields kept to the program's days.

``QDate.toPython()`` is typed as returning ``object``; these conversions say what they
return, so the widgets that read a date or a time are checked strictly.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QCalendarWidget, QDateTimeEdit

from cpp_scheduler import limits


def python_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def python_time(value: QTime) -> time:
    """The time to the minute: every field of the program is edited to the minute."""
    return time(value.hour(), value.minute())


def qt_date(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def keep_to_program_days(field: QDateTimeEdit | QCalendarWidget) -> None:
    """Offer only the days the program plans for (``limits.EARLIEST_DAY`` to
    ``limits.LATEST_DAY``).

    Qt's own range runs from 4714 BC to AD 9999, days no view can show and no search or
    document can read; kept to the program's, a date field or a month navigator cannot
    be given one, and a date set beyond them stops at the nearest end.
    """
    field.setDateRange(qt_date(limits.EARLIEST_DAY), qt_date(limits.LATEST_DAY))
