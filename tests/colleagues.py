"""Processes for colleagues working on one database at the same moment.

Each colleague is a process of its own, as on another coordinator's computer. They are
forked from a server process that loaded the program once (multiprocessing's
``forkserver``): a colleague starts in a few milliseconds, where a process started anew
imports Python, SQLAlchemy and the program for a second or more, and none of them holds
a copy of the test's own Qt application or threads.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext

LOADED = [
    "sqlalchemy",
    "cpp_scheduler.store",
    "cpp_scheduler.services.editing",
    "cpp_scheduler.services.series",
    "cpp_scheduler.services.calendar_reads",
    "cpp_scheduler.services.calendar_import",
    "cpp_scheduler.services.tours",
    "cpp_scheduler.programfile",
    "cpp_scheduler.ical.importer",
]
"""What the server loads before it forks: what the colleagues' work runs."""


def colleagues() -> BaseContext:
    """The context to start colleagues' processes, queues and barriers from."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(LOADED)
    return context
