"""The one order of meetings: by start, then by title read without regard to case
(``eThekwini exchange call`` before ``Kobe follow-up``), then by event, so meetings of
one start read alike wherever they are listed: the Agenda table, a day of the Month
view, ``cpp-scheduler events list`` and the agenda a spreadsheet exports.

It imports nothing but the standard library: the window's rows are ordered by it before
the database layer has loaded.
"""

from __future__ import annotations

from datetime import datetime


def meeting_order(
    start: datetime, title: str, event_id: str = ""
) -> tuple[datetime, str, str, str]:
    """The key a meeting is sorted by: its start (UTC), its title without regard to case
    (then as written, so two titles that differ only in case keep one order), its event."""
    return start, title.casefold(), title, event_id
