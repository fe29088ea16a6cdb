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

from cpp_scheduler import limits
from cpp_scheduler.cli import columns
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import _

_DURATION = re.compile(r"^\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*$", re.I)


def duration(text: str) -> timedelta:
    """``90m``, ``1h30m``, ``2h``, ``45`` (minutes)."""
    if text.strip().isdecimal():
        hours, minutes = "0", text.strip()
    else:
        match = _DURATION.match(text)
        if not match or not (match["h"] or match["m"]):
            raise argparse.ArgumentTypeError(
                _("{text} is not a duration (write 90m, 1h30m or 2h)").format(text=quoted(text))
            )
        hours, minutes = match["h"] or "0", match["m"] or "0"
    longest = limits.LONGEST_DURATION.total_seconds() // 60
    # Eight digits are far past the limit; counting them first keeps int() cheap.
    if len(hours) > 8 or len(minutes) > 8 or int(hours) * 60 + int(minutes) > longest:
        raise argparse.ArgumentTypeError(_too_long(text))
    total_minutes = int(hours) * 60 + int(minutes)
    result = timedelta(minutes=total_minutes)
    if result <= timedelta(0):
        raise argparse.ArgumentTypeError(_("a duration must be longer than zero"))
    return result


def _too_long(text: str) -> str:
    return _("{text} is longer than the {longest} the program plans for").format(
        text=quoted(text), longest=limits.describe_duration(limits.LONGEST_DURATION)
    )


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
    """Plain columns, as wide as their widest cell on screen (:mod:`.columns`)."""
    return columns.table(rows, header)
