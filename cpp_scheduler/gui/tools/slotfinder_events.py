"""What the slot finder creates: the event at a chosen time, or the planned series, as
undoable commands for the window's stack.

The event carries who was searched for, where, and who hosts it (a partner city's office,
or TDLC when the field is empty), so the event dialog shows the host the search weighed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui.commands import CreateRecord, Editor, RecordCommand
from cpp_scheduler.gui.tools.commands import GroupCommand
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.model import (
    Event,
    EventKind,
    EventMode,
    EventStatus,
    OccurrenceOverride,
)
from cpp_scheduler.scheduling.inputs import AttendeeKind
from cpp_scheduler.scheduling.slots import SeriesPlan
from cpp_scheduler.services.slot_search import SlotAnswer, series_layout


def event_values(
    answer: SlotAnswer, title: str, video_link: str, start: datetime, end: datetime
) -> dict[str, Any]:
    """A tentative event for the searched attendees, online unless a venue was asked."""
    attendees = answer.attendees
    venue_id = answer.search.venue_id
    online = venue_id is None
    host = answer.search.host
    return {
        "title": title
        or translate("SlotFinder", "Meeting of {names}").format(
            names=", ".join(a.name for a in attendees[:3])
        ),
        "kind": EventKind.VIDEOCONFERENCE if online else EventKind.WORKSHOP,
        "mode": EventMode.VIRTUAL if online else EventMode.FACE_TO_FACE,
        "status": EventStatus.TENTATIVE,
        "start_utc": start.astimezone(UTC),
        "end_utc": end.astimezone(UTC),
        "zone": answer.search.zone,
        "venue_id": venue_id,
        "host_city_id": host.city_id if host is not None else None,
        "video_link": video_link,
        "delegation_ids": [a.id for a in attendees if a.kind is AttendeeKind.DELEGATION],
        "participant_ids": [a.id for a in attendees if a.kind is AttendeeKind.PARTICIPANT],
    }


def meetings_command(
    editor: Editor,
    answer: SlotAnswer,
    title: str,
    video_link: str,
    spans: Sequence[tuple[datetime, datetime]],
) -> tuple[RecordCommand, list[CreateRecord]]:
    """One event per span, as one undo step; the step and the events' commands."""
    commands = []
    for start, end in spans:
        values = event_values(answer, title, video_link, start, end)
        commands.append(CreateRecord(editor, Event, values, values["title"]))
    named = commands[0].values["title"]
    if len(commands) == 1:
        return commands[0], commands
    text = translate("SlotFinder", "Create series '{named}' ({count} meetings)").format(
        named=named, count=len(commands)
    )
    return GroupCommand(editor, text, commands), commands


def series_command(
    editor: Editor, answer: SlotAnswer, plan: SeriesPlan, title: str, video_link: str
) -> tuple[CreateRecord, RecordCommand] | None:
    """One series event whose rule gives every window an occurrence, and one changed
    occurrence per window where the planner chose another time (or nothing was free),
    as :func:`~cpp_scheduler.services.slot_search.series_layout` lays it out.

    None when the rule's occurrences do not line up with the windows; the caller then
    creates one event per meeting.
    """
    layout = series_layout(replace(answer, plan=plan))
    if layout is None:
        return None
    values = event_values(answer, title, video_link, layout.start, layout.end)
    values["recurrence_rule"] = layout.rule
    series = CreateRecord(editor, Event, values, values["title"])
    commands: list[RecordCommand] = [series]
    for change in layout.changes:
        values_of_change: dict[str, Any] = {
            "event_id": series.record_id,
            "recurrence_id": change.recurrence_id,
            "cancelled": change.slot is None,
        }
        if change.slot is not None:
            values_of_change.update(start_utc=change.slot.start, end_utc=change.slot.end)
        day = i18n.day_month_text(
            timezones.to_local(change.recurrence_id, answer.search.zone).date()
        )
        commands.append(CreateRecord(editor, OccurrenceOverride, values_of_change, day))
    if len(commands) == 1:
        return series, series
    meetings = sum(1 for slot in plan.slots if slot is not None)
    text = translate("SlotFinder", "Create series '{named}' ({count} meetings)").format(
        named=values["title"], count=meetings
    )
    return series, GroupCommand(editor, text, commands)
