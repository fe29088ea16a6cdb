"""The root of the errors a user can cause or fix.

Every layer raises a subclass of :class:`SchedulerError` for bad input (a broken rule, an
unknown zone, a database that cannot be opened, a malformed file) with a message that
says what and where. The CLI prints it as one line and the GUI shows it in a dialog;
anything else is a bug, logged with its traceback.
"""


class SchedulerError(Exception):
    """A failure with a message fit for a coordinator."""
