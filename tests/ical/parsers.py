"""Independent readers of calendar files, each reduced to the same plain values.

Every reader returns the set of ``(uid, start, end)`` meetings it sees in a file, UTC
instants, recurring events expanded over a window; all-day entries are returned as
dates. The tests compare these sets with each other and with the program's own model.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events
import vobject
from ical.calendar_stream import IcsCalendarStream

Meeting = tuple[str, datetime | date, datetime | date]
ICALJS_DIR = Path(__file__).parent / "icaljs"


def _utc(value: datetime | date) -> datetime | date:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value} in an export"
        return value.astimezone(UTC)
    return value


def with_icalendar(data: bytes) -> set[Meeting]:
    """icalendar alone: each VEVENT as written (masters and moved occurrences)."""
    calendar = icalendar.Calendar.from_ical(data)
    found: set[Meeting] = set()
    for event in calendar.walk("VEVENT"):
        start = event["DTSTART"].dt
        end = event["DTEND"].dt if "DTEND" in event else start + event["DURATION"].dt
        found.add((str(event["UID"]), _utc(start), _utc(end)))
    return found


def with_vobject(data: bytes, window: tuple[datetime, datetime]) -> set[Meeting]:
    """vobject, as its users expand a series: the master's rule set, each start given
    the master's length, and the meetings a RECURRENCE-ID component names replaced by
    that component's own times."""
    calendar = vobject.readOne(data.decode("utf-8"))
    found: set[Meeting] = set()
    replaced: dict[str, dict[datetime, Any]] = {}
    masters = []
    for event in calendar.contents.get("vevent", []):
        if "recurrence-id" in event.contents:
            moment = event.contents["recurrence-id"][0].value
            replaced.setdefault(event.uid.value, {})[_utc_instant(moment)] = event
        else:
            masters.append(event)
    for event in masters:
        uid = event.uid.value
        start = event.dtstart.value
        length = event.dtend.value - start if "dtend" in event.contents else event.duration.value
        if "rrule" not in event.contents:
            found.add((uid, _utc(start), _utc(start + length)))
            continue
        overrides = replaced.get(uid, {})
        for begin in event.getrruleset(addRDate=True):
            if begin > window[1]:
                break
            override = overrides.get(_utc_instant(begin))
            if override is not None:
                begin = override.dtstart.value
                finish = (
                    override.dtend.value
                    if "dtend" in override.contents
                    else begin + override.duration.value
                )
            else:
                finish = begin + length
            if _utc_instant(finish) < window[0]:
                continue
            found.add((uid, _utc(begin), _utc(finish)))
    return found


def _utc_instant(value: datetime) -> datetime:
    assert value.tzinfo is not None, f"floating time {value} in an export"
    return value.astimezone(UTC)


def with_recurring_ical_events(data: bytes, window: tuple[datetime, datetime]) -> set[Meeting]:
    calendar = icalendar.Calendar.from_ical(data)
    found: set[Meeting] = set()
    for event in recurring_ical_events.of(calendar).between(*window):
        found.add((str(event["UID"]), _utc(event["DTSTART"].dt), _utc(event["DTEND"].dt)))
    return found


def with_ical(data: bytes, window: tuple[datetime, datetime]) -> set[Meeting]:
    """The strict ``ical`` package (pydantic models; refuses what RFC 5545 forbids)."""
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    found: set[Meeting] = set()
    for event in calendar.timeline_tz(UTC).overlapping(*window):
        found.add((str(event.uid), _utc(event.dtstart), _utc(event.end)))  # DTEND or DURATION
    return found


