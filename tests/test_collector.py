"""The cycle collector held through an import is on again after it, whatever happened."""

from __future__ import annotations

import gc

import pytest

from cpp_scheduler.collector import collector_held
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.importer import read_calendar


def test_a_refused_file_leaves_the_collector_on() -> None:
    with pytest.raises(CalendarFileError):
        read_calendar(b"BEGIN:VCALENDAR\r\nNOT A LINE\r\nEND:VCALENDAR\r\n", "bad.ics")
    assert gc.isenabled()


def test_overlapping_blocks_leave_the_collector_on_once_the_first_ends() -> None:
    first, second = collector_held(), collector_held()
    first.__enter__()
    second.__enter__()
    assert not gc.isenabled()
    first.__exit__(None, None, None)
    assert gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_held():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
