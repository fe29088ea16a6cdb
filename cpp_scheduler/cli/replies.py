"""``cpp-scheduler replies import|list``: the answers to invitations.

``import`` reads iTIP REPLY calendars from ``.ics`` files, ``.eml`` messages with a
``text/calendar`` part, or folders of both, and records each participant's answer;
``list`` shows who answered what, the attendance the window shows too; ``events`` lists
the events invitations went out for, which the Replies window offers to choose from.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.services import replies
from cpp_scheduler.services.replies import row_answer


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "replies",
        parents=[common],
        help=_("record and list the answers to invitations"),
        description=_("Answers to invitations: accepted, tentative, declined or delegated."),
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    read = kinds.add_parser(
        "import",
        parents=[common],
        help=_("record the answers of REPLY files"),
        description=_(
            "Record each answer of iTIP REPLY .ics files, .eml messages with a "
            "text/calendar part, or folders of them; a reply for an unknown event or from an "
            "address not invited is refused and recorded nowhere."
        ),
    )
    read.add_argument("files", nargs="+", type=Path, metavar="FILE", help=_(".ics, .eml, folder"))
    read.set_defaults(run=run_import)
    shown = kinds.add_parser(
        "list",
        parents=[common],
        help=_("who answered what"),
        description=_("Each recorded answer, by event and participant."),
    )
    which = shown.add_mutually_exclusive_group()
    which.add_argument("--event", metavar="UID", help=_("one event"))
    which.add_argument("--delegation", metavar="NAME", help=_("one delegation's members"))
    shown.add_argument(
        "--invited",
        action="store_true",
        help=_("every invited person, 'no answer' for those who have not replied"),
    )
    shown.add_argument("--json", action="store_true", help=_("print JSON"))
    shown.set_defaults(run=run_list)
    events = kinds.add_parser(
        "events",
        parents=[common],
        help=_("the events invitations went out for"),
        description=_(
            "The events invitations were sent for or answers recorded to, by start: the "
            "events the Replies window lists, each with its UID for list --event."
        ),
    )
    events.add_argument("--json", action="store_true", help=_("print JSON"))
    events.set_defaults(run=run_events)


def _meeting(reply: replies.RecordedReply) -> str:
    """What of the event an answer recorded is for (:func:`replies.answered_for`), in
    one pair of brackets after its title, as ``replies list`` words it: every meeting of
    a series, or one meeting with its time; nothing for a one-off event."""
    what = replies.answered_for(reply)
    return _(" ({meeting})").format(meeting=what) if what else ""


_RECORDED = {
    "accepted": N_("{person} accepted {title}{meeting}"),
    "declined": N_("{person} declined {title}{meeting}"),
    "tentative": N_("{person} answered tentatively to {title}{meeting}"),
    replies.DELEGATED: N_("{person} delegated {title}{meeting} to {delegates}"),
}
"""What an import says of each answer it recorded, a verb for each; a delegation with
whom it went to, and whom of them to invite."""


def recorded_line(reply: replies.RecordedReply) -> str:
    """One answer recorded, as a sentence: ``Ana <ana@x> accepted 'Workshop'``, ``Ana
    <ana@x> accepted 'Monthly call' (every meeting)``."""
    return _(_RECORDED[reply.answer]).format(
        person=f"{reply.participant} <{reply.email}>",
        title=f"'{reply.title}'",
        meeting=_meeting(reply),
        delegates=replies.delegates_text(reply.delegates),
    )


def run_import(args: argparse.Namespace) -> int:
    database = open_program(args.db)
    try:
        report = replies.import_replies(database, args.files)
    finally:
        database.close()
    for reply in report.recorded:
        print(recorded_line(reply))
    for refusal in report.refused:
        print(_("refused: {reason}").format(reason=refusal), file=sys.stderr)
    print(report.summary)
    return 1 if report.refused else 0


def run_list(args: argparse.Namespace) -> int:
    database = open_program(args.db)
    try:
        listing = replies.listed_answers(
            database, event_uid=args.event, delegation=args.delegation, invited=args.invited
        )
    finally:
        database.close()
    if args.json:
        print(json.dumps([row.as_json() for row in listing.rows], indent=2, ensure_ascii=False))
        return 0
    for row in listing.rows:
        # The event and what of it is answered for, in the words of every list of answers.
        print(
            f"{replies.title_and_answered_for(row)}: "
            f"{row.participant} <{row.email}> {row_answer(row)}"
        )
    print(listing.summary)
    return 0


def run_events(args: argparse.Namespace) -> int:
    database = open_program(args.db)
    try:
        events = replies.answered_events(database)
    finally:
        database.close()
    if args.json:
        print(json.dumps([event.as_json() for event in events], indent=2, ensure_ascii=False))
        return 0
    for event in events:
        print(f"{event.label}  {event.uid}")
    if not events:
        print(_("No invitation has gone out yet."))
    return 0
