"""Full disks as a coordinator meets them, for the tests of writing files and saving."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def fill_up(folder: Path) -> None:
    """Write a file into ``folder`` until its disk (a small file system of the test's,
    see the ``small_disk_of`` fixture) has no room left."""
    filler = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        with contextlib.suppress(OSError):  # stops when the disk is full
            while os.write(filler, b"x" * 512):
                continue
    finally:
        os.close(filler)
