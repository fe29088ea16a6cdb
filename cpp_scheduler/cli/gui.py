"""Opening the desktop window from the command line, or saying why it cannot open."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.i18n import ngettext

#: The Debian and Ubuntu packages Qt's X11 plugin needs beyond a desktop's usual ones.
X11_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 "
    "libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0"
)


def display_problem() -> str | None:
    """Why no window can be shown here, or None when a display is available."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None  # an explicit platform (offscreen, xcb, wayland) is the user's choice
    if not sys.platform.startswith("linux"):
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "run it in a desktop session, or use a subcommand such as "
            "'cpp-scheduler events list' (see 'cpp-scheduler --help')"
        )
    if not os.environ.get("WAYLAND_DISPLAY"):
        return x11_problem(xcb_plugin())
    return None


def xcb_plugin() -> Path | None:
    """Where the installed Qt keeps its X11 platform plugin (found without importing Qt)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(spec.submodule_search_locations[0]) / "Qt/plugins/platforms/libqxcb.so"
    return plugin if plugin.is_file() else None


def x11_problem(plugin: Path | None) -> str | None:
    """What keeps Qt's X11 plugin from loading, found before Qt aborts the process over it."""
    if plugin is None:
        return None
    import ctypes
    import ctypes.util

    missing: list[str] = []
    try:
        ctypes.CDLL(str(plugin))
    except OSError as error:
        missing.append(str(error).split(": cannot open", 1)[0].rsplit("/", 1)[-1])
    if ctypes.util.find_library("xcb-cursor") is None:
        missing.append("libxcb-cursor.so.0")
    if not missing:
        return None
    return ngettext(
        "cannot open a window on the X11 display {display}: Qt needs the system library "
        "{libraries} (on Debian or Ubuntu: apt install {packages})",
        "cannot open a window on the X11 display {display}: Qt needs the system libraries "
        "{libraries} (on Debian or Ubuntu: apt install {packages})",
        len(missing),
    ).format(
        display=os.environ.get("DISPLAY", ""),
        libraries=", ".join(missing),
        packages=X11_PACKAGES,
    )


def launch(args: argparse.Namespace) -> int:
    problem = display_problem()
    if problem is not None:
        raise CliError(problem, status=2)
    from cpp_scheduler.gui.app import run

    return run(database=args.db, language=getattr(args, "lang", None))
