"""What the engine's commands (times, conflicts, slots) share: argument types and JSON.

JSON carries instants in UTC with a ``Z`` and local times in ISO 8601 with their offset,
so a script reads the same moment whichever way it looks.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

_DURATION = re.compile(r"^\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*$", re.I)


def duration(text: str) -> timedelta:
    """``90m``, ``1h30m``, ``2h``, ``45`` (minutes)."""
    if text.strip().isdigit():
        return timedelta(minutes=int(text))
    match = _DURATION.match(text)
    if not match or not (match["h"] or match["m"]):
        raise argparse.ArgumentTypeError(f"'{text}' is not a duration (write 90m, 1h30m or 2h)")
    result = timedelta(hours=int(match["h"] or 0), minutes=int(match["m"] or 0))
    if result <= timedelta(0):
        raise argparse.ArgumentTypeError("a duration must be longer than zero")
    return result


def utc_z(instant: datetime) -> str:
    """``2027-01-12T01:00:00Z``."""
    return instant.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def local_iso(local: datetime) -> str:
    """``2027-01-11T20:00:00-05:00``."""
    return local.isoformat(timespec="seconds")


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def table(rows: list[list[str]], header: list[str]) -> str:
    """Plain columns, as wide as their widest cell."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines)
