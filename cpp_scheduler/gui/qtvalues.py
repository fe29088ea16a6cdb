"""Qt's dates and times as Python's.

``QDate.toPython()`` is typed as returning ``object``; these conversions say what they
return, so the widgets that read a date or a time are checked strictly.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime


def python_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def python_time(value: QTime) -> time:
    """The time to the minute: every field of the program is edited to the minute."""
    return time(value.hour(), value.minute())
