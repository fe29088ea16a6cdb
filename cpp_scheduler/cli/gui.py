"""Opening the desktop window from the command line, or saying why it cannot open."""

from __future__ import annotations

import argparse
import os
import sys

from cpp_scheduler.cli.errors import CliError


def display_problem() -> str | None:
    """Why no window can be shown here, or None when a display is available."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None  # an explicit platform (offscreen, xcb, wayland) is the user's choice
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "run it in a desktop session, or use a subcommand such as "
            "'cpp-scheduler events list' (see 'cpp-scheduler --help')"
        )
    return None


def launch(args: argparse.Namespace) -> int:
    problem = display_problem()
    if problem is not None:
        raise CliError(problem, status=2)
    from cpp_scheduler.gui.app import run

    return run(database=args.db)
