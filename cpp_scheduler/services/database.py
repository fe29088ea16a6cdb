"""The handle on an open program that the window holds and passes to the services.

The window never queries through it: every read and write is a function of
``cpp_scheduler.services`` that takes it. Whether a location holds a program at all
(:func:`missing_program`, :func:`vanished_file`) is asked here too, so that the window
judges a location by the command line's rule without reaching into the store.
"""

from cpp_scheduler.store import Database, open_database
from cpp_scheduler.store.authors import AuthorError, checked_author, system_author
from cpp_scheduler.store.database import missing_program, vanished_file
from cpp_scheduler.store.errors import ConnectionLostError, SaveLostError, ServerUnavailableError

__all__ = [
    "AuthorError",
    "Database",
    "checked_author",
    "lost_while_saving",
    "missing_program",
    "open_database",
    "out_of_reach",
    "system_author",
    "vanished_file",
]


def out_of_reach(error: BaseException) -> bool:
    """Whether ``error`` says the database cannot be reached now (the connection was
    lost, the server does not answer): whatever else failed with it for that reason
    meanwhile is that same failure, told once."""
    return isinstance(error, ConnectionLostError | ServerUnavailableError)


def lost_while_saving(error: BaseException) -> bool:
    """Whether ``error`` is a save the lost connection ended, or a refusal worded around
    one (a program file's import, the demo's, naming the file first), whose line says
    only that nothing was saved: each medium adds its own next step (the command is run
    again, the window, which reconnects by itself, saves again; both once the server
    answers)."""
    return isinstance(error, SaveLostError) or isinstance(error.__cause__, SaveLostError)
