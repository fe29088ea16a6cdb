"""The handle on an open program that the window holds and passes to the services.

The window never queries through it: every read and write is a function of
``cpp_scheduler.services`` that takes it.
"""

from cpp_scheduler.store import Database, open_database

__all__ = ["Database", "open_database"]
