"""``cpp-scheduler changes``: what changed since each participant's last message.

The report the window's changes dialog shows and ``send updates`` sends, from
:mod:`cpp_scheduler.services.changes`: per participant, each event that changed (how, on
their clock), was cancelled, or that they were added to or removed from.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from cpp_scheduler.cli.columns import one_line
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.cli.send import scope_of
from cpp_scheduler.i18n import _
from cpp_scheduler.services.changes import (
    ChangeReport,
    change_report,
    changes_count_text,
    report_summary,
)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "changes",
        parents=[common],
        help=_("what changed since each participant was last sent a message"),
        description=_(
            "Per participant, each event that changed, was cancelled, or that "
            "they were added to or removed from since their last message; the whole program "
            "without --event, --delegation or --tour."
        ),
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--event", metavar="UID", help=_("one event"))
    which.add_argument("--delegation", metavar="NAME", help=_("the delegation's members"))
    which.add_argument("--tour", metavar="ID|TITLE", help=_("a study tour's events"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def report_text(report: ChangeReport) -> list[str]:
    """The report as lines: each participant, then each event and what changed, in the
    program's language (a participant's message words it in theirs). Each line is one,
    whatever line breaks a name or a title holds (:func:`one_line`)."""
    if not report.changes:
        return [report_summary(report)]
    lines: list[str] = []
    for changes in report.by_participant().values():
        person = changes[0].person_text
        lines.append(f"{one_line(person)}: {changes_count_text(len(changes))}")
        for change in changes:
            lines.append(f"  {one_line(change.heading)}")
            lines.extend(f"    {one_line(detail)}" for detail in change.reported)
    lines.append(report_summary(report))  # as the window sums it up
    return lines


def run(args: argparse.Namespace) -> int:
    database = open_program(args.db)
    try:
        report = change_report(database, scope_of(args))
    finally:
        database.close()
    if args.json:
        print(
            json.dumps(
                [change.as_json() for change in report.changes], indent=2, ensure_ascii=False
            )
        )
    else:
        print("\n".join(report_text(report)))
    return 0
