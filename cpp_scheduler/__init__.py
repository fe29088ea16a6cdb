"""CPP Scheduler: plans TDLC City Partnership Program events across time zones.

The package is layered; see ARCHITECTURE.md. Everything importable from this top level
is free of Qt so that the CLI, the tests and scripts can use it without a display.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cpp-scheduler")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

APP_NAME = "CPP Scheduler"
ORGANISATION = "TDLC"
