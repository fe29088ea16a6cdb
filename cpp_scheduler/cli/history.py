"""``cpp-scheduler history``: who changed a record, when, from what to what."""

from __future__ import annotations

import argparse
from typing import Any

from cpp_scheduler import timezones
from cpp_scheduler.cli.dates import parse_day
from cpp_scheduler.cli.engine_formats import print_json, utc_z
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.services.field_names import field_name
from cpp_scheduler.services.history import (
    HistoryEntry,
    read_history_of,
    read_history_since,
)


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "history",
        parents=[common],
        help=_("who changed a record (or anything since a day), when, from what to what"),
        description=_(
            "List the changes of one record, named by its id or (for an event) "
            "its calendar UID, or every change since a day (a whole day in Tokyo), oldest "
            "first, with the author, the time (UTC) and each field's value before and after."
        ),
    )
    parser.add_argument(
        "record", nargs="?", metavar="UID", help=_("an event's UID or a record's id")
    )
    parser.add_argument(
        "--since", metavar="DATE", help=_("every change from this day on (YYYY-MM-DD)")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def _value(text: str | None) -> str:
    """A value in the words the services gave it (as the History panel shows it), or a
    dash for none."""
    return "-" if text is None else printable(text, 60)


_ACTIONS = {"created": N_("created"), "changed": N_("changed"), "deleted": N_("deleted")}
"""The history's verbs, as a line names what was done to the record."""


def entry_lines(entry: HistoryEntry) -> list[str]:
    """One line for the change, one for each field it changed (a creation: a count); a
    change of one meeting of a series in one line, in words."""
    source = _(" (from {source})").format(source=entry.source) if entry.source else ""
    if entry.meeting is not None:
        return [
            _("{when}  #{number}  {author}  {record}: {meeting}{source}").format(
                when=utc_z(entry.changed_at),
                number=entry.change_id,
                author=entry.author,
                record=entry.label,
                meeting=entry.meeting,
                source=source,
            )
        ]
    head = _("{when}  #{number}  {author}  {action} {record} (version {version}){source}").format(
        when=utc_z(entry.changed_at),
        number=entry.change_id,
        author=entry.author,
        action=_(_ACTIONS.get(entry.action, entry.action)),
        record=entry.label,
        version=entry.version,
        source=source,
    )
    if entry.action != "changed":
        return [head]
    return (
        [head]
        + [
            f"    {field_name(field.name)}: {_value(field.old_text)} -> {_value(field.new_text)}"
            for field in entry.shown_fields
        ]
        + [f"    {sentence}" for sentence in entry.set_aside]
    )


def run(args: argparse.Namespace) -> int:
    if (args.record is None) == (args.since is None):
        raise CliError(_("give either a record's UID or id, or --since DATE"), status=2)
    since = parse_day("--since", args.since)
    database = open_program(args.db)
    try:
        if since is not None:
            read = read_history_since(database, timezones.day_start(since, timezones.TOKYO))
        else:
            read = read_history_of(database, args.record)
    finally:
        database.close()
    entries = read.entries
    if args.record is not None and not entries:
        raise CliError(
            _("no record with the id or UID '{record}' has a history").format(
                record=printable(args.record)
            )
        )
    if args.json:
        print_json(
            {
                "changes": [entry.as_json() for entry in entries],
                "total": read.total,
                "cut": read.cut,
            }
        )
        return 0
    if read.cut:
        print(read.cut_note())
    for entry in entries:
        print("\n".join(entry_lines(entry)))
    return 0
