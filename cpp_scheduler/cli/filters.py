"""The window's sidebar filters as options: a kind, a mode, a status, a partner city, a
theme, a delegation, a participant and a search text, which ``events list``, the agenda's
spreadsheet and the export of the events the calendar shows take, read into the model's
one :class:`~cpp_scheduler.model.event_filter.EventFilter`."""

from __future__ import annotations

import argparse

from cpp_scheduler.i18n import _
from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus
from cpp_scheduler.model.event_filter import EventFilter
from cpp_scheduler.services.database import Database


def add_filter_options(
    parser: argparse.ArgumentParser,
    *,
    delegation: str = "--delegation",
    participant: str = "--participant",
) -> None:
    """The filters, each an option of ``parser``; ``delegation`` and ``participant``:
    the names of the delegation's and the participant's, where ``--delegation`` or
    ``--participant`` already means something else."""
    parser.add_argument("--kind", choices=[k.value for k in EventKind], help=_("only this kind"))
    parser.add_argument("--mode", choices=[m.value for m in EventMode], help=_("only this mode"))
    parser.add_argument(
        "--status", choices=[s.value for s in EventStatus], help=_("only this status")
    )
    parser.add_argument("--city", metavar="NAME", help=_("only this partner city's events"))
    parser.add_argument("--theme", metavar="NAME", help=_("only events on this theme (or code)"))
    parser.add_argument(
        delegation,
        dest="filter_delegation",
        metavar="NAME",
        help=_("only this delegation's events"),
    )
    parser.add_argument(
        participant,
        dest="filter_participant",
        metavar="EMAIL|NAME",
        help=_(
            "only this participant's events: those naming them or organised by them, and"
            " those their delegation attends"
        ),
    )
    parser.add_argument("--search", metavar="TEXT", default="", help=_("only events matching"))


def filtered(args: argparse.Namespace) -> bool:
    """Whether any filter was given."""
    return any(
        (
            args.kind,
            args.mode,
            args.status,
            args.city,
            args.theme,
            args.filter_delegation,
            args.filter_participant,
        )
    ) or bool(args.search)


def event_filter_of(database: Database, args: argparse.Namespace) -> EventFilter:
    """The filter the options give, a partner city, theme, delegation or participant
    found by name."""
    from cpp_scheduler.services import reports

    base = EventFilter(
        kind=EventKind(args.kind) if args.kind else None,
        mode=EventMode(args.mode) if args.mode else None,
        status=EventStatus(args.status) if args.status else None,
        text=args.search,
    )
    return reports.named_filter(
        database,
        city=args.city,
        theme=args.theme,
        delegation=args.filter_delegation,
        participant=args.filter_participant,
        base=base,
    )
