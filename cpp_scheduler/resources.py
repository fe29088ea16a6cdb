"""Where the shipped data files live, installed or in a source checkout.

A wheel carries the top-level ``resources/``, ``ui/`` and ``docs/`` folders inside the
package (``cpp_scheduler/resources``, ``cpp_scheduler/ui``, ``cpp_scheduler/docs``); a
source checkout or an editable
install keeps them beside the package. Callers ask here and never build paths themselves.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _root(folder: str) -> Path:
    for candidate in (_PACKAGE_DIR / folder, _PACKAGE_DIR.parent / folder):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"The {folder}/ folder that ships with CPP Scheduler is missing "
        f"(looked in {_PACKAGE_DIR} and {_PACKAGE_DIR.parent}); reinstall the program."
    )


def resource_path(*parts: str) -> Path:
    """A file or folder below ``resources/`` (reference data, icons, styles)."""
    return _root("resources").joinpath(*parts)


def doc_path(name: str) -> Path:
    """One of the program's documents below ``docs/`` (the user guide and references),
    which Help shows inside the program."""
    return _root("docs") / name


def form_path(name: str) -> Path:
    """A Qt Designer form below ``ui/``, by file name (``event_dialog.ui``)."""
    return _root("ui") / name