def icaljs_problem() -> str | None:
    """Why ical.js cannot run here, or None."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (ICALJS_DIR / "node_modules" / "ical.js").is_dir():
        return "ical.js is not installed (npm ci --prefix tests/ical/icaljs)"
    return None


def with_icaljs(paths: list[Path], window: tuple[datetime, datetime]) -> dict[Path, set[Meeting]]:
    """Mozilla's ical.js, as in Thunderbird: zones from the file's VTIMEZONEs only."""
    node = shutil.which("node")
    assert node is not None
    completed = subprocess.run(
        [
            node,
            str(ICALJS_DIR / "parse.mjs"),
            window[0].isoformat(),
            window[1].isoformat(),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    found: dict[Path, set[Meeting]] = {path: set() for path in paths}
    rows: list[dict[str, Any]] = json.loads(completed.stdout)
    for row in rows:
        if row["allDay"]:
            start: datetime | date = date.fromisoformat(row["start"][:10])
            end: datetime | date = date.fromisoformat(row["end"][:10])
        else:
            start = datetime.fromisoformat(row["start"].replace("Z", "+00:00"))
            end = datetime.fromisoformat(row["end"].replace("Z", "+00:00"))
        found[Path(row["file"])].add((row["uid"], start, end))
    return found


def timed(meetings: set[Meeting]) -> set[Meeting]:
    return {meeting for meeting in meetings if isinstance(meeting[1], datetime)}


def khal_problem() -> str | None:
    """Why khal cannot run here, or None."""
    if shutil.which("khal") is None:
        return "khal is not installed (Debian package khal)"
    return None


_KHAL_CONFIG = """[calendars]
{calendars}
[locale]
local_timezone = UTC
default_timezone = UTC
timeformat = %H:%M:%S
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M:%S
longdatetimeformat = %Y-%m-%dT%H:%M:%S
[sqlite]
path = {folder}/khal.db
"""


def with_khal(
    paths: list[Path], window: tuple[datetime, datetime], folder: Path
) -> dict[Path, set[Meeting]]:
    """khal (pimutils), a terminal calendar over icalendar and its own zone handling:
    each file imported into a calendar of its own, listed on a UTC clock."""
    khal = shutil.which("khal")
    assert khal is not None
    names = {f"file{number}": path for number, path in enumerate(paths)}
    calendars = ""
    for name in names:
        (folder / name).mkdir()
        calendars += f"[[{name}]]\npath = {folder / name}\n"
    config = folder / "khal.conf"
    config.write_text(_KHAL_CONFIG.format(calendars=calendars, folder=folder))
    for name, path in names.items():
        subprocess.run(
            [khal, "-c", str(config), "import", "--batch", "-a", name, str(path)],
            capture_output=True,
            check=True,
            timeout=60,
        )
    listed = subprocess.run(
        [
            khal,
            "-c",
            str(config),
            "list",
            "--format",
            "{calendar}|{start}|{end}|{uid}|{all-day}",
            "--day-format",
            "",
            f"{window[0]:%Y-%m-%d}",
            f"{window[1]:%Y-%m-%d}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    found: dict[Path, set[Meeting]] = {path: set() for path in paths}
    for line in listed.stdout.splitlines():
        if not line.strip():
            continue
        name, start_text, end_text, uid, all_day = line.split("|")
        if all_day == "True":
            # khal shows an all-day entry's last day; the file's DTEND is the day after.
            start: datetime | date = date.fromisoformat(start_text)
            end: datetime | date = date.fromisoformat(end_text) + timedelta(days=1)
        else:
            start = datetime.fromisoformat(start_text).replace(tzinfo=UTC)
            end = datetime.fromisoformat(end_text).replace(tzinfo=UTC)
        found[names[name]].add((uid, start, end))
    return found


def calcurse_problem() -> str | None:
    """Why calcurse cannot run here, or None."""
    if shutil.which("calcurse") is None:
        return "calcurse is not installed (Debian package calcurse)"
    return None


def with_calcurse(
    path: Path, zone: str, window: tuple[datetime, datetime], folder: Path
) -> set[tuple[str, datetime, datetime]]:
    """calcurse, on a computer whose clock is ``zone``: it converts each time to that
    clock and repeats series there; it knows no UID, so meetings are (title, start,
    end), UTC instants."""
    calcurse = shutil.which("calcurse")
    assert calcurse is not None
    environment = {"TZ": zone, "HOME": str(folder), "PATH": "/usr/bin:/bin"}
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [calcurse, "-D", str(folder), "-i", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
        env=environment,
    )
    days = (window[1] - window[0]).days
    listed = subprocess.run(
        [
            calcurse,
            "-D",
            str(folder),
            "-Q",
            "--from",
            f"{window[0]:%m/%d/%Y}",
            "--days",
            str(days),
            "--format-apt",
            "@%(start:epoch)|%(end:epoch)|%(message)\\n",
            "--format-recur-apt",
            "@%(start:epoch)|%(end:epoch)|%(message)\\n",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=environment,
    )
    found: set[tuple[str, datetime, datetime]] = set()
    for line in listed.stdout.splitlines():
        if not line.startswith("@"):
            continue
        start_text, end_text, title = line[1:].split("|", 2)
        found.add(
            (
                title,
                datetime.fromtimestamp(int(start_text), UTC),
                datetime.fromtimestamp(int(end_text), UTC),
            )
        )
    return found


def calcurse_days(
    path: Path, zone: str, window: tuple[datetime, datetime], folder: Path
) -> set[tuple[str, date]]:
    """calcurse's all-day entries ("events", a multi-day one repeated daily): each
    (title, day) it lists, on a computer whose clock is ``zone``."""
    calcurse = shutil.which("calcurse")
    assert calcurse is not None
    environment = {"TZ": zone, "HOME": str(folder), "PATH": "/usr/bin:/bin"}
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [calcurse, "-D", str(folder), "-i", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
        env=environment,
    )
    listed = subprocess.run(
        [
            calcurse,
            "-D",
            str(folder),
            "-Q",
            "--from",
            f"{window[0]:%m/%d/%Y}",
            "--days",
            str((window[1] - window[0]).days),
            "--format-event",
            "@%(message)\\n",
            "--format-recur-event",
            "@%(message)\\n",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=environment,
    )
    found: set[tuple[str, date]] = set()
    day: date | None = None
    for line in listed.stdout.splitlines():
        if line.endswith(":") and line.count("/") == 2:
            day = datetime.strptime(line[:-1], "%m/%d/%y").date()
        elif line.startswith("@") and day is not None:
            found.add((line[1:], day))
    return found
