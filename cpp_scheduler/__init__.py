"""CPP Scheduler: plans TDLC City Partnership Program events across time zones.

The package is layered; see ARCHITECTURE.md. Everything importable from this top level
is free of Qt so that the CLI, the tests and scripts can use it without a display.
"""

__version__ = "0.1.0"
"""The one place the version is written; the build reads it from here (pyproject.toml)."""

APP_NAME = "CPP Scheduler"
ORGANISATION = "TDLC"
